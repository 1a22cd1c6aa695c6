"""Readiness indicators: is a group ready to run itself? (docs/GROUPS.md)

Advisory only: the supervisor decides and signs. Each indicator reads the
group's records and gives a short value and a verdict: met, not met, or None
where the records cannot tell (two indicators are always the supervisor's
judgement). Only closed meetings count; "recent" is the last
:data:`RECENT_MEETINGS` of them by date.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from statistics import fmean
from types import MappingProxyType

from intervisie_tui.core import rounds
from intervisie_tui.core.chairs import chair_record, is_newcomer
from intervisie_tui.core.model import (
    Agreement,
    CaseStatus,
    IndicatorResult,
    MeetingContent,
    MeetingStatus,
    Member,
    PhaseRecord,
)
from intervisie_tui.core.questions import ADVICE, CLOSED, frames_own_action
from intervisie_tui.i18n import N_, _, decimal_text, ngettext

# -- thresholds ------------------------------------------------------------------------------

RECENT_MEETINGS = 3
"""How many of the latest closed meetings the "recent" indicators look at."""
FRAMED_MIN_PERCENT = 75.0
"""questions_framed is met when at least this share of worked cases asks "How can I …?"."""
OVERRUN_MAX_MINUTES = 5.0
"""time_kept is met when phases ran over by at most this many minutes per meeting, on average (whole minutes)."""
CLOSED_OR_ADVICE_MAX_PERCENT = 20.0
"""open_questions is met when at most this share (whole percent) of the latest meeting's questions was closed or
advice, and the share is not going up."""
TREND_FLAT_POINTS = 5.0
"""A trend is flat when first and last differ by at most this many percentage points."""
TURNS_MIN_PERCENT_OF_MEAN = 50.0
"""turns_spread is met when the least active member speaks at least this percentage of the mean (whole percent)."""
SAFETY_MIN_MARK = 7.0
"""safety is met when the safety marks of the recent closing rounds average at least this (1-10, one decimal)."""
QUESTIONS_SURE_FROM = 20
"""open_questions says it rests on few questions (and is only tentative) below this many in the recent meetings."""

THRESHOLDS: Mapping[str, float] = MappingProxyType(
    {
        "questions_framed": FRAMED_MIN_PERCENT,
        "time_kept": OVERRUN_MAX_MINUTES,
        "open_questions": CLOSED_OR_ADVICE_MAX_PERCENT,
        "turns_spread": TURNS_MIN_PERCENT_OF_MEAN,
        "safety": SAFETY_MIN_MARK,
    }
)
"""Indicator key -> the threshold it is judged by, in the unit its value shows (see the constants above)."""

DOWN, UP, FLAT = "down", "up", "flat"

# -- labels ------------------------------------------------------------------------------

_LABELS = {
    "questions_framed": N_('Members frame usable "How can I …?" questions themselves'),
    "method_chosen": N_("The group chooses a method for each case itself"),
    "everyone_chaired": N_("Every member has chaired a meeting at least once"),
    "time_kept": N_("Phases are kept within the planned time"),
    "open_questions": N_("Few closed or advice-like questions, and fewer over time"),
    "turns_spread": N_("Turns are spread evenly"),
    "safety": N_("Members feel safe: the safety mark of the closing round"),
    "feedback_rules": N_("The feedback rules are kept"),
    "agreements_accepted": N_("Every member accepted the group agreements"),
    "evaluation_done": N_("The closing evaluation is done every time"),
    "planned_by_group": N_("The group plans the next date, chair and presenter itself"),
    "knows_escalation": N_("The group knows when to escalate (supervision, line manager, child-safety protocol)"),
}
KEYS = tuple(_LABELS)
"""The indicator keys, in the order :func:`readiness` gives them."""

_TRENDS = {DOWN: N_("down"), UP: N_("up"), FLAT: N_("flat")}
_COUNT = N_("{count} of {total}")
_NO_RECORDS = N_("no records yet")
_SUPERVISOR_JUDGES = N_("a supervisor judges this")


def indicator_label(key: str) -> str:
    """The one-line label of indicator ``key`` in the current language; an unknown key as is."""
    label = _LABELS.get(key)
    return _(label) if label is not None else key


def trend(values: Sequence[float]) -> str:
    """DOWN, UP or FLAT from the first value to the last (percentages; flat within TREND_FLAT_POINTS)."""
    if len(values) < 2 or abs(values[-1] - values[0]) <= TREND_FLAT_POINTS:
        return FLAT
    return DOWN if values[-1] < values[0] else UP


def advice_summary(results: Sequence[IndicatorResult]) -> tuple[int, int, int]:
    """How many indicators are (met, not met, cannot tell)."""
    met = sum(1 for result in results if result.met is True)
    not_met = sum(1 for result in results if result.met is False)
    return met, not_met, len(results) - met - not_met


# -- the indicators ------------------------------------------------------------------------


def _closed(history: Sequence[MeetingContent]) -> list[MeetingContent]:
    """The closed meetings, oldest first."""
    closed = [content for content in history if content.meeting.status is MeetingStatus.CLOSED]
    return sorted(closed, key=lambda content: (content.meeting.held_on, content.meeting.id))


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole


def _whole(number: float) -> int:
    """``number`` rounded half up: verdicts are judged on the whole numbers the value shows."""
    return math.floor(number + 0.5)


def _count(count: int, total: int) -> str:
    return _(_COUNT).format(count=count, total=total)


def _framed(question: str) -> bool:
    # The records are in the group's language, not necessarily the UI's: either language counts.
    return frames_own_action(question, "nl") or frames_own_action(question, "en")


def _questions_framed(recent: Sequence[MeetingContent]) -> IndicatorResult:
    """The share of worked cases whose question is about the presenter's own action."""
    questions = [
        case.question
        for content in recent
        for case in content.cases
        if case.status in (CaseStatus.CHOSEN, CaseStatus.DONE)
    ]
    if not questions:
        return IndicatorResult(key="questions_framed", value=_(_NO_RECORDS), met=None)
    framed = sum(1 for question in questions if _framed(question))
    met = _percent(framed, len(questions)) >= FRAMED_MIN_PERCENT
    return IndicatorResult(key="questions_framed", value=_count(framed, len(questions)), met=met)


