"""Recording who was there: present or absent, and arriving late or leaving early.

A member without an attendance record counts as present for the whole
meeting (see ``round_work.present_members`` and ``hours.net_minutes``), so a
record is only needed for an exception; these functions keep one record per
member and meeting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from intervisie_tui.core.model import Attendance, Meeting, new_id, touch

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def record_of(records: Iterable[Attendance], meeting: Meeting, member_id: str, now: datetime) -> Attendance:
    """The member's record for the meeting (the newest if there are several), or a new "present" one."""
    mine = [record for record in records if record.member_id == member_id and record.meeting_id == meeting.id]
    if mine:
        return max(mine, key=lambda record: record.updated_at)
    return Attendance(id=new_id(), meeting_id=meeting.id, member_id=member_id, updated_at=now)


def moment(meeting: Meeting, typed: str) -> datetime | None:
    """A typed time ("19:45" or "19.45") on the meeting's day; after midnight if the meeting ran past it.

    Raises ValueError for text that is not a time; "" gives None (no exception).
    """
    if not typed.strip():
        return None
    match = _TIME.match(typed)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(typed)
    start = meeting.actual_start or meeting.planned_start
    tz = start.tzinfo if start is not None else None
    day = datetime(meeting.held_on.year, meeting.held_on.month, meeting.held_on.day, tzinfo=tz)
    found = day.replace(hour=int(match.group(1)), minute=int(match.group(2)))
    crossed = meeting.actual_end is not None and start is not None and meeting.actual_end.date() > start.date()
    if crossed and start is not None and found < start:
        found += timedelta(days=1)
    return found


def with_presence(record: Attendance, present: bool, now: datetime) -> Attendance:
    """The record with present set (absence clears the arrival and departure times)."""
    if present:
        return touch(record, now, present=True)
    return touch(record, now, present=False, arrived=None, left=None)


def with_times(record: Attendance, arrived: datetime | None, left: datetime | None, now: datetime) -> Attendance:
    """The record with arrival and departure (None = from the start / to the end); they make the member present.

    Raises ValueError when the departure is not after the arrival.
    """
    if arrived is not None and left is not None and left <= arrived:
        raise ValueError("left before arriving")
    return touch(record, now, present=True, arrived=arrived, left=left)
