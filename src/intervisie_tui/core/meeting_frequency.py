"""How often a group meets: its meetings per calendar year, and the years outside 4 to 8.

The public pages on intervision advise at least four meetings a year and describe groups meeting
about every six weeks (docs/RULES.md); the app takes 4 to 8 a year. Only closed meetings count. A
year the group did not span whole (the year it was made, and the year running now) is only judged
when it already holds more than eight: it may still reach four. The group screen shows the result;
nothing is refused.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from intervisie_tui.core.model import MeetingStatus, MeetingSummary
from intervisie_tui.i18n import _

MIN_PER_YEAR = 4
MAX_PER_YEAR = 8


def meetings_per_year(summaries: Sequence[MeetingSummary]) -> dict[int, int]:
    """Calendar year -> how many closed meetings were held in it, oldest year first."""
    counted = Counter(summary.held_on.year for summary in summaries if summary.status is MeetingStatus.CLOSED)
    return dict(sorted(counted.items()))


def years_outside(counts: dict[int, int], since: date | None, today: date) -> list[tuple[int, int]]:
    """The (year, count) pairs outside 4-8 a year, oldest first.

    Whole years between the group's start (``since``; None: its first meeting's year) and ``today``
    are judged both ways, including years without a meeting; the first and the running year only
    when over eight.
    """
    if not counts:
        return []
    first = since.year if since is not None else min(counts)
    outside = []
    for year in range(first, today.year + 1):
        count = counts.get(year, 0)
        whole = first < year < today.year
        if count > MAX_PER_YEAR or (whole and count < MIN_PER_YEAR):
            outside.append((year, count))
    return outside


def frequency_line(outside: Sequence[tuple[int, int]]) -> str:
    """One line for the group screen naming the years outside 4-8 meetings ("" when none)."""
    if not outside:
        return ""
    years = ", ".join(f"{year}: {count}" for year, count in outside)
    return _("Meetings a year outside 4-8: {years}").format(years=years)
