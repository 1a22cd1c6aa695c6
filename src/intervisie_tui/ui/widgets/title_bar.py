"""The top line: the app's name, where you are, and the time.

It never shows a group or member name: the top line is what people passing a
projected screen read first (and terminals may mirror it in their title).
"""

from __future__ import annotations

import asyncio
import contextvars
import weakref
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from intervisie_tui.core.dates import time_text
from intervisie_tui.ui.text import literal

if TYPE_CHECKING:
    from textual import getters

    from intervisie_tui.ui.app import IntervisieApp


MINUTE_MARGIN_S = 0.05
"""How long after the minute changes the title's own clock wakes (a timer may fire a little early)."""


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

    if TYPE_CHECKING:
        app = getters.app(IntervisieApp)

    def __init__(self, place: str = "", *, own_clock: bool = True) -> None:
        super().__init__()
        self.set_reactive(TitleBar.place, place)
        self._own_clock = own_clock
        """False where the screen's own once-a-second tick calls :meth:`show_time` (one timer, one frame)."""
        self._wake: asyncio.TimerHandle | None = None

    def compose(self) -> ComposeResult:
        yield Static("intervisie", id="title-app", markup=False)
        yield Static(literal(self.place), id="title-place")
        yield Static("", id="title-time", markup=False)

    def on_mount(self) -> None:
        self.show_time()
        if self._own_clock:
            self._wake_at_next_minute()

    def on_unmount(self) -> None:
        if self._wake is not None:
            self._wake.cancel()

    def _wake_at_next_minute(self) -> None:
        """Wake once a minute, just after it changes (the time shows hours and minutes), not every second.

        Not a Textual timer: a stopped one leaves its sleep in the event loop until it was due, and that
        keeps the whole title bar, its screen's context and their drawn lines for up to a minute after
        the screen closed. This wake holds the bar only weakly, in an empty context, and is cancelled
        when the bar goes.
        """
        now: datetime = self.app.clock()
        wait = 60 - now.second - now.microsecond / 1_000_000
        bar = weakref.ref(self)

        def wake() -> None:
            alive = bar()
            if alive is not None and alive.is_attached:
                alive.call_later(alive._next_minute)

        loop = asyncio.get_running_loop()
        self._wake = loop.call_later(max(wait, 0.0) + MINUTE_MARGIN_S, wake, context=contextvars.Context())

    def _next_minute(self) -> None:
        self.show_time()
        self._wake_at_next_minute()

    def show_time(self) -> None:
        """Read the app's clock now (also called by screens that redraw at once)."""
        now: datetime = self.app.clock()
        self.time_text = time_text(now)

    def watch_place(self, place: str) -> None:
        self.query_one("#title-place", Static).update(literal(place))

    def watch_time_text(self, old: str, text: str) -> None:
        # HH:MM keeps its width: a new layout of the screen only when the length changes (the first time).
        self.query_one("#title-time", Static).update(text, layout=len(text) != len(old))
