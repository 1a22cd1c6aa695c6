"""Moving through a meeting on the session screen: next, back, skip, pause, time, scale, method, end.

:class:`PhaseScreen` sits between the chair keys and the session screen; its keys are declared
with the session screen's own, so the footer and F1 keep one order.
"""

from __future__ import annotations

from datetime import datetime

from intervisie_tui.core import meeting as flow
from intervisie_tui.core import round_work as work
from intervisie_tui.core.methods import Board, MethodLibrary
from intervisie_tui.core.model import CaseSlot, Meeting, MeetingStatus
from intervisie_tui.i18n import _
from intervisie_tui.ui.session.chair_keys import ChairScreen


class PhaseScreen(ChairScreen):
    """The phase and clock actions of the session screen."""

    library: MethodLibrary

    # Provided by the session screen.
    def _set_meeting(self, meeting: Meeting) -> None: ...  # pragma: no cover
    def _now(self) -> datetime: ...  # pragma: no cover
    def _focus_board(self) -> None: ...  # pragma: no cover

    def action_next_phase(self) -> None:
        """Begin the meeting, go to the next phase, or (in the last phase) offer to end it."""
        now = self._now()
        if self.meeting.status is MeetingStatus.PLANNED:
            self._set_meeting(flow.start(self.meeting, now))
        elif self.meeting.status is MeetingStatus.RUNNING:
            if self.meeting.current + 1 >= len(self.meeting.phases):
                self.action_finish()
                return
            self._set_meeting(flow.next_phase(self.meeting, now))
        self._after_phase_change()

    def action_previous_phase(self) -> None:
        """Go back a phase; everything typed there is still there."""
        self._set_meeting(flow.previous_phase(self.meeting, self._now()))
        self._after_phase_change()

    def action_skip(self) -> None:
        """Skip the current phase."""
        self._set_meeting(flow.skip(self.meeting, self._now()))
        self._after_phase_change()

    def _after_phase_change(self) -> None:
        self._cancel_editing()
        self.call_after_refresh(self._focus_board)

    def action_toggle_pause(self) -> None:
        """Start a planned meeting, or pause and resume the clock (a break)."""
        now = self._now()
        if self.meeting.status is MeetingStatus.PLANNED:
            self._set_meeting(flow.start(self.meeting, now))
            return
        self._set_meeting(flow.toggle_pause(self.meeting, now))

    def action_extend(self, minutes: int) -> None:
        """One minute more (or less) for this phase."""
        self._set_meeting(flow.extend(self.meeting, self._now(), minutes))

    def action_scale(self, delta: int) -> None:
        """Move the marker on a 0-10 scale board."""
        step = self.current_step()
        if step is None or step.board is not Board.SCALE:
            return
        value = self.meeting.phases[self.meeting.current].scale_value
        value = 5 if value is None else value + delta
        self._set_meeting(flow.set_scale(self.meeting, self._now(), value))

    def action_finish(self) -> None:
        """End the meeting (asks first)."""
        # A dialog: imported when first opened, not at start (docs/PERFORMANCE.md).
        from intervisie_tui.ui.screens.confirm import Confirm

        if self.meeting.status is not MeetingStatus.RUNNING:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                from intervisie_tui.ui.session.resume_question import ask_to_count_overrun

                self._set_meeting(flow.finish(self.meeting, self._now()))
                self.app.say(_("The meeting has ended and is saved."))  # type: ignore[attr-defined]
                ask_to_count_overrun(self)  # type: ignore[arg-type]

        self.app.push_screen(Confirm(_("End the meeting?"), _("The clock stops and the end time is recorded.")),
                             answered)  # fmt: skip

    def action_choose_method(self) -> None:
        """Choose the method for each case (one or two)."""
        # A dialog: imported when first opened, not at start (docs/PERFORMANCE.md).
        from intervisie_tui.ui.session.method_chooser import MethodChooser

        def chosen(slots: tuple[CaseSlot, ...] | None) -> None:
            if slots is not None:
                self._set_meeting(flow.set_slots(self.meeting, self.library, slots, self._now()))
                pairs = [(slot.method_id, slot.case_id) for slot in slots]
                changed = work.case_statuses(self.records.cases, pairs, self._now())
                if changed:
                    self.keep(*changed)
                self.call_after_refresh(self._focus_board)

        questions = {case.id: case.question for case in self.records.cases}
        self.app.push_screen(MethodChooser(self.library, self.meeting.slots, questions), chosen)

    def action_earlier_notes(self) -> None:
        """Read the notes of every phase."""
        # A dialog: imported when first opened, not at start (docs/PERFORMANCE.md).
        from intervisie_tui.ui.session.earlier_notes import EarlierNotes

        self.app.push_screen(EarlierNotes(self.meeting, self.notes, self.phase_name))
