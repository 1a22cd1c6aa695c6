"""Dates and times as people read them: Dutch style for Dutch, English style for English.

Dutch: "23-11-2026", "maandag 23 november 2026", "14:05" (24-hour clock).
English: "23 Nov 2026", "Monday 23 November 2026", "14:05".
Month and day names come from tables here, not from the system locale, which
on many machines has no Dutch installed. Typed dates are read as day-month-year
in both languages (see the forms); only the display differs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from intervisie_tui.i18n import current_language

_MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_WEEKDAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
NO_DATE = "—"


def _language(language: str | None) -> str:
    chosen = language or current_language()
    return chosen if chosen in _MONTHS else "nl"


def day_text(day: date | None, language: str | None = None) -> str:
    """A short date: "23-11-2026" (nl) or "23 Nov 2026" (en); "—" for none."""
    if day is None:
        return NO_DATE
    if _language(language) == "nl":
        return f"{day.day:02d}-{day.month:02d}-{day.year}"
    return f"{day.day} {_MONTHS['en'][day.month - 1][:3]} {day.year}"


def long_day_text(day: date | None, language: str | None = None) -> str:
    """A date with its weekday: "maandag 23 november 2026" / "Monday 23 November 2026"."""
    if day is None:
        return NO_DATE
    lang = _language(language)
    return f"{_WEEKDAYS[lang][day.weekday()]} {day.day} {_MONTHS[lang][day.month - 1]} {day.year}"


def time_text(moment: datetime | None) -> str:
    """A time of day on the 24-hour clock: "14:05"; "–" for none."""
    return f"{moment.hour:02d}:{moment.minute:02d}" if moment is not None else "–"


def moment_text(moment: datetime | None, language: str | None = None) -> str:
    """Date and time: "23-11-2026 14:05" (nl) or "23 Nov 2026 14:05" (en)."""
    if moment is None:
        return NO_DATE
    return f"{day_text(moment, language)} {time_text(moment)}"


def parse_day(text: str) -> date | None:
    """A date typed as day-month-year (23-11-2026) or ISO (2026-11-23); None when it is neither."""
    for pattern in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def years_before(end: date, years: int) -> date:
    """The first day of the ``years`` years that end on ``end`` (2026-11-23, 5 -> 2021-11-24)."""
    try:
        start = end.replace(year=end.year - years)
    except ValueError:  # 29 February
        start = end.replace(year=end.year - years, day=28)
    return start + timedelta(days=1)
