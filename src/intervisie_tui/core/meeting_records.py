"""What the rounds of one meeting recorded, as the meeting session holds it while it runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from intervisie_tui.core.model import Attendance, Case, Evaluation, FeedbackItem, Member, Question, Round


@dataclass
class MeetingRecords:
    """The records of one meeting's rounds, its members and the look-back's cases."""

    members: list[Member]
    present: list[str]
    questions: list[Question] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    feedback: list[FeedbackItem] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    rounds: dict[str, Round] = field(default_factory=dict)
    previous_cases: list[Case] = field(default_factory=list)
    """The previous meeting's cases, for the look-back."""
    attendance: list[Attendance] = field(default_factory=list)
    """Who is (not) here: one record per member marked absent, late or leaving early (none: present)."""

    def names(self) -> dict[str, str]:
        """Member id -> name, archived members included."""
        return {member.id: member.name for member in self.members}


def replaced(records: list[Any], changed: Any) -> list[Any]:
    """``records`` with ``changed`` in place of the record with its id (or added at the end)."""
    ids = [record.id for record in records]
    if changed.id in ids:
        return [changed if record.id == changed.id else record for record in records]
    return [*records, changed]
