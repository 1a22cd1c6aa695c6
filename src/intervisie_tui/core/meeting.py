"""The meeting state machine: pure functions from (meeting, event, now) to a new meeting.

A meeting is one list of phases: the frame's own steps (check-in, look back,
case inventory, choice) then, in place of the frame's "casework" step, the
steps of the method chosen for each of the one or two cases, then the closing
round. The current phase's clock runs from ``clock_started_at``; time is
banked into the phase's ``spent_seconds`` whenever the meeting leaves that
phase or stops the clock, so a saved meeting can be resumed exactly.

Nothing here reads a clock: every event takes ``now``. Notes, questions and
other typed text live in their own records keyed by phase, so moving between
phases never touches them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum

from intervisie_tui.core.methods import CASEWORK, FRAME_ID, MethodLibrary, Step
from intervisie_tui.core.model import (
    CaseSlot,
    Interval,
    Meeting,
    MeetingStatus,
    Note,
    PhaseRecord,
    PhaseStatus,
    new_id,
    touch,
)
from intervisie_tui.core.values import value_class

MAX_CASES = 2
NEAR_END_MAX_SECONDS = 120.0
NEAR_END_MIN_SECONDS = 30.0
NEAR_END_FRACTION = 0.2


class ClockLevel(StrEnum):
    """How the phase clock should look."""

    STOPPED = "stopped"
    NORMAL = "normal"
    NEAR_END = "near_end"
    OVERRUN = "overrun"


@value_class
class ClockReading:
    """The current phase's clock at one moment."""

    elapsed_seconds: float
    planned_seconds: float
    running: bool

    @property
    def remaining_seconds(self) -> float:
        """Seconds left in the phase; negative once it runs over."""
        return self.planned_seconds - self.elapsed_seconds

    @property
    def level(self) -> ClockLevel:
        """Normal, near the end (last 20%, between 30 s and 2 min), or over time."""
        remaining = self.remaining_seconds
        if remaining < 0:
            return ClockLevel.OVERRUN
        if not self.running:
            return ClockLevel.STOPPED
        if remaining <= near_end_seconds(self.planned_seconds):
            return ClockLevel.NEAR_END
        return ClockLevel.NORMAL


def near_end_seconds(planned_seconds: float) -> float:
    """How long before the end of a phase the clock warns."""
    return max(NEAR_END_MIN_SECONDS, min(NEAR_END_MAX_SECONDS, planned_seconds * NEAR_END_FRACTION))


# -- planning ----------------------------------------------------------------------


def case_phase_key(slot: int, step_key: str) -> str:
    """The unique key of a method step worked for case ``slot`` (1 or 2)."""
    return f"case{slot}.{step_key}"


def _phase(step: Step, key: str, method_id: str, slot: int) -> PhaseRecord:
    return PhaseRecord(
        key=key,
        name=step.name(),
        planned_minutes=step.minutes,
        method_id=method_id,
        step_key=step.key,
        case_slot=slot,
    )


def plan_phases(library: MethodLibrary, slots: Sequence[CaseSlot]) -> tuple[PhaseRecord, ...]:
    """The frame expanded: each case's method steps in place of the frame's casework step.

    A case whose method is not chosen (or not known) keeps one placeholder
    "work the case" phase of the frame's minutes.
    """
    if len(slots) > MAX_CASES:
        raise ValueError(f"at most {MAX_CASES} cases per meeting")
    phases: list[PhaseRecord] = []
    for step in library.frame.steps:
        if step.key != CASEWORK:
            phases.append(_phase(step, step.key, FRAME_ID, 0))
            continue
        if not slots:
            phases.append(_phase(step, CASEWORK, FRAME_ID, 0))
        for slot_number, slot in enumerate(slots, start=1):
            method = library.get(slot.method_id)
            if method is None:
                phases.append(_phase(step, case_phase_key(slot_number, CASEWORK), FRAME_ID, slot_number))
                continue
            for method_step in method.steps:
                key = case_phase_key(slot_number, method_step.key)
                phases.append(_phase(method_step, key, method.id, slot_number))
    return tuple(phases)


