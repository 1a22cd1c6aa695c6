"""Meetings per calendar year, and the years outside 4 to 8 the group screen names."""

from __future__ import annotations

from datetime import date

from intervisie_tui import i18n
from intervisie_tui.core.meeting_frequency import frequency_line, meetings_per_year, years_outside
from intervisie_tui.core.model import MeetingStatus, MeetingSummary

TODAY = date(2026, 11, 22)


def _held(*days: date, status: MeetingStatus = MeetingStatus.CLOSED) -> list[MeetingSummary]:
    return [MeetingSummary(id=f"m{i}", group_id="g", held_on=day, status=status) for i, day in enumerate(days)]


def test_only_closed_meetings_count_per_calendar_year() -> None:
    summaries = [
        *_held(date(2024, 3, 1), date(2024, 12, 31), date(2025, 1, 1)),
        *_held(date(2025, 2, 1), status=MeetingStatus.PLANNED),
    ]
    assert meetings_per_year(summaries) == {2024: 2, 2025: 1}


def test_a_whole_year_under_four_or_over_eight_is_named_and_an_empty_one_too() -> None:
    counts = {2023: 5, 2024: 3, 2026: 2}
    assert years_outside(counts, date(2022, 6, 1), TODAY) == [(2024, 3), (2025, 0)]
    assert years_outside({2024: 9, 2025: 6}, date(2024, 1, 1), TODAY) == [(2024, 9)]


def test_the_first_and_the_running_year_are_judged_only_when_over_eight() -> None:
    assert years_outside({2025: 2, 2026: 1}, date(2025, 10, 1), TODAY) == []
    assert years_outside({2026: 9}, date(2026, 1, 5), TODAY) == [(2026, 9)]
    assert years_outside({}, date(2020, 1, 1), TODAY) == []


def test_the_line_for_the_group_screen() -> None:
    i18n.set_language("en")
    assert frequency_line([]) == ""
    assert frequency_line([(2024, 3), (2025, 9)]) == "Meetings a year outside 4-8: 2024: 3, 2025: 9"
