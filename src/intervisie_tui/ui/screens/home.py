"""Home: the groups in the file, and the members of the highlighted group."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core.model import Group, Member
from intervisie_tui.core.programme import mode_text
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.text import cell, literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.widgets import DataTable


class GroupDetails(Vertical):
    """The highlighted group: its facts and its members."""

    group: reactive[Group | None] = reactive(None, init=False)
    """The group shown (set by the home screen)."""
    members: reactive[tuple[Member, ...]] = reactive((), init=False)
    """Its members, archived ones included."""

    def compose(self) -> ComposeResult:
        # Imported here: the meeting's start-up pushes this screen unbuilt (HomeScreen.compose),
        # and the table's module is ~2.5 ms of it.
        from textual.widgets import DataTable

        yield Static("", id="group-name")
        yield Static("", id="group-facts")
        yield DataTable(id="members", cursor_type="row", zebra_stripes=True)

    def watch_group(self) -> None:
        self._refresh()

    def watch_members(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        group = self.group
        name = self.query_one("#group-name", Static)
        facts = self.query_one("#group-facts", Static)
        table = cast("DataTable", self.query_one("#members"))
        # Columns only ever widen on clear(): start them afresh, so each group's columns fit its
        # own members and a register number is not cut by widths left over from another group.
        table.clear(columns=True)
        table.add_columns(_("Member"), _("Profession"), _("Register"))
        if group is None:
            name.update(_("No groups yet."))
            facts.update("")
            return
        name.update(literal(group.name))
        lines = [
            f"{_('Discipline')}: {group.discipline or '—'}",
            f"{_('Organisation')}: {group.organisation or '—'}",
            f"{_('Mode')}: {mode_text(group.mode)}",
        ]
        if group.supervisor:
            lines.append(f"{_('Supervisor')}: {group.supervisor.name}")
        facts.update(literal("\n".join(lines)))
        for member in self.members:
            style = "" if member.active else "dim"
            label = member.name if member.active else f"{member.name} ({_('archived')})"
            register = " ".join(part for part in (member.register, member.register_number) if part)
            table.add_row(cell(label, style), cell(member.profession, style), cell(register, style), key=member.id)


class HomeScreen(AppScreen[None]):
    """Lists the groups in the open file."""

    DEFAULT_CSS = """
    HomeScreen #home { height: 1fr; }
    HomeScreen #room-notice {
        display: none;
        height: 1fr;
        content-align: center middle;
        text-align: center;
        text-style: bold;
        color: $text-muted;
    }
    HomeScreen.-room #home { display: none; }
    HomeScreen.-room #room-notice { display: block; }
    HomeScreen #group-column {
        width: 30%;
        min-width: 22;
        max-width: 40;
        border-right: vkey $primary;
    }
    HomeScreen .column-title {
        text-style: bold;
        color: $primary;
        padding: 0 1;
    }
    /* By id: a type selector would lose the border to OptionList:focus in Textual's own CSS. */
    HomeScreen #group-list {
        height: 1fr;
        border: none;
    }
    HomeScreen GroupDetails {
        width: 1fr;
        padding: 0 1;
    }
    HomeScreen #group-name {
        text-style: bold;
        color: $accent;
        height: auto;
    }
    HomeScreen #group-facts {
        height: auto;
        margin-bottom: 1;
    }
    HomeScreen GroupDetails DataTable { height: 1fr; }
    """

    BINDINGS = [
        Binding("b", "open_meeting", N_("Meeting"), id="home.meeting"),
        Binding("g", "open_group", N_("Group"), id="home.group"),
        Binding("n", "new_group", N_("New group"), id="home.new_group"),
        Binding("m", "merge", N_("Merge"), id="home.merge"),
        Binding("ctrl+q", "app.quit", N_("Quit"), id="quit"),
    ]

    groups: reactive[tuple[Group, ...]] = reactive((), init=False)
    """Every group in the file."""

    _built = False
    """Whether the widgets are there: not while another screen covered this one from the start."""

    def compose(self) -> ComposeResult:
        # A running meeting's screen is pushed over this one at once: the start-up spends no time on a
        # screen nobody sees; it is built when the user goes back to it (see ensure_built).
        self._built = self._built or self.is_active
        if not self._built:
            return
        yield TitleBar(_("Groups"))
        with Horizontal(id="home"):
            with Vertical(id="group-column"):
                yield Static(_("Groups"), classes="column-title", markup=False)
                yield OptionList(id="group-list")
            yield GroupDetails(id="group-details")
        yield Static(
            _("Room view: the groups in this file are not shown.\nF3 switches to the chair's view."),
            id="room-notice",
            markup=False,
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_class(self.app.room_view, "-room")
        if self._built:
            self.groups = tuple(self.app.current_repository.groups())

    async def ensure_built(self) -> None:
        """Build a screen that was covered from the start (nothing when it is built already).

        The screen above calls this before it leaves, so the way back never shows an empty frame.
        """
        if self._built or self.app.repository is None:
            return
        self._built = True
        await self.recompose()
        repository = self.app.repository
        if repository is not None:  # not locked meanwhile
            self.groups = tuple(repository.groups())

    async def on_screen_resume(self) -> None:
        if self.is_active:  # not the resume of its own push, already covered by the meeting
            await self.ensure_built()

    def view_changed(self) -> None:
        """F3: in the room's view the list of groups is hidden (the file may hold other groups)."""
        self.set_class(self.app.room_view, "-room")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the room's view nothing here acts on a group nobody can see."""
        return not self.app.room_view or action == "app.quit"

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
        repository = self.app.repository
        if repository is None:
            return  # locked meanwhile (this screen is on its way out)
        group = next((g for g in self.groups if g.id == event.option.id), None)
        details = self.query_one(GroupDetails)
        details.members = tuple(repository.members(group.id)) if group else ()
        details.group = group

    @on(OptionList.OptionSelected, "#group-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_meeting()

    def _highlighted_group(self) -> Group | None:
        option = self.query_one("#group-list", OptionList).highlighted_option
        return next((g for g in self.groups if option is not None and g.id == option.id), None)

    def action_open_group(self) -> None:
        """The highlighted group's programme, readiness and next meeting."""

        group = self._highlighted_group()
        if group is not None:
            self.show_group(group)

    def show_group(self, group: Group) -> None:
        """Open one group's screen above this one; the list is read again when it closes."""
        self.app.navigate.group(group, self.child_closed)

    def child_closed(self, result: object) -> None:
        """A group's screen (or the merge screen) closed: a name or a mode may have changed."""
        self._reload()

    def can_rebuild(self) -> bool:
        """The groups list holds nothing typed: it can be built again."""
        return True

    def action_new_group(self) -> None:
        """A new group: name, discipline, organisation and, if any, its supervisor."""
        from intervisie_tui.ui.dialogs.group_form import ask_group

        def added(group: Group) -> None:
            # The saver writes in the background: show the group from here rather than re-reading the file.
            self.groups = tuple(sorted([*self.groups, group], key=lambda g: g.name.casefold()))
            listing = self.query_one("#group-list", OptionList)
            listing.highlighted = next(i for i, g in enumerate(self.groups) if g.id == group.id)

        ask_group(self.app, None, added)

    def _reload(self) -> None:
        if not self._built:
            return  # the groups are read when the screen is built
        highlighted = self.query_one("#group-list", OptionList).highlighted
        self.groups = tuple(self.app.current_repository.groups())
        if highlighted is not None and self.groups:
            self.query_one("#group-list", OptionList).highlighted = min(highlighted, len(self.groups) - 1)

    def action_merge(self) -> None:
        """M: merge the copies a sync tool set aside, or decide what an earlier merge left (or hear why not)."""
        self.app.merger.open_review(back=self.child_closed)

    def action_open_meeting(self) -> None:
        """Open the highlighted group's meeting of today, or plan one and open it."""
        # Planning a meeting: imported when first used, not at start (docs/PERFORMANCE.md).
        group = self._highlighted_group()
        if group is None:
            return
        self.app.navigate.todays_meeting(group)
