"""Who is (was) there, and who came late or left early: for the attendance list, the hours and the rounds.

P on a past meeting corrects it; T in a running meeting marks who is not here today, who arrives
late (now) and who leaves early (now) — the rounds skip who is not there. The group's supervisor
has a row of their own: only a supervisor marked present here is on the meeting's papers
(``core.evidence``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
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

SUPERVISOR_ROW = "supervisor"
"""The row key of the supervisor (never a member id, which are generated ids)."""


@dataclass
class AttendanceAnswer:
    """What the dialog hands back: the member records that changed, and the supervisor's mark if it changed."""

    records: list[Attendance] = field(default_factory=list)
    supervisor_present: bool | None = None


class AttendanceEditor(AppModal[AttendanceAnswer | None]):
    """Space: present or not; T: arrival and departure times; Enter or Ctrl+S saves what changed; Esc cancels."""

    BINDINGS = [
        Binding("space", "toggle_presence", N_("Present/absent"), id="attendance.toggle"),
        Binding("l", "arrives_now", N_("Arrives now"), id="attendance.late"),
        Binding("v", "leaves_now", N_("Leaves now"), id="attendance.leaves"),
        Binding("t", "times", N_("Times"), id="attendance.times"),
        Binding("ctrl+s,enter", "save", N_("Save"), id="attendance.save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="attendance.cancel"),
    ]

    def __init__(
        self,
        meeting: Meeting,
        members: list[Member],
        records: list[Attendance],
        now: datetime,
        *,
        live: bool = False,
        supervisor: str = "",
        supervisor_present: bool | None = None,
    ) -> None:
        """``supervisor`` names the group's supervisor (no row without one); ``supervisor_present`` is the
        mark the row starts with (default: as recorded on the meeting)."""
        super().__init__()
        self.live = live
        """A meeting under way: L and V stamp arriving and leaving with the time now."""
        self.meeting = meeting
        self.members = members
        self.now = now
        self.records = {member.id: record_of(records, meeting, member.id, now) for member in members}
        self.changed: set[str] = set()
        self.supervisor = supervisor
        self.supervisor_present = meeting.supervisor_present if supervisor_present is None else supervisor_present

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(_("Who is here today") if self.live else _("Who was there"), id="help-title", markup=False)
            table: DataTable = DataTable(id="attendance-table", cursor_type="row")
            table.add_columns(_("Member"), _("Present"), _("Arrived"), _("Left"))
            yield table
            hint = (
                _("Space: present/absent · L: arrives now · V: leaves now · T: times · Enter: save · Esc: cancel")
                if self.live
                else _("Space: present/absent · T: times · Enter: save · Esc: cancel")
            )
            yield Static(hint, classes="dialog-hint", markup=False)

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
        if self.supervisor:
            table.add_row(
                cell(_("{name} (supervisor)").format(name=self.supervisor)),
                cell(_("yes") if self.supervisor_present else _("no"), "" if self.supervisor_present else "bold"),
                cell("—"),
                cell("—"),
                key=SUPERVISOR_ROW,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _member_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_toggle_presence(self) -> None:
        """Space: present or absent."""
        member_id = self._member_id()
        if member_id == SUPERVISOR_ROW:
            self.supervisor_present = not self.supervisor_present
            self._show()
        elif member_id is not None:
            record = self.records[member_id]
            self.records[member_id] = with_presence(record, not record.present, self.now)
            self.changed.add(member_id)
            self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """L and V only while the meeting is under way."""
        if action in ("arrives_now", "leaves_now"):
            return self.live
        return True

    def action_arrives_now(self) -> None:
        """L: the member arrives now (late)."""
        self._stamp(arrived=True)

    def action_leaves_now(self) -> None:
        """V: the member leaves now (early)."""
        self._stamp(arrived=False)

    def _stamp(self, *, arrived: bool) -> None:
        member_id = self._member_id()
        if member_id is None:
            self.app.say(_("No member is highlighted: ↑/↓ choose one."), severity="warning")
            return
        if member_id == SUPERVISOR_ROW:
            self.app.say(
                _("Times are kept for members; Space marks the supervisor present or not."), severity="warning"
            )
            return
        record = self.records[member_id]
        arrived_at, left_at = (self.now, record.left) if arrived else (record.arrived, self.now)
        if arrived_at is not None and left_at is not None and left_at <= arrived_at:
            self.app.say(_("The departure must come after the arrival."), severity="warning")
            return
        self.records[member_id] = with_times(record, arrived_at, left_at, self.now)
        self.changed.add(member_id)
        self._show()

    def action_times(self) -> None:
        """T: when the member arrived and left (empty: from the start, to the end)."""
        member_id = self._member_id()
        if member_id is None or member_id == SUPERVISOR_ROW:
            self.app.say(_("Times are kept for members: ↑/↓ choose one."), severity="warning")
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
        """Enter or Ctrl+S: hand back the records that changed, and the supervisor's mark if it differs."""
        mark = (
            self.supervisor_present
            if self.supervisor and self.supervisor_present != self.meeting.supervisor_present
            else None
        )
        self.dismiss(AttendanceAnswer([self.records[member_id] for member_id in sorted(self.changed)], mark))

    def action_cancel(self) -> None:
        """Esc: change nothing."""
        self.dismiss(None)