def _everyone_chaired(members: Sequence[Member], closed: Sequence[MeetingContent]) -> IndicatorResult:
    """Whether every active member who is no newcomer chaired a whole meeting; a phase is mentioned only."""
    # date.max: a newcomer here is a member who attended none of the closed meetings.
    expected = [member for member in members if member.active and not is_newcomer(member, closed, date.max)]
    if not expected:
        return IndicatorResult(key="everyone_chaired", value=_(_NO_RECORDS), met=None)
    record = chair_record(closed)
    chaired = sum(1 for member in expected if member.id in record and record[member.id].meetings)
    phase_only = sum(1 for member in expected if member.id in record and not record[member.id].meetings)
    value = _count(chaired, len(expected))
    if phase_only:
        value = _("{count}; {phases} more chaired a phase only").format(count=value, phases=phase_only)
    return IndicatorResult(key="everyone_chaired", value=value, met=chaired == len(expected))


def _overrun_minutes(phase: PhaseRecord) -> float:
    return max(0.0, phase.spent_seconds / 60 - phase.planned_minutes - phase.extra_minutes)


def _time_kept(recent: Sequence[MeetingContent]) -> IndicatorResult:
    """The mean overrun per recent meeting, in minutes: each phase's time beyond its plan and extensions."""
    with_phases = [content.meeting.phases for content in recent if content.meeting.phases]
    if not with_phases:
        return IndicatorResult(key="time_kept", value=_(_NO_RECORDS), met=None)
    minutes = _whole(fmean(sum(_overrun_minutes(phase) for phase in phases) for phases in with_phases))
    value = _("+{minutes} min per meeting").format(minutes=minutes)
    return IndicatorResult(key="time_kept", value=value, met=minutes <= OVERRUN_MAX_MINUTES)


