"""A group's past meetings: the list, a search across them, reading one back, and its exports.

Read-only: nothing here changes a meeting. Everything shown is read from the
encrypted file; a plaintext file is only written through the export dialog.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from intervisie_tui.core.dates import day_text
from intervisie_tui.core.evidence import supervisor_attended, supervisor_chaired
from intervisie_tui.core.history import Hit, search
from intervisie_tui.core.hours import hours_text, net_minutes
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import Group, MeetingContent, MeetingStatus
from intervisie_tui.i18n import N_, _, ngettext
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.dialogs.keys_help import KeysHelp, key_rows
from intervisie_tui.ui.meeting_start import group_history
from intervisie_tui.ui.screens.past_meeting_view import method_names
from intervisie_tui.ui.text import cell, literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.text_field import TextField
from intervisie_tui.ui.widgets.title_bar import TitleBar

MAX_HITS_SHOWN = 8
KIND_LABELS = {
    "case": N_("case"),
    "question": N_("question"),
    "note": N_("note"),
    "takeaway": N_("takeaway"),
    "feedback": N_("feedback"),
    "outcome": N_("outcome"),
}


class HistoryScreen(AppScreen[None]):
    """Past meetings newest first; / searches, Enter reads one, X exports its minutes, A its attendance list."""

    DEFAULT_CSS = """
    HistoryScreen #history-heading {
        text-style: bold;
        color: $accent;
        padding: 0 1;
    }
    HistoryScreen TextField { margin: 0 1; }
    HistoryScreen DataTable { height: 1fr; }
    HistoryScreen #history-hits {
        height: auto;
        max-height: 10;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("slash,ctrl+f", "search", N_("Search"), id="history.search"),
        Binding("r", "read", N_("Read"), id="history.read"),
        Binding("x", "export_minutes", N_("Minutes"), id="history.minutes"),
        Binding("a", "export_attendance", N_("Attendance list"), id="history.attendance"),
        Binding("u", "export_hours", N_("Hours"), id="history.hours"),
        Binding("f1", "help", N_("Help"), id="history.help"),
        Binding("escape", "back", N_("Back"), id="history.back"),
    ]

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group
        self.contents: list[MeetingContent] = []
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield TitleBar(_("History"))
        yield Static("", id="history-heading", markup=False)
        yield TextField(id="history-search", placeholder=_("Search: case titles, questions, notes, takeaways…"))
        table: DataTable = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        # The case titles last: at 80 columns they are what gets cut.
        table.add_columns(_("Date"), _("Hours"), _("Chair"), _("Supervised"), _("Method"), _("Cases"))
        yield table
        yield Static("", id="history-hits")
        yield KeyFooter()

    def on_mount(self) -> None:
        repository = self.app.current_repository
        held = [c for c in group_history(repository, self.group.id) if c.meeting.status is not MeetingStatus.PLANNED]
        self.contents = sorted(held, key=lambda c: (c.meeting.held_on, c.meeting.id), reverse=True)
        self.members = repository.members(self.group.id)
        self.library = repository.library(load_shipped(), self.group.id)
        count = len(self.contents)
        self.query_one("#history-heading", Static).update(
            literal(f"{self.group.name} · " + ngettext("{n} meeting held", "{n} meetings held", count).format(n=count))
        )
        self._fill(self.contents)
        self.query_one(DataTable).focus()

    # -- showing -----------------------------------------------------------------------

    def _fill(self, contents: list[MeetingContent]) -> None:
        names = {member.id: member.name for member in self.members}
        table = self.query_one(DataTable)
        table.clear()
        for content in contents:
            meeting = content.meeting
            chair = names.get(meeting.chair_id, "") or (_("supervisor") if supervisor_chaired(meeting) else "—")
            titles = ", ".join(case.title for case in content.cases if case.status.value in ("chosen", "done"))
            hours = hours_text(net_minutes(meeting) / 60)
            table.add_row(
                cell(day_text(meeting.held_on)),
                cell(hours),
                cell(chair),
                cell(_("yes") if supervisor_attended(meeting) else _("no")),
                cell(method_names(content, self.library)),
                cell(titles or "—"),
                key=meeting.id,
            )
        table.refresh_bindings()

    @on(Input.Changed, "#history-search")
    def _searched(self, event: Input.Changed) -> None:
        query = event.value.strip()
        hits_line = self.query_one("#history-hits", Static)
        if not query:
            self.hits = []
            self._fill(self.contents)
            hits_line.update("")
            return
        self.hits = search(self.contents, query)
        found = {hit.meeting_id for hit in self.hits}
        self._fill([content for content in self.contents if content.meeting.id in found])
        dates = {content.meeting.id: day_text(content.meeting.held_on) for content in self.contents}
        lines = [
            f"{dates.get(hit.meeting_id, '')} · {_(KIND_LABELS[hit.kind])}: {hit.text}"
            for hit in self.hits[:MAX_HITS_SHOWN]
        ]
        if len(self.hits) > MAX_HITS_SHOWN:
            lines.append(_("… and {n} more").format(n=len(self.hits) - MAX_HITS_SHOWN))
        heading = _("{n} found").format(n=len(self.hits)) if self.hits else _("Nothing found.")
        hits_line.update(literal("\n".join([heading, *lines])))

    @on(Input.Submitted, "#history-search")
    def _to_results(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#history-table")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_read()

    # -- actions -----------------------------------------------------------------------

    def selected(self) -> MeetingContent | None:
        """The meeting under the cursor."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((content for content in self.contents if content.meeting.id == key), None)

    def action_search(self) -> None:
        """/ : type to search this group's history."""
        self.query_one("#history-search", Input).focus()

    def action_read(self) -> None:
        """Read the highlighted meeting back (read-only)."""
        content = self.selected()
        if content is None:
            return

        def back(changed: MeetingContent | None) -> None:
            if changed is not None:
                self.contents = [changed if c.meeting.id == changed.meeting.id else c for c in self.contents]

        self.app.navigate.past_meeting(content, self.group, self.members, self.library, back)

    def action_export_minutes(self) -> None:
        """X: the minutes of the highlighted meeting as Markdown (asks what to include and where)."""
        from intervisie_tui.ui.dialogs.exports import export_minutes

        content = self.selected()
        if content is not None:
            export_minutes(self.app, content, self.group, self.members, self.library)

    def action_export_attendance(self) -> None:
        """A: the attendance list of the highlighted meeting as Markdown and CSV."""
        from intervisie_tui.ui.dialogs.exports import export_attendance

        content = self.selected()
        if content is not None:
            export_attendance(self.app, content, self.group, self.members, self.library)

    def action_export_hours(self) -> None:
        """U: one member's hours statement for a period, against their register."""
        from intervisie_tui.ui.dialogs.exports import export_hours

        export_hours(self.app, self.contents, self.group, self.members)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Meeting keys only when a meeting is listed; letters type while the search field has the focus."""
        if action in {"read", "export_minutes", "export_attendance", "export_hours"}:
            if isinstance(self.focused, Input):
                return False
            return self.query_one(DataTable).row_count > 0
        return True

    def action_help(self) -> None:
        """F1: the keys of this screen."""
        self.app.push_screen(KeysHelp(key_rows(self), _("Keys of the history")))

    def action_back(self) -> None:
        """Esc: clear the search first, then back to the group."""
        search_field = self.query_one("#history-search", Input)
        if search_field.value:
            search_field.value = ""
            self.query_one(DataTable).focus()
            return
        self.dismiss()
