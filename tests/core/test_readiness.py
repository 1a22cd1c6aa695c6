"""Readiness indicators: each one met, not met, or not to be told from the records."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intervisie_tui import i18n
from intervisie_tui.core import readiness as rd
from intervisie_tui.core.model import (
    Acceptance,
    Agreement,
    Case,
    CaseStatus,
    Evaluation,
    IndicatorResult,
    Meeting,
    MeetingContent,
    MeetingStatus,
    Member,
    NextPlan,
    PhaseRecord,
    Question,
    Round,
    Turn,
)
from tests.conftest import FROZEN

START = date(2026, 1, 12)
ANN, BOB, CAS = "ann", "bob", "cas"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Values and labels are read in English here."""
    i18n.set_language("en")
    yield
    i18n.set_language("nl")


def member(member_id: str, *, active: bool = True) -> Member:
    return Member(id=member_id, group_id="g1", name=member_id.title(), active=active, updated_at=FROZEN)


MEMBERS = [member(ANN), member(BOB), member(CAS)]


def content(
    number: int,
    *,
    chair: str = ANN,
    status: MeetingStatus = MeetingStatus.CLOSED,
    phases: tuple[PhaseRecord, ...] = (),
    case_questions: tuple[str, ...] = (),
    question_kinds: tuple[str, ...] = (),
    rounds: tuple[Round, ...] = (),
    evaluated: bool = True,
    next_plan: NextPlan | None = None,
) -> MeetingContent:
    """Meeting ``number`` of a series, four weeks apart; worked cases with ``case_questions``."""
    meeting_id = f"m{number}"
    cases = tuple(
        Case(
            id=f"{meeting_id}-c{index}",
            meeting_id=meeting_id,
            inbrenger_id=BOB,
            title="Casus",
            question=text,
            status=CaseStatus.DONE,
            updated_at=FROZEN,
        )
        for index, text in enumerate(case_questions)
    )
    questions = tuple(
        Question(
            id=f"{meeting_id}-q{index}",
            meeting_id=meeting_id,
            case_id="",
            asker_id=CAS,
            text="…",
            kind=kind,
            position=index,
            updated_at=FROZEN,
        )
        for index, kind in enumerate(question_kinds)
    )
    evaluations = (Evaluation(id=f"{meeting_id}-e", meeting_id=meeting_id, member_id=ANN, updated_at=FROZEN),)
    meeting = Meeting(
        id=meeting_id,
        group_id="g1",
        held_on=START + timedelta(weeks=4 * number),
        chair_id=chair,
        status=status,
        phases=phases,
        next_plan=next_plan,
        updated_at=FROZEN,
    )
    return MeetingContent(
        meeting=meeting, cases=cases, questions=questions, rounds=rounds, evaluations=evaluations if evaluated else ()
    )


def phase(planned: float, spent_minutes: float, extra: float = 0.0, chair_id: str = "") -> PhaseRecord:
    return PhaseRecord(
        key=f"p{planned}-{spent_minutes}",
        name="Fase",
        planned_minutes=planned,
        spent_seconds=spent_minutes * 60,
        extra_minutes=extra,
        chair_id=chair_id,
    )


def a_round(*turns: tuple[str, int], order: tuple[str, ...] = (ANN, BOB, CAS)) -> Round:
    return Round(
        id="r",
        meeting_id="m",
        phase_key="checkin",
        order=order,
        turns=tuple(Turn(member_id=who, contributions=said) for who, said in turns),
        updated_at=FROZEN,
    )


def agreement(number: int, *accepted_by: str) -> Agreement:
    return Agreement(
        id=f"a{number}",
        group_id="g1",
        text="Wat hier gedeeld wordt, blijft hier.",
        acceptances=tuple(Acceptance(member_id=who, accepted_on=START) for who in accepted_by),
        updated_at=FROZEN,
    )


