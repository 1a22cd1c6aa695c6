"""The whiteboard: the current phase's notes, big, laid out as the step says.

A list, columns (RET's A-E), a 2x2 grid (core quadrants, drawn clockwise from
the top left) or a 0-10 scale with a marker above a list. Each column is an
option list whose options are notes, shown literally. The widget only shows
and selects; the session screen changes notes and hands a new view down.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core import whiteboard as board_ops
from intervisie_tui.core.methods import Board, Step
from intervisie_tui.core.model import Note, PhaseRecord
from intervisie_tui.core.sanitize import display
from intervisie_tui.core.values import value_class
from intervisie_tui.core.whiteboard import board_notes, grid_rows
from intervisie_tui.i18n import _
from intervisie_tui.ui.text import indented, literal


@value_class
class BoardView:
    """What the whiteboard shows."""

    phase_key: str
    board: Board
    columns: tuple[tuple[str, str], ...]
    """(key, label) per column; one column with key "" for a list or scale."""
    notes: tuple[Note, ...]
    """Notes of this phase."""
    scale_value: int | None = None
    authors: Mapping[str, str] = field(default_factory=dict)
    """Member id -> name, for notes taken in a round (signed with their author)."""

    @classmethod
    def for_phase(
        cls, phase: PhaseRecord, step: Step | None, notes: Iterable[Note], authors: Mapping[str, str]
    ) -> BoardView:
        """The board of ``phase``: its step's kind and columns (a grid needs four), and the notes taken in it."""
        keys = board_ops.column_keys(step)
        labels = {column.key: column.label() for column in step.columns} if step else {}
        board = step.board if step is not None else Board.LIST
        if board is Board.GRID and len(keys) != 4:
            board = Board.COLUMNS
        return cls(
            phase_key=phase.key,
            board=board,
            columns=tuple((key, labels.get(key, "")) for key in keys),
            notes=tuple(note for note in notes if note.phase_key == phase.key),
            scale_value=phase.scale_value,
            authors=authors,
        )

    @property
    def shape(self) -> tuple[str, Board, tuple[str, ...]]:
        """What decides the layout; notes can change without rebuilding it."""
        return (self.phase_key, self.board, tuple(key for key, _label in self.columns))


class NoteList(OptionList):
    """One column's notes."""

    def __init__(self, column: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="note-list")
        self.column = column

    def show(self, notes: Sequence[Note], authors: Mapping[str, str] | None = None) -> None:
        """Replace the options with ``notes``, keeping the highlighted note where it still exists.

        Otherwise the first note is highlighted, so a column shows from its top: highlighting the last
        scrolled a short column to the tail of a long note, a fragment without its start. A note
        just added or moved is highlighted by the screen (``focus_column``).
        """
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self.clear_options()
        self.add_options([Option(note_line(note, authors or {}), id=note.id) for note in notes])
        ids = [note.id for note in notes]
        if keep in ids:
            self.highlighted = ids.index(keep)
        elif ids:
            self.highlighted = 0

    def select_note(self, note_id: str) -> None:
        """Highlight the note with ``note_id`` if it is in this column."""
        for index in range(self.option_count):
            if self.get_option_at_index(index).id == note_id:
                self.highlighted = index
                return


def note_line(note: Note, authors: Mapping[str, str]) -> Text:
    """ "• text", or "• Name: text" for a note signed in a round; literal, never markup.

    A note of several lines shows them as lines, each after the first indented
    past the bullet. A note marked for the minutes has "✓" for its bullet.
    """
    line = Text("✓ ", "bold") if note.in_minutes else Text("• ")
    if note.author_id and note.author_id in authors:
        line.append(display(authors[note.author_id]) + ": ", "bold")
    line.append(indented(note.text, "  "))
    return line


class BoardColumn(Vertical):
    """A column heading over its notes."""

    def __init__(self, column: str, label: str) -> None:
        super().__init__(classes="board-column")
        self.column = column
        self.label = label

    def compose(self) -> ComposeResult:
        if self.label:
            yield Static(literal(self.label), classes="board-column-title")
        yield NoteList(self.column)


def scale_text(value: int | None) -> Text:
    """The 0-10 scale with the marked value in reverse video."""
    text = Text(justify="center", no_wrap=True)
    for number in range(11):
        cell = f" {number} "
        text.append(cell, "reverse bold" if number == value else "")
        if number < 10:
            text.append("─")
    return text


