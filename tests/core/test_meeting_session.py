"""The meeting session: every operation of the meeting screen, without an app.

Each operation answers with a Change: the records to save, a notice, a dialog to open, the input
line to open or close. An operation that cannot act answers with a notice that says why and
changes nothing (never silently nothing).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from intervisie_tui.core import meeting as flow
from intervisie_tui.core import rounds, session_rounds
from intervisie_tui.core.meeting_records import MeetingRecords
from intervisie_tui.core.meeting_session import MeetingSession
from intervisie_tui.core.methods import Activity, load_shipped
from intervisie_tui.core.model import (
    Case,
    CaseSlot,
    CaseStatus,
    Group,
    Meeting,
    MeetingStatus,
    Member,
    NextPlan,
    PhaseStatus,
    Question,
    Round,
)
from intervisie_tui.core.session_change import Ask, Change, Focus, InputPurpose
from tests.conftest import FROZEN

LIBRARY = load_shipped()
AYA, BAS, COR = "aya", "bas", "cor"
MEMBERS = [Member(id=m, group_id="g", name=m.capitalize(), updated_at=FROZEN) for m in (AYA, BAS, COR)]
GROUP = Group(id="g", name="Noord", updated_at=FROZEN)


def later(minutes: float = 1) -> object:
    return FROZEN + timedelta(minutes=minutes)


def make(
    *,
    started: bool = True,
    slots: tuple[CaseSlot, ...] = (),
    cases: list[Case] | None = None,
    previous: list[Case] | None = None,
    supervised: bool = False,
) -> MeetingSession:
    """A session on a new meeting of three members; started (in check-in) unless asked otherwise."""
    meeting = flow.new_meeting("g", date(2026, 11, 22), LIBRARY, FROZEN, planned_start=FROZEN, supervised=supervised)
    if slots:
        meeting = flow.set_slots(meeting, LIBRARY, slots, FROZEN)
    if started:
        meeting = flow.start(meeting, FROZEN)
    records = MeetingRecords(
        members=list(MEMBERS), present=[AYA, BAS, COR], cases=list(cases or []), previous_cases=list(previous or [])
    )
    return MeetingSession(meeting, GROUP, [], LIBRARY, records)


def go_to(session: MeetingSession, key: str) -> None:
    """Make the phase with ``key`` current (through the session, as the N key would)."""
    while session.meeting.phases[session.meeting.current].key != key:
        assert session.next_phase(FROZEN).saved, key


def a_case(
    case_id: str = "c1", *, inbrenger: str = BAS, status: CaseStatus = CaseStatus.CANDIDATE, votes: int = 0
) -> Case:
    return Case(
        id=case_id,
        meeting_id="m",
        inbrenger_id=inbrenger,
        title=f"Casus {case_id}",
        question="Hoe kan ik rustig blijven?",
        status=status,
        votes=votes,
        updated_at=FROZEN,
    )


def refused(change: Change) -> bool:
    """An answer that changed nothing and says why."""
    return bool(change.notice) and change.warning and not change.acted


KERN = (CaseSlot(method_id="kernkwadranten", case_id="c1"),)


# -- phases and the clock ---------------------------------------------------------------------------


def test_n_starts_a_planned_meeting_then_moves_phase_by_phase() -> None:
    session = make(started=False)
    change = session.next_phase(FROZEN)
    assert session.meeting.status is MeetingStatus.RUNNING and change.saved == (session.meeting,)
    assert change.close_input and change.focus == Focus()
    change = session.next_phase(later())
    assert session.meeting.current == 1 and change.saved == (session.meeting,)


def test_back_and_skip_move_and_say_why_at_the_ends() -> None:
    session = make()
    assert refused(change := session.previous_phase(FROZEN)) and "eerste fase" in change.notice
    assert session.skip(FROZEN).saved
    assert session.meeting.current == 1 and session.meeting.phases[0].status is PhaseStatus.SKIPPED
    assert session.previous_phase(later()).saved and session.meeting.current == 0


def test_n_in_the_last_phase_asks_to_end_the_meeting_and_yes_ends_it() -> None:
    session = make()
    go_to(session, "closing")
    change = session.next_phase(later())
    assert change.request is not None and change.request.ask is Ask.FINISH and not change.saved
    change = session.finish(later(2))
    assert session.meeting.status is MeetingStatus.CLOSED and change.saved == (session.meeting,)
    assert "afgerond" in change.notice


def test_finishing_past_the_plan_asks_whether_the_overrun_counts() -> None:
    session = make()
    change = session.finish(FROZEN + timedelta(hours=5))
    assert change.request is not None and change.request.ask is Ask.OVERRUN and change.request.subject > 0
    assert session.confirm_overrun(FROZEN + timedelta(hours=5)).saved == (session.meeting,)
    assert session.meeting.overrun_confirmed


def test_phase_keys_of_a_closed_or_planned_meeting_say_why() -> None:
    planned = make(started=False)
    for change in (planned.previous_phase(FROZEN), planned.skip(FROZEN), planned.ask_finish()):
        assert refused(change) and "nog niet begonnen" in change.notice
    closed = make()
    closed.finish(FROZEN)
    for change in (
        closed.next_phase(FROZEN),
        closed.toggle_pause(FROZEN),
        closed.extend(1, FROZEN),
        closed.ask_finish(),
        closed.ask_method(),
    ):
        assert refused(change) and "afgelopen" in change.notice


def test_space_pauses_and_resumes_and_starts_a_planned_meeting() -> None:
    session = make(started=False)
    assert session.toggle_pause(FROZEN).saved and session.meeting.status is MeetingStatus.RUNNING
    assert session.toggle_pause(later()).saved and session.meeting.paused_at is not None
    assert session.toggle_pause(later(2)).saved and session.meeting.paused_at is None


def test_minutes_are_added_and_taken_but_a_phase_keeps_one_minute() -> None:
    session = make()
    assert session.extend(1, FROZEN).saved
    assert session.meeting.phases[0].extra_minutes == 1
    for _ in range(20):
        session.extend(-1, FROZEN)
    change = session.extend(-1, FROZEN)
    assert refused(change) and "minstens één minuut" in change.notice


def test_the_scale_moves_only_on_a_scale_board_and_stops_at_its_ends() -> None:
    session = make(slots=(CaseSlot(method_id="oplossingsgericht", case_id="c1"),))
    assert refused(change := session.scale(1, FROZEN)) and "geen schaal" in change.notice
    go_to(session, "case1.schaalvraag")
    assert session.scale(1, FROZEN).saved and session.meeting.phases[session.meeting.current].scale_value == 5
    for _ in range(6):
        session.scale(1, FROZEN)
    assert refused(change := session.scale(1, FROZEN)) and "eind van de schaal" in change.notice


def test_checkpoint_banks_a_running_clock_and_nothing_else() -> None:
    session = make()
    change = session.checkpoint(later(2))
    assert change.saved == (session.meeting,) and not change.redraw
    assert session.meeting.clock_started_at == later(2)
    assert make(started=False).checkpoint(FROZEN) == Change(redraw=False)


# -- a meeting found still running -------------------------------------------------------------------


def test_reopening_the_next_day_asks_what_happened_and_holds_the_clock() -> None:
    session = make()
    change = session.reopen(FROZEN + timedelta(days=1), restarted=True)
    assert change.request is not None and change.request.ask is Ask.RESUME and not change.saved
    assert session.meeting.clock_started_at is None  # held where it last ran, in memory
    assert session.continue_now(FROZEN + timedelta(days=1)).saved == (session.meeting,)


def test_the_answer_ended_closes_the_meeting_when_its_clock_last_ran() -> None:
    session = make()
    session.reopen(FROZEN + timedelta(days=1), restarted=True)
    change = session.ended_at(FROZEN, FROZEN + timedelta(days=1), "gisteren")
    assert session.meeting.status is MeetingStatus.CLOSED and "gisteren" in change.notice


def test_reopening_after_a_short_stop_resumes_without_saving_at_once() -> None:
    session = make()
    halted = flow.halt(session.meeting, FROZEN)
    session.meeting = halted
    change = session.reopen(later(5), restarted=True)
    assert change.request is None and not change.saved and session.meeting is not halted


# -- method, chair, cues ---------------------------------------------------------------------------


def test_m_asks_for_the_method_and_the_slots_chosen_are_saved_with_the_cases() -> None:
    case = a_case()
    session = make(cases=[case])
    assert session.ask_method().request.ask is Ask.METHOD  # type: ignore[union-attr]
    change = session.set_slots(KERN, FROZEN)
    assert session.meeting in change.saved and any(isinstance(record, Case) for record in change.saved)
    assert session.records.cases[0].status is CaseStatus.CHOSEN


def test_the_chair_is_handed_for_a_phase_or_the_meeting() -> None:
    session = make()
    assert session.ask_chair().request.ask is Ask.CHAIR  # type: ignore[union-attr]
    assert session.hand_chair(False, AYA, FROZEN).saved
    assert session.chair_text() == "voorzitter Aya"
    assert session.hand_chair(True, BAS, FROZEN).saved
    assert make(started=False).ask_chair().request is not None  # a planned meeting has phases to chair


def test_cues_switch_with_a_notice_and_start_on_in_a_self_run_meeting() -> None:
    session = make()
    assert session.show_prompts
    assert "uit" in session.toggle_prompts().notice and not session.show_prompts
    assert not make(supervised=True).show_prompts


def test_earlier_notes_and_the_balance_open_their_dialogs() -> None:
    session = make()
    assert session.ask_earlier_notes().request.ask is Ask.EARLIER_NOTES  # type: ignore[union-attr]
    assert session.ask_balance(FROZEN).request.ask is Ask.BALANCE  # type: ignore[union-attr]


# -- notes ----------------------------------------------------------------------------------


def note_phase() -> MeetingSession:
    session = make(slots=KERN, cases=[a_case()])
    go_to(session, "case1.kwadrant")
    return session


def test_a_opens_the_note_line_and_enter_keeps_the_note_in_its_column() -> None:
    session = note_phase()
    change = session.add("kwaliteit", None, FROZEN)
    assert change.input is not None and change.input.purpose is InputPurpose.ADD_NOTE
    assert change.input.column == "kwaliteit" and session.editing == change.input
    change = session.submit("Betrokken\nen zorgvuldig", None, FROZEN, room_view=False)
    [note] = session.notes
    assert change.saved == (note,) and change.close_input and change.focus == Focus("kwaliteit", note.id)
    assert note.text == "Betrokken\nen zorgvuldig" and session.editing is None


def test_e_edits_the_highlighted_note_and_says_so_when_none_is() -> None:
    session = note_phase()
    session.add("kwaliteit", None, FROZEN)
    session.submit("eerst", None, FROZEN, room_view=False)
    note = session.notes[0]
    assert refused(change := session.edit(None, FROZEN)) and "Er is geen notitie" in change.notice
    change = session.edit(note.id, FROZEN)
    assert change.input is not None and change.input.text == "eerst" and change.input.record_id == note.id
    session.submit("daarna", None, later(), room_view=False)
    assert session.notes[0].text == "daarna"


def test_text_the_store_refuses_stays_in_the_line_with_the_reason() -> None:
    session = note_phase()
    session.add("", None, FROZEN)
    change = session.submit("nul\x00teken", None, FROZEN, room_view=False)
    assert refused(change) and not change.close_input and session.editing is not None and not session.notes


def test_d_deletes_and_u_brings_back_and_both_say_why_when_they_cannot() -> None:
    session = note_phase()
    session.add("", None, FROZEN)
    session.submit("weg", None, FROZEN, room_view=False)
    note = session.notes[0]
    assert refused(session.delete(None, FROZEN))
    assert refused(change := session.undo_delete(FROZEN)) and "niets terug" in change.notice
    change = session.delete(note.id, FROZEN)
    assert change.removed == (note,) and "U" in change.notice and session.notes == []
    change = session.undo_delete(later())
    assert [n.id for n in session.notes] == [note.id] and change.saved


def test_notes_move_within_and_between_columns_and_say_why_at_the_edges() -> None:
    session = note_phase()
    for text in ("een", "twee"):
        session.add("kwaliteit", None, FROZEN)
        session.submit(text, None, FROZEN, room_view=False)
    first = next(note for note in session.notes if note.text == "een")
    assert refused(change := session.move_note(first.id, -1, FROZEN)) and "bovenaan" in change.notice
    assert session.move_note(first.id, 1, FROZEN).saved
    columns = ["kwaliteit", "valkuil", "uitdaging", "allergie"]
    assert session.note_to_column(first.id, columns, 1, FROZEN).focus == Focus("valkuil", first.id)
    assert refused(session.note_to_column(None, columns, 1, FROZEN))
    only = make(slots=KERN)
    go_to(only, "case1.situatie")
    only.add("", None, FROZEN)
    only.submit("x", None, FROZEN, room_view=False)
    assert refused(change := only.note_to_column(only.notes[0].id, [""], 1, FROZEN)) and "kolom" in change.notice


def test_a_note_in_a_round_is_signed_by_the_speaker_and_ends_their_turn() -> None:
    session = make()  # check-in: a round of turns with notes
    session.add("", None, FROZEN)
    change = session.submit("moe maar blij", None, FROZEN, room_view=False)
    assert any(isinstance(record, Round) for record in change.saved)
    assert session.notes[0].author_id == AYA
    assert rounds.current_speaker(session.records.rounds["checkin"]) == BAS


def test_escape_closes_the_line_and_keeps_nothing() -> None:
    session = note_phase()
    session.add("", None, FROZEN)
    change = session.cancel_input()
    assert change.close_input and session.editing is None and not change.saved
    assert refused(session.submit("te laat", None, FROZEN, room_view=False))


def test_a_note_without_phases_is_refused() -> None:
    session = make()
    session.meeting = Meeting(id="m", group_id="g", held_on=date(2026, 11, 22), updated_at=FROZEN)
    assert refused(change := session.add("", None, FROZEN)) and "geen fasen" in change.notice


# -- turns ----------------------------------------------------------------------------------


def test_turns_go_round_and_say_why_when_the_round_is_complete() -> None:
    session = make()
    assert refused(change := session.undo_turn(FROZEN)) and "terug te nemen" in change.notice
    for _ in range(3):
        assert session.next_turn(FROZEN).saved
    assert refused(change := session.next_turn(FROZEN)) and "rond" in change.notice
    assert refused(session.pass_turn(FROZEN))
    assert session.undo_turn(FROZEN).saved


def test_shuffle_only_before_the_first_turn() -> None:
    session = make()
    assert session.shuffle(FROZEN).saved
    session.next_turn(FROZEN)
    assert refused(change := session.shuffle(later())) and "eerste beurt" in change.notice


def test_round_keys_in_a_phase_without_a_round_say_so() -> None:
    session = make()
    go_to(session, "lookback")
    assert refused(change := session.next_turn(FROZEN)) and "geen ronde" in change.notice
    assert session.applies("next_turn", FROZEN) is False and session.applies("next_phase", FROZEN) is None


# -- the question round --------------------------------------------------------------------------


def question_round() -> MeetingSession:
    session = make(slots=KERN, cases=[a_case(inbrenger=BAS)])
    go_to(session, "case1.vragen")
    return session


def test_a_in_the_question_round_asks_a_question_the_coach_doubts_softly() -> None:
    session = question_round()
    change = session.add("", None, FROZEN)
    assert change.input is not None and change.input.purpose is InputPurpose.QUESTION
    change = session.submit("Heb je al eens geprobeerd te bellen?", None, FROZEN, room_view=False)
    [question] = session.records.questions
    assert question in change.saved and question.kind == "advice" and "advies" in session.coach
    assert not change.notice  # the coach's remark is a line of its own, not a passing notice
    session.add("", None, FROZEN)
    session.submit("Heb je al eens geprobeerd te mailen?", None, FROZEN, room_view=True)
    assert session.coach == ""  # never in the room's view
    session.add("", None, FROZEN)
    session.submit("Heb je al eens geprobeerd te bellen?", None, FROZEN, room_view=False)
    assert session.coach and session.next_phase(FROZEN).saved and session.coach == ""  # gone with the phase


def test_questions_are_corrected_marked_and_their_kind_changed_or_say_why() -> None:
    session = question_round()
    session.add("", None, FROZEN)
    session.submit("Wat deed je toen?", None, FROZEN, room_view=False)
    question = session.records.questions[0]
    for change in (session.edit(None, FROZEN), session.mark_question(None, FROZEN), session.cycle_kind(None, FROZEN)):
        assert refused(change)
    change = session.edit(question.id, FROZEN)
    assert change.input is not None and change.input.purpose is InputPurpose.EDIT_QUESTION
    session.submit("Wat deed je daarna?", None, later(), room_view=False)
    assert session.records.questions[0].text == "Wat deed je daarna?"
    assert session.mark_question(question.id, FROZEN).saved and session.records.questions[0].mark
    assert session.cycle_kind(question.id, FROZEN).saved and session.records.questions[0].kind_by_chair
    assert session.toggle_verdicts().redraw and not session.verdicts_visible(False)


def test_a_question_is_deleted_and_the_asker_keeps_the_turn_taken() -> None:
    session = question_round()
    for _ in range(2):
        session.add("", None, FROZEN)
        session.submit("Wat voelde je?", None, FROZEN, room_view=False)
    turns = len(session.records.rounds["case1.vragen"].turns)
    change = session.delete(session.records.questions[0].id, FROZEN)
    assert isinstance(change.removed[0], Question) and len(session.records.questions) == 1
    assert len(session.records.rounds["case1.vragen"].turns) == turns and change.notice


def test_a_in_a_complete_round_says_so() -> None:
    session = make()
    go_to(session, "inventory")
    for _ in range(3):
        session.pass_turn(FROZEN)
    assert refused(change := session.add("", None, FROZEN)) and "rond" in change.notice


# -- inventory, choice -----------------------------------------------------------------------


def test_the_inventory_takes_candidates_through_their_form() -> None:
    session = make()
    go_to(session, "inventory")
    change = session.add("", None, FROZEN)
    assert change.request is not None and change.request.ask is Ask.CANDIDATE and change.request.subject is None
    change = session_rounds.candidate(
        session, {"title": "Ruzie", "question": "Hoe kan ik kalm blijven?", "urgency": "2"}, FROZEN
    )
    [case] = session.records.cases
    assert case in change.saved and case.urgency == 2
    change = session.edit(case.id, FROZEN)
    assert change.request is not None and change.request.subject == case
    session_rounds.candidate_changed(session, case, {"title": "Ruzie!", "question": "", "urgency": "9"}, FROZEN)
    assert session.records.cases[0].title == "Ruzie!" and session.records.cases[0].urgency == 3


def test_votes_order_and_choice_say_why_when_nothing_is_highlighted() -> None:
    first, second = a_case("c1"), a_case("c2", inbrenger=COR)
    session = make(cases=[first, second])
    go_to(session, "choice")
    assert refused(session.vote(None, 1, FROZEN)) and refused(session.choose_case(None, FROZEN))
    assert refused(change := session.vote(first.id, -1, FROZEN)) and "geen stemmen" in change.notice
    assert session.vote(second.id, 1, FROZEN).saved
    assert "urgentie" in session.order_cases().notice
    change = session.choose_case(second.id, FROZEN)
    assert session.meeting in change.saved and "M" in change.notice
    assert session.records.cases[1].status is CaseStatus.CHOSEN
    assert refused(change := session.delete(second.id, FROZEN)) and "gekozen casus" in change.notice
    assert refused(change := session.add("", None, FROZEN)) and "B" in change.notice


# -- feedback and closing -----------------------------------------------------------------------


def test_tops_and_tips_then_the_presenter_takes_something_along() -> None:
    session = make(slots=KERN, cases=[a_case(inbrenger=BAS)])
    go_to(session, "case1.tops_tips")
    change = session.add("", None, FROZEN)
    assert change.request is not None and change.request.ask is Ask.FEEDBACK
    for _ in range(2):  # Aya and Cor give feedback; Bas brought the case
        session_rounds.feedback(session, {"top": "goed", "tip": "korter"}, FROZEN)
    assert len(session.records.feedback) == 2
    change = session.add("", None, FROZEN)
    assert change.input is not None and change.input.purpose is InputPurpose.TAKEAWAY
    session.submit("Eerst luisteren", None, FROZEN, room_view=False)
    assert session.records.cases[0].takeaway == "Eerst luisteren"


def test_the_closing_round_takes_evaluations_then_plans_the_next_meeting() -> None:
    session = make()
    session.hand_chair(True, AYA, FROZEN)
    go_to(session, "closing")
    change = session.add("", None, FROZEN)
    assert change.request is not None and change.request.ask is Ask.EVALUATION and change.request.subject == ("", None)
    session_rounds.evaluation(
        session,
        {
            "takeaway": "rust",
            "rating": "8",
            "method_rating": "",
            "safety_rating": "",
            "yield_rating": "",
            "time_rating": "",
        },
        FROZEN,
    )
    change = session.add("", None, FROZEN)  # Bas speaks; Aya chaired
    assert change.request is not None and change.request.subject == ("Aya", None)
    for _ in range(2):
        session_rounds.evaluation(
            session, {"takeaway": "x", "rating": "7", "chair_top": "helder", "chair_tip": ""}, FROZEN
        )
    assert len(session.records.evaluations) == 3 and len(session.records.feedback) == 2
    change = session.add("", None, FROZEN)
    assert change.request is not None and change.request.ask is Ask.NEXT_PLAN
    plan = NextPlan(on=date(2027, 1, 14), chair_id=BAS)
    change = session_rounds.next_plan(session, plan, FROZEN)
    assert session.meeting.next_plan == plan and change.saved == (session.meeting,) and change.notice


def test_the_look_back_without_an_earlier_case_says_so_instead_of_doing_nothing() -> None:
    """In the first meeting's look-back A used to do nothing at all, so the next typed letters ran as keys."""
    session = make()
    go_to(session, "lookback")
    assert session.activity() is Activity.LOOKBACK
    assert refused(change := session.add("", None, FROZEN)) and "eerdere bijeenkomst" in change.notice
    earlier = a_case("oud", status=CaseStatus.DONE)
    with_case = make(previous=[earlier])
    go_to(with_case, "lookback")
    assert refused(with_case.add("", None, FROZEN))
    change = with_case.add("", earlier.id, FROZEN)
    assert change.input is not None and change.input.purpose is InputPurpose.OUTCOME
    change = with_case.submit("Het ging goed", None, FROZEN, room_view=False)
    assert with_case.records.previous_cases[0].outcome == "Het ging goed" and change.saved


