"""The Textual app: a thin shell that holds the open file and switches screens."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount

from intervisie_tui import collector
from intervisie_tui.core.dates import time_text
from intervisie_tui.core.owner_note import REFRESH_EVERY, OwnerNote
from intervisie_tui.core.sanitize import display, display_line
from intervisie_tui.i18n import N_, _, set_language
from intervisie_tui.store.errors import VaultError
from intervisie_tui.ui.base import AppHooks
from intervisie_tui.ui.context import AppContext
from intervisie_tui.ui.crash import ContentFreeCrashReport
from intervisie_tui.ui.locking import IDLE_CHECK_S, Locker
from intervisie_tui.ui.merging import Merger
from intervisie_tui.ui.navigation import Navigator
from intervisie_tui.ui.preferences import Preferences
from intervisie_tui.ui.saver import SaveOutcome, Saver
from intervisie_tui.ui.settings import Settings
from intervisie_tui.ui.textual_mends import mend_styles_cache, mend_timer_skip
from intervisie_tui.ui.themes import ThemeSet, app_variable_defaults
from intervisie_tui.ui.tidying import Tidier

if TYPE_CHECKING:
    from textual.driver import Driver

    from intervisie_tui.store.repository import Repository

OWNER_REFRESH_S = REFRESH_EVERY.total_seconds()
"""How often the ``.owner`` note is rewritten, so other laptops see the file is open here."""

SAVE_STATE_EVERY_S = 0.25
"""While saves follow each other closely, the screen's save state is redrawn at most this often."""


