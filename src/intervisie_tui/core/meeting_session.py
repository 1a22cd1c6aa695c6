"""One meeting while it runs: its state, and every operation the chair's keys can ask of it.

:class:`MeetingSession` owns the meeting, the whiteboard's notes and the records of the rounds
(:class:`~intervisie_tui.core.meeting_records.MeetingRecords`). Each operation takes ``now``
(and what the screen has highlighted), changes the state through the pure functions of
``core.meeting``, ``core.whiteboard``, ``core.rounds`` and ``core.round_work``, and answers with
a :class:`~intervisie_tui.core.session_change.Change`: the records to save, a notice, a dialog
to open. An operation that cannot act answers with why, never with silence. Nothing here
knows Textual or the disk; the meeting screen (``ui/session/screen.py``) draws the state and
hands the changes to the saver.

The operations for round records (questions, candidates, tops and tips, closing turns) are in
``core/session_rounds.py``, as functions of the session.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from intervisie_tui.core import meeting as flow
from intervisie_tui.core import round_work as work
from intervisie_tui.core import rounds, session_rounds
from intervisie_tui.core import whiteboard as board_ops
from intervisie_tui.core.chair_handover import chair_of_phase, hand_meeting, hand_phase
from intervisie_tui.core.evidence import with_supervisor_present
from intervisie_tui.core.meeting_length import length_warning, planned_length
from intervisie_tui.core.meeting_records import MeetingRecords, replaced
from intervisie_tui.core.meeting_time import ASK_OVERRUN_FROM_S, Reopening, overrun_to_confirm, reopening
from intervisie_tui.core.methods import Activity, Board, MethodLibrary, Step
from intervisie_tui.core.model import (
    Attendance,
    Case,
    CaseSlot,
    Evaluation,
    FeedbackItem,
    Group,
    Meeting,
    MeetingStatus,
    Note,
    Question,
    Round,
    touch,
)
from intervisie_tui.core.names import short_names
from intervisie_tui.core.roles import FIELDS, role_line, roles_text
from intervisie_tui.core.sanitize import TextRejected, display
from intervisie_tui.core.session_change import (
    AT_CHECK_IN,
    Ask,
    Change,
    Focus,
    InputPurpose,
    InputRequest,
    Request,
    refused,
)
from intervisie_tui.i18n import _

ROUND_ACTIONS = frozenset({"next_turn", "pass_turn", "undo_turn", "shuffle"})
QUESTION_ACTIONS = frozenset({"mark_question", "cycle_kind", "toggle_verdicts"})
CHOICE_ACTIONS = frozenset({"choose_case", "vote", "order_cases"})


class MeetingSession:
    """The state of one running meeting and the operations on it (see the module's docstring)."""

    def __init__(
        self, meeting: Meeting, group: Group, notes: Iterable[Note], library: MethodLibrary, records: MeetingRecords
    ) -> None:
        self.meeting = meeting
        self.group = group
        self.notes: list[Note] = list(notes)
        self.library = library
        self.records = records
        self.show_prompts = not meeting.supervised
        """Cues for the chair: on by default where no supervisor is there to give them."""
        self.show_verdicts = True
        """The coach's verdicts in the chair's view (H hides them)."""
        self.case_order = "votes"
        self.editing: InputRequest | None = None
        """What the input line is open for, or None."""
        self.deleted: Note | None = None
        """The note deleted last (U brings it back)."""
        self.coach = ""
        """The question coach's remark on the question just asked ("" for none); gone when the phase changes."""

    # -- reading the state ----------------------------------------------------------------

    def current_step(self) -> Step | None:
        """The method step of the current phase."""
        if not self.meeting.phases:
            return None
        return flow.step_of(self.library, self.meeting.phases[self.meeting.current])

    def activity(self) -> Activity | None:
        """What the current phase runs (None without a step)."""
        step = self.current_step()
        return step.activity if step is not None else None

    def phase_name(self, index: int) -> str:
        """A phase's name in the current language (its stored name when its method is gone)."""
        phase = self.meeting.phases[index]
        step = flow.step_of(self.library, phase)
        return step.name() if step is not None else phase.name

    def case_heading(self, slot: int) -> str:
        """ "Case 1 · Balint" for the timeline and the phase heading."""
        method_id = self.meeting.slots[slot - 1].method_id if slot <= len(self.meeting.slots) else ""
        method = self.library.get(method_id)
        heading = _("Case {n}").format(n=slot)
        return f"{heading} · {method.name()}" if method is not None else heading

    def member_names(self) -> dict[str, str]:
        """Member id -> name, archived members included."""
        return self.records.names()

    def phase_case_id(self) -> str:
        """The case worked in the current phase ("" outside casework)."""
        if not self.meeting.phases:
            return ""
        return work.case_id_of(self.meeting, self.meeting.phases[self.meeting.current])

    def phase_case(self) -> Case | None:
        """The case of the current phase."""
        case_id = self.phase_case_id()
        return next((case for case in self.records.cases if case.id == case_id), None)

    def inbrenger_id(self) -> str:
        """Who brought in the case of the current phase."""
        return work.inbrenger_of(self.records.cases, self.phase_case_id())

    def phase_round(self, now: datetime) -> Round | None:
        """The current phase's round, made on first sight (saved once something happens in it)."""
        step = self.current_step()
        if not self.meeting.phases or not work.has_round(step):
            return None
        key = self.meeting.phases[self.meeting.current].key
        round_ = self.records.rounds.get(key)
        if round_ is None:
            assert step is not None
            round_ = rounds.for_step(self.meeting.id, key, step, self.records.present, self.inbrenger_id(), now)
            self.records.rounds[key] = round_
        return round_

    def phase_questions(self) -> list[Question]:
        """The questions asked about the current phase's case."""
        case_id = self.phase_case_id()
        return [question for question in self.records.questions if question.case_id == case_id]

    def chair_text(self) -> str:
        """Who chairs the current phase, the timekeeper and the note-taker, for the status line ("" if none)."""
        chair = chair_of_phase(self.meeting, self.meeting.current) if self.meeting.phases else ""
        short = short_names(self.member_names())
        parts = [_("chair {name}").format(name=short.get(chair, "?"))] if chair else []
        held = roles_text(self.meeting, short)
        return " · ".join([*parts, held] if held else parts)

    def case_line(self) -> str:
        """Who brought in the current phase's case and their question, kept in view through the case.

        "" outside the phases of a case, or while no case is chosen for it.
        """
        case = self.phase_case()
        if case is None:
            return ""
        name = self.member_names().get(case.inbrenger_id, "?")
        return _("{presenter}'s question: {question}").format(presenter=name, question=case.question or case.title)

    def is_open(self) -> bool:
        """Whether the meeting has phases and has not ended."""
        return bool(self.meeting.phases) and self.meeting.status is not MeetingStatus.CLOSED

    def verdicts_visible(self, room_view: bool) -> bool:
        """The coach's verdicts show in the chair's view unless H hid them; never in the room's view."""
        return self.show_verdicts and not room_view

    def note(self, note_id: str | None) -> Note | None:
        """The note with ``note_id``."""
        return next((note for note in self.notes if note.id == note_id), None)

    def applies(self, action: str, now: datetime) -> bool | None:
        """Whether a round key applies in the current phase (False hides it); None for the other keys."""
        activity = self.activity()
        if action in ROUND_ACTIONS:
            return self.phase_round(now) is not None
        if action in QUESTION_ACTIONS:
            return activity is Activity.QUESTIONS
        if action in CHOICE_ACTIONS:
            return activity in (Activity.CHOICE, Activity.INVENTORY)
        if action == "plan_next":
            return activity is Activity.CLOSING
        return None

    # -- changing the state ---------------------------------------------------------------

    def set_meeting(self, meeting: Meeting, *, notice: str = "") -> Change:
        """Take a new meeting state (saved); the same state is a change of nothing."""
        if meeting is self.meeting:
            return Change(notice=notice, redraw=bool(notice))
        self.meeting = meeting
        return Change(saved=(meeting,), notice=notice)

    def keep(self, *changed: Any, round_: Round | None = None, notice: str = "") -> Change:
        """Take changed records into the state; the change saves them."""
        lists = {Question: "questions", Case: "cases", FeedbackItem: "feedback", Evaluation: "evaluations"}
        for record in changed:
            name = lists.get(type(record))
            if name is not None:
                setattr(self.records, name, replaced(getattr(self.records, name), record))
        saved = list(changed)
        if round_ is not None:
            self.records.rounds[round_.phase_key] = round_
            saved.append(round_)
        return Change(saved=tuple(saved), notice=notice)

    def _notes_changed(self, changed: Sequence[Note]) -> tuple[Note, ...]:
        by_id = {note.id: note for note in changed}
        self.notes = [by_id.pop(note.id, note) for note in self.notes] + list(by_id.values())
        return tuple(changed)

    # -- the phases and the clock -----------------------------------------------------------

    def _why_not(self, action: str) -> str:
        """Why a phase key did nothing just now."""
        meeting = self.meeting
        if not meeting.phases:
            return _("This meeting has no phases.")
        if meeting.status is MeetingStatus.CLOSED:
            return _("The meeting has ended.")
        if meeting.status is MeetingStatus.PLANNED:
            return _("The meeting has not started yet: press N to begin.")
        if action == "back":
            return _("This is the first phase.")
        if action in ("next", "skip"):
            return _("This is the last phase: X ends the meeting.")
        if action == "shorten":
            return _("A phase keeps at least one minute.")
        return _("Nothing to change here.")

    def _phase_moved(self, meeting: Meeting, action: str) -> Change:
        if meeting is self.meeting:
            return refused(self._why_not(action))
        started = self.meeting.status is MeetingStatus.PLANNED
        self.editing = None
        self.coach = ""
        change = self.set_meeting(meeting)
        if started:  # the check-in begins with who is here (T again for who comes late or leaves early)
            return Change(
                saved=change.saved,
                close_input=True,
                focus=Focus(),
                notice=_("The meeting has begun: who is here today? The rounds skip who is not; T changes it later."),
                request=Request(Ask.ATTENDANCE, AT_CHECK_IN),
            )
        return Change(saved=change.saved, close_input=True, focus=Focus())

    def next_phase(self, now: datetime) -> Change:
        """Begin the meeting, go to the next phase, or (in the last phase) ask to end it."""
        if self.meeting.status is MeetingStatus.PLANNED:
            return self._phase_moved(flow.start(self.meeting, now), "start")
        if self.meeting.status is MeetingStatus.RUNNING and self.meeting.current + 1 >= len(self.meeting.phases):
            return self.ask_finish()
        return self._phase_moved(flow.next_phase(self.meeting, now), "next")

    def previous_phase(self, now: datetime) -> Change:
        """Go back a phase; everything typed there is still there."""
        return self._phase_moved(flow.previous_phase(self.meeting, now), "back")

    def skip(self, now: datetime) -> Change:
        """Skip the current phase."""
        return self._phase_moved(flow.skip(self.meeting, now), "skip")

    def toggle_pause(self, now: datetime) -> Change:
        """Start a planned meeting, or pause and resume the clock (a break)."""
        if self.meeting.status is MeetingStatus.PLANNED:
            return self._phase_moved(flow.start(self.meeting, now), "start")
        paused = flow.toggle_pause(self.meeting, now)
        if paused is self.meeting:
            return refused(self._why_not("pause"))
        return self.set_meeting(paused)

    def extend(self, minutes: int, now: datetime) -> Change:
        """One minute more (or less) for this phase."""
        extended = flow.extend(self.meeting, now, minutes)
        if extended is self.meeting:
            return refused(self._why_not("shorten" if minutes < 0 else "extend"))
        return self.set_meeting(extended)

    def scale(self, delta: int, now: datetime) -> Change:
        """Move the marker on a 0-10 scale board."""
        step = self.current_step()
        if step is None or step.board is not Board.SCALE:
            return refused(_("This phase has no scale: < and > move the marker where a step asks for a score."))
        value = self.meeting.phases[self.meeting.current].scale_value
        value = 5 if value is None else value + delta
        moved = flow.set_scale(self.meeting, now, value)
        if moved.phases[moved.current].scale_value == self.meeting.phases[self.meeting.current].scale_value:
            return refused(_("The marker is at the end of the scale."))
        return self.set_meeting(moved)

    def ask_finish(self) -> Change:
        """X: ask whether to end the meeting."""
        if self.meeting.status is not MeetingStatus.RUNNING:
            return refused(
                _("The meeting has ended.")
                if self.meeting.status is MeetingStatus.CLOSED
                else _("The meeting has not started yet: press N to begin.")
            )
        return Change(request=Request(Ask.FINISH), redraw=False)

    def finish(self, now: datetime) -> Change:
        """End the meeting (the chair said yes); then ask about time past the plan where there was some."""
        change = self.set_meeting(flow.finish(self.meeting, now), notice=_("The meeting has ended and is saved."))
        over = overrun_to_confirm(self.meeting, now)
        request = Request(Ask.OVERRUN, over) if over >= ASK_OVERRUN_FROM_S else None
        return Change(saved=change.saved, notice=change.notice, request=request)

    def confirm_overrun(self, now: datetime) -> Change:
        """The time past the plan counts in the hours (the chair said so)."""
        return self.set_meeting(flow.confirm_overrun(self.meeting, now))

    def checkpoint(self, now: datetime) -> Change:
        """Bank the running clock in the file, so a crash loses at most a minute of it."""
        banked = flow.checkpoint(self.meeting, now)
        if banked is self.meeting:
            return Change(redraw=False)
        self.meeting = banked
        return Change(saved=(banked,), redraw=False)

    # -- a meeting found still running ---------------------------------------------------------

    def reopen(self, now: datetime, *, restarted: bool) -> Change:
        """The meeting's screen opens: resume its clock, or ask what happened (``core.meeting_time``).

        A resumed clock is taken into the state but not in the change's records: the screen saves it
        a moment after its first frame (the first save also writes the backup).
        """
        kind = reopening(self.meeting, now, restarted=restarted)
        if kind is Reopening.ASK:
            last = flow.last_run_at(self.meeting)
            if last is not None:
                # In memory only: the clock stands where it is known to have run until the chair answers.
                self.meeting = flow.halt(self.meeting, last)
                return Change(request=Request(Ask.RESUME, last), redraw=False)
        if kind is Reopening.RESUME:
            self.meeting = flow.resume_after_restart(self.meeting, now)
        return Change(redraw=False)

    def continue_now(self, now: datetime) -> Change:
        """Answer to the resume question: the meeting goes on from now."""
        return self.set_meeting(flow.continue_now(self.meeting, now))

    def ended_at(self, last: datetime, now: datetime, when: str) -> Change:
        """Answer to the resume question: the meeting ended when its clock last ran (``when`` in words)."""
        change = self.set_meeting(
            flow.end_at(self.meeting, last, now), notice=_("The meeting was closed: it ended {when}.").format(when=when)
        )
        over = overrun_to_confirm(self.meeting, now)
        request = Request(Ask.OVERRUN, over) if over >= ASK_OVERRUN_FROM_S else None
        return Change(saved=change.saved, notice=change.notice, request=request)

    # -- method, chair and cues -------------------------------------------------------------

    def ask_method(self) -> Change:
        """M: choose the method for each case.

        When a case already has time on its clock or notes on its boards, the request carries the
        question to ask first (the notes and the time are kept: see ``core.meeting.set_slots``).
        """
        if not self.is_open():
            return refused(self._why_not("method"))
        worked = any(flow.case_has_work(self.meeting, slot, self.notes) for slot in (1, 2))
        ask_first = (
            _("Change the method? The notes written so far stay (V shows them) and the time stays counted.")
            if worked
            else None
        )
        return Change(request=Request(Ask.METHOD, ask_first), redraw=False)

    def set_slots(self, slots: Sequence[CaseSlot], now: datetime) -> Change:
        """The cases and methods chosen in the chooser; a warning when the meeting is planned under 2 hours or over 4."""
        meeting = self.set_meeting(flow.set_slots(self.meeting, self.library, slots, now))
        pairs = [(slot.method_id, slot.case_id) for slot in slots]
        cases = self.keep(*work.case_statuses(self.records.cases, pairs, now))
        notice = length_warning(planned_length(self.meeting)) if all(slot.method_id for slot in slots) else ""
        return Change(saved=meeting.saved + cases.saved, focus=Focus(), notice=notice)

    def ask_earlier_notes(self) -> Change:
        """V: the notes of every phase."""
        return Change(request=Request(Ask.EARLIER_NOTES), redraw=False)

    def toggle_prompts(self) -> Change:
        """I: the chair's cues on or off."""
        self.show_prompts = not self.show_prompts
        return Change(notice=_("Chair cues on.") if self.show_prompts else _("Chair cues off."))

    def ask_chair(self) -> Change:
        """L: who chairs this phase or the rest of the meeting."""
        if not self.meeting.phases:
            return refused(self._why_not("chair"))
        return Change(request=Request(Ask.CHAIR), redraw=False)

    def hand_chair(self, whole_meeting: bool, member_id: str, now: datetime) -> Change:
        """Hand the chair to ``member_id`` ("" gives it back) for this phase or the rest of the meeting."""
        if whole_meeting:
            return self.set_meeting(hand_meeting(self.meeting, member_id, now))
        return self.set_meeting(hand_phase(self.meeting, self.meeting.current, member_id, now))

    def set_role(self, role: str, member_id: str, now: datetime) -> Change:
        """Give ``role`` (timekeeper or note-taker) to ``member_id`` ("" = nobody) for the meeting."""
        meeting = touch(self.meeting, now, **{FIELDS[role]: member_id})
        name = self.member_names().get(member_id, "")
        notice = role_line(role, name) if member_id else ""
        return self.set_meeting(meeting, notice=notice)

    # -- A, E, D and the input line: a round's record, or a whiteboard note ------------------------

    def add(self, column: str, selected: str | None, now: datetime) -> Change:
        """A: the speaker's contribution in a round, else a new note in ``column``."""
        if not self.meeting.phases:
            return refused(self._why_not("note"))
        change = session_rounds.add(self, selected, now)
        return change if change is not None else self.open_note(column)

    def edit(self, selected: str | None, now: datetime) -> Change:
        """E: change the round's highlighted record, else the highlighted note."""
        change = session_rounds.edit(self, selected, now)
        return change if change is not None else self.edit_note(selected)

    def delete(self, selected: str | None, now: datetime) -> Change:
        """D: delete the round's highlighted record, else the highlighted note."""
        change = session_rounds.delete(self, selected)
        return change if change is not None else self.delete_note(selected, now)

    def submit(self, text: str, selected: str | None, now: datetime, *, room_view: bool) -> Change:
        """Enter in the input line: keep what was typed for what the line was opened for."""
        if self.editing is None:
            return refused(_("Nothing is being typed."))
        if self.editing.purpose.keeps_lines:
            return self.submit_note(text, selected, now)
        return session_rounds.submit_line(self, text, now, room_view=room_view)

    # -- who is here -----------------------------------------------------------------------

    def ask_attendance(self) -> Change:
        """T: who is here today (absent, arriving late, leaving early)."""
        if not self.meeting.phases:
            return refused(self._why_not("attendance"))
        return Change(request=Request(Ask.ATTENDANCE), redraw=False)

    def supervisor_expected(self, at_check_in: bool) -> bool:
        """The supervisor's mark the attendance dialog starts with: at the check-in of a supervised
        meeting they are expected (the chair confirms or changes it); later, what was recorded."""
        return self.meeting.supervisor_present or (at_check_in and self.meeting.supervised)

    def attendance_changed(
        self, changed: Sequence[Attendance], now: datetime, *, supervisor_present: bool | None = None
    ) -> Change:
        """Records from the attendance dialog: kept, and the round under way skips who is gone or absent.

        ``supervisor_present`` (None: unchanged) is the supervisor's mark, the only thing that puts a
        supervisor on the meeting's papers (``core.evidence``). Rounds of later phases are made from
        ``records.present`` when first seen; finished ones keep who took part.
        """
        saved: list[Any] = []
        if supervisor_present is not None:
            marked = with_supervisor_present(self.meeting, supervisor_present, now)
            if marked is not self.meeting:
                self.meeting = marked
                saved.append(marked)
        records = self.records
        for record in changed:
            records.attendance = replaced(records.attendance, record)
        gone = {record.member_id for record in records.attendance if not record.present or record.left is not None}
        active = [member.id for member in records.members if member.active]
        records.present = [member for member in active if member not in gone]
        saved += changed
        current = self.phase_round(now) if self.is_open() else None
        if current is not None and not rounds.is_complete(current):
            updated = current
            for member in (record.member_id for record in changed):
                if member in gone:
                    updated = rounds.leave(updated, member, now)
                elif self._joins_round(member):
                    updated = rounds.join(updated, member, now)
            if updated is not current:
                records.rounds[updated.phase_key] = updated
                saved.append(updated)
        chair = chair_of_phase(self.meeting, self.meeting.current) if self.meeting.phases else ""
        if chair in gone and any(record.member_id == chair for record in changed):  # the chair stays named: say so
            name = self.member_names().get(chair, "")
            notice = _("{name} chairs but is not here: L hands the chair to someone who is.").format(name=name)
            return Change(saved=tuple(saved), notice=notice, warning=True)
        return Change(saved=tuple(saved))

    def _joins_round(self, member: str) -> bool:
        """Whether ``member`` takes turns in the current phase's round (the presenter only where the step says)."""
        step = self.current_step()
        inbrenger = self.inbrenger_id()
        return member != inbrenger or not inbrenger or (step is not None and step.inbrenger_in_round)

    # -- the whiteboard ------------------------------------------------------------------

    def open_note(self, column: str) -> Change:
        """Open the input line for a new note in ``column``."""
        request = InputRequest(InputPurpose.ADD_NOTE, "", _("New note — Enter keeps it, Esc cancels"), column)
        return self.open_input(request)

    def open_input(self, request: InputRequest) -> Change:
        """Open the input line (for a note, or a round's line)."""
        self.editing = request
        return Change(input=request, redraw=False)

    def cancel_input(self) -> Change:
        """Esc in the input line: nothing typed is kept."""
        self.editing = None
        return Change(close_input=True, focus=Focus(), redraw=False)

    def edit_note(self, note_id: str | None) -> Change:
        """Open the input line on the highlighted note."""
        note = self.note(note_id)
        if note is None:
            return refused(_("No note is highlighted: ↑/↓ choose one, A adds one."))
        request = InputRequest(
            InputPurpose.EDIT_NOTE, note.text, _("Edit the note — Enter keeps it, Esc cancels"), note.column, note.id
        )
        return self.open_input(request)

    def submit_note(self, text: str, selected: str | None, now: datetime) -> Change:
        """The note typed in the input line (a new one, or the one being edited)."""
        editing = self.editing
        assert editing is not None
        round_ = self.phase_round(now)
        phase = self.meeting.phases[self.meeting.current]
        saved: tuple[Any, ...] = ()
        try:
            if editing.purpose is InputPurpose.ADD_NOTE and round_ is not None and rounds.can_contribute(round_):
                round_, changed = work.add_turn_note(
                    round_,
                    self.notes,
                    text=text,
                    column=editing.column,
                    case_id=work.case_id_of(self.meeting, phase),
                    now=now,
                )
                self.records.rounds[round_.phase_key] = round_
                saved, note_id = (round_,), changed[0].id
            elif editing.purpose is InputPurpose.ADD_NOTE:
                after = self.note(selected)
                if after is not None and after.column != editing.column:
                    after = None
                note, changed = board_ops.add_note(
                    self.notes,
                    meeting_id=self.meeting.id,
                    phase_key=phase.key,
                    text=text,
                    now=now,
                    column=editing.column,
                    after=after,
                )
                note_id = note.id
            else:
                edited = self.note(editing.record_id)
                if edited is None:
                    self.editing = None
                    return Change(close_input=True, notice=_("That note is gone; nothing was changed."), warning=True)
                changed = [board_ops.edit_note(edited, text, now)]
                note_id = edited.id
        except TextRejected as error:
            return refused(error.message())  # the text stays in the field to be corrected
        self.editing = None
        return Change(
            saved=saved + self._notes_changed(changed), close_input=True, focus=Focus(editing.column, note_id)
        )

    def delete_note(self, note_id: str | None, now: datetime) -> Change:
        """Delete the highlighted note (U brings it back)."""
        note = self.note(note_id)
        if note is None:
            return refused(_("No note is highlighted: ↑/↓ choose one."))
        changed = board_ops.delete_note(self.notes, note, now)
        self.notes = [n for n in self.notes if n.id != note.id]
        self.deleted = note
        return Change(
            saved=self._notes_changed(changed), removed=(note,), notice=_("Note deleted. Press U to bring it back.")
        )

    def undo_delete(self, now: datetime) -> Change:
        """Bring back the note deleted last."""
        note = self.deleted
        if note is None:
            return refused(_("No note was deleted, so there is nothing to bring back."))
        self.deleted = None
        return Change(
            saved=self._notes_changed(board_ops.restore_note(self.notes, note, now)), focus=Focus(note.column, note.id)
        )

    def keep_in_minutes(self, note_id: str | None, now: datetime) -> Change:
        """Mark the highlighted note for the minutes, or take the mark off (the group decides what is kept)."""
        note = self.note(note_id)
        if note is None:
            return refused(_("No note is highlighted: ↑/↓ choose one."))
        marked = board_ops.mark_for_minutes(note, not note.in_minutes, now)
        notice = (
            _("This note goes into the minutes (without who wrote it).")
            if marked.in_minutes
            else _("This note stays out of the minutes.")
        )
        return Change(saved=self._notes_changed([marked]), focus=Focus(note.column, note.id), notice=notice)

    def move_note(self, note_id: str | None, delta: int, now: datetime) -> Change:
        """Move the highlighted note up or down in its column."""
        note = self.note(note_id)
        if note is None:
            return refused(_("No note is highlighted: ↑/↓ choose one."))
        changed = board_ops.move_note(self.notes, note, delta, now)
        if not changed:
            return refused(
                _("The note is at the top of its column.")
                if delta < 0
                else _("The note is at the bottom of its column.")
            )
        return Change(saved=self._notes_changed(changed), focus=Focus(note.column, note.id))

    def note_to_column(self, note_id: str | None, columns: Sequence[str], delta: int, now: datetime) -> Change:
        """Move the highlighted note to the next column left or right."""
        note = self.note(note_id)
        if note is None:
            return refused(_("No note is highlighted: ↑/↓ choose one."))
        target = board_ops.next_column(columns, note.column, delta)
        if target is None or target == note.column:
            return refused(_("This board has no column on that side."))
        return Change(
            saved=self._notes_changed(board_ops.move_to_column(self.notes, note, target, now)),
            focus=Focus(target, note.id),
        )

    # -- turns ----------------------------------------------------------------------------

    def _turn(self, change: Any, now: datetime, why_not: str) -> Change:
        round_ = self.phase_round(now)
        if round_ is None:
            return refused(_("This phase has no round of turns."))
        changed = change(round_, now)
        if changed is round_:
            return refused(why_not)
        return self.keep(round_=changed)

    def next_turn(self, now: datetime) -> Change:
        """The speaker's turn ends; the next one is up."""
        return self._turn(rounds.next_turn, now, _("Everyone has had a turn: the round is complete."))

    def pass_turn(self, now: datetime) -> Change:
        """The speaker passes."""
        return self._turn(rounds.pass_turn, now, _("Everyone has had a turn: the round is complete."))

    def undo_turn(self, now: datetime) -> Change:
        """Back to the previous speaker (what they said stays)."""
        round_ = self.phase_round(now)
        if round_ is not None and not rounds.can_undo(round_):
            return refused(_("Nothing to take back: delete the contribution first, or no turn was taken yet."))
        return self._turn(rounds.undo, now, _("Nothing to take back."))

    def shuffle(self, now: datetime) -> Change:
        """A shuffled order, before the first turn."""
        seed = int(now.timestamp())
        return self._turn(
            lambda round_, when: rounds.shuffled(round_, seed, when),
            now,
            _("The order is shuffled only before the first turn."),
        )

    def ask_balance(self, now: datetime) -> Change:
        """G: turns and questions per member in this meeting."""
        return Change(request=Request(Ask.BALANCE), redraw=False)

    # -- questions and cases ---------------------------------------------------------------

    def _selected_question(self, selected: str | None) -> Question | None:
        return next((question for question in self.records.questions if question.id == selected), None)

    def _selected_case(self, selected: str | None) -> Case | None:
        return next((case for case in self.records.cases if case.id == selected), None)

    def mark_question(self, selected: str | None, now: datetime) -> Change:
        """The inbrenger's mark on the highlighted question (warm/cold/neutral, or relevance)."""
        question = self._selected_question(selected)
        if question is None:
            return refused(_("No question is highlighted: ↑/↓ choose one."))
        method_id = self.meeting.phases[self.meeting.current].method_id
        return self.keep(work.cycle_mark(question, work.marks_for(method_id), now))

    def cycle_kind(self, selected: str | None, now: datetime) -> Change:
        """The chair corrects the coach: open, closed or advice."""
        question = self._selected_question(selected)
        if question is None:
            return refused(_("No question is highlighted: ↑/↓ choose one."))
        return self.keep(work.cycle_kind(question, now))

    def toggle_verdicts(self) -> Change:
        """Show or hide the coach's verdicts (hide them when the room reads along)."""
        self.show_verdicts = not self.show_verdicts
        return Change()

    def vote(self, selected: str | None, delta: int, now: datetime) -> Change:
        """One vote more (or less) for the highlighted case."""
        case = self._selected_case(selected)
        if case is None:
            return refused(_("No case is highlighted: ↑/↓ choose one."))
        voted = work.vote(case, delta, now)
        if voted.votes == case.votes:
            return refused(_("This case has no votes to take back."))
        return self.keep(voted)

    def order_cases(self) -> Change:
        """Order the candidates by votes or by urgency."""
        self.case_order = "urgency" if self.case_order == "votes" else "votes"
        return Change(notice=_("Ordered by urgency") if self.case_order == "urgency" else _("Ordered by votes"))

    def choose_case(self, selected: str | None, now: datetime) -> Change:
        """Work the highlighted case (in the first case slot without one); then choose its method with M."""
        case = self._selected_case(selected)
        if case is None:
            return refused(_("No case is highlighted: ↑/↓ choose one."))
        slots = work.chosen_slots(self.meeting, case)
        meeting = self.set_meeting(
            flow.set_slots(self.meeting, self.library, [CaseSlot(method_id=m, case_id=c) for m, c in slots], now)
        )
        cases = self.keep(*work.case_statuses(self.records.cases, slots, now))
        notice = _("Chosen: {title}. Give it a theme for the minutes; then M chooses its method.").format(
            title=display(case.title)
        )
        self.editing = InputRequest(
            InputPurpose.THEME,
            case.theme,
            _("Theme for the minutes: a few words, no names (Enter keeps it, Esc: later)"),
            record_id=case.id,
        )
        return Change(saved=meeting.saved + cases.saved, notice=notice, input=self.editing)
