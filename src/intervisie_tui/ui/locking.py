"""The app's privacy keys: the curtain (F2) and the lock (Ctrl+L, idle minutes, focus loss).

:class:`Locker` is a collaborator of the app: the app's key actions and events call it. The
decisions (what locking does, what counts as idle) are in docs/ROOM.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from intervisie_tui import collector
from intervisie_tui.i18n import _

if TYPE_CHECKING:
    from intervisie_tui.ui.app import IntervisieApp

IDLE_CHECK_S = 15
"""How often the idle time is looked at."""
COLLECT_AFTER_LOCK_S = 1.0
"""After a lock, when the cyclic collector takes the closed screens (Textual lets go of a removed
screen a few frames after the next one shows)."""


class Locker:
    """Curtain and lock, from every screen."""

    def __init__(self, app: IntervisieApp) -> None:
        self._app = app
        self._last_input: datetime | None = None

    def touched(self, now: datetime) -> None:
        """A key or a click: the app is not idle."""
        self._last_input = now

    def curtain(self) -> None:
        """F2: blank the screen at once (name and time only); F2 again lifts it."""
        from intervisie_tui.ui.screens.curtain import CurtainScreen

        app = self._app
        if isinstance(app.screen, CurtainScreen):
            app.pop_screen()
            return
        app.clear_notifications()
        app.push_screen(CurtainScreen())

    def lock(self) -> None:
        """Ctrl+L: save what waits, drop the key and all decrypted data, and ask for the passphrase again.

        During a meeting the unlock screen opens veiled (a curtain until a key). The demo, whose
        passphrase nobody knows, only shows what a lock looks like and says how to go on.
        """
        from intervisie_tui.ui.screens.curtain import CurtainScreen

        app = self._app
        if app.repository is None:
            app.say(_("Nothing to lock: no file is open."), severity="warning")
            return
        if app.context.demo:
            if not (isinstance(app.screen, CurtainScreen) and app.screen.demo_lock):
                app.clear_notifications()
                app.push_screen(CurtainScreen(demo_lock=True))
            return
        # Asked before anything is closed: with a save failing, the screen holds the only copy.
        if app.saver is not None and not app.saver.flush(timeout=5):
            app.say(
                _("Not locked: a change could not be saved yet. Save it first (see the bottom line)."),
                severity="error",
                timeout=10,
            )
            return
        in_meeting = app.running_meeting_id() is not None
        app.halt_running_meetings()  # the time it stays locked is not meeting time
        if not app.close_repository():
            return  # cannot happen after the flush above; never drop the screens without a saved file
        app.clear_notifications()
        app.copy_to_clipboard("")
        app.navigate.unlock(veiled=in_meeting)
        # The screens of the unlocked file are on their way out: what start-up froze may be collected
        # again, and is, a moment later, once Textual has let go of them (intervisie_tui/collector.py).
        collector.unfreeze()
        app.set_timer(COLLECT_AFTER_LOCK_S, collector.collect)

    def check_idle(self) -> None:
        """Lock after the idle minutes of the settings (0 = never); a phase running in its time is not idle."""
        app = self._app
        minutes = app.settings.idle_lock_minutes
        if minutes <= 0 or app.repository is None or self._last_input is None:
            return
        now = app.clock()
        from intervisie_tui.core.idle import idle_lock_due  # with a file open; the unlock screen needs none of it

        if idle_lock_due(self._last_input, now, minutes, self._busy_until(now)):
            self.lock()

    def _busy_until(self, now: datetime) -> datetime | None:
        """Until when the running meeting's phase keeps the room busy (as last saved); None without one."""
        app = self._app
        meeting_id = app.running_meeting_id()
        if meeting_id is None or app.repository is None:
            return None
        content = app.repository.meeting_content(meeting_id)
        from intervisie_tui.core.idle import busy_until

        return busy_until(content.meeting, now) if content is not None else None

    def focus_lost(self) -> None:
        """The terminal reports that it lost focus: lock, where the settings ask for it."""
        if self._app.settings.lock_on_focus_loss and self._app.repository is not None:
            self.lock()
