"""The layers stay apart: core and store never load textual; only store knows tinydb/cryptography."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "intervisie_tui"


def _loaded_after_import(module: str) -> set[str]:
    code = (
        f"import sys, json; import importlib; importlib.import_module({module!r}); "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    import json

    return set(json.loads(result.stdout))


@pytest.mark.parametrize(
    "module", ["intervisie_tui.core", "intervisie_tui.store", "intervisie_tui.render.printable", "intervisie_tui.cli"]
)
def test_headless_packages_do_not_load_textual(module: str) -> None:
    """Importing core, store or the CLI in a fresh interpreter does not load textual."""
    assert "textual" not in _loaded_after_import(module)


def _all_core_modules() -> list[str]:
    return sorted(f"intervisie_tui.core.{p.stem}" for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__")


def test_core_modules_load_no_framework() -> None:
    """Every core module imports without textual, tinydb or cryptography."""
    code = (
        "import sys, importlib\n"
        f"for name in {_all_core_modules()!r}: importlib.import_module(name)\n"
        "bad = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'tinydb', 'cryptography', 'rich'})\n"
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_store_imports_tinydb_and_cryptography() -> None:
    """tinydb and cryptography appear in store/ only (the UI reaches files through the store)."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts and _imports(path) & {"tinydb", "cryptography"}
    ]
    assert offenders == []


def test_core_and_store_never_import_ui() -> None:
    """Arrows only point down: core and store import nothing from ui."""
    offenders = []
    for layer in ("core", "store"):
        for path in (PACKAGE / layer).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            if "intervisie_tui.ui" in source or "textual" in _imports(path):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
