"""Intervision hours: net time per member, cut to attendance, breaks and a register period."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intervisie_tui.core.hours import (
    MeetingHours,
    MemberHours,
    Period,
    hours_text,
    member_hours,
    norm_line,
    period_text,
)
from intervisie_tui.core.model import Attendance, Interval, Meeting, MeetingContent, MeetingStatus
from intervisie_tui.core.registers import load_shipped_registers, register_by_id
from tests.conftest import FROZEN

TZ = timezone(timedelta(hours=1))
ANN, BOB = "ann", "bob"
YEAR_2026 = Period(date(2026, 1, 1), date(2026, 12, 31))
REGISTERS = load_shipped_registers()


def at(day: int, hour: int, minute: int = 0, month: int = 3, year: int = 2026, tz: timezone = TZ) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def content(
    meeting_id: str,
    start: datetime,
    end: datetime,
    *,
    breaks: tuple[tuple[datetime, datetime], ...] = (),
    status: MeetingStatus = MeetingStatus.CLOSED,
    attendance: tuple[Attendance, ...] = (),
    supervised: bool = False,
    supervisor_present: bool = False,
) -> MeetingContent:
    """A meeting held from ``start`` to ``end`` (actual times) with ``breaks``."""
    meeting = Meeting(
        id=meeting_id,
        group_id="g1",
        held_on=start.date(),
        actual_start=start,
        actual_end=end,
        breaks=tuple(Interval(start=low, end=high) for low, high in breaks),
        status=status,
        supervised=supervised,
        supervisor_present=supervisor_present,
        updated_at=FROZEN,
    )
    return MeetingContent(meeting=meeting, attendance=attendance)


def attended(
    meeting_id: str,
    member_id: str = ANN,
    *,
    present: bool = True,
    arrived: datetime | None = None,
    left: datetime | None = None,
    updated_at: datetime = FROZEN,
) -> Attendance:
    return Attendance(
        id=f"{meeting_id}-{member_id}",
        meeting_id=meeting_id,
        member_id=member_id,
        present=present,
        arrived=arrived,
        left=left,
        updated_at=updated_at,
    )


def minutes_of(*contents: MeetingContent, period: Period = YEAR_2026, member_id: str = ANN) -> float:
    return member_hours(contents, member_id, period).total_minutes


# -- net minutes per member --------------------------------------------------------------


def test_whole_meeting_without_breaks_counts_start_to_end() -> None:
    """19:00 to 21:30 is two and a half hours."""
    assert minutes_of(content("m1", at(2, 19), at(2, 21, 30))) == 150


def test_one_break_is_taken_off() -> None:
    """A quarter-hour break leaves 135 minutes."""
    assert minutes_of(content("m1", at(2, 19), at(2, 21, 30), breaks=((at(2, 20), at(2, 20, 15)),))) == 135


def test_several_breaks_are_all_taken_off() -> None:
    """Two breaks of 15 and 10 minutes leave 125 minutes."""
    breaks = ((at(2, 19, 45), at(2, 20)), (at(2, 20, 50), at(2, 21)))
    assert minutes_of(content("m1", at(2, 19), at(2, 21, 30), breaks=breaks)) == 125


def test_arrived_late_counts_from_arrival() -> None:
    """Arriving at 19:40 leaves 110 minutes."""
    record = attended("m1", arrived=at(2, 19, 40))
    assert minutes_of(content("m1", at(2, 19), at(2, 21, 30), attendance=(record,))) == 110


def test_left_early_counts_until_leaving() -> None:
    """Leaving at 20:45 after a full start leaves 105 minutes."""
    record = attended("m1", left=at(2, 20, 45))
    assert minutes_of(content("m1", at(2, 19), at(2, 21, 30), attendance=(record,))) == 105


def test_arrival_before_the_start_and_leaving_after_the_end_do_not_add_time() -> None:
    """Only the meeting's own time counts, however early someone came."""
    record = attended("m1", arrived=at(2, 18, 30), left=at(2, 22))
    assert minutes_of(content("m1", at(2, 19), at(2, 21, 30), attendance=(record,))) == 150


def test_break_partly_outside_the_attended_time_counts_only_its_inside_part() -> None:
    """Arriving at 20:10 during a 20:00-20:15 break: 80 minutes there, of which 5 break."""
    record = attended("m1", arrived=at(2, 20, 10))
    meeting = content("m1", at(2, 19), at(2, 21, 30), breaks=((at(2, 20), at(2, 20, 15)),), attendance=(record,))
    assert minutes_of(meeting) == 75


