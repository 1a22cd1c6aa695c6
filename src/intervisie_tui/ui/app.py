"""The Textual app: a thin shell that holds the open file and switches screens."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from intervisie_tui.core.meeting import halt
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import MeetingStatus
from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import N_, _, set_language
from intervisie_tui.locations import config_dir
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.repository import Repository
from intervisie_tui.ui.context import AppContext
from intervisie_tui.ui.crash import ContentFreeCrashReport
from intervisie_tui.ui.saver import SaveOutcome, Saver
from intervisie_tui.ui.settings import (
    CHAIR_VIEW,
    ROOM_VIEW,
    VIEWS,
    Settings,
    load_settings,
    save_settings,
)
from intervisie_tui.ui.themes import (
    app_variable_defaults,
    load_themes,
    shipped_theme_folder,
)


class IntervisieApp(ContentFreeCrashReport, App[int]):
    """intervisie: run peer-supervision meetings on one projected screen."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "intervisie"
    # Shown by the screens that have room for it; the session screen's bottom line is full.
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", show=False),
        # Priority: they must work on every screen, also while typing in a field.
        Binding("f2", "curtain", N_("Curtain"), id="app.curtain", show=False, priority=True),
        Binding("ctrl+l", "lock", N_("Lock"), id="app.lock", show=False, priority=True),
        Binding("f3", "toggle_view", N_("Room/chair view"), id="app.view"),
        Binding("f4", "settings", N_("Settings"), id="app.settings"),
        # Only offered while saving fails (check_action), so it shows in the key bar exactly then.
        Binding("f6", "save_as", N_("Save as"), id="app.save_as"),
    ]
    IDLE_CHECK_S = 15

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        set_language(context.language)  # the command line chose it; the app's context is the one truth
        if context.animation_off:
            self.animation_level = "none"
        self.repository: Repository | None = None
        self.saver: Saver | None = None
        self._save_outcome: SaveOutcome | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.settings, self._settings_problem = load_settings(self.config_folder)
        self._clashes_reported: set[str] = set()
        self.view = self.settings.view if self.settings.view in VIEWS else CHAIR_VIEW
        """"room" (what the projected room may see) or "chair" (coach verdicts, cues, all groups)."""
        self.theme_set = load_themes([shipped_theme_folder(), self.config_folder / "themes"])
        for theme in self.theme_set.themes:
            self.register_theme(theme)

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

    # -- save as -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F6 (save as) only while saving fails."""
        if action == "save_as":
            return self.save_failed and self.repository is not None
        return True

    def action_save_as(self) -> None:
        """F6: saving keeps failing (file replaced, folder read-only): write everything to a new file and go on there."""
        from intervisie_tui.ui.screens.save_as import SaveAsDialog

        if self.repository is None:
            return
        path = self.repository.path
        suggested = path.with_name(f"{path.stem}-{self.clock():%Y%m%d-%H%M}{path.suffix}")

        def chosen(new_path: Path | None) -> None:
            if new_path is None or self.repository is None:
                return
            try:
                self.context.opener.save_as(self.repository, new_path)
            except (VaultError, OSError) as error:
                reason = error.message() if isinstance(error, VaultError) else (error.strerror or str(error))
                self.say(_("Not saved as {path}: {reason}").format(path=new_path, reason=reason), severity="error")
                return
            if self.saver is not None:
                self.saver.put()  # retry what waits, now in the new file
            self.say(_("Everything is now saved in {path}; the old file was left as it was.").format(path=new_path))

        self.push_screen(SaveAsDialog(suggested), chosen)

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

    # -- clock and messages ----------------------------------------------------------

    def clock(self) -> datetime:
        """The current time (frozen in tests)."""
        return self.context.clock()

    def say(self, message: str, severity: SeverityLevel = "information", timeout: float | None = None) -> None:
        """Show a notification; its text is never parsed as markup, and nothing in it can steer the terminal."""
        self.notify(display(message), severity=severity, timeout=timeout, markup=False)

    # -- lifecycle -------------------------------------------------------------------

    def on_mount(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._apply_settings()
        if self.context.neutralised:
            self.say(_("Switched off to keep the data confidential: {names}").format(
                names=", ".join(self.context.neutralised)), severity="warning", timeout=10)  # fmt: skip
        self._last_input = self.clock()
        self.set_interval(self.IDLE_CHECK_S, self.check_idle_lock)
        if self.context.repository is not None:
            self.open_repository(self.context.repository)
        elif self.context.opener.exists():
            from intervisie_tui.ui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen())
        else:
            from intervisie_tui.ui.screens.create import CreateScreen

            self.push_screen(CreateScreen())

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

    def open_repository(self, repository: Repository) -> None:
        """Show the open file's groups (replacing the unlock or create screen); resume a running meeting."""
        from intervisie_tui.ui.screens.home import HomeScreen

        self.repository = repository
        self.context.repository = None
        self.saver = Saver(repository, self._save_reported)
        self.replace_stack(HomeScreen())
        running = self.running_meeting_id()
        if running is not None:
            self.open_meeting(running, after_restart=True)

    def running_meeting_id(self) -> str | None:
        """The newest meeting that was left running, in any group."""
        assert self.repository is not None
        running = [
            summary
            for group in self.repository.groups()
            for summary in self.repository.meetings(group.id)
            if summary.status is MeetingStatus.RUNNING
        ]
        return max(running, key=lambda summary: summary.held_on).id if running else None

    def open_meeting(self, meeting_id: str, *, after_restart: bool = False) -> None:
        """Show the session screen of one meeting."""
        from intervisie_tui.ui.session.loading import meeting_records
        from intervisie_tui.ui.session.screen import SessionScreen

        assert self.repository is not None
        content = self.repository.meeting_content(meeting_id)
        group = self.repository.group(content.meeting.group_id) if content else None
        if content is None or group is None:
            self.say(_("This meeting could not be found."), severity="error")
            return
        library = self.repository.library(load_shipped(), group.id)
        records = meeting_records(self.repository, content, group.id)
        self.push_screen(SessionScreen(content.meeting, group, list(content.notes), library, records,
                                       after_restart=after_restart))  # fmt: skip

    def replace_stack(self, screen: Screen) -> None:
        """Make ``screen`` the only screen above the default one."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    # -- saving ------------------------------------------------------------------------

    def _save_reported(self, outcome: SaveOutcome) -> None:
        """Called on the saver's thread; hands the outcome to the UI thread without waiting."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._show_save, outcome)

    def _show_save(self, outcome: SaveOutcome) -> None:
        failed_before = self._save_outcome is not None and not self._save_outcome.ok
        self._save_outcome = outcome
        if not outcome.ok and not failed_before and outcome.error is not None:
            self.say(outcome.error.message() + " " + _("F6 saves everything to a new file."), severity="error",
                     timeout=10)  # fmt: skip
            self.refresh_bindings()
        elif outcome.ok and failed_before:
            self.say(_("Saved again; nothing was lost."))
            self.refresh_bindings()
        refresh = getattr(self.screen, "refresh_save_state", None)
        if refresh is not None:
            with suppress(NoMatches):  # a save reported while the screen is being taken down (at quit)
                refresh()

    @property
    def save_failed(self) -> bool:
        """Whether the last save failed (changes are waiting on screen)."""
        return self._save_outcome is not None and not self._save_outcome.ok

    def save_state_text(self) -> str:
        """"Saved", "Saving…" or why it is not saved, for status lines."""
        outcome = self._save_outcome
        if outcome is not None and not outcome.ok:
            return _("NOT SAVED — retrying")
        if self.saver is not None and self.saver.waiting:
            return _("Saving…")
        return _("Saved")

    def close_repository(self) -> bool:
        """Save what waits, then drop the key and the decrypted data; False if something stayed unsaved."""
        saved = True
        if self.saver is not None:
            saved = self.saver.close()
            self.saver = None
        if self.repository is not None:
            self.repository.close()
            self.repository = None
        return saved

    async def action_quit(self) -> None:
        """Stop meeting clocks, save, close the file, then leave. Asks first if a save keeps failing."""
        if self.saver is not None and self.saver.flush(timeout=5):
            self._halt_running_meetings()
        if self.saver is not None and not self.saver.flush(timeout=5):
            from intervisie_tui.ui.screens.confirm import Confirm

            def answered(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self.close_repository()
                    self.exit(0)

            self.push_screen(Confirm(_("Not everything is saved. Quit anyway?"),
                                     _("Changes since the last save would be lost.")), answered)  # fmt: skip
            return
        self.close_repository()
        self.exit(0)

    def _halt_running_meetings(self) -> None:
        """Stop the clocks of running meetings, so the time the app is closed does not count."""
        if self.repository is None or self.saver is None:
            return
        meeting_id = self.running_meeting_id()
        content = self.repository.meeting_content(meeting_id) if meeting_id else None
        if content is not None:
            halted = halt(content.meeting, self.clock())
            if halted is not content.meeting:
                self.saver.put(halted)

    # -- command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's app-wide commands, translated.

        Textual's own list is not used: its "Screenshot" command would write the
        screen, with its content, to disk as a readable SVG.
        """
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            for title, key, callback in commands():
                yield SystemCommand(title, _("Key: {key}").format(key=key), callback)
        yield SystemCommand(_("Quit"), _("Close the file and quit"), self.action_quit)
        yield SystemCommand(_("Keys"), _("Show the keys of this screen"), self.action_show_keys)
        yield SystemCommand(_("Theme"), _("Colours for the room: projector, light, dark, console"),
                            self.action_choose_theme)  # fmt: skip
        yield SystemCommand(_("Settings"), _("Theme, language, idle lock, view at the start (F4)"),
                            self.action_settings)  # fmt: skip
        yield SystemCommand(_("Room/chair view"), _("What the room may see, or the chair's view (F3)"),
                            self.action_toggle_view)  # fmt: skip

    def action_choose_theme(self) -> None:
        """Pick a theme; it is remembered."""
        from intervisie_tui.ui.screens.theme_picker import ThemePicker

        self.push_screen(ThemePicker())

    def action_show_keys(self) -> None:
        """Show the keys of the current screen."""
        self.action_show_help_panel()
