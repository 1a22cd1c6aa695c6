"""The app's styles: theme variables only, and each class's DEFAULT_CSS scoped by its own name.

The styles live beside their classes (DEFAULT_CSS) and in app.tcss for what is shared; these tests
read all of them, so a rule moved from one place to the other stays under the same checks.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from textual.color import Color, ColorParseError
from textual.css.tokenize import tokenize

import intervisie_tui.ui

UI_FOLDER = Path(intervisie_tui.ui.__file__).parent


def default_css() -> dict[str, tuple[str, str]]:
    """Every class in the app's UI modules that declares DEFAULT_CSS: "module.Class" -> (class name, CSS)."""
    found = {}
    for module_info in pkgutil.walk_packages(intervisie_tui.ui.__path__, "intervisie_tui.ui."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__ and "DEFAULT_CSS" in vars(value):
                found[f"{module.__name__}.{value.__name__}"] = (value.__name__, value.DEFAULT_CSS)
    return found


def stylesheets() -> dict[str, str]:
    """Every stylesheet: the .tcss files and each DEFAULT_CSS, by where it is."""
    sheets = {str(path.relative_to(UI_FOLDER)): path.read_text(encoding="utf-8") for path in UI_FOLDER.rglob("*.tcss")}
    sheets.update({where: css for where, (_name, css) in default_css().items()})
    return sheets


def is_colour_name(word: str) -> bool:
    """Whether Textual reads ``word`` as a colour ("red", "ansi_blue", "transparent")."""
    try:
        Color.parse(word)
    except ColorParseError:
        return False
    return True


def colour_literals(css: str) -> list[str]:
    """Colours written as such (#hex, rgb(), hsl(), a colour's name) rather than as a theme variable."""
    return [
        token.value
        for token in tokenize(css, ("", ""))
        if token.name == "color" or (token.name == "token" and is_colour_name(token.value))
    ]


def unscoped_selectors(css: str, name: str) -> list[str]:
    """Top-level selectors that do not begin with the class's own name.

    Textual prefixes such a selector with the class name itself, but in a comma-separated list only
    the last one; writing the name first keeps every rule where it is read.
    """
    wrong = []
    depth = 0
    expect_start = True
    for token in tokenize(css, ("", "")):
        if token.name == "whitespace":
            continue
        if token.name == "declaration_set_start":
            depth += 1
        elif token.name == "declaration_set_end":
            depth -= 1
            expect_start = depth == 0
        elif depth == 0 and token.name == "new_selector":
            expect_start = True
        elif depth == 0 and expect_start:
            expect_start = False
            if token.name not in ("selector_start", "selector") or token.value != name:
                wrong.append(token.value)
    return wrong


def test_the_styles_are_found_where_they_live() -> None:
    sheets = stylesheets()
    assert "app.tcss" in sheets
    assert {
        "intervisie_tui.ui.screens.home.HomeScreen",
        "intervisie_tui.ui.session.screen.SessionScreen",
        "intervisie_tui.ui.session.whiteboard.Whiteboard",
        "intervisie_tui.ui.dialogs.form.TurnForm",
    } <= set(sheets)


@pytest.mark.parametrize("where", sorted(stylesheets()))
def test_styles_use_theme_variables_not_colour_literals(where: str) -> None:
    """Every theme, a user's own included, must apply: a literal colour would ignore it."""
    assert colour_literals(stylesheets()[where]) == []


@pytest.mark.parametrize("where", sorted(default_css()))
def test_each_default_css_rule_begins_with_its_class(where: str) -> None:
    name, css = default_css()[where]
    assert unscoped_selectors(css, name) == []


def test_the_checks_catch_a_literal_and_an_unscoped_selector() -> None:
    css = "Box #a, #b { color: red; background: #112233; border: round rgb(1, 2, 3); }\nBox { color: $primary; }"
    assert colour_literals(css) == ["red", "#112233", "rgb(1, 2, 3)"]
    assert colour_literals("Box { border: tall ansi_red; outline: round $primary 50%; }") == ["ansi_red"]
    assert unscoped_selectors(css, "Box") == ["#b"]
    assert unscoped_selectors("Box { & > #a { color: $text; } }\nBox.-on > #a { width: 1; }", "Box") == []