def test_a_round_form_answered_after_its_round_went_keeps_nothing_and_says_so() -> None:
    session = make()
    go_to(session, "lookback")  # no round here
    assert refused(session_rounds.candidate(session, {"title": "t", "question": "", "urgency": ""}, FROZEN))
    assert refused(session_rounds.feedback(session, {"top": "t", "tip": "t"}, FROZEN))
    assert refused(session_rounds.evaluation(session, {"takeaway": ""}, FROZEN))


@pytest.mark.parametrize("key", ["next_turn", "mark_question", "vote", "plan_next", "next_phase"])
def test_which_round_keys_apply_follows_the_phase(key: str) -> None:
    session = question_round()
    expected = {"next_turn": True, "mark_question": True, "vote": False, "plan_next": False, "next_phase": None}
    assert session.applies(key, FROZEN) is expected[key]


# -- issue 17: the meeting without traps ------------------------------------------------------------


def test_the_case_stays_in_view_with_its_presenter_and_question() -> None:
    session = make(slots=KERN, cases=[a_case(inbrenger=BAS)])
    assert session.case_line() == ""  # check-in: no case yet
    go_to(session, "case1.situatie")
    assert session.case_line() == "Vraag van Bas: Hoe kan ik rustig blijven?"
    go_to(session, "case1.evaluatie")
    assert "Bas" in session.case_line()
    go_to(session, "closing")
    assert session.case_line() == ""


