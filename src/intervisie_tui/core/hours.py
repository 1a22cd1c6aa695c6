"""Intervision hours: the net time of a meeting, for one member and within a period.

Net time is the meeting time that counts (``core.meeting_time``: what the phase
clock ran, never the time the app was closed, at most the plan unless the chair
confirmed more), placed from the actual start past breaks and gaps. For a
member it is further cut to the time they were there (an attendance record's
arrival and departure); a member recorded absent has none; a member without an
attendance record was there the whole meeting (the rule of
``round_work.present_members``). A period cuts a meeting at its edges, so a
meeting across midnight or across the end of a register period counts only
the part inside. Only meetings with both an actual start and end count.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING

from intervisie_tui import i18n
from intervisie_tui.core.dates import day_text
from intervisie_tui.core.evidence import supervisor_attended
from intervisie_tui.core.meeting_time import counted_end, not_meeting_time, overlap_seconds
from intervisie_tui.core.model import (
    Attendance,
    Meeting,
    MeetingContent,
    MeetingStatus,
)
from intervisie_tui.core.registers import counts
from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_

if TYPE_CHECKING:
    from intervisie_tui.core.registers import Register


def net_minutes(
    meeting: Meeting, attendance: Attendance | None = None, window: tuple[datetime, datetime] | None = None
) -> float:
    """Minutes of a closed ``meeting`` that count, cut to ``attendance`` and ``window``.

    The meeting counts its :func:`core.meeting_time.counted_seconds` (what its
    clock ran, at most the plan unless the chair confirmed more), placed from
    the actual start past breaks and gaps. ``window`` is a half-open [start, end)
    span (a period's bounds); ``attendance`` is one member's record for this
    meeting (None: present throughout).
    """
    if meeting.actual_start is None or meeting.actual_end is None:
        return 0.0
    if attendance is not None and not attendance.present:
        return 0.0
    start, end = meeting.actual_start, counted_end(meeting, meeting.actual_end) or meeting.actual_end
    if attendance is not None:
        start = max(start, attendance.arrived) if attendance.arrived else start
        end = min(end, attendance.left) if attendance.left else end
    if window is not None:
        start, end = max(start, window[0]), min(end, window[1])
    if end <= start:
        return 0.0
    away = overlap_seconds(start, end, not_meeting_time(meeting, meeting.actual_end))
    return max(0.0, ((end - start).total_seconds() - away) / 60)


# -- hours per member over a period ----------------------------------------------------


@value_class
class Period:
    """A span of whole days, ``start`` to ``end`` inclusive (a register period)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    def window(self, tz: tzinfo | None) -> tuple[datetime, datetime]:
        """The half-open span [start 00:00, the day after end 00:00) in ``tz``."""
        return (
            datetime.combine(self.start, time(), tzinfo=tz),
            datetime.combine(self.end + timedelta(days=1), time(), tzinfo=tz),
        )

    @property
    def whole_years(self) -> bool:
        """Whether the period runs from 1 January to 31 December."""
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)


def period_text(period: Period, language: str | None = None) -> str:
    """ "2024–2028" or "2025" for whole calendar years, else "01-03-2025 – 28-02-2026" (nl)."""
    if period.whole_years:
        years = (period.start.year, period.end.year)
        return str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
    return f"{day_text(period.start, language)} – {day_text(period.end, language)}"


@value_class
class MeetingHours:
    """The minutes one meeting counts for one member."""

    meeting_id: str
    held_on: date
    minutes: float
    supervised: bool
    """Whether a supervisor was there (marked present: ``core.evidence``)."""


@value_class
class MemberHours:
    """A member's counted meetings in a period, oldest first, and their total."""

    member_id: str
    meetings: tuple[MeetingHours, ...]
    total_minutes: float

    @property
    def hours(self) -> float:
        """The total in hours, rounded half up to 2 decimals."""
        return float(_round_half_up(self.total_minutes / 60, 2))


def _attendance_of(content: MeetingContent, member_id: str) -> Attendance | None:
    records = [record for record in content.attendance if record.member_id == member_id]
    return max(records, key=lambda record: record.updated_at) if records else None


def member_hours(
    contents: Iterable[MeetingContent], member_id: str, period: Period, *, joined_on: date | None = None
) -> MemberHours:
    """The hours ``member_id`` attended in closed meetings, cut to ``period``.

    Each meeting is cut with the period's window in the meeting's own time zone.
    Meetings that count for nothing (absent, outside the period) are left out.
    ``joined_on``: meetings held before it count only with an attendance record
    (a member without a record is otherwise taken to have been there).
    """
    counted: list[MeetingHours] = []
    for content in contents:
        meeting = content.meeting
        if meeting.status is not MeetingStatus.CLOSED or meeting.actual_start is None:
            continue
        attendance = _attendance_of(content, member_id)
        if attendance is None and joined_on is not None and meeting.held_on < joined_on:
            continue
        minutes = net_minutes(meeting, attendance, period.window(meeting.actual_start.tzinfo))
        if minutes > 0:
            counted.append(MeetingHours(meeting.id, meeting.held_on, minutes, supervisor_attended(meeting)))
    counted.sort(key=lambda item: (item.held_on, item.meeting_id))
    return MemberHours(member_id, tuple(counted), sum(item.minutes for item in counted))


# -- texts -----------------------------------------------------------------------------


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return i18n.load_translations(language)


def in_language(message: str, language: str | None = None) -> str:
    """``message`` (marked with ``N_``) translated into ``language``; None: the current language."""
    if language is None or language == i18n.current_language():
        return i18n._(message)
    return _catalogue(language).gettext(message)


def _round_half_up(value: float, decimals: int) -> Decimal:
    # Via repr, so 0.15 rounds to 0.2 as people expect, not to 0.1 as its binary value would.
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


PAPER_DECIMALS = 2
"""Decimals of every hours figure an export prints (hours statement, attendance list).

One format on paper, so the same hours never read "0,1" in one place and "0,13" in another;
two decimals, because registers count in quarter hours (1,75) and a short meeting is not 0.
"""


def hours_text(hours: float, language: str | None = None, *, decimals: int = 1) -> str:
    """Hours with ``decimals`` decimals: "34,5" (nl, decimal comma) or "34.5" (en)."""
    text = f"{_round_half_up(hours, decimals):f}"
    return text if (language or i18n.current_language()) == "en" else text.replace(".", ",")


def _norm_text(norm: float, language: str | None) -> str:
    return str(int(norm)) if norm == int(norm) else hours_text(norm, language)


def norm_line(register: Register, member_hours: MemberHours, period: Period, language: str | None = None) -> str:
    """One line on a member's hours against the register's norm, e.g. "SKJ: 34,50 van 60 uur reflectie in 2024–2028".

    The norm is named by what it counts, as the register names it; a register where intervision does
    not count toward re-registration says so instead of adding up hours for it.
    """
    if not register.counts_intervision:
        line = in_language(N_("{register}: intervision does not count toward re-registration"), language)
        return line.format(register=register.name)
    values = {
        "register": register.name,
        "hours": hours_text(member_hours.total_minutes / 60, language, decimals=PAPER_DECIMALS),
        "period": period_text(period, language),
    }
    if register.has_norm:
        line = in_language(N_("{register}: {hours} of {norm} h of {counts} in {period}"), language)
        return line.format(norm=_norm_text(register.norm_hours, language), counts=counts(register, language), **values)
    if register.hours_are_points:
        return in_language(N_("{register}: {hours} h in {period} (1 hour = 1 point)"), language).format(**values)
    return in_language(N_("{register}: {hours} h in {period} (no hours norm in this app)"), language).format(**values)
