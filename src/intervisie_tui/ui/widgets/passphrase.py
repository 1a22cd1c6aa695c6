"""A masked input whose contents cannot leave it: no copy, no cut, no selection; a paste of several lines is refused."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.widgets import Input

from intervisie_tui.i18n import _
from intervisie_tui.passphrases import passphrase_problem

if TYPE_CHECKING:
    from textual import getters

    from intervisie_tui.ui.app import IntervisieApp


class PassphraseInput(Input):
    """Input for a passphrase. Copy and cut do nothing; text selection is off."""

    ALLOW_SELECT: ClassVar[bool] = False

    if TYPE_CHECKING:
        app = getters.app(IntervisieApp)

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, password=True, id=id, select_on_focus=False)
        # A blinking cursor repaints twice a second: work while idle, on weak laptops.
        self.set_reactive(Input.cursor_blink, False)

    def action_copy(self) -> None:
        """Refuse to copy a passphrase to the clipboard."""

    def action_cut(self) -> None:
        """Refuse to cut a passphrase to the clipboard."""

    def action_select_all(self) -> None:
        """Nothing to select: selection only exists to be copied."""

    def _on_paste(self, event: events.Paste) -> None:
        """Take a one-line paste (a line end after it is dropped); refuse one of several lines and say so.

        ``Input`` would keep the first line only: a passphrase set from a paste of
        two lines would then silently be only its first line.
        """
        event.prevent_default()
        event.stop()
        lines = [line for line in event.text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line]
        if len(lines) > 1:
            self.app.say(
                _("A passphrase is one line: the paste held several lines and was not used."), severity="warning"
            )
        elif lines:
            self.replace(lines[0], *self.selection)


def refuse_new_passphrase(first: PassphraseInput, second: PassphraseInput) -> str:
    """Why the new passphrase typed twice is refused ("" when it is fine); a refusal empties both fields
    and puts the cursor back in the first, so nothing of it lingers on screen."""
    problem = passphrase_problem(first.value, second.value)
    if problem:
        first.clear()
        second.clear()
        first.focus()
    return problem
