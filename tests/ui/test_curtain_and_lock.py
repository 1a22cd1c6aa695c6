"""Curtain and lock from every screen: the room sees nothing; after a lock no screen holds content."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from intervisie_tui.ui.screens.curtain import CurtainScreen
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.screens.unlock import UnlockScreen
from intervisie_tui.ui.session.screen import SessionScreen
from intervisie_tui.ui.settings import Settings, save_settings
from tests.conftest import PASSPHRASE, FrozenClock
from tests.ui.helpers import make_app, type_line


def visible_text(app) -> str:
    """Every Static's text on the current screen."""
    return " ".join(str(widget.render()) for widget in app.screen.query(Static))


WHERE = ["session", "home", "group", "typing", "settings", "room"]


async def go(pilot, where: str) -> None:
    """From the demo meeting to the screen named ``where``."""
    if where in ("home", "group"):
        await pilot.press("escape", *(["g"] if where == "group" else []))
    if where == "typing":
        await pilot.press("a")  # the note field is open: F2 and Ctrl+L must still work
    if where == "settings":
        await pilot.press("f4")
    if where == "room":
        await pilot.press("f3")
    await pilot.pause()


@pytest.mark.parametrize("where", WHERE)
async def test_the_curtain_blanks_every_screen_until_pressed_again(tmp_path: Path, where: str) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await go(pilot, where)
        below = app.screen
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CurtainScreen)
        shown = visible_text(app)
        assert "intervisie" in shown and "Anouk" not in shown and "Jeugdbescherming" not in shown
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is below


@pytest.mark.parametrize("where", WHERE)
async def test_the_lock_key_drops_the_data_and_the_passphrase_opens_it_again(tmp_path: Path, where: str) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go(pilot, where)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.repository is None and app.saver is None
        assert [type(screen).__name__ for screen in app.screen_stack[1:]] == ["UnlockScreen"]
        await pilot.press("enter")  # the demo meeting runs: a curtain first, the field after a key
        await type_line(pilot, PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.repository is not None
        assert isinstance(app.screen, SessionScreen)  # the running meeting resumes


async def test_idle_minutes_lock_the_app_and_a_key_keeps_it_open(tmp_path: Path) -> None:
    clock = FrozenClock()
    save_settings(tmp_path / "config", Settings(idle_lock_minutes=10))
    app = make_app(tmp_path, demo=True, unlocked=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "escape")  # the demo meeting paused: its phase keeps nobody busy
        await pilot.pause()
        clock.advance(minutes=9)
        app.check_idle_lock()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("down")  # someone is using it
        clock.advance(minutes=9)
        app.check_idle_lock()
        assert app.repository is not None
        clock.advance(minutes=2)
        app.check_idle_lock()
        await pilot.pause()
        assert app.repository is None and isinstance(app.screen, UnlockScreen)


async def test_losing_focus_locks_unless_the_settings_say_otherwise(tmp_path: Path) -> None:
    from textual import events

    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert app.repository is None
    other = tmp_path / "b"
    other.mkdir()
    save_settings(other / "config", Settings(lock_on_focus_loss=False))
    app = make_app(other, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert app.repository is not None


async def test_the_lock_empties_the_apps_clipboard(tmp_path: Path) -> None:
    """A copied note must not outlive the lock (the terminal's clipboard gets the empty text too, where it listens)."""
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.copy_to_clipboard("Anouk twijfelt over de melding")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.clipboard == ""
