"""settings.toml: values the app cannot use are reported one by one; [keys] survives a round trip."""

from __future__ import annotations

from pathlib import Path

from intervisie_tui.ui.settings import Settings, load_settings, save_settings


def write(folder: Path, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(text, encoding="utf-8")


def test_keys_and_every_setting_survive_a_round_trip(tmp_path: Path) -> None:
    settings = Settings(theme="light", language="en", idle_lock_minutes=0, lock_on_focus_loss=False, view="room",
                        keys={"session.next": "n,right", "app.curtain": "f12"})  # fmt: skip
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == (settings, "")


def test_values_the_app_cannot_use_fall_back_one_by_one(tmp_path: Path) -> None:
    write(tmp_path, 'theme = "light"\nlanguage = "fr"\nidle_lock_minutes = -5\nview = "wall"\n'
                    '[keys]\n"session.next" = 3\n"session.back" = "left"\n')  # fmt: skip
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
