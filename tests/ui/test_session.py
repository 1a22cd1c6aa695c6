"""Pilot tests of the session screen: whole meetings driven with keys only, then the stored result."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.events import Key
from textual.widgets import Input, Static

from intervisie_tui.core.meeting import clock as clock_of
from intervisie_tui.core.methods import Board, load_shipped
from intervisie_tui.core.model import MeetingStatus, PhaseStatus
from intervisie_tui.core.session_rounds import RECORD_ACTIVITIES
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.session.screen import SessionScreen
from intervisie_tui.ui.session.whiteboard import Whiteboard
from tests.conftest import FrozenClock
from tests.ui.helpers import add_note, begin, choose_method, group_file, make_app, reopened, told, type_text

LIBRARY = load_shipped()
METHOD_IDS = sorted(LIBRARY.methods)


@pytest.mark.slow
@pytest.mark.parametrize("method_id", METHOD_IDS)
async def test_a_whole_meeting_with_every_method_is_stored_as_it_happened(tmp_path: Path, method_id: str) -> None:
    """From check-in to the closing round with keys only; after quitting, the file holds exactly that."""
    clock = FrozenClock()
    app, group = group_file(tmp_path, clock)
    method = LIBRARY.get(method_id)
    typed: dict[str, list[tuple[str, str]]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await begin(pilot)  # check-in, with its question who is here
        for frame_phase in ("checkin", "lookback", "inventory"):
            assert screen.meeting.phases[screen.meeting.current].key == frame_phase
            if frame_phase == "checkin":  # look-back and inventory keep records, not notes (tests/ui/test_rounds.py)
                await add_note(pilot, f"notitie {frame_phase}", typed=False)
                typed.setdefault(frame_phase, []).append(("", f"notitie {frame_phase}"))
            clock.advance(minutes=5)
            await pilot.press("n")
        assert screen.meeting.phases[screen.meeting.current].key == "choice"
        await choose_method(pilot, method_id)
        assert [slot.method_id for slot in screen.meeting.slots] == [method_id]
        clock.advance(minutes=3)
        await pilot.press("n")
        for step in method.steps:
            phase = screen.meeting.phases[screen.meeting.current]
            assert phase.key == f"case1.{step.key}"
            rule = str(screen.query_one("#phase-rule", Static).render())
            assert rule == step.rule()
            columns = [] if step.activity in RECORD_ACTIVITIES else screen.query_one(Whiteboard).lists()
            for index, note_list in enumerate(columns):
                if index:
                    await pilot.press("right")
                text = f"{step.key} {index}"
                await add_note(pilot, text, typed=False)
                typed.setdefault(phase.key, []).append((note_list.column, text))
            if step.board is Board.SCALE:
                await pilot.press("greater_than_sign", "greater_than_sign")
            clock.advance(minutes=step.minutes + 1)  # every step runs a minute over
            await pilot.press("n")
        assert screen.meeting.phases[screen.meeting.current].key == "closing"
        await pilot.press("plus")
        clock.advance(minutes=10)
        await pilot.press("n")  # last phase: asks to end
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.meeting.status is MeetingStatus.CLOSED
        await pilot.press("ctrl+q")
    opener, repository = reopened(tmp_path, clock, app)
    try:
        [summary] = repository.meetings(group.id)
        content = repository.meeting_content(summary.id)
        meeting = content.meeting
        assert meeting.status is MeetingStatus.CLOSED
        assert meeting.method_id == method_id
        assert all(phase.status is PhaseStatus.DONE for phase in meeting.phases)
        spent = {phase.key: phase.spent_seconds for phase in meeting.phases}
        assert spent["checkin"] == spent["lookback"] == spent["inventory"] == 300
        assert spent["choice"] == 180
        for step in method.steps:
            assert spent[f"case1.{step.key}"] == (step.minutes + 1) * 60
            phase = next(p for p in meeting.phases if p.key == f"case1.{step.key}")
            assert phase.scale_value == (6 if step.board is Board.SCALE else None)
        closing = meeting.phases[-1]
        assert closing.key == "closing" and closing.extra_minutes == 1 and closing.spent_seconds == 600
        assert meeting.actual_end == clock()
        stored = {}
        for note in content.notes:
            stored.setdefault(note.phase_key, []).append((note.column, note.text))
        assert {key: sorted(value) for key, value in stored.items()} == {
            key: sorted(value) for key, value in typed.items()
        }
    finally:
        repository.close()
        opener.release()


async def test_going_back_keeps_the_notes_and_adds_to_the_time(tmp_path: Path) -> None:
    """Back to an earlier phase: its notes are there, and its clock continues from where it was."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        await add_note(pilot, "hoe zit je erbij")
        clock.advance(minutes=4)
        await pilot.press("n")
        clock.advance(minutes=2)
        await pilot.press("b")
        screen = app.screen
        assert screen.meeting.current == 0
        assert screen.meeting.phases[1].status is PhaseStatus.PENDING
        assert screen.meeting.phases[1].spent_seconds == 120
        board = screen.query_one(Whiteboard)
        assert [str(option.prompt) for option in board.lists()[0].options] == ["• Aya: hoe zit je erbij"]
        clock.advance(minutes=1)
        reading = clock_of(screen.meeting, clock())
        assert reading.elapsed_seconds == 300


