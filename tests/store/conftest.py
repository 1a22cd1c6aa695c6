"""Fixtures of the store tests."""

from __future__ import annotations

import pytest

from intervisie_tui.store import atomic
from intervisie_tui.store import vault as vault_module


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend to be on Windows (a held file is retried, no folder fsync), without pauses."""
    monkeypatch.setattr(atomic, "IS_WINDOWS", True)
    monkeypatch.setattr(atomic, "REPLACE_PAUSE_S", 0)


@pytest.fixture
def appends_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compaction switched off: every save of a format-3 file appends. For tests of the append path
    on files so small that the app would compact them at most saves (docs/FORMAT.md, "Compaction")."""
    monkeypatch.setattr(vault_module, "FILE_TO_LIVE_MAX", float("inf"))
