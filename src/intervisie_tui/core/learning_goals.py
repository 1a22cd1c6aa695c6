"""Personal learning goals in a supervised programme: set at its start, looked back on at its close.

Each member names a learning goal when the supervised programme starts (``Member.learning_goal``,
on the member's form). The programme's closing supervised meeting (handover stage 6, see
core/programme.py) asks each member in the closing round how far they got
(``Evaluation.goal_review``); the minutes' personal part carries both. Sources: docs/RULES.md.
"""

from __future__ import annotations

from intervisie_tui.core.model import Meeting
from intervisie_tui.core.programme import CLOSING_STAGE
from intervisie_tui.i18n import _


def looks_back_on_goals(meeting: Meeting) -> bool:
    """Whether ``meeting`` is the programme's closing supervised meeting, where the goals are looked back on."""
    return meeting.supervised and meeting.handover_stage == CLOSING_STAGE


def goal_intro(goal: str) -> str:
    """The line shown above a member's closing turn in the closing meeting ("" without a goal)."""
    if not goal.strip():
        return ""
    return _("Your learning goal at the start: {goal}").format(goal=goal.strip())
