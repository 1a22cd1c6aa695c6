"""Cues for the chair of a self-run meeting: which cue when, the most urgent first, at most three."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from intervisie_tui import i18n
from intervisie_tui.core import rounds
from intervisie_tui.core.chair_prompts import prompts
from intervisie_tui.core.meeting import ClockReading
from intervisie_tui.core.methods import Activity, Speaker, Step, Text, load_shipped
from intervisie_tui.core.model import Question, Round
from tests.conftest import FROZEN

A, B, C = "aya", "bas", "cor"
CALM = ClockReading(elapsed_seconds=60, planned_seconds=600, running=True)
OVER = "The phase runs 3 min over: round off, or add a minute with +"
EVERYONE = "Check that everyone has been able to ask an open question"
ADVICE = "That sounded like advice: ask for it as an open question"
CLOSED = "A closed question: invite an open one (what, how, which)"
LISTEN = "Remind the presenter to listen only"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The cues are read in English here."""
    i18n.set_language("en")
    yield
    i18n.set_language("nl")


def step(activity: Activity = Activity.TALK, *, may_respond: bool = True) -> Step:
    return Step(
        key="stap",
        name=Text("Stap", "Step"),
        minutes=10,
        speaker=Speaker.GROUP_IN_TURN,
        rule=Text("Regel", "Rule"),
        inbrenger_may_respond=may_respond,
        activity=activity,
    )


def clock(remaining: float, *, running: bool = True) -> ClockReading:
    return ClockReading(elapsed_seconds=600 - remaining, planned_seconds=600, running=running)


def question(kind: str, position: int = 0) -> Question:
    return Question(
        id=f"q{position}-{kind}",
        meeting_id="m1",
        case_id="c1",
        asker_id=A,
        text="…",
        kind=kind,
        position=position,
        updated_at=FROZEN,
    )


def question_round(*members: str) -> Round:
    return rounds.new_round("m1", "case1.vragen", members or (A, B, C), FROZEN, laps=0)


# -- time ----------------------------------------------------------------------------------


def test_over_time_comes_first_with_whole_minutes_rounded_up() -> None:
    """2 min 10 s over reads "3 min"; even a stopped clock that ran over says so."""
    assert prompts(step(), clock(-130), None, [])[0] == OVER
    assert prompts(step(), clock(-130, running=False), None, []) == [OVER]
    assert prompts(step(), clock(-1), None, [])[0].startswith("The phase runs 1 min over")


@pytest.mark.parametrize(
    ("remaining", "expected"),
    [
        (120, "2 more minutes for this phase"),
        (90, "2 more minutes for this phase"),
        (89, "1 more minute for this phase"),
        (60, "1 more minute for this phase"),
        (59, "Less than a minute left"),
        (0, "Less than a minute left"),
    ],
)
def test_the_last_two_minutes_of_a_running_phase(remaining: float, expected: str) -> None:
    assert prompts(step(), clock(remaining), None, []) == [expected]


def test_no_time_cue_with_time_to_spare_or_a_stopped_clock() -> None:
    """Over two minutes left, or the clock stands still (a break): nothing about time."""
    assert prompts(step(), clock(121), None, []) == []
    assert prompts(step(), clock(30, running=False), None, []) == []


# -- the question round --------------------------------------------------------------------


def test_question_round_asks_to_check_that_everyone_asked_after_a_full_lap() -> None:
    """After a lap in which bas passed, he has asked nothing and may still ask: the cue; not before the lap is round."""
    round_ = rounds.contribute(question_round(), FROZEN)  # aya asks (her turn ends)
    round_ = rounds.pass_turn(round_, FROZEN)  # bas passes
    assert prompts(step(Activity.QUESTIONS), CALM, round_, []) == []  # cor has not had a turn yet
    round_ = rounds.contribute(round_, FROZEN)  # cor asks: the lap is round
    assert prompts(step(Activity.QUESTIONS), CALM, round_, []) == [EVERYONE]


def test_question_round_is_quiet_when_everyone_asked_or_the_round_is_over() -> None:
    """Everyone asked once (the round goes on): quiet; a finished round: quiet."""
    round_ = question_round(A, B)
    for _ in range(2):
        round_ = rounds.contribute(round_, FROZEN)
    assert rounds.contributions(round_) == {A: 1, B: 1}
    assert prompts(step(Activity.QUESTIONS), CALM, round_, []) == []
    done = rounds.pass_turn(rounds.pass_turn(question_round(A, B), FROZEN), FROZEN)
    assert rounds.is_complete(done)
    assert prompts(step(Activity.QUESTIONS), CALM, done, []) == []