async def test_quitting_and_reopening_resumes_the_phase_with_the_clock_where_it_was(tmp_path: Path) -> None:
    """The time the app is closed does not count; the reopened file opens on the same phase."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        clock.advance(minutes=3)
        await pilot.press("n")
        clock.advance(minutes=2, seconds=30)
        await pilot.press("ctrl+q")
    clock.advance(hours=2)  # closed for two hours
    app.context.opener.release()
    app = make_app(tmp_path, unlocked=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.meeting.phases[screen.meeting.current].key == "lookback"
        assert clock_of(screen.meeting, clock()).elapsed_seconds == 150
        clock.advance(seconds=30)
        assert clock_of(screen.meeting, clock()).elapsed_seconds == 180
        await pilot.press("ctrl+q")


async def test_pause_records_a_break_and_stops_the_clock(tmp_path: Path) -> None:
    """Space pauses (the clock stands still, the caption says so) and resumes."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        clock.advance(minutes=2)
        await pilot.press("space")
        await pilot.pause()
        screen = app.screen
        clock.advance(minutes=10)
        screen._tick()
        assert clock_of(screen.meeting, clock()).elapsed_seconds == 120
        assert "Pauze" in str(screen.query_one("#clock-caption", Static).render())
        await pilot.press("space")
        assert len(screen.meeting.breaks) == 1
        assert (screen.meeting.breaks[0].end - screen.meeting.breaks[0].start).total_seconds() == 600


async def test_notes_can_be_edited_reordered_deleted_and_restored(tmp_path: Path) -> None:
    """e edits, ctrl+up moves, d deletes, u restores; the stored notes follow."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        screen = app.screen
        for text in ("een", "twee", "drie"):
            await add_note(pilot, text)

        def texts() -> list[str]:
            notes = [note for note in screen.notes if note.phase_key == "checkin"]
            return [note.text for note in sorted(notes, key=lambda note: note.position)]

        assert texts() == ["een", "twee", "drie"]
        await pilot.press("ctrl+up")
        assert texts() == ["een", "drie", "twee"]
        await pilot.press("e", "ctrl+u")  # ctrl+u clears the field
        await type_text(pilot, "DRIE")
        await pilot.press("enter")
        await pilot.pause()
        assert texts() == ["een", "DRIE", "twee"]
        await pilot.press("d")
        assert texts() == ["een", "twee"]
        await pilot.press("u")
        assert texts() == ["een", "DRIE", "twee"]
        await pilot.press("ctrl+q")
    opener, repository = reopened(tmp_path, clock, app)
    try:
        meeting_id = repository.meetings(_group.id)[0].id
        notes = sorted(repository.meeting_content(meeting_id).notes, key=lambda note: note.position)
        assert [note.text for note in notes] == ["een", "DRIE", "twee"]
        assert [note.position for note in notes] == [0, 1, 2]
    finally:
        repository.close()
        opener.release()


async def test_markup_in_a_note_is_shown_literally(tmp_path: Path) -> None:
    """A note that looks like Textual markup is kept and shown as typed, and does nothing."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        await add_note(pilot, "[@click=app.quit]weg[/] [b]vet[/b]")
        screen = app.screen
        [option] = screen.query_one(Whiteboard).lists()[0].options
        assert str(option.prompt) == "• Aya: [@click=app.quit]weg[/] [b]vet[/b]"  # signed: the check-in round
        assert app.is_running


