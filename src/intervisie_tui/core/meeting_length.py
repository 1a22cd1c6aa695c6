"""How long a meeting is planned to last, and a warning when that is outside 2 to 4 hours.

The public pages on intervision set a meeting at two to four hours (docs/RULES.md). A meeting's
plan is its phases' minutes (the frame with each case's method, minutes added included) and the
break planned into it at the last close: the break is part of its length, never of its counted
hours (core/meeting_time). The app warns when the plan is made (the methods chosen); it never
refuses.
"""

from __future__ import annotations

from intervisie_tui.core.meeting import planned_total_minutes
from intervisie_tui.core.model import Meeting
from intervisie_tui.i18n import _

MIN_MINUTES = 120
"""The shortest meeting the sources describe: two hours."""
MAX_MINUTES = 240
"""The longest: four hours."""
BREAK_MAX_MINUTES = 60
"""The longest break the next-meeting form takes."""


def parse_break(typed: str) -> int:
    """Break minutes as typed in the next-meeting form ("" is none); ValueError with a message otherwise."""
    typed = typed.strip()
    if not typed:
        return 0
    if not typed.isdigit() or int(typed) > BREAK_MAX_MINUTES:
        raise ValueError(_("Type the break in whole minutes, 0 to {n}.").format(n=BREAK_MAX_MINUTES))
    return int(typed)


def planned_length(meeting: Meeting) -> float:
    """Planned minutes of the meeting: its phases (minutes added included) and its planned break."""
    return planned_total_minutes(meeting) + meeting.planned_break_minutes


def hours_text(minutes: float) -> str:
    """Minutes as h:mm ("1:50")."""
    whole = round(minutes)
    return f"{whole // 60}:{whole % 60:02d}"


def length_warning(minutes: float) -> str:
    """A warning when ``minutes`` is under two hours or over four, else ""."""
    if minutes < MIN_MINUTES:
        return _(
            "Planned {length} h: a meeting takes at least 2 hours. A second case (T in the method chooser) or "
            "more time for a phase (+) makes it longer."
        ).format(length=hours_text(minutes))
    if minutes > MAX_MINUTES:
        return _("Planned {length} h: a meeting takes at most 4 hours.").format(length=hours_text(minutes))
    return ""
