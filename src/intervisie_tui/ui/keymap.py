"""Remapped keys: which binding ids exist, so a typo in settings.toml is reported rather than ignored.

Every binding the app declares has an id ("session.next", "app.curtain", …);
``[keys]`` in settings.toml maps ids to keys and Textual's keymap applies them.
The help screen (F1) and the key bar read the bindings in effect, so they show
the remapped keys.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping

from textual.binding import Binding

import intervisie_tui.ui as ui_package


def _ids_of(classes: Iterable[type]) -> set[str]:
    ids: set[str] = set()
    for cls in classes:
        for binding in vars(cls).get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids


def known_binding_ids() -> set[str]:
    """The ids of every binding declared by the app's screens and widgets (imports the ui modules)."""
    classes: list[type] = []
    for module_info in pkgutil.walk_packages(ui_package.__path__, ui_package.__name__ + "."):
        module = importlib.import_module(module_info.name)
        classes += [value for value in vars(module).values() if isinstance(value, type)]
    return _ids_of(classes)


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """The ids in ``keymap`` that no binding has, sorted."""
    known = known_binding_ids()
    return sorted(binding_id for binding_id in keymap if binding_id not in known)
