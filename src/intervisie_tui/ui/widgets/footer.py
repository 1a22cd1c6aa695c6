"""The key bar at the bottom, with descriptions in the current language.

Binding descriptions are written as English msgids (marked with ``N_``) so
nothing is translated at import time; this footer translates them when it
draws, after the language is known.

At 80 columns a round phase has more keys than fit on one line. Rather than
letting the last keys fall off the edge (F1 among them), the footer keeps
keys in their order while they fit and always keeps the help key, which
lists everything else.

Textual's footer builds its keys again on every ``refresh_bindings``, which
screens call often (the session screen on every change): dozens of times
during start-up alone. This footer coalesces those requests into one per
frame and builds its keys again only when what it would show has changed.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Textual 8: FooterKey is not re-exported

from intervisie_tui.i18n import _, current_language

HELP_KEY = "f1"
VIEW_KEY = "f3"
ROOM_KEYS = {HELP_KEY, VIEW_KEY}
"""In the room's view the bar shows only help and the way back to the chair's view; every key still works."""


def key_width(key_display: str, description: str) -> int:
    """Cells one footer key takes: " key " plus "description "."""
    return cell_len(key_display) + 2 + (cell_len(description) + 1 if description else 0)


def keys_that_fit(keys: list[tuple[str, int]], width: int) -> set[int]:
    """Indexes of the (key, width) pairs to show in ``width`` cells, in order, the help key always."""
    shown = {index for index, (key, _w) in enumerate(keys) if key == HELP_KEY}
    used = sum(keys[index][1] for index in shown)
    for index, (_key, w) in enumerate(keys):
        if index in shown:
            continue
        if used + w > width:
            break  # a later key might be shorter, but gaps in the order read oddly
        used += w
        shown.add(index)
    return shown


class KeyFooter(Footer):
    """Textual's footer with translated key descriptions that never spills off the screen.

    The palette's own entry is left out: at 80 columns every cell is needed
    for the screen's keys, and F1 and ctrl+p work regardless.
    """

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._width_drawn = 0
        self._drawn: tuple | None = None
        """What the keys were built from (see :meth:`_wanted`)."""
        self._rebuild_asked = False

    def _wanted(self) -> tuple:
        """Everything the keys are built from: the shown bindings, the width, the view and the language."""
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip, self.app.get_key_display(binding))
            for _namespace, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        width = self.size.width or self.app.size.width
        return (shown, width, getattr(self.app, "room_view", False), current_language())

    def bindings_changed(self, screen: Screen) -> None:
        """Build the keys again after this frame, once however often it was asked, and only if they changed."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_asked:
            self._rebuild_asked = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_asked = False
        if self.is_attached and self._wanted() != self._drawn:
            await self.recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._drawn = self._wanted()
        widgets: list[Widget] = list(super().compose())
        for widget in widgets:
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description)
                if isinstance(widget.tooltip, str):
                    widget.tooltip = _(widget.tooltip)
        width = self.size.width or self.app.size.width
        self._width_drawn = width
        sizes = [
            (widget.key, key_width(widget.key_display, widget.description))
            if isinstance(widget, FooterKey)
            else ("", 0)
            for widget in widgets
        ]
        if getattr(self.app, "room_view", False):
            shown = {index for index, (key, _w) in enumerate(sizes) if key in ROOM_KEYS}
        else:
            shown = keys_that_fit(sizes, width - 1)  # one cell of left padding
        yield from (widget for index, widget in enumerate(widgets) if index in shown)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width_drawn:
            self.call_after_refresh(self.recompose)
