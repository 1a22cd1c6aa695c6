"""Lines of text the session screen shows: who speaks, the bottom status line, times."""

from __future__ import annotations

from datetime import datetime

from intervisie_tui.core import meeting as flow
from intervisie_tui.core.dates import time_text
from intervisie_tui.core.methods import Speaker, Step
from intervisie_tui.core.model import Meeting, MeetingStatus
from intervisie_tui.i18n import _


def speaker_text(step: Step | None) -> str:
    """Who speaks in a step, and whether the inbrenger may respond."""
    if step is None:
        return ""
    who = {
        Speaker.INBRENGER: _("Speaking: the presenter"),
        Speaker.GROUP_IN_TURN: _("Speaking: the group, in turn"),
        Speaker.GROUP_FREE: _("Speaking: the group, freely"),
        Speaker.CHAIR: _("Speaking: the chair"),
        Speaker.SILENT_WRITING: _("Everyone writes in silence"),
    }[step.speaker]
    if not step.inbrenger_may_respond:
        who += " · " + _("the presenter only listens")
    return who


def meeting_open(meeting: Meeting) -> bool:
    """Whether the meeting has phases and has not ended."""
    return bool(meeting.phases) and meeting.status is not MeetingStatus.CLOSED


def clock_time(moment: datetime | None) -> str:
    """HH:MM, or a dash."""
    return time_text(moment)


def status_line(meeting: Meeting, now: datetime, chair: str) -> str:
    """The bottom line's left part: start and time so far, planned and expected end, who chairs."""
    parts = []
    if meeting.actual_start is not None:
        elapsed = int(flow.elapsed_seconds(meeting, now) // 60)
        parts.append(
            _("{start}, {h}:{m:02d} so far").format(
                start=clock_time(meeting.actual_start), h=elapsed // 60, m=elapsed % 60
            )
        )
    if meeting.planned_end is not None:
        end = _("end {time}").format(time=clock_time(meeting.planned_end))
        if meeting.status is MeetingStatus.RUNNING:
            # Only the expected end: "(+16)" said again what the two times say, and cost the chair's
            # name its last letters at 80 columns.
            end += f" → {clock_time(flow.projected_end(meeting, now))}"
        parts.append(end)
    parts.append(chair)
    return " · ".join(part for part in parts if part)
