"""The whiteboard's pure operations: columns stay numbered 0..n-1, text stays literal, nothing is lost."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intervisie_tui.core import whiteboard as wb
from intervisie_tui.core.methods import Board, Column, Speaker, Step, Text, load_shipped
from intervisie_tui.core.model import Note
from intervisie_tui.core.sanitize import TEXT_MAX, TextRejected

NOW = datetime(2026, 11, 22, 14, 5, tzinfo=timezone(timedelta(hours=1)))
LATER = NOW + timedelta(minutes=3)
MEETING = "meeting-1"
PHASE = "case1.vragen"
OTHER_PHASE = "case1.advies"


def _note(
    text: str,
    position: int,
    *,
    column: str = "",
    phase_key: str = PHASE,
    note_id: str | None = None,
    meeting_id: str = MEETING,
) -> Note:
    return Note(
        id=note_id or f"{phase_key}/{column}/{position}",
        meeting_id=meeting_id,
        phase_key=phase_key,
        text=text,
        position=position,
        column=column,
        updated_at=NOW,
    )


def _apply(notes: list[Note], changed: list[Note], removed: Note | None = None) -> list[Note]:
    """What a store holds after saving ``changed`` (by id) and removing ``removed``."""
    by_id = {note.id: note for note in notes}
    if removed is not None:
        del by_id[removed.id]
    by_id.update({note.id: note for note in changed})
    return list(by_id.values())


def _texts(notes: list[Note], phase_key: str = PHASE, column: str | None = None) -> list[str]:
    """The texts of MEETING's board for one phase (and column), in order."""
    return [note.text for note in wb.board_notes(notes, phase_key, column) if note.meeting_id == MEETING]


def _assert_numbered(notes: list[Note]) -> None:
    """Every column of every phase holds positions 0..n-1 exactly once."""
    columns: dict[tuple[str, str, str], list[int]] = {}
    for note in notes:
        columns.setdefault((note.meeting_id, note.phase_key, note.column), []).append(note.position)
    for where, positions in columns.items():
        assert sorted(positions) == list(range(len(positions))), where


def _step(board: Board, *keys: str) -> Step:
    return Step(
        key="probe",
        name=Text(nl="Proef", en="Probe"),
        minutes=10,
        speaker=Speaker.GROUP_FREE,
        rule=Text(nl="Regel", en="Rule"),
        board=board,
        columns=tuple(Column(key=key, label=Text(nl=key, en=key)) for key in keys),
    )


@pytest.fixture
def board() -> list[Note]:
    """Three notes in the list column of PHASE, one in another phase, one of another meeting."""
    return [
        _note("a", 0),
        _note("b", 1),
        _note("c", 2),
        _note("elders", 0, phase_key=OTHER_PHASE),
        _note("andere bijeenkomst", 0, meeting_id="meeting-2", note_id="m2"),
    ]


# --- layout -------------------------------------------------------------------------------


def test_list_and_scale_boards_have_one_column() -> None:
    """LIST, SCALE and no step at all: the single column ""."""
    assert wb.column_keys(None) == ("",)
    assert wb.column_keys(_step(Board.LIST)) == ("",)
    assert wb.column_keys(_step(Board.SCALE)) == ("",)


def test_column_and_grid_boards_have_their_keys() -> None:
    """COLUMNS and GRID give their keys in order; a GRID of other than 4 cells behaves like COLUMNS."""
    assert wb.column_keys(_step(Board.COLUMNS, "a", "b", "c")) == ("a", "b", "c")
    assert wb.column_keys(_step(Board.GRID, "tl", "tr", "br", "bl")) == ("tl", "tr", "br", "bl")
    assert wb.column_keys(_step(Board.GRID, "a", "b", "c")) == ("a", "b", "c")
    assert wb.column_keys(_step(Board.COLUMNS)) == ("",)


def test_grid_rows_turn_clockwise_into_rows() -> None:
    """(TL, TR, BR, BL) becomes ((TL, TR), (BL, BR)); other sizes are refused."""
    assert wb.grid_rows(("tl", "tr", "br", "bl")) == (("tl", "tr"), ("bl", "br"))
    assert wb.grid_rows(["k0", "k1", "k2", "k3"]) == (("k0", "k1"), ("k3", "k2"))
    with pytest.raises(ValueError):
        wb.grid_rows(("a", "b", "c"))


def test_kernkwadranten_grid_puts_the_quadrant_in_place() -> None:
    """Ofman: kernkwaliteit top left, valkuil top right, allergie bottom left, uitdaging bottom right."""
    method = load_shipped().get("kernkwadranten")
    assert method is not None
    step = method.step("kwadrant")
    assert step is not None and step.board is Board.GRID
    keys = wb.column_keys(step)
    assert keys == ("kernkwaliteit", "valkuil", "uitdaging", "allergie")
    assert wb.grid_rows(keys) == (("kernkwaliteit", "valkuil"), ("allergie", "uitdaging"))


