"""Switching the language while the app runs: build the open screens again in the new language.

Screens translate their texts when they are composed, so a new language needs
new screens. Everything a screen shows is in the file (the saver is flushed
first), so each screen that says it can be built again (``can_rebuild``) opens
its like again on a new stack (``reopen``); a form or a note being typed
cannot, and then the switch waits for the next start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from intervisie_tui.i18n import set_language
from intervisie_tui.ui.base import AppHooks

if TYPE_CHECKING:
    from intervisie_tui.ui.app import IntervisieApp


def redraw_in_language(app: IntervisieApp, language: str) -> bool:
    """Switch to ``language`` and rebuild the screen stack; False (nothing changed) if it cannot be rebuilt."""
    screens = list(app.screen_stack[1:])
    if not all(isinstance(screen, AppHooks) and screen.can_rebuild() for screen in screens):
        return False
    if app.saver is not None and not app.saver.flush(timeout=5):
        return False  # a save is failing: what is on screen is the only copy
    set_language(language)
    app.context.language = language
    if app.repository is None:
        app.navigate.unlock()
        return True
    app.navigate.home()
    for screen in screens:
        assert isinstance(screen, AppHooks)
        screen.reopen(app.screen)
    return True
