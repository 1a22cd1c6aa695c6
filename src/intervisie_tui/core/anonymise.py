"""Clients stay anonymous in what leaves the file: what looks like a BSN, a date or a postcode is left out.

The group's agreements say clients stay anonymous: no names, birth dates,
addresses or BSN (``core.agreements``). Names cannot be told from other words,
so the group keeps them out itself; what has a shape is caught here and
replaced by :data:`LEFT_OUT` in the minutes (``core.minutes`` says so at the
end when it happened). A date in the text goes too (it may be a birth date):
the minutes' own dates are not user text and stay.
"""

from __future__ import annotations

import re

LEFT_OUT = "[…]"

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|"
    "jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)
_SHAPES = re.compile(
    "|".join(
        (
            # A date with a year: 3-4-2015, 03/04/15, 3.4.2015, 2015-04-03, 3 april 2015.
            r"(?<!\w)\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?!\w)",
            r"(?<!\w)\d{4}-\d{1,2}-\d{1,2}(?!\w)",
            rf"(?<!\w)\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}(?!\w)",
            # A BSN: nine digits, perhaps grouped by spaces, dots or hyphens (and eight, an old one).
            r"(?<!\w)\d(?:[ .-]?\d){7,8}(?!\w)",
            # A Dutch postcode: 1234 AB.
            r"(?<!\w)[1-9]\d{3} ?[A-Z]{2}(?!\w)",
        )
    ),
    re.IGNORECASE,
)
_POSTCODE_LETTERS = re.compile(r"[1-9]\d{3} ?([A-Za-z]{2})$")


def _replace(match: re.Match[str]) -> str:
    found = match.group(0)
    postcode = _POSTCODE_LETTERS.match(found)
    if postcode is not None and not postcode.group(1).isupper():
        return found  # "2024 en": a year and a word, not a postcode
    return LEFT_OUT


def anonymised(text: str) -> str:
    """``text`` with every date, BSN-like number and postcode replaced by :data:`LEFT_OUT`."""
    return _SHAPES.sub(_replace, text)
