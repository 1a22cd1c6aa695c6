"""A killed demo leaves no folder behind for long: the next demo removes it."""

from __future__ import annotations

from pathlib import Path

from intervisie_tui.commands.open_app import DEMO_PREFIX, remove_orphaned_demos
from intervisie_tui.store.lock import FileGuard


def test_orphaned_demo_folders_are_removed_but_running_ones_kept(tmp_path: Path) -> None:
    """Only folders whose demo file is not locked by a live process go."""
    orphan = tmp_path / f"{DEMO_PREFIX}dead"
    orphan.mkdir()
    (orphan / "demo.ivt").write_bytes(b"ciphertext")
    alive = tmp_path / f"{DEMO_PREFIX}alive"
    alive.mkdir()
    guard = FileGuard(alive / "demo.ivt")
    guard.acquire()
    unrelated = tmp_path / "something-else"
    unrelated.mkdir()
    try:
        assert remove_orphaned_demos(tmp_path) == 1
        assert not orphan.exists()
        assert alive.exists() and unrelated.exists()
    finally:
        guard.release()
