"""The meeting state machine: planning, the phase clock, moving between phases, breaks and readings.

Every function in ``core/meeting.py`` is pure and takes ``now``; these tests move
time by hand from the frozen moment in ``tests/conftest.py``. The frame used is
the shipped one: check-in 10, look back 10, inventory 10, choice 5, casework 60
and closing 15 minutes (110 in all).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from intervisie_tui.core import meeting as flow
from intervisie_tui.core.meeting import ClockLevel, ClockReading
from intervisie_tui.core.methods import CASEWORK, FRAME_ID, load_shipped
from intervisie_tui.core.model import CaseSlot, Interval, Meeting, MeetingStatus, PhaseRecord, PhaseStatus
from tests.conftest import FROZEN

LIBRARY = load_shipped()
FRAME_KEYS = ("checkin", "lookback", "inventory", "choice", "casework", "closing")
FRAME_MINUTES = 110.0
CHECKIN, LOOKBACK, INVENTORY, CHOICE, CASEWORK_INDEX, CLOSING = range(6)
ROD = "roddel"  # vraag 5, vragen 15, roddelen 15, oogst 10, evaluatie 5 = 50 min
INC = "incident_kort"  # incident 5, informatieronde 15, diagnose 7.5, oplossingen 7.5, keuze 5, afronding 5 = 45 min


def at(minutes: float = 0, seconds: float = 0) -> datetime:
    """The frozen moment plus some time."""
    return FROZEN + timedelta(minutes=minutes, seconds=seconds)


def planned(**kwargs: object) -> Meeting:
    """A planned meeting with the frame's phases, planned to start at the frozen moment."""
    return flow.new_meeting(
        "group-1",
        date(2026, 11, 22),
        LIBRARY,
        at(-60),
        planned_start=FROZEN,
        **kwargs,  # type: ignore[arg-type]
    )


def running(*methods: str) -> Meeting:
    """A meeting with the given case methods, started at the frozen moment."""
    meeting = planned()
    if methods:
        meeting = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id=method) for method in methods], at(-30))
    return flow.start(meeting, FROZEN)


def keys(meeting: Meeting) -> list[str]:
    """The meeting's phase keys, in order."""
    return [phase.key for phase in meeting.phases]


def statuses(meeting: Meeting) -> list[PhaseStatus]:
    """The meeting's phase statuses, in order."""
    return [phase.status for phase in meeting.phases]


def method_keys(method_id: str, slot: int) -> list[str]:
    """The phase keys a method's steps get for case ``slot``."""
    method = LIBRARY.get(method_id)
    assert method is not None
    return [f"case{slot}.{step.key}" for step in method.steps]


def currents(meeting: Meeting) -> list[int]:
    """Indices of every phase marked current."""
    return [index for index, phase in enumerate(meeting.phases) if phase.status is PhaseStatus.CURRENT]


# -- plan_phases -------------------------------------------------------------------


def test_plan_without_slots_is_the_frame_in_order() -> None:
    """No cases chosen: the frame's six steps in order, casework a single placeholder, all pending and unspent."""
    phases = flow.plan_phases(LIBRARY, ())
    assert [phase.key for phase in phases] == list(FRAME_KEYS)
    assert [phase.planned_minutes for phase in phases] == [10, 10, 10, 5, 60, 15]
    assert all(phase.method_id == FRAME_ID and phase.case_slot == 0 for phase in phases)
    assert [phase.step_key for phase in phases] == list(FRAME_KEYS)
    assert all(phase.status is PhaseStatus.PENDING and phase.spent_seconds == 0 for phase in phases)
    assert all(phase.extra_minutes == 0 and phase.scale_value is None for phase in phases)


def test_plan_one_slot_replaces_casework_with_the_method_steps() -> None:
    """One case: the method's steps stand where casework stood, keyed ``case1.<step>``, with their minutes."""
    phases = flow.plan_phases(LIBRARY, [CaseSlot(method_id=ROD)])
    method = LIBRARY.get(ROD)
    assert method is not None
    assert [phase.key for phase in phases] == [*FRAME_KEYS[:4], *method_keys(ROD, 1), "closing"]
    case = phases[4:-1]
    assert [phase.step_key for phase in case] == [step.key for step in method.steps]
    assert [phase.planned_minutes for phase in case] == [step.minutes for step in method.steps]
    assert [phase.name for phase in case] == [step.name() for step in method.steps]
    assert all(phase.method_id == ROD and phase.case_slot == 1 for phase in case)
    assert all(phase.case_slot == 0 and phase.method_id == FRAME_ID for phase in (*phases[:4], phases[-1]))


def test_plan_two_slots_puts_both_cases_in_order() -> None:
    """Two cases: case 1's steps, then case 2's, between the choice and the closing."""
    phases = flow.plan_phases(LIBRARY, [CaseSlot(method_id=ROD), CaseSlot(method_id=INC)])
    assert [phase.key for phase in phases] == [*FRAME_KEYS[:4], *method_keys(ROD, 1), *method_keys(INC, 2), "closing"]
    assert [phase.case_slot for phase in phases] == [0] * 4 + [1] * 5 + [2] * 6 + [0]
    assert {phase.method_id for phase in phases if phase.case_slot == 2} == {INC}


def test_plan_same_method_twice_keeps_keys_unique() -> None:
    """The same method for both cases still gives every phase its own key."""
    phases = flow.plan_phases(LIBRARY, [CaseSlot(method_id=ROD), CaseSlot(method_id=ROD)])
    all_keys = [phase.key for phase in phases]
    assert len(all_keys) == len(set(all_keys))
    assert all_keys[4:-1] == [*method_keys(ROD, 1), *method_keys(ROD, 2)]


@pytest.mark.parametrize("method_id", ["no-such-method", ""])
def test_plan_unknown_or_unchosen_method_keeps_a_placeholder(method_id: str) -> None:
    """A case without a known method gets one ``case<n>.casework`` phase of the frame's 60 minutes."""
    phases = flow.plan_phases(LIBRARY, [CaseSlot(method_id=ROD), CaseSlot(method_id=method_id)])
    placeholder = phases[-2]
    assert placeholder.key == "case2.casework"
    assert placeholder.step_key == CASEWORK
    assert placeholder.method_id == FRAME_ID
    assert placeholder.case_slot == 2
    assert placeholder.planned_minutes == 60
    assert [phase.key for phase in phases[4:-2]] == method_keys(ROD, 1)


def test_plan_unknown_method_in_first_slot() -> None:
    """The placeholder of case 1 comes before case 2's method steps."""
    phases = flow.plan_phases(LIBRARY, [CaseSlot(method_id="gone"), CaseSlot(method_id=INC)])
    assert [phase.key for phase in phases] == [*FRAME_KEYS[:4], "case1.casework", *method_keys(INC, 2), "closing"]


def test_plan_more_than_two_slots_is_refused() -> None:
    """A meeting works at most two cases; a third slot is a ValueError."""
    with pytest.raises(ValueError, match="at most 2"):
        flow.plan_phases(LIBRARY, [CaseSlot(method_id=ROD)] * 3)


@pytest.mark.parametrize("method_id", sorted(LIBRARY.methods))
def test_plan_minutes_come_from_the_steps(method_id: str) -> None:
    """For every shipped method the plan's minutes are the frame's without casework plus the method's."""
    method = LIBRARY.get(method_id)
    assert method is not None
    phases = flow.plan_phases(LIBRARY, [CaseSlot(method_id=method_id)])
    assert sum(phase.planned_minutes for phase in phases) == pytest.approx(FRAME_MINUTES - 60 + method.minutes)


