"""Meeting time: how long a meeting counts, and what to do with a meeting found still running.

Meeting time is what the phase clock ran while the app ran the meeting: the
phase times ``core.meeting`` banks, never the wall clock from start to end. A
stretch the app was closed, locked or crashed is a gap and never counts
(``Meeting.gaps``); neither does a break. A meeting without any phase time
(made before phases were timed) counts its start to end less breaks and gaps.

Counted time never exceeds the plan (the phases' planned minutes plus the
minutes the chair added with + during the meeting) unless the chair confirmed
the longer time when the meeting ended (``Meeting.overrun_confirmed``). A
meeting without phases is held to its planned start and end, where known.

A running meeting opened again goes on quietly when its clock stood still for
a short while on the same day; after :data:`LONG_GAP`, or on a later day, the
chair is asked what happened (go on now, or it ended when the clock last ran).

Everything here is pure and takes ``now``. Decisions: docs/HISTORY_AND_EXPORTS.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum

from intervisie_tui.core.meeting import (
    halt,
    is_running,
    last_run_at,
    phase_seconds,
    planned_total_minutes,
)
from intervisie_tui.core.model import Interval, Meeting

LONG_GAP = timedelta(hours=3)
"""A running meeting whose clock stood still longer than this (about a whole meeting) is not resumed unasked."""
ASK_OVERRUN_FROM_S = 60.0
"""The chair is asked to confirm time past the plan from a minute on; less is left out unasked."""


# -- what counts ------------------------------------------------------------------------


def clock_seconds(meeting: Meeting, now: datetime) -> float:
    """Seconds the phase clock ran in all phases, the running segment up to ``now`` included."""
    retired = sum(phase.spent_seconds for phase in meeting.retired)
    return retired + sum(phase_seconds(meeting, index, now) for index in range(len(meeting.phases)))


def _has_clock(meeting: Meeting) -> bool:
    return meeting.clock_started_at is not None or any(
        phase.spent_seconds > 0 for phase in (*meeting.phases, *meeting.retired)
    )


def not_meeting_time(meeting: Meeting, now: datetime) -> list[Interval]:
    """Breaks (one in progress up to ``now`` included) and gaps, merged and in order."""
    spans = [*meeting.breaks, *meeting.gaps]
    if meeting.paused_at is not None and now > meeting.paused_at:
        spans.append(Interval(start=meeting.paused_at, end=now))
    merged: list[Interval] = []
    for span in sorted(spans, key=lambda span: span.start):
        if span.end <= span.start:
            continue
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Interval(start=merged[-1].start, end=span.end)
            continue
        merged.append(span)
    return merged


def overlap_seconds(start: datetime, end: datetime, spans: Iterable[Interval]) -> float:
    """Seconds of [``start``, ``end``) covered by ``spans`` (which must not overlap each other)."""
    total = 0.0
    for span in spans:
        low, high = max(start, span.start), min(end, span.end)
        if high > low:
            total += (high - low).total_seconds()
    return total


def wall_seconds(meeting: Meeting, now: datetime) -> float:
    """Start to end (or ``now``) less breaks and gaps; 0 before the start."""
    if meeting.actual_start is None:
        return 0.0
    end = meeting.actual_end or now
    if end <= meeting.actual_start:
        return 0.0
    away = overlap_seconds(meeting.actual_start, end, not_meeting_time(meeting, now))
    return (end - meeting.actual_start).total_seconds() - away


def ran_seconds(meeting: Meeting, now: datetime) -> float:
    """The meeting's time as it ran: the phase clock's, or (no phase time at all) :func:`wall_seconds`."""
    return clock_seconds(meeting, now) if _has_clock(meeting) else wall_seconds(meeting, now)


def allowed_seconds(meeting: Meeting) -> float | None:
    """The plan: the phases' planned minutes with the minutes added; without phases the planned start to end.

    None when the meeting has no plan at all.
    """
    if meeting.phases:
        return planned_total_minutes(meeting) * 60
    if meeting.planned_start is not None and meeting.planned_end is not None:
        return max(0.0, (meeting.planned_end - meeting.planned_start).total_seconds())
    return None


def overrun_to_confirm(meeting: Meeting, now: datetime) -> float:
    """Seconds the meeting ran past its plan that count only once the chair confirms them (0: none)."""
    allowed = allowed_seconds(meeting)
    if meeting.overrun_confirmed or allowed is None:
        return 0.0
    return max(0.0, ran_seconds(meeting, now) - allowed)


def counted_seconds(meeting: Meeting, now: datetime) -> float:
    """The meeting time that counts toward hours: as it ran, at most the plan unless the chair confirmed more."""
    return ran_seconds(meeting, now) - overrun_to_confirm(meeting, now)


def counted_end(meeting: Meeting, now: datetime) -> datetime | None:
    """The moment the counted time is reached, going from the start past breaks and gaps.

    What lies after it (an unconfirmed overrun, or time the clock did not run)
    is not counted; per member, arrival and departure are cut against
    [start, counted end). None before the start.
    """
    if meeting.actual_start is None:
        return None
    end = meeting.actual_end or now
    left = counted_seconds(meeting, now)
    moment = meeting.actual_start
    for span in not_meeting_time(meeting, now):
        if span.end <= moment:
            continue
        if span.start > moment:
            run = (span.start - moment).total_seconds()
            if run >= left:
                break
            left -= run
        moment = span.end
    return min(end, max(meeting.actual_start, moment + timedelta(seconds=left)))


# -- a running meeting opened again ---------------------------------------------------


class Reopening(StrEnum):
    """What opening a running meeting does with its clock."""

    AS_IS = "as_is"
    """Nothing: not running, on a short break, or its clock ran on in this run of the app."""
    RESUME = "resume"
    """Its clock runs again from now; the short stretch it stood still is a gap."""
    ASK = "ask"
    """The chair is asked what happened: go on now, or it ended when its clock last ran."""


def stood_long(meeting: Meeting, now: datetime) -> bool:
    """Whether a running meeting's clock last ran on an earlier day than ``now`` or more than LONG_GAP ago."""
    last = last_run_at(meeting)
    if last is None:
        return False
    return last.astimezone(now.tzinfo).date() < now.date() or now - last > LONG_GAP


def reopening(meeting: Meeting, now: datetime, *, restarted: bool) -> Reopening:
    """What to do with a meeting's clock when its screen opens at ``now``.

    ``restarted``: the file was just opened (the app started, or was unlocked), so
    a clock still "running" in the file did not run since its last save.
    """
    if not is_running(meeting):
        return Reopening.AS_IS
    if stood_long(meeting, now):
        return Reopening.ASK
    if meeting.paused_at is not None:
        return Reopening.AS_IS  # the break goes on, as it would have
    halted = meeting.clock_started_at is None
    return Reopening.RESUME if restarted or halted else Reopening.AS_IS


def halt_on_close(meeting: Meeting, now: datetime) -> Meeting:
    """Stop a running meeting's clock as the app closes (quit, lock).

    At ``now``, unless its clock last ran long ago (the app was left on another
    screen): then at that moment, so the stretch since counts only if the chair
    says so when the meeting is opened again.
    """
    last = last_run_at(meeting)
    if last is None:
        return meeting
    return halt(meeting, last if stood_long(meeting, now) else now)