async def test_an_empty_note_is_refused_and_the_field_stays_open(tmp_path: Path) -> None:
    """Enter on an empty note says why and keeps the field open; Esc closes it without a note."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        await pilot.press("a", "space", "enter")
        await pilot.pause()
        screen = app.screen
        field = screen.query_one("#note-input", Input)
        assert not field.has_class("-hidden")
        assert screen.notes == []
        await pilot.press("escape")
        assert field.has_class("-hidden")
        assert isinstance(app.screen, SessionScreen)


async def test_keys_typed_into_a_note_do_not_drive_the_meeting(tmp_path: Path) -> None:
    """While the note field is open, n, b and space are text, not phase changes."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        screen = app.screen
        await add_note(pilot, "n b s x m a")
        assert screen.meeting.current == 0
        assert [note.text for note in screen.notes] == ["n b s x m a"]


async def test_two_cases_each_get_their_method(tmp_path: Path) -> None:
    """In the chooser t adds a second case; both cases' steps follow each other before the closing round."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        await pilot.press("n", "n", "n", "m", "t")
        order = [method.id for method in LIBRARY.ordered()]
        await pilot.press("home", *(["down"] * order.index("roddel")), "enter")
        await pilot.press("home", *(["down"] * order.index("balint")), "enter")
        await pilot.pause()
        screen = app.screen
        assert [slot.method_id for slot in screen.meeting.slots] == ["roddel", "balint"]
        keys = [phase.key for phase in screen.meeting.phases]
        expected = [f"case1.{s.key}" for s in LIBRARY.get("roddel").steps]
        expected += [f"case2.{s.key}" for s in LIBRARY.get("balint").steps]
        assert keys == ["checkin", "lookback", "inventory", "choice", *expected, "closing"]


async def test_f1_lists_the_keys_of_the_session_screen(tmp_path: Path) -> None:
    """The help screen shows the bindings in effect, including ones the footer leaves out."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "f1")
        await pilot.pause()
        from textual.widgets import DataTable

        table = app.screen.query_one("#help-keys", DataTable)
        rows = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert {"Volgende", "Terug", "Pauze", "Notitie", "Werkvorm", "Fase overslaan", "Eerdere notities"} <= set(rows)
        # The check-in is a round: its keys are listed, after the session's everyday keys.
        assert rows[0] == "Volgende"
        assert rows.index("Volgende beurt") > rows.index("Werkvorm")
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)


async def test_a_key_typed_at_start_reaches_the_meeting_screen(tmp_path: Path) -> None:
    """The meeting is opened on the app's first turn; a key already waiting is handled by its screen, once it is there."""
    from intervisie_tui.ui.dialogs.keys_help import KeysHelp
    from intervisie_tui.ui.session.screen import SessionScreen

    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")  # no pause first
        await pilot.pause()
        assert isinstance(app.screen, KeysHelp)
        assert isinstance(app.screen_stack[-2], SessionScreen)


async def test_a_note_opened_before_the_boards_focus_arrives_keeps_the_focus(tmp_path: Path) -> None:
    """Enter saves a note and asks for the board's focus after the next frame. A fast typist's a comes
    first and opens the field for the next note: the late focus must not take the field's letters away."""
    from intervisie_tui.core.session_change import Focus

    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        screen = app.screen
        await add_note(pilot, "x")
        await pilot.press("a")
        screen._focus(Focus())  # the board's focus asked for by Enter, arriving only now
        await pilot.press("y", "z", "enter")
        await pilot.pause()
        assert [note.text for note in screen.notes] == ["x", "yz"]


