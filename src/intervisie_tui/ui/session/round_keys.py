"""The rounds of a meeting on the session screen: turns, questions, candidates, tops and tips, closing.

:class:`RoundScreen` is the base of the session screen. It holds the records
a round produces and the keys that drive turns; the session screen (its
subclass) holds the meeting, the clock and the whiteboard, and calls
:meth:`RoundScreen.round_add` and friends from its own A/E/D keys. Every
change goes through the pure functions of ``core.rounds`` and
``core.round_work`` and then to the app's background saver.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from intervisie_tui.core import round_work as work
from intervisie_tui.core import rounds
from intervisie_tui.core.chair_handover import chairs_of, feedback_to_chair
from intervisie_tui.core.methods import Activity, Step
from intervisie_tui.core.model import (
    Case,
    CaseStatus,
    Evaluation,
    FeedbackItem,
    Meeting,
    Member,
    Question,
    Round,
    touch,
)
from intervisie_tui.core.questions import OPEN, classify
from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.session.round_dialogs import (
    BalanceScreen,
    candidate_form,
    evaluation_form,
    feedback_form,
)

RECORD_ACTIVITIES = frozenset(
    {Activity.QUESTIONS, Activity.INVENTORY, Activity.CHOICE, Activity.FEEDBACK, Activity.CLOSING, Activity.LOOKBACK}
)


@dataclass
class MeetingRecords:
    """What the rounds of one meeting recorded, as the screen holds it."""

    members: list[Member]
    present: list[str]
    questions: list[Question] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    feedback: list[FeedbackItem] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    rounds: dict[str, Round] = field(default_factory=dict)
    previous_cases: list[Case] = field(default_factory=list)
    """The previous meeting's cases, for the look-back."""


def _replace(records: list[Any], changed: Any) -> list[Any]:
    """``records`` with ``changed`` in place of the record with its id (or added at the end)."""
    ids = [record.id for record in records]
    if changed.id in ids:
        return [changed if record.id == changed.id else record for record in records]
    return [*records, changed]


