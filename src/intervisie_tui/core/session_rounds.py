"""A, E and D in a round phase, and what a turn's dialog gives back: functions of a meeting session.

What a turn records depends on the phase: a check-in line or a note (on the whiteboard), a
candidate case, a question, a top and a tip, a closing turn, the next meeting, how an earlier
case's next step went. Each function answers with a
:class:`~intervisie_tui.core.session_change.Change`, or None where A, E or D mean a whiteboard
note instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from intervisie_tui.core import round_work as work
from intervisie_tui.core import rounds
from intervisie_tui.core.chair_handover import chairs_of, feedback_to_chair
from intervisie_tui.core.meeting_records import replaced
from intervisie_tui.core.methods import Activity
from intervisie_tui.core.model import (
    Case,
    CaseStatus,
    Evaluation,
    FeedbackAbout,
    FeedbackItem,
    NextPlan,
    Question,
    touch,
)
from intervisie_tui.core.questions import OPEN, classify
from intervisie_tui.core.sanitize import TextRejected
from intervisie_tui.core.session_change import Ask, Change, InputPurpose, InputRequest, Request, refused
from intervisie_tui.i18n import N_, _, current_language

if TYPE_CHECKING:
    from intervisie_tui.core.meeting_session import MeetingSession

RECORD_ACTIVITIES = frozenset(
    {Activity.QUESTIONS, Activity.INVENTORY, Activity.CHOICE, Activity.FEEDBACK, Activity.CLOSING, Activity.LOOKBACK}
)
"""Phases that list records (questions, candidates, …) instead of showing the whiteboard."""

NO_SELECTION = N_("No line is highlighted: ↑/↓ choose one.")


def member_chair(session: MeetingSession) -> str:
    """The member who chaired the meeting (or a phase of it, when nobody chaired the whole); "" for none."""
    chairs = chairs_of(session.meeting)
    return chairs[0] if chairs else ""


def _previous_case(session: MeetingSession, selected: str | None) -> Case | None:
    return next((case for case in session.records.previous_cases if case.id == selected), None)


def add(session: MeetingSession, selected: str | None, now: datetime) -> Change | None:
    """A in a phase with records: the current speaker's contribution; None when A means a note."""
    activity = session.activity()
    round_ = session.phase_round(now)
    speaking = round_ is not None and rounds.can_contribute(round_)
    if activity is Activity.QUESTIONS and speaking:
        return session.open_input(InputRequest(InputPurpose.QUESTION, "", _("Question — Enter keeps it, Esc cancels")))
    if activity is Activity.INVENTORY and speaking:
        return Change(request=Request(Ask.CANDIDATE), redraw=False)
    if activity is Activity.FEEDBACK and speaking:
        return Change(request=Request(Ask.FEEDBACK), redraw=False)
    if activity is Activity.FEEDBACK:
        case = session.phase_case()
        if case is None:
            return refused(_("This phase has no case to take something from."))
        return session.open_input(
            InputRequest(InputPurpose.TAKEAWAY, case.takeaway, _("The presenter: what do I take with me?"))
        )
    if activity is Activity.CLOSING and speaking:
        assert round_ is not None
        chair, speaker = member_chair(session), rounds.current_speaker(round_)
        chair_name = session.member_names().get(chair, "") if chair and chair != speaker else ""
        return Change(request=Request(Ask.EVALUATION, (chair_name, None)), redraw=False)
    if activity is Activity.CLOSING:
        return ask_next_plan(session)
    if activity is Activity.LOOKBACK:
        return _look_back(session, selected)
    if activity is Activity.CHOICE:
        return refused(_("Cases are brought in during the inventory: press B to go back to it."))
    if activity in (Activity.QUESTIONS, Activity.INVENTORY):
        return refused(_("The round is complete. Press Z to take a turn back, or N for the next phase."))
    return None


def _look_back(session: MeetingSession, selected: str | None) -> Change:
    if not session.records.previous_cases:
        return refused(_("There is no case of an earlier meeting to look back on: N goes on."))
    case = _previous_case(session, selected)
    if case is None:
        return refused(_(NO_SELECTION))
    return session.open_input(
        InputRequest(InputPurpose.OUTCOME, case.outcome, _("How did the next step go?"), record_id=case.id)
    )


def edit(session: MeetingSession, selected: str | None, now: datetime) -> Change | None:
    """E on a round's record; None when E means a note."""
    activity = session.activity()
    if activity is Activity.QUESTIONS:
        question = _question(session, selected)
        if question is None:
            return refused(_(NO_SELECTION))
        return session.open_input(
            InputRequest(
                InputPurpose.EDIT_QUESTION,
                question.text,
                _("Edit the question — Enter keeps it"),
                record_id=question.id,
            )
        )
    if activity in (Activity.INVENTORY, Activity.CHOICE):
        case = _case(session, selected)
        if case is None:
            return refused(_(NO_SELECTION))
        return Change(request=Request(Ask.CANDIDATE, case), redraw=False)
    if activity is Activity.FEEDBACK:
        return _correct_feedback(session, selected, now)
    if activity is Activity.CLOSING:
        return _correct_evaluation(session, selected, now)
    if activity is Activity.LOOKBACK:
        return add(session, selected, now)
    return None


