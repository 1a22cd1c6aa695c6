"""What the app remembers between runs and how it looks: settings.toml, themes, keys, view, language.

:class:`Preferences` is a collaborator of the app: it holds the settings, the themes found and
the room/chair view, and applies them to the app. The app's key actions (F3, F4, the theme
command) call it. Decisions: docs/ROOM.md, docs/SETTINGS.md.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.theme import Theme

from intervisie_tui.i18n import _
from intervisie_tui.locations import config_dir
from intervisie_tui.ui.base import AppHooks
from intervisie_tui.ui.settings import CHAIR_VIEW, ROOM_VIEW, VIEWS, Settings, load_settings, save_settings
from intervisie_tui.ui.themes import load_themes, shipped_theme_folder

if TYPE_CHECKING:
    from intervisie_tui.ui.app import IntervisieApp


class Preferences:
    """Settings, themes, keys, view and language, for one run of the app."""

    def __init__(self, app: IntervisieApp, folder: Path | None) -> None:
        self._app = app
        self.folder = folder or config_dir()
        """Where settings and the user's own themes live."""
        self.settings, self._problem = load_settings(self.folder)
        self.view = self.settings.view if self.settings.view in VIEWS else CHAIR_VIEW
        """"room" (what the projected room may see) or "chair" (coach verdicts, cues, all groups)."""
        self.theme_set = load_themes([shipped_theme_folder(), self.folder / "themes"])
        self._clashes_reported: set[str] = set()

    @property
    def room_view(self) -> bool:
        """Whether the screen shows only what the room may see (see docs/ROOM.md)."""
        return self.view == ROOM_VIEW

    # -- at start ---------------------------------------------------------------------------

    def apply_at_start(self) -> None:
        """The remembered theme and keys; problems with theme or settings files are reported, never fatal."""
        app = self._app
        for problem in self.theme_set.failed:
            app.say(
                _("Theme file {name} was skipped: {reason}").format(name=problem.path.name, reason=problem.reason),
                severity="warning",
                timeout=10,
            )
        if self._problem:
            app.say(
                _("Settings were not read ({problem}); the defaults are used.").format(problem=self._problem),
                severity="warning",
                timeout=10,
            )
        wanted = self.settings.theme
        if wanted and wanted in app.available_themes:
            app.theme = wanted
        elif wanted:
            app.say(
                _("Theme {name} is not available; the default theme is used.").format(name=wanted),
                severity="warning",
                timeout=10,
            )
        app.theme_changed_signal.subscribe(app, self._remember_theme)
        self._apply_keys()

    def _apply_keys(self) -> None:
        """The keys remapped in settings.toml; ids no binding has are reported, not silently dropped."""
        app = self._app
        keys = dict(self.settings.keys)
        if not keys:
            app.set_keymap({})
            return
        from intervisie_tui.ui.keymap import unknown_ids

        unknown = unknown_ids(keys)
        if unknown:
            app.say(
                _("Settings: no action is called {ids}; those keys were ignored.").format(ids=", ".join(unknown)),
                severity="warning",
                timeout=10,
            )
        app.set_keymap({binding_id: key for binding_id, key in keys.items() if binding_id not in unknown})

    def bindings_clashed(self, clashed: set[Binding]) -> None:
        """A remapped key took a key another action had: say so once per action."""
        for binding in clashed:
            if binding.id and binding.id not in self._clashes_reported:
                self._clashes_reported.add(binding.id)
                self._app.say(
                    _('Settings: key {key} is now used by another action, so "{action}" lost it.').format(
                        key=binding.key, action=_(binding.description) or binding.id
                    ),
                    severity="warning",
                )

    # -- changes ---------------------------------------------------------------------------

    def apply(self, settings: Settings) -> None:
        """Take settings from the settings screen: remember them and use them now.

        A new language redraws the open screens (see :meth:`switch_language`); a
        new default view applies at the next start, F3 switches the view now.
        """
        app = self._app
        language_changed = settings.language != self.settings.language
        self.settings = settings
        self._save(_("The settings could not be saved: {reason}"), "error")
        if settings.theme and settings.theme in app.available_themes and settings.theme != app.theme:
            app.theme = settings.theme
        if language_changed and settings.language and settings.language != app.context.language:
            self.switch_language(settings.language)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings = replace(self.settings, theme=theme.name)
        self._save(_("The theme could not be remembered: {reason}"), "warning")

    def _save(self, failure: str, severity: str) -> None:
        try:
            save_settings(self.folder, self.settings)
        except OSError as error:
            self._app.say(failure.format(reason=error.strerror), severity="error" if severity == "error" else "warning")

    def toggle_view(self) -> None:
        """F3: switch between the room's view and the chair's view; every open screen follows.

        Not while the supervisor's notebook or the hand-over is open: closing them
        on the spot could drop what is being typed, so the chair closes them first.
        """
        app = self._app
        screens = [screen for screen in app.screen_stack if isinstance(screen, AppHooks)]
        if not self.room_view and any(screen.CHAIR_ONLY for screen in screens):
            app.say(_("Close this screen first (Esc): it is not for the room."), severity="warning")
            return
        self.view = CHAIR_VIEW if self.room_view else ROOM_VIEW
        if self.room_view:
            app.clear_notifications()  # the coach's remarks to the chair leave the screen with the chair view
        for screen in screens:
            screen.view_changed()
        app.say(_("Room view: only what the room may see.") if self.room_view else _("Chair view."))

    def open_settings(self) -> None:
        """F4: theme, language, idle lock minutes and the view the app opens in."""
        from intervisie_tui.ui.screens.settings_screen import SettingsScreen

        app = self._app
        if isinstance(app.screen, SettingsScreen):
            app.say(_("The settings are open already."), severity="warning")
            return

        def chosen(settings: Settings | None) -> None:
            if settings is not None:
                self.apply(settings)

        app.push_screen(SettingsScreen(self.settings), chosen)

    def switch_language(self, language: str) -> None:
        """Show the app in ``language`` now: saved work is kept, the open screens are built again.

        Only screens that can be built again are; with a form open, or a note being typed, the
        new language waits for the next start rather than dropping what is on screen.
        """
        from intervisie_tui.ui.language_switch import redraw_in_language

        app = self._app
        if redraw_in_language(app, language):
            app.say(_("Language: Dutch.") if language == "nl" else _("Language: English."))
        else:
            app.say(_("The language is remembered and applies at the next start (a form is open)."), severity="warning")

    def choose_theme(self) -> None:
        """Pick a theme; it is remembered."""
        from intervisie_tui.ui.dialogs.theme_picker import ThemePicker

        self._app.push_screen(ThemePicker())
