"""Snapshots of the chair's questions about meeting time, at 80x24 and 120x36.

A meeting quit at 15:55 and opened 16 hours later: the question over the
session screen, whose clock stands where it last ran. Look at
snapshot_report.html before ever running --snapshot-update.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from intervisie_tui.core import meeting as flow
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import Group, GroupMode, Member
from tests.conftest import FrozenClock
from tests.snapshots.helpers import IDS, SIZES, settled
from tests.ui.helpers import make_app


def left_overnight(tmp_path: Path):
    """A file whose one meeting was quit after 1 h 50 min, and an app opening it 16 hours later."""
    clock = FrozenClock()
    app = make_app(tmp_path, unlocked=True, clock=clock)
    group = Group(
        id="g1", name="Intervisie Noord", mode=GroupMode.SELF_RUN, created_on=date(2026, 1, 5), updated_at=clock()
    )
    members = [
        Member(id=f"m{n}", group_id="g1", name=name, updated_at=clock())
        for n, name in enumerate(("Aya", "Bas", "Cor", "Dewi"))
    ]
    meeting = flow.new_meeting("g1", clock().date(), load_shipped(), clock(), planned_start=clock(), chair_id="m0")
    meeting = flow.start(meeting, clock())
    for minutes in (10, 20, 30, 35, 95):
        meeting = flow.next_phase(meeting, clock() + timedelta(minutes=minutes))
    meeting = flow.halt(meeting, clock() + timedelta(minutes=110))
    app.context.repository.put(group, *members, meeting)
    clock.advance(hours=16, minutes=110)
    return app


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_a_meeting_found_running_the_next_day_asks_what_happened(snap_compare, tmp_path: Path, size) -> None:
    """The question: go on now, or it ended at 15:55; the clock behind it stands at the closing round's 20:00."""
    assert snap_compare(left_overnight(tmp_path), terminal_size=size, run_before=settled)