def indicator(
    key: str, history: list[MeetingContent], *, members: list[Member] = MEMBERS, agreements: tuple[Agreement, ...] = ()
) -> IndicatorResult:
    found = {result.key: result for result in rd.readiness(members, agreements, history)}
    return found[key]


# -- the whole set ---------------------------------------------------------------------------


def test_readiness_gives_every_key_once_in_order() -> None:
    """Twelve indicators in the documented order, each with a label of its own."""
    results = rd.readiness(MEMBERS, (), [])
    assert [result.key for result in results] == [
        "questions_framed",
        "method_chosen",
        "everyone_chaired",
        "time_kept",
        "open_questions",
        "turns_spread",
        "safety",
        "feedback_rules",
        "agreements_accepted",
        "evaluation_done",
        "planned_by_group",
        "knows_escalation",
    ]
    assert list(rd.KEYS) == [result.key for result in results]
    labels = [rd.indicator_label(key) for key in rd.KEYS]
    assert len(set(labels)) == len(labels) and all(label and "\n" not in label for label in labels)
    assert rd.indicator_label("unknown") == "unknown"


def test_an_empty_history_tells_nothing_but_the_agreements() -> None:
    """No meetings: every meeting-based indicator is None; missing agreements count as not met."""
    results = {result.key: result for result in rd.readiness(MEMBERS, (), [])}
    assert {key for key, result in results.items() if result.met is None} == set(rd.KEYS) - {"agreements_accepted"}
    assert results["agreements_accepted"].met is False
    assert results["agreements_accepted"].value == "no agreements yet"


def test_the_supervisor_judges_feedback_and_escalation_whatever_the_records() -> None:
    """Always None, and the value says who judges."""
    history = [content(number) for number in range(3)]
    for key in ("feedback_rules", "knows_escalation"):
        result = indicator(key, history)
        assert result.met is None and result.value == "a supervisor judges this"


def test_advice_summary_counts_met_not_met_and_cannot_tell() -> None:
    results = [
        IndicatorResult(key="a", value="", met=True),
        IndicatorResult(key="b", value="", met=False),
        IndicatorResult(key="c", value="", met=None),
        IndicatorResult(key="d", value="", met=True),
    ]
    assert rd.advice_summary(results) == (2, 1, 1)
    assert rd.advice_summary([]) == (0, 0, 0)


def test_thresholds_are_documented_per_key() -> None:
    """THRESHOLDS names the indicator and uses the constants."""
    assert rd.THRESHOLDS == {
        "questions_framed": 75.0,
        "time_kept": 5.0,
        "open_questions": 20.0,
        "turns_spread": 50.0,
        "safety": 7.0,
    }
    assert set(rd.THRESHOLDS) <= set(rd.KEYS)


# -- trend -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([40, 30, 10], "down"),
        ([10, 20, 30], "up"),
        ([20, 50, 24], "flat"),
        ([20, 15], "flat"),
        ([20, 14.9], "down"),
        ([], "flat"),
        ([30], "flat"),
    ],
)
def test_trend_compares_first_and_last_within_five_points(values: list[float], expected: str) -> None:
    assert rd.trend(values) == expected


@given(st.lists(st.floats(min_value=0, max_value=100), min_size=2, max_size=5))
def test_trend_reverses_with_the_series(values: list[float]) -> None:
    """Read backwards, down becomes up and flat stays flat."""
    opposite = {"down": "up", "up": "down", "flat": "flat"}
    assert rd.trend(values[::-1]) == opposite[rd.trend(values)]


# -- questions framed --------------------------------------------------------------------------


def test_questions_framed_counts_own_action_questions_of_recent_meetings() -> None:
    """3 of 4 is 75%: met; the oldest meeting is no longer recent; Dutch and English both count."""
    history = [
        content(0, case_questions=("Is dit normaal?", "Wat vind jij?")),
        content(1, case_questions=("Hoe kan ik grenzen stellen?",)),
        content(2, case_questions=("How can I say no?", "Moet ik dit melden?")),
        content(3, case_questions=("Wat kan ik doen als zij boos wordt?",)),
    ]
    result = indicator("questions_framed", history)
    assert (result.value, result.met) == ("3 of 4", True)


