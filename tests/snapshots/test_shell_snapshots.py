"""Snapshots of the unlock, create and home screens at 80x24 and 120x36.

Look at the report (snapshot_report.html) before ever running --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.helpers import make_app

SIZES = [(80, 24), (120, 36)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_unlock_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The passphrase prompt, with the file name and nothing else of the file."""
    assert snap_compare(make_app(tmp_path, demo=True), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_unlock_screen_after_a_wrong_passphrase(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The error is shown in words, the field is empty again."""

    async def wrong(pilot) -> None:
        await pilot.press(*"fout", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, demo=True), terminal_size=size, run_before=wrong)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_create_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """A new file: the warning that a forgotten passphrase cannot be recovered."""
    assert snap_compare(make_app(tmp_path, create=False), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_home_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The demo groups and the members of the first (Esc from the meeting the demo resumes)."""
    assert snap_compare(make_app(tmp_path, demo=True, unlocked=True), terminal_size=size, press=["escape"])


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_home_screen_in_english(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """English is complete: the same screen with --lang en."""
    from intervisie_tui import i18n

    i18n.set_language("en")
    assert snap_compare(
        make_app(tmp_path, demo=True, unlocked=True, language="en"), terminal_size=size, press=["escape"]
    )
