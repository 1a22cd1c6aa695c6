"""Themes from TOML files: the shipped ones in ``themes/`` and the user's own in the config folder.

A theme file names Textual's theme colours and, optionally, the app's own
variables (phase-done, phase-active, phase-next, overrun, current-speaker);
missing app variables are derived from the theme's colours, so a file may
leave them out. It may also set Textual's text colours (``text``,
``text-muted``, ``text-error``), to a colour or to ``auto N%`` (black or white, whichever
contrasts with the background): Textual leaves them to the terminal's default
colour in a theme of ANSI colours, which no contrast can be promised for
(docs/THEMES.md). A broken file is reported and skipped, never a crash: the
loader returns ``(loaded, failed)``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import current_language
from intervisie_tui.package_data import PACKAGE_DIR
from intervisie_tui.small_files import NotASmallFile, read_small_file

COLOR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "success",
    "warning",
    "error",
)
APP_VARIABLES = ("phase-done", "phase-active", "phase-next", "overrun", "current-speaker")
TEXT_VARIABLES = ("text", "text-muted", "text-error")
"""Textual's own text colours, which a theme file may set (a colour, or ``auto N%``)."""
AUTO = re.compile(r"^auto( (100|[1-9]?[0-9])%)?$")
NAME = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
MAX_FILE_BYTES = 64 * 1024
DEFAULT_THEME = "projector"


@value_class
class ThemeProblem:
    """Why a theme file was skipped."""

    path: Path
    reason: str
    """In English, naming the field (shown to the user as-is: it is about a file, for whoever edits it)."""


class ThemeFileError(ValueError):
    """A theme file that cannot be used."""


def shipped_theme_folder() -> Path:
    """The shipped themes: inside the installed package, or the checkout's top-level ``themes/``."""
    packaged = PACKAGE_DIR / "themes"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parents[1] / "themes"


def _color(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(f'{field}: a colour must be text, such as "#1a2b3c"')
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeFileError(f"{field}: {value!r} is not a colour") from None
    return value


def theme_from_data(data: dict[str, object]) -> tuple[Theme, dict[str, str]]:
    """A Textual theme and its labels per language from parsed TOML; ThemeFileError names the bad field."""
    name = data.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise ThemeFileError("name: lower-case letters, digits and '-', 2-40 characters")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeFileError("dark: true or false")
    colors = data.get("colors")
    if not isinstance(colors, dict) or "primary" not in colors:
        raise ThemeFileError("[colors]: a table with at least primary")
    unknown = sorted(set(colors) - set(COLOR_KEYS))
    if unknown:
        raise ThemeFileError(f"[colors]: unknown key {unknown[0]!r}")
    checked = {key: _color(value, f"colors.{key}") for key, value in colors.items()}
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeFileError("[variables]: a table")
    unknown = sorted(set(variables) - set(APP_VARIABLES) - set(TEXT_VARIABLES))
    if unknown:
        raise ThemeFileError(f"[variables]: unknown variable {unknown[0]!r}")
    app_variables = {
        key: value
        if key in TEXT_VARIABLES and isinstance(value, str) and AUTO.match(value)
        else _color(value, f"variables.{key}")
        for key, value in variables.items()
    }
    labels = data.get("label", {})
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        raise ThemeFileError('[label]: texts per language, such as nl = "Beamer"')
    theme = Theme(name=name, dark=dark, variables=app_variables, **checked)  # type: ignore[arg-type]
    return theme, {str(key): str(value) for key, value in labels.items()}


def app_variable_defaults(theme: Theme) -> dict[str, str]:
    """The app's variables for a theme that leaves them out, derived from its colour system.

    They match what the stylesheet used before themes could set them: done
    phases muted, the current phase in the primary colour, overrun in the
    error text colour, the speaker in the accent colour.
    """
    system = theme.to_color_system().generate()
    return {
        "phase-done": system["text-muted"],
        "phase-active": system["primary"],
        "phase-next": system["foreground"],
        "overrun": system["text-error"],
        "current-speaker": system["accent"],
    }


def load_theme_file(path: Path) -> tuple[Theme, dict[str, str]]:
    """One theme file; ThemeFileError (with the reason) when it cannot be used."""
    try:
        raw = read_small_file(path, MAX_FILE_BYTES)
    except OSError as error:
        raise ThemeFileError(f"cannot be read: {error.strerror}") from None
    except NotASmallFile as error:
        raise ThemeFileError(str(error)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ThemeFileError(f"not valid TOML: {error}") from None
    return theme_from_data(data)


@dataclass
class ThemeSet:
    """Themes that loaded, their labels, and the files that did not."""

    themes: list[Theme]
    labels: dict[str, dict[str, str]]
    failed: list[ThemeProblem]

    def label(self, name: str, language: str | None = None) -> str:
        """The theme's name in the UI language (its file name when it has no label)."""
        labels = self.labels.get(name, {})
        return labels.get(language or current_language()) or labels.get("en") or name


def load_themes(folders: Iterable[Path]) -> ThemeSet:
    """Every ``*.toml`` in ``folders`` (later folders win on an equal name); broken files are listed, not raised."""
    by_name: dict[str, Theme] = {}
    labels: dict[str, dict[str, str]] = {}
    failed: list[ThemeProblem] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme, label = load_theme_file(path)
            except ThemeFileError as error:
                failed.append(ThemeProblem(path, str(error)))
                continue
            by_name[theme.name] = theme
            labels[theme.name] = label
    return ThemeSet(list(by_name.values()), labels, failed)
