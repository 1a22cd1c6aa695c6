"""Snapshots of the group screen: programme timeline, readiness and the next meeting, at 80x24 and 120x36.

Look at the report (snapshot_report.html) before ever running --snapshot-update.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from intervisie_tui.core.agreements import default_agreements
from intervisie_tui.core.contract import accept_all
from intervisie_tui.core.meeting import new_meeting
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import (
    Group,
    GroupMode,
    MeetingStatus,
    Member,
    NextPlan,
    PhaseStatus,
    Supervisor,
    touch,
)
from tests.conftest import FrozenClock
from tests.snapshots.helpers import IDS, SIZES
from tests.ui.helpers import make_app

NAMES = ("Aya de Wit", "Bas Koster", "Cor van Dam", "Dewi Sastro", "Eva Mol")


def group_with_history(folder: Path, clock: FrozenClock, *, signed: bool = False):
    """A supervised group on the 4+1+1 programme, three meetings held, the next one agreed."""
    app = make_app(folder, unlocked=True, clock=clock)
    now = clock()
    group = Group(
        id="g-noord",
        name="Intervisie Noord [b]wijk[/b]",
        discipline="wijkverpleging",
        mode=GroupMode.SUPERVISED,
        supervisor=Supervisor(name="Ellen Smit"),
        programme_id="four_one_one",
        created_on=date(2026, 5, 1),
        updated_at=now,
    )
    members = [
        Member(id=f"m{i}", group_id=group.id, name=name, joined_on=date(2026, 5, 1), updated_at=now)
        for i, name in enumerate(NAMES)
    ]
    agreements = default_agreements(group.id, now)
    for member in members:
        changed = {a.id: a for a in accept_all(agreements, member.id, date(2026, 5, 18), now)}
        agreements = [changed.get(a.id, a) for a in agreements]
    records: list = [group, *members, *agreements]
    library = load_shipped()
    chairs = ["", "", "m0"]
    for index, chair in enumerate(chairs):
        held = date(2026, 6, 1) + timedelta(weeks=6 * index)
        meeting = new_meeting(
            group.id,
            held,
            library,
            now,
            chair_id=chair,
            supervised=True,
            supervisor_present=True,
            handover_stage=index + 1,
        )
        phases = tuple(touch_phase(phase) for phase in meeting.phases)
        plan = NextPlan(on=date(2026, 12, 14), chair_id="m1", inbrenger_id="m3") if index == 2 else None
        records.append(touch(meeting, now, status=MeetingStatus.CLOSED, phases=phases, next_plan=plan))
    app.context.repository.put(*records)
    return app


def touch_phase(phase):
    from dataclasses import replace

    return replace(phase, status=PhaseStatus.DONE, spent_seconds=phase.planned_minutes * 60 + 90)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_group_screen_with_programme_and_readiness(snap_compare, tmp_path: Path, size) -> None:
    """Three supervised meetings held, the fourth agreed (Bas chairs, Dewi brings a case); readiness advises."""
    app = group_with_history(tmp_path, FrozenClock())
    assert snap_compare(app, terminal_size=size, press=["g"])