class RoundScreen(Screen):
    """Turn-taking keys and the records of rounds, for the session screen."""

    BINDINGS = [
        Binding("w", "next_turn", N_("Next turn"), id="round.next"),
        Binding("p", "pass_turn", N_("Pass"), id="round.pass"),
        Binding("z", "undo_turn", N_("Turn back"), id="round.undo", show=False),
        Binding("r", "shuffle", N_("Shuffle the order"), id="round.shuffle", show=False),
        Binding("g", "balance", N_("Balance"), id="round.balance", show=False),
        Binding("k", "mark_question", N_("Mark question"), id="round.mark", show=False),
        Binding("k", "choose_case", N_("Choose case"), id="round.choose"),
        Binding("c", "cycle_kind", N_("Change kind"), id="round.kind", show=False),
        Binding("h", "toggle_verdicts", N_("Coach on/off"), id="round.coach", show=False),
        Binding("j", "vote(1)", N_("Vote"), id="round.vote"),
        Binding("J", "vote(-1)", N_("Vote back"), id="round.unvote", show=False),
        Binding("o", "order_cases", N_("Order by"), id="round.order", show=False),
        Binding("o", "plan_next", N_("Next meeting"), id="round.plan"),
    ]

    meeting: Meeting
    records: MeetingRecords
    show_verdicts: bool = True
    case_order: str = "votes"

    # Provided by the session screen.
    def current_step(self) -> Step | None: ...  # pragma: no cover
    def _now(self) -> datetime: ...  # pragma: no cover
    def _show_all(self) -> None: ...  # pragma: no cover
    def _set_meeting(self, meeting: Meeting) -> None: ...  # pragma: no cover
    def selected_record_id(self) -> str | None: ...  # pragma: no cover
    def open_line_input(self, mode: str, text: str, placeholder: str) -> None: ...  # pragma: no cover

    # -- the current phase --------------------------------------------------------------

    def activity(self) -> Activity | None:
        """What the current phase runs (None without a step)."""
        step = self.current_step()
        return step.activity if step is not None else None

    def phase_case_id(self) -> str:
        """The case worked in the current phase ("" outside casework)."""
        return work.case_id_of(self.meeting, self.meeting.phases[self.meeting.current])

    def inbrenger_id(self) -> str:
        """Who brought in the case of the current phase."""
        return work.inbrenger_of(self.records.cases, self.phase_case_id())

    def phase_round(self) -> Round | None:
        """The current phase's round, made on first sight (saved once something happens in it)."""
        step = self.current_step()
        if not self.meeting.phases or not work.has_round(step):
            return None
        key = self.meeting.phases[self.meeting.current].key
        round_ = self.records.rounds.get(key)
        if round_ is None:
            assert step is not None
            round_ = rounds.for_step(self.meeting.id, key, step, self.records.present, self.inbrenger_id(),
                                     self._now())  # fmt: skip
            self.records.rounds[key] = round_
        return round_

    def member_names(self) -> dict[str, str]:
        """Member id -> name, archived members included."""
        return {member.id: member.name for member in self.records.members}

    # -- saving -------------------------------------------------------------------------

    def keep(self, *changed: Any, round_: Round | None = None) -> None:
        """Take changed records into the screen's state and hand them to the saver."""
        lists = {Question: "questions", Case: "cases", FeedbackItem: "feedback", Evaluation: "evaluations"}
        for record in changed:
            name = lists.get(type(record))
            if name is not None:
                setattr(self.records, name, _replace(getattr(self.records, name), record))
        to_save = list(changed)
        if round_ is not None:
            self.records.rounds[round_.phase_key] = round_
            to_save.append(round_)
        if to_save:
            self.app.saver.put(*to_save)  # type: ignore[attr-defined]
        self._show_all()

    def _turn(self, change: Any) -> None:
        round_ = self.phase_round()
        if round_ is None:
            return
        changed = change(round_, self._now())
        if changed is not round_:
            self.keep(round_=changed)

    # -- keys: turns --------------------------------------------------------------------

    def action_next_turn(self) -> None:
        """The speaker's turn ends; the next one is up."""
        self._turn(rounds.next_turn)

    def action_pass_turn(self) -> None:
        """The speaker passes."""
        self._turn(rounds.pass_turn)

    def action_undo_turn(self) -> None:
        """Back to the previous speaker (what they said stays)."""
        round_ = self.phase_round()
        if round_ is not None and not rounds.can_undo(round_):
            self.app.say(_("Nothing to take back: delete the contribution first, or no turn was taken yet."))  # type: ignore[attr-defined]
            return
        self._turn(rounds.undo)

    def action_shuffle(self) -> None:
        """A shuffled order, before the first turn."""
        seed = int(self._now().timestamp())
        self._turn(lambda round_, now: rounds.shuffled(round_, seed, now))

    def action_balance(self) -> None:
        """Turns and questions per member in this meeting."""
        self.app.push_screen(BalanceScreen(self.records, self.member_names()))

    # -- keys: the question round -------------------------------------------------------

    def _selected_question(self) -> Question | None:
        selected = self.selected_record_id()
        return next((question for question in self.records.questions if question.id == selected), None)

    def action_mark_question(self) -> None:
        """The inbrenger's mark on the highlighted question (warm/cold/neutral, or relevance)."""
        question = self._selected_question()
        method_id = self.meeting.phases[self.meeting.current].method_id
        if question is not None:
            self.keep(work.cycle_mark(question, work.marks_for(method_id), self._now()))

    def action_cycle_kind(self) -> None:
        """The chair corrects the coach: open, closed or advice."""
        question = self._selected_question()
        if question is not None:
            self.keep(work.cycle_kind(question, self._now()))

    @property
    def verdicts_visible(self) -> bool:
        """The coach's verdicts show in the chair's view unless H hid them; never in the room's view."""
        return self.show_verdicts and not self.app.room_view  # type: ignore[attr-defined]

    def action_toggle_verdicts(self) -> None:
        """Show or hide the coach's verdicts (hide them when the room reads along)."""
        self.show_verdicts = not self.show_verdicts
        self._show_all()

    # -- keys: choosing the case --------------------------------------------------------

    def _selected_case(self) -> Case | None:
        selected = self.selected_record_id()
        return next((case for case in self.records.cases if case.id == selected), None)

    def action_vote(self, delta: int) -> None:
        """One vote more (J: one less) for the highlighted case."""
        case = self._selected_case()
        if case is not None:
            self.keep(work.vote(case, delta, self._now()))

    def action_order_cases(self) -> None:
        """Order the candidates by votes or by urgency."""
        self.case_order = "urgency" if self.case_order == "votes" else "votes"
        self.app.say(_("Ordered by urgency") if self.case_order == "urgency" else _("Ordered by votes"))  # type: ignore[attr-defined]
        self._show_all()

    def action_choose_case(self) -> None:
        """Work the highlighted case (in the first case slot without one); then choose its method with M."""
        from intervisie_tui.core import meeting as flow
        from intervisie_tui.core.model import CaseSlot

        case = self._selected_case()
        if case is None:
            return
        now = self._now()
        slots = work.chosen_slots(self.meeting, case)
        library = self.library  # type: ignore[attr-defined]
        meeting = flow.set_slots(self.meeting, library, [CaseSlot(method_id=m, case_id=c) for m, c in slots], now)
        changed = work.case_statuses(self.records.cases, slots, now)
        self._set_meeting(meeting)
        if changed:
            self.keep(*changed)
        self.app.say(_("Chosen: {title}. Press M to choose its method.").format(title=display(case.title)))  # type: ignore[attr-defined]

    # -- A, E, D in a round ---------------------------------------------------------------

    def round_add(self) -> bool:
        """A in a phase with records: the current speaker's contribution. False when A means a note."""
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
                self.records.previous_cases = _replace(self.records.previous_cases, updated)
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

    # -- which keys apply -----------------------------------------------------------------

    def round_check_action(self, action: str) -> bool | None:
        """Whether a round key applies in the current phase (False hides it from the footer)."""
        activity = self.activity()
        round_ = self.phase_round() if self.meeting.phases else None
        if action in {"next_turn", "pass_turn", "undo_turn", "shuffle"}:
            return round_ is not None
        if action in {"mark_question", "cycle_kind", "toggle_verdicts"}:
            return activity is Activity.QUESTIONS
        if action in {"choose_case", "vote", "order_cases"}:
            return activity in (Activity.CHOICE, Activity.INVENTORY)
        if action == "plan_next":
            return activity is Activity.CLOSING
        return None