def test_questions_framed_below_three_quarters_is_not_met() -> None:
    """2 of 3; candidate cases and empty questions do not help."""
    history = [content(0, case_questions=("Hoe kan ik beginnen?", "Wat kan ik zeggen?", ""))]
    result = indicator("questions_framed", history)
    assert (result.value, result.met) == ("2 of 3", False)


# -- everyone chaired ------------------------------------------------------------------------


def test_everyone_chaired_counts_whole_meetings_and_mentions_phases() -> None:
    """ann and bob chaired meetings, cas only a phase: not met; archived and running do not count."""
    history = [
        content(0, chair=ANN),
        content(1, chair=BOB, phases=(phase(10, 10, chair_id=CAS),)),
        content(2, chair=CAS, status=MeetingStatus.RUNNING),
    ]
    members = [*MEMBERS, member("dee", active=False)]
    result = indicator("everyone_chaired", history, members=members)
    assert result.met is False
    assert result.value == "2 of 3; 1 more chaired a phase only"


def test_everyone_chaired_leaves_newcomers_out() -> None:
    """A member who attended no closed meeting yet is not expected to have chaired."""
    newcomer = Member(id="eve", group_id="g1", name="Eve", joined_on=START + timedelta(weeks=20), updated_at=FROZEN)
    history = [content(0, chair=ANN), content(1, chair=BOB), content(2, chair=CAS)]
    result = indicator("everyone_chaired", history, members=[*MEMBERS, newcomer])
    assert (result.value, result.met) == ("3 of 3", True)


def test_the_supervisor_chairing_counts_for_nobody() -> None:
    history = [content(0, chair=""), content(1, chair="")]
    assert indicator("everyone_chaired", history).value == "0 of 3"


# -- time kept -------------------------------------------------------------------------------


def test_time_kept_is_the_mean_overrun_per_recent_meeting() -> None:
    """Overrun per phase beyond plan and extra; early phases do not make up for late ones."""
    history = [
        content(0, phases=(phase(10, 40),)),  # not recent
        content(1, phases=(phase(10, 14), phase(20, 10))),  # 4 min over; 10 min early does not count
        content(2, phases=(phase(10, 16, extra=2),)),  # 4 min over after 2 added
        content(3, phases=(phase(15, 16),)),  # 1 min over
    ]
    result = indicator("time_kept", history)
    assert (result.value, result.met) == ("+3 min per meeting", True)


def test_time_kept_over_five_minutes_is_not_met() -> None:
    """Judged on the whole minutes shown: 6 is over, 5.4 shows and counts as 5."""
    assert indicator("time_kept", [content(0, phases=(phase(10, 16),))]).met is False
    result = indicator("time_kept", [content(0, phases=(phase(10, 15.4),))])
    assert (result.value, result.met) == ("+5 min per meeting", True)


# -- open questions --------------------------------------------------------------------------


def test_open_questions_met_when_few_closed_and_going_down() -> None:
    """25% → 10% over the recent meetings with questions; the one without questions is left out."""
    history = [
        content(0, question_kinds=("closed",) * 4),  # not recent
        content(1, question_kinds=("open", "open", "open", "advice")),
        content(2),
        content(3, question_kinds=("open",) * 9 + ("closed",)),
    ]
    result = indicator("open_questions", history)
    assert (result.value, result.met) == ("25% → 10% (down), on 14 questions: tentative", True)


def test_open_questions_not_met_when_going_up_or_too_many() -> None:
    """Going up fails even below 20%; 30% fails even when going down."""
    up = [content(0, question_kinds=("open",) * 10), content(1, question_kinds=("open",) * 9 + ("advice",))]
    assert indicator("open_questions", up).value == "0% → 10% (up), on 20 questions"
    assert indicator("open_questions", up).met is False
    many = [
        content(0, question_kinds=("closed",) * 5 + ("open",) * 5),
        content(1, question_kinds=("closed",) * 3 + ("open",) * 7),
    ]
    result = indicator("open_questions", many)
    assert (result.value, result.met) == ("50% → 30% (down), on 20 questions", False)


