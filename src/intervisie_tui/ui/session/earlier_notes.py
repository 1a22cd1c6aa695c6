"""Every phase's notes on one page, read-only: what was written earlier in the meeting."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from intervisie_tui.core.model import Meeting, Note
from intervisie_tui.core.sanitize import display
from intervisie_tui.core.whiteboard import board_notes
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import indented


def notes_by_phase(meeting: Meeting, notes: Sequence[Note], phase_name: Callable[[int], str]) -> Text:
    """Each phase that has notes, with its notes in board order (column by column).

    Notes of a case's earlier method (its phases were retired when the method changed) follow,
    under the step's name and "earlier method", so changing the method never hides them.
    """
    text = Text()
    shown: set[str] = set()
    for index, phase in enumerate(meeting.phases):
        shown.add(phase.key)
        _phase_notes(text, display(phase_name(index)), board_notes(notes, phase.key))
    for phase in meeting.retired:
        if phase.key not in shown:
            shown.add(phase.key)
            title = _("{step} (earlier method)").format(step=display(phase.name))
            _phase_notes(text, title, board_notes(notes, phase.key))
    if not text:
        text.append(_("No notes in this meeting yet."))
    return text


def _phase_notes(text: Text, title: str, notes: Sequence[Note]) -> None:
    if not notes:
        return
    text.append(title + "\n", "bold underline")
    for note in sorted(notes, key=lambda n: (n.column, n.position)):
        prefix = f"[{note.column}] " if note.column else ""
        text.append(f"  • {indented(prefix + note.text, '    ')}\n")  # a note's lines under its bullet
    text.append("\n")


class EarlierNotes(AppModal[None]):
    """The notes of all phases of the meeting."""

    DEFAULT_CSS = """
    EarlierNotes VerticalScroll {
        height: auto;
        max-height: 18;
    }
    """

    BINDINGS = [Binding("escape,v,q", "dismiss", N_("Close"), id="close")]

    def __init__(self, meeting: Meeting, notes: Sequence[Note], phase_name: Callable[[int], str]) -> None:
        super().__init__()
        self._text = notes_by_phase(meeting, notes, phase_name)

    def compose(self) -> ComposeResult:
        with Vertical(id="earlier-box"):
            yield Static(_("Notes of this meeting"), id="earlier-title", markup=False)
            with VerticalScroll(id="earlier-scroll"):
                yield Static(self._text, id="earlier-notes")
            yield Static(_("Esc closes this list."), classes="dialog-hint", markup=False)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