def new_meeting(
    group_id: str,
    held_on: date,
    library: MethodLibrary,
    now: datetime,
    *,
    planned_start: datetime | None = None,
    chair_id: str = "",
    supervised: bool = False,
    supervisor_present: bool = False,
    handover_stage: int = 0,
    break_minutes: int = 0,
) -> Meeting:
    """A planned meeting with the frame's phases; the planned end follows from their minutes and the break."""
    phases = plan_phases(library, ())
    planned_end = None
    if planned_start is not None:
        minutes = sum(phase.planned_minutes for phase in phases) + break_minutes
        planned_end = planned_start + timedelta(minutes=minutes)
    return Meeting(
        id=new_id(),
        group_id=group_id,
        held_on=held_on,
        planned_start=planned_start,
        planned_end=planned_end,
        chair_id=chair_id,
        supervised=supervised,
        supervisor_present=supervisor_present,
        handover_stage=handover_stage,
        planned_break_minutes=break_minutes,
        phases=phases,
        updated_at=now,
    )


def step_of(library: MethodLibrary, phase: PhaseRecord) -> Step | None:
    """The method step a phase was made from (None if the method is gone)."""
    method = library.frame if phase.method_id == FRAME_ID else library.get(phase.method_id)
    return method.step(phase.step_key) if method is not None else None


# -- events ------------------------------------------------------------------------


def _with_phase(meeting: Meeting, index: int, **changes: object) -> tuple[PhaseRecord, ...]:
    phases = list(meeting.phases)
    phases[index] = dataclasses.replace(phases[index], **changes)  # type: ignore[arg-type]
    return tuple(phases)


def _segment_seconds(meeting: Meeting, now: datetime) -> float:
    if meeting.clock_started_at is None:
        return 0.0
    return max(0.0, (now - meeting.clock_started_at).total_seconds())


def _banked(meeting: Meeting, now: datetime) -> Meeting:
    """The running segment added to the current phase; the clock stopped."""
    if meeting.clock_started_at is None or not meeting.phases:
        return meeting
    phase = meeting.phases[meeting.current]
    spent = phase.spent_seconds + _segment_seconds(meeting, now)
    return dataclasses.replace(
        meeting, phases=_with_phase(meeting, meeting.current, spent_seconds=spent), clock_started_at=None
    )


def _break_ended(meeting: Meeting, now: datetime) -> Meeting:
    if meeting.paused_at is None:
        return meeting
    pause = Interval(start=meeting.paused_at, end=max(now, meeting.paused_at))
    return dataclasses.replace(meeting, breaks=(*meeting.breaks, pause), paused_at=None)


def is_running(meeting: Meeting) -> bool:
    """Whether the meeting has started and is not closed."""
    return meeting.status is MeetingStatus.RUNNING


def start(meeting: Meeting, now: datetime) -> Meeting:
    """Begin a planned meeting: the first phase becomes current and its clock starts."""
    if meeting.status is not MeetingStatus.PLANNED or not meeting.phases:
        return meeting
    return touch(
        meeting,
        now,
        status=MeetingStatus.RUNNING,
        actual_start=now,
        current=0,
        clock_started_at=now,
        phases=_with_phase(meeting, 0, status=PhaseStatus.CURRENT),
    )


def pause(meeting: Meeting, now: datetime) -> Meeting:
    """A break: the phase clock stops and the break is recorded until :func:`resume`."""
    if not is_running(meeting) or meeting.paused_at is not None:
        return meeting
    return touch(_banked(meeting, now), now, paused_at=now)


def resume(meeting: Meeting, now: datetime) -> Meeting:
    """End a break (or restart a stopped clock): the current phase's clock runs again."""
    if not is_running(meeting):
        return meeting
    if meeting.paused_at is None and meeting.clock_started_at is not None:
        return meeting
    return touch(_break_ended(meeting, now), now, clock_started_at=now)


def toggle_pause(meeting: Meeting, now: datetime) -> Meeting:
    """Pause a running clock, or resume a paused one."""
    return resume(meeting, now) if meeting.paused_at is not None else pause(meeting, now)


def go_to(meeting: Meeting, index: int, now: datetime, *, leaving: PhaseStatus = PhaseStatus.DONE) -> Meeting:
    """Make phase ``index`` current; the phase left gets status ``leaving``.

    The new phase's clock starts at once (and a break ends): a chair should
    never have to remember to start a timer. Time already spent in a phase
    that is entered again keeps counting from where it was.
    """
    if not is_running(meeting) or not 0 <= index < len(meeting.phases) or index == meeting.current:
        return meeting
    moved = _break_ended(_banked(meeting, now), now)
    phases = list(_with_phase(moved, moved.current, status=leaving))
    phases[index] = dataclasses.replace(phases[index], status=PhaseStatus.CURRENT)
    return touch(moved, now, phases=tuple(phases), current=index, clock_started_at=now)


