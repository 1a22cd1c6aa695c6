"""F4 settings (theme, language, idle lock, view), the language switch, and remapped keys in F1."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from intervisie_tui import i18n
from intervisie_tui.cli import parse
from intervisie_tui.ui.dialogs.keys_help import key_rows
from intervisie_tui.ui.screens.group import GroupScreen
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.screens.settings_screen import (
    SettingsScreen,
    idle_minutes,
    shown_path,
)
from intervisie_tui.ui.session.screen import SessionScreen
from intervisie_tui.ui.settings import Settings, load_settings, save_settings
from intervisie_tui.ui.widgets.title_bar import TitleBar
from tests.ui.helpers import make_app, type_line


async def choose(pilot, select_id: str, value: object) -> None:
    """Set a Select on the settings screen the way the keyboard would leave it."""
    pilot.app.screen.query_one(select_id, Select).value = value
    await pilot.pause()


async def test_settings_are_saved_and_a_new_language_redraws_the_open_screens(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "g", "b")  # groups → group → its meeting: three screens to rebuild
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        meeting_id = app.screen.meeting.id
        assert app.screen.query_one(TitleBar).place == "Bijeenkomst"
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await choose(pilot, "#setting-language", "en")
        await choose(pilot, "#setting-theme", "projector")
        await pilot.press("tab", "tab")  # theme → language → idle minutes
        assert app.focused is app.screen.query_one("#setting-idle", Input)
        # the field selects its text on focus, so typing replaces it
        await type_line(pilot, "25")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert i18n.current_language() == "en"
        assert [type(screen) for screen in app.screen_stack[1:]] == [HomeScreen, GroupScreen, SessionScreen]
        assert app.screen.meeting.id == meeting_id
        assert app.screen.query_one(TitleBar).place == "Meeting"
        assert app.theme == "projector"
        saved, problem = load_settings(tmp_path / "config")
        assert problem == "" and (saved.language, saved.theme, saved.idle_lock_minutes) == ("en", "projector", 25)
        assert app.settings.idle_lock_minutes == 25


async def test_a_wrong_idle_time_is_explained_and_nothing_is_saved(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        app.screen.query_one("#setting-idle", Input).value = "abc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "0" in str(app.screen.query_one("#settings-problem", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert not (tmp_path / "config" / "settings.toml").exists()


async def test_the_language_waits_for_the_next_start_while_a_note_is_being_typed(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = app.screen
        await pilot.press("a")
        await type_line(pilot, "half getypt")
        await pilot.press("f4")
        await pilot.pause()
        await choose(pilot, "#setting-language", "en")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is session and session.is_typing()  # nothing typed was dropped
        assert session.query_one("#note-input", Input).value == "half getypt"
        assert i18n.current_language() == "nl"
        assert load_settings(tmp_path / "config")[0].language == "en"


def test_the_command_line_uses_the_remembered_language_unless_lang_is_given(tmp_path: Path) -> None:
    from intervisie_tui.locations import config_dir

    save_settings(config_dir(), Settings(language="en"))  # config_dir() is a temp folder in tests
    assert parse(["some.ivt"]).language == "en"
    assert parse(["some.ivt", "--lang", "nl"]).language == "nl"


async def test_remapped_keys_work_and_the_help_shows_them(tmp_path: Path) -> None:
    save_settings(tmp_path / "config", Settings(keys={"session.next": "right_square_bracket", "app.curtain": "f12"}))
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        before = session.meeting.current
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert session.meeting.current == before + 1
        await pilot.press("n")  # the old key no longer moves on
        await pilot.pause()
        assert session.meeting.current == before + 1
        rows = dict((description, keys) for keys, description in key_rows(session))
        assert rows["Next"] == "]"
        palette = {name: keys for name, keys, _callback in session.palette_commands()}
        assert palette["Next"] == "]"  # the palette, too, names the key in effect
        await pilot.press("f12")
        await pilot.pause()
        assert type(app.screen).__name__ == "CurtainScreen"


async def test_a_key_for_an_action_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    save_settings(tmp_path / "config", Settings(keys={"session.nxet": "x"}))
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("session.nxet" in notice.message for notice in app._notifications)


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("0", 0), ("10", 10), ("240", 240), ("241", None), ("-1", None), ("", None), ("1.5", None), ("١٠", None)],
)
def test_idle_minutes_are_whole_numbers_within_bounds(typed: str, minutes: int | None) -> None:
    assert idle_minutes(typed) == minutes


def test_the_settings_file_path_never_shows_the_login_name() -> None:
    assert shown_path(Path.home() / ".config" / "x" / "settings.toml") == "~/.config/x/settings.toml"
    assert shown_path(Path("/etc/x/settings.toml")) == "/etc/x/settings.toml"
