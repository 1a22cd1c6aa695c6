"""The dialogs a meeting session asks for, and where their answers go.

The session answers some keys with a :class:`~intervisie_tui.core.session_change.Request`
(end the meeting?, the method chooser, a form for a turn …). :func:`open_dialog` opens the
dialog for it over the meeting screen and hands the answer back to the session, whose change
the screen applies. Each dialog module is imported when first opened, not at start
(docs/PERFORMANCE.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from intervisie_tui.core import roles, rounds, session_rounds
from intervisie_tui.core.learning_goals import looks_back_on_goals
from intervisie_tui.core.meeting_time import allowed_seconds, ran_seconds
from intervisie_tui.core.methods import Activity
from intervisie_tui.core.model import Case, CaseSlot, Evaluation, FeedbackItem
from intervisie_tui.core.next_meeting import suggested_date
from intervisie_tui.core.roles import ROLES, holder
from intervisie_tui.core.session_change import AT_CHECK_IN, Ask, Request
from intervisie_tui.i18n import _

if TYPE_CHECKING:
    from intervisie_tui.core.meeting_session import MeetingSession
    from intervisie_tui.ui.session.screen import SessionScreen


def open_dialog(screen: SessionScreen, request: Request) -> None:
    """Open the dialog ``request`` asks for over ``screen``."""
    _OPENERS[request.ask](screen, request)


def _now(screen: SessionScreen) -> datetime:
    return screen.app.clock()


def _finish(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.dialogs.confirm import Confirm

    def answered(yes: bool | None) -> None:
        if yes:
            screen.apply(screen.session.finish(_now(screen)))

    screen.app.push_screen(Confirm(_("End the meeting?"), _("The clock stops and the end time is recorded.")), answered)


def _overrun(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.dialogs.confirm import Confirm
    from intervisie_tui.ui.session.resume_question import duration_text

    meeting, now = screen.meeting, _now(screen)
    ran, allowed = ran_seconds(meeting, now), allowed_seconds(meeting) or 0.0
    question = _("The meeting ran {over} longer than planned. Count that time too?").format(
        over=duration_text(request.subject)
    )
    detail = _(
        "The clock ran {ran}; planned, with the minutes added: {planned}. "
        "Yes: {ran} counts in the hours. No: {planned} counts."
    ).format(ran=duration_text(ran), planned=duration_text(allowed))

    def answered(yes: bool | None) -> None:
        if yes:
            screen.apply(screen.session.confirm_overrun(_now(screen)))

    screen.app.push_screen(Confirm(question, detail), answered)


def _resume(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.session.resume_question import CONTINUE, ENDED, ResumeQuestion, moment_words

    last = request.subject

    def answered(answer: str | None) -> None:
        if answer == CONTINUE:
            screen.apply(screen.session.continue_now(_now(screen)))
        elif answer == ENDED:
            screen.apply(screen.session.ended_at(last, _now(screen), moment_words(last)))
        else:
            screen.app.call_later(screen.action_leave)  # decide later: the file stays as it was

    screen.app.push_screen(ResumeQuestion(last), answered)


def _method(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.session.method_chooser import MethodChooser

    session = screen.session

    def chosen(slots: tuple[CaseSlot, ...] | None) -> None:
        if slots is not None:
            screen.apply(session.set_slots(slots, _now(screen)))

    def choose() -> None:
        questions = {case.id: case.question for case in session.records.cases}
        present = len(session.records.present)
        screen.app.push_screen(MethodChooser(session.library, session.meeting.slots, questions, present), chosen)

    if request.subject:  # a case has time or notes: ask first (they are kept either way)
        from intervisie_tui.ui.dialogs.confirm import Confirm

        screen.app.push_screen(Confirm(request.subject, ""), lambda yes: choose() if yes else None)
    else:
        choose()


def _earlier_notes(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.session.earlier_notes import EarlierNotes

    session = screen.session
    screen.app.push_screen(EarlierNotes(session.meeting, session.notes, session.phase_name))


def _chair(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.session.chair_picker import MEETING, ChairPicker, chair_options, role_options

    session = screen.session
    meeting = session.meeting
    options = chair_options(
        session.records.present,
        session.member_names(),
        supervised=meeting.supervised,
        phase_name=session.phase_name(meeting.current),
    )
    title = ""
    step = session.current_step()
    if step is not None and step.activity is Activity.CHECKIN:  # the roles are chosen at check-in
        options += role_options(session.records.present, session.member_names(), _role_turns(screen))
        title = _("The chair and the roles")
    current = session.chair_text() or (_("chair: supervisor") if meeting.supervised else _("Nobody chairs yet."))

    def chosen(choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        scope, member = choice
        if scope in ROLES:
            screen.apply(session.set_role(scope, member, _now(screen)))
        else:
            screen.apply(session.hand_chair(scope == MEETING, member, _now(screen)))

    screen.app.push_screen(ChairPicker(options, current, title), chosen)


def _role_turns(screen: SessionScreen) -> dict[str, str | None]:
    """Whose turn it is for each role, over the group's meetings (the chair and the presenter left out)."""
    from intervisie_tui.ui.meeting_start import group_history

    session = screen.session
    meeting = session.meeting
    history = group_history(screen.app.current_repository, meeting.group_id)
    busy = {meeting.chair_id, session.inbrenger_id(), *(holder(meeting, role) for role in ROLES)} - {""}
    present = [member for member in session.records.members if member.id in set(session.records.present)]
    turns: dict[str, str | None] = {}
    for role in ROLES:
        turns[role] = holder(meeting, role) or roles.propose(role, present, history, skip=busy)
        busy.add(turns[role] or "")
    return turns


