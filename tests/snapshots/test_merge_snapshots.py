"""Snapshots of the merge screen: what came in, the decisions waiting, the highlighted one side by side.

Look at the report (snapshot_report.html) before ever running --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.ui.dialogs.merge_offer import MergeOffer
from intervisie_tui.ui.screens.merge_review import MergeReviewScreen
from tests.conftest import FrozenClock
from tests.snapshots.helpers import IDS, SIZES, settled
from tests.ui.helpers import make_app, until
from tests.ui.laptops import SYNCTHING, diverged


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_merge_screen_after_merging_a_copy_set_aside(snap_compare, tmp_path: Path, monkeypatch, size) -> None:
    """M merges the copy a sync tool set aside; the merge screen says what came in, lists the three decisions
    and shows the agreement's two texts side by side (a note deleted on one laptop and changed on the other,
    a member renamed on both with a markup-looking name, below it)."""
    clock = FrozenClock()
    app = make_app(diverged(tmp_path, monkeypatch, clock, set_aside=SYNCTHING), unlocked=True, clock=clock)

    async def review(pilot) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, MergeOffer))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(pilot.app.screen, MergeReviewScreen) and not pilot.app.merger.busy)
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=review)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_merge_screen_on_a_deleted_record(snap_compare, tmp_path: Path, monkeypatch, size) -> None:
    """The note deleted on one laptop and changed on the other: r brings it back, d lets it go."""
    clock = FrozenClock()
    app = make_app(diverged(tmp_path, monkeypatch, clock), unlocked=True, clock=clock)

    async def review(pilot) -> None:
        await pilot.pause()
        await pilot.press("m")
        await until(pilot, lambda: isinstance(pilot.app.screen, MergeReviewScreen))
        await pilot.press("down")
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=review)
