"""A yes/no question, answered with j/y or n (or Enter / Esc)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal


class Confirm(AppModal[bool]):
    """Asks one question; dismisses with True (yes) or False (no)."""

    DEFAULT_CSS = """
    Confirm #confirm-detail { margin: 1 0; }
    """

    BINDINGS = [
        Binding("j,y,enter", "answer(True)", N_("Yes"), id="yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self._question = question
        self._detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(literal(self._question), id="confirm-question")  # may name a group
            if self._detail:
                yield Static(literal(self._detail), id="confirm-detail")
            yield Static(_("Enter or J: yes · Esc or N: no"), id="confirm-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