def _balance(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.session.round_dialogs import BalanceScreen

    screen.app.push_screen(BalanceScreen(screen.session.records, screen.session.member_names()))


def _form(screen: SessionScreen, form: Any, kept: Callable[[dict[str, str], datetime], Any]) -> None:
    """Open a turn's form; what it gives back goes to ``kept`` (a session function)."""

    def typed(values: dict[str, str] | None) -> None:
        if values is not None:
            screen.apply(kept(values, _now(screen)))

    screen.app.push_screen(form, typed)


def _candidate(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.session.round_dialogs import candidate_form

    session, case = screen.session, request.subject
    if isinstance(case, Case):
        _form(
            screen,
            candidate_form(case),
            lambda values, now: session_rounds.candidate_changed(session, case, values, now),
        )
    else:
        _form(screen, candidate_form(None), lambda values, now: session_rounds.candidate(session, values, now))


def _feedback(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.session.round_dialogs import feedback_form

    session, item = screen.session, request.subject
    if isinstance(item, FeedbackItem):
        _form(
            screen, feedback_form(item), lambda values, now: session_rounds.feedback_changed(session, item, values, now)
        )
    else:
        _form(screen, feedback_form(), lambda values, now: session_rounds.feedback(session, values, now))


def _evaluation(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.session.round_dialogs import evaluation_form

    session = screen.session
    chair_name, evaluated = request.subject
    if isinstance(evaluated, Evaluation):
        to_chair = session_rounds.to_chair_from(session, evaluated.member_id)
        _form(
            screen,
            evaluation_form(chair_name, evaluated, to_chair, _goal_of(session, evaluated.member_id)),
            lambda values, now: session_rounds.evaluation_changed(session, evaluated, values, now),
        )
    else:
        round_ = session.phase_round(_now(screen))
        speaker = (rounds.current_speaker(round_) or "") if round_ is not None else ""
        _form(
            screen,
            evaluation_form(chair_name, goal=_goal_of(session, speaker)),
            lambda values, now: session_rounds.evaluation(session, values, now),
        )


def _goal_of(session: MeetingSession, member_id: str) -> str:
    """The member's learning goal when this is the programme's closing meeting, else ""."""
    if not looks_back_on_goals(session.meeting):
        return ""
    member = next((member for member in session.records.members if member.id == member_id), None)
    return member.learning_goal if member is not None else ""


def _next_plan(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.session.round_dialogs import next_meeting_form, parse_next_plan

    session = screen.session
    names = {member.id: member.name for member in session.records.members if member.active}
    _form(
        screen,
        next_meeting_form(session.meeting.next_plan, names, suggested_date(session.meeting.held_on)),
        lambda values, now: session_rounds.next_plan(session, parse_next_plan(values, names), now),
    )


def _attendance(screen: SessionScreen, request: Request) -> None:
    from intervisie_tui.ui.dialogs.attendance_editor import AttendanceAnswer, AttendanceEditor

    session = screen.session
    members = [member for member in session.records.members if member.active]
    supervisor = session.group.supervisor

    def kept(answer: AttendanceAnswer | None) -> None:
        if answer is not None and (answer.records or answer.supervisor_present is not None):
            change = session.attendance_changed(
                answer.records, _now(screen), supervisor_present=answer.supervisor_present
            )
            screen.apply(change)

    editor = AttendanceEditor(
        session.meeting,
        members,
        session.records.attendance,
        _now(screen),
        live=True,
        supervisor=supervisor.name if supervisor is not None else "",
        supervisor_present=session.supervisor_expected(request.subject == AT_CHECK_IN),
    )
    screen.app.push_screen(editor, kept)


_OPENERS: dict[Ask, Callable[[SessionScreen, Request], None]] = {
    Ask.FINISH: _finish,
    Ask.OVERRUN: _overrun,
    Ask.RESUME: _resume,
    Ask.METHOD: _method,
    Ask.EARLIER_NOTES: _earlier_notes,
    Ask.CHAIR: _chair,
    Ask.BALANCE: _balance,
    Ask.CANDIDATE: _candidate,
    Ask.FEEDBACK: _feedback,
    Ask.EVALUATION: _evaluation,
    Ask.NEXT_PLAN: _next_plan,
    Ask.ATTENDANCE: _attendance,
}
