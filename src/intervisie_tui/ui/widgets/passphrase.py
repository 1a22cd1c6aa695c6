"""A masked input whose contents cannot leave it: no copy, no cut, no selection."""

from __future__ import annotations

from typing import ClassVar

from textual.widgets import Input

from intervisie_tui.passphrases import passphrase_problem


class PassphraseInput(Input):
    """Input for a passphrase. Copy and cut do nothing; text selection is off."""

    ALLOW_SELECT: ClassVar[bool] = False

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


def refuse_new_passphrase(first: PassphraseInput, second: PassphraseInput) -> str:
    """Why the new passphrase typed twice is refused ("" when it is fine); a refusal empties both fields
    and puts the cursor back in the first, so nothing of it lingers on screen."""
    problem = passphrase_problem(first.value, second.value)
    if problem:
        first.clear()
        second.clear()
        first.focus()
    return problem
