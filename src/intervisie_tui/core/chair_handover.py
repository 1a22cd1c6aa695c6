"""Handing the chair over during a meeting: for one phase, or for the whole meeting.

In a supervised meeting the supervisor chairs unless a member has the chair
(``Meeting.chair_id``); a single phase can be handed to a member on its own
(``PhaseRecord.chair_id``) — the co-chairing step of the handover plan.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from intervisie_tui.core.model import (
    FeedbackAbout,
    FeedbackItem,
    Meeting,
    new_id,
    touch,
)
from intervisie_tui.core.sanitize import LINE_MAX, clean_line


def chair_of_phase(meeting: Meeting, index: int) -> str:
    """Who chairs phase ``index``: the phase's own chair, else the meeting's ("" = supervisor or nobody)."""
    if 0 <= index < len(meeting.phases) and meeting.phases[index].chair_id:
        return meeting.phases[index].chair_id
    return meeting.chair_id


def hand_phase(meeting: Meeting, index: int, member_id: str, now: datetime) -> Meeting:
    """``member_id`` chairs phase ``index`` ("" gives the phase back to the meeting's chair)."""
    if not 0 <= index < len(meeting.phases):
        return meeting
    phases = list(meeting.phases)
    phases[index] = replace(phases[index], chair_id=member_id)
    return touch(meeting, now, phases=tuple(phases))


def hand_meeting(meeting: Meeting, member_id: str, now: datetime) -> Meeting:
    """``member_id`` chairs the rest of the meeting ("" = back to the supervisor).

    Phases still to come lose a chair of their own; phases already held keep
    who chaired them, which is the record the group's rotation reads.
    """
    phases = tuple(
        replace(phase, chair_id="") if index >= meeting.current else phase for index, phase in enumerate(meeting.phases)
    )
    return touch(meeting, now, chair_id=member_id, phases=phases)


def chairs_of(meeting: Meeting) -> tuple[str, ...]:
    """Every member who chaired all or part of the meeting, the meeting's chair first."""
    found = [meeting.chair_id] if meeting.chair_id else []
    found += [phase.chair_id for phase in meeting.phases if phase.chair_id]
    return tuple(dict.fromkeys(found))


def feedback_to_chair(
    meeting_id: str, giver_id: str, chair_id: str, *, top: str, tip: str, now: datetime
) -> FeedbackItem | None:
    """A top and a tip for the chair from ``giver_id``; None when both are empty or the giver is the chair."""
    if giver_id == chair_id or not chair_id or not (top.strip() or tip.strip()):
        return None
    return FeedbackItem(
        id=new_id(),
        meeting_id=meeting_id,
        giver_id=giver_id,
        about=FeedbackAbout.CHAIR,
        top=clean_line(top, LINE_MAX),
        tip=clean_line(tip, LINE_MAX),
        updated_at=now,
    )