def test_step_of_finds_the_step_a_phase_came_from() -> None:
    """Frame phases map to frame steps, case phases to method steps, a vanished method to None."""
    phases = flow.plan_phases(LIBRARY, [CaseSlot(method_id=ROD), CaseSlot(method_id="gone")])
    frame_step = flow.step_of(LIBRARY, phases[0])
    assert frame_step is not None and frame_step.key == "checkin"
    case_step = flow.step_of(LIBRARY, phases[4])
    assert case_step is not None and case_step.key == "vraag" and case_step.minutes == 5
    placeholder = flow.step_of(LIBRARY, phases[-2])
    assert placeholder is not None and placeholder.key == CASEWORK
    orphan = PhaseRecord(key="case1.x", name="x", planned_minutes=1, method_id="gone", step_key="x")
    assert flow.step_of(LIBRARY, orphan) is None


# -- new_meeting -------------------------------------------------------------------


def test_new_meeting_is_planned_with_the_end_from_the_minutes() -> None:
    """A new meeting is PLANNED, has the frame's phases, and ends 110 minutes after its planned start."""
    meeting = flow.new_meeting(
        "g",
        date(2026, 11, 22),
        LIBRARY,
        at(-60),
        planned_start=FROZEN,
        chair_id="m1",
        supervised=True,
        supervisor_present=True,
    )
    assert meeting.status is MeetingStatus.PLANNED
    assert meeting.planned_start == FROZEN
    assert meeting.planned_end == FROZEN + timedelta(minutes=FRAME_MINUTES)
    assert keys(meeting) == list(FRAME_KEYS)
    assert (meeting.group_id, meeting.held_on, meeting.chair_id) == ("g", date(2026, 11, 22), "m1")
    assert meeting.supervised and meeting.supervisor_present
    assert meeting.updated_at == at(-60)
    assert meeting.actual_start is None and meeting.actual_end is None
    assert meeting.clock_started_at is None and meeting.paused_at is None
    assert meeting.current == 0 and meeting.slots == () and meeting.breaks == ()
    assert PhaseStatus.CURRENT not in statuses(meeting)


def test_new_meeting_without_planned_start_has_no_planned_end() -> None:
    """Without a planned start there is no planned end either, and ids differ per meeting."""
    first = flow.new_meeting("g", date(2026, 11, 22), LIBRARY, FROZEN)
    second = flow.new_meeting("g", date(2026, 11, 22), LIBRARY, FROZEN)
    assert first.planned_start is None and first.planned_end is None
    assert first.id != second.id


# -- start -------------------------------------------------------------------------


def test_start_makes_the_first_phase_current_and_runs_the_clock() -> None:
    """Starting: RUNNING, actual start now, phase 0 CURRENT (others pending), its clock counting from now."""
    meeting = flow.start(planned(), FROZEN)
    assert meeting.status is MeetingStatus.RUNNING
    assert meeting.actual_start == FROZEN
    assert meeting.clock_started_at == FROZEN
    assert meeting.updated_at == FROZEN
    assert meeting.current == 0
    assert statuses(meeting) == [PhaseStatus.CURRENT] + [PhaseStatus.PENDING] * 5
    reading = flow.clock(meeting, at(seconds=30))
    assert reading.running and reading.elapsed_seconds == 30
    assert flow.is_running(meeting)


def test_start_twice_is_a_no_op() -> None:
    """A second start changes nothing: same object, original start time kept."""
    meeting = running()
    assert flow.start(meeting, at(5)) is meeting
    assert meeting.actual_start == FROZEN


def test_start_of_a_closed_meeting_is_a_no_op() -> None:
    """A closed meeting cannot be started again (reopen exists for that)."""
    closed = flow.finish(running(), at(3))
    assert flow.start(closed, at(5)) is closed
    assert closed.status is MeetingStatus.CLOSED


def test_start_without_phases_is_a_no_op() -> None:
    """A meeting with no phases at all stays planned."""
    empty = Meeting(id="x", group_id="g", held_on=date(2026, 11, 22), updated_at=FROZEN)
    assert flow.start(empty, FROZEN) is empty
    assert flow.clock(empty, FROZEN) == ClockReading(0.0, 0.0, False)


# -- the clock ---------------------------------------------------------------------


def test_clock_elapsed_grows_with_now() -> None:
    """The running phase's elapsed time is simply ``now`` minus its start, growing as time passes."""
    meeting = running()
    assert [flow.clock(meeting, at(seconds=s)).elapsed_seconds for s in (0, 1, 90, 600, 750)] == [0, 1, 90, 600, 750]
    assert flow.clock(meeting, at(seconds=90)).planned_seconds == 600
    assert flow.clock(meeting, at(seconds=90)).remaining_seconds == 510


def test_clock_does_not_count_backwards() -> None:
    """A ``now`` before the clock started reads zero, never negative."""
    meeting = running()
    assert flow.clock(meeting, at(-1)).elapsed_seconds == 0
    assert flow.phase_seconds(meeting, 0, at(-1)) == 0


def test_clock_levels_for_a_ten_minute_phase() -> None:
    """10 minutes: NORMAL until the last 2 minutes (20%), NEAR_END up to zero, then OVERRUN with negative remaining."""
    meeting = running()
    assert flow.clock(meeting, at(seconds=0)).level is ClockLevel.NORMAL
    assert flow.clock(meeting, at(seconds=479)).level is ClockLevel.NORMAL
    assert flow.clock(meeting, at(seconds=480)).level is ClockLevel.NEAR_END
    assert flow.clock(meeting, at(seconds=600)).level is ClockLevel.NEAR_END
    over = flow.clock(meeting, at(seconds=601))
    assert over.level is ClockLevel.OVERRUN
    assert over.remaining_seconds == -1


@pytest.mark.parametrize(
    ("planned_seconds", "window"),
    [(60, 30), (150, 30), (151, 30.2), (300, 60), (600, 120), (601, 120), (900, 120), (3600, 120)],
)
def test_near_end_window_is_twenty_percent_clamped(planned_seconds: float, window: float) -> None:
    """The warning window is 20% of the phase, never under 30 s nor over 2 minutes."""
    assert flow.near_end_seconds(planned_seconds) == pytest.approx(window)


def test_near_end_clamped_to_thirty_seconds_in_a_one_minute_phase() -> None:
    """A phase cut to one minute warns for the last 30 s (20% would be only 12 s)."""
    meeting = flow.extend(running(), FROZEN, -9)
    assert flow.clock(meeting, FROZEN).planned_seconds == 60
    assert flow.clock(meeting, at(seconds=29)).level is ClockLevel.NORMAL
    assert flow.clock(meeting, at(seconds=30)).level is ClockLevel.NEAR_END
    assert flow.clock(meeting, at(seconds=61)).level is ClockLevel.OVERRUN


def test_near_end_clamped_to_two_minutes_in_a_long_phase() -> None:
    """The 15-minute closing warns for the last 2 minutes (20% would be 3)."""
    meeting = flow.go_to(running(), CLOSING, FROZEN)
    assert flow.clock(meeting, at(seconds=779)).level is ClockLevel.NORMAL
    assert flow.clock(meeting, at(seconds=780)).level is ClockLevel.NEAR_END


