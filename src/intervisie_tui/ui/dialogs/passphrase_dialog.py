"""Ask the passphrase of another copy of the file (saved under a passphrase of its own), to merge it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.passphrase import PassphraseInput


class AskPassphrase(AppModal[str | None]):
    """A masked field; Enter dismisses with what was typed, Esc with None."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="ask_passphrase.cancel")]

    def __init__(self, question: str, problem: str = "") -> None:
        super().__init__()
        self._question = question
        self._problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(literal(self._question), id="help-title")  # names a file: never markup
            yield PassphraseInput(placeholder=_("Passphrase"), id="other-passphrase")
            yield Static(literal(self._problem), id="ask-passphrase-problem")
            yield Static(_("Enter: merge · Esc: leave it as it is"), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(PassphraseInput).focus()

    @on(PassphraseInput.Submitted)
    def _submitted(self, event: PassphraseInput.Submitted) -> None:
        event.stop()
        if not event.value:
            self.query_one("#ask-passphrase-problem", Static).update(literal(_("Type the passphrase, or Esc.")))
            return
        value = event.value
        event.input.clear()  # nothing of it stays on screen
        self.dismiss(value)

    def action_cancel(self) -> None:
        """Leave the copy as it is."""
        self.dismiss(None)