def test_a_member_who_left_is_not_waited_for() -> None:
    """cor left before asking: not eligible, so no cue."""
    round_ = rounds.contribute(rounds.contribute(question_round(), FROZEN), FROZEN)
    round_ = rounds.leave(round_, C, FROZEN)
    assert prompts(step(Activity.QUESTIONS), CALM, round_, []) == []


def test_the_everyone_cue_belongs_to_the_question_round_only() -> None:
    """The same round in another activity, or no round at all, gives no such cue."""
    assert prompts(step(Activity.CONTRIBUTIONS), CALM, question_round(), []) == []
    assert prompts(step(Activity.QUESTIONS), CALM, None, []) == []


def test_the_last_question_advice_or_closed() -> None:
    """The question with the highest position decides; an open one gives no cue."""
    talk = step(Activity.QUESTIONS)
    assert prompts(talk, CALM, None, [question("closed", 2), question("advice", 1)]) == [CLOSED]
    assert prompts(talk, CALM, None, [question("advice", 3), question("closed", 1)]) == [ADVICE]
    assert prompts(talk, CALM, None, [question("advice", 0), question("open", 1)]) == []
    assert prompts(talk, CALM, None, [question("closed"), question("advice")]) == [ADVICE]  # equal: the last given


# -- what the phase is for -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("activity", "expected"),
    [
        (Activity.INVENTORY, "Ask for the question as 'How can I …?'"),
        (Activity.FEEDBACK, "Tops first, then tips; the presenter listens"),
        (Activity.CLOSING, "Plan the next date, chair and presenter together"),
        (Activity.CHOICE, "Choose together: urgency, votes or who has not brought a case for a while"),
    ],
)
def test_each_phase_has_its_cue(activity: Activity, expected: str) -> None:
    assert prompts(step(activity), CALM, None, []) == [expected]


def test_no_cue_for_a_plain_talk_phase_or_without_a_step() -> None:
    assert prompts(step(), CALM, None, []) == []
    assert prompts(None, CALM, None, []) == []


def test_activity_overrides_the_step_and_serves_without_one() -> None:
    closing = "Plan the next date, chair and presenter together"
    assert prompts(None, CALM, None, [], activity=Activity.CLOSING) == [closing]
    assert prompts(step(Activity.CLOSING), CALM, None, [], activity=Activity.TALK) == []


def test_a_listen_only_step_reminds_the_presenter() -> None:
    """Steps where the inbrenger may not respond, such as gossiping in roddel."""
    assert prompts(step(may_respond=False), CALM, None, []) == [LISTEN]
    roddel = load_shipped().methods["roddel"].step("roddelen")
    assert roddel is not None
    assert prompts(roddel, CALM, None, []) == [LISTEN]


# -- order and limit -----------------------------------------------------------------------


def test_at_most_three_most_urgent_first() -> None:
    """Time, then the question just asked, then listen-only; the round and phase cues drop off."""
    listen_questions = step(Activity.QUESTIONS, may_respond=False)
    cues = prompts(listen_questions, clock(-130), question_round(), [question("advice")])
    assert cues == [OVER, ADVICE, LISTEN]
    lap = rounds.contribute(rounds.pass_turn(rounds.contribute(question_round(), FROZEN), FROZEN), FROZEN)
    cues = prompts(listen_questions, CALM, lap, [question("closed")])
    assert cues == [CLOSED, LISTEN, EVERYONE]


def test_prompts_are_translated_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cue is looked up when asked for, in the language then in effect (a stand-in catalogue here)."""
    catalogue = {
        "The phase runs {minutes} min over: round off, or add a minute with +": "{minutes} min over tijd",
        "Remind the presenter to listen only": "De inbrenger luistert alleen",
    }
    plurals = {"{minutes} more minute for this phase": ("nog {minutes} minuut", "nog {minutes} minuten")}
    monkeypatch.setattr(i18n, "_translations", i18n.PoTranslations(catalogue, plurals))
    cues = prompts(step(may_respond=False), clock(-130), None, [])
    assert cues == ["3 min over tijd", "De inbrenger luistert alleen"]
    assert prompts(step(), clock(100), None, []) == ["nog 2 minuten"]