def test_clock_stopped_while_paused() -> None:
    """During a break the clock reads STOPPED and stands still at the time of the pause."""
    meeting = flow.pause(running(), at(seconds=500))
    for later in (500, 560, 5000):
        reading = flow.clock(meeting, at(seconds=later))
        assert not reading.running
        assert reading.elapsed_seconds == 500
        assert reading.level is ClockLevel.STOPPED


def test_clock_overrun_shows_even_while_paused() -> None:
    """Over time wins over stopped: a paused phase that ran over still reads OVERRUN."""
    meeting = flow.pause(running(), at(seconds=700))
    assert flow.clock(meeting, at(seconds=800)).level is ClockLevel.OVERRUN


def test_clock_of_a_planned_meeting_is_stopped() -> None:
    """Before the start the clock shows the first phase's plan, not running, nothing elapsed."""
    reading = flow.clock(planned(), at(5))
    assert reading == ClockReading(0.0, 600.0, False)
    assert reading.level is ClockLevel.STOPPED


# -- moving between phases ---------------------------------------------------------


def test_next_phase_banks_time_and_starts_the_next_clock() -> None:
    """Next: the phase left is DONE with exactly its time banked; the next is CURRENT with its clock from now."""
    meeting = flow.next_phase(running(), at(seconds=312.5))
    assert meeting.current == LOOKBACK
    assert meeting.phases[CHECKIN].status is PhaseStatus.DONE
    assert meeting.phases[CHECKIN].spent_seconds == 312.5
    assert meeting.phases[LOOKBACK].status is PhaseStatus.CURRENT
    assert meeting.clock_started_at == at(seconds=312.5)
    assert meeting.updated_at == at(seconds=312.5)
    assert flow.clock(meeting, at(seconds=312.5)).elapsed_seconds == 0
    assert flow.clock(meeting, at(seconds=400)).elapsed_seconds == 87.5
    assert flow.phase_seconds(meeting, CHECKIN, at(seconds=400)) == 312.5
    assert currents(meeting) == [LOOKBACK]


def test_skip_marks_the_phase_skipped_but_keeps_its_time() -> None:
    """Skip: the phase left is SKIPPED, still with the seconds spent in it, and the next begins."""
    meeting = flow.skip(running(), at(seconds=20))
    assert meeting.phases[CHECKIN].status is PhaseStatus.SKIPPED
    assert meeting.phases[CHECKIN].spent_seconds == 20
    assert meeting.current == LOOKBACK
    assert meeting.phases[LOOKBACK].status is PhaseStatus.CURRENT
    assert meeting.clock_started_at == at(seconds=20)


def test_previous_phase_returns_the_left_phase_to_pending_with_its_time() -> None:
    """Back: the phase left is PENDING with its time; the earlier phase is CURRENT and counts on from its old time."""
    meeting = flow.next_phase(running(), at(5))
    meeting = flow.previous_phase(meeting, at(7))
    assert meeting.current == CHECKIN
    assert meeting.phases[LOOKBACK].status is PhaseStatus.PENDING
    assert meeting.phases[LOOKBACK].spent_seconds == 120
    assert meeting.phases[CHECKIN].status is PhaseStatus.CURRENT
    assert meeting.phases[CHECKIN].spent_seconds == 300
    assert meeting.clock_started_at == at(7)
    assert flow.clock(meeting, at(8)).elapsed_seconds == 360
    assert currents(meeting) == [CHECKIN]


def test_back_and_forth_accumulates_time_without_loss() -> None:
    """Going back and forth adds every stint to the same phase; total phase time equals wall time."""
    meeting = running()
    meeting = flow.next_phase(meeting, at(5))  # checkin 5 min
    meeting = flow.previous_phase(meeting, at(7))  # lookback 2 min
    meeting = flow.next_phase(meeting, at(10))  # checkin 3 more
    meeting = flow.previous_phase(meeting, at(11))  # lookback 1 more
    meeting = flow.next_phase(meeting, at(11, 30))  # checkin 30 s more
    now = at(14)  # lookback 2.5 more, running
    assert meeting.phases[CHECKIN].spent_seconds == 8.5 * 60
    assert meeting.phases[LOOKBACK].spent_seconds == 3 * 60
    assert flow.phase_seconds(meeting, LOOKBACK, now) == 5.5 * 60
    assert sum(flow.phase_seconds(meeting, i, now) for i in range(len(meeting.phases))) == 14 * 60
    assert meeting.phases[CHECKIN].status is PhaseStatus.DONE
    assert currents(meeting) == [LOOKBACK]


def test_go_to_jumps_and_leaves_skipped_phases_pending() -> None:
    """go_to may jump ahead; phases jumped over stay PENDING, the one left gets the given status."""
    meeting = flow.go_to(running(), CHOICE, at(2), leaving=PhaseStatus.SKIPPED)
    assert meeting.current == CHOICE
    assert statuses(meeting) == [
        PhaseStatus.SKIPPED,
        PhaseStatus.PENDING,
        PhaseStatus.PENDING,
        PhaseStatus.CURRENT,
        PhaseStatus.PENDING,
        PhaseStatus.PENDING,
    ]
    assert meeting.phases[CHECKIN].spent_seconds == 120
    meeting = flow.go_to(meeting, LOOKBACK, at(3))
    assert meeting.phases[CHOICE].status is PhaseStatus.DONE
    assert meeting.phases[CHOICE].spent_seconds == 60
    assert meeting.current == LOOKBACK


@pytest.mark.parametrize("index", [-1, 0, 6, 99])
def test_go_to_nowhere_or_to_the_current_phase_is_a_no_op(index: int) -> None:
    """go_to the current phase or outside the list returns the meeting unchanged."""
    meeting = running()
    assert flow.go_to(meeting, index, at(1)) is meeting


def test_next_in_the_last_phase_and_previous_in_the_first_are_no_ops() -> None:
    """There is no phase after the last or before the first: next, skip and previous do nothing there."""
    first = running()
    assert flow.previous_phase(first, at(1)) is first
    last = flow.go_to(first, CLOSING, at(1))
    assert flow.next_phase(last, at(2)) is last
    assert flow.skip(last, at(2)) is last
    assert last.phases[CLOSING].status is PhaseStatus.CURRENT


@pytest.mark.parametrize(
    "event",
    [
        lambda m, now: flow.next_phase(m, now),
        lambda m, now: flow.skip(m, now),
        lambda m, now: flow.previous_phase(m, now),
        lambda m, now: flow.go_to(m, 2, now),
        lambda m, now: flow.pause(m, now),
        lambda m, now: flow.resume(m, now),
        lambda m, now: flow.toggle_pause(m, now),
        lambda m, now: flow.finish(m, now),
    ],
    ids=["next", "skip", "previous", "go_to", "pause", "resume", "toggle_pause", "finish"],
)
def test_moves_on_a_planned_or_closed_meeting_are_no_ops(event) -> None:  # type: ignore[no-untyped-def]
    """Moving, pausing or finishing before the start or after the close returns the very same meeting."""
    before = planned()
    assert event(before, at(1)) is before
    closed = flow.finish(flow.next_phase(running(), at(1)), at(2))
    assert event(closed, at(3)) is closed


# -- breaks ------------------------------------------------------------------------


