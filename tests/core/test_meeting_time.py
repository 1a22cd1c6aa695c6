"""Meeting time: what the clock ran counts, the time the app was closed never does, and the plan caps it.

The scenario: a meeting quit after 1 h 50, opened again 16 hours later and
ended 3 min 24 s after that once counted 17.89 h in the hours statement. Its clock ran 113.4 minutes. The frame used is the shipped one
(110 minutes planned), started at the frozen moment (14:05, +01:00).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intervisie_tui.core import meeting as flow
from intervisie_tui.core import meeting_time as mt
from intervisie_tui.core.hours import Period, member_hours, net_minutes
from intervisie_tui.core.meeting_time import Reopening, reopening
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import (
    Attendance,
    Group,
    Interval,
    Meeting,
    MeetingContent,
    MeetingStatus,
    Member,
)
from intervisie_tui.core.registers import load_shipped_registers, register_by_id
from intervisie_tui.core.statement import hours_statement_markdown
from tests.conftest import FROZEN

LIBRARY = load_shipped()
PLANNED_MINUTES = 110.0
PHASE_ENDS = (10, 20, 30, 35, 95)  # minutes after the start at which the chair pressed N
GAP_HOURS = 16


def at(minutes: float = 0, *, hours: float = 0) -> datetime:
    """The frozen moment plus some time."""
    return FROZEN + timedelta(hours=hours, minutes=minutes)


def started() -> Meeting:
    """The frame, planned and started at the frozen moment, walked to its last phase at 1:35."""
    meeting = flow.start(flow.new_meeting("g1", FROZEN.date(), LIBRARY, at(-60), planned_start=FROZEN), FROZEN)
    for minute in PHASE_ENDS:
        meeting = flow.next_phase(meeting, at(minute))
    return meeting


def left_overnight() -> Meeting:
    """Quit at 1:50 (the clock halts), opened 16 h later, ended at once 3 min 24 s after that."""
    meeting = flow.halt(started(), at(110))
    meeting = flow.resume_after_restart(meeting, at(110, hours=GAP_HOURS))
    return flow.finish(meeting, at(113.4, hours=GAP_HOURS))


# -- the reported case ---------------------------------------------------------------------


def test_the_sixteen_hours_the_app_was_closed_do_not_count() -> None:
    """17.89 h was counted; the clock ran 113.4 min, of which the 110 planned count without the chair's word."""
    meeting = left_overnight()
    assert mt.clock_seconds(meeting, meeting.actual_end) == pytest.approx(113.4 * 60)
    assert mt.ran_seconds(meeting, meeting.actual_end) == pytest.approx(113.4 * 60)
    assert meeting.gaps == (Interval(start=at(110), end=at(110, hours=GAP_HOURS)),)
    assert net_minutes(meeting) == pytest.approx(PLANNED_MINUTES)
    assert net_minutes(flow.confirm_overrun(meeting, at(120, hours=GAP_HOURS))) == pytest.approx(113.4)


def test_the_hours_statement_of_the_reported_case_no_longer_lists_17_89() -> None:
    """The member's line in the statement shows the meeting's time, not the night."""
    meeting = left_overnight()
    member = Member(id="ann", group_id="g1", name="Ann", register="SKJ", updated_at=FROZEN)
    hours = member_hours([MeetingContent(meeting=meeting)], "ann", Period(date(2026, 1, 1), date(2026, 12, 31)))
    skj = register_by_id(load_shipped_registers(), "SKJ")
    text = hours_statement_markdown(
        member,
        Group(id="g1", name="Noord", updated_at=FROZEN),
        skj,
        Period(date(2026, 1, 1), date(2026, 12, 31)),
        hours,
        FROZEN,
        "nl",
    )
    assert "17,89" not in text and "17,9" not in text
    assert "| 1,83 |" in text


def test_a_meeting_stored_before_gaps_were_kept_counts_its_clock() -> None:
    """The same meeting as an older version stored it (no gap): the clock's time, not start to end."""
    meeting = left_overnight()
    old = dataclasses.replace(meeting, gaps=())
    assert old.gaps == () and (old.actual_end - old.actual_start).total_seconds() / 3600 == pytest.approx(17.89)
    assert net_minutes(old) == pytest.approx(PLANNED_MINUTES)
    assert net_minutes(flow.confirm_overrun(old, at(0, hours=20))) == pytest.approx(113.4)


