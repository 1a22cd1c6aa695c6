"""The app's privacy keys: the curtain (F2) and the lock (Ctrl+L, idle minutes, focus loss).

A mixin of :class:`~intervisie_tui.ui.app.IntervisieApp`; its bindings are
declared there with the app's others. Decisions: docs/ROOM.md.
"""

from __future__ import annotations

from datetime import timedelta

from textual import events

from intervisie_tui.i18n import _


class LockMixin:
    """Curtain and lock, from every screen."""

    # -- curtain and lock ---------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self._last_input = self.clock()
        await super().on_event(event)

    def action_curtain(self) -> None:
        """F2: blank the screen at once (name and time only); F2 again lifts it."""
        from intervisie_tui.ui.screens.curtain import CurtainScreen

        if isinstance(self.screen, CurtainScreen):
            self.pop_screen()
            return
        self.clear_notifications()
        self.push_screen(CurtainScreen())

    def action_lock(self) -> None:
        """Ctrl+L: save what waits, drop the key and all decrypted data, and ask for the passphrase again."""
        if self.repository is None:
            return
        # Asked before anything is closed: with a save failing, the screen holds the only copy.
        if self.saver is not None and not self.saver.flush(timeout=5):
            self.say(_("Not locked: a change could not be saved yet. Save it first (see the bottom line)."),
                     severity="error", timeout=10)  # fmt: skip
            return
        self._halt_running_meetings()  # the time it stays locked is not meeting time
        if not self.close_repository():
            return  # cannot happen after the flush above; never drop the screens without a saved file
        from intervisie_tui.ui.screens.unlock import UnlockScreen

        self.clear_notifications()
        self.copy_to_clipboard("")
        self.replace_stack(UnlockScreen())

    def check_idle_lock(self) -> None:
        """Lock after the idle minutes of the settings (0 = never)."""
        minutes = self.settings.idle_lock_minutes
        if minutes > 0 and self.repository is not None and self.clock() - self._last_input >= timedelta(minutes=minutes):
            self.action_lock()

    def on_app_blur(self) -> None:
        """The terminal reports that it lost focus: lock, where the settings ask for it."""
        if self.settings.lock_on_focus_loss:
            self.action_lock()