def test_pause_stops_the_clock_and_banks_the_time() -> None:
    """Pause: the clock stops (time banked exactly), the break starts now, the phase stays current."""
    meeting = flow.pause(running(), at(4))
    assert meeting.paused_at == at(4)
    assert meeting.clock_started_at is None
    assert meeting.phases[CHECKIN].spent_seconds == 240
    assert meeting.phases[CHECKIN].status is PhaseStatus.CURRENT
    assert meeting.status is MeetingStatus.RUNNING
    assert flow.phase_seconds(meeting, CHECKIN, at(30)) == 240
    assert meeting.breaks == ()


def test_resume_records_the_break_and_restarts_the_clock() -> None:
    """Resume: the break becomes an Interval with exact start and end; the clock counts on from the banked time."""
    meeting = flow.resume(flow.pause(running(), at(4)), at(9))
    assert meeting.breaks == (Interval(start=at(4), end=at(9)),)
    assert meeting.paused_at is None
    assert meeting.clock_started_at == at(9)
    assert flow.clock(meeting, at(10)).elapsed_seconds == 300
    assert flow.clock(meeting, at(10)).running


def test_break_seconds_counts_finished_and_running_breaks() -> None:
    """break_seconds sums recorded breaks and the one in progress."""
    meeting = running()
    assert flow.break_seconds(meeting, at(3)) == 0
    meeting = flow.pause(meeting, at(5))
    assert flow.break_seconds(meeting, at(8)) == 180
    meeting = flow.resume(meeting, at(10))
    assert flow.break_seconds(meeting, at(20)) == 300
    meeting = flow.pause(meeting, at(30))
    assert flow.break_seconds(meeting, at(31)) == 360
    meeting = flow.resume(meeting, at(32))
    assert meeting.breaks == (Interval(start=at(5), end=at(10)), Interval(start=at(30), end=at(32)))
    assert flow.break_seconds(meeting, at(99)) == 420


def test_pause_twice_and_resume_while_running_are_no_ops() -> None:
    """A second pause keeps the first break's start; resuming a running clock changes nothing."""
    paused = flow.pause(running(), at(4))
    assert flow.pause(paused, at(6)) is paused
    ticking = running()
    assert flow.resume(ticking, at(6)) is ticking


def test_toggle_pause_pauses_then_resumes() -> None:
    """toggle_pause alternates between a break and a running clock."""
    meeting = flow.toggle_pause(running(), at(2))
    assert meeting.paused_at == at(2) and meeting.clock_started_at is None
    meeting = flow.toggle_pause(meeting, at(3))
    assert meeting.paused_at is None and meeting.clock_started_at == at(3)
    assert meeting.breaks == (Interval(start=at(2), end=at(3)),)


def test_moving_to_another_phase_ends_the_break() -> None:
    """Next during a break ends it at that moment; the new phase's clock runs and the old phase got no break time."""
    meeting = flow.next_phase(flow.pause(running(), at(4)), at(9))
    assert meeting.breaks == (Interval(start=at(4), end=at(9)),)
    assert meeting.paused_at is None
    assert meeting.clock_started_at == at(9)
    assert meeting.phases[CHECKIN].spent_seconds == 240
    assert meeting.phases[CHECKIN].status is PhaseStatus.DONE
    assert flow.clock(meeting, at(10)).elapsed_seconds == 60
    assert flow.clock(meeting, at(10)).running


def test_going_back_during_a_break_ends_it_too() -> None:
    """previous_phase during a break also records the break and runs the earlier phase's clock."""
    meeting = flow.next_phase(running(), at(5))
    meeting = flow.previous_phase(flow.pause(meeting, at(6)), at(8))
    assert meeting.breaks == (Interval(start=at(6), end=at(8)),)
    assert meeting.phases[LOOKBACK].spent_seconds == 60
    assert meeting.clock_started_at == at(8)
    assert flow.phase_seconds(meeting, CHECKIN, at(9)) == 360


# -- extend and scale --------------------------------------------------------------


def test_extend_adds_a_minute_and_lifts_an_overrun() -> None:
    """+1 minute: planned seconds 600 → 660; a clock at 10:30 goes from OVERRUN back to NEAR_END."""
    meeting = running()
    assert flow.clock(meeting, at(10, 30)).level is ClockLevel.OVERRUN
    longer = flow.extend(meeting, at(10, 30))
    assert longer.phases[CHECKIN].extra_minutes == 1
    assert longer.phases[CHECKIN].planned_minutes == 10
    assert flow.planned_seconds(longer.phases[CHECKIN]) == 660
    reading = flow.clock(longer, at(10, 30))
    assert reading.level is ClockLevel.NEAR_END
    assert reading.remaining_seconds == 30
    assert longer.updated_at == at(10, 30)
    assert [phase.extra_minutes for phase in longer.phases[1:]] == [0] * 5


def test_extend_repeatedly_adds_up() -> None:
    """Three times +1 and once -1 leave two extra minutes."""
    meeting = running()
    for minutes in (1, 1, 1, -1):
        meeting = flow.extend(meeting, at(1), minutes)
    assert meeting.phases[CHECKIN].extra_minutes == 2
    assert flow.planned_total_minutes(meeting) == FRAME_MINUTES + 2


def test_extend_never_below_one_minute_in_all() -> None:
    """Cutting a 10-minute phase by 20 leaves one minute; cutting further does nothing."""
    meeting = flow.extend(running(), at(1), -20)
    assert meeting.phases[CHECKIN].extra_minutes == -9
    assert flow.planned_seconds(meeting.phases[CHECKIN]) == 60
    assert flow.extend(meeting, at(2), -1) is meeting
    assert flow.planned_seconds(flow.extend(meeting, at(2), 1).phases[CHECKIN]) == 120


def test_extend_a_closed_meeting_is_a_no_op() -> None:
    """A closed meeting's plan is history: extend changes nothing."""
    closed = flow.finish(running(), at(3))
    assert flow.extend(closed, at(4), 5) is closed


def test_extend_stays_with_its_phase() -> None:
    """Extra minutes belong to the phase: they are still there after leaving and coming back."""
    meeting = flow.extend(running(), at(1), 3)
    meeting = flow.previous_phase(flow.next_phase(meeting, at(2)), at(3))
    assert meeting.phases[CHECKIN].extra_minutes == 3
    assert meeting.phases[LOOKBACK].extra_minutes == 0


@pytest.mark.parametrize(("value", "stored"), [(0, 0), (7, 7), (10, 10), (11, 10), (99, 10), (-1, 0), (-50, 0)])
def test_set_scale_clamps_to_zero_to_ten(value: int, stored: int) -> None:
    """The scale marker is kept within 0..10 on the current phase only."""
    meeting = flow.set_scale(running(), at(1), value)
    assert meeting.phases[CHECKIN].scale_value == stored
    assert all(phase.scale_value is None for phase in meeting.phases[1:])


def test_set_scale_none_removes_the_marker_and_markers_stay_with_their_phase() -> None:
    """None removes a marker; a marker set in one phase survives moving away and back."""
    meeting = flow.set_scale(running(), at(1), 4)
    meeting = flow.next_phase(meeting, at(2))
    meeting = flow.set_scale(meeting, at(2), 9)
    meeting = flow.previous_phase(meeting, at(3))
    assert meeting.phases[CHECKIN].scale_value == 4
    assert meeting.phases[LOOKBACK].scale_value == 9
    cleared = flow.set_scale(meeting, at(4), None)
    assert cleared.phases[CHECKIN].scale_value is None
    assert cleared.phases[LOOKBACK].scale_value == 9


