"""The curtain: one key blanks the screen — only the app's name and the time — until pressed again.

For the moment someone walks into the room. Nothing of the meeting is drawn
while it is up; the meeting itself goes on underneath (its clock keeps time).
"""

from __future__ import annotations

from textual.app import ComposeResult

from intervisie_tui.i18n import _
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.widgets.curtain_face import CurtainFace


class CurtainScreen(AppScreen[None]):
    """A blank screen with the name and the time; the app's curtain key lifts it."""

    def compose(self) -> ComposeResult:
        yield CurtainFace(_("F2 lifts the curtain"))
