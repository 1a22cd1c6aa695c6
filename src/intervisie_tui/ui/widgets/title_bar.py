"""The top line: the app's name, where you are, and the time.

It never shows a group or member name: the top line is what people passing a
projected screen read first (and terminals may mirror it in their title).
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from intervisie_tui.core.dates import time_text
from intervisie_tui.ui.text import literal


class TitleBar(Widget):
    """App name on the left, the screen's place in the middle, the time on the right."""

    DEFAULT_CSS = """
    TitleBar { height: 1; dock: top; layout: horizontal; background: $panel; color: $foreground; }
    TitleBar > #title-app { width: auto; padding: 0 1; text-style: bold; }
    TitleBar > #title-place { width: 1fr; content-align: center middle; }
    TitleBar > #title-time { width: auto; padding: 0 1; }
    """

    place: reactive[str] = reactive("", init=False)
    """What the current screen is, e.g. "Groepen" (never a name)."""
    time_text: reactive[str] = reactive("", init=False)
    """The clock, HH:MM."""

    def __init__(self, place: str = "") -> None:
        super().__init__()
        self.set_reactive(TitleBar.place, place)

    def compose(self) -> ComposeResult:
        yield Static("intervisie", id="title-app", markup=False)
        yield Static(literal(self.place), id="title-place")
        yield Static("", id="title-time", markup=False)

    def on_mount(self) -> None:
        self.show_time()
        self.set_interval(1, self.show_time)

    def show_time(self) -> None:
        """Read the app's clock now (also called by screens that redraw at once)."""
        now: datetime = self.app.clock()  # type: ignore[attr-defined]
        self.time_text = time_text(now)

    def watch_place(self, place: str) -> None:
        self.query_one("#title-place", Static).update(literal(place))

    def watch_time_text(self, text: str) -> None:
        self.query_one("#title-time", Static).update(text)