def test_a_crash_counts_only_up_to_the_last_save_and_keeps_the_rest_as_a_gap() -> None:
    """The clock was still running in the file: the night is a gap from the last checkpoint on."""
    crashed = flow.checkpoint(started(), at(100))
    reopened = flow.resume_after_restart(crashed, at(100, hours=GAP_HOURS))
    assert reopened.gaps == (Interval(start=at(100), end=at(100, hours=GAP_HOURS)),)
    closed = flow.finish(reopened, at(105, hours=GAP_HOURS))
    assert mt.clock_seconds(closed, closed.actual_end) == pytest.approx(105 * 60)
    assert mt.wall_seconds(closed, closed.actual_end) == pytest.approx(105 * 60)
    assert net_minutes(closed) == pytest.approx(105)


# -- the plan caps what counts ---------------------------------------------------------------


def test_time_within_the_plan_counts_as_it_ran() -> None:
    """Ended at 1:45 of 1:50 planned: 105 minutes, nothing to confirm."""
    meeting = flow.finish(started(), at(105))
    assert mt.overrun_to_confirm(meeting, meeting.actual_end) == 0
    assert mt.counted_seconds(meeting, meeting.actual_end) == pytest.approx(105 * 60)
    assert net_minutes(meeting) == pytest.approx(105)


def test_minutes_added_with_plus_raise_the_plan() -> None:
    """Five minutes added to the closing round: 115 minutes may count unasked."""
    meeting = started()
    for _ in range(5):
        meeting = flow.extend(meeting, at(100))
    closed = flow.finish(meeting, at(120))
    assert mt.allowed_seconds(closed) == pytest.approx(115 * 60)
    assert mt.overrun_to_confirm(closed, closed.actual_end) == pytest.approx(5 * 60)
    assert net_minutes(closed) == pytest.approx(115)
    assert net_minutes(flow.confirm_overrun(closed, at(121))) == pytest.approx(120)


def test_a_running_meeting_counts_up_to_now() -> None:
    """now is passed in: a running meeting's time grows with it, up to the plan."""
    meeting = started()
    assert mt.counted_seconds(meeting, at(100)) == pytest.approx(100 * 60)
    assert mt.counted_seconds(meeting, at(500)) == pytest.approx(PLANNED_MINUTES * 60)
    assert mt.overrun_to_confirm(meeting, at(500)) == pytest.approx(390 * 60)


def test_a_meeting_without_phases_is_held_to_its_planned_start_and_end() -> None:
    """Older records: start to end less breaks and gaps, at most the planned start to end; no plan, no cap."""
    meeting = Meeting(
        id="m",
        group_id="g1",
        held_on=FROZEN.date(),
        planned_start=at(0),
        planned_end=at(120),
        actual_start=at(0),
        actual_end=at(150),
        breaks=(Interval(start=at(60), end=at(70)),),
        status=MeetingStatus.CLOSED,
        updated_at=FROZEN,
    )
    assert mt.ran_seconds(meeting, at(150)) == pytest.approx(140 * 60)
    assert net_minutes(meeting) == pytest.approx(120)
    unplanned = dataclasses.replace(meeting, planned_start=None, planned_end=None)
    assert mt.allowed_seconds(unplanned) is None
    assert net_minutes(unplanned) == pytest.approx(140)


def test_reopening_a_closed_meeting_keeps_the_closed_time_out_and_asks_again() -> None:
    """reopen: the time it stood closed is a gap; a confirmation given before must be given again."""
    closed = flow.confirm_overrun(flow.finish(started(), at(120)), at(120))
    again = flow.reopen(closed, at(180))
    assert again.gaps == (Interval(start=at(120), end=at(180)),)
    assert not again.overrun_confirmed
    assert mt.clock_seconds(again, at(181)) == pytest.approx(121 * 60)
    assert mt.wall_seconds(again, at(181)) == pytest.approx(121 * 60)


# -- who was there when --------------------------------------------------------------------


def test_a_meeting_continued_next_day_counts_each_member_where_they_were() -> None:
    """Evening 19:00-20:00, night, next morning 09:00-09:45: someone there only in the morning counts 45 min."""
    evening = datetime(2026, 3, 2, 19, tzinfo=FROZEN.tzinfo)
    meeting = flow.start(flow.new_meeting("g1", evening.date(), LIBRARY, evening, planned_start=evening), evening)
    meeting = flow.halt(meeting, evening + timedelta(hours=1))
    morning = evening + timedelta(hours=14)
    meeting = flow.continue_now(meeting, morning)
    meeting = flow.finish(meeting, morning + timedelta(minutes=45))
    late = Attendance(id="a", meeting_id=meeting.id, member_id="bob", arrived=morning, updated_at=morning)
    early = Attendance(
        id="b", meeting_id=meeting.id, member_id="cor", left=evening + timedelta(minutes=30), updated_at=morning
    )
    assert net_minutes(meeting) == pytest.approx(105)
    assert net_minutes(meeting, late) == pytest.approx(45)
    assert net_minutes(meeting, early) == pytest.approx(30)
    day_one = (evening.replace(hour=0), evening.replace(hour=0) + timedelta(days=1))
    assert net_minutes(meeting, window=day_one) == pytest.approx(60)


