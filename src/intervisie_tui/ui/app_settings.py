"""The app's settings side: themes, settings.toml, remapped keys, the language and the room/chair view.

A mixin of :class:`~intervisie_tui.ui.app.IntervisieApp` (which loads the
settings and themes in ``__init__``), kept apart so the app's own file stays
about opening, saving and closing the file. Decisions: docs/ROOM.md.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.dom import DOMNode
from textual.theme import Theme

from intervisie_tui.i18n import _
from intervisie_tui.locations import config_dir
from intervisie_tui.ui.settings import CHAIR_VIEW, ROOM_VIEW, Settings, save_settings
from intervisie_tui.ui.themes import app_variable_defaults

if TYPE_CHECKING:
    from intervisie_tui.ui.context import AppContext
    from intervisie_tui.ui.themes import ThemeSet


class SettingsMixin:
    """Themes, settings, keys, language and view for the app."""

    context: AppContext
    settings: Settings
    theme_set: ThemeSet
    view: str
    _settings_problem: str
    _clashes_reported: set[str]

    # -- themes and settings -----------------------------------------------------------

    @property
    def config_folder(self) -> Path:
        """Where settings and the user's own themes live."""
        return self.context.config_dir or config_dir()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The app's own theme variables, derived from the current theme where it leaves them out."""
        return app_variable_defaults(self.current_theme)

    def _apply_settings(self) -> None:
        """The remembered theme; problems with theme or settings files are reported, never fatal."""
        for problem in self.theme_set.failed:
            self.say(_("Theme file {name} was skipped: {reason}").format(name=problem.path.name, reason=problem.reason),
                     severity="warning", timeout=10)  # fmt: skip
        if self._settings_problem:
            self.say(_("Settings were not read ({problem}); the defaults are used.").format(
                problem=self._settings_problem), severity="warning", timeout=10)  # fmt: skip
        wanted = self.settings.theme
        if wanted and wanted in self.available_themes:
            self.theme = wanted
        elif wanted:
            self.say(_("Theme {name} is not available; the default theme is used.").format(name=wanted),
                     severity="warning", timeout=10)  # fmt: skip
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._apply_keys()

    def _apply_keys(self) -> None:
        """The keys remapped in settings.toml; ids no binding has are reported, not silently dropped."""
        keys = dict(self.settings.keys)
        if not keys:
            self.set_keymap({})
            return
        from intervisie_tui.ui.keymap import unknown_ids

        unknown = unknown_ids(keys)
        if unknown:
            self.say(_("Settings: no action is called {ids}; those keys were ignored.").format(ids=", ".join(unknown)),
                     severity="warning", timeout=10)  # fmt: skip
        self.set_keymap({binding_id: key for binding_id, key in keys.items() if binding_id not in unknown})

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """A remapped key took a key another action had: say so once per action."""
        for binding in clashed_bindings:
            if binding.id and binding.id not in self._clashes_reported:
                self._clashes_reported.add(binding.id)
                self.say(_("Settings: key {key} is now used by another action, so \"{action}\" lost it.").format(
                    key=binding.key, action=_(binding.description) or binding.id), severity="warning")  # fmt: skip

    def apply_settings(self, settings: Settings) -> None:
        """Take settings from the settings screen: remember them and use them now.

        A new language redraws the open screens (see :meth:`switch_language`); a
        new default view applies at the next start, F3 switches the view now.
        """
        language_changed = settings.language != self.settings.language
        self.settings = settings
        try:
            save_settings(self.config_folder, settings)
        except OSError as error:
            self.say(_("The settings could not be saved: {reason}").format(reason=error.strerror), severity="error")
        if settings.theme and settings.theme in self.available_themes and settings.theme != self.theme:
            self.theme = settings.theme
        if language_changed and settings.language and settings.language != self.context.language:
            self.switch_language(settings.language)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings = replace(self.settings, theme=theme.name)
        try:
            save_settings(self.config_folder, self.settings)
        except OSError as error:
            self.say(_("The theme could not be remembered: {reason}").format(reason=error.strerror),
                     severity="warning")  # fmt: skip

    # -- room view and chair view --------------------------------------------------------

    @property
    def room_view(self) -> bool:
        """Whether the screen shows only what the room may see (see docs/ROOM.md)."""
        return self.view == ROOM_VIEW

    def action_toggle_view(self) -> None:
        """F3: switch between the room's view and the chair's view; every open screen follows.

        Not while the supervisor's notebook or the hand-over is open: closing them
        on the spot could drop what is being typed, so the chair closes them first.
        """
        if not self.room_view and any(getattr(screen, "CHAIR_ONLY", False) for screen in self.screen_stack):
            self.say(_("Close this screen first (Esc): it is not for the room."), severity="warning")
            return
        self.view = CHAIR_VIEW if self.room_view else ROOM_VIEW
        if self.room_view:
            self.clear_notifications()  # the coach's remarks to the chair leave the screen with the chair view
        for screen in list(self.screen_stack):
            follow = getattr(screen, "view_changed", None)
            if follow is not None:
                follow()
        self.say(_("Room view: only what the room may see.") if self.room_view else _("Chair view."))

    # -- settings and language -----------------------------------------------------------

    def action_settings(self) -> None:
        """F4: theme, language, idle lock minutes and the view the app opens in."""
        from intervisie_tui.ui.screens.settings_screen import SettingsScreen

        def chosen(settings: Settings | None) -> None:
            if settings is not None:
                self.apply_settings(settings)

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.settings), chosen)

    def switch_language(self, language: str) -> None:
        """Show the app in ``language`` now: saved work is kept, the open screens are built again.

        Only the screens the app can rebuild (groups, a group, a meeting, unlock) are
        redrawn; with a form open, or a note being typed, the new language waits for
        the next start rather than dropping what is on screen.
        """
        from intervisie_tui.ui.language_switch import redraw_in_language

        if redraw_in_language(self, language):
            self.say(_("Language: Dutch.") if language == "nl" else _("Language: English."))
        else:
            self.say(_("The language is remembered and applies at the next start (a form is open)."),
                     severity="warning")  # fmt: skip

    def action_choose_theme(self) -> None:
        """Pick a theme; it is remembered."""
        from intervisie_tui.ui.dialogs.theme_picker import ThemePicker

        self.push_screen(ThemePicker())

