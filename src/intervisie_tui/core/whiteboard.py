"""The whiteboard of a phase: notes in columns, as pure functions.

A phase's board is laid out as its method step says (:class:`Board`): one
list (LIST, SCALE), side-by-side columns (COLUMNS) or a 2×2 grid (GRID). A
note belongs to one column of one phase of one meeting, identified by
``(meeting_id, phase_key, column)``; the single column of a list board has the
key ``""``. Within a column, ``position`` runs 0..n-1 without gaps.

Every operation takes the time as a parameter and returns the records it
changed (with ``updated_at`` set), so the caller saves exactly those. Note text
is cleaned (:func:`clean_text`) but kept literally otherwise: it is never
markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from intervisie_tui.core.methods import Board, Step
from intervisie_tui.core.model import Note, new_id, touch
from intervisie_tui.core.sanitize import TextRejected, clean_text
from intervisie_tui.i18n import N_

LIST_COLUMN = ""
"""The key of the one column of a list (or scale) board."""

EMPTY_NOTE = N_("The text is empty and was not accepted.")


# --- layout -------------------------------------------------------------------------------


def column_keys(step: Step | None) -> tuple[str, ...]:
    """The column keys of a step's board, left to right (a grid: clockwise from top left).

    LIST and SCALE boards (and no step at all) have one column, ``""``. COLUMNS
    and GRID boards have their columns' keys; a GRID whose number of cells is
    not 4 cannot be drawn as 2×2 and behaves like COLUMNS. A COLUMNS or GRID
    step without columns falls back to the single list column.
    """
    if step is None or step.board in (Board.LIST, Board.SCALE) or not step.columns:
        return (LIST_COLUMN,)
    return tuple(column.key for column in step.columns)


def grid_rows(keys: Sequence[str]) -> tuple[tuple[str, str], tuple[str, str]]:
    """The 2×2 rows of a grid whose 4 keys are listed clockwise from the top left.

    ``(TL, TR, BR, BL)`` becomes ``((TL, TR), (BL, BR))``; e.g. Ofman's core
    quadrant puts kernkwaliteit and valkuil on top, allergie and uitdaging below.
    Raises ValueError for other than 4 keys.
    """
    if len(keys) != 4:
        raise ValueError(f"a grid has 4 cells, not {len(keys)}")
    top_left, top_right, bottom_right, bottom_left = keys
    return (top_left, top_right), (bottom_left, bottom_right)


def next_column(keys: Sequence[str], current: str, delta: int) -> str | None:
    """The column ``delta`` steps left (negative) or right of ``current``, clamped at the edges.

    A ``current`` that is not one of ``keys`` counts as the first column; with
    no keys at all there is no column (``None``).
    """
    if not keys:
        return None
    index = keys.index(current) if current in keys else 0
    return keys[max(0, min(len(keys) - 1, index + delta))]


# --- reading ------------------------------------------------------------------------------


def _order(note: Note) -> tuple[int, str]:
    return (note.position, note.id)


def board_notes(notes: Iterable[Note], phase_key: str, column: str | None = None) -> list[Note]:
    """The notes of one phase (of one column, when given), by position then id."""
    return sorted(
        (note for note in notes if note.phase_key == phase_key and (column is None or note.column == column)),
        key=_order,
    )


def _peers(notes: Iterable[Note], meeting_id: str, phase_key: str, column: str) -> list[Note]:
    """The notes of one column of one phase of one meeting, in order."""
    return [note for note in board_notes(notes, phase_key, column) if note.meeting_id == meeting_id]


def _column_of(notes: Iterable[Note], note: Note) -> list[Note]:
    return _peers(notes, note.meeting_id, note.phase_key, note.column)


def _index(column: Sequence[Note], note_id: str) -> int | None:
    return next((index for index, note in enumerate(column) if note.id == note_id), None)


def renumber(column: Iterable[Note], now: datetime) -> list[Note]:
    """Give the notes of one column, in the order given, positions 0..n-1.

    Returns only the notes whose position changed (touched at ``now``).
    """
    return [touch(note, now, position=position) for position, note in enumerate(column) if note.position != position]


# --- text ---------------------------------------------------------------------------------


def note_text(text: str) -> str:
    """Clean a note's text; refuses (TextRejected) NUL, invalid characters, too long, or empty."""
    cleaned = clean_text(text)
    if not cleaned:
        raise TextRejected(EMPTY_NOTE)
    return cleaned


