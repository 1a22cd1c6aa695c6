"""Switching the language while the app runs: build the open screens again in the new language.

Screens translate their texts when they are composed, so a new language needs
new screens. Everything a screen shows is in the file (the saver is flushed
first), so the groups list, a group and a meeting can be built again exactly;
a form or a note being typed cannot, and then the switch waits for the next start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from intervisie_tui.i18n import set_language

if TYPE_CHECKING:
    from intervisie_tui.ui.app import IntervisieApp


def _rebuildable(app: IntervisieApp, screen: Screen) -> bool:
    from intervisie_tui.ui.screens.group import GroupScreen
    from intervisie_tui.ui.screens.home import HomeScreen
    from intervisie_tui.ui.screens.settings_screen import SettingsScreen
    from intervisie_tui.ui.screens.unlock import UnlockScreen
    from intervisie_tui.ui.session.screen import SessionScreen

    if isinstance(screen, SessionScreen):
        return not screen.is_typing()
    if isinstance(screen, UnlockScreen):
        return app.repository is None
    return isinstance(screen, HomeScreen | GroupScreen | SettingsScreen)


def redraw_in_language(app: IntervisieApp, language: str) -> bool:
    """Switch to ``language`` and rebuild the screen stack; False (nothing changed) if it cannot be rebuilt."""
    from intervisie_tui.ui.screens.group import GroupScreen
    from intervisie_tui.ui.screens.home import HomeScreen
    from intervisie_tui.ui.screens.unlock import UnlockScreen
    from intervisie_tui.ui.session.screen import SessionScreen

    screens = list(app.screen_stack[1:])
    if not all(_rebuildable(app, screen) for screen in screens):
        return False
    if app.saver is not None and not app.saver.flush(timeout=5):
        return False  # a save is failing: what is on screen is the only copy
    set_language(language)
    app.context.language = language
    if app.repository is None:
        app.replace_stack(UnlockScreen())
        return True
    home = HomeScreen()
    app.replace_stack(home)
    for screen in screens:
        if isinstance(screen, GroupScreen):
            group = app.repository.group(screen.group.id)
            if group is not None:
                home.show_group(group)
        elif isinstance(screen, SessionScreen):
            app.open_meeting(screen.meeting.id)
    return True