def test_changing_the_method_of_a_worked_case_asks_first_and_keeps_time_and_notes() -> None:
    session = make(slots=KERN, cases=[a_case()])
    assert session.ask_method().request.subject is None  # type: ignore[union-attr]  # nothing worked yet
    go_to(session, "case1.kwadrant")
    session.add("kwaliteit", None, FROZEN)
    session.submit("Betrokken", None, FROZEN, room_view=False)
    before = flow_seconds(session, later(10))
    request = session.ask_method().request
    assert request is not None and "notities" in request.subject
    session.set_slots((CaseSlot(method_id="oplossingsgericht", case_id="c1"),), later(10))
    assert flow_seconds(session, later(10)) == pytest.approx(before)
    assert [phase.key for phase in session.meeting.retired] == ["case1.kwadrant"]  # the phase with time on it
    assert [note.text for note in session.notes] == ["Betrokken"]


def flow_seconds(session: MeetingSession, now) -> float:
    from intervisie_tui.core.meeting_time import clock_seconds

    return clock_seconds(session.meeting, now)


def test_a_recorded_top_and_tip_and_a_closing_turn_can_be_corrected() -> None:
    session = make(slots=KERN, cases=[a_case(inbrenger=BAS)])
    go_to(session, "case1.tops_tips")
    session_rounds.feedback(session, {"top": "goed", "tip": "korter"}, FROZEN)
    item = session.records.feedback[0]
    change = session.edit(item.id, FROZEN)
    assert change.request is not None and change.request.ask is Ask.FEEDBACK and change.request.subject == item
    session_rounds.feedback_changed(session, item, {"top": "heel goed", "tip": "korter"}, later())
    assert session.records.feedback[0].top == "heel goed" and len(session.records.feedback) == 1
    assert session.edit("takeaway", FROZEN).input.purpose is InputPurpose.TAKEAWAY  # type: ignore[union-attr]
    session.hand_chair(True, AYA, FROZEN)
    go_to(session, "closing")
    session.next_turn(FROZEN)  # Aya (the chair) passes her turn on; Bas speaks
    session_rounds.evaluation(
        session, {"takeaway": "rust", "rating": "7", "chair_top": "helder", "chair_tip": ""}, FROZEN
    )
    evaluated = session.records.evaluations[0]
    change = session.edit(evaluated.id, FROZEN)
    assert change.request is not None and change.request.subject == ("Aya", evaluated)
    values = {"takeaway": "meer rust", "rating": "8", "chair_top": "heel helder", "chair_tip": "korter"}
    session_rounds.evaluation_changed(session, evaluated, values, later())
    assert session.records.evaluations[0].takeaway == "meer rust" and session.records.evaluations[0].rating == 8
    [to_chair] = [item for item in session.records.feedback if item.about.value == "chair"]
    assert (to_chair.top, to_chair.tip) == ("heel helder", "korter")