# --- changes ------------------------------------------------------------------------------


def add_note(
    notes: Iterable[Note],
    *,
    meeting_id: str,
    phase_key: str,
    text: str,
    now: datetime,
    column: str = LIST_COLUMN,
    case_id: str = "",
    after: Note | None = None,
) -> tuple[Note, list[Note]]:
    """Add a note at the end of its column, or right after ``after`` when that is in the same column.

    Returns the new note and the records to save: the new note first, then every
    other note of the column whose position changed. Raises TextRejected for
    text that cannot be accepted (see :func:`note_text`).
    """
    cleaned = note_text(text)
    column_notes = _peers(notes, meeting_id, phase_key, column)
    at = _index(column_notes, after.id) if after is not None else None
    insert_at = len(column_notes) if at is None else at + 1
    note = Note(
        id=new_id(),
        meeting_id=meeting_id,
        phase_key=phase_key,
        text=cleaned,
        case_id=case_id,
        position=insert_at,
        column=column,
        updated_at=now,
    )
    others = renumber([*column_notes[:insert_at], note, *column_notes[insert_at:]], now)
    return note, [note, *(changed for changed in others if changed.id != note.id)]


def edit_note(note: Note, text: str, now: datetime) -> Note:
    """The note with new text (cleaned; refused like :func:`add_note`)."""
    return touch(note, now, text=note_text(text))


def delete_note(notes: Iterable[Note], note: Note, now: datetime) -> list[Note]:
    """Renumber the column ``note`` leaves; returns the remaining notes whose position changed.

    The caller removes ``note`` itself from its store.
    """
    return renumber([other for other in _column_of(notes, note) if other.id != note.id], now)


def restore_note(notes: Iterable[Note], note: Note, now: datetime) -> list[Note]:
    """Put a deleted note back at its old position in its column (clamped to the end).

    Returns the restored note (touched) first, then the other notes whose
    position changed. ``notes`` may or may not already hold ``note``.
    """
    column_notes = [other for other in _column_of(notes, note) if other.id != note.id]
    insert_at = max(0, min(note.position, len(column_notes)))
    restored = touch(note, now, position=insert_at)
    others = renumber([*column_notes[:insert_at], restored, *column_notes[insert_at:]], now)
    return [restored, *(changed for changed in others if changed.id != note.id)]


def move_note(notes: Iterable[Note], note: Note, delta: int, now: datetime) -> list[Note]:
    """Move a note ``delta`` places up (negative) or down in its column, clamped at the ends.

    Returns the notes whose position changed; nothing when the note is not in ``notes``.
    """
    column_notes = _column_of(notes, note)
    index = _index(column_notes, note.id)
    if index is None:
        return []
    moving = column_notes.pop(index)
    target = max(0, min(len(column_notes), index + delta))
    column_notes.insert(target, moving)
    return renumber(column_notes, now)


def move_to_column(notes: Iterable[Note], note: Note, column: str, now: datetime) -> list[Note]:
    """Move a note to the end of another column of its phase; both columns are renumbered.

    Returns the moved note first, then the notes of the column it left whose
    position changed. Nothing changes when ``column`` is its own column or the
    note is not in ``notes``.
    """
    notes = list(notes)
    source = _column_of(notes, note)
    index = _index(source, note.id)
    if index is None or column == note.column:
        return []
    moving = source.pop(index)
    target = _peers(notes, note.meeting_id, note.phase_key, column)
    moved = touch(moving, now, column=column, position=len(target))
    return [moved, *renumber(source, now), *renumber(target, now)]


def mark_for_minutes(note: Note, keep: bool, now: datetime) -> Note:
    """The note marked (``keep``) or unmarked for the minutes; the same record when nothing changes.

    A marked note goes into the minutes' shared part without its author (``core.minutes``).
    """
    if note.in_minutes == keep:
        return note
    return touch(note, now, in_minutes=keep)