def test_open_questions_of_one_meeting_and_of_none() -> None:
    """One meeting: just its share, flat; no questions anywhere: cannot tell."""
    result = indicator("open_questions", [content(0, question_kinds=("open", "open", "open", "open", "closed"))])
    assert (result.value, result.met) == ("20%, on 5 questions: tentative", True)
    assert indicator("open_questions", [content(0)]).met is None


def test_open_questions_says_how_many_questions_it_rests_on() -> None:
    """Below 20 questions the share is tentative; one question is one, not "1 questions"."""
    one = indicator("open_questions", [content(0, question_kinds=("open",))])
    assert one.value == "0%, on 1 question: tentative"
    sure = indicator("open_questions", [content(0, question_kinds=("open",) * 25)])
    assert sure.value == "0%, on 25 questions"


# -- the group chooses its methods; safety ---------------------------------------------------


def _with_methods(number: int, *methods: str, chair: str = ANN) -> MeetingContent:
    made = content(number, chair=chair, case_questions=("Hoe kan ik …?",) * len(methods))
    cases = tuple(dataclasses.replace(case, method_id=method) for case, method in zip(made.cases, methods, strict=True))
    return dataclasses.replace(made, cases=cases)


def test_method_chosen_counts_member_chaired_meetings_and_the_methods_used() -> None:
    history = [_with_methods(0, "balint", chair=""), _with_methods(1, "roddel"), _with_methods(2, "balint", "")]
    result = indicator("method_chosen", history)
    assert (result.value, result.met) == ("2 of 3; 2 methods", False)
    chosen = indicator("method_chosen", [_with_methods(1, "roddel"), _with_methods(2, "roddel")])
    assert (chosen.value, chosen.met) == ("2 of 2; 1 method", True)


def test_method_chosen_cannot_tell_without_a_member_in_the_chair() -> None:
    assert indicator("method_chosen", [_with_methods(0, "balint", chair="")]).met is None


def _rated(number: int, *marks: int | None) -> MeetingContent:
    made = content(number)
    evaluations = tuple(
        Evaluation(
            id=f"e{number}-{i}", meeting_id=made.meeting.id, member_id=ANN, safety_rating=mark, updated_at=FROZEN
        )
        for i, mark in enumerate(marks)
    )
    return dataclasses.replace(made, evaluations=evaluations)


def test_the_safety_mark_of_the_closing_round_counts() -> None:
    """The mean of the recent safety marks, empty ones left out; met from 7."""
    history = [_rated(0, 2, 2), _rated(1, 8, None), _rated(2, 7, 6), _rated(3, 8)]  # the first is not recent
    result = indicator("safety", history)
    assert (result.value, result.met) == ("mean 7.3 (4 marks)", True)
    low = indicator("safety", [_rated(0, 6, 7)])
    assert (low.value, low.met) == ("mean 6.5 (2 marks)", False)
    assert indicator("safety", [_rated(0, None)]).met is None


# -- turns spread ----------------------------------------------------------------------------


def test_turns_spread_met_when_the_quietest_speaks_half_the_mean() -> None:
    """Turns plus contributions: ann 4, bob 2, cas 3 → mean 3, least 2 (67%)."""
    history = [content(0, rounds=(a_round((ANN, 3), (BOB, 1), (CAS, 2)),))]
    result = indicator("turns_spread", history)
    assert (result.value, result.met) == ("least active: 67% of the mean", True)


