"""The curtain: one key blanks the screen — only the app's name and the time — until pressed again.

For the moment someone walks into the room. Nothing of the meeting is drawn
while it is up; the meeting itself goes on underneath (its clock keeps time).

The demo's lock is a curtain too: the demo's file has a passphrase nobody knows, so its lock
shows what a lock looks like and says how to go on (Enter), instead of asking for it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.widgets.curtain_face import CurtainFace


class CurtainScreen(AppScreen[None]):
    """A blank screen with the name and the time; the app's curtain key lifts it (Enter too, as the demo's lock)."""

    BINDINGS = [Binding("enter", "lift", N_("Go on"), id="curtain.go_on", show=False)]

    def __init__(self, *, demo_lock: bool = False) -> None:
        super().__init__()
        self.demo_lock = demo_lock

    def compose(self) -> ComposeResult:
        if self.demo_lock:
            hint = _(
                "Locked. A real file asks for its passphrase here; this is the demo, which has none. "
                "Press Enter to go on."
            )
        else:
            hint = _("F2 lifts the curtain")
        yield CurtainFace(hint)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter lifts only the demo's lock; the curtain stays until F2, whatever else is pressed."""
        if action == "lift":
            return self.demo_lock
        return True

    def action_lift(self) -> None:
        """Enter: back to the demo where it was."""
        self.dismiss()
