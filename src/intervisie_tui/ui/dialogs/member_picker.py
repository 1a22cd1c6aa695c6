"""Pick one member from a list (Enter picks, Esc cancels): for whose reflection or hours."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core.model import Member
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal


class MemberPicker(AppModal[str | None]):
    """The members by name; dismisses with the chosen member's id."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="member_picker.cancel")]

    def __init__(self, title: str, members: list[Member]) -> None:
        super().__init__()
        self._title = title
        self._members = members

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(self._title, id="help-title", markup=False)
            yield OptionList(
                *[Option(literal(member.name), id=member.id) for member in self._members], id="member-options"
            )
            yield Static(_("Enter chooses · Esc cancels"), id="help-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Choose nobody."""
        self.dismiss(None)
