"""The main screens at the other sizes the room meets: 100x30 (an old laptop) and 160x45 (a big screen).

80x24 and 120x36 are covered per screen elsewhere. Look at snapshot_report.html
before ever running --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.snapshots.helpers import in_question_round, settled, themed_demo

SIZES = [(100, 30), (160, 45)]
IDS = ["100x30", "160x45"]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_session(snap_compare, tmp_path: Path, size, language: str) -> None:
    """The question round of the demo meeting in the projector theme."""
    app = themed_demo(tmp_path, "projector", language)
    assert snap_compare(app, terminal_size=size, run_before=in_question_round)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_groups_and_group(snap_compare, tmp_path: Path, size) -> None:
    """The group screen (programme, readiness, next meeting) over the groups list."""

    async def run(pilot) -> None:
        await pilot.press("escape", "g")
        await settled(pilot)

    assert snap_compare(themed_demo(tmp_path, "projector"), terminal_size=size, run_before=run)
