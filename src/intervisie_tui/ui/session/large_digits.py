"""Digits five rows high, for a clock read from across a room on a wide screen.

Textual's ``Digits`` is three rows high; on a projected 120-column screen and
up there is room for more, and size is what a room reads from the back.
Drawn with full blocks only, which every terminal font and the Linux console
have.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

# Each glyph is 5 rows; "#" is a filled cell. Width varies per glyph.
_GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("#####", "#   #", "#   #", "#   #", "#####"),
    "1": ("  #  ", " ##  ", "  #  ", "  #  ", " ### "),
    "2": ("#####", "    #", "#####", "#    ", "#####"),
    "3": ("#####", "    #", " ####", "    #", "#####"),
    "4": ("#   #", "#   #", "#####", "    #", "    #"),
    "5": ("#####", "#    ", "#####", "    #", "#####"),
    "6": ("#####", "#    ", "#####", "#   #", "#####"),
    "7": ("#####", "    #", "   # ", "  #  ", "  #  "),
    "8": ("#####", "#   #", "#####", "#   #", "#####"),
    "9": ("#####", "#   #", "#####", "    #", "#####"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("     ", "  #  ", "#####", "  #  ", "     "),
    "-": ("     ", "     ", "#####", "     ", "     "),
    " ": ("  ", "  ", "  ", "  ", "  "),
}
HEIGHT = 5


def render_rows(text: str) -> list[str]:
    """``text`` as five rows of full blocks and spaces (unknown characters are left out)."""
    glyphs = [_GLYPHS[char] for char in text if char in _GLYPHS]
    return [" ".join(glyph[row] for glyph in glyphs).replace("#", "█") for row in range(HEIGHT)]


class LargeDigits(Widget):
    """A line of digits drawn five rows high, centred, in the widget's colour."""

    DEFAULT_CSS = """
    LargeDigits { height: 5; width: 1fr; }
    """

    def __init__(self, value: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._value = value
        self._rows = render_rows(value)

    @property
    def value(self) -> str:
        """The text shown."""
        return self._value

    def update(self, value: str) -> None:
        """Show ``value``; repaints only when it changed."""
        if value != self._value:
            self._value = value
            self._rows = render_rows(value)
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y >= HEIGHT or width <= 0:
            return Strip.blank(width, self.rich_style)
        row = self._rows[y] if self._rows else ""
        left = max(0, (width - len(row)) // 2)
        line = (" " * left + row)[:width].ljust(width)
        return Strip([Segment(line, self.rich_style or Style())], width)
