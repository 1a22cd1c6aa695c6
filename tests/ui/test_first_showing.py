"""A screen's first showing keeps the styles its widgets got as they mounted (ui/base.py).

Textual restyles every widget of a screen each time it is shown; on the first showing the app
skips that pass. What the skip leaves must be exactly what the pass would have made.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.events import ScreenResume
from textual.screen import Screen

from intervisie_tui.ui.dialogs.keys_help import KeysHelp
from intervisie_tui.ui.session.screen import SessionScreen
from tests.ui.helpers import make_app, until


def styles_of(screen: Screen) -> dict[str, str]:
    """Every widget's computed styles, by its place in the screen."""
    return {f"{index}:{node!r}": node.styles.css for index, node in enumerate(screen.walk_children(with_self=True))}


async def test_the_first_showing_is_styled_once_and_as_a_restyle_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, bool]] = []
    resume = Screen._on_screen_resume

    def noted(screen: Screen, event: ScreenResume) -> None:
        shown.append((type(screen).__name__, event.refresh_styles))
        resume(screen, event)

    monkeypatch.setattr(Screen, "_on_screen_resume", noted)
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.is_mounted)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, KeysHelp) and app.screen.is_mounted)
        await pilot.pause()
        ours = [entry for entry in shown if entry[0] != "Screen"]  # Textual's own default screen aside
        assert ours == [("HomeScreen", False), ("SessionScreen", False), ("KeysHelp", False)]
        for screen in (app.screen, app.screen_stack[-2]):
            before = styles_of(screen)
            screen.update_node_styles(animate=False)
            assert styles_of(screen) == before
