"""The key bar at the bottom, with descriptions in the current language.

Binding descriptions are written as English msgids (marked with ``N_``) so
nothing is translated at import time; this footer translates them when it
draws, after the language is known.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Textual 8: FooterKey is not re-exported

from intervisie_tui.i18n import _


class KeyFooter(Footer):
    """Textual's footer with translated key descriptions.

    The palette's own entry is left out: at 80 columns every cell is needed
    for the screen's keys, and F1 and ctrl+p work regardless.
    """

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description)
                if isinstance(widget.tooltip, str):
                    widget.tooltip = _(widget.tooltip)
            yield widget
