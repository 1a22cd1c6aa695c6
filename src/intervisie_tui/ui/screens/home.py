"""Home: the groups in the file, and the members of the highlighted group."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core.meeting import new_meeting
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import Group, GroupMode, MeetingStatus, Member
from intervisie_tui.store.errors import VaultError
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.text import cell, literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.title_bar import TitleBar


def mode_label(mode: GroupMode) -> str:
    """The group's mode in words."""
    return _("supervised") if mode is GroupMode.SUPERVISED else _("self-run")


class GroupDetails(Vertical):
    """The highlighted group: its facts and its members."""

    group: reactive[Group | None] = reactive(None, init=False)
    """The group shown (set by the home screen)."""
    members: reactive[tuple[Member, ...]] = reactive((), init=False)
    """Its members, archived ones included."""

    def compose(self) -> ComposeResult:
        yield Static("", id="group-name")
        yield Static("", id="group-facts")
        table: DataTable = DataTable(id="members", cursor_type="row", zebra_stripes=True)
        table.add_columns(_("Member"), _("Profession"), _("Register"))
        yield table

    def watch_group(self) -> None:
        self._refresh()

    def watch_members(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        group = self.group
        name = self.query_one("#group-name", Static)
        facts = self.query_one("#group-facts", Static)
        table = self.query_one("#members", DataTable)
        table.clear()
        if group is None:
            name.update(_("No groups yet."))
            facts.update("")
            return
        name.update(literal(group.name))
        lines = [
            f"{_('Discipline')}: {group.discipline or '—'}",
            f"{_('Organisation')}: {group.organisation or '—'}",
            f"{_('Mode')}: {mode_label(group.mode)}",
        ]
        if group.supervisor:
            lines.append(f"{_('Supervisor')}: {group.supervisor.name}")
        facts.update(literal("\n".join(lines)))
        for member in self.members:
            style = "" if member.active else "dim"
            label = member.name if member.active else f"{member.name} ({_('archived')})"
            register = " ".join(part for part in (member.register, member.register_number) if part)
            table.add_row(cell(label, style), cell(member.profession, style), cell(register, style), key=member.id)


class HomeScreen(Screen):
    """Lists the groups in the open file."""

    BINDINGS = [
        Binding("b", "open_meeting", N_("Meeting"), id="home.meeting"),
        Binding("ctrl+q", "app.quit", N_("Quit"), id="quit"),
    ]

    groups: reactive[tuple[Group, ...]] = reactive((), init=False)
    """Every group in the file."""

    def compose(self) -> ComposeResult:
        yield TitleBar(_("Groups"))
        with Horizontal(id="home"):
            with Vertical(id="group-column"):
                yield Static(_("Groups"), classes="column-title", markup=False)
                yield OptionList(id="group-list")
            yield GroupDetails(id="group-details")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.groups = tuple(self.app.repository.groups())

    def watch_groups(self, groups: tuple[Group, ...]) -> None:
        listing = self.query_one("#group-list", OptionList)
        listing.clear_options()
        for group in groups:
            listing.add_option(Option(literal(group.name), id=group.id))
        if groups:
            listing.highlighted = 0
            listing.focus()
        else:
            self.query_one(GroupDetails).group = None

    @on(OptionList.OptionHighlighted, "#group-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        group = next((g for g in self.groups if g.id == event.option.id), None)
        details = self.query_one(GroupDetails)
        details.members = tuple(self.app.repository.members(group.id)) if group else ()
        details.group = group

    @on(OptionList.OptionSelected, "#group-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        """Open the highlighted group's meeting of today, or plan one and open it."""
        option = self.query_one("#group-list", OptionList).highlighted_option
        group = next((g for g in self.groups if option is not None and g.id == option.id), None)
        if group is None:
            return
        repository = self.app.repository
        now = self.app.clock()
        today = [
            summary for summary in repository.meetings(group.id)
            if summary.status is MeetingStatus.RUNNING
            or (summary.held_on == now.date() and summary.status is MeetingStatus.PLANNED)
        ]  # fmt: skip
        if today:
            self.app.open_meeting(today[0].id)
            return
        meeting = new_meeting(
            group.id, now.date(), load_shipped(), now, planned_start=now.replace(second=0, microsecond=0),
            supervised=group.mode is GroupMode.SUPERVISED, supervisor_present=group.mode is GroupMode.SUPERVISED,
        )  # fmt: skip
        try:
            repository.put(meeting)
        except VaultError as error:
            self.app.say(error.message(), severity="error")
            return
        self.app.open_meeting(meeting.id)
