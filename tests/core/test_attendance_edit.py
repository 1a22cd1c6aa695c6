"""Recording presence and partial attendance."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from intervisie_tui.core.attendance_edit import (
    moment,
    record_of,
    with_presence,
    with_times,
)
from intervisie_tui.core.hours import net_minutes
from intervisie_tui.core.model import Attendance, Meeting

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 23, 22, 0, tzinfo=TZ)


def meeting(start_hour: int = 19, end: datetime | None = None) -> Meeting:
    start = datetime(2026, 11, 23, start_hour, 0, tzinfo=TZ)
    return Meeting(
        id="m",
        group_id="g",
        held_on=date(2026, 11, 23),
        actual_start=start,
        actual_end=end or start + timedelta(hours=2),
        updated_at=NOW,
    )


def test_a_member_without_a_record_gets_a_new_present_one() -> None:
    record = record_of([], meeting(), "ann", NOW)
    assert record.present and record.member_id == "ann" and record.meeting_id == "m"


def test_the_newest_record_is_the_one_changed() -> None:
    old = Attendance(id="a", meeting_id="m", member_id="ann", present=False, updated_at=NOW - timedelta(days=1))
    new = Attendance(id="b", meeting_id="m", member_id="ann", present=True, updated_at=NOW)
    assert record_of([old, new], meeting(), "ann", NOW).id == "b"


def test_times_are_read_on_the_meeting_day_and_after_midnight_when_it_ran_past() -> None:
    assert moment(meeting(), "19:45") == datetime(2026, 11, 23, 19, 45, tzinfo=TZ)
    assert moment(meeting(), "20.05") == datetime(2026, 11, 23, 20, 5, tzinfo=TZ)
    late = meeting(22, end=datetime(2026, 11, 24, 0, 30, tzinfo=TZ))
    assert moment(late, "00:15") == datetime(2026, 11, 24, 0, 15, tzinfo=TZ)
    assert moment(meeting(), "") is None


@pytest.mark.parametrize("typed", ["7", "24:00", "19:60", "kwart over", "19:5"])
def test_what_is_not_a_time_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        moment(meeting(), typed)


def test_arriving_late_counts_in_the_hours_and_absence_clears_the_times() -> None:
    record = record_of([], meeting(), "ann", NOW)
    late = with_times(record, moment(meeting(), "19:30"), None, NOW)
    assert net_minutes(meeting(), late) == 90
    absent = with_presence(late, False, NOW)
    assert not absent.present and absent.arrived is None and net_minutes(meeting(), absent) == 0
    with pytest.raises(ValueError):
        with_times(record, moment(meeting(), "20:00"), moment(meeting(), "19:00"), NOW)