def test_time_past_the_plan_is_left_out_at_the_end() -> None:
    """Capped at the plan, the counted time ends 110 min in: someone who came at 1:00 counts 50 minutes."""
    meeting = flow.finish(started(), at(130))
    assert mt.counted_end(meeting, meeting.actual_end) == at(110)
    arrived = Attendance(id="a", meeting_id=meeting.id, member_id="bob", arrived=at(60), updated_at=FROZEN)
    assert net_minutes(meeting, arrived) == pytest.approx(50)


def test_overlapping_breaks_and_gaps_are_taken_off_once() -> None:
    """A break running into a gap is not subtracted twice."""
    spans = mt.not_meeting_time(
        Meeting(
            id="m",
            group_id="g1",
            held_on=FROZEN.date(),
            breaks=(Interval(start=at(10), end=at(30)),),
            gaps=(Interval(start=at(20), end=at(40)), Interval(start=at(50), end=at(50))),
            updated_at=FROZEN,
        ),
        at(60),
    )
    assert spans == [Interval(start=at(10), end=at(40))]


# -- opening a running meeting again -----------------------------------------------------------


def test_the_same_day_after_a_short_stop_resumes_quietly() -> None:
    """Quit at 1:40, opened at 2:30: resumed, no question; the 50 minutes closed are a gap."""
    halted = flow.halt(started(), at(100))
    assert reopening(halted, at(150), restarted=True) is Reopening.RESUME
    assert reopening(halted, at(150), restarted=False) is Reopening.RESUME  # a halted clock always resumes
    resumed = flow.resume_after_restart(halted, at(150))
    assert resumed.gaps == (Interval(start=at(100), end=at(150)),)
    assert flow.clock(resumed, at(151)).elapsed_seconds == 6 * 60  # closing round: 5 min before the quit


@pytest.mark.parametrize(("gap_hours", "asked"), [(2.9, False), (3.1, True), (GAP_HOURS, True)])
def test_a_long_stop_asks_what_happened(gap_hours: float, asked: bool) -> None:
    """Longer than three hours (about a whole meeting), the chair is asked."""
    halted = flow.halt(started(), at(100))
    kind = reopening(halted, at(100, hours=gap_hours), restarted=True)
    assert kind is (Reopening.ASK if asked else Reopening.RESUME)


def test_a_later_day_asks_even_after_a_short_stop() -> None:
    """Quit at 23:30, opened at 00:10: another day, so the chair is asked."""
    late = datetime(2026, 3, 2, 23, 30, tzinfo=FROZEN.tzinfo)
    meeting = flow.start(flow.new_meeting("g1", late.date(), LIBRARY, late), late - timedelta(hours=1))
    halted = flow.halt(meeting, late)
    assert reopening(halted, late + timedelta(minutes=40), restarted=True) is Reopening.ASK


def test_a_clock_left_running_in_this_run_counts_unless_it_stood_long() -> None:
    """Opened from the group list in the same run: the meeting ran on; hours later the chair is asked."""
    meeting = started()
    assert reopening(meeting, at(100), restarted=False) is Reopening.AS_IS
    assert reopening(meeting, at(100), restarted=True) is Reopening.RESUME
    assert reopening(meeting, at(95, hours=4), restarted=False) is Reopening.ASK


def test_a_break_goes_on_unless_it_began_long_ago() -> None:
    """On a break: a short stop leaves the break running; a long one asks."""
    paused = flow.pause(started(), at(100))
    assert reopening(paused, at(120), restarted=True) is Reopening.AS_IS
    assert reopening(paused, at(100, hours=GAP_HOURS), restarted=True) is Reopening.ASK
    assert flow.last_run_at(paused) == at(100)


def test_planned_and_closed_meetings_are_left_as_they_are() -> None:
    """Nothing to resume or ask."""
    planned = flow.new_meeting("g1", FROZEN.date(), LIBRARY, FROZEN)
    closed = flow.finish(started(), at(100))
    for meeting in (planned, closed):
        assert reopening(meeting, at(0, hours=GAP_HOURS), restarted=True) is Reopening.AS_IS
        assert flow.last_run_at(meeting) is None


