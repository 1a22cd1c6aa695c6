"""Who chairs on the session screen: L hands the chair over, I switches the chair's cues on or off.

:class:`ChairScreen` sits between the note keys and the session screen; its
keys are declared with the session screen's own, so the footer and F1 keep
one order.
"""

from __future__ import annotations

from textual.widgets import Static

from intervisie_tui.core import meeting as flow
from intervisie_tui.core.chair_handover import chair_of_phase, hand_meeting, hand_phase
from intervisie_tui.core.chair_prompts import prompts as chair_prompts
from intervisie_tui.core.model import Question
from intervisie_tui.core.names import short_names
from intervisie_tui.i18n import _
from intervisie_tui.ui.session.note_keys import NoteScreen
from intervisie_tui.ui.session.texts import meeting_open


class ChairScreen(NoteScreen):
    """The chair's status, the hand-over picker and the cues, for the session screen."""

    show_prompts: bool = False
    """Cues for the chair (the session screen turns them on where no supervisor is present)."""
    _shown_cues: str = ""

    # Provided by the session screen.
    def phase_name(self, index: int) -> str: ...  # pragma: no cover
    def _tick(self) -> None: ...  # pragma: no cover
    def _show_status(self, now) -> None: ...  # pragma: no cover

    def _show_prompts(self, reading: flow.ClockReading) -> None:
        """The chair's cues for this moment (self-run meetings, or when switched on with I)."""
        cues: list[str] = []
        if self.show_prompts and not self.app.room_view and meeting_open(self.meeting):  # type: ignore[attr-defined]
            step = self.current_step()
            cues = chair_prompts(step, reading, self.phase_round(), self._phase_questions(),
                                 activity=step.activity if step else None)  # fmt: skip
        text = "  ·  ".join(cues)
        if text != self._shown_cues:  # once a second: only touch the widget when the cues change
            self._shown_cues = text
            line = self.query_one("#chair-prompt", Static)
            line.update(text)
            line.set_class(not cues, "-hidden")

    def _phase_questions(self) -> list[Question]:
        case_id = self.phase_case_id()
        return [question for question in self.records.questions if question.case_id == case_id]

    def action_toggle_prompts(self) -> None:
        """I: the chair's cues on or off."""
        self.show_prompts = not self.show_prompts
        self.app.say(_("Chair cues on.") if self.show_prompts else _("Chair cues off."))  # type: ignore[attr-defined]
        self._tick()

    def chair_text(self) -> str:
        """Who chairs the current phase, for the status line ("" when nobody is set)."""
        chair = chair_of_phase(self.meeting, self.meeting.current)
        if chair:
            return _("chair {name}").format(name=short_names(self.member_names()).get(chair, "?"))
        return ""

    def action_hand_chair(self) -> None:
        """L: hand the chair to a member for this phase or the rest of the meeting, or take it back."""
        # A dialog: imported when first opened, not at start (docs/PERFORMANCE.md).
        from intervisie_tui.ui.session.chair_picker import (
            PHASE,
            ChairPicker,
            chair_options,
        )

        if not self.meeting.phases:
            return
        names = self.member_names()
        options = chair_options(self.records.present, names, supervised=self.meeting.supervised,
                                phase_name=self.phase_name(self.meeting.current))  # fmt: skip
        current = self.chair_text() or (_("chair: supervisor") if self.meeting.supervised else _("Nobody chairs yet."))

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            scope, member = choice
            now = self._now()
            if scope == PHASE:
                self._set_meeting(hand_phase(self.meeting, self.meeting.current, member, now))
            else:
                self._set_meeting(hand_meeting(self.meeting, member, now))
            self._show_status(now)

        self.app.push_screen(ChairPicker(options, current), chosen)

