"""Every text/background pair the app's stylesheets draw reaches WCAG AA (4.5:1) in every shipped
theme (issue 17, item 20): the true-colour themes as written, a theme of ANSI colours under both the
xterm and the Linux console default palettes (docs/THEMES.md names their sources).

The pairs are read from the stylesheets themselves (app.tcss and every DEFAULT_CSS of the app's
classes): a rule's ``color`` with its ``background``; a ``color`` alone on the screens' and boxes'
backgrounds ($background, $surface); a ``background`` alone under the default text ($foreground).
A colour with an alpha (``$background 60%``, the dimmed screen under a dialog) is not a text ground.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache

import pytest
from textual.color import Color

import intervisie_tui.ui as ui_package
from intervisie_tui.package_data import PACKAGE_DIR
from intervisie_tui.ui.themes import app_variable_defaults, load_themes, shipped_theme_folder

AA = 4.5

XTERM = {
    "black": "#000000",
    "red": "#cd0000",
    "green": "#00cd00",
    "yellow": "#cdcd00",
    "blue": "#0000ee",
    "magenta": "#cd00cd",
    "cyan": "#00cdcd",
    "white": "#e5e5e5",
    "bright_black": "#7f7f7f",
    "bright_red": "#ff0000",
    "bright_green": "#00ff00",
    "bright_yellow": "#ffff00",
    "bright_blue": "#5c5cff",
    "bright_magenta": "#ff00ff",
    "bright_cyan": "#00ffff",
    "bright_white": "#ffffff",
}
"""xterm's default 16 colours (docs/THEMES.md)."""

LINUX = {
    "black": "#000000",
    "red": "#aa0000",
    "green": "#00aa00",
    "yellow": "#aa5500",
    "blue": "#0000aa",
    "magenta": "#aa00aa",
    "cyan": "#00aaaa",
    "white": "#aaaaaa",
    "bright_black": "#555555",
    "bright_red": "#ff5555",
    "bright_green": "#55ff55",
    "bright_yellow": "#ffff55",
    "bright_blue": "#5555ff",
    "bright_magenta": "#ff55ff",
    "bright_cyan": "#55ffff",
    "bright_white": "#ffffff",
}
"""The Linux console's default 16 colours (docs/THEMES.md)."""

TEXT_GROUNDS = ("background", "surface")
"""Where text without a background of its own is drawn: the screens and the dialogs' boxes."""

KNOWN_SHORT: dict[tuple[str, str, str], str] = {}
"""Pairs known to fall short, each with why; a pair listed here that passes fails the test (drop it)."""


def _stylesheets() -> list[str]:
    sheets = [(PACKAGE_DIR / "ui" / "app.tcss").read_text(encoding="utf-8")]
    for info in pkgutil.walk_packages(ui_package.__path__, ui_package.__name__ + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__ and "DEFAULT_CSS" in vars(value):
                sheets.append(value.DEFAULT_CSS)
    return sheets


@cache
def used_pairs() -> dict[tuple[str, str], str]:
    """(text variable, background variable) -> a selector that draws it, over every stylesheet."""
    pairs: dict[tuple[str, str], str] = {}
    for sheet in _stylesheets():
        sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.DOTALL)
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
            text = re.search(r"(?<![-\w])color:\s*\$([\w-]+)\s*;", body)
            ground = re.search(r"(?<![-\w])background:\s*\$([\w-]+)\s*;", body)
            if text and ground:
                found = [(text[1], ground[1])]
            elif text:
                found = [(text[1], name) for name in TEXT_GROUNDS]
            elif ground:
                found = [("foreground", ground[1])]
            else:
                found = []
            for pair in found:
                pairs.setdefault(pair, " ".join(selector.split()))
    return pairs


def luminance(colour: Color) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG 2 contrast ratio."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def resolve(value: str, variables: dict[str, str], palette: dict[str, str], ground: Color | None = None) -> Color:
    """A variable's value as the colour the terminal shows (over ``ground`` where it has an alpha or is auto)."""
    value = value.strip()
    if value.startswith("$"):
        return resolve(variables[value[1:]], variables, palette, ground)
    alpha = re.fullmatch(r"(.+?)\s+(\d+)%", value)
    base, share = (alpha[1], int(alpha[2]) / 100) if alpha else (value, 1.0)
    if base == "auto":
        assert ground is not None
        # Textual picks black or white by its own idea of the ground; for an ANSI ground that is the
        # colour's name (its RGB inside Textual), not what this terminal's palette shows.
        chosen = Color.parse("#000000") if ground_brightness(ground) >= 0.5 else Color.parse("#ffffff")
        return ground.blend(chosen, share)
    if base == "ansi_default":
        raise AssertionError("the terminal's default colour: no contrast can be promised")
    colour = Color.parse(palette[base[5:]]) if base.startswith("ansi_") else Color.parse(base)
    if ground is not None and (share < 1 or colour.a < 1):
        return ground.blend(colour.with_alpha(1), share * colour.a)
    return colour


_ANSI_BRIGHTNESS: dict[tuple[int, int, int], float] = {}
"""The palette colour shown for an ANSI ground -> Textual's brightness of that ANSI name."""


def ground_brightness(ground: Color) -> float:
    return _ANSI_BRIGHTNESS.get(ground.rgb, ground.brightness)


def cases() -> list[tuple[str, str]]:
    """(theme, palette) for every shipped theme: ANSI ones under both palettes."""
    found = []
    for theme in load_themes([shipped_theme_folder()]).themes:
        values = [str(v) for v in theme.to_color_system().generate().values()]
        ansi = any(value.startswith("ansi_") for value in values)
        found += [(theme.name, "xterm"), (theme.name, "linux")] if ansi else [(theme.name, "as written")]
    return found


@pytest.mark.parametrize(("theme_name", "palette_name"), cases())
def test_every_text_background_pair_reaches_aa(theme_name: str, palette_name: str) -> None:
    theme = next(t for t in load_themes([shipped_theme_folder()]).themes if t.name == theme_name)
    variables = {**app_variable_defaults(theme), **theme.to_color_system().generate(), **theme.variables}
    palette = LINUX if palette_name == "linux" else XTERM
    _ANSI_BRIGHTNESS.clear()
    for name, shown in palette.items():
        _ANSI_BRIGHTNESS[Color.parse(shown).rgb] = Color.parse(f"ansi_{name}").brightness
    short = []
    for (text, ground), selector in sorted(used_pairs().items()):
        back = resolve(f"${ground}", variables, palette)
        try:
            ratio = contrast(resolve(f"${text}", variables, palette, back), back)
        except AssertionError as error:
            short.append(f"${text} on ${ground} ({selector}): {error}")
            continue
        known = (theme_name, text, ground) in KNOWN_SHORT
        if known:
            assert ratio < AA, f"${text} on ${ground} now reaches {ratio:.2f}: drop it from KNOWN_SHORT"
        elif ratio < AA:
            short.append(f"${text} on ${ground} ({selector}): {ratio:.2f}")
    assert not short, f"{theme_name} ({palette_name}) below {AA}:1:\n" + "\n".join(short)


def test_the_pairs_include_the_turn_bar_and_the_current_phase() -> None:
    """The bars the issue named are read from the stylesheets, not forgotten."""
    pairs = used_pairs()
    assert ("text", "current-speaker") in pairs  # "Aan de beurt"
    assert ("text", "phase-active") in pairs
    assert ("text-muted", "panel") in pairs
