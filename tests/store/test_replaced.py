"""A file replaced under the running app by another laptop's version (store/replaced.py)."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from intervisie_tui.core.demo import demo_records
from intervisie_tui.core.model import Group, Meeting
from intervisie_tui.store.backups import list_backups
from intervisie_tui.store.errors import FileChangedOnDisk
from intervisie_tui.store.merge import UnrelatedFiles
from intervisie_tui.store.rekey import rekey_folder
from intervisie_tui.store.replaced import NeedsPassphrase, merge_replaced
from intervisie_tui.store.repository import Repository
from tests.conftest import PASSPHRASE

LAPTOP_A, LAPTOP_B = "a" * 32, "b" * 32


@pytest.fixture
def running(tmp_path: Path, clock, fast_kdf):
    """The app's repository on laptop A, and a copy of its file on laptop B (not open)."""
    path = tmp_path / "a" / "groep.ivt"
    path.parent.mkdir()
    first = Repository.create(path, PASSPHRASE, kdf=fast_kdf, clock=clock, machine=LAPTOP_A)
    first.put(*demo_records(clock()))
    first.close()
    other = tmp_path / "b" / "groep.ivt"
    other.parent.mkdir()
    shutil.copy(path, other)
    repository = Repository.unlock(path, PASSPHRASE, clock=clock, machine=LAPTOP_A)
    yield repository, other
    repository.close()


def _sync_over(other: Path, path: Path) -> None:
    """What a sync tool does: the other laptop's file takes the place of ours."""
    staged = path.with_name(".syncthing.tmp")
    shutil.copy(other, staged)
    os.replace(staged, path)


def test_the_meeting_goes_on_after_the_file_was_replaced(running, clock) -> None:
    repository, other = running
    group = repository.groups()[0]
    repository.put(Meeting(id="hier", group_id=group.id, held_on=clock().date(), updated_at=clock()))
    laptop_b = Repository.unlock(other, PASSPHRASE, clock=clock, machine=LAPTOP_B)
    laptop_b.put(Meeting(id="daar", group_id=group.id, held_on=clock().date(), updated_at=clock()))
    laptop_b.close()
    _sync_over(other, repository.path)

    with pytest.raises(FileChangedOnDisk):
        repository.put(dataclasses.replace(group, name="Eerst geweigerd"))
    assert repository.storage.vault.on_disk_changed()
    report = merge_replaced(repository)

    assert report.new_meetings == 1
    assert not repository.storage.vault.on_disk_changed()
    repository.put(dataclasses.replace(group, name="Daarna bewaard"))
    backups = list_backups(repository.path)
    assert any(backup.path.read_bytes() == other.read_bytes() for backup in backups)  # B's file kept as it came
    reopened = Repository.unlock(repository.path, PASSPHRASE, clock=clock, lock=False)
    try:
        ids = {summary.id for summary in reopened.meetings(group.id)}
        assert {"hier", "daar"} <= ids
        assert reopened.group(group.id).name == "Daarna bewaard"
    finally:
        reopened.close()


def test_a_replacing_copy_under_another_passphrase_asks_for_it(running, clock) -> None:
    repository, other = running
    laptop_b = Repository.unlock(other, PASSPHRASE, clock=clock, machine=LAPTOP_B)
    rekey_folder(laptop_b.storage, PASSPHRASE, "een nieuwe zin van B")
    laptop_b.close()
    _sync_over(other, repository.path)

    with pytest.raises(NeedsPassphrase):
        merge_replaced(repository)
    merge_replaced(repository, "een nieuwe zin van B")

    repository.put(dataclasses.replace(repository.groups()[0], name="Bewaard"))


def test_another_file_put_in_its_place_is_not_merged(running, tmp_path, clock, fast_kdf) -> None:
    repository, _other = running
    stranger_path = tmp_path / "vreemd.ivt"
    stranger = Repository.create(stranger_path, PASSPHRASE, kdf=fast_kdf, clock=clock)
    stranger.put(Group(id="vreemd", name="Vreemd", updated_at=clock()))
    stranger.close()
    _sync_over(stranger_path, repository.path)
    before = repository.path.read_bytes()

    with pytest.raises(NeedsPassphrase):  # its own salt: the app's key does not fit
        merge_replaced(repository)
    with pytest.raises(UnrelatedFiles):
        merge_replaced(repository, PASSPHRASE)

    assert repository.path.read_bytes() == before