def test_turns_spread_not_met_when_someone_only_passes() -> None:
    """cas passes: 0 against a mean of 2."""
    passed = Round(
        id="r",
        meeting_id="m",
        phase_key="q",
        order=(ANN, BOB, CAS),
        turns=(
            Turn(member_id=ANN, contributions=2),
            Turn(member_id=BOB, contributions=2),
            Turn(member_id=CAS, passed=True),
        ),
        updated_at=FROZEN,
    )
    result = indicator("turns_spread", [content(0, rounds=(passed,))])
    assert (result.value, result.met) == ("least active: 0% of the mean", False)


def test_turns_spread_is_per_round_sat_in_and_ignores_archived_members() -> None:
    """cas missed one meeting's round: judged on the round they sat in; archived dee is left out."""
    history = [
        content(0, rounds=(a_round((ANN, 1), (BOB, 1), ("dee", 0), order=(ANN, BOB, "dee")),)),
        content(1, rounds=(a_round((ANN, 1), (BOB, 1), (CAS, 1)),)),
    ]
    result = indicator("turns_spread", history, members=[*MEMBERS, member("dee", active=False)])
    assert (result.value, result.met) == ("least active: 100% of the mean", True)


def test_turns_spread_without_rounds_cannot_tell() -> None:
    assert indicator("turns_spread", [content(0)]).met is None
    empty = Round(id="r", meeting_id="m", phase_key="q", order=(ANN, BOB), updated_at=FROZEN)
    assert indicator("turns_spread", [content(0, rounds=(empty,))]).met is None


# -- agreements, evaluations, planning ---------------------------------------------------------


def test_agreements_accepted_by_every_active_member() -> None:
    """Archived members need not accept; one missing acceptance fails."""
    members = [*MEMBERS, member("dee", active=False)]
    everyone = (agreement(1, ANN, BOB, CAS), agreement(2, ANN, BOB, CAS, "dee"))
    result = indicator("agreements_accepted", [], members=members, agreements=everyone)
    assert (result.value, result.met) == ("6 of 6 acceptances", True)
    missing = (agreement(1, ANN, BOB, CAS), agreement(2, ANN, "dee"))
    result = indicator("agreements_accepted", [], members=members, agreements=missing)
    assert (result.value, result.met) == ("4 of 6 acceptances", False)


def test_agreements_without_active_members_cannot_tell() -> None:
    assert indicator("agreements_accepted", [], members=[member("dee", active=False)]).met is None


def test_evaluation_done_in_every_recent_meeting() -> None:
    """An old meeting without evaluation no longer matters; a recent one does."""
    history = [content(0, evaluated=False), content(1), content(2), content(3)]
    assert (indicator("evaluation_done", history).value, indicator("evaluation_done", history).met) == ("3 of 3", True)
    history[2] = content(2, evaluated=False)
    assert (indicator("evaluation_done", history).value, indicator("evaluation_done", history).met) == ("2 of 3", False)


def test_planned_by_group_needs_a_full_plan_at_a_member_chaired_close() -> None:
    """Date, chair and presenter agreed, and a member in the chair of the latest closed meeting."""
    full = NextPlan(on=START + timedelta(weeks=30), chair_id=BOB, inbrenger_id=CAS)
    met = indicator("planned_by_group", [content(0), content(1, next_plan=full)])
    assert (met.value, met.met) == ("planned by the group", True)
    supervisor = indicator("planned_by_group", [content(0, chair="", next_plan=full)])
    assert (supervisor.value, supervisor.met) == ("missing: a member in the chair", False)
    partial = indicator("planned_by_group", [content(0, next_plan=NextPlan(chair_id=BOB))])
    assert (partial.value, partial.met) == ("missing: next date, next presenter", False)


def test_planned_by_group_reads_the_latest_closed_meeting_only() -> None:
    """An earlier full plan does not count; a running meeting is not the latest closed one."""
    full = NextPlan(on=START + timedelta(weeks=30), chair_id=BOB, inbrenger_id=CAS)
    history = [content(0, next_plan=full), content(1), content(2, status=MeetingStatus.RUNNING, next_plan=full)]
    assert indicator("planned_by_group", history).met is False
