"""Who chairs next, and who brings in a case: rotation over the group's history.

Roles rotate every meeting (docs/GROUPS.md). The rules here read a
history of :class:`MeetingContent`; only closed meetings count, so a meeting
under way or planned changes nothing until it is closed. Proposals are only
proposals: the group agrees the next chair and presenter at the close.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from intervisie_tui.core.model import CaseStatus, MeetingContent, MeetingStatus, Member
from intervisie_tui.core.values import value_class

_WORKED = (CaseStatus.CHOSEN, CaseStatus.DONE)


def _closed(history: Sequence[MeetingContent]) -> list[MeetingContent]:
    return [content for content in history if content.meeting.status is MeetingStatus.CLOSED]


def _latest(first: date | None, second: date) -> date:
    return second if first is None or second > first else first


def _longest_ago(last: date | None) -> date:
    """A sort key: never (None) comes before any date."""
    return date.min if last is None else last


def attended(member: Member, content: MeetingContent) -> bool:
    """Whether ``member`` was at the meeting of ``content``.

    The member's attendance record decides. Without one, a member counts as
    present when they had joined by the meeting's date (or their joining date
    is unknown); whether they are active now does not matter.
    """
    records = [record for record in content.attendance if record.member_id == member.id]
    if records:
        return any(record.present for record in records)
    return member.joined_on is None or member.joined_on <= content.meeting.held_on


def is_newcomer(member: Member, history: Sequence[MeetingContent], on: date) -> bool:
    """Whether ``member`` attended no closed meeting held before ``on``."""
    return not any(content.meeting.held_on < on and attended(member, content) for content in _closed(history))


@value_class
class ChairStats:
    """How often a member chaired: whole meetings, phases handed to them, and the last meeting chaired."""

    meetings: int = 0
    phases: int = 0
    last: date | None = None
    """The date of the last whole meeting chaired; None when never (phases do not set it)."""


def chair_record(history: Sequence[MeetingContent]) -> dict[str, ChairStats]:
    """Member id -> how often they chaired, over the closed meetings of ``history``.

    A meeting counts for its chair (``Meeting.chair_id``; "" is the supervisor
    and counts for nobody). A phase counts for the member it was handed to
    (``PhaseRecord.chair_id``), unless that is the meeting's own chair.
    """
    record: dict[str, ChairStats] = {}
    for content in _closed(history):
        meeting = content.meeting
        if meeting.chair_id:
            stats = record.get(meeting.chair_id, ChairStats())
            last = _latest(stats.last, meeting.held_on)
            record[meeting.chair_id] = ChairStats(stats.meetings + 1, stats.phases, last)
        for phase in meeting.phases:
            if phase.chair_id and phase.chair_id != meeting.chair_id:
                stats = record.get(phase.chair_id, ChairStats())
                record[phase.chair_id] = ChairStats(stats.meetings, stats.phases + 1, stats.last)
    return record


def propose_chair(
    members: Sequence[Member], history: Sequence[MeetingContent], on: date, *, skip: Collection[str] = ()
) -> str | None:
    """The member to propose as chair of the meeting on ``on``; None when nobody qualifies.

    Candidates are active members not in ``skip`` who are no newcomers on
    ``on`` (a newcomer first sees a meeting chaired by someone else). The one
    who chaired the fewest meetings goes first; on a tie, the one who chaired
    longest ago (never before any date); then by name.
    """
    record = chair_record(history)
    candidates = [
        member for member in members if member.active and member.id not in skip and not is_newcomer(member, history, on)
    ]

    def turn(member: Member) -> tuple[int, date, str, str]:
        stats = record.get(member.id, ChairStats())
        return stats.meetings, _longest_ago(stats.last), member.name.casefold(), member.id

    return min(candidates, key=turn).id if candidates else None


@value_class
class RotaLine:
    """One member's line in the presenter rota: cases worked and the date of the last one."""

    member_id: str
    cases: int
    last: date | None


def inbrenger_rota(members: Sequence[Member], history: Sequence[MeetingContent]) -> list[RotaLine]:
    """The presenter (inbrenger) rota: every member of ``members``, whose turn it is first.

    Counts the cases chosen or worked in closed meetings. Fewest cases first;
    on a tie, the one whose last case is longest ago (never before any date);
    then by name. Archived members are listed too (see :func:`suggest_inbrenger`).
    """
    counts: dict[str, int] = {}
    lasts: dict[str, date] = {}
    for content in _closed(history):
        held_on = content.meeting.held_on
        for case in content.cases:
            if case.status in _WORKED:
                counts[case.inbrenger_id] = counts.get(case.inbrenger_id, 0) + 1
                lasts[case.inbrenger_id] = _latest(lasts.get(case.inbrenger_id), held_on)
    names = {member.id: member.name.casefold() for member in members}
    lines = [RotaLine(member.id, counts.get(member.id, 0), lasts.get(member.id)) for member in members]
    return sorted(lines, key=lambda line: (line.cases, _longest_ago(line.last), names[line.member_id], line.member_id))


def suggest_inbrenger(
    members: Sequence[Member], history: Sequence[MeetingContent], *, exclude: Collection[str] = ()
) -> str | None:
    """The active member whose turn it is to bring in a case, leaving out ``exclude``; None when nobody is left."""
    active = {member.id for member in members if member.active}
    return next(
        (
            line.member_id
            for line in inbrenger_rota(members, history)
            if line.member_id in active and line.member_id not in exclude
        ),
        None,
    )