def next_phase(meeting: Meeting, now: datetime) -> Meeting:
    """Finish the current phase and begin the next. Does nothing in the last phase."""
    return go_to(meeting, meeting.current + 1, now, leaving=PhaseStatus.DONE)


def skip(meeting: Meeting, now: datetime) -> Meeting:
    """Leave the current phase as skipped and begin the next."""
    return go_to(meeting, meeting.current + 1, now, leaving=PhaseStatus.SKIPPED)


def previous_phase(meeting: Meeting, now: datetime) -> Meeting:
    """Go back one phase; the phase left returns to pending with its time and notes kept."""
    return go_to(meeting, meeting.current - 1, now, leaving=PhaseStatus.PENDING)


def extend(meeting: Meeting, now: datetime, minutes: float = 1.0) -> Meeting:
    """Give the current phase more (or, negative, fewer) minutes; never below one minute in all."""
    if not meeting.phases or meeting.status is MeetingStatus.CLOSED:
        return meeting
    phase = meeting.phases[meeting.current]
    extra = max(phase.extra_minutes + minutes, 1.0 - phase.planned_minutes)
    if extra == phase.extra_minutes:
        return meeting
    return touch(meeting, now, phases=_with_phase(meeting, meeting.current, extra_minutes=extra))


def set_scale(meeting: Meeting, now: datetime, value: int | None) -> Meeting:
    """Place the marker of the current phase's 0-10 scale (None removes it)."""
    if value is not None:
        value = max(0, min(10, value))
    if not meeting.phases:
        return meeting
    return touch(meeting, now, phases=_with_phase(meeting, meeting.current, scale_value=value))


def halt(meeting: Meeting, now: datetime) -> Meeting:
    """Stop the clock without a break (the app closes); :func:`resume` starts it again."""
    if not is_running(meeting) or meeting.clock_started_at is None:
        return meeting
    return touch(_banked(meeting, now), now)


def checkpoint(meeting: Meeting, now: datetime) -> Meeting:
    """Bank the running segment and keep the clock running from ``now``.

    Saved now and then, so after a crash the clock resumes close to where it
    was instead of counting the time the app was not running.
    """
    if not is_running(meeting) or meeting.clock_started_at is None:
        return meeting
    return touch(_banked(meeting, now), now, clock_started_at=now)


def last_run_at(meeting: Meeting) -> datetime | None:
    """When the clock of a running meeting is last known to have run; None when the meeting is not running.

    On a break: when the break began. Stopped by a quit or lock (:func:`halt`): then.
    Still "running" in the file (a crash, or the app open on another screen): the
    last save (``updated_at``; see :func:`checkpoint`), or the last start of the clock.
    """
    if not is_running(meeting):
        return None
    if meeting.paused_at is not None:
        return meeting.paused_at
    if meeting.clock_started_at is None:
        return meeting.updated_at
    return max(meeting.updated_at, meeting.clock_started_at)


def resume_after_restart(meeting: Meeting, now: datetime) -> Meeting:
    """Run the clock again when the file is opened anew.

    After a clean close the clock stood still (:func:`halt`) and simply
    resumes. After a crash it was still "running" in the file: only the time
    up to the last save (``updated_at``; see :func:`checkpoint`) counts, not
    the time the app was not running. That stretch is kept as a gap (not
    meeting time). A meeting on a break stays on its break.
    """
    if not is_running(meeting) or meeting.paused_at is not None:
        return meeting
    last = last_run_at(meeting)
    assert last is not None  # running
    stood = halt(meeting, last)
    gaps = (*stood.gaps, Interval(start=last, end=now)) if now > last else stood.gaps
    return touch(stood, now, clock_started_at=now, gaps=gaps)


def continue_now(meeting: Meeting, now: datetime) -> Meeting:
    """A meeting found running later goes on now: a break ends, the clock runs from ``now``.

    The time since the clock last ran does not count (a gap, or the break it was).
    """
    if meeting.paused_at is not None:
        return resume(meeting, now)
    return resume_after_restart(meeting, now)


def end_at(meeting: Meeting, end: datetime, now: datetime) -> Meeting:
    """Close a meeting found running later at the moment it really ended, ``end`` (before ``now``).

    The clock is banked only up to ``end`` and a break ends there; the end is
    recorded as ``end``. Nothing after it counts.
    """
    if not is_running(meeting):
        return meeting
    if meeting.actual_start is not None:
        end = max(end, meeting.actual_start)
    if meeting.clock_started_at is not None:
        end = max(end, meeting.clock_started_at)
    return touch(finish(meeting, end), now)


