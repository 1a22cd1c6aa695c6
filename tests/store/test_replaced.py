"""A file replaced under the running app by another laptop's version (store/replaced.py)."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from intervisie_tui.core.demo import demo_records
from intervisie_tui.core.model import Group, Meeting, Note
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


def test_the_writes_that_failed_are_merged_field_by_field_not_written_over(running, clock) -> None:
    """The app's failed write changed one field of a record; the other laptop another field of it.

    Taken into the merge, both changes stay; written again afterwards, the app's whole record
    would silently undo the other laptop's field."""
    repository, other = running
    member = repository.members(repository.groups()[0].id)[0]
    laptop_b = Repository.unlock(other, PASSPHRASE, clock=clock, machine=LAPTOP_B)
    laptop_b.put(dataclasses.replace(member, profession="verpleegkundige (van B)"))
    laptop_b.close()
    _sync_over(other, repository.path)
    mine = dataclasses.replace(member, learning_goal="doel van A")
    with pytest.raises(FileChangedOnDisk):
        repository.put(mine)
    assert {m.id: m for m in repository.members(member.group_id)}[member.id].learning_goal == member.learning_goal

    merge_replaced(repository, pending=[("put", mine)])

    merged = {m.id: m for m in repository.members(member.group_id)}[member.id]
    assert (merged.learning_goal, merged.profession) == ("doel van A", "verpleegkundige (van B)")
    reopened = Repository.unlock(repository.path, PASSPHRASE, clock=clock, lock=False)
    try:
        on_disk = {m.id: m for m in reopened.members(member.group_id)}[member.id]
        assert (on_disk.learning_goal, on_disk.profession) == ("doel van A", "verpleegkundige (van B)")
    finally:
        reopened.close()


def test_a_merge_that_fails_leaves_the_failed_writes_out_of_memory(running, tmp_path, clock, fast_kdf) -> None:
    repository, _other = running
    stranger_path = tmp_path / "vreemd.ivt"
    stranger = Repository.create(stranger_path, PASSPHRASE, kdf=fast_kdf, clock=clock)
    stranger.close()
    _sync_over(stranger_path, repository.path)
    group = repository.groups()[0]

    with pytest.raises(UnrelatedFiles):
        merge_replaced(repository, PASSPHRASE, pending=[("put", dataclasses.replace(group, name="Niet bewaard"))])

    assert repository.group(group.id).name == group.name  # memory and disk still agree


def test_after_a_merge_new_records_get_document_numbers_of_their_own(running, clock) -> None:
    """TinyDB counts document numbers per table; a merge that grew a table must not leave it behind."""
    repository, other = running
    meeting = repository.meetings(repository.groups()[0].id)[0]
    laptop_b = Repository.unlock(other, PASSPHRASE, clock=clock, machine=LAPTOP_B)
    for number in range(3):
        laptop_b.put(Note(id=f"b-{number}", meeting_id=meeting.id, phase_key="x", text="B", updated_at=clock()))
    laptop_b.close()
    repository.put(Note(id="a-0", meeting_id=meeting.id, phase_key="x", text="A", updated_at=clock()))
    # TinyDB now counts this table's next document number itself
    _sync_over(other, repository.path)
    merge_replaced(repository)

    repository.put(Note(id="a-1", meeting_id=meeting.id, phase_key="x", text="A", updated_at=clock()))

    notes = {note.id for note in repository.meeting_content(meeting.id).notes}
    assert {"b-0", "b-1", "b-2", "a-0", "a-1"} <= notes
