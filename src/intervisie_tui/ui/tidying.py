"""Collecting closed screens' garbage while a user reads the screen that replaced them.

Every screen or dialog tells the app when it is shown (``AppHooks.on_screen_resume``); a
moment later, unless another screen came first, the app has the cyclic collector take what
the closed screens left (``collector.tidy``) and hands the freed heap back to the system
(``allocator.give_back``). Without this the collector's full pass starts
in the middle of a later opening, whenever its allocation counts say so, and that screen
comes 20-40 ms late on the large benchmark file (docs/PERFORMANCE.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from intervisie_tui import allocator, collector

if TYPE_CHECKING:
    from textual.timer import Timer

    from intervisie_tui.ui.app import IntervisieApp

TIDY_AFTER_S = 0.3
"""How long after a screen is shown the app collects: Textual lets go of a closed screen a few
frames after the next one shows, and a user reads a new screen for longer than this."""


def tidy_memory() -> None:
    """Collect the closed screens' garbage; then return the heap's free pages, which the start-up's
    and the closed screens' freed blocks left resident (~0.3 MiB at the idle meeting, docs/PERFORMANCE.md)."""
    if collector.tidy():
        allocator.give_back()


class Tidier:
    """Collects once, a moment after the last screen shown; only where the command line manages the collector."""

    def __init__(
        self,
        app: IntervisieApp,
        *,
        after_s: float = TIDY_AFTER_S,
        collect: Callable[[], None] = tidy_memory,
        managed: Callable[[], bool] = collector.managed,
    ) -> None:
        self._app = app
        self._after_s = after_s
        self._collect = collect
        self._managed = managed
        self._timer: Timer | None = None

    def screen_shown(self) -> None:
        """A screen was shown: collect a moment from now (a screen shown before then moves it on)."""
        if not self._managed():
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._app.set_timer(self._after_s, self._tidy, name="tidy")

    def _tidy(self) -> None:
        self._timer = None
        self._collect()
