"""Every claim the project makes cites something a reader can open: its own files or a public page.

The design note the first versions cited is not part of the project, so no file may name it,
the method files included (they cite the pages read, docs/METHODS.md).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "intervisie_tui"

# Spelled in two parts, so this file does not name it itself.
GONE_NOTE = "DOMAIN" + ".md"

_SKIPPED_DIRS = {"__pycache__", "build", "dist", "node_modules"}


def _project_files() -> list[Path]:
    """The project's files a reader could open: everything but hidden, generated and binary files."""
    found = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if not path.is_file() or any(part.startswith(".") or part in _SKIPPED_DIRS for part in parts):
            continue
        if path.name == "snapshot_report.html":
            continue
        found.append(path)
    return found


def test_no_file_cites_the_design_note_outside_the_project() -> None:
    """Code, docs and tests cite docs/REGISTERS.md, docs/METHODS.md or a public page instead."""
    citing = []
    for path in _project_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # an image or other binary file cites nothing
        citing += [
            f"{path.relative_to(ROOT)}:{number}"
            for number, line in enumerate(text.splitlines(), 1)
            if GONE_NOTE in line
        ]
    assert citing == []


def test_the_guard_reads_the_files_it_should() -> None:
    """The walk sees code, docs, tests and the method files."""
    files = {path.relative_to(ROOT).as_posix() for path in _project_files()}
    assert {"src/intervisie_tui/registers.toml", "docs/GROUPS.md", "tests/core/test_methods.py"} <= files
    assert {"src/intervisie_tui/core/methods.py", "src/intervisie_tui/methods/balint.toml"} <= files
