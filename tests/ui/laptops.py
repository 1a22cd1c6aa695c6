"""Laptops that share a group's file through a synced folder, for the merge tests.

Each laptop has its own data folder, so its own machine id (store/replica.py): the
copies it saves count their changes under a replica of their own, as on two real
laptops. Test modules import from here (and tests/ui/helpers.py), never from each other.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from intervisie_tui.core.model import Agreement, Group, GroupMode, Meeting, Member, Note
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS
from intervisie_tui.store.merge import merge_into
from intervisie_tui.store.repository import Repository
from tests.conftest import PASSPHRASE, FrozenClock

GROUP_ID = "g-noord"
SYNCTHING = "groep.sync-conflict-20261205-101500-ABC1234.ivt"
NEXTCLOUD = "groep (conflicted copy 2026-12-05 101500).ivt"
DROPBOX = "groep (Laptop B's conflicted copy 2026-12-05).ivt"


def on_laptop(monkeypatch: pytest.MonkeyPatch, root: Path, name: str) -> Path:
    """What runs next runs on laptop ``name``: its own data folder (so its own machine id); its synced folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(root / f"{name}-data"))
    folder = root / name / "Intervisie"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def group_records(clock: FrozenClock) -> list:
    """A group of three with one agreement and one planned meeting with a note."""
    now = clock()
    group = Group(
        id=GROUP_ID, name="Intervisie Noord", mode=GroupMode.SELF_RUN, created_on=date(2026, 1, 5), updated_at=now
    )
    members = [
        Member(id=f"m-{name.lower()}", group_id=GROUP_ID, name=name, updated_at=now) for name in ("Aya", "Bas", "Cor")
    ]
    agreement = Agreement(id="a-tijd", group_id=GROUP_ID, text="We beginnen op tijd", updated_at=now)
    meeting = Meeting(id="mt-1", group_id=GROUP_ID, held_on=date(2026, 11, 2), updated_at=now)
    note = Note(id="n-1", meeting_id="mt-1", phase_key="x", text="Eerste notitie", updated_at=now)
    return [group, *members, agreement, meeting, note]


def new_file(path: Path, clock: FrozenClock, records: list) -> None:
    """Make the group's file at ``path`` holding ``records``."""
    repository = Repository.create(path, PASSPHRASE, kdf=ARGON2ID_FAST_FOR_TESTS, clock=clock)
    repository.put(*records)
    repository.close()


def change(path: Path, clock: FrozenClock, *records, removed: tuple = ()) -> None:
    """Open the file at ``path`` on the laptop in effect, save ``records`` and remove ``removed``."""
    repository = Repository.unlock(path, PASSPHRASE, clock=clock)
    try:
        if records:
            repository.put(*records)
        if removed:
            repository.remove(*removed)
    finally:
        repository.close()


def synced(source: Path, target: Path) -> None:
    """What a sync tool does: ``source`` arrives as ``target`` (written aside, then renamed into place)."""
    staged = target.with_name(".syncing.tmp")
    shutil.copy(source, staged)
    os.replace(staged, target)


def read(path: Path, clock: FrozenClock) -> Repository:
    """The file at ``path`` opened to read what it holds (without its lock); close it after."""
    return Repository.unlock(path, PASSPHRASE, clock=clock, lock=False)


A_TEXT, B_TEXT = "We beginnen om negen uur", "We beginnen om [b]half tien[/b]"


def diverged(root: Path, monkeypatch: pytest.MonkeyPatch, clock: FrozenClock, *, set_aside: str = "") -> Path:
    """Laptop A's file after B's copy was merged into it: the agreement's text and Bas's name changed on
    both, and the note that A deleted was changed on B. Returns A's folder.

    ``set_aside``: not merged; B's file lies beside A's under that name, as a sync tool leaves it.
    """
    folder_a = on_laptop(monkeypatch, root, "A")
    records = group_records(clock)
    new_file(folder_a / "groep.ivt", clock, records)
    folder_b = on_laptop(monkeypatch, root, "B")
    shutil.copy(folder_a / "groep.ivt", folder_b / "groep.ivt")
    by_id = {record.id: record for record in records}
    agreement, bas, note = by_id["a-tijd"], by_id["m-bas"], by_id["n-1"]
    change(
        folder_b / "groep.ivt",
        clock,
        dataclasses.replace(agreement, text=B_TEXT),
        dataclasses.replace(bas, name="Bas [i]Koster[/i]"),
        dataclasses.replace(note, text="Aangevuld op B"),
    )
    on_laptop(monkeypatch, root, "A")
    change(
        folder_a / "groep.ivt",
        clock,
        dataclasses.replace(agreement, text=A_TEXT),
        dataclasses.replace(bas, name="Bas de Vries"),
        removed=(note,),
    )
    if set_aside:
        shutil.copy(folder_b / "groep.ivt", folder_a / set_aside)
        return folder_a
    ours, theirs = read(folder_a / "groep.ivt", clock), read(folder_b / "groep.ivt", clock)
    try:
        assert len(merge_into(ours, theirs).conflicts) == 3
    finally:
        ours.close()
        theirs.close()
    return folder_a
