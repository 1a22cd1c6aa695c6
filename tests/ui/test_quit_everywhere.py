"""Ctrl+Q quits from every screen and dialog, and says so when a question about quitting is open."""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.ui.dialogs.confirm import Confirm
from intervisie_tui.ui.dialogs.keys_help import KeysHelp
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.widgets.command_palette import AppCommandPalette
from tests.ui.helpers import make_app, told, until


@pytest.mark.parametrize(("key", "dialog"), [("f1", KeysHelp), ("ctrl+p", AppCommandPalette)], ids=["keys", "palette"])
async def test_ctrl_q_quits_from_a_dialog(tmp_path: Path, key: str, dialog: type) -> None:
    """A dialog (the app's own or Textual's palette) cuts the app's other bindings off; Ctrl+Q must
    still quit (it did nothing, silently)."""
    app = make_app(tmp_path, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, dialog))
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code == 0)
    assert app.repository is None  # the file was closed on the way out


async def test_ctrl_q_on_the_question_whether_to_quit_says_to_answer_it(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        monkeypatch.setattr(app.saver, "flush", lambda timeout=None: False)  # saving keeps failing
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        question = app.screen
        await pilot.press("ctrl+q")
        await until(pilot, lambda: any("Beantwoord eerst de vraag" in text for text in told(app)))
        assert app.screen is question and app.return_code is None
        await pilot.press("n")  # stay
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.return_code is None
        monkeypatch.undo()
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code == 0)
