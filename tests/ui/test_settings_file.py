"""settings.toml: values the app cannot use are reported one by one; [keys] survives a round trip."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from intervisie_tui.ui.settings import Settings, load_settings, save_settings

HOSTILE = [
    "".join(chr(code) for code in range(0x20)) + "\x7f",  # every C0 control and DEL
    "\x1b[31mred\x1b[0m\x1b]0;title\x07",  # ESC sequences and BEL
    'quote " and \'single\' and """triple"""',
    'back\\slash \\" \\u0041 \\n',  # backslashes that look like TOML escapes
    "line\nbreak\r\nand\rreturn\ttab",
    "\x85\u2028\u2029\u200b\u202e\ufeff",  # NEL, line/paragraph separators, zero width, RTL override, BOM
    "Zoë, 日本語, 👩‍👩‍👧, e\u0301",
    "x" * 5_000 + "\x01" * 500,  # long, and long once escaped
    "[keys]\ntheme = 'gotcha'",  # text that would be TOML if written raw
    "",
]


def _key_text(text: str) -> str:
    """What may stand as a [keys] value: the loader drops spaces and reports a blank value."""
    return text.replace(" ", "") or "x"


def test_every_hostile_value_is_written_so_all_settings_read_back(tmp_path: Path) -> None:
    """A control character was written raw and the next start dropped every setting."""
    keys = {
        "session.next": "n,right",
        "a key.with dots": "ctrl+a",
        "": "f1",
        'quo"te\\': "f2",
        "[keys]": "f3",
        "ids = 1 # x": "f4",
        "naïve ключ": "f5",
        "\x1b\n\x00": "f6",
    }
    keys |= {f"hostile.{index}": _key_text(text) for index, text in enumerate(HOSTILE)}
    keys |= {text: "f7" for text in HOSTILE}
    for theme in HOSTILE:
        settings = Settings(
            theme=theme, language="en", idle_lock_minutes=240, lock_on_focus_loss=False, view="room", keys=keys
        )
        save_settings(tmp_path, settings)
        assert load_settings(tmp_path) == (settings, "")


# Surrogates cannot be written as UTF-8 at all; theme names and key ids never hold them.
_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_KEYS_TEXT = _TEXT.filter(lambda text: bool(text.strip()) and " " not in text)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(theme=_TEXT, keys=st.dictionaries(_TEXT, _KEYS_TEXT, max_size=5))
def test_any_text_round_trips(tmp_path: Path, theme: str, keys: dict[str, str]) -> None:
    """No deadline: each example writes and fsyncs a file, slow on a loaded machine."""
    settings = Settings(theme=theme, keys=keys)
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == (settings, "")


def write(folder: Path, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(text, encoding="utf-8")


def test_keys_and_every_setting_survive_a_round_trip(tmp_path: Path) -> None:
    settings = Settings(
        theme="light",
        language="en",
        idle_lock_minutes=0,
        lock_on_focus_loss=False,
        view="room",
        keys={"session.next": "n,right", "app.curtain": "f12"},
    )
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == (settings, "")


def test_values_the_app_cannot_use_fall_back_one_by_one(tmp_path: Path) -> None:
    write(
        tmp_path,
        'theme = "light"\nlanguage = "fr"\nidle_lock_minutes = -5\nview = "wall"\n'
        '[keys]\n"session.next" = 3\n"session.back" = "left"\n',
    )
    settings, problem = load_settings(tmp_path)
    assert settings == Settings(theme="light", keys={"session.back": "left"})
    for named in ("language", "idle_lock_minutes", "view", "keys.session.next"):
        assert named in problem


def test_an_hour_long_idle_limit_is_fine_but_not_a_week(tmp_path: Path) -> None:
    write(tmp_path, "idle_lock_minutes = 60\n")
    assert load_settings(tmp_path)[0].idle_lock_minutes == 60
    write(tmp_path, "idle_lock_minutes = 10080\n")
    assert load_settings(tmp_path)[0].idle_lock_minutes == 10


def test_a_keys_entry_that_is_not_a_table_is_reported(tmp_path: Path) -> None:
    write(tmp_path, 'keys = "n"\n')
    settings, problem = load_settings(tmp_path)
    assert settings.keys == {} and "keys" in problem


def test_a_pipe_or_an_endless_file_in_place_of_settings_is_reported_not_waited_for(tmp_path: Path) -> None:
    """A FIFO named settings.toml made the app wait for ever at start; /dev/zero linked there never
    ended. Both are reported and the defaults are used."""
    import os

    os.mkfifo(tmp_path / "settings.toml")
    settings, problem = load_settings(tmp_path)
    assert settings == Settings() and "not a regular file" in problem
    (tmp_path / "settings.toml").unlink()
    (tmp_path / "settings.toml").symlink_to("/dev/zero")
    settings, problem = load_settings(tmp_path)
    assert settings == Settings() and "not a regular file" in problem
    (tmp_path / "settings.toml").unlink()
    write(tmp_path, "#" * 70_000 + "\n")
    settings, problem = load_settings(tmp_path)
    assert settings == Settings() and "larger than 64 KiB" in problem
