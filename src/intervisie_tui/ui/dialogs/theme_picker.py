"""Choose a theme (palette: "Theme"); the choice is remembered in the settings."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal

TEXTUAL_DEFAULT = "textual-dark"


class ThemePicker(AppModal[str | None]):
    """The shipped and the user's own themes by their names in the UI language; Enter picks one."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="theme.cancel")]

    def compose(self) -> ComposeResult:
        app = self.app
        themes = [(theme.name, app.theme_set.label(theme.name)) for theme in app.theme_set.themes]
        themes.append((TEXTUAL_DEFAULT, _("Standard (dark)")))
        with Vertical(id="help-box"):
            yield Static(_("Theme"), id="help-title", markup=False)
            listing = OptionList(*[Option(literal(label), id=name) for name, label in themes], id="theme-options")
            yield listing
            yield Static(_("Enter chooses · Esc cancels"), id="help-hint", markup=False)

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        names = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        if self.app.theme in names:
            listing.highlighted = names.index(self.app.theme)
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.theme = event.option.id or TEXTUAL_DEFAULT
        self.dismiss(self.app.theme)

    def action_cancel(self) -> None:
        """Keep the theme as it is."""
        self.dismiss(None)