def test_continue_now_ends_a_break_or_records_the_gap() -> None:
    """The chair answers "continue": the clock runs from now; the stretch before is a break or a gap."""
    paused = flow.continue_now(flow.pause(started(), at(100)), at(100, hours=GAP_HOURS))
    assert paused.paused_at is None and paused.clock_started_at == at(100, hours=GAP_HOURS)
    assert paused.breaks[-1] == Interval(start=at(100), end=at(100, hours=GAP_HOURS)) and paused.gaps == ()
    halted = flow.continue_now(flow.halt(started(), at(100)), at(100, hours=GAP_HOURS))
    assert halted.gaps == (Interval(start=at(100), end=at(100, hours=GAP_HOURS)),)


@pytest.mark.parametrize("how", ["quit", "crash", "break"])
def test_ended_at_closes_when_the_clock_last_ran(how: str) -> None:
    """The chair answers "it ended at …": closed then; nothing after it counts."""
    meeting = {
        "quit": lambda: flow.halt(started(), at(100)),
        "crash": lambda: flow.checkpoint(started(), at(100)),
        "break": lambda: flow.pause(started(), at(100)),
    }[how]()
    last = flow.last_run_at(meeting)
    assert last == at(100)
    closed = flow.end_at(meeting, last, at(100, hours=GAP_HOURS))
    assert closed.status is MeetingStatus.CLOSED
    assert closed.actual_end == at(100) and closed.updated_at == at(100, hours=GAP_HOURS)
    assert closed.clock_started_at is None and closed.paused_at is None
    assert net_minutes(closed) == pytest.approx(100)


def test_closing_the_app_halts_now_or_where_the_clock_last_ran() -> None:
    """Quit or lock: the clock stops now; left on another screen for hours, it stops where it last ran."""
    meeting = started()
    assert mt.halt_on_close(meeting, at(100)).phases[-1].spent_seconds == 5 * 60
    stood = mt.halt_on_close(meeting, at(95, hours=5))
    assert stood.clock_started_at is None and stood.phases[-1].spent_seconds == 0
    assert stood.updated_at == at(95)
    assert mt.halt_on_close(flow.finish(meeting, at(100)), at(200)).status is MeetingStatus.CLOSED


def test_elapsed_time_on_the_status_line_leaves_gaps_out() -> None:
    """The running meeting's "so far" is not 16 hours after a night closed."""
    halted = flow.halt(started(), at(100))
    assert flow.elapsed_seconds(halted, at(100, hours=GAP_HOURS)) == pytest.approx(100 * 60)  # still asking
    meeting = flow.resume_after_restart(halted, at(100, hours=GAP_HOURS))
    assert flow.elapsed_seconds(meeting, at(105, hours=GAP_HOURS)) == pytest.approx(105 * 60)


# -- property: whatever happens, the clock and the wall agree, and the plan caps ---------------

EVENTS = ("next", "back", "pause", "toggle", "quit_reopen", "crash_reopen", "checkpoint", "extend")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(EVENTS), st.integers(0, 40_000)), min_size=1, max_size=30), st.booleans())
def test_counted_time_is_what_the_clock_ran_and_never_past_the_plan_unconfirmed(
    steps: list[tuple[str, int]], confirm: bool
) -> None:
    """Any run with quits, crashes and breaks: start to end less breaks and gaps equals the clock's time;
    what counts never exceeds the plan unless confirmed, and then is exactly what the clock ran."""
    meeting = flow.start(flow.new_meeting("g1", FROZEN.date(), LIBRARY, FROZEN, planned_start=FROZEN), FROZEN)
    now = FROZEN
    for event, seconds in steps:
        now += timedelta(seconds=seconds)
        meeting = {
            "next": lambda: flow.next_phase(meeting, now),
            "back": lambda: flow.previous_phase(meeting, now),
            "pause": lambda: flow.pause(meeting, now),
            "toggle": lambda: flow.toggle_pause(meeting, now),
            "quit_reopen": lambda: flow.resume_after_restart(flow.halt(meeting, now), now + timedelta(hours=9)),
            "crash_reopen": lambda: flow.resume_after_restart(meeting, now + timedelta(hours=9)),
            "checkpoint": lambda: flow.checkpoint(meeting, now),
            "extend": lambda: flow.extend(meeting, now),
        }[event]()
        if event.endswith("_reopen"):
            now += timedelta(hours=9)
        assert mt.wall_seconds(meeting, now) == pytest.approx(mt.clock_seconds(meeting, now), abs=1e-6)
    closed = flow.finish(meeting, now + timedelta(seconds=1))
    if confirm:
        closed = flow.confirm_overrun(closed, now)
    end = closed.actual_end
    ran = mt.clock_seconds(closed, end)
    allowed = mt.allowed_seconds(closed)
    assert allowed is not None
    counted = net_minutes(closed) * 60
    assert counted == pytest.approx(ran if confirm else min(ran, allowed), abs=1e-6)
