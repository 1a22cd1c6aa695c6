"""What a blanked screen shows: the app's name, the time and one line saying how to go on.

The curtain (F2), the demo's lock and the lock during a meeting show it, so the room sees
nothing of the meeting and nobody types a passphrase in front of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from intervisie_tui.core.dates import time_text

if TYPE_CHECKING:
    from textual import getters

    from intervisie_tui.ui.app import IntervisieApp


class CurtainFace(Vertical):
    """The name, the time (updated every second) and ``hint``, in the middle of the screen."""

    DEFAULT_CSS = """
    CurtainFace {
        width: 1fr;
        height: 1fr;
        align: center middle;
    }
    CurtainFace #curtain-name {
        text-style: bold;
        color: $text-muted;
        width: auto;
    }
    CurtainFace Digits {
        width: auto;
        color: $text-muted;
    }
    CurtainFace #curtain-hint {
        color: $text-muted;
        width: auto;
        max-width: 76;
        margin-top: 1;
        text-align: center;
    }
    """

    if TYPE_CHECKING:
        app = getters.app(IntervisieApp)

    def __init__(self, hint: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hint = hint

    def compose(self) -> ComposeResult:
        yield Static("intervisie", id="curtain-name", markup=False)
        yield Digits("", id="curtain-time")
        yield Static(self._hint, id="curtain-hint", markup=False)

    def on_mount(self) -> None:
        self._show_time()
        self.set_interval(1, self._show_time)

    def _show_time(self) -> None:
        self.query_one("#curtain-time", Digits).update(time_text(self.app.clock()))
