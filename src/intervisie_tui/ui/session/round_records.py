"""A, E and D in a round phase: what a turn records (check-in lines, candidates, questions, tops and tips,
closing evaluations, the next meeting) — added, changed and deleted.

A mixin of :class:`~intervisie_tui.ui.session.round_keys.RoundScreen`, which
holds the records, the turns and the keys; the session screen's A/E/D keys call
:meth:`round_add`, :meth:`round_edit` and :meth:`round_delete`.
"""

from __future__ import annotations

from typing import Any

from intervisie_tui.core import round_work as work
from intervisie_tui.core import rounds
from intervisie_tui.core.chair_handover import chairs_of, feedback_to_chair
from intervisie_tui.core.methods import Activity
from intervisie_tui.core.model import (
    Case,
    CaseStatus,
    Question,
    touch,
)
from intervisie_tui.core.questions import OPEN, classify
from intervisie_tui.i18n import _

RECORD_ACTIVITIES = frozenset(
    {Activity.QUESTIONS, Activity.INVENTORY, Activity.CHOICE, Activity.FEEDBACK, Activity.CLOSING, Activity.LOOKBACK}
)


def replaced(records: list[Any], changed: Any) -> list[Any]:
    """``records`` with ``changed`` in place of the record with its id (or added at the end)."""
    ids = [record.id for record in records]
    if changed.id in ids:
        return [changed if record.id == changed.id else record for record in records]
    return [*records, changed]


