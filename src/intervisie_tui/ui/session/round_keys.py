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
from intervisie_tui.core.methods import Activity, Step
from intervisie_tui.core.model import (
    Case,
    Evaluation,
    FeedbackItem,
    Meeting,
    Member,
    Question,
    Round,
)
from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.session.round_records import (
    RoundRecordKeys,
    replaced,
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


class RoundScreen(RoundRecordKeys, Screen):
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
                setattr(self.records, name, replaced(getattr(self.records, name), record))
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
        # A dialog: imported when first opened, not at start (docs/PERFORMANCE.md).
        from intervisie_tui.ui.session.round_dialogs import BalanceScreen

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
