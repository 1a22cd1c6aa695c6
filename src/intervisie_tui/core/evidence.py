"""What the paperwork may say about a supervisor: only what happened (issue 17).

A meeting's ``supervised`` is its plan (the programme's kind: the supervisor is
expected and, with no member in the chair, chairs). Evidence for a register is
something else: a supervisor counts as there only when marked present
(``Meeting.supervisor_present``: at the check-in, or afterwards with P on the
past meeting). Every export, the hours and the history read these functions,
so a self-run group's papers never name a supervisor for a meeting they missed.
"""

from __future__ import annotations

from datetime import datetime

from intervisie_tui.core.model import Group, Meeting, Supervisor, touch


def supervisor_attended(meeting: Meeting) -> bool:
    """Whether a supervisor was at ``meeting``: marked present, nothing less."""
    return meeting.supervisor_present


def attending_supervisor(meeting: Meeting, group: Group) -> Supervisor | None:
    """The group's supervisor when they were at ``meeting``; None when not (or the group has none)."""
    if not supervisor_attended(meeting) or group.supervisor is None or not group.supervisor.name.strip():
        return None
    return group.supervisor


def supervisor_chaired(meeting: Meeting) -> bool:
    """Whether the supervisor chaired: a supervised meeting with no member in the chair, the supervisor there."""
    return meeting.supervised and not meeting.chair_id and supervisor_attended(meeting)


def with_supervisor_present(meeting: Meeting, present: bool, now: datetime) -> Meeting:
    """``meeting`` with the supervisor marked present or absent (the same record when nothing changes)."""
    if meeting.supervisor_present == present:
        return meeting
    return touch(meeting, now, supervisor_present=present)