def test_break_wholly_outside_the_attended_time_takes_nothing_off() -> None:
    """Leaving at 20:30, a break at 21:00 does not count against the member."""
    record = attended("m1", left=at(2, 20, 30))
    meeting = content("m1", at(2, 19), at(2, 21, 30), breaks=((at(2, 21), at(2, 21, 10)),), attendance=(record,))
    assert minutes_of(meeting) == 90


def test_late_and_early_with_several_breaks() -> None:
    """19:20-21:05 with breaks 19:10-19:30 (10 inside) and 20:30-20:40 (10): 85 minutes."""
    record = attended("m1", arrived=at(2, 19, 20), left=at(2, 21, 5))
    breaks = ((at(2, 19, 10), at(2, 19, 30)), (at(2, 20, 30), at(2, 20, 40)))
    assert minutes_of(content("m1", at(2, 19), at(2, 21, 30), breaks=breaks, attendance=(record,))) == 85


def test_meeting_across_midnight_counts_whole_when_the_period_holds_it() -> None:
    """22:30 to 00:45 the next day is 135 minutes."""
    assert minutes_of(content("m1", at(2, 22, 30), at(3, 0, 45))) == 135


def test_period_ending_inside_a_meeting_cuts_it_at_midnight() -> None:
    """A period ending 31 December counts only the part of a New Year's Eve meeting before midnight."""
    meeting = content("m1", at(31, 23, month=12, year=2025), at(1, 1, month=1, year=2026))
    assert minutes_of(meeting, period=Period(date(2025, 1, 1), date(2025, 12, 31))) == 60


def test_period_starting_inside_a_meeting_cuts_it_at_midnight() -> None:
    """A period starting 1 January counts only the part after midnight, less a break after it."""
    meeting = content(
        "m1",
        at(31, 23, month=12, year=2025),
        at(1, 1, month=1, year=2026),
        breaks=((at(31, 23, 50, month=12, year=2025), at(1, 0, 10, month=1, year=2026)),),
    )
    assert minutes_of(meeting, period=YEAR_2026) == 50


def test_period_cut_uses_the_meetings_own_time_zone() -> None:
    """A meeting at 00:30-01:30 on 1 January at +02:00 lies wholly in 2026 where it was held."""
    plus_two = timezone(timedelta(hours=2))
    meeting = content("m1", at(1, 0, 30, month=1, tz=plus_two), at(1, 1, 30, month=1, tz=plus_two))
    assert minutes_of(meeting, period=YEAR_2026) == 60
    assert minutes_of(meeting, period=Period(date(2025, 1, 1), date(2025, 12, 31))) == 0


def test_meeting_outside_the_period_is_left_out() -> None:
    """Nothing of a 2025 meeting counts in 2026, and it is not listed."""
    result = member_hours([content("m1", at(2, 19, year=2025), at(2, 21, year=2025))], ANN, YEAR_2026)
    assert result == MemberHours(member_id=ANN, meetings=(), total_minutes=0)


def test_absent_member_counts_nothing_and_the_meeting_is_not_listed() -> None:
    """A record saying absent wins over the meeting's time."""
    meeting = content("m1", at(2, 19), at(2, 21), attendance=(attended("m1", present=False),))
    result = member_hours([meeting], ANN, YEAR_2026)
    assert result.meetings == () and result.total_minutes == 0


def test_member_without_attendance_record_was_there_the_whole_meeting() -> None:
    """Another member's record does not change the rule for this one."""
    meeting = content("m1", at(2, 19), at(2, 21), attendance=(attended("m1", BOB, present=False),))
    assert minutes_of(meeting, member_id=ANN) == 120
    assert minutes_of(meeting, member_id=BOB) == 0


def test_latest_attendance_record_wins() -> None:
    """When a member was marked absent and later present, the later record counts."""
    early = attended("m1", present=False, updated_at=FROZEN)
    later = attended("m1", arrived=at(2, 20), updated_at=FROZEN + timedelta(minutes=5))
    assert minutes_of(content("m1", at(2, 19), at(2, 21), attendance=(later, early))) == 60


