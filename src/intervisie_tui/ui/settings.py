"""The user's settings (theme, language, idle lock, view, keys) in ``settings.toml`` in the config folder.

Nothing confidential goes here: it is plain text by design, next to the
user's own theme files. A broken file is reported and the defaults are used;
a single bad value is reported and only that value falls back.

Keys are remapped by binding id in a ``[keys]`` table, e.g.::

    [keys]
    "session.next" = "n,right"
    "app.curtain" = "f12"
"""

from __future__ import annotations

import tomllib
from dataclasses import field, fields, replace
from pathlib import Path

from intervisie_tui.core.values import value_class
from intervisie_tui.small_files import NotASmallFile, read_small_file
from intervisie_tui.store.atomic import atomic_write

FILE_NAME = "settings.toml"
MAX_SETTINGS_BYTES = 64 * 1024
"""A settings file is a few hundred bytes; anything far larger is not one."""
CHAIR_VIEW = "chair"
ROOM_VIEW = "room"
VIEWS = (CHAIR_VIEW, ROOM_VIEW)


@value_class
class Settings:
    """What the app remembers between runs."""

    theme: str = ""
    """A theme name; "" = the app's default."""
    language: str = ""
    """"nl" or "en"; "" = from the environment (Dutch by default)."""
    idle_lock_minutes: int = 10
    """Lock after this many minutes without a key; 0 = never."""
    lock_on_focus_loss: bool = True
    """Lock when the terminal reports it lost focus (not all terminals do); false keeps it open."""
    view: str = CHAIR_VIEW
    """The view the app opens in: "chair" or "room" (F3 switches while it runs)."""
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys ("n,right"); ids not named keep their own keys."""


LANGUAGE_CHOICES = ("", "nl", "en")
MAX_IDLE_MINUTES = 240
KEYS_TABLE = "keys"


def _valid(name: str, value: object) -> bool:
    """Whether a value of the right type is also one the app can use."""
    if name == "language":
        return value in LANGUAGE_CHOICES
    if name == "view":
        return value in VIEWS
    if name == "idle_lock_minutes":
        return isinstance(value, int) and 0 <= value <= MAX_IDLE_MINUTES
    return True


def _keys(value: object) -> tuple[dict[str, str], list[str]]:
    """The [keys] table: string ids to non-empty key strings; anything else is reported."""
    if not isinstance(value, dict):
        return {}, [f"{KEYS_TABLE}: {value!r}"]
    keys, problems = {}, []
    for binding_id, keys_text in value.items():
        if isinstance(keys_text, str) and keys_text.strip():
            keys[binding_id] = keys_text.replace(" ", "")
        else:
            problems.append(f"{KEYS_TABLE}.{binding_id}: {keys_text!r}")
    return keys, problems


def load_settings(folder: Path) -> tuple[Settings, str]:
    """The settings in ``folder`` and a problem to report ("" when none); defaults when there is no file."""
    path = folder / FILE_NAME
    try:
        data = tomllib.loads(read_small_file(path, MAX_SETTINGS_BYTES).decode("utf-8"))
    except FileNotFoundError:
        return Settings(), ""
    except (OSError, NotASmallFile, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(), f"{path.name}: {error}"
    settings, problems = Settings(), []
    for setting in fields(Settings):
        if setting.name not in data:
            continue
        value = data[setting.name]
        if setting.name == KEYS_TABLE:
            keys, key_problems = _keys(value)
            settings = replace(settings, keys=keys)
            problems += key_problems
            continue
        expected = type(getattr(settings, setting.name))
        if type(value) is not expected or not _valid(setting.name, value):
            problems.append(f"{setting.name}: {value!r}")
            continue
        settings = replace(settings, **{setting.name: value})
    return settings, (f"{path.name}: " + ", ".join(problems)) if problems else ""


def save_settings(folder: Path, settings: Settings) -> None:
    """Write the settings through :func:`atomic_write`: the old file or the new one, never a mix.

    tomli-w escapes every control character, so any text read back equals what was written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    data: dict[str, object] = {
        setting.name: getattr(settings, setting.name) for setting in fields(Settings) if setting.name != KEYS_TABLE
    }
    if settings.keys:
        data[KEYS_TABLE] = dict(sorted(settings.keys.items()))
    # A failed folder fsync (False) only means the rename may not survive a power cut: nothing to report.
    import tomli_w  # here: settings are written when changed, never at start

    atomic_write(folder / FILE_NAME, [tomli_w.dumps(data).encode("utf-8")])