def _one_read(app, keys: str) -> None:
    """``keys`` as one read from the terminal: all handed to the app before it handles any (\\r is Enter)."""
    for character in keys:
        app.post_message(Key("enter" if character == "\r" else character, character))


async def _meeting_begun(pilot) -> SessionScreen:
    """The group's meeting opened from the groups and begun; its screen."""
    await pilot.press("enter")
    await begin(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    return screen


async def test_letters_typed_with_enter_in_one_read_go_to_the_next_note(tmp_path: Path) -> None:
    """Enter and the next letters in one read from the terminal: the letters used to reach the field
    before its Enter was acted on, and were submitted with the note. Now the note is what came before
    Enter, and the add key after it opens the next note with the rest, as when typed a moment later."""
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _meeting_begun(pilot)
        await add_note(pilot, "w")
        await pilot.press("a")
        await type_text(pilot, "x")
        _one_read(app, "\rayz")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [note.text for note in sorted(screen.notes, key=lambda note: note.position)] == ["w", "x", "yz"]


async def test_other_keys_typed_with_enter_in_one_read_are_kept_in_a_note_not_acted_on(tmp_path: Path) -> None:
    """n after Enter in the same read would have moved to the next phase unseen: it is kept as text."""
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _meeting_begun(pilot)
        phase = screen.meeting.current
        await pilot.press("a")
        await type_text(pilot, "x")
        _one_read(app, "\rn")
        await pilot.pause()
        assert screen.meeting.current == phase
        assert app.focused is not None and app.focused.id == "note-input" and app.focused.value == "n"
        assert any("Enter" in text for text in told(app))
        await pilot.press("escape")
        await pilot.pause()
        assert [note.text for note in screen.notes] == ["x"]


async def test_letters_that_reach_the_field_after_it_closed_open_the_next_note(tmp_path: Path) -> None:
    """Keys forwarded to the field while it had the focus can arrive after Enter closed it: they used
    to go into the hidden field, and the next note's opening cleared them."""
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _meeting_begun(pilot)
        await pilot.press("a")
        await type_text(pilot, "x")
        field = app.focused
        await pilot.press("enter")
        await pilot.pause()
        assert field.disabled
        for character in "ayz":  # forwarded before the field closed, arriving now
            field.post_message(Key(character, character))
        await pilot.pause()
        await pilot.pause()
        assert app.focused is field and field.value == "yz"
        await pilot.press("enter")
        await pilot.pause()
        assert [note.text for note in screen.notes] == ["x", "yz"]


async def test_letters_typed_with_the_add_key_in_one_read_are_the_notes_text(tmp_path: Path) -> None:
    """a and the note's letters in one read: all forwarded to the board before the field had the focus.
    They went nowhere (and e, d would have edited or deleted a note); now they are the note, and Enter
    in the same read keeps it."""
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _meeting_begun(pilot)
        await add_note(pilot, "Eerste")
        await pilot.pause()
        _one_read(app, "aTweede\r")
        await pilot.pause()
        await pilot.pause()
        assert [note.text for note in screen.notes] == ["Eerste", "Tweede"]
        assert not screen.is_typing()


async def test_notes_typed_in_one_read_are_kept_in_the_order_typed(tmp_path: Path) -> None:
    """Three notes and their Enters in one read: each kept after the one before it."""
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _meeting_begun(pilot)
        await pilot.press("a")
        await type_text(pilot, "Eerste")
        _one_read(app, "\raTweede\raDerde\r")
        await pilot.pause()
        await pilot.pause()
        ordered = sorted(screen.notes, key=lambda note: note.position)
        assert [note.text for note in ordered] == ["Eerste", "Tweede", "Derde"]
        assert not screen.is_typing()