def test_who_is_here_an_absent_member_is_skipped_and_a_late_one_joins() -> None:
    from intervisie_tui.core.attendance_edit import record_of, with_presence, with_times

    session = make()  # check-in, a round of Aya, Bas, Cor
    assert session.ask_attendance().request.ask is Ask.ATTENDANCE  # type: ignore[union-attr]
    assert session.phase_round(FROZEN).order == (AYA, BAS, COR)  # type: ignore[union-attr]  # under way
    absent = with_presence(record_of([], session.meeting, COR, FROZEN), False, FROZEN)
    change = session.attendance_changed([absent], FROZEN)
    assert absent in change.saved and session.records.present == [AYA, BAS]
    round_ = session.records.rounds["checkin"]
    assert COR in round_.absent
    session.next_turn(FROZEN)
    session.next_turn(FROZEN)
    assert rounds.is_complete(session.records.rounds["checkin"])  # Cor is not waited for
    go_to(session, "inventory")
    assert COR not in session.phase_round(FROZEN).order  # type: ignore[union-attr]
    late = with_times(absent, later(20), None, later(20))
    session.attendance_changed([late], later(20))
    assert COR in session.records.present
    assert COR in session.phase_round(later(20)).order  # type: ignore[union-attr]


def test_someone_leaving_early_leaves_the_round_under_way() -> None:
    from intervisie_tui.core.attendance_edit import record_of, with_times

    session = make()
    session.phase_round(FROZEN)  # the check-in under way
    leaving = with_times(record_of([], session.meeting, AYA, FROZEN), None, later(5), later(5))
    session.attendance_changed([leaving], later(5))
    assert AYA in session.records.rounds["checkin"].absent and AYA not in session.records.present