@pytest.mark.parametrize("status", [MeetingStatus.PLANNED, MeetingStatus.RUNNING])
def test_meeting_not_closed_does_not_count(status: MeetingStatus) -> None:
    """A planned or still running meeting counts for nothing, even with times filled in."""
    assert minutes_of(content("m1", at(2, 19), at(2, 21), status=status)) == 0


def test_closed_meeting_without_actual_times_counts_nothing() -> None:
    """A meeting closed without a recorded start is not listed."""
    meeting = Meeting(id="m1", group_id="g1", held_on=date(2026, 3, 2), status=MeetingStatus.CLOSED, updated_at=FROZEN)
    assert member_hours([MeetingContent(meeting=meeting)], ANN, YEAR_2026).meetings == ()


def test_meetings_are_listed_by_date_with_their_minutes_and_supervision() -> None:
    """Supervised means a supervised meeting with the supervisor there."""
    contents = [
        content("m2", at(9, 19), at(9, 21), supervised=True, supervisor_present=False),
        content("m1", at(2, 19), at(2, 20, 30), supervised=True, supervisor_present=True),
        content("m3", at(16, 19), at(16, 20)),
    ]
    result = member_hours(contents, ANN, YEAR_2026)
    assert result.meetings == (
        MeetingHours("m1", date(2026, 3, 2), 90, True),
        MeetingHours("m2", date(2026, 3, 9), 120, False),
        MeetingHours("m3", date(2026, 3, 16), 60, False),
    )
    assert result.total_minutes == 270 and result.hours == 4.5


def test_meetings_before_joining_count_only_with_a_record() -> None:
    """A member who joined later was not at the earlier meetings without a record saying so."""
    contents = [
        content("m1", at(2, 19), at(2, 21)),
        content("m2", at(9, 19), at(9, 21)),
        content("m0", at(1, 19, month=2), at(1, 20, month=2), attendance=(attended("m0"),)),
    ]
    result = member_hours(contents, ANN, YEAR_2026, joined_on=date(2026, 3, 5))
    assert [item.meeting_id for item in result.meetings] == ["m0", "m2"]


# -- rounding ------------------------------------------------------------------------------


def test_hours_round_half_up_to_two_decimals() -> None:
    """100 minutes is 1.67 hours; 7.5 minutes is 0.13 (half up, not to even)."""
    assert MemberHours(ANN, (), 100).hours == 1.67
    assert MemberHours(ANN, (), 7.5).hours == 0.13
    assert MemberHours(ANN, (), 0).hours == 0.0


def test_seconds_count_in_the_total() -> None:
    """A meeting of 90 minutes and 30 seconds counts 90.5 minutes, shown as 1.5 hours."""
    end = at(2, 20, 30) + timedelta(seconds=30)
    result = member_hours([content("m1", at(2, 19), end)], ANN, YEAR_2026)
    assert result.total_minutes == 90.5 and result.hours == 1.51
    assert hours_text(result.total_minutes / 60, "en") == "1.5"


@pytest.mark.parametrize(
    ("hours", "language", "expected"),
    [
        (34.5, "nl", "34,5"),
        (34.5, "en", "34.5"),
        (34.25, "nl", "34,3"),
        (0.05, "en", "0.1"),
        (0, "nl", "0,0"),
        (60, "en", "60.0"),
        (1.0 / 3, "en", "0.3"),
        (2 / 3, "nl", "0,7"),
        (1234.56, "en", "1234.6"),
    ],
)
def test_hours_text_has_one_decimal_and_the_languages_decimal_sign(hours: float, language: str, expected: str) -> None:
    """Dutch writes a decimal comma, English a point; halves round up."""
    assert hours_text(hours, language) == expected


def test_hours_text_follows_the_current_language_and_takes_more_decimals() -> None:
    """Without a language the current one (Dutch in tests) decides."""
    assert hours_text(1.75) == "1,8"
    assert hours_text(1.75, decimals=2) == "1,75"


