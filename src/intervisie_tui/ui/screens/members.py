"""The members of one group: add, change, archive or bring back, with keys only.

Archived members keep their history (their turns, questions and notes stay
theirs); they are only left out of new meetings. The screen holds the member
list, changes it, hands each changed member to the app's background saver and
dismisses with the list as it is now.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from intervisie_tui.core.model import Group, Member, touch
from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import N_, _, ngettext
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.dialogs.form import Values
from intervisie_tui.ui.dialogs.keys_help import KeysHelp, key_rows
from intervisie_tui.ui.dialogs.member_form import member_form, member_from_values
from intervisie_tui.ui.text import cell, literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.title_bar import TitleBar

SMALLEST = 4
LARGEST = 8


def size_warning(active_count: int) -> str:
    """A soft remark on the group's size (never a blocker): below 4 or above 8 active members."""
    if active_count > LARGEST:
        return _("Above 8 members a group gets too large for everyone to take part.")
    if active_count < SMALLEST:
        return _("Below 4 members there are too few perspectives.")
    return ""


def _by_name(members: tuple[Member, ...] | list[Member]) -> tuple[Member, ...]:
    return tuple(sorted(members, key=lambda member: (member.name.casefold(), member.id)))


class MembersScreen(AppScreen[list[Member]]):
    """One group's members, archived ones dimmed; dismisses with every member as now (archived included)."""

    DEFAULT_CSS = """
    MembersScreen #members-screen {
        height: 1fr;
        padding: 0 1;
    }
    MembersScreen #members-heading {
        height: auto;
        text-style: bold;
        color: $accent;
    }
    MembersScreen #members-count {
        height: auto;
        color: $text-muted;
    }
    MembersScreen DataTable {
        height: 1fr;
        margin-top: 1;
    }
    MembersScreen #members-empty {
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }
    MembersScreen #size-warning {
        height: auto;
        padding: 0 1;
        background: $warning-muted;
        color: $text-warning;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", N_("Add"), id="members.add"),
        Binding("e,enter", "edit", N_("Change"), id="members.edit"),
        Binding("x", "archive", N_("Archive / back"), id="members.archive"),
        Binding("f1", "help", N_("Help"), id="members.help"),
        Binding("escape", "back", N_("Back"), id="members.back"),
    ]

    members: reactive[tuple[Member, ...]] = reactive((), init=False)
    """The group's members by name, archived ones included."""

    def __init__(self, group: Group, members: list[Member]) -> None:
        super().__init__()
        self.group = group
        self.set_reactive(MembersScreen.members, _by_name(members))

    def compose(self) -> ComposeResult:
        yield TitleBar(_("Members"))
        with Vertical(id="members-screen"):
            yield Static(literal(self.group.name), id="members-heading")
            yield Static("", id="members-count", markup=False)
            table: DataTable = DataTable(id="member-table", cursor_type="row", zebra_stripes=True)
            table.add_columns(_("Member"), _("Profession"), _("Register"), _("Status"))
            yield table
            yield Static("", id="members-empty", markup=False)
            yield Static("", id="size-warning", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#member-table", DataTable).focus()

    def watch_members(self) -> None:
        self._show()

    # -- drawing -----------------------------------------------------------------------

    def active_count(self) -> int:
        """How many members are not archived."""
        return sum(1 for member in self.members if member.active)

    def _show(self) -> None:
        table = self.query_one("#member-table", DataTable)
        keep = self.selected()
        table.clear()
        for member in self.members:
            style = "" if member.active else "dim"
            register = " ".join(part for part in (member.register, member.register_number) if part)
            status = "" if member.active else _("archived")
            table.add_row(
                cell(member.name, style),
                cell(member.profession, style),
                cell(register, style),
                cell(status, style),
                key=member.id,
            )
        if keep is not None:
            table.move_cursor(row=table.get_row_index(keep.id))
        active = self.active_count()
        archived = len(self.members) - active
        count = ngettext("{n} active member", "{n} active members", active).format(n=active)
        if archived:
            count += " · " + ngettext("{n} archived", "{n} archived", archived).format(n=archived)
        self.query_one("#members-count", Static).update(count)
        empty = self.query_one("#members-empty", Static)
        empty.update(_("No members yet. Press A to add the first.") if not self.members else "")
        empty.set_class(bool(self.members), "-hidden")
        warning = self.query_one("#size-warning", Static)
        text = size_warning(active)
        warning.update(text)
        warning.set_class(not text, "-hidden")
        self.refresh_bindings()

    def selected(self) -> Member | None:
        """The highlighted member."""
        table = self.query_one("#member-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((member for member in self.members if member.id == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Change and archive need a highlighted member."""
        if action in {"edit", "archive"}:
            return bool(self.members)
        return True

    # -- changes -----------------------------------------------------------------------

    def _keep(self, member: Member) -> None:
        """Take a changed member into the list, hand it to the saver and highlight it."""
        self.app.current_saver.put(member)
        others = [other for other in self.members if other.id != member.id]
        self.members = _by_name([*others, member])
        table = self.query_one("#member-table", DataTable)
        table.move_cursor(row=table.get_row_index(member.id))

    def action_add(self) -> None:
        """A: a form for a new member, who joins today."""

        def kept(values: Values | None) -> None:
            if values is not None:
                member = member_from_values(values, None, self.group.id, self.app.clock())
                self._keep(member)
                self.app.say(_("{name} added.").format(name=display(member.name)))

        self.app.push_screen(member_form(None), kept)

    def action_edit(self) -> None:
        """E or Enter: change the highlighted member."""
        member = self.selected()
        if member is None:
            return

        def kept(values: Values | None) -> None:
            if values is not None:
                changed = member_from_values(values, member, self.group.id, self.app.clock())
                if changed is not member:
                    self._keep(changed)

        self.app.push_screen(member_form(member), kept)

    @on(DataTable.RowSelected, "#member-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_archive(self) -> None:
        """X: archive the highlighted member, or bring an archived one back. X again undoes it."""
        member = self.selected()
        if member is None:
            return
        changed = touch(member, self.app.clock(), active=not member.active)
        self._keep(changed)
        if changed.active:
            message = _("{name} is active again. X archives them again.")
        else:
            message = _("{name} is archived; their history stays. X brings them back.")
        self.app.say(message.format(name=display(member.name)))

    # -- leaving and help --------------------------------------------------------------

    def action_back(self) -> None:
        """Esc: back, with the members as they are now."""
        self.dismiss(list(self.members))

    def action_help(self) -> None:
        """F1: the keys of this screen."""
        self.app.push_screen(KeysHelp(key_rows(self), _("Keys of the members screen")))
