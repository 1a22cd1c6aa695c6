"""The history, a past meeting read back, the export dialog and the attendance editor, at 80x24 and 120x36.

Look at snapshot_report.html before ever running --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.ui.dialogs import exports
from tests.snapshots.helpers import IDS, SIZES, settled
from tests.ui.helpers import make_app


def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    monkeypatch.setattr(exports, "export_folder", lambda: Path("/home/groep/Documenten"))
    return make_app(tmp_path, demo=True, unlocked=True)


def keys_then_settle(*keys: str):
    async def run(pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await settled(pilot)

    return run


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_history(snap_compare, tmp_path: Path, monkeypatch, size) -> None:
    assert snap_compare(
        demo(tmp_path, monkeypatch), terminal_size=size, run_before=keys_then_settle("escape", "g", "h")
    )


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_history_search(snap_compare, tmp_path: Path, monkeypatch, size) -> None:
    run = keys_then_settle("escape", "g", "h", "slash", *"contact")
    assert snap_compare(demo(tmp_path, monkeypatch), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_past_meeting(snap_compare, tmp_path: Path, monkeypatch, size) -> None:
    run = keys_then_settle("escape", "g", "h", "down", "r")
    assert snap_compare(demo(tmp_path, monkeypatch), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_export_dialog_for_the_minutes(snap_compare, tmp_path: Path, monkeypatch, size) -> None:
    run = keys_then_settle("escape", "g", "h", "down", "x", "ctrl+s")
    assert snap_compare(demo(tmp_path, monkeypatch), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_attendance_editor(snap_compare, tmp_path: Path, monkeypatch, size) -> None:
    run = keys_then_settle("escape", "g", "h", "down", "r", "p")
    assert snap_compare(demo(tmp_path, monkeypatch), terminal_size=size, run_before=run)