class RoundRecordKeys:
    """Adding, changing and deleting a round's records."""

    # -- A, E, D in a round ---------------------------------------------------------------

    def round_add(self) -> bool:
        """A in a phase with records: the current speaker's contribution. False when A means a note."""
        # A dialog: imported when first opened, not at start (docs/PERFORMANCE.md).
        from intervisie_tui.ui.session.round_dialogs import (
            candidate_form,
            evaluation_form,
            feedback_form,
        )

        activity = self.activity()
        round_ = self.phase_round()
        speaking = round_ is not None and rounds.can_contribute(round_)
        if activity is Activity.QUESTIONS and speaking:
            self.open_line_input("question", "", _("Question — Enter keeps it, Esc cancels"))
        elif activity is Activity.INVENTORY and speaking:
            self.app.push_screen(candidate_form(None), self._candidate_typed)
        elif activity is Activity.FEEDBACK and speaking:
            self.app.push_screen(feedback_form(), self._feedback_typed)
        elif activity is Activity.FEEDBACK:
            case = self._phase_case()
            self.open_line_input("takeaway", case.takeaway if case else "",
                                 _("The presenter: what do I take with me?"))  # fmt: skip
        elif activity is Activity.CLOSING and speaking:
            chair = self.member_chair()
            speaker = rounds.current_speaker(round_) if round_ is not None else None
            chair_name = self.member_names().get(chair, "") if chair and chair != speaker else ""
            self.app.push_screen(evaluation_form(chair_name), self._evaluation_typed)
        elif activity is Activity.CLOSING:
            self.action_plan_next()
        elif activity is Activity.LOOKBACK:
            case = self._selected_previous_case()
            if case is not None:
                self.open_line_input("outcome", case.outcome, _("How did the next step go?"))
        elif activity is Activity.CHOICE:
            self.app.say(_("Cases are brought in during the inventory: press B to go back to it."))  # type: ignore[attr-defined]
        elif activity in (Activity.QUESTIONS, Activity.INVENTORY):
            self.app.say(_("The round is complete. Press Z to take a turn back, or N for the next phase."))  # type: ignore[attr-defined]
        else:
            return False
        return True

    def _phase_case(self) -> Case | None:
        case_id = self.phase_case_id()
        return next((case for case in self.records.cases if case.id == case_id), None)

    def _selected_previous_case(self) -> Case | None:
        selected = self.selected_record_id()
        return next((case for case in self.records.previous_cases if case.id == selected), None)

    def submit_line(self, mode: str, text: str) -> None:
        """Text typed in the line input for a round (raises TextRejected for text that cannot be kept)."""
        now = self._now()
        if mode == "question":
            round_ = self.phase_round()
            if round_ is None:
                return
            position = len(self.records.questions)
            round_, question = work.ask(round_, case_id=self.phase_case_id(), text=text, lang=self._lang(),
                                        position=position, now=now)  # fmt: skip
            self.keep(question, round_=round_)
            self._coach_says(question)
        elif mode == "edit_question":
            question = self._selected_question()
            if question is not None:
                edited = work.edit_question(question, text, self._lang(), now)
                self.keep(edited)
                self._coach_says(edited)
        elif mode == "takeaway":
            case = self._phase_case()
            if case is not None:
                self.keep(touch(case, now, takeaway=work.clean_line(text, work.LINE_MAX)))
        elif mode == "outcome":
            case = self._selected_previous_case()
            if case is not None:
                updated = touch(case, now, outcome=work.clean_line(text, work.LINE_MAX))
                self.records.previous_cases = replaced(self.records.previous_cases, updated)
                self.keep(updated)

    def _coach_says(self, question: Question) -> None:
        """The coach's reason, softly, for a question it doubts (never while its verdicts are hidden)."""
        if not self.verdicts_visible or question.kind_by_chair or question.kind == OPEN:
            return
        reason = classify(question.text, self._lang()).reason
        self.app.say(reason + " " + _("(C changes the kind.)"))  # type: ignore[attr-defined]

    def _lang(self) -> str:
        from intervisie_tui.i18n import current_language

        return current_language()

    def _candidate_typed(self, values: dict[str, str] | None) -> None:
        round_ = self.phase_round()
        if values is None or round_ is None:
            return
        round_, case = work.add_candidate(round_, title=values["title"], question=values["question"],
                                          urgency=int(values["urgency"] or 0), now=self._now())  # fmt: skip
        self.keep(case, round_=round_)

    def _feedback_typed(self, values: dict[str, str] | None) -> None:
        round_ = self.phase_round()
        if values is None or round_ is None:
            return
        round_, item = work.give_feedback(round_, case_id=self.phase_case_id(), top=values["top"], tip=values["tip"],
                                          now=self._now())  # fmt: skip
        self.keep(item, round_=round_)

    def _evaluation_typed(self, values: dict[str, str] | None) -> None:
        round_ = self.phase_round()
        if values is None or round_ is None:
            return
        ratings = {key: work.parse_rating(value) for key, value in values.items() if key.endswith("rating")}
        giver = rounds.current_speaker(round_) or ""
        now = self._now()
        round_, evaluation = work.evaluate(round_, takeaway=values["takeaway"], ratings=ratings, now=now)
        to_chair = feedback_to_chair(round_.meeting_id, giver, self.member_chair(), top=values.get("chair_top", ""),
                                     tip=values.get("chair_tip", ""), now=now)  # fmt: skip
        self.keep(*(record for record in (evaluation, to_chair) if record is not None), round_=round_)

    def member_chair(self) -> str:
        """The member who chaired this meeting (or a phase of it, when nobody chaired the whole); "" for none."""
        chairs = chairs_of(self.meeting)
        return chairs[0] if chairs else ""

    def action_plan_next(self) -> None:
        """Record the next meeting's date, chair and inbrenger."""
        from intervisie_tui.ui.session.round_dialogs import (
            next_meeting_form,
            parse_next_plan,
        )

        names = {member.id: member.name for member in self.records.members if member.active}

        def typed(values: dict[str, str] | None) -> None:
            if values is not None:
                plan = parse_next_plan(values, names)
                self._set_meeting(touch(self.meeting, self._now(), next_plan=plan))
                self.app.say(_("The next meeting is planned."))  # type: ignore[attr-defined]

        self.app.push_screen(next_meeting_form(self.meeting.next_plan, names), typed)

    def round_edit(self) -> bool:
        """E on a round's record; False when E means a note."""
        activity = self.activity()
        if activity is Activity.QUESTIONS:
            question = self._selected_question()
            if question is not None:
                self.open_line_input("edit_question", question.text, _("Edit the question — Enter keeps it"))
            return True
        if activity in (Activity.INVENTORY, Activity.CHOICE):
            case = self._selected_case()
            if case is not None:
                from intervisie_tui.ui.session.round_dialogs import candidate_form

                self.app.push_screen(candidate_form(case), lambda values: self._candidate_edited(case, values))
            return True
        if activity in (Activity.FEEDBACK, Activity.CLOSING, Activity.LOOKBACK):
            return self.round_add() or True
        return False

    def _candidate_edited(self, case: Case, values: dict[str, str] | None) -> None:
        if values is None:
            return
        self.keep(touch(case, self._now(), title=work.clean_line(values["title"], work.TITLE_MAX),
                        question=work.clean_line(values["question"], work.LINE_MAX),
                        urgency=max(0, min(work.URGENCY_MAX, int(values["urgency"] or 0)))))  # fmt: skip

    def round_delete(self) -> bool:
        """D on a round's record: it is removed (the turn it took stays counted); False when D means a note."""
        if self.activity() not in RECORD_ACTIVITIES - {Activity.LOOKBACK}:
            return False
        selected = self.selected_record_id()
        for name in ("questions", "cases", "feedback", "evaluations"):
            records = getattr(self.records, name)
            record = next((record for record in records if record.id == selected), None)
            if record is not None and getattr(record, "status", None) is not CaseStatus.CHOSEN:
                setattr(self.records, name, [other for other in records if other.id != record.id])
                self.app.saver.remove(record)  # type: ignore[attr-defined]
                self.app.say(_("Deleted."))  # type: ignore[attr-defined]
                self._show_all()
                return True
        return True

