"""Theme files: the shipped ones load, broken ones are reported and skipped, the choice is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.ui.settings import Settings, load_settings, save_settings
from intervisie_tui.ui.themes import (
    APP_VARIABLES,
    TEXT_VARIABLES,
    ThemeFileError,
    load_theme_file,
    load_themes,
    shipped_theme_folder,
)
from tests.conftest import FrozenClock
from tests.ui.helpers import make_app

GOOD = 'name = "mine"\ndark = false\n[colors]\nprimary = "#112233"\n'


def test_every_shipped_theme_loads_with_a_dutch_and_an_english_label() -> None:
    themes = load_themes([shipped_theme_folder()])
    assert themes.failed == []
    assert {theme.name for theme in themes.themes} >= {"projector", "light", "dark", "console"}
    for theme in themes.themes:
        assert set(themes.labels[theme.name]) == {"nl", "en"}
        assert set(theme.variables) <= set(APP_VARIABLES) | set(TEXT_VARIABLES)


def test_the_console_theme_uses_only_the_terminals_own_colours() -> None:
    theme, _labels = load_theme_file(shipped_theme_folder() / "console.toml")
    colours = [getattr(theme, key) for key in ("primary", "foreground", "background", "error")]
    # Text on a coloured bar may be "auto": black or white, which every terminal has.
    shown = [value for value in theme.variables.values() if not value.startswith("auto")]
    assert all(colour.startswith("ansi_") for colour in [*colours, *shown])


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('name = "Mine!"\n[colors]\nprimary = "#112233"\n', "name"),
        ('name = "mine"\ndark = "yes"\n[colors]\nprimary = "#112233"\n', "dark"),
        ('name = "mine"\n[colors]\nsecondary = "#112233"\n', "[colors]"),
        ('name = "mine"\n[colors]\nprimary = "not-a-colour"\n', "colors.primary"),
        ('name = "mine"\n[colors]\nprimary = "#112233"\nsparkle = "#fff"\n', "sparkle"),
        ('name = "mine"\n[colors]\nprimary = "#112233"\n[variables]\nphase-gone = "#fff"\n', "phase-gone"),
        ('name = "mine"\n[colors]\nprimary = 12\n', "colors.primary"),
        ("name = [unclosed\n", "TOML"),
    ],
)
def test_a_broken_theme_file_names_what_is_wrong(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThemeFileError, match=field.replace("[", r"\[").replace("]", r"\]")):
        load_theme_file(path)


def test_a_huge_theme_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_text(GOOD + "#" * 70_000, encoding="utf-8")
    with pytest.raises(ThemeFileError, match="larger than"):
        load_theme_file(path)


def test_the_users_folder_adds_themes_and_skips_broken_ones(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.toml").write_text("name = ", encoding="utf-8")
    themes = load_themes([shipped_theme_folder(), tmp_path, tmp_path / "missing"])
    assert "mine" in {theme.name for theme in themes.themes}
    assert [problem.path.name for problem in themes.failed] == ["broken.toml"]
    assert themes.label("mine") == "mine"  # no label: its name


def test_settings_round_trip_and_a_broken_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == (Settings(), "")
    save_settings(tmp_path, Settings(theme="light", language="en", idle_lock_minutes=5))
    assert load_settings(tmp_path) == (Settings(theme="light", language="en", idle_lock_minutes=5), "")
    (tmp_path / "settings.toml").write_text('theme = "light"\nidle_lock_minutes = "soon"\n', encoding="utf-8")
    settings, problem = load_settings(tmp_path)
    assert settings.theme == "light" and settings.idle_lock_minutes == 10 and "idle_lock_minutes" in problem
    (tmp_path / "settings.toml").write_text("theme = \n", encoding="utf-8")
    assert load_settings(tmp_path)[0] == Settings() and load_settings(tmp_path)[1]


async def test_a_broken_theme_file_is_reported_and_the_app_keeps_its_default(tmp_path: Path) -> None:
    themes = tmp_path / "config" / "themes"
    themes.mkdir(parents=True)
    (themes / "kapot.toml").write_text('name = "kapot"\n[colors]\nprimary = "paars?"\n', encoding="utf-8")
    save_settings(tmp_path / "config", Settings(theme="kapot"))
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        told = [notice.message for notice in app._notifications]
        assert any("kapot.toml" in message and "colors.primary" in message for message in told)
        assert any("kapot" in message and "standaardthema" in message for message in told)
        assert app.theme == "textual-dark"


async def test_the_chosen_theme_is_remembered_for_the_next_run(tmp_path: Path) -> None:
    clock = FrozenClock()
    app = make_app(tmp_path, demo=True, unlocked=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_choose_theme()
        await pilot.pause()
        await pilot.press("home", "enter")  # the first listed: console
        await pilot.pause()
        assert app.theme == "console"
    assert load_settings(tmp_path / "config")[0].theme == "console"
    app.close_repository()  # the first run let go of the file, as quitting does
    app.context.opener.release()
    again = make_app(tmp_path, unlocked=True, clock=clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "console"


@pytest.mark.parametrize(
    ("environ", "off"),
    [
        ({"TEXTUAL_ANIMATION": "none"}, True),
        ({"TEXTUAL_ANIMATIONS": "NONE"}, True),
        ({"TEXTUAL_ANIMATION": "full"}, False),
        ({}, False),
    ],
)
def test_no_animation_is_honoured_in_both_spellings(environ: dict[str, str], off: bool) -> None:
    from intervisie_tui.ui.context import animation_off_requested

    assert animation_off_requested(environ) is off


def test_the_app_turns_animation_off_when_asked(tmp_path: Path) -> None:
    from intervisie_tui.ui.app import IntervisieApp

    context = make_app(tmp_path).context
    context.animation_off = True
    assert IntervisieApp(context).animation_level == "none"


def test_a_pipe_in_place_of_a_theme_file_is_refused_not_waited_for(tmp_path: Path) -> None:
    """Reading a FIFO would wait for a writer for ever; it is refused like any unusable theme file."""
    import os

    path = tmp_path / "pijp.toml"
    os.mkfifo(path)
    with pytest.raises(ThemeFileError, match="not a regular file"):
        load_theme_file(path)
