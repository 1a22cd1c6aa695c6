"""The curtain: one key blanks the screen — only the app's name and the time — until pressed again.

For the moment someone walks into the room. Nothing of the meeting is drawn
while it is up; the meeting itself goes on underneath (its clock keeps time).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Digits, Static

from intervisie_tui.core.dates import time_text
from intervisie_tui.i18n import _
from intervisie_tui.ui.base import AppScreen


class CurtainScreen(AppScreen[None]):
    """A blank screen with the name and the time; the app's curtain key lifts it."""

    DEFAULT_CSS = """
    CurtainScreen #curtain-name {
        text-style: bold;
        color: $text-muted;
        width: auto;
    }
    CurtainScreen Digits {
        width: auto;
        color: $text-muted;
    }
    CurtainScreen #curtain-hint {
        color: $text-muted;
        width: auto;
        margin-top: 1;
    }
    """

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static("intervisie", id="curtain-name", markup=False)
        with Center():
            yield Digits("", id="curtain-time")
        with Center():
            yield Static(_("F2 lifts the curtain"), id="curtain-hint", markup=False)

    def on_mount(self) -> None:
        self._show_time()
        self.set_interval(1, self._show_time)

    def _show_time(self) -> None:
        self.query_one("#curtain-time", Digits).update(time_text(self.app.clock()))