class Whiteboard(Vertical):
    """The notes of the current phase in the step's layout."""

    # A note list is selected by its class inside its column: by type alone it would lose the border
    # to OptionList:focus in Textual's own CSS (a pseudo-class counts as a class; both are DEFAULT_CSS).
    DEFAULT_CSS = """
    Whiteboard {
        height: 1fr;
        margin-top: 1;
    }
    Whiteboard #board-empty {
        dock: bottom;
        color: $text-muted;
        height: 1;
    }
    Whiteboard.-columns { layout: horizontal; }
    Whiteboard.-grid {
        layout: grid;
        grid-size: 2 2;
        grid-gutter: 0 1;
    }
    /* The heading above the list's box, the box on the list itself: the heading gets the column's
       whole width, and the column draws nothing of its own (docs/PERFORMANCE.md). */
    Whiteboard BoardColumn {
        height: 1fr;
    }
    Whiteboard.-columns > BoardColumn { width: 1fr; }
    Whiteboard BoardColumn > .note-list:focus { border: round $primary; }
    Whiteboard .board-column-title {
        text-style: bold;
        color: $accent;
        height: 1;
    }
    Whiteboard BoardColumn > .note-list {
        height: 1fr;
        border: round $panel;
        padding: 0;
        background: $background;
    }
    Whiteboard BoardColumn > .note-list:blur > .option-list--option-highlighted {
        background: $background;
        text-style: none;
    }
    Whiteboard #board-scale {
        height: 1;
        margin: 0 0 1 0;
        text-style: bold;
    }
    """

    view: reactive[BoardView | None] = reactive(None, init=False, always_update=True)
    """Set by the session screen."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shape: tuple | None = None

    def compose(self) -> ComposeResult:
        # The columns are the board's own children, laid out by its class (-columns, -grid), with no
        # container between: each container on the screen keeps every line it covers, cut at each
        # widget's edge, even where its children hide it (docs/PERFORMANCE.md).
        yield Static(_("No notes yet."), id="board-empty", markup=False)

    async def watch_view(self, view: BoardView | None) -> None:
        if view is None:
            return
        if view.shape != self._shape:
            self._shape = view.shape
            await self.remove_children([child for child in self.children if child.id != "board-empty"])
            parts, layout = self._layout(view)
            self.set_class(layout == "columns", "-columns")
            self.set_class(layout == "grid", "-grid")
            await self.mount(*parts)
        self._fill(view)
        focused = self.screen.focused
        if focused is None or not focused.is_attached or focused.disabled:
            lists = self.lists()
            if lists:
                lists[0].focus()

    def _layout(self, view: BoardView) -> tuple[list[Static | BoardColumn], str]:
        """The board's parts in order, and how they are laid out: "grid", "columns" or "list"."""
        columns = [BoardColumn(key, label) for key, label in view.columns]
        if view.board is Board.GRID and len(columns) == 4:
            by_key = {column.column: column for column in columns}
            (top_left, top_right), (bottom_left, bottom_right) = grid_rows([key for key, _ in view.columns])
            return [by_key[key] for key in (top_left, top_right, bottom_left, bottom_right)], "grid"
        if view.board is Board.SCALE:
            return [Static(scale_text(view.scale_value), id="board-scale"), *columns], "list"
        if len(columns) > 1:
            return list(columns), "columns"
        return list(columns), "list"

    def _fill(self, view: BoardView) -> None:
        for note_list in self.query(NoteList):
            note_list.show(board_notes(view.notes, view.phase_key, note_list.column), view.authors)
        for scale in self.query("#board-scale").results(Static):
            scale.update(scale_text(view.scale_value))
        self.query_one("#board-empty").set_class(bool(view.notes), "-hidden")

    # -- selection (read by the session screen) ---------------------------------------

    def lists(self) -> list[NoteList]:
        """The columns' note lists in reading order."""
        return list(self.query(NoteList))

    def column_order(self) -> list[str]:
        """Column keys in reading order on screen (a grid row by row), for left/right."""
        return [note_list.column for note_list in self.lists()]

    def active_list(self) -> NoteList | None:
        """The focused column's list, or the first."""
        lists = self.lists()
        focused = self.screen.focused
        return focused if isinstance(focused, NoteList) and focused in lists else (lists[0] if lists else None)

    def selected_note_id(self) -> str | None:
        """The highlighted note in the active column."""
        active = self.active_list()
        if active is None or active.highlighted_option is None:
            return None
        return active.highlighted_option.id

    def focus_column(self, column: str, note_id: str | None = None, *, focus: bool = True) -> None:
        """Focus a column (and a note in it); ``focus=False`` only highlights the note."""
        for note_list in self.lists():
            if note_list.column == column:
                if focus:
                    note_list.focus()
                if note_id:
                    note_list.select_note(note_id)
                return
