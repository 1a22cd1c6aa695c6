"""Roles beside the chair and the presenter: the timekeeper and the note-taker (who keeps the board).

Chosen at check-in (L on the meeting screen) and rotated like the chair (core/chairs.py): the
proposal is the active member who held the role fewest times, longest ago, then by name, leaving
out the chair and the presenter, who have their hands full. Only closed meetings count.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from types import MappingProxyType

from intervisie_tui.core.model import Meeting, MeetingContent, MeetingStatus, Member
from intervisie_tui.i18n import N_, _

TIMEKEEPER, NOTETAKER = "timekeeper", "notetaker"
ROLES = (TIMEKEEPER, NOTETAKER)

FIELDS = MappingProxyType({TIMEKEEPER: "timekeeper_id", NOTETAKER: "notetaker_id"})
"""Role -> the Meeting field that holds its member."""

_SHORT = {TIMEKEEPER: N_("time {name}"), NOTETAKER: N_("notes {name}")}
_NAMED = {TIMEKEEPER: N_("Timekeeper: {name}"), NOTETAKER: N_("Note-taker (keeps the board): {name}")}


def holder(meeting: Meeting, role: str) -> str:
    """The member holding ``role`` in ``meeting`` ("" when nobody does)."""
    return str(getattr(meeting, FIELDS[role]))


def role_record(history: Sequence[MeetingContent], role: str) -> dict[str, tuple[int, date]]:
    """Member id -> (times they held ``role``, the last date) over the closed meetings."""
    record: dict[str, tuple[int, date]] = {}
    for content in history:
        meeting = content.meeting
        member = holder(meeting, role)
        if meeting.status is not MeetingStatus.CLOSED or not member:
            continue
        times, last = record.get(member, (0, date.min))
        record[member] = (times + 1, max(last, meeting.held_on))
    return record


def propose(
    role: str, members: Sequence[Member], history: Sequence[MeetingContent], *, skip: Collection[str] = ()
) -> str | None:
    """The member whose turn it is to hold ``role``; None when nobody is left after ``skip``."""
    record = role_record(history, role)
    candidates = [member for member in members if member.active and member.id not in skip]

    def turn(member: Member) -> tuple[int, date, str, str]:
        times, last = record.get(member.id, (0, date.min))
        return times, last, member.name.casefold(), member.id

    return min(candidates, key=turn).id if candidates else None


def role_line(role: str, name: str) -> str:
    """The role and its holder, for a list ("Timekeeper: Aya")."""
    return _(_NAMED[role]).format(name=name)


def roles_text(meeting: Meeting, names: dict[str, str]) -> str:
    """The roles held, short, for the status line ("time Aya · notes Bas"); "" when none are."""
    parts = [
        _(_SHORT[role]).format(name=names.get(holder(meeting, role), "?")) for role in ROLES if holder(meeting, role)
    ]
    return " · ".join(parts)
