"""A member's own reflection on a meeting: what I learned, and the three SKJ dimensions.

Stored on the member's evaluation of the meeting (one per member), so the
closing round's takeaway and the later reflection are one record. The
minutes' personal part is made from it, only for members who ask for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from intervisie_tui.core.model import Evaluation, Meeting, new_id, touch
from intervisie_tui.core.sanitize import LINE_MAX, clean_line

FIELDS = ("takeaway", "technical", "normative", "personal")


def evaluation_of(evaluations: Iterable[Evaluation], meeting: Meeting, member_id: str, now: datetime) -> Evaluation:
    """The member's evaluation of the meeting (the newest if several), or a new empty one."""
    mine = [e for e in evaluations if e.member_id == member_id and e.meeting_id == meeting.id]
    if mine:
        return max(mine, key=lambda evaluation: evaluation.updated_at)
    return Evaluation(id=new_id(), meeting_id=meeting.id, member_id=member_id, updated_at=now)


def with_reflection(evaluation: Evaluation, values: dict[str, str], now: datetime) -> Evaluation:
    """The evaluation with the typed reflection (each line cleaned and capped); other fields kept."""
    changes = {name: clean_line(values.get(name, ""), LINE_MAX) for name in FIELDS}
    return touch(evaluation, now, **changes)