TAKEAWAY_LINE = "takeaway"
"""The record id of the presenter's takeaway line in the list of tops and tips."""


def _correct_feedback(session: MeetingSession, selected: str | None, now: datetime) -> Change:
    """E in tops and tips: the highlighted top and tip, or the presenter's takeaway, in its form again."""
    if selected == TAKEAWAY_LINE:
        case = session.phase_case()
        if case is None:
            return refused(_("This phase has no case to take something from."))
        return session.open_input(
            InputRequest(InputPurpose.TAKEAWAY, case.takeaway, _("The presenter: what do I take with me?"))
        )
    item = next((item for item in session.records.feedback if item.id == selected), None)
    if item is None:
        return refused(_(NO_SELECTION))
    return Change(request=Request(Ask.FEEDBACK, item), redraw=False)


def _correct_evaluation(session: MeetingSession, selected: str | None, now: datetime) -> Change:
    """E in the closing round: the highlighted closing turn in its form again (with its top and tip for the chair)."""
    evaluated = next((item for item in session.records.evaluations if item.id == selected), None)
    if evaluated is None:
        return refused(_(NO_SELECTION))
    chair = member_chair(session)
    chair_name = session.member_names().get(chair, "") if chair and chair != evaluated.member_id else ""
    return Change(request=Request(Ask.EVALUATION, (chair_name, evaluated)), redraw=False)


def to_chair_from(session: MeetingSession, giver_id: str) -> FeedbackItem | None:
    """The top and tip ``giver_id`` gave the chair in this meeting."""
    return next(
        (
            item
            for item in session.records.feedback
            if item.giver_id == giver_id and item.about is FeedbackAbout.CHAIR and item.meeting_id == session.meeting.id
        ),
        None,
    )


def delete(session: MeetingSession, selected: str | None) -> Change | None:
    """D on a round's record: it is removed (the turn it took stays counted); None when D means a note."""
    if session.activity() not in RECORD_ACTIVITIES - {Activity.LOOKBACK}:
        return None
    records = session.records
    for name in ("questions", "cases", "feedback", "evaluations"):
        found = getattr(records, name)
        record = next((record for record in found if record.id == selected), None)
        if record is None:
            continue
        if getattr(record, "status", None) is CaseStatus.CHOSEN:
            return refused(_("A chosen case is not deleted: choose another case first."))
        setattr(records, name, [other for other in found if other.id != record.id])
        return Change(removed=(record,), notice=_("Deleted."))
    return refused(_(NO_SELECTION))


def _question(session: MeetingSession, selected: str | None) -> Question | None:
    return next((question for question in session.records.questions if question.id == selected), None)


def _case(session: MeetingSession, selected: str | None) -> Case | None:
    return next((case for case in session.records.cases if case.id == selected), None)


def submit_line(session: MeetingSession, text: str, now: datetime, *, room_view: bool) -> Change:
    """The line typed for a round (a question, its correction, the takeaway, how it went)."""
    editing = session.editing
    assert editing is not None
    try:
        change = _kept_line(session, editing, text, now, room_view=room_view)
    except TextRejected as error:
        return refused(error.message())  # the text stays in the field to be corrected
    session.editing = None
    return Change(
        saved=change.saved, notice=change.notice, warning=change.warning, close_input=True, focus=change.focus
    )


def _kept_line(session: MeetingSession, editing: InputRequest, text: str, now: datetime, *, room_view: bool) -> Change:
    purpose = editing.purpose
    if purpose is InputPurpose.QUESTION:
        round_ = session.phase_round(now)
        if round_ is None:
            return refused(_("This phase has no round of questions any more; nothing was kept."))
        round_, question = work.ask(
            round_,
            case_id=session.phase_case_id(),
            text=text,
            lang=current_language(),
            position=len(session.records.questions),
            now=now,
        )
        session.coach = _coach(session, question, room_view=room_view)
        return session.keep(question, round_=round_)
    if purpose is InputPurpose.EDIT_QUESTION:
        asked = _question(session, editing.record_id)
        if asked is None:
            return refused(_("That question is gone; nothing was changed."))
        edited = work.edit_question(asked, text, current_language(), now)
        session.coach = _coach(session, edited, room_view=room_view)
        return session.keep(edited)
    if purpose is InputPurpose.TAKEAWAY:
        case = session.phase_case()
        if case is None:
            return refused(_("This phase has no case to take something from."))
        return session.keep(touch(case, now, takeaway=work.clean_line(text, work.LINE_MAX)))
    if purpose is InputPurpose.THEME:
        chosen = next((case for case in session.records.cases if case.id == editing.record_id), None)
        if chosen is None:
            return refused(_("That case is gone; nothing was changed."))
        return session.keep(touch(chosen, now, theme=work.clean_line(text, work.TITLE_MAX)))
    case = _previous_case(session, editing.record_id)
    if case is None:
        return refused(_("That case is gone; nothing was changed."))
    updated = touch(case, now, outcome=work.clean_line(text, work.LINE_MAX))
    session.records.previous_cases = replaced(session.records.previous_cases, updated)
    return session.keep(updated)