class IntervisieApp(ContentFreeCrashReport, App[int]):
    """intervisie: run peer-supervision meetings on one projected screen.

    The app holds the open file and its saver; its collaborators do the rest: ``navigate``
    opens screens, ``locker`` the curtain and the lock, ``preferences`` settings, themes,
    keys, the view and the language, ``merger`` other copies of the file.
    """

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "intervisie"
    # Shown by the screens that have room for it; the session screen's bottom line is full.
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", show=False),  # dialogs bind it too (ui/base.py)
        # Priority: they must work on every screen, also while typing in a field.
        Binding("f2", "curtain", N_("Curtain"), id="app.curtain", show=False, priority=True),
        Binding("ctrl+l", "lock", N_("Lock"), id="app.lock", show=False, priority=True),
        # F1 on every screen: a screen with its own list (its title, its order) binds F1 itself and wins.
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("f3", "toggle_view", N_("Room/chair view"), id="app.view"),
        Binding("f4", "settings", N_("Settings"), id="app.settings"),
        # Only offered while saving fails (check_action), so it shows in the key bar exactly then.
        Binding("f6", "save_as", N_("Save as"), id="app.save_as"),
    ]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        mend_styles_cache()  # a Textual fault that keeps every closed screen's lines (ui/textual_mends.py)
        mend_timer_skip()  # and one that holds a frame back up to 33 ms after the screen was still
        self.context = context
        set_language(context.language)  # the command line chose it; the app's context is the one truth
        if context.animation_off:
            self.animation_level = "none"
        self.repository: Repository | None = None
        self.saver: Saver | None = None
        self._save_outcome: SaveOutcome | None = None
        self._quit_question: Screen[Any] | None = None
        self._reported: SaveOutcome | None = None
        self._report_waiting = False
        self._state_drawn_at = 0.0
        self._state_timer: Timer | None = None
        self._ui_loop: asyncio.AbstractEventLoop | None = None
        self.navigate = Navigator(self)
        self.locker = Locker(self)
        self.tidier = Tidier(self)
        self.merger = Merger(self)
        self.preferences = Preferences(self, context.config_dir)
        for theme in self.theme_set.themes:
            self.register_theme(theme)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on Linux and macOS one that reads a lone Esc as soon as
        its wait is over instead of at Textual's next 0.1 s wake (ui/input_driver.py)."""
        driver = super().get_driver_class()
        if driver.__module__ == "textual.drivers.linux_driver" and driver.__name__ == "LinuxDriver":
            from intervisie_tui.ui.input_driver import PromptEscapeDriver

            return PromptEscapeDriver
        return driver

    # -- what the collaborators hold, for the screens ------------------------------------------

    @property
    def settings(self) -> Settings:
        """The settings in effect (settings.toml, as changed in the app)."""
        return self.preferences.settings

    @property
    def theme_set(self) -> ThemeSet:
        """The themes found (shipped and the user's own) and the files that failed."""
        return self.preferences.theme_set

    @property
    def config_folder(self) -> Path:
        """Where settings and the user's own themes live."""
        return self.preferences.folder

    @property
    def room_view(self) -> bool:
        """Whether the screen shows only what the room may see (docs/ROOM.md)."""
        return self.preferences.room_view

    @property
    def current_repository(self) -> Repository:
        """The open file, for screens that exist only while it is open (groups, a group, a meeting)."""
        if self.repository is None:
            raise RuntimeError("no file is open")
        return self.repository

    @property
    def current_saver(self) -> Saver:
        """The open file's background saver, for screens that exist only while it is open."""
        if self.saver is None:
            raise RuntimeError("no file is open")
        return self.saver

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The app's own theme variables, derived from the current theme where it leaves them out."""
        return app_variable_defaults(self.current_theme)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """A remapped key took a key another action had: the preferences say so."""
        self.preferences.bindings_clashed(clashed_bindings)

    # -- the app's keys -------------------------------------------------------------------

    def action_curtain(self) -> None:
        """F2: blank the screen at once; F2 again lifts it."""
        self.locker.curtain()

    def action_lock(self) -> None:
        """Ctrl+L: drop the key and everything decrypted; the passphrase opens the file again."""
        self.locker.lock()

    def check_idle_lock(self) -> None:
        """Lock after the idle minutes of the settings (0 = never)."""
        self.locker.check_idle()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self.locker.touched(self.clock())
        if isinstance(event, events.Key) and event.is_forwarded:  # back from the focused widget, before bindings
            if isinstance(self.screen, AppHooks) and await self.screen.take_stray_key(event):
                return
        await super().on_event(event)

    def on_app_blur(self) -> None:
        """The terminal lost focus: lock, where the settings ask for it."""
        self.locker.focus_lost()

    def action_toggle_view(self) -> None:
        """F3: the room's view or the chair's; every open screen follows."""
        self.preferences.toggle_view()

    def action_settings(self) -> None:
        """F4: the settings screen."""
        self.preferences.open_settings()

    def action_choose_theme(self) -> None:
        """Pick a theme; it is remembered."""
        self.preferences.choose_theme()

    def apply_settings(self, settings: Settings) -> None:
        """Take settings from the settings screen: remember them and use them now."""
        self.preferences.apply(settings)

    # -- save as -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F6 (save as) only while saving fails."""
        if action == "save_as":
            return self.save_failed and self.repository is not None
        return True

    def action_save_as(self) -> None:
        """F6: saving keeps failing (file replaced, folder read-only): write everything to a new file and go on there."""
        from intervisie_tui.ui.dialogs.save_as import SaveAsDialog

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

    # -- clock and messages ----------------------------------------------------------

    def clock(self) -> datetime:
        """The current time (frozen in tests)."""
        return self.context.clock()

    def say(self, message: str, severity: SeverityLevel = "information", timeout: float | None = None) -> None:
        """Show a notification; its text is never parsed as markup, and nothing in it can steer the terminal."""
        self.notify(display(message), severity=severity, timeout=timeout, markup=False)

    # -- lifecycle -------------------------------------------------------------------

    def on_mount(self) -> None:
        self._ui_loop = asyncio.get_running_loop()
        self.preferences.apply_at_start()
        if self.context.neutralised:
            self.say(
                _("Switched off to keep the data confidential: {names}").format(
                    names=", ".join(self.context.neutralised)
                ),
                severity="warning",
                timeout=10,
            )
        self.locker.touched(self.clock())
        self.set_interval(IDLE_CHECK_S, self.check_idle_lock)
        self.set_interval(OWNER_REFRESH_S, self.context.opener.refresh_owner)
        elsewhere = self.context.opener.elsewhere
        if elsewhere is not None:
            self._ask_open_here(elsewhere)
            return
        self._start()

    def _ask_open_here(self, note: OwnerNote) -> None:
        """Another laptop has the file open (its note is fresh): open here only if the user says so."""
        from intervisie_tui.ui.dialogs.confirm import Confirm

        def answered(open_here: bool | None) -> None:
            if open_here:
                self.context.opener.claim()
                self._start()
                return
            self.close_repository()  # opened without asking (a passphrase from a file): closed unread
            self.context.opener.release()
            self.exit(0)

        question = _("Open on {host} since {since}: opening here will make two copies. Open anyway?")
        detail = _(
            "The file is in a folder that a sync tool shares between computers. Close it there first, "
            "or the changes of one of the two are set aside as a copy."
        )
        since = time_text(note.since.astimezone())
        self.push_screen(Confirm(question.format(host=display_line(note.host), since=since), detail), answered)

    def _start(self) -> None:
        # The first screen only once the app's own mount is done: Textual holds back every frame until
        # then, so a screen pushed here would be drawn for nothing and then shown late, in pieces, one
        # frame interval apart (docs/PERFORMANCE.md).
        if self.context.repository is not None:
            self.call_later(self._open_at_start, self.context.repository)
            return
        self.call_later(self.navigate.unlock if self.context.opener.exists() else self.navigate.create)
        # The command line held the garbage collector for the start-up (intervisie_tui/collector.py).
        self.call_after_refresh(collector.release)

    async def _open_at_start(self, repository: Repository) -> None:
        mounted = self.open_repository(repository)  # it settles the collector after that screen's first frame
        if mounted is not None:
            await mounted  # keys typed ahead reach the screen only once it is there

    def open_repository(self, repository: Repository) -> AwaitMount | None:
        """Show the open file's groups (replacing the unlock or create screen); resume a running meeting.

        Returns what to await for the top screen to be mounted.
        """
        self.repository = repository
        self.context.repository = None
        self.saver = Saver(repository, self._save_reported)
        # After the first frame of what opens now: collect what start-up left and freeze the rest
        # (intervisie_tui/collector.py); a no-op unless the command line holds the collector.
        self.call_after_refresh(collector.settle)
        mounted: AwaitMount | None = self.navigate.home()
        running = self.running_meeting_id()
        if running is not None:
            mounted = self.navigate.meeting(running, after_restart=True)
        if repository.storage.vault.interrupted_bytes:
            self.say(
                _(
                    "The last save before this was interrupted (the program or the computer stopped); "
                    "the file opened as it was saved before that."
                ),
                severity="warning",
                timeout=15,
            )
        self.merger.file_opened()  # copies a sync tool set aside: merged with one key (docs/SYNC.md)
        return mounted

    def running_meeting_id(self) -> str | None:
        """The newest meeting that was left running, in any group."""
        assert self.repository is not None
        running = self.repository.running_meetings()
        return running[0].id if running else None

    def replace_stack(self, screen: Screen) -> AwaitMount:
        """Make ``screen`` the only screen above the default one; returns what to await for its mount."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return self.push_screen(screen)

    # -- saving ------------------------------------------------------------------------

    def _save_reported(self, outcome: SaveOutcome) -> None:
        """Called on the saver's thread; hands the outcome to the UI thread without waiting.

        Outcomes that come faster than the UI thread takes them are coalesced: the newest is the state.
        """
        self._reported = outcome
        if self._report_waiting:
            return
        self._report_waiting = True
        if self._ui_loop is not None and not self._ui_loop.is_closed():
            self._ui_loop.call_soon_threadsafe(self._take_report)

    def _take_report(self) -> None:
        self._report_waiting = False  # before reading: an outcome reported from here on asks again
        if self._reported is not None:
            self.call_next(self._show_save, self._reported)  # in the app's own context (its timers need it)

    def _show_save(self, outcome: SaveOutcome) -> None:
        failed_before = self._save_outcome is not None and not self._save_outcome.ok
        self._save_outcome = outcome
        # The file replaced under the app (a sync tool brought another laptop's version): the merger
        # merges it, says so and saves again; any other failure is said here once.
        replaced = not outcome.ok and self.merger.take_replaced()
        if not outcome.ok and not failed_before and outcome.error is not None:
            if not replaced:
                self.say(
                    outcome.error.message() + " " + _("F6 saves everything to a new file."),
                    severity="error",
                    timeout=10,
                )
            self.refresh_bindings()
        elif outcome.ok and failed_before:
            self.say(_("Saved again; nothing was lost."))
            self.refresh_bindings()
        # Saves in quick succession: redraw "Saving…"/"Saved" a few times a second, not after each one
        # (each change of its width is a new layout of the screen). A failure shows at once.
        wait = self._state_drawn_at + SAVE_STATE_EVERY_S - time.monotonic()
        if outcome.ok and not failed_before and wait > 0:
            if self._state_timer is None:
                self._state_timer = self.set_timer(wait, self._draw_save_state)
            return
        self._draw_save_state()

    def _draw_save_state(self) -> None:
        self._state_timer = None
        self._state_drawn_at = time.monotonic()
        with suppress(NoMatches, ScreenStackError):  # a save reported while the screens are taken down (at quit)
            if isinstance(self.screen, AppHooks):
                self.screen.refresh_save_state()

    @property
    def save_failed(self) -> bool:
        """Whether the last save failed (changes are waiting on screen)."""
        return self._save_outcome is not None and not self._save_outcome.ok

    def save_state_text(self) -> str:
        """ "Saved", "Saving…" or why it is not saved, for status lines."""
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
        if self._quit_question is not None:
            self.say(_("Answer the question first: Y quits anyway, N stays."))
            return
        if self.saver is not None and self.saver.flush(timeout=5):
            self.halt_running_meetings()
        if self.saver is not None and not self.saver.flush(timeout=5):
            from intervisie_tui.ui.dialogs.confirm import Confirm

            def answered(quit_anyway: bool | None) -> None:
                self._quit_question = None
                if quit_anyway:
                    self.close_repository()
                    self.exit(0)

            question = Confirm(
                _("Not everything is saved. Quit anyway?"), _("Changes since the last save would be lost.")
            )
            self._quit_question = question
            self.push_screen(question, answered)
            return
        self.close_repository()
        self.exit(0)

    def halt_running_meetings(self) -> None:
        """Stop the clocks of running meetings, so the time the app is closed does not count."""
        if self.repository is None or self.saver is None:
            return
        meeting_id = self.running_meeting_id()
        content = self.repository.meeting_content(meeting_id) if meeting_id else None
        if content is not None:
            from intervisie_tui.core.meeting_time import halt_on_close  # with a file open, not for the unlock screen

            halted = halt_on_close(content.meeting, self.clock())
            if halted is not content.meeting:
                self.saver.put(halted)

    # -- command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's app-wide commands, translated.

        Textual's own list is not used: its "Screenshot" command would write the
        screen, with its content, to disk as a readable SVG.
        """
        if isinstance(screen, AppHooks):
            for title, key, callback in screen.palette_commands():
                yield SystemCommand(title, _("Key: {key}").format(key=key), callback)
        yield SystemCommand(_("Quit"), _("Close the file and quit"), self.action_quit)
        yield SystemCommand(_("Keys"), _("Show the keys of this screen"), self.action_show_keys)
        yield SystemCommand(
            _("Theme"), _("Colours for the room: projector, light, dark, console"), self.action_choose_theme
        )
        yield SystemCommand(
            _("Settings"), _("Theme, language, idle lock, view at the start (F4)"), self.action_settings
        )
        yield SystemCommand(
            _("Room/chair view"), _("What the room may see, or the chair's view (F3)"), self.action_toggle_view
        )

    def action_command_palette(self) -> None:
        """Ctrl+P: the palette with its placeholder and "No matches found" in the user's language."""
        from intervisie_tui.ui.widgets.command_palette import AppCommandPalette

        if self.use_command_palette and not isinstance(self.screen, AppCommandPalette):
            self.push_screen(AppCommandPalette(id="--command-palette"))

    def action_help(self) -> None:
        """F1 where the screen or dialog has no list of its own: the keys in effect there."""
        from intervisie_tui.ui.dialogs.keys_help import KeysHelp, key_rows

        self.push_screen(KeysHelp(key_rows(self.screen), _("Keys of this screen")))

    async def action_show_keys(self) -> None:
        """The palette's "Keys": what F1 shows on the screen underneath (never Textual's English panel)."""
        if not await self.run_action("help", self.screen):
            self.action_help()