def _trend_value(shares: Sequence[int], direction: str) -> str:
    if len(shares) == 1:
        return f"{shares[0]}%"
    return _("{first}% → {last}% ({trend})").format(first=shares[0], last=shares[-1], trend=_(_TRENDS[direction]))


def _open_questions(recent: Sequence[MeetingContent]) -> IndicatorResult:
    """The share of closed or advice-like questions per recent meeting (those with questions), and its trend.

    The value says how many questions it rests on; below :data:`QUESTIONS_SURE_FROM` it says it is tentative.
    """
    asked = sum(len(content.questions) for content in recent)
    shares = [
        _whole(
            _percent(
                sum(1 for question in content.questions if question.kind in (CLOSED, ADVICE)), len(content.questions)
            )
        )
        for content in recent
        if content.questions
    ]
    if not shares:
        return IndicatorResult(key="open_questions", value=_(_NO_RECORDS), met=None)
    direction = trend(shares)
    met = shares[-1] <= CLOSED_OR_ADVICE_MAX_PERCENT and direction != UP
    if asked < QUESTIONS_SURE_FROM:
        basis = ngettext("on {n} question: tentative", "on {n} questions: tentative", asked).format(n=asked)
    else:
        basis = ngettext("on {n} question", "on {n} questions", asked).format(n=asked)
    value = _("{shares}, {basis}").format(shares=_trend_value(shares, direction), basis=basis)
    return IndicatorResult(key="open_questions", value=value, met=met)


def _method_chosen(recent: Sequence[MeetingContent]) -> IndicatorResult:
    """Whether, in the recent meetings a member chaired, every worked case had a method chosen for it.

    Whether the method fitted the case is the supervisor's to judge: the records show that the group
    chose one itself (no supervisor in the chair), and how many different methods it used.
    """
    member_run = [content for content in recent if content.meeting.chair_id]
    worked = [
        case for content in member_run for case in content.cases if case.status in (CaseStatus.CHOSEN, CaseStatus.DONE)
    ]
    if not worked:
        return IndicatorResult(key="method_chosen", value=_(_NO_RECORDS), met=None)
    chosen = [case.method_id for case in worked if case.method_id]
    methods = len(set(chosen))
    value = _("{count}; {methods}").format(
        count=_count(len(chosen), len(worked)),
        methods=ngettext("{n} method", "{n} methods", methods).format(n=methods),
    )
    return IndicatorResult(key="method_chosen", value=value, met=len(chosen) == len(worked))


def _safety(recent: Sequence[MeetingContent]) -> IndicatorResult:
    """The mean safety mark the closing rounds of the recent meetings gave (marks left empty not counted)."""
    marks = [
        evaluation.safety_rating
        for content in recent
        for evaluation in content.evaluations
        if evaluation.safety_rating is not None
    ]
    if not marks:
        return IndicatorResult(key="safety", value=_(_NO_RECORDS), met=None)
    mean = math.floor(fmean(marks) * 10 + 0.5) / 10
    value = _("mean {mark} ({count})").format(
        mark=decimal_text(mean), count=ngettext("{n} mark", "{n} marks", len(marks)).format(n=len(marks))
    )
    return IndicatorResult(key="safety", value=value, met=mean >= SAFETY_MIN_MARK)


def _activity_per_round(members: Sequence[Member], recent: Sequence[MeetingContent]) -> dict[str, float]:
    """Active member id -> turns plus contributions per round they took part in (absent members left out)."""
    active = {member.id for member in members if member.active}
    spoken: dict[str, int] = {}
    seated: dict[str, int] = {}
    for round_ in (round_ for content in recent for round_ in content.rounds):
        for member_id, (turns, said) in rounds.balance([round_]).items():
            if member_id in active:
                spoken[member_id] = spoken.get(member_id, 0) + turns + said
                seated[member_id] = seated.get(member_id, 0) + 1
    return {member_id: spoken[member_id] / seated[member_id] for member_id in spoken}


