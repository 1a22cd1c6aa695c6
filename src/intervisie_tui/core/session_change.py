"""What one operation of a meeting session changed: records to save, a notice, a dialog to open.

:class:`~intervisie_tui.core.meeting_session.MeetingSession` answers every operation with a
:class:`Change`; the screen hands its records to the saver, shows its notice, opens what it
asks for and draws the session again. An operation that cannot act says why in its notice:
nothing is ever silently nothing.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from intervisie_tui.core.values import value_class


class InputPurpose(Enum):
    """What the input line at the bottom of the meeting screen is open for."""

    ADD_NOTE = "add_note"
    EDIT_NOTE = "edit_note"
    QUESTION = "question"
    EDIT_QUESTION = "edit_question"
    TAKEAWAY = "takeaway"
    OUTCOME = "outcome"
    THEME = "theme"

    @property
    def keeps_lines(self) -> bool:
        """A note keeps the lines of a paste; every other line joins them (docs/ROUNDS.md)."""
        return self in (InputPurpose.ADD_NOTE, InputPurpose.EDIT_NOTE)


AT_CHECK_IN = "check-in"
"""The subject of the attendance question that opens when a meeting begins."""


class Ask(Enum):
    """A dialog the screen opens for the session; its answer goes back to the session."""

    FINISH = "finish"
    """End the meeting? (yes: :meth:`MeetingSession.finish`)"""
    OVERRUN = "overrun"
    """Count the time past the plan? (yes: :meth:`MeetingSession.confirm_overrun`)"""
    RESUME = "resume"
    """A meeting found still running: go on, or it ended when its clock last ran."""
    METHOD = "method"
    EARLIER_NOTES = "earlier_notes"
    CHAIR = "chair"
    BALANCE = "balance"
    CANDIDATE = "candidate"
    """A candidate case: a new one (subject None) or the case given to change."""
    FEEDBACK = "feedback"
    EVALUATION = "evaluation"
    """A closing turn; subject: the name of the member who chaired ("" for none)."""
    NEXT_PLAN = "next_plan"
    ATTENDANCE = "attendance"
    """Who is here today (subject :data:`AT_CHECK_IN` when the meeting has just begun)."""
    """Who is here today: absent, late, leaving early."""


@value_class
class Request:
    """A dialog to open, and what it is about."""

    ask: Ask
    subject: Any = None


@value_class
class InputRequest:
    """Open the input line for ``purpose`` with ``text``.

    ``column`` is the whiteboard column of a note; ``record_id`` the note, question or case the
    line changes (kept with the request, so the line changes what it was opened on).
    """

    purpose: InputPurpose
    text: str = ""
    placeholder: str = ""
    column: str = ""
    record_id: str | None = None


@value_class
class Focus:
    """Where the keyboard goes after a change: a note in a column of the board, or the board as such."""

    column: str | None = None
    note_id: str | None = None


@value_class(kw_only=True)
class Change:
    """The answer to one operation of the session."""

    saved: tuple[Any, ...] = ()
    """Records to hand to the saver (new or changed)."""
    removed: tuple[Any, ...] = ()
    """Records to remove from the file."""
    notice: str = ""
    """A sentence for the chair; for an operation that could not act, why not."""
    warning: bool = False
    """Whether the notice is a warning (text refused, nothing to take back) rather than information."""
    request: Request | None = None
    input: InputRequest | None = None
    close_input: bool = False
    focus: Focus | None = None
    redraw: bool = True
    """Whether the session must be drawn again (False for a notice alone)."""

    @property
    def acted(self) -> bool:
        """Whether the operation changed or opened anything (not only a notice)."""
        return bool(self.saved or self.removed or self.request or self.input or self.close_input)


def refused(notice: str) -> Change:
    """The answer of an operation that cannot act now: why, and nothing else."""
    return Change(notice=notice, warning=True, redraw=False)