def _coach(session: MeetingSession, question: Question, *, room_view: bool) -> str:
    """The coach's reason, softly, for a question it doubts (never while its verdicts are hidden)."""
    if not session.verdicts_visible(room_view) or question.kind_by_chair or question.kind == OPEN:
        return ""
    return classify(question.text, current_language()).reason + " " + _("(C changes the kind.)")


# -- what a turn's dialog gives back -------------------------------------------------------------


def _round_gone() -> Change:
    return refused(_("This phase has no round any more; nothing was kept."))


def candidate(session: MeetingSession, values: Mapping[str, str], now: datetime) -> Change:
    """A case brought in (title, question, urgency)."""
    round_ = session.phase_round(now)
    if round_ is None:
        return _round_gone()
    round_, case = work.add_candidate(
        round_, title=values["title"], question=values["question"], urgency=int(values["urgency"] or 0), now=now
    )
    return session.keep(case, round_=round_)


def candidate_changed(session: MeetingSession, case: Case, values: Mapping[str, str], now: datetime) -> Change:
    """A candidate case corrected in its form."""
    return session.keep(
        touch(
            case,
            now,
            title=work.clean_line(values["title"], work.TITLE_MAX),
            question=work.clean_line(values["question"], work.LINE_MAX),
            urgency=max(0, min(work.URGENCY_MAX, int(values["urgency"] or 0))),
        )
    )


def feedback(session: MeetingSession, values: Mapping[str, str], now: datetime) -> Change:
    """A top and a tip for the presenter."""
    round_ = session.phase_round(now)
    if round_ is None:
        return _round_gone()
    round_, item = work.give_feedback(
        round_, case_id=session.phase_case_id(), top=values["top"], tip=values["tip"], now=now
    )
    return session.keep(item, round_=round_)


def evaluation(session: MeetingSession, values: Mapping[str, str], now: datetime) -> Change:
    """A closing turn: what I take with me, marks, and a top and a tip for a member chair."""
    round_ = session.phase_round(now)
    if round_ is None:
        return _round_gone()
    ratings = {key: work.parse_rating(value) for key, value in values.items() if key.endswith("rating")}
    giver = rounds.current_speaker(round_) or ""
    round_, evaluated = work.evaluate(
        round_, takeaway=values["takeaway"], ratings=ratings, now=now, goal_review=values.get("goal_review", "")
    )
    to_chair = feedback_to_chair(
        round_.meeting_id,
        giver,
        member_chair(session),
        top=values.get("chair_top", ""),
        tip=values.get("chair_tip", ""),
        now=now,
    )
    return session.keep(*(record for record in (evaluated, to_chair) if record is not None), round_=round_)


def feedback_changed(session: MeetingSession, item: FeedbackItem, values: Mapping[str, str], now: datetime) -> Change:
    """A top and a tip corrected in their form."""
    return session.keep(
        touch(
            item,
            now,
            top=work.clean_line(values["top"], work.LINE_MAX),
            tip=work.clean_line(values["tip"], work.LINE_MAX),
        )
    )


def evaluation_changed(
    session: MeetingSession, evaluated: Evaluation, values: Mapping[str, str], now: datetime
) -> Change:
    """A closing turn corrected in its form; its top and tip for the chair follow (made, changed or emptied)."""
    ratings = {key: work.parse_rating(value) for key, value in values.items() if key.endswith("rating")}
    review = work.clean_line(values.get("goal_review", evaluated.goal_review), work.LINE_MAX)
    changed: list[object] = [
        touch(
            evaluated, now, takeaway=work.clean_line(values["takeaway"], work.LINE_MAX), goal_review=review, **ratings
        )
    ]
    top, tip = values.get("chair_top", ""), values.get("chair_tip", "")
    before = to_chair_from(session, evaluated.member_id)
    if before is not None:
        changed.append(
            touch(before, now, top=work.clean_line(top, work.LINE_MAX), tip=work.clean_line(tip, work.LINE_MAX))
        )
    else:
        made = feedback_to_chair(
            session.meeting.id, evaluated.member_id, member_chair(session), top=top, tip=tip, now=now
        )
        if made is not None:
            changed.append(made)
    return session.keep(*changed)


def ask_next_plan(session: MeetingSession) -> Change:
    """O in the closing round: the next meeting's date, chair and presenter."""
    return Change(request=Request(Ask.NEXT_PLAN), redraw=False)


def next_plan(session: MeetingSession, plan: NextPlan, now: datetime) -> Change:
    """The next meeting as planned in its form."""
    return session.set_meeting(touch(session.meeting, now, next_plan=plan), notice=_("The next meeting is planned."))