def _turns_spread(members: Sequence[Member], recent: Sequence[MeetingContent]) -> IndicatorResult:
    """Whether the least active member speaks at least half as much as the mean.

    Counts turns plus contributions per round a member sat in, so a member who
    missed a meeting is not counted as quiet.
    """
    activity = _activity_per_round(members, recent)
    mean = fmean(activity.values()) if activity else 0.0
    if mean == 0:
        return IndicatorResult(key="turns_spread", value=_(_NO_RECORDS), met=None)
    percent = _whole(100 * min(activity.values()) / mean)
    value = _("least active: {percent}% of the mean").format(percent=percent)
    return IndicatorResult(key="turns_spread", value=value, met=percent >= TURNS_MIN_PERCENT_OF_MEAN)


def _agreements_accepted(members: Sequence[Member], agreements: Sequence[Agreement]) -> IndicatorResult:
    """Whether every active member accepted every agreement; the value counts acceptances."""
    active = {member.id for member in members if member.active}
    if not active:
        return IndicatorResult(key="agreements_accepted", value=_(_NO_RECORDS), met=None)
    if not agreements:
        return IndicatorResult(key="agreements_accepted", value=_("no agreements yet"), met=False)
    accepted = sum(
        len(active & {acceptance.member_id for acceptance in agreement.acceptances}) for agreement in agreements
    )
    total = len(active) * len(agreements)
    value = _("{count} of {total} acceptances").format(count=accepted, total=total)
    return IndicatorResult(key="agreements_accepted", value=value, met=accepted == total)


def _evaluation_done(recent: Sequence[MeetingContent]) -> IndicatorResult:
    """Whether every recent meeting has at least one closing evaluation."""
    if not recent:
        return IndicatorResult(key="evaluation_done", value=_(_NO_RECORDS), met=None)
    done = sum(1 for content in recent if content.evaluations)
    return IndicatorResult(key="evaluation_done", value=_count(done, len(recent)), met=done == len(recent))


_PLAN_PARTS = {
    "date": N_("next date"),
    "chair": N_("next chair"),
    "inbrenger": N_("next presenter"),
    "member_chair": N_("a member in the chair"),
}


def _planned_by_group(closed: Sequence[MeetingContent]) -> IndicatorResult:
    """Whether the latest closed meeting, chaired by a member, agreed the next date, chair and presenter."""
    if not closed:
        return IndicatorResult(key="planned_by_group", value=_(_NO_RECORDS), met=None)
    meeting = closed[-1].meeting
    plan = meeting.next_plan
    present = {
        "date": plan is not None and plan.on is not None,
        "chair": plan is not None and bool(plan.chair_id),
        "inbrenger": plan is not None and bool(plan.inbrenger_id),
        "member_chair": bool(meeting.chair_id),
    }
    missing = [_(_PLAN_PARTS[part]) for part, there in present.items() if not there]
    if not missing:
        return IndicatorResult(key="planned_by_group", value=_("planned by the group"), met=True)
    return IndicatorResult(
        key="planned_by_group", value=_("missing: {parts}").format(parts=", ".join(missing)), met=False
    )


def _supervisor_judges(key: str) -> IndicatorResult:
    return IndicatorResult(key=key, value=_(_SUPERVISOR_JUDGES), met=None)


def readiness(
    members: Sequence[Member], agreements: Sequence[Agreement], history: Sequence[MeetingContent]
) -> tuple[IndicatorResult, ...]:
    """Every readiness indicator, in the order of :data:`KEYS`."""
    closed = _closed(history)
    recent = closed[-RECENT_MEETINGS:]
    return (
        _questions_framed(recent),
        _method_chosen(recent),
        _everyone_chaired(members, closed),
        _time_kept(recent),
        _open_questions(recent),
        _turns_spread(members, recent),
        _safety(recent),
        _supervisor_judges("feedback_rules"),
        _agreements_accepted(members, agreements),
        _evaluation_done(recent),
        _planned_by_group(closed),
        _supervisor_judges("knows_escalation"),
    )