def test_the_meeting_begins_with_a_word_on_who_is_here() -> None:
    change = make(started=False).next_phase(FROZEN)
    assert "T" in change.notice and not change.warning


def test_choosing_a_case_asks_its_theme_for_the_minutes_and_enter_keeps_it() -> None:
    session = make(cases=[a_case("c1")])
    go_to(session, "choice")
    change = session.choose_case("c1", FROZEN)
    assert change.input is not None and change.input.purpose is InputPurpose.THEME
    assert change.input.record_id == "c1" and session.editing == change.input
    change = session.submit("  Grenzen stellen bij  een moeder ", None, later(), room_view=False)
    [case] = session.records.cases
    assert case.theme == "Grenzen stellen bij een moeder" and change.saved == (case,) and change.close_input


def test_a_board_note_is_marked_for_the_minutes_and_unmarked_and_says_so() -> None:
    session = note_phase()
    session.add("kwaliteit", None, FROZEN)
    session.submit("Betrokkenheid", None, FROZEN, room_view=False)
    [note] = session.notes
    assert refused(session.keep_in_minutes(None, FROZEN))
    change = session.keep_in_minutes(note.id, later())
    [marked] = session.notes
    assert marked.in_minutes and change.saved == (marked,) and "verslag" in change.notice
    change = session.keep_in_minutes(note.id, later(2))
    assert not session.notes[0].in_minutes and "buiten het verslag" in change.notice


def test_marking_the_chair_absent_says_how_to_hand_the_chair_over() -> None:
    from intervisie_tui.core.attendance_edit import record_of, with_presence

    session = make()
    session.meeting = replace(session.meeting, chair_id=COR)
    absent = with_presence(record_of([], session.meeting, COR, FROZEN), False, FROZEN)
    change = session.attendance_changed([absent], FROZEN)
    assert change.warning and "Cor" in change.notice and "L" in change.notice and absent in change.saved
    here = with_presence(record_of([], session.meeting, BAS, FROZEN), True, FROZEN)
    assert not session.attendance_changed([here], FROZEN).notice  # Bas is here: nothing to say