# -- finish and reopen -------------------------------------------------------------


def test_finish_closes_banks_and_records_the_end() -> None:
    """finish: CLOSED, actual end now, current phase DONE with its time banked, clock stopped for good."""
    meeting = flow.next_phase(running(), at(10))
    closed = flow.finish(meeting, at(17))
    assert closed.status is MeetingStatus.CLOSED
    assert closed.actual_end == at(17)
    assert closed.clock_started_at is None and closed.paused_at is None
    assert closed.phases[LOOKBACK].status is PhaseStatus.DONE
    assert closed.phases[LOOKBACK].spent_seconds == 420
    assert PhaseStatus.CURRENT not in statuses(closed)
    assert flow.phase_seconds(closed, LOOKBACK, at(60)) == 420
    assert not flow.clock(closed, at(60)).running
    assert not flow.is_running(closed)


def test_finish_during_a_break_ends_the_break() -> None:
    """Closing while paused records the break up to the close."""
    closed = flow.finish(flow.pause(running(), at(5)), at(8))
    assert closed.breaks == (Interval(start=at(5), end=at(8)),)
    assert closed.paused_at is None
    assert closed.phases[CHECKIN].spent_seconds == 300
    assert flow.break_seconds(closed, at(50)) == 180


def test_reopen_undoes_finish_and_runs_the_clock_again() -> None:
    """reopen: RUNNING again in the phase it closed in, no end, the clock counting on from the banked time."""
    closed = flow.finish(flow.next_phase(running(), at(10)), at(17))
    again = flow.reopen(closed, at(20))
    assert again.status is MeetingStatus.RUNNING
    assert again.actual_end is None
    assert again.actual_start == FROZEN
    assert again.current == LOOKBACK
    assert again.phases[LOOKBACK].status is PhaseStatus.CURRENT
    assert again.phases[CHECKIN].status is PhaseStatus.DONE
    assert again.clock_started_at == at(20)
    assert flow.clock(again, at(21)).elapsed_seconds == 480
    assert flow.clock(again, at(21)).running
    assert currents(again) == [LOOKBACK]
    assert flow.next_phase(again, at(22)).current == INVENTORY


def test_reopen_only_reopens_closed_meetings() -> None:
    """reopen of a planned or running meeting changes nothing."""
    before = planned()
    assert flow.reopen(before, at(1)) is before
    ticking = running()
    assert flow.reopen(ticking, at(1)) is ticking


# -- set_slots ---------------------------------------------------------------------


def _in_choice() -> Meeting:
    """Running: check-in 10 min (scale 6, +2 min), look back skipped after 5, inventory 8, now in choice since 0:23."""
    meeting = flow.extend(flow.set_scale(running(), at(1), 6), at(1), 2)
    meeting = flow.next_phase(meeting, at(10))
    meeting = flow.skip(meeting, at(15))
    return flow.next_phase(meeting, at(23))


def test_choosing_in_the_choice_phase_keeps_it_current() -> None:
    """Choosing a method in "choice": it stays current with its time; earlier phases keep time, status and extras."""
    meeting = flow.set_slots(_in_choice(), LIBRARY, [CaseSlot(method_id=ROD, case_id="c1")], at(25))
    assert keys(meeting) == [*FRAME_KEYS[:4], *method_keys(ROD, 1), "closing"]
    assert meeting.current == CHOICE
    assert meeting.phases[CHOICE].status is PhaseStatus.CURRENT
    assert meeting.phases[CHOICE].spent_seconds == 120
    assert meeting.clock_started_at == at(25)
    assert flow.clock(meeting, at(26)).elapsed_seconds == 180
    assert [phase.spent_seconds for phase in meeting.phases[:3]] == [600, 300, 480]
    assert statuses(meeting)[:3] == [PhaseStatus.DONE, PhaseStatus.SKIPPED, PhaseStatus.DONE]
    assert meeting.phases[CHECKIN].extra_minutes == 2
    assert meeting.phases[CHECKIN].scale_value == 6
    assert all(phase.status is PhaseStatus.PENDING and phase.spent_seconds == 0 for phase in meeting.phases[4:])
    assert meeting.slots == (CaseSlot(method_id=ROD, case_id="c1"),)
    assert meeting.method_id == ROD
    assert currents(meeting) == [CHOICE]


def test_method_id_follows_the_first_slot() -> None:
    """meeting.method_id is slot 1's method; no slots, no method."""
    meeting = flow.set_slots(_in_choice(), LIBRARY, [CaseSlot(method_id=INC), CaseSlot(method_id=ROD)], at(24))
    assert meeting.method_id == INC
    assert keys(meeting)[4:-1] == [*method_keys(INC, 1), *method_keys(ROD, 2)]
    cleared = flow.set_slots(meeting, LIBRARY, [], at(25))
    assert cleared.method_id == ""
    assert keys(cleared) == list(FRAME_KEYS)
    assert cleared.current == CHOICE


def test_switching_method_of_case_one_drops_its_old_phases() -> None:
    """From roddel to incident_kort: no roddel phase is left, the new ones start fresh, choice stays current."""
    meeting = flow.set_slots(_in_choice(), LIBRARY, [CaseSlot(method_id=ROD)], at(24))
    meeting = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id=INC)], at(25))
    assert not set(method_keys(ROD, 1)) & set(keys(meeting))
    assert keys(meeting)[4:-1] == method_keys(INC, 1)
    assert {phase.method_id for phase in meeting.phases[4:-1]} == {INC}
    assert all(phase.spent_seconds == 0 for phase in meeting.phases[4:-1])
    assert meeting.current == CHOICE
    assert flow.phase_seconds(meeting, CHOICE, at(25)) == 120


def test_switching_method_while_in_a_dropped_phase_moves_to_the_first_new_case_phase() -> None:
    """When the current phase disappears, the first new casework phase becomes current, its clock from now."""
    meeting = flow.go_to(running(ROD), 5, at(5))  # case1.vragen
    assert meeting.phases[5].key == "case1.vragen"
    meeting = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id=INC)], at(8))
    assert meeting.current == 4
    assert meeting.phases[4].key == "case1.incident"
    assert meeting.phases[4].status is PhaseStatus.CURRENT
    assert meeting.clock_started_at == at(8)
    assert flow.clock(meeting, at(9)).elapsed_seconds == 60
    assert currents(meeting) == [4]
    assert meeting.phases[CHECKIN].spent_seconds == 300


def test_adding_a_second_case_keeps_the_first_cases_progress() -> None:
    """Adding case 2 mid-case keeps case 1's phases (time, status) and the current phase."""
    meeting = running(ROD)
    meeting = flow.go_to(meeting, 4, at(1))
    meeting = flow.next_phase(meeting, at(4))  # case1.vraag done after 3 min, in case1.vragen
    meeting = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id=ROD), CaseSlot(method_id=INC)], at(6))
    assert keys(meeting)[4:-1] == [*method_keys(ROD, 1), *method_keys(INC, 2)]
    assert meeting.phases[4].status is PhaseStatus.DONE and meeting.phases[4].spent_seconds == 180
    assert meeting.current == 5 and meeting.phases[5].key == "case1.vragen"
    assert meeting.phases[5].spent_seconds == 120
    assert currents(meeting) == [5]


