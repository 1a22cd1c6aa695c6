"""Textual's private names the app relies on are listed in docs/TEXTUAL.md and exist in the installed Textual.

pyproject.toml keeps Textual below its next major, but a minor release may still rename a private
name; the app would then crash, or quietly lose what the name gave it (an overridden method that
Textual no longer calls). These tests turn that into a failing test on the upgrade, and keep the
list complete: a new use of a private name fails until it is listed.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import sys
from functools import cache
from pathlib import Path

import textual

from intervisie_tui import ui

DOC = Path(__file__).resolve().parents[1] / "docs" / "TEXTUAL.md"


def listed() -> set[str]:
    """The backticked names in the first column of the doc's "Private names" table."""
    section = DOC.read_text(encoding="utf-8").split("## Private names", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]  # after the header and its rule
    return {name for row in rows for name in re.findall(r"`([\w.]+)`", row.split("|")[1])}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@cache
def _assigned_on_self(cls: type) -> frozenset[str]:
    """Attributes a class's own source assigns to ``self`` (instance attributes, set in ``__init__`` and elsewhere)."""
    tree = ast.parse(inspect.getsource(cls).lstrip())
    return frozenset(
        target.attr
        for node in ast.walk(tree)
        for target in (node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)])
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        and isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
    )


def _defined_by(cls: type, name: str) -> bool:
    """Whether ``cls`` itself (not a base) defines ``name``, on the class or on its instances."""
    return name in vars(cls) or name in _assigned_on_self(cls)


def _textual(cls: type) -> bool:
    return cls.__module__.split(".")[0] == "textual"


def resolve(name: str) -> bool:
    """Whether a listed name exists in the installed Textual.

    ``textual.widgets._footer.FooterKey``: a name in a private module. ``Input._value``: a name that
    the Textual class (or one of its bases) defines on the class or assigns to its instances.
    """
    if name.startswith("textual."):
        module_name, _, attribute = name.rpartition(".")
        try:
            return hasattr(importlib.import_module(module_name), attribute)
        except ImportError:
            return False
    owner_name, _, attribute = name.partition(".")
    owners = [cls for cls in _textual_classes() if cls.__name__ == owner_name]
    assert owners, f"{owner_name}: no such Textual class (write the class that defines the name)"
    return any(_defined_by(base, attribute) for owner in owners for base in owner.__mro__ if _textual(base))


@cache
def _ui_modules() -> tuple:
    """Every module of the app's ui package, imported (and with them the Textual modules they use)."""
    return tuple(importlib.import_module(info.name) for info in pkgutil.walk_packages(ui.__path__, f"{ui.__name__}."))


@cache
def _textual_classes() -> tuple[type, ...]:
    """Every class in the Textual modules loaded once the app's ui package is."""
    _ui_modules()
    return tuple(
        value
        for name, module in list(sys.modules.items())
        if name.split(".")[0] == "textual"
        for value in list(vars(module).values())
        if inspect.isclass(value) and value.__module__ == name
    )


def _private_names_in(cls: type) -> set[str]:
    """Private names a class of ours defines or reads: its methods, class attributes and ``x._name``."""
    tree = ast.parse(inspect.getsource(cls).lstrip())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return {name for name in names if _is_private(name)}


def used() -> dict[str, str]:
    """Textual's private names the app uses, each with the module it is used in.

    A private module imported from (``textual.widgets._footer``), and, for every class of ours
    built on a Textual class, each private name that it (or a mixin of ours in its bases) defines
    or reads and that a Textual base also defines: an override, a read, or the same name by chance,
    which shadows Textual's. Not seen: a private name read in a plain function, outside any class.
    """
    found: dict[str, str] = {}
    for module in _ui_modules():
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "textual":
                if any(_is_private(part) for part in node.module.split(".")):
                    for alias in node.names:
                        found.setdefault(f"{node.module}.{alias.name}", module.__name__)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == module.__name__):
                continue
            bases = [base for base in cls.__mro__ if _textual(base)]
            if not bases:
                continue
            for ours in (base for base in cls.__mro__ if base.__module__.startswith("intervisie_tui.")):
                for name in _private_names_in(ours):
                    owner = next((base for base in bases if _defined_by(base, name)), None)
                    if owner is not None:
                        found.setdefault(f"{owner.__name__}.{name}", module.__name__)
    return found


def test_every_listed_private_name_exists_in_the_installed_textual() -> None:
    """A Textual upgrade that renames or drops one of them fails here, with the name."""
    names = listed()
    assert names, "docs/TEXTUAL.md lists no private names: the table was not found"
    missing = sorted(name for name in names if not resolve(name))
    assert missing == [], f"Textual {textual.__version__} no longer has: {missing} (see docs/TEXTUAL.md)"


def test_every_private_name_the_app_uses_is_listed() -> None:
    """A new use of a Textual private name (or an attribute of ours that shadows one) is listed with its reason."""
    unlisted = {name: module for name, module in used().items() if name not in listed()}
    assert unlisted == {}, f"add these to docs/TEXTUAL.md (Private names): {unlisted}"


def test_the_scan_finds_a_private_name_it_must_find() -> None:
    """Control: the scan is not vacuous (TextField overrides Input._value)."""
    assert used().get("Input._value") == "intervisie_tui.ui.widgets.text_field"
