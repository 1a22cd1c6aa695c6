"""Gathering what the session screen needs of one meeting from the open file."""

from __future__ import annotations

from intervisie_tui.core.meeting_records import MeetingRecords
from intervisie_tui.core.model import CaseStatus, MeetingContent, MeetingStatus
from intervisie_tui.core.round_work import present_members
from intervisie_tui.store.repository import Repository


def meeting_records(repository: Repository, content: MeetingContent, group_id: str) -> MeetingRecords:
    """The meeting's round records, its members, and the previous meeting's cases for the look-back."""
    members = repository.members(group_id)
    meeting = content.meeting
    earlier = [
        summary
        for summary in repository.meetings(group_id)  # newest first
        if summary.id != meeting.id and summary.held_on <= meeting.held_on and summary.status is MeetingStatus.CLOSED
    ]
    previous = []
    if earlier:
        before = repository.meeting_content(earlier[0].id)
        if before is not None:
            previous = [case for case in before.cases if case.status in (CaseStatus.CHOSEN, CaseStatus.DONE)]
    return MeetingRecords(
        members=members,
        present=present_members(members, content.attendance),
        questions=list(content.questions),
        cases=list(content.cases),
        feedback=list(content.feedback),
        evaluations=list(content.evaluations),
        rounds={round_.phase_key: round_ for round_ in content.rounds},
        previous_cases=previous,
        attendance=list(content.attendance),
    )
