"""What turns record: questions with their verdicts, signed notes, candidates, choice, feedback, closing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from intervisie_tui.core import round_work as work
from intervisie_tui.core import rounds
from intervisie_tui.core.method_choice import suggest
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import (
    Attendance,
    Case,
    CaseSlot,
    CaseStatus,
    FeedbackAbout,
    Meeting,
    Member,
    PhaseRecord,
)
from intervisie_tui.core.sanitize import TextRejected
from tests.conftest import FROZEN

LIBRARY = load_shipped()
AYA, BAS, COR = "aya", "bas", "cor"


def a_round(*members: str, per_turn: int = 1, per_member: int = 0, laps: int = 1):
    return rounds.new_round(
        "m1", "case1.vragen", members or (AYA, BAS, COR), FROZEN, per_turn=per_turn, per_member=per_member, laps=laps
    )


def test_has_round_for_every_turn_taking_step_and_not_for_the_others() -> None:
    """Check-in, questions, contributions, tops and tips and the closing run as rounds; the choice does not."""
    frame = {step.key: step for step in LIBRARY.frame.steps}
    assert work.has_round(frame["checkin"]) and work.has_round(frame["inventory"]) and work.has_round(frame["closing"])
    assert not work.has_round(frame["choice"]) and not work.has_round(frame["lookback"])
    incident = {step.key: step for step in LIBRARY.get("incident_kort").steps}
    assert work.has_round(incident["informatieronde"]) and work.has_round(incident["diagnose"])
    assert not work.has_round(incident["incident"])
    assert not work.has_round(None)


def test_present_members_leaves_out_archived_and_absent_members() -> None:
    members = [
        Member(id=AYA, group_id="g", name="Aya", updated_at=FROZEN),
        Member(id=BAS, group_id="g", name="Bas", active=False, updated_at=FROZEN),
        Member(id=COR, group_id="g", name="Cor", updated_at=FROZEN),
    ]
    absent = [Attendance(id="x", meeting_id="m1", member_id=COR, present=False, updated_at=FROZEN)]
    assert work.present_members(members, []) == [AYA, COR]
    assert work.present_members(members, absent) == [AYA]


def test_a_question_is_signed_by_the_speaker_classified_and_ends_a_one_question_turn() -> None:
    round_, question = work.ask(
        a_round(), case_id="c1", text="  Heb je al eens geprobeerd te bellen? ", lang="nl", position=0, now=FROZEN
    )
    assert (question.asker_id, question.case_id, question.kind) == (AYA, "c1", "advice")
    assert question.text == "Heb je al eens geprobeerd te bellen?"
    assert rounds.current_speaker(round_) == BAS
    assert rounds.contributions(round_)[AYA] == 1


def test_asking_in_a_complete_round_is_refused() -> None:
    round_ = a_round(AYA)
    round_ = rounds.next_turn(round_, FROZEN)
    with pytest.raises(work.NoSpeaker):
        work.ask(round_, case_id="", text="Wat deed je?", lang="nl", position=0, now=FROZEN)


def test_an_empty_or_huge_question_is_refused() -> None:
    with pytest.raises(TextRejected):
        work.ask(a_round(), case_id="", text="x" * 10_000, lang="nl", position=0, now=FROZEN)


def test_editing_reclassifies_unless_the_chair_set_the_kind() -> None:
    _round, question = work.ask(a_round(), case_id="", text="Wat deed je toen?", lang="nl", position=0, now=FROZEN)
    assert question.kind == "open"
    edited = work.edit_question(question, "Had je niet beter kunnen bellen?", "nl", FROZEN)
    assert edited.kind == "advice"
    by_chair = work.cycle_kind(question, FROZEN)
    assert (by_chair.kind, by_chair.kind_by_chair) == ("closed", True)
    assert work.edit_question(by_chair, "Wat deed je toen?", "nl", FROZEN).kind == "closed"
    assert work.cycle_kind(work.cycle_kind(by_chair, FROZEN), FROZEN).kind == "open"


def test_marks_cycle_through_the_methods_marks_and_back_to_none() -> None:
    _round, question = work.ask(a_round(), case_id="", text="Wat voelde je?", lang="nl", position=0, now=FROZEN)
    marks = work.marks_for("socratisch")
    assert marks == ("warm", "cold", "neutral")
    seen = []
    for _ in range(4):
        question = work.cycle_mark(question, marks, FROZEN)
        seen.append(question.mark)
    assert seen == ["warm", "cold", "neutral", ""]
    assert work.marks_for("roddel") == ("relevant", "not_relevant")


def test_a_turn_note_is_signed_and_counts_as_the_contribution() -> None:
    round_, changed = work.add_turn_note(a_round(), [], text="Moe maar blij", column="", case_id="", now=FROZEN)
    assert changed[0].author_id == AYA and changed[0].text == "Moe maar blij"
    assert changed[0].phase_key == "case1.vragen"
    assert rounds.current_speaker(round_) == BAS


def test_candidates_votes_ranking_and_choice() -> None:
    round_, first = work.add_candidate(
        a_round(), title="Huisbezoek", question="Hoe kan ik grenzen stellen?", urgency=9, now=FROZEN
    )
    round_, second = work.add_candidate(
        round_, title="Overdracht", question="Hoe kan ik eerder melden?", urgency=1, now=FROZEN
    )
    assert (first.inbrenger_id, first.urgency, second.inbrenger_id) == (AYA, work.URGENCY_MAX, BAS)
    second = work.vote(work.vote(second, 1, FROZEN), 1, FROZEN)
    assert work.vote(first, -1, FROZEN).votes == 0
    assert [case.id for case in work.ranked([first, second])] == [second.id, first.id]
    assert [case.id for case in work.ranked([first, second], "urgency")] == [first.id, second.id]

    meeting = Meeting(id="m1", group_id="g", held_on=date(2026, 11, 22), updated_at=FROZEN)
    slots = work.chosen_slots(meeting, second)
    assert slots == (("", second.id),)
    changed = work.case_statuses([first, second], slots, FROZEN)
    assert [(case.id, case.status) for case in changed] == [(second.id, CaseStatus.CHOSEN)]
    # Choosing another case for a one-case meeting replaces the choice; the first goes back to candidate.
    meeting = replace(meeting, slots=(CaseSlot(method_id="roddel", case_id=second.id),))
    chosen = replace(second, status=CaseStatus.CHOSEN)
    slots = work.chosen_slots(meeting, first)
    assert slots == (("roddel", first.id),)
    changed = {case.id: case for case in work.case_statuses([first, chosen], slots, FROZEN)}
    assert changed[first.id].status is CaseStatus.CHOSEN and changed[first.id].method_id == "roddel"
    assert changed[second.id].status is CaseStatus.CANDIDATE


def test_feedback_goes_to_the_inbrenger_from_the_speaker() -> None:
    round_, item = work.give_feedback(a_round(), case_id="c1", top="Helder verteld", tip="Noem je gevoel", now=FROZEN)
    assert (item.giver_id, item.about, item.case_id, item.top, item.tip) == (
        AYA,
        FeedbackAbout.INBRENGER,
        "c1",
        "Helder verteld",
        "Noem je gevoel",
    )
    assert rounds.current_speaker(round_) == BAS


@pytest.mark.parametrize(("typed", "value"), [("8", 8), (" 10 ", 10), ("7,5", 8), ("", None), ("1", 1)])
def test_ratings_are_read_from_what_was_typed(typed: str, value: int | None) -> None:
    assert work.parse_rating(typed) == value


@pytest.mark.parametrize("typed", ["0", "11", "acht", "-3"])
def test_ratings_outside_one_to_ten_are_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        work.parse_rating(typed)


def test_closing_turns_and_their_mean() -> None:
    round_, first = work.evaluate(
        a_round(), takeaway="Doorvragen", ratings={"rating": 8, "time_rating": 6, "bogus": 3}, now=FROZEN
    )
    round_, second = work.evaluate(round_, takeaway="", ratings={"rating": 7}, now=FROZEN)
    assert (first.member_id, first.rating, first.time_rating, first.method_rating) == (AYA, 8, 6, None)
    assert second.member_id == BAS
    assert work.mean_rating([first, second]) == 7.5
    assert work.mean_rating([]) is None


def test_case_of_a_phase_follows_the_slot() -> None:
    meeting = Meeting(
        id="m1",
        group_id="g",
        held_on=date(2026, 11, 22),
        updated_at=FROZEN,
        slots=(CaseSlot(method_id="roddel", case_id="c1"),),
    )
    assert work.case_id_of(meeting, PhaseRecord(key="case1.vragen", name="", planned_minutes=1, case_slot=1)) == "c1"
    assert work.case_id_of(meeting, PhaseRecord(key="case2.vragen", name="", planned_minutes=1, case_slot=2)) == ""
    assert work.case_id_of(meeting, PhaseRecord(key="checkin", name="", planned_minutes=1)) == ""
    case = Case(id="c1", meeting_id="m1", inbrenger_id=BAS, title="t", updated_at=FROZEN)
    assert work.inbrenger_of([case], "c1") == BAS and work.inbrenger_of([case], "") == ""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hoe kan ik bereiken dat de moeder weer komt?", "oplossingsgericht"),
        ("Hoe zeg ik tegen een collega dat het zo niet kan?", "clinic"),
        ("Hoe ga ik om met mijn irritatie over een collega die alles overneemt?", "kernkwadranten"),
        ("Hoe kan ik loslaten dat ik alles perfect moet doen?", "ret"),
        ("Is het verantwoord om het dossier te sluiten? Een ethisch dilemma.", "socratisch"),
        ("Hoe kan ik omgaan met wat dit gezin bij me raakt?", "balint"),
        ("Ik zit vast: steeds weer hetzelfde gesprek.", "roddel"),
        ("Welke regel geldt voor het delen van informatie?", "vijfstappen"),
        ("How can I tell my colleague that this has to stop?", "clinic"),
    ],
)
def test_the_chooser_suggests_the_method_that_fits_the_question(question: str, expected: str) -> None:
    """docs/METHODS.md's guidance: the method named for a kind of question comes first."""
    assert suggest(question, LIBRARY.methods)[0] == expected


def test_no_suggestion_without_cues_or_for_methods_that_are_not_there() -> None:
    assert suggest("Een vraag zonder aanwijzingen?", LIBRARY.methods) == []
    assert suggest("Hoe kan ik bereiken dat het lukt?", ["roddel"]) == []
