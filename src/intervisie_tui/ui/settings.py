"""The user's settings (theme, language, idle lock, view) in ``settings.toml`` in the config folder.

Nothing confidential goes here: it is plain text by design, next to the
user's own theme files. A broken file is reported and the defaults are used.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

FILE_NAME = "settings.toml"


@dataclass(frozen=True, slots=True)
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
    view: str = "chair"


def load_settings(folder: Path) -> tuple[Settings, str]:
    """The settings in ``folder`` and a problem to report ("" when none); defaults when there is no file."""
    path = folder / FILE_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), ""
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(), f"{path.name}: {error}"
    settings, problems = Settings(), []
    for field in fields(Settings):
        if field.name not in data:
            continue
        value = data[field.name]
        expected = type(getattr(settings, field.name))
        if type(value) is not expected:
            problems.append(f"{field.name}: {value!r}")
            continue
        settings = replace(settings, **{field.name: value})
    return settings, (f"{path.name}: " + ", ".join(problems)) if problems else ""


def save_settings(folder: Path, settings: Settings) -> None:
    """Write the settings atomically (a temporary file in the same folder, then a rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for key, value in asdict(settings).items():
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, int):
            lines.append(f"{key} = {value}")
        else:
            lines.append(f'{key} = "{_escape(str(value))}"')
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".settings-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write("\n".join(lines) + "\n")
        os.replace(temporary, folder / FILE_NAME)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
