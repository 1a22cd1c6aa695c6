"""Textual's command palette in the user's language: its placeholder and its "No matches found".

The placeholder is a public argument of ``CommandPalette``. "No matches found" is written into
Textual's code as an option of the palette's list, known only by a private id; the palette here
builds its list from a subclass that puts the translated text in that option's place
(docs/TEXTUAL.md lists the id).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self

from rich.align import Align
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.visual import VisualType
from textual.widgets.option_list import Option

from intervisie_tui.i18n import N_, _


class TranslatedCommandList(CommandList):
    """The palette's list of commands, whose "no matches" line speaks the user's language."""

    def __init__(self, no_matches_id: str) -> None:
        super().__init__()
        self.no_matches_id = no_matches_id
        """The id Textual gives the disabled option that says nothing matched."""

    def add_options(self, new_options: Iterable[Option | VisualType | None]) -> Self:
        """Add options as OptionList does, the "no matches" option with translated text."""
        return super().add_options(self._translated(option) for option in new_options)

    def _translated(self, option: Option | VisualType | None) -> Option | VisualType | None:
        if isinstance(option, Option) and option.id == self.no_matches_id:
            return Option(Align.center(Text(_("No matches found"), style="not bold")), disabled=True, id=option.id)
        return option


class AppCommandPalette(CommandPalette):
    """The command palette with its own texts translated."""

    # A modal, so the app's Ctrl+Q does not reach past it: it binds it itself, as the app's dialogs do.
    BINDINGS = [Binding("ctrl+q", "app.quit", N_("Quit"), id="quit", show=False)]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", _("Search for commands…"))
        super().__init__(**kwargs)

    def compose(self) -> ComposeResult:
        """Textual's palette, with the list that translates "No matches found" in place of its own."""
        for widget in super().compose():
            yield TranslatedCommandList(self._NO_MATCHES) if type(widget) is CommandList else widget
