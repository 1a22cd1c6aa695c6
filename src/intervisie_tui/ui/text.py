"""User text on screen: always literal, never parsed as markup.

Every widget that shows a name, title, question or note gets it through
:func:`literal` (Textual ``Content``), :func:`cell` (Rich ``Text`` for
``DataTable``, which would otherwise parse plain strings as markup) or
:func:`wrapping` (Rich ``Text`` that wraps, inside a Rich layout). A note may
hold several lines; :func:`indented` lines them up under a bullet or label.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from intervisie_tui.core.sanitize import display


def literal(text: str, style: str = "") -> Content:
    """User text as Content: shown exactly as typed, control characters neutralised."""
    return Content.styled(display(text), style) if style else Content(display(text))


def cell(text: str, style: str = "") -> Text:
    """User text as a literal Rich ``Text`` for table cells."""
    return Text(display(text), style=style, no_wrap=True, overflow="ellipsis")


def wrapping(text: str, style: str = "") -> Text:
    """User text as a literal Rich ``Text`` that wraps (for a Rich layout inside a widget)."""
    return Text(display(text), style=style)


def indented(text: str, indent: str) -> str:
    """User text safe to draw, each line after the first starting with ``indent`` (a note's lines in a list)."""
    return ("\n" + indent).join(display(line) for line in text.split("\n"))
