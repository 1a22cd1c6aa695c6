"""The session screen in every shipped theme at 80x24 and 120x36; the projector theme in both languages.

Look at the report (snapshot_report.html) before ever running --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.ui.settings import Settings, save_settings

from tests.snapshots.test_session_snapshots import IDS, SIZES, settled
from tests.ui.helpers import make_app

THEMES = ["projector", "light", "dark", "console"]


def themed_demo(folder: Path, theme: str, language: str = "nl"):
    """The demo meeting (a question round in progress) under ``theme``, chosen in the settings file."""
    save_settings(folder / "config", Settings(theme=theme))
    return make_app(folder, demo=True, unlocked=True, language=language)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_session_in_each_theme(snap_compare, tmp_path: Path, size, theme: str) -> None:
    """Clock, rule, tracker and board legible in each theme."""

    async def run(pilot) -> None:
        await pilot.press("b", "b")  # back to the question round, so the tracker shows
        await settled(pilot)

    assert snap_compare(themed_demo(tmp_path, theme), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_session_in_the_projector_theme_in_english(snap_compare, tmp_path: Path, size) -> None:
    """The same screen in English."""

    async def run(pilot) -> None:
        await pilot.press("b", "b")
        await settled(pilot)

    assert snap_compare(themed_demo(tmp_path, "projector", "en"), terminal_size=size, run_before=run)