def confirm_overrun(meeting: Meeting, now: datetime) -> Meeting:
    """The chair confirms the clock's time past the plan as meeting time (``core.meeting_time``)."""
    if meeting.overrun_confirmed:
        return meeting
    return touch(meeting, now, overrun_confirmed=True)


def finish(meeting: Meeting, now: datetime) -> Meeting:
    """Close the meeting: the current phase is done, the clock stops, the end is recorded."""
    if not is_running(meeting):
        return meeting
    closed = _break_ended(_banked(meeting, now), now)
    return touch(
        closed,
        now,
        status=MeetingStatus.CLOSED,
        actual_end=now,
        phases=_with_phase(closed, closed.current, status=PhaseStatus.DONE),
    )


def reopen(meeting: Meeting, now: datetime) -> Meeting:
    """Undo :func:`finish`: the meeting runs again in the phase it closed in.

    The time it stood closed is a gap, and the time past the plan must be confirmed again.
    """
    if meeting.status is not MeetingStatus.CLOSED or not meeting.phases:
        return meeting
    gaps = meeting.gaps
    if meeting.actual_end is not None and now > meeting.actual_end:
        gaps = (*gaps, Interval(start=meeting.actual_end, end=now))  # closed meanwhile: not meeting time
    return touch(
        meeting,
        now,
        status=MeetingStatus.RUNNING,
        actual_end=None,
        clock_started_at=now,
        gaps=gaps,
        overrun_confirmed=False,
        phases=_with_phase(meeting, meeting.current, status=PhaseStatus.CURRENT),
    )


def set_slots(meeting: Meeting, library: MethodLibrary, slots: Sequence[CaseSlot], now: datetime) -> Meeting:
    """Choose the cases and their methods; the casework phases are planned again.

    Phases whose key survives keep their time, status and scale. The current
    phase stays current when it survives; otherwise the first phase that is
    new or came after it becomes current (its clock starting now).
    """
    slots = tuple(slots)
    if len(slots) > MAX_CASES:
        raise ValueError(f"at most {MAX_CASES} cases per meeting")
    old = {phase.key: phase for phase in meeting.phases}
    survived: set[str] = set()
    kept = []
    for planned in plan_phases(library, slots):
        before = old.get(planned.key)
        if before is not None and before.method_id == planned.method_id:  # same key, other method: a new step
            survived.add(planned.key)
            planned = dataclasses.replace(
                planned,
                spent_seconds=before.spent_seconds,
                status=before.status,
                extra_minutes=before.extra_minutes,
                scale_value=before.scale_value,
            )
        kept.append(planned)
    phases = tuple(kept)
    banked = _banked(meeting, now) if is_running(meeting) else meeting
    retired = _retired(banked, survived)
    current_key = meeting.phases[meeting.current].key if meeting.phases else ""
    keys = [phase.key for phase in phases]
    if current_key in survived:
        index = keys.index(current_key)
        phases = _replace_at(phases, index, spent_seconds=banked.phases[banked.current].spent_seconds)
    else:
        # The first phase that is new or came after the one dropped: never back into a case already worked.
        position = {phase.key: i for i, phase in enumerate(meeting.phases) if phase.key in survived}
        index = next((i for i, key in enumerate(keys) if position.get(key, len(meeting.phases)) > meeting.current), 0)
        if is_running(meeting):
            phases = _replace_at(phases, index, status=PhaseStatus.CURRENT)
    method_id = slots[0].method_id if slots else ""
    clock = now if is_running(meeting) and banked.paused_at is None else None
    return touch(
        banked,
        now,
        slots=slots,
        phases=phases,
        current=index,
        method_id=method_id,
        clock_started_at=clock,
        retired=retired,
    )


def _retired(meeting: Meeting, survived: set[str]) -> tuple[PhaseRecord, ...]:
    """The meeting's retired phases, with the worked phases a new plan drops added (their time banked).

    A phase dropped twice under one key and method adds its time to the one retired before.
    """
    retired = list(meeting.retired)
    for phase in meeting.phases:
        if phase.key in survived or phase.spent_seconds <= 0:
            continue
        done = dataclasses.replace(phase, status=PhaseStatus.DONE)
        same = next(
            (i for i, old in enumerate(retired) if (old.key, old.method_id) == (phase.key, phase.method_id)), None
        )
        if same is None:
            retired.append(done)
        else:
            retired[same] = dataclasses.replace(done, spent_seconds=retired[same].spent_seconds + phase.spent_seconds)
    return tuple(retired)