def test_set_slots_during_a_break_keeps_the_clock_stopped() -> None:
    """Choosing during a break does not start the clock nor end the break; resume does."""
    meeting = flow.pause(_in_choice(), at(24))
    meeting = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id=ROD)], at(26))
    assert meeting.paused_at == at(24)
    assert meeting.clock_started_at is None
    assert meeting.phases[CHOICE].spent_seconds == 60
    assert flow.phase_seconds(meeting, CHOICE, at(30)) == 60
    assert flow.clock(meeting, at(30)).level is ClockLevel.STOPPED
    resumed = flow.resume(meeting, at(30))
    assert resumed.breaks == (Interval(start=at(24), end=at(30)),)
    assert flow.phase_seconds(resumed, CHOICE, at(31)) == 120


def test_set_slots_on_a_planned_meeting_stays_planned() -> None:
    """Choosing ahead of time replans the phases but starts nothing."""
    meeting = flow.set_slots(planned(), LIBRARY, [CaseSlot(method_id=ROD)], at(-5))
    assert meeting.status is MeetingStatus.PLANNED
    assert meeting.clock_started_at is None
    assert PhaseStatus.CURRENT not in statuses(meeting)
    assert meeting.current == 0
    started = flow.start(meeting, FROZEN)
    assert started.phases[0].status is PhaseStatus.CURRENT


def test_set_slots_refuses_more_than_two_cases() -> None:
    """Three cases are a ValueError, as in plan_phases."""
    with pytest.raises(ValueError, match="at most 2"):
        flow.set_slots(running(), LIBRARY, [CaseSlot(method_id=ROD)] * 3, at(1))


# -- readings ----------------------------------------------------------------------


def test_phase_seconds_counts_the_running_segment_only_for_the_current_phase() -> None:
    """phase_seconds: banked time for other phases, banked plus running segment for the current one."""
    meeting = flow.next_phase(running(), at(4))
    assert flow.phase_seconds(meeting, CHECKIN, at(9)) == 240
    assert flow.phase_seconds(meeting, LOOKBACK, at(9)) == 300
    assert flow.phase_seconds(meeting, INVENTORY, at(9)) == 0
    assert flow.phase_seconds(planned(), CHECKIN, at(9)) == 0


def test_overrun_seconds() -> None:
    """Overrun is time beyond the plan (extensions included), zero when within it."""
    meeting = running()
    assert flow.overrun_seconds(meeting, CHECKIN, at(9)) == 0
    assert flow.overrun_seconds(meeting, CHECKIN, at(12)) == 120
    assert flow.overrun_seconds(flow.extend(meeting, at(12), 1), CHECKIN, at(12)) == 60
    meeting = flow.next_phase(meeting, at(12))
    assert flow.overrun_seconds(meeting, CHECKIN, at(30)) == 120
    assert flow.overrun_seconds(meeting, LOOKBACK, at(13)) == 0


def test_planned_total_minutes() -> None:
    """Planned total: frame 110; with roddel 100 (60 replaced by 50); extensions count."""
    assert flow.planned_total_minutes(planned()) == FRAME_MINUTES
    with_case = running(ROD)
    assert flow.planned_total_minutes(with_case) == 100
    assert flow.planned_total_minutes(flow.extend(with_case, at(1), 2.5)) == 102.5


def test_elapsed_seconds_is_wall_time_with_breaks_until_the_end() -> None:
    """elapsed_seconds: zero before the start, wall time including breaks, frozen at the actual end."""
    assert flow.elapsed_seconds(planned(), at(5)) == 0
    meeting = flow.resume(flow.pause(running(), at(3)), at(13))
    assert flow.elapsed_seconds(meeting, at(20)) == 1200
    closed = flow.finish(meeting, at(30))
    assert flow.elapsed_seconds(closed, at(90)) == 1800


def test_projected_end_of_planned_and_closed_meetings() -> None:
    """Planned: the planned end; closed: the actual end."""
    assert flow.projected_end(planned(), at(50)) == FROZEN + timedelta(minutes=FRAME_MINUTES)
    closed = flow.finish(running(), at(30))
    assert flow.projected_end(closed, at(90)) == at(30)


def test_projected_end_counts_the_rest_of_the_current_and_pending_later_phases() -> None:
    """Running: now + what is left of this phase + every later pending phase's plan."""
    meeting = running()
    assert flow.projected_end(meeting, FROZEN) == at(FRAME_MINUTES)
    assert flow.projected_end(meeting, at(3)) == at(3) + timedelta(minutes=7 + 100)
    assert flow.minutes_behind(meeting, at(3)) == 0
    # Over time: the current phase adds nothing more, so the projection slips minute by minute.
    assert flow.projected_end(meeting, at(13)) == at(13) + timedelta(minutes=100)
    assert flow.minutes_behind(meeting, at(13)) == 3


def test_projected_end_ignores_done_and_skipped_later_phases() -> None:
    """Later phases already DONE or SKIPPED are not projected again; PENDING ones are."""
    meeting = running()
    meeting = flow.next_phase(meeting, at(10))  # checkin done
    meeting = flow.next_phase(meeting, at(20))  # lookback done
    meeting = flow.skip(meeting, at(20))  # inventory skipped
    meeting = flow.go_to(meeting, LOOKBACK, at(20))  # choice done, back in lookback (spent 10 of 10)
    assert statuses(meeting)[2:] == [PhaseStatus.SKIPPED, PhaseStatus.DONE, PhaseStatus.PENDING, PhaseStatus.PENDING]
    assert flow.projected_end(meeting, at(20)) == at(20) + timedelta(minutes=60 + 15)
    assert flow.minutes_behind(meeting, at(20)) == pytest.approx(-15)


def test_projected_end_counts_a_phase_gone_back_from_as_pending() -> None:
    """Going back makes the phase left pending again, so it is projected at its full plan (2 min spent or not)."""
    meeting = flow.previous_phase(flow.next_phase(running(), at(5)), at(7))
    # Check-in has 5 of 10 minutes left; look back (10) and everything after it (90) are pending.
    assert flow.projected_end(meeting, at(7)) == at(7) + timedelta(minutes=5 + 100)


def test_minutes_behind_late_start_extension_and_break() -> None:
    """A late start, an extension and a break each push the projection behind the planned end."""
    meeting = flow.start(planned(), at(10))
    assert flow.minutes_behind(meeting, at(10)) == 10
    meeting = flow.extend(meeting, at(10), 5)
    assert flow.minutes_behind(meeting, at(10)) == 15
    meeting = flow.pause(meeting, at(12))
    assert flow.minutes_behind(meeting, at(22)) == 25
    meeting = flow.resume(meeting, at(22))
    assert flow.minutes_behind(meeting, at(22)) == 25


def test_minutes_behind_negative_when_ahead_and_zero_without_plan() -> None:
    """Skipping the casework puts the meeting ahead; without a planned end the answer is 0."""
    meeting = flow.go_to(running(), CASEWORK_INDEX, FROZEN)
    meeting = flow.skip(meeting, FROZEN)
    assert flow.minutes_behind(meeting, FROZEN) == -(FRAME_MINUTES - 15)
    unplanned = flow.start(flow.new_meeting("g", date(2026, 11, 22), LIBRARY, FROZEN), FROZEN)
    assert flow.minutes_behind(unplanned, at(500)) == 0
    assert flow.projected_end(unplanned, FROZEN) == at(FRAME_MINUTES)


# -- halt, checkpoint, resume after a restart -------------------------------------


