"""Fixtures of the store tests."""

from __future__ import annotations

import pytest

from intervisie_tui.store import atomic


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend to be on Windows (a held file is retried, no folder fsync), without pauses."""
    monkeypatch.setattr(atomic, "IS_WINDOWS", True)
    monkeypatch.setattr(atomic, "REPLACE_PAUSE_S", 0)
