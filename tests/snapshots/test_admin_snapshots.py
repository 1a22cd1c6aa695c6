"""Snapshots of the members screen and the agreements screen at 80x24 and 120x36.

Clock frozen, animation off. Look at snapshot_report.html before ever running --snapshot-update.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from intervisie_tui.core import contract
from intervisie_tui.core.agreements import default_agreements
from intervisie_tui.core.model import Group, GroupMode, Member, Supervisor
from intervisie_tui.ui.screens.agreements import AgreementsScreen
from intervisie_tui.ui.screens.members import MembersScreen
from tests.conftest import FrozenClock
from tests.snapshots.helpers import IDS, SIZES
from tests.ui.helpers import make_app

TODAY = date(2026, 11, 22)


def group_file(folder: Path, clock: FrozenClock, *, agreements: bool):
    """A supervised group of three active members (one name looks like markup) and one archived member."""
    app = make_app(folder, unlocked=True, clock=clock)
    group = Group(
        id="g-noord",
        name="Intervisie Noord",
        discipline="Jeugdzorg",
        mode=GroupMode.SUPERVISED,
        supervisor=Supervisor(name="Mira de Wit"),
        created_on=date(2026, 1, 5),
        updated_at=clock(),
    )
    facts = [
        ("Aya", "GZ-psycholoog", "BIG", "19012345601", True),
        ("[b]Bas[/b]", "Maatschappelijk werker", "SKJ", "110011", True),
        ("Cor", "Jeugdzorgwerker", "SKJ", "", True),
        ("Dewi", "Orthopedagoog", "NVO", "", False),
    ]
    members = [
        Member(
            id=f"m{index}",
            group_id=group.id,
            name=name,
            profession=profession,
            register=register,
            register_number=number,
            active=active,
            joined_on=date(2026, 1, 5),
            updated_at=clock(),
        )
        for index, (name, profession, register, number, active) in enumerate(facts)
    ]
    records: list = [group, *members]
    if agreements:
        listed = default_agreements(group.id, clock())
        listed = contract.merged(listed, contract.accept_all(listed, "m0", date(2026, 10, 1), clock()))
        listed = contract.merged(listed, contract.accept_all(listed[:-1], "m1", date(2026, 10, 1), clock()))
        listed[2] = replace(listed[2], text="Er zit geen [b]leidinggevende[/b] in de groep.")
        records += listed
    app.context.repository.put(*records)
    return app, group


def showing(make_screen):
    """A run_before that pushes the screen ``make_screen(repository)`` builds and lets it settle."""

    async def run(pilot) -> None:
        await pilot.pause()  # the app opens the file (and shows its home screen) on its first turn
        pilot.app.push_screen(make_screen(pilot.app.repository))
        await pilot.pause()
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_members_with_one_archived_and_the_size_warning(snap_compare, tmp_path: Path, size) -> None:
    """Three active members (a markup-looking name shown as typed), one archived and dimmed, the soft warning."""
    app, group = group_file(tmp_path, FrozenClock(), agreements=False)
    screen = showing(lambda repository: MembersScreen(group, repository.members(group.id)))
    assert snap_compare(app, terminal_size=size, run_before=screen)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_agreements_with_acceptances(snap_compare, tmp_path: Path, size) -> None:
    """The usual agreements with their counts; Aya accepted all, Bas not the last one yet; no archived members."""
    app, group = group_file(tmp_path, FrozenClock(), agreements=True)
    screen = showing(
        lambda repository: AgreementsScreen(group, repository.agreements(group.id), repository.members(group.id), TODAY)
    )
    assert snap_compare(app, terminal_size=size, run_before=screen)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_agreements_empty(snap_compare, tmp_path: Path, size) -> None:
    """No agreements yet: the line that offers the usual ones."""
    app, group = group_file(tmp_path, FrozenClock(), agreements=False)
    screen = showing(lambda repository: AgreementsScreen(group, [], repository.members(group.id), TODAY))
    assert snap_compare(app, terminal_size=size, run_before=screen)