def test_halt_stops_the_clock_without_a_break_and_resume_restarts_it() -> None:
    """halt banks the time and stops the clock with no break; resume runs it again from then."""
    halted = flow.halt(running(), at(4))
    assert halted.clock_started_at is None and halted.paused_at is None
    assert halted.phases[CHECKIN].spent_seconds == 240
    assert flow.halt(halted, at(5)) is halted
    resumed = flow.resume(halted, at(9))
    assert resumed.breaks == ()
    assert resumed.clock_started_at == at(9)
    assert flow.phase_seconds(resumed, CHECKIN, at(10)) == 300


def test_checkpoint_banks_and_keeps_running() -> None:
    """checkpoint moves the running segment into the phase and restarts the clock at now: no time lost."""
    meeting = flow.checkpoint(running(), at(3))
    assert meeting.phases[CHECKIN].spent_seconds == 180
    assert meeting.clock_started_at == at(3)
    assert meeting.updated_at == at(3)
    assert flow.phase_seconds(meeting, CHECKIN, at(5)) == 300


def test_resume_after_restart_counts_only_up_to_the_last_save() -> None:
    """After a crash, time between the last save and the reopening is not counted; a break stays a break."""
    crashed = flow.checkpoint(running(), at(3))
    reopened = flow.resume_after_restart(crashed, at(60))
    assert reopened.phases[CHECKIN].spent_seconds == 180
    assert reopened.clock_started_at == at(60)
    assert flow.phase_seconds(reopened, CHECKIN, at(61)) == 240
    clean = flow.resume_after_restart(flow.halt(running(), at(4)), at(60))
    assert flow.phase_seconds(clean, CHECKIN, at(61)) == 300
    paused = flow.pause(running(), at(4))
    assert flow.resume_after_restart(paused, at(60)) is paused


# -- property: random event sequences keep the invariants --------------------------

EVENTS = (
    "start",
    "next",
    "previous",
    "skip",
    "pause",
    "resume",
    "toggle",
    "extend+",
    "extend-",
    "go_to",
    "scale",
    "finish",
    "reopen",
    "halt",
    "checkpoint",
)
SLOT_CHOICES = ((), (ROD,), (ROD, INC), ("gone",))


class Model:
    """What the meeting should be doing, tracked independently: status, current phase, clock, break."""

    def __init__(self, phase_count: int) -> None:
        self.count = phase_count
        self.status = MeetingStatus.PLANNED
        self.current = 0
        self.paused = False
        self.halted = False
        self.phase_time = 0.0
        self.break_time = 0.0

    @property
    def clock_runs(self) -> bool:
        return self.status is MeetingStatus.RUNNING and not self.paused and not self.halted

    def advance(self, seconds: float) -> None:
        if self.clock_runs:
            self.phase_time += seconds
        elif self.status is MeetingStatus.RUNNING and self.paused:
            self.break_time += seconds

    def move(self, index: int) -> None:
        if self.status is MeetingStatus.RUNNING and 0 <= index < self.count and index != self.current:
            self.current = index
            self.paused = self.halted = False

    def apply(self, event: str, arg: int) -> None:
        live = self.status is MeetingStatus.RUNNING
        if event == "start" and self.status is MeetingStatus.PLANNED:
            self.status, self.current = MeetingStatus.RUNNING, 0
        elif event == "pause" or (event == "toggle" and not self.paused):
            if live and not self.paused:
                self.paused, self.halted = True, False
        elif event in ("resume", "toggle"):
            if live:
                self.paused = self.halted = False
        elif event in ("next", "skip"):
            self.move(self.current + 1)
        elif event == "previous":
            self.move(self.current - 1)
        elif event == "go_to":
            self.move(arg)
        elif event == "finish" and live:
            self.status, self.paused, self.halted = MeetingStatus.CLOSED, False, False
        elif event == "reopen" and self.status is MeetingStatus.CLOSED:
            self.status = MeetingStatus.RUNNING
        elif event == "halt" and live and not self.paused:
            self.halted = True


def _apply(meeting: Meeting, event: str, arg: int, now: datetime) -> Meeting:
    handlers = {
        "start": lambda: flow.start(meeting, now),
        "next": lambda: flow.next_phase(meeting, now),
        "previous": lambda: flow.previous_phase(meeting, now),
        "skip": lambda: flow.skip(meeting, now),
        "pause": lambda: flow.pause(meeting, now),
        "resume": lambda: flow.resume(meeting, now),
        "toggle": lambda: flow.toggle_pause(meeting, now),
        "extend+": lambda: flow.extend(meeting, now, 1),
        "extend-": lambda: flow.extend(meeting, now, -1),
        "go_to": lambda: flow.go_to(meeting, arg, now),
        "scale": lambda: flow.set_scale(meeting, now, arg - 3),
        "finish": lambda: flow.finish(meeting, now),
        "reopen": lambda: flow.reopen(meeting, now),
        "halt": lambda: flow.halt(meeting, now),
        "checkpoint": lambda: flow.checkpoint(meeting, now),
    }
    return handlers[event]()


@settings(max_examples=200, deadline=None)
@given(
    slot_choice=st.sampled_from(SLOT_CHOICES),
    steps=st.lists(
        st.tuples(st.sampled_from(EVENTS), st.integers(-2, 18), st.integers(0, 900)), min_size=1, max_size=40
    ),
)
def test_random_event_sequences_keep_the_invariants(
    slot_choice: tuple[str, ...], steps: list[tuple[str, int, int]]
) -> None:
    """Any events at non-decreasing times: one CURRENT phase (the current one) while running, index in range,
    phase time never negative nor shrinking, phase time exactly the time the clock ran (never more than the
    wall time since the start), breaks exactly the paused time, ordered and non-overlapping, no clock in a break.
    """
    meeting = planned()
    if slot_choice:
        meeting = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id=m) for m in slot_choice], at(-1))
    model = Model(len(meeting.phases))
    now = FROZEN
    previous_spent = [0.0] * len(meeting.phases)
    previous_seen = [0.0] * len(meeting.phases)
    closed_time = 0.0
    for event, arg, seconds in steps:
        if meeting.status is MeetingStatus.CLOSED:
            closed_time += seconds
        model.advance(seconds)
        now += timedelta(seconds=seconds)
        meeting = _apply(meeting, event, arg, now)
        model.apply(event, arg)

        count = len(meeting.phases)
        assert count == model.count
        assert 0 <= meeting.current < count
        assert meeting.status is model.status
        assert meeting.current == model.current
        current_marked = currents(meeting)
        if meeting.status is MeetingStatus.RUNNING:
            assert current_marked == [meeting.current]
        else:
            assert current_marked == []
        assert (meeting.clock_started_at is not None) == model.clock_runs
        assert (meeting.paused_at is not None) == (model.paused and meeting.status is MeetingStatus.RUNNING)
        if meeting.paused_at is not None:
            assert meeting.clock_started_at is None
        if meeting.clock_started_at is not None:
            assert meeting.clock_started_at <= now

        spent = [phase.spent_seconds for phase in meeting.phases]
        seen = [flow.phase_seconds(meeting, index, now) for index in range(count)]
        assert all(value >= 0 for value in spent)
        assert all(after >= before for before, after in zip(previous_spent, spent, strict=True))
        assert all(after >= before for before, after in zip(previous_seen, seen, strict=True))
        previous_spent, previous_seen = spent, seen

        assert sum(seen) == pytest.approx(model.phase_time)
        assert flow.break_seconds(meeting, now) == pytest.approx(model.break_time)
        if meeting.actual_start is not None:
            wall = (now - meeting.actual_start).total_seconds()
            assert sum(seen) <= wall + 1e-6
            assert sum(seen) + model.break_time + closed_time <= wall + 1e-6
        else:
            assert sum(seen) == 0

        for first, second in zip(meeting.breaks, meeting.breaks[1:], strict=False):
            assert first.end <= second.start
        assert all(pause.start <= pause.end for pause in meeting.breaks)
        if meeting.breaks and meeting.paused_at is not None:
            assert meeting.breaks[-1].end <= meeting.paused_at
        assert all(flow.planned_seconds(phase) >= 60 for phase in meeting.phases)
        assert all(phase.scale_value is None or 0 <= phase.scale_value <= 10 for phase in meeting.phases)
        reading = flow.clock(meeting, now)
        assert reading.running == model.clock_runs
        if reading.level is ClockLevel.OVERRUN:
            assert reading.remaining_seconds < 0


