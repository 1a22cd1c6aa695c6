"""The screens of this app: a typed way to the app, and the hooks the app calls on them.

Every screen and dialog derives from :class:`AppScreen` or :class:`AppModal`. Their ``app`` is
typed as :class:`~intervisie_tui.ui.app.IntervisieApp` (for the type checker only: at run time
it is Textual's own ``app``), so a screen reaches the saver, the clock or the navigator without
``type: ignore``; and the app calls the hooks below on whatever screen is on top, without
probing it with ``getattr``. Defaults do nothing; a screen overrides what it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on
from textual.binding import Binding
from textual.events import ScreenResume
from textual.screen import ModalScreen, Screen

from intervisie_tui.i18n import N_

if TYPE_CHECKING:
    from textual import getters
    from textual.events import Key

    from intervisie_tui.ui.app import IntervisieApp

ResultType = TypeVar("ResultType")
PaletteEntry = tuple[str, str, Callable[[], Any]]
"""(name, keys in effect, what it does), for the command palette."""


class AppHooks:
    """What the app may ask of any of its screens."""

    CHAIR_ONLY: ClassVar[bool] = False
    """Whether the screen shows what only the chair may see (the room's view refuses to show it)."""

    def refresh_save_state(self) -> None:
        """The saver reported: show the save state now, where the screen shows it."""

    def view_changed(self) -> None:
        """F3 switched between the room's and the chair's view."""

    def palette_commands(self) -> list[PaletteEntry]:
        """The screen's own commands for the command palette."""
        return []

    def can_rebuild(self) -> bool:
        """Whether the screen can be built again (a new language) without losing anything typed."""
        return False

    def reopen(self, below: Screen[Any]) -> None:
        """Open this screen's like again over ``below``, on the stack the app just built anew
        (see ``language_switch``)."""

    def child_closed(self, result: object) -> None:
        """A screen opened from this one closed (with ``result``): show what may have changed."""

    async def ensure_built(self) -> None:
        """Build what the screen left out at start-up, before it is shown again."""

    async def take_stray_key(self, event: Key) -> bool:
        """A key back from the focused widget, before the app's bindings: True when the screen took it
        (the meeting screen: a note's letters that reached the board, ui/session/typed_ahead.py)."""
        return False

    _shown_before = False
    """Whether this screen was shown before (its first showing follows the styling of its widgets)."""

    def _styled_already(self, event: ScreenResume) -> None:
        # Textual restyles every widget of a screen each time it is shown. On its first showing the
        # widgets were styled as they mounted, a moment before, with the same stylesheet (a style
        # change meanwhile restyles every screen on the stack anyway): the second pass was ~15 ms of
        # the meeting's start-up (docs/PERFORMANCE.md). Later showings restyle as Textual does.
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False


class AppScreen(AppHooks, Screen[ResultType]):
    """A full screen of the app."""

    if TYPE_CHECKING:
        app = getters.app(IntervisieApp)

    @on(ScreenResume)
    def _shown(self, event: ScreenResume) -> None:
        """Shown (opened or uncovered): the app collects closed screens' garbage a moment later
        (ui/tidying.py). A screen's own ``on_screen_resume`` runs as well."""
        self._styled_already(event)
        self.app.tidier.screen_shown()


class AppModal(AppHooks, ModalScreen[ResultType]):
    """A dialog of the app (a modal screen over another)."""

    # A dialog cuts the app's own bindings off (Textual stops at the modal), so it binds F1 and
    # Ctrl+Q itself (Ctrl+Q did nothing on a dialog, silently); a dialog's BINDINGS add to these,
    # and a dialog that binds F1 (the keys list) replaces it.
    BINDINGS = [
        Binding("f1", "app.help", N_("Help"), id="app.help", show=False),
        Binding("ctrl+q", "app.quit", N_("Quit"), id="quit", show=False),
    ]

    if TYPE_CHECKING:
        app = getters.app(IntervisieApp)

    @on(ScreenResume)
    def _shown(self, event: ScreenResume) -> None:
        """Shown (opened or uncovered): as :meth:`AppScreen._shown`."""
        self._styled_already(event)
        self.app.tidier.screen_shown()
