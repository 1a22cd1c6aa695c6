"""Learning goals: named at the start of a supervised programme, looked back on at its close and in the minutes."""

from __future__ import annotations

from datetime import date

from intervisie_tui import i18n
from intervisie_tui.core import round_work, rounds
from intervisie_tui.core.learning_goals import goal_intro, looks_back_on_goals
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.minutes import minutes_markdown
from intervisie_tui.core.model import Evaluation, Group, Meeting, MeetingContent, MeetingStatus, Member
from intervisie_tui.core.programme import CLOSING_STAGE
from tests.conftest import FROZEN

AYA = Member(id="aya", group_id="g", name="Aya", learning_goal="Eerder grenzen stellen", updated_at=FROZEN)
BAS = Member(id="bas", group_id="g", name="Bas", updated_at=FROZEN)


def _meeting(stage: int, supervised: bool = True) -> Meeting:
    return Meeting(
        id="m",
        group_id="g",
        held_on=date(2026, 11, 22),
        supervised=supervised,
        handover_stage=stage,
        status=MeetingStatus.CLOSED,
        updated_at=FROZEN,
    )


def test_only_the_programmes_closing_supervised_meeting_looks_back() -> None:
    assert looks_back_on_goals(_meeting(CLOSING_STAGE))
    assert not looks_back_on_goals(_meeting(4))
    assert not looks_back_on_goals(_meeting(CLOSING_STAGE, supervised=False))


def test_the_goal_is_shown_above_the_closing_turn() -> None:
    i18n.set_language("en")
    assert goal_intro("  Eerder grenzen stellen ") == "Your learning goal at the start: Eerder grenzen stellen"
    assert goal_intro(" ") == ""


def test_the_closing_turn_keeps_the_look_back() -> None:
    round_ = rounds.new_round("m", "closing", ["aya", "bas"], FROZEN)
    _round, evaluation = round_work.evaluate(
        round_, takeaway="Les", ratings={}, now=FROZEN, goal_review="Lukt steeds beter"
    )
    assert evaluation.goal_review == "Lukt steeds beter"


def test_the_minutes_personal_part_holds_the_goal_and_the_look_back() -> None:
    i18n.set_language("en")
    evaluations = (
        Evaluation(id="e1", meeting_id="m", member_id="aya", goal_review="Lukt steeds beter", updated_at=FROZEN),
    )
    content = MeetingContent(meeting=_meeting(CLOSING_STAGE), evaluations=evaluations)
    group = Group(id="g", name="Noord", updated_at=FROZEN)
    text = minutes_markdown(content, group, [AYA, BAS], load_shipped(), personal_for=["aya", "bas"])
    aya = text[text.index("Personal part: Aya") : text.index("Personal part: Bas")]
    assert "- My learning goal: Eerder grenzen stellen" in aya
    assert "- Looking back on my learning goal: Lukt steeds beter" in aya
    assert "learning goal" not in text[text.index("Personal part: Bas") :]  # no goal, no look back: no lines
    shared = text[: text.index("Personal part: Aya")]
    assert "Eerder grenzen" not in shared and "Lukt steeds" not in shared