def test_switching_method_of_case_two_while_in_it_stays_in_case_two() -> None:
    """Changing case 2's method while working case 2 moves to case 2's first new step, not back into case 1."""
    meeting = running(ROD, INC)
    case2 = keys(meeting).index("case2.informatieronde")
    meeting = flow.go_to(meeting, 4, at(1))
    meeting = flow.go_to(meeting, case2, at(30))  # case 1 started, then on to case 2
    meeting = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id=ROD), CaseSlot(method_id="vijfstappen")], at(40))
    assert keys(meeting)[meeting.current] == "case2.vraag"
    assert currents(meeting) == [meeting.current]
    assert meeting.phases[4].key == "case1.vraag"
    assert meeting.phases[4].status is PhaseStatus.DONE
    assert flow.phase_seconds(meeting, 4, at(50)) == 29 * 60
    assert flow.phase_seconds(meeting, meeting.current, at(50)) == 600


def test_dropping_case_two_while_in_it_moves_on_to_the_closing() -> None:
    """Going back to one case while working case 2 moves on to the closing; case 1's phases stay done."""
    meeting = running(ROD, INC)
    meeting = flow.go_to(meeting, 4, at(1))
    meeting = flow.go_to(meeting, keys(meeting).index("case2.diagnose"), at(30))
    meeting = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id=ROD)], at(40))
    assert keys(meeting)[meeting.current] == "closing"
    assert currents(meeting) == [meeting.current]
    assert meeting.phases[4].status is PhaseStatus.DONE
    assert flow.phase_seconds(meeting, 4, at(50)) == 29 * 60


def test_clearing_the_cases_while_in_one_moves_to_the_casework_placeholder() -> None:
    """With no cases left the current case phase gives way to the frame's casework phase, not to check-in."""
    meeting = flow.go_to(running(ROD), 5, at(5))
    meeting = flow.set_slots(meeting, LIBRARY, [], at(8))
    assert keys(meeting) == list(FRAME_KEYS)
    assert meeting.current == CASEWORK_INDEX
    assert currents(meeting) == [CASEWORK_INDEX]
    assert meeting.phases[CHECKIN].status is PhaseStatus.DONE


def identity(phase: PhaseRecord) -> tuple[str, str]:
    """What makes two phase records the same phase across a replanning."""
    return (phase.key, phase.method_id)


REPLAN_CHOICES = ((), (ROD,), (INC,), (ROD, INC), (INC, ROD), ("vijfstappen", INC), (ROD, "gone"))


@settings(max_examples=200, deadline=None)
@example(  # case 1 switched to another method that also has a "vraag" step, after visiting that step
    steps=[("go_to", 4, 0, ()), ("start", 0, 1, ()), ("previous", 0, 0, ()), ("slots", 0, 0, ("vijfstappen", INC))]
)
@example(steps=[("go_to", 4, 0, ()), ("next", 0, 0, ()), ("slots", 0, 0, ("vijfstappen", INC))])
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from((*EVENTS, "slots", "slots", "slots")),
            st.integers(-2, 18),
            st.integers(0, 900),
            st.sampled_from(REPLAN_CHOICES),
        ),
        min_size=1,
        max_size=40,
    ),
)
def test_random_sequences_with_replanning_keep_the_invariants(
    steps: list[tuple[str, int, int, tuple[str, ...]]],
) -> None:
    """Choosing cases again at any moment keeps the meeting sound: one CURRENT phase (the current one) while
    running, index in range, no clock in a break, phases time within wall time, and every surviving phase other
    than the current keeps its time and status; a dropped current phase never sends the meeting back before it.
    """
    meeting = running(ROD, INC)
    now = FROZEN
    for event, arg, seconds, choice in steps:
        now += timedelta(seconds=seconds)
        before = meeting
        if event == "slots":
            meeting = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id=m) for m in choice], now)
            # A phase is the same phase only with the same key *and* method: a case whose method changed
            # gets new steps, even where a step key (such as "vraag") recurs in the other method.
            old = {identity(phase): (index, phase) for index, phase in enumerate(before.phases)}
            current_id = identity(before.phases[before.current])
            new_ids = [identity(phase) for phase in meeting.phases]
            for index, phase in enumerate(meeting.phases):
                if identity(phase) in old and index != meeting.current:
                    old_index, old_phase = old[identity(phase)]
                    assert (phase.status, phase.spent_seconds) == (old_phase.status, old_phase.spent_seconds)
            if current_id in new_ids:
                assert new_ids[meeting.current] == current_id
            elif new_ids[meeting.current] in old:
                assert old[new_ids[meeting.current]][0] > before.current
            assert meeting.slots == tuple(CaseSlot(method_id=m) for m in choice)
            assert meeting.method_id == (choice[0] if choice else "")
        else:
            meeting = _apply(meeting, event, arg, now)

        assert 0 <= meeting.current < len(meeting.phases)
        if meeting.status is MeetingStatus.RUNNING:
            assert currents(meeting) == [meeting.current]
        else:
            assert currents(meeting) == []
        if meeting.paused_at is not None:
            assert meeting.clock_started_at is None
        assert meeting.status is MeetingStatus.RUNNING or meeting.clock_started_at is None
        seen = [flow.phase_seconds(meeting, index, now) for index in range(len(meeting.phases))]
        assert all(value >= 0 for value in seen)
        if meeting.actual_start is not None:
            assert sum(seen) <= (now - meeting.actual_start).total_seconds() + 1e-6
        for first, second in zip(meeting.breaks, meeting.breaks[1:], strict=False):
            assert first.start <= first.end <= second.start <= second.end


def test_a_step_key_shared_by_two_methods_is_a_new_phase_after_switching() -> None:
    """roddel and vijfstappen both have a "vraag" step; switching does not carry roddel's time into it."""
    meeting = flow.set_slots(running(), LIBRARY, [CaseSlot(method_id="roddel")], at(30))
    first = keys(meeting).index("case1.vraag")
    meeting = flow.go_to(meeting, first, at(31))
    meeting = flow.next_phase(meeting, at(36))
    assert meeting.phases[first].spent_seconds == 300
    switched = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id="vijfstappen")], at(37))
    vraag = switched.phases[keys(switched).index("case1.vraag")]
    assert vraag.method_id == "vijfstappen"
    assert vraag.spent_seconds == 0
    assert vraag.status is PhaseStatus.CURRENT
    assert switched.current == keys(switched).index("case1.vraag")
