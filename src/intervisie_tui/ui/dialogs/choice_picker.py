"""Pick one of a few choices (Enter picks, Esc cancels): e.g. the rule for bringing in cases."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal


class ChoicePicker(AppModal[str | None]):
    """The choices as (id, text) in order; dismisses with the chosen id, or None."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="choice_picker.cancel")]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._title = title
        self._choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(self._title, id="help-title", markup=False)
            yield OptionList(*[Option(literal(text), id=key) for key, text in self._choices], id="choice-options")
            yield Static(_("Enter chooses · Esc cancels"), id="help-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Choose nothing."""
        self.dismiss(None)
