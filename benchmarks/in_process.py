"""The app built inside the measuring process, for open_screens.py (Pilot drives it headless).

Only the screen-opening figure still runs this way: it times a key to the first frame of the screen
it opens (probe.py's paint hook), long after start-up. Start-up, memory, typing and idle are taken
from outside, as whole processes in a pty (startup.py, typing_pty.py, idle.py). Nothing here holds
the garbage collector or changes the app: the command line's own ``collector.hold`` is not called,
so the app's release after its first frame does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import probe

PASSPHRASE_VARIABLE = "INTERVISIE_BENCH_PASSPHRASE"


def open_app(path: Path, config_dir: Path) -> tuple[Any, Any]:
    """Unlock ``path`` in the command line's order (lock, unlock) and build the app on it: ``(app, opener)``."""
    from intervisie_tui.hardening import neutralise_textual_environment
    from intervisie_tui.store.opener import FileOpener

    neutralise_textual_environment(os.environ)
    from intervisie_tui.ui.context import system_clock

    opener = FileOpener(path, clock=system_clock)
    opener.acquire()
    repository = opener.unlock(os.environ[PASSPHRASE_VARIABLE])

    from intervisie_tui.ui.app import IntervisieApp
    from intervisie_tui.ui.context import AppContext

    app = IntervisieApp(
        AppContext(opener=opener, clock=system_clock, repository=repository, language="nl", config_dir=config_dir)
    )
    return app, opener


def when_session_painted(app: Any, callback: Callable[[float], None]) -> None:
    """Call ``callback(time)`` once, after the first frame of the session screen (installs the paint hook)."""
    from intervisie_tui.ui.session.screen import SessionScreen

    done: list[bool] = []

    def painted(screen: Any, stamp: float) -> None:
        if not done and isinstance(screen, SessionScreen):
            done.append(True)
            callback(stamp)

    probe.install_paint_hook()
    probe.on_paint(painted)