def test_next_column_moves_left_and_right_and_stops_at_the_edges() -> None:
    """Left/right navigation is clamped; an unknown column counts as the first; no columns, no target."""
    keys = ("a", "b", "c")
    assert wb.next_column(keys, "a", 1) == "b"
    assert wb.next_column(keys, "b", -1) == "a"
    assert wb.next_column(keys, "c", 1) == "c"
    assert wb.next_column(keys, "a", -1) == "a"
    assert wb.next_column(keys, "a", 10) == "c"
    assert wb.next_column(keys, "zz", 1) == "b"
    assert wb.next_column(("",), "", 1) == ""
    assert wb.next_column((), "", 1) is None


# --- reading ------------------------------------------------------------------------------


def test_board_notes_filters_by_phase_and_column_and_orders_by_position_then_id() -> None:
    """Notes of other phases and columns are left out; ties in position fall back to the id."""
    notes = [
        _note("twee", 1, column="x", note_id="n2"),
        _note("nul-b", 0, column="x", note_id="b"),
        _note("nul-a", 0, column="x", note_id="a"),
        _note("andere kolom", 0, column="y"),
        _note("andere fase", 0, column="x", phase_key=OTHER_PHASE),
    ]
    assert _texts(notes, column="x") == ["nul-a", "nul-b", "twee"]
    assert _texts(notes, column="y") == ["andere kolom"]
    assert _texts(notes) == ["nul-a", "nul-b", "andere kolom", "twee"]
    assert wb.board_notes(notes, "no such phase") == []


# --- adding and editing -------------------------------------------------------------------


def test_add_note_goes_to_the_end_of_its_column(board: list[Note]) -> None:
    """A new note gets the next position; nothing else changes."""
    note, changed = wb.add_note(board, meeting_id=MEETING, phase_key=PHASE, text="  d \n", now=LATER, case_id="c1")
    assert changed == [note]
    assert (note.text, note.position, note.column, note.case_id, note.updated_at) == ("d", 3, "", "c1", LATER)
    assert (note.meeting_id, note.phase_key) == (MEETING, PHASE)
    after = _apply(board, changed)
    assert _texts(after) == ["a", "b", "c", "d"]
    _assert_numbered(after)


def test_add_note_right_after_another_shifts_the_rest(board: list[Note]) -> None:
    """Inserting after "a" moves b and c down one; the new note comes first in what to save."""
    note, changed = wb.add_note(board, meeting_id=MEETING, phase_key=PHASE, text="a2", now=LATER, after=board[0])
    assert changed[0] == note and note.position == 1
    assert {n.text: n.position for n in changed} == {"a2": 1, "b": 2, "c": 3}
    assert all(n.updated_at == LATER for n in changed)
    after = _apply(board, changed)
    assert _texts(after) == ["a", "a2", "b", "c"]
    _assert_numbered(after)


def test_add_note_after_the_last_note_or_a_note_elsewhere_goes_to_the_end(board: list[Note]) -> None:
    """``after`` in another column or phase is ignored: the note goes to the end of its own column."""
    _, changed = wb.add_note(board, meeting_id=MEETING, phase_key=PHASE, text="z", now=LATER, after=board[2])
    assert [(n.text, n.position) for n in changed] == [("z", 3)]
    _, changed = wb.add_note(board, meeting_id=MEETING, phase_key=PHASE, text="z", now=LATER, after=board[3])
    assert [(n.text, n.position) for n in changed] == [("z", 3)]


def test_add_note_to_a_column_and_to_an_empty_board() -> None:
    """Columns count separately; the first note of a column has position 0."""
    note, changed = wb.add_note([], meeting_id=MEETING, phase_key=PHASE, text="eerste", now=NOW, column="a")
    assert changed == [note] and note.position == 0 and note.column == "a"
    second, _ = wb.add_note(changed, meeting_id=MEETING, phase_key=PHASE, text="ander", now=NOW, column="b")
    assert second.position == 0


@pytest.mark.parametrize("text", ["[b]x[/b]", "[@click=app.quit]q[/]", "<b>vet</b>", "50% *echt*", "regel 1\nregel 2"])
def test_note_text_is_kept_literally(board: list[Note], text: str) -> None:
    """Markup-like text is stored exactly as typed; it is never interpreted."""
    note, _ = wb.add_note(board, meeting_id=MEETING, phase_key=PHASE, text=text, now=LATER)
    assert note.text == text
    assert wb.edit_note(board[0], text, LATER).text == text


