"""The Textual app: a thin shell that holds the open file and switches screens."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from intervisie_tui.i18n import N_, _
from intervisie_tui.store.repository import Repository
from intervisie_tui.ui.context import AppContext


class IntervisieApp(App[int]):
    """intervisie: run peer-supervision meetings on one projected screen."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "intervisie"
    BINDINGS: ClassVar[list[Binding]] = [Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True)]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.repository: Repository | None = None

    # -- clock and messages ----------------------------------------------------------

    def clock(self) -> datetime:
        """The current time (frozen in tests)."""
        return self.context.clock()

    def say(self, message: str, severity: SeverityLevel = "information", timeout: float | None = None) -> None:
        """Show a notification; its text is never parsed as markup."""
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    # -- lifecycle -------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.context.repository is not None:
            self.open_repository(self.context.repository)
        elif self.context.opener.exists():
            from intervisie_tui.ui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen())
        else:
            from intervisie_tui.ui.screens.create import CreateScreen

            self.push_screen(CreateScreen())

    def open_repository(self, repository: Repository) -> None:
        """Show the open file's groups, replacing the unlock or create screen."""
        from intervisie_tui.ui.screens.home import HomeScreen

        self.repository = repository
        self.context.repository = None
        self._replace_stack(HomeScreen())

    def _replace_stack(self, screen: Screen) -> None:
        """Make ``screen`` the only screen above the default one."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    def close_repository(self) -> None:
        """Drop the key and the decrypted data (the file lock stays with the opener)."""
        if self.repository is not None:
            self.repository.close()
            self.repository = None

    async def action_quit(self) -> None:
        """Close the file, then leave."""
        self.close_repository()
        self.exit(0)

    # -- command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's app-wide commands, translated.

        Textual's own list is not used: its "Screenshot" command would write the
        screen, with its content, to disk as a readable SVG.
        """
        yield SystemCommand(_("Quit"), _("Close the file and quit"), self.action_quit)
        yield SystemCommand(_("Keys"), _("Show the keys of this screen"), self.action_show_keys)

    def action_show_keys(self) -> None:
        """Show the keys of the current screen."""
        self.action_show_help_panel()