@given(st.lists(st.tuples(st.integers(0, 600), st.integers(1, 300)), max_size=6), st.integers(1, 27))
def test_splitting_a_period_loses_and_adds_nothing(spans: list[tuple[int, int]], split_day: int) -> None:
    """Hours over two adjacent periods add up to the hours over both together."""
    base = at(1, 0)
    contents = []
    for index, (offset, length) in enumerate(spans):
        start = base + timedelta(days=index % 28, minutes=offset)
        contents.append(content(f"m{index}", start, start + timedelta(minutes=length)))
    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    first = Period(date(2026, 3, 1), date(2026, 3, split_day))
    second = Period(date(2026, 3, split_day + 1), date(2026, 3, 31))
    whole = minutes_of(*contents, period=march)
    assert minutes_of(*contents, period=first) + minutes_of(*contents, period=second) == pytest.approx(whole)
    assert whole == pytest.approx(sum(length for _, length in spans))


# -- periods -------------------------------------------------------------------------------


def test_period_window_is_half_open_from_midnight_in_the_given_zone() -> None:
    """From the first day 00:00 to the day after the last 00:00."""
    start, end = Period(date(2024, 1, 1), date(2028, 12, 31)).window(TZ)
    assert start == datetime(2024, 1, 1, tzinfo=TZ) and end == datetime(2029, 1, 1, tzinfo=TZ)


def test_period_may_not_end_before_it_starts() -> None:
    """A one-day period is fine; a backwards one is refused."""
    Period(date(2026, 3, 2), date(2026, 3, 2))
    with pytest.raises(ValueError):
        Period(date(2026, 3, 2), date(2026, 3, 1))


@pytest.mark.parametrize(
    ("period", "language", "expected"),
    [
        (Period(date(2024, 1, 1), date(2028, 12, 31)), "nl", "2024–2028"),
        (Period(date(2025, 1, 1), date(2025, 12, 31)), "en", "2025"),
        (Period(date(2025, 3, 1), date(2026, 2, 28)), "nl", "01-03-2025 – 28-02-2026"),
        (Period(date(2025, 3, 1), date(2026, 2, 28)), "en", "1 Mar 2025 – 28 Feb 2026"),
        (Period(date(2025, 1, 1), date(2025, 12, 30)), "nl", "01-01-2025 – 30-12-2025"),
    ],
)
def test_period_text(period: Period, language: str, expected: str) -> None:
    """Whole calendar years as years, other periods as two dates."""
    assert period_text(period, language) == expected


# -- the norm line -------------------------------------------------------------------------


def test_norm_line_in_english() -> None:
    """Hours against the register's norm, named by what it counts."""
    skj = register_by_id(REGISTERS, "SKJ")
    assert skj is not None
    line = norm_line(skj, MemberHours(ANN, (), 34.5 * 60), Period(date(2024, 1, 1), date(2028, 12, 31)), "en")
    assert line == "SKJ: 34.50 of 60 h of reflection in 2024–2028"


def test_norm_line_without_norm_in_english() -> None:
    """V&VN: hours are points; Registerplein: a minimum the app does not hold; BIG: intervision does not count."""
    venvn, plein = register_by_id(REGISTERS, "V&VN"), register_by_id(REGISTERS, "registerplein")
    assert venvn is not None and plein is not None
    year = Period(date(2025, 1, 1), date(2025, 12, 31))
    expected = "V&VN Kwaliteitsregister: 12.00 h in 2025 (1 hour = 1 point)"
    assert norm_line(venvn, MemberHours(ANN, (), 720), year, "en") == expected
    expected = "Registerplein: 1.50 h in 2025 (no hours norm in this app)"
    assert norm_line(plein, MemberHours(ANN, (), 90), year, "en") == expected
    big = register_by_id(REGISTERS, "BIG")
    assert big is not None
    expected = "BIG-register: intervision does not count toward re-registration"
    assert norm_line(big, MemberHours(ANN, (), 90), year, "en") == expected


def test_norm_line_in_dutch() -> None:
    """Needs the Dutch texts in locale/nl.po (merged from /tmp/i18n_hours.json)."""
    skj, venvn = register_by_id(REGISTERS, "skj"), register_by_id(REGISTERS, "venvn")
    assert skj is not None and venvn is not None
    period = Period(date(2024, 1, 1), date(2028, 12, 31))
    assert norm_line(skj, MemberHours(ANN, (), 34.5 * 60), period) == "SKJ: 34,50 van 60 uur reflectie in 2024–2028"
    year = Period(date(2025, 1, 1), date(2025, 12, 31))
    expected = "V&VN Kwaliteitsregister: 12,00 uur in 2025 (1 uur = 1 punt)"
    assert norm_line(venvn, MemberHours(ANN, (), 720), year, "nl") == expected