def test_edit_note_cleans_the_text_and_touches_the_note(board: list[Note]) -> None:
    """Control characters and bidi overrides go; everything else of the note stays."""
    edited = wb.edit_note(board[1], " nieuw\x1b[31m\u202e tekst ", LATER)
    assert edited.text == "nieuw[31m tekst"
    assert edited.updated_at == LATER
    assert (edited.id, edited.position, edited.column, edited.phase_key) == (board[1].id, 1, "", PHASE)


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", "\u200b\u202e"])
def test_empty_text_is_refused_with_a_reason(board: list[Note], text: str) -> None:
    """A note needs text; the refusal carries a translatable reason."""
    with pytest.raises(TextRejected) as caught:
        wb.add_note(board, meeting_id=MEETING, phase_key=PHASE, text=text, now=LATER)
    assert caught.value.reason == wb.EMPTY_NOTE
    assert caught.value.message() and caught.value.message() != wb.EMPTY_NOTE  # Dutch by default
    with pytest.raises(TextRejected):
        wb.edit_note(board[0], text, LATER)


@pytest.mark.parametrize("text", ["a\x00b", "a\ud800b", "x" * (TEXT_MAX + 1)])
def test_unstorable_or_too_long_text_is_refused(board: list[Note], text: str) -> None:
    """NUL, lone surrogates and over-long text are refused by the sanitizer, for adding and editing."""
    with pytest.raises(TextRejected):
        wb.add_note(board, meeting_id=MEETING, phase_key=PHASE, text=text, now=LATER)
    with pytest.raises(TextRejected):
        wb.edit_note(board[0], text, LATER)


# --- deleting and moving ------------------------------------------------------------------


def test_delete_note_closes_the_gap(board: list[Note]) -> None:
    """Deleting "a" moves b and c up; other phases and meetings are untouched."""
    changed = wb.delete_note(board, board[0], LATER)
    assert {n.text: n.position for n in changed} == {"b": 0, "c": 1}
    after = _apply(board, changed, removed=board[0])
    assert _texts(after) == ["b", "c"]
    assert after[2:] == board[3:]
    _assert_numbered(after)


def test_delete_the_last_note_changes_nothing_else(board: list[Note]) -> None:
    """The last note of a column leaves no gap."""
    assert wb.delete_note(board, board[2], LATER) == []
    assert wb.delete_note([board[3]], board[3], LATER) == []


def test_restore_note_puts_it_back_where_it_was(board: list[Note]) -> None:
    """Undoing a delete brings the note back at its old place."""
    removed = board[1]
    after = _apply(board, wb.delete_note(board, removed, LATER), removed=removed)
    changed = wb.restore_note(after, removed, LATER)
    assert changed[0].id == removed.id and changed[0].updated_at == LATER
    after = _apply(after, changed)
    assert _texts(after) == ["a", "b", "c"]
    _assert_numbered(after)
    far = _note("ver", 9, note_id="far")
    after = _apply(after, wb.restore_note(after, far, LATER))
    assert _texts(after) == ["a", "b", "c", "ver"]
    _assert_numbered(after)


@pytest.mark.parametrize(
    ("index", "delta", "order"),
    [
        (0, 1, ["b", "a", "c"]),
        (2, -1, ["a", "c", "b"]),
        (2, -5, ["c", "a", "b"]),
        (0, 5, ["b", "c", "a"]),
        (1, 0, ["a", "b", "c"]),
        (0, -1, ["a", "b", "c"]),
        (2, 1, ["a", "b", "c"]),
    ],
)
def test_move_note_within_its_column_is_clamped(board: list[Note], index: int, delta: int, order: list[str]) -> None:
    """Up and down within the column; at the ends nothing changes."""
    changed = wb.move_note(board, board[index], delta, LATER)
    after = _apply(board, changed)
    assert _texts(after) == order
    assert len(changed) == sum(1 for old, new in zip("abc", order, strict=True) if old != new)
    assert all(n.updated_at == LATER for n in changed)
    assert after[3:] == board[3:]
    _assert_numbered(after)


def test_move_note_that_is_not_on_the_board_changes_nothing(board: list[Note]) -> None:
    """A stale note (already deleted) moves nowhere."""
    ghost = _note("weg", 0, note_id="ghost")
    assert wb.move_note(board, ghost, 1, LATER) == []
    assert wb.move_to_column(board, ghost, "x", LATER) == []


