"""Conflict copies a sync tool left beside the open file (names in ``core/sync_copies.py``)."""

from __future__ import annotations

import os
from pathlib import Path

from intervisie_tui.core.sync_copies import SyncCopy, sync_copies


def sync_copies_beside(path: Path) -> list[SyncCopy]:
    """The copies of ``path`` that a sync tool set aside in its folder; none when the folder cannot be read.

    Only names are looked at: nothing is opened, moved or removed.
    """
    try:
        names = [entry.name for entry in os.scandir(path.parent) if entry.is_file(follow_symlinks=False)]
    except OSError:
        return []
    return sync_copies(path.name, names)