def case_has_work(meeting: Meeting, slot: int, notes: Sequence[Note]) -> bool:
    """Whether case ``slot`` has time on its clock or notes on its boards (changing its method would move them)."""
    keys = {phase.key for phase in meeting.phases if phase.case_slot == slot}
    timed = any(phase.spent_seconds > 0 for phase in meeting.phases if phase.key in keys)
    running = meeting.phases and meeting.phases[meeting.current].key in keys and meeting.clock_started_at is not None
    return timed or bool(running) or any(note.phase_key in keys for note in notes)


def _replace_at(phases: tuple[PhaseRecord, ...], index: int, **changes: object) -> tuple[PhaseRecord, ...]:
    updated = list(phases)
    updated[index] = dataclasses.replace(updated[index], **changes)  # type: ignore[arg-type]
    return tuple(updated)


# -- readings ----------------------------------------------------------------------


def planned_seconds(phase: PhaseRecord) -> float:
    """A phase's planned length including minutes added during the meeting."""
    return (phase.planned_minutes + phase.extra_minutes) * 60


def phase_seconds(meeting: Meeting, index: int, now: datetime) -> float:
    """Seconds spent in phase ``index``, the running segment included."""
    spent = meeting.phases[index].spent_seconds
    if index == meeting.current and is_running(meeting):
        spent += _segment_seconds(meeting, now)
    return spent


def clock(meeting: Meeting, now: datetime) -> ClockReading:
    """The current phase's clock."""
    if not meeting.phases:
        return ClockReading(0.0, 0.0, False)
    phase = meeting.phases[meeting.current]
    running = is_running(meeting) and meeting.clock_started_at is not None
    return ClockReading(phase_seconds(meeting, meeting.current, now), planned_seconds(phase), running)


def overrun_seconds(meeting: Meeting, index: int, now: datetime) -> float:
    """How far phase ``index`` ran over its planned time (0 when it did not)."""
    return max(0.0, phase_seconds(meeting, index, now) - planned_seconds(meeting.phases[index]))


def planned_total_minutes(meeting: Meeting) -> float:
    """Planned minutes of the whole meeting, extensions included."""
    return sum(phase.planned_minutes + phase.extra_minutes for phase in meeting.phases)


def elapsed_seconds(meeting: Meeting, now: datetime) -> float:
    """Wall time since the meeting started (to its end once closed), breaks included, gaps not.

    A gap is a stretch the app was not running the meeting (see :func:`resume_after_restart`);
    while the clock stands after a quit or lock (:func:`halt`), the time stops where it stood.
    """
    if meeting.actual_start is None:
        return 0.0
    halted = is_running(meeting) and meeting.clock_started_at is None and meeting.paused_at is None
    end = meeting.actual_end or (meeting.updated_at if halted else now)
    gaps = sum((gap.end - gap.start).total_seconds() for gap in meeting.gaps)
    return max(0.0, (end - meeting.actual_start).total_seconds() - gaps)


def break_seconds(meeting: Meeting, now: datetime) -> float:
    """Time spent in breaks, a break in progress included."""
    total = sum((pause.end - pause.start).total_seconds() for pause in meeting.breaks)
    if meeting.paused_at is not None:
        total += max(0.0, (now - meeting.paused_at).total_seconds())
    return total


def projected_end(meeting: Meeting, now: datetime) -> datetime | None:
    """When the meeting will end if every phase from now on takes its planned time."""
    if meeting.status is MeetingStatus.CLOSED:
        return meeting.actual_end
    if meeting.status is MeetingStatus.PLANNED:
        return meeting.planned_end
    reading = clock(meeting, now)
    left = max(0.0, reading.remaining_seconds)
    left += sum(
        planned_seconds(phase)
        for index, phase in enumerate(meeting.phases)
        if index > meeting.current and phase.status is PhaseStatus.PENDING
    )
    return now + timedelta(seconds=left)


def minutes_behind(meeting: Meeting, now: datetime) -> float:
    """How many minutes the projected end lies after the planned end (negative: ahead)."""
    end = projected_end(meeting, now)
    if end is None or meeting.planned_end is None:
        return 0.0
    return (end - meeting.planned_end).total_seconds() / 60