def test_move_to_column_goes_to_the_end_and_renumbers_both() -> None:
    """The note leaves a gap that closes and lands at the end of the other column."""
    notes = [_note("a0", 0, column="a"), _note("a1", 1, column="a"), _note("b0", 0, column="b")]
    changed = wb.move_to_column(notes, notes[0], "b", LATER)
    assert changed[0].id == notes[0].id
    assert (changed[0].column, changed[0].position, changed[0].updated_at) == ("b", 1, LATER)
    assert {n.text: (n.column, n.position) for n in changed} == {"a0": ("b", 1), "a1": ("a", 0)}
    after = _apply(notes, changed)
    assert _texts(after, column="a") == ["a1"]
    assert _texts(after, column="b") == ["b0", "a0"]
    _assert_numbered(after)


def test_move_to_its_own_column_changes_nothing(board: list[Note]) -> None:
    """Moving a note to the column it is in is no change."""
    assert wb.move_to_column(board, board[0], "", LATER) == []


def test_move_to_an_empty_column_gives_position_zero(board: list[Note]) -> None:
    """A column without notes starts at 0."""
    changed = wb.move_to_column(board, board[1], "rechts", LATER)
    after = _apply(board, changed)
    assert _texts(after, column="rechts") == ["b"]
    assert _texts(after, column="") == ["a", "c"]
    assert after[3:] == board[3:]
    _assert_numbered(after)


def test_damaged_positions_are_repaired_by_the_next_change() -> None:
    """Gaps or duplicates from an older file are renumbered when the column changes."""
    notes = [_note("a", 0, note_id="1"), _note("b", 0, note_id="2"), _note("c", 7, note_id="3")]
    after = _apply(notes, wb.delete_note(notes, _note("x", 9, note_id="zz"), LATER))
    assert _texts(after) == ["a", "b", "c"]
    _assert_numbered(after)


def test_renumber_returns_only_what_changed() -> None:
    """Notes already in place are not touched."""
    notes = [_note("a", 0), _note("b", 5), _note("c", 2)]
    changed = wb.renumber(notes, LATER)
    assert [(n.text, n.position) for n in changed] == [("b", 1)]


# --- random sequences ---------------------------------------------------------------------

COLUMNS = ("", "a", "b")
PHASES = (PHASE, OTHER_PHASE)

operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(PHASES), st.sampled_from(COLUMNS), st.integers(0, 30)),
        st.tuples(st.just("delete"), st.integers(0, 30)),
        st.tuples(st.just("move"), st.integers(0, 30), st.integers(-3, 3)),
        st.tuples(st.just("column"), st.integers(0, 30), st.sampled_from(COLUMNS)),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(operations)
def test_random_sequences_keep_columns_numbered_and_notes_whole(ops: list[tuple]) -> None:
    """Any sequence of changes keeps every column a permutation of 0..n-1 and never loses a note."""
    notes: list[Note] = []
    alive: set[str] = set()
    for op in ops:
        kind, *args = op
        if kind == "add":
            phase_key, column, pick = args
            after = notes[pick % len(notes)] if notes and pick % 2 else None
            note, changed = wb.add_note(
                notes,
                meeting_id=MEETING,
                phase_key=phase_key,
                text=f"n{len(alive)}",
                now=LATER,
                column=column,
                after=after,
            )
            assert note.id not in alive
            alive.add(note.id)
            notes = _apply(notes, changed)
        elif not notes:
            continue
        elif kind == "delete":
            target = notes[args[0] % len(notes)]
            notes = _apply(notes, wb.delete_note(notes, target, LATER), removed=target)
            alive.discard(target.id)
        elif kind == "move":
            target = notes[args[0] % len(notes)]
            notes = _apply(notes, wb.move_note(notes, target, args[1], LATER))
        else:
            target = notes[args[0] % len(notes)]
            notes = _apply(notes, wb.move_to_column(notes, target, args[1], LATER))
        ids = Counter(note.id for note in notes)
        assert set(ids) == alive and all(count == 1 for count in ids.values())
        _assert_numbered(notes)


def test_a_note_is_marked_for_the_minutes_and_unmarked_again() -> None:
    """Marking touches the note; marking it as it already is changes nothing. A stored note without the
    field (an older file) reads as not marked."""
    from intervisie_tui.store.codec import decode, encode

    note = _note("Betrokkenheid", 0)
    assert not note.in_minutes
    marked = wb.mark_for_minutes(note, True, LATER)
    assert marked.in_minutes and marked.updated_at == LATER and marked.text == note.text
    assert wb.mark_for_minutes(marked, True, NOW) is marked
    assert not wb.mark_for_minutes(marked, False, LATER).in_minutes
    older = {key: value for key, value in encode(marked).items() if key != "in_minutes"}
    assert decode(Note, older).in_minutes is False
