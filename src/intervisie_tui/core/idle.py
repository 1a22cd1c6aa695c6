"""When the app counts as idle, for the idle lock (decisions: docs/ROOM.md).

A meeting whose phase clock runs keeps the room busy: a group can talk for a
15-minute phase without anyone touching a key, and the projector must not lock
in the middle of it. It keeps the room busy only until the running phase's
planned time is up, so a meeting left running (the chair walked away) still
locks: the idle minutes then count from that moment or the last key,
whichever is later. A paused meeting keeps nothing busy.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from intervisie_tui.core.meeting import is_running, phase_seconds, planned_seconds
from intervisie_tui.core.model import Meeting


def busy_until(meeting: Meeting, now: datetime) -> datetime | None:
    """When the running phase's planned time is (or was) up; None while the meeting's clock stands still."""
    if not is_running(meeting) or meeting.paused_at is not None or meeting.clock_started_at is None:
        return None
    if not meeting.phases:
        return None
    left = planned_seconds(meeting.phases[meeting.current]) - phase_seconds(meeting, meeting.current, now)
    return now + timedelta(seconds=left)


def idle_lock_due(last_input: datetime, now: datetime, minutes: float, busy: datetime | None = None) -> bool:
    """Whether ``minutes`` have passed without a key since ``last_input`` and since the room was ``busy`` until.

    ``minutes`` of 0 or less never locks.
    """
    if minutes <= 0:
        return False
    since = max(last_input, busy) if busy is not None else last_input
    return now - since >= timedelta(minutes=minutes)
