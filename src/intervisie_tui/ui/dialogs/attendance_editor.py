"""P on a past meeting: who was there, and who came late or left early (for the attendance list and hours)."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from intervisie_tui.core.attendance_edit import (
    moment,
    record_of,
    with_presence,
    with_times,
)
from intervisie_tui.core.dates import time_text
from intervisie_tui.core.model import Attendance, Meeting, Member
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.dialogs.form import Field, TurnForm, Values
from intervisie_tui.ui.text import cell


class AttendanceEditor(AppModal[list[Attendance] | None]):
    """Space: present or not; T: arrival and departure times; Ctrl+S saves the changed records; Esc cancels."""

    BINDINGS = [
        Binding("space", "toggle_presence", N_("Present/absent"), id="attendance.toggle"),
        Binding("t", "times", N_("Times"), id="attendance.times"),
        Binding("ctrl+s", "save", N_("Save"), id="attendance.save"),
        Binding("escape", "cancel", N_("Cancel"), id="attendance.cancel"),
    ]

    def __init__(self, meeting: Meeting, members: list[Member], records: list[Attendance], now: datetime) -> None:
        super().__init__()
        self.meeting = meeting
        self.members = members
        self.now = now
        self.records = {member.id: record_of(records, meeting, member.id, now) for member in members}
        self.changed: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(_("Who was there"), id="help-title", markup=False)
            table: DataTable = DataTable(id="attendance-table", cursor_type="row")
            table.add_columns(_("Member"), _("Present"), _("Arrived"), _("Left"))
            yield table
            yield Static(
                _("Space: present/absent · T: times · Ctrl+S: save · Esc: cancel"), classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        self._show()
        self.query_one(DataTable).focus()

    def _show(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for member in self.members:
            record = self.records[member.id]
            table.add_row(
                cell(member.name),
                cell(_("yes") if record.present else _("no"), "" if record.present else "bold"),
                cell(time_text(record.arrived) if record.arrived else "—"),
                cell(time_text(record.left) if record.left else "—"),
                key=member.id,
            )
        if self.members:
            table.move_cursor(row=min(row, len(self.members) - 1))

    def _member_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_toggle_presence(self) -> None:
        """Space: present or absent."""
        member_id = self._member_id()
        if member_id is not None:
            record = self.records[member_id]
            self.records[member_id] = with_presence(record, not record.present, self.now)
            self.changed.add(member_id)
            self._show()

    def action_times(self) -> None:
        """T: when the member arrived and left (empty: from the start, to the end)."""
        member_id = self._member_id()
        if member_id is None:
            return
        record = self.records[member_id]

        def check(values: Values) -> None:
            try:
                arrived, left = moment(self.meeting, values["arrived"]), moment(self.meeting, values["left"])
            except ValueError:
                raise ValueError(_("A time is written as 19:45.")) from None
            if arrived is not None and left is not None and left <= arrived:
                raise ValueError(_("Leaving comes after arriving."))

        def done(values: Values | None) -> None:
            if values is None:
                return
            arrived, left = moment(self.meeting, values["arrived"]), moment(self.meeting, values["left"])
            self.records[member_id] = with_times(record, arrived, left, self.now)
            self.changed.add(member_id)
            self._show()

        fields = [
            Field(
                "arrived",
                _("Arrived at (empty: from the start)"),
                time_text(record.arrived) if record.arrived else "",
                "19:45",
                max_length=5,
            ),
            Field(
                "left",
                _("Left at (empty: until the end)"),
                time_text(record.left) if record.left else "",
                "21:30",
                max_length=5,
            ),
        ]
        self.app.push_screen(TurnForm(_("Times"), fields, check), done)

    def action_save(self) -> None:
        """Ctrl+S: hand back the records that changed."""
        self.dismiss([self.records[member_id] for member_id in sorted(self.changed)])

    def action_cancel(self) -> None:
        """Esc: change nothing."""
        self.dismiss(None)
