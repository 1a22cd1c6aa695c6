"""Save as: when the file cannot be saved where it is, everything goes to a new file under the same passphrase."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from intervisie_tui.core.model import Group, new_id
from intervisie_tui.store.errors import FileChangedOnDisk, VaultLocked
from intervisie_tui.store.lock import FileGuard
from intervisie_tui.store.repository import Repository
from tests.conftest import PASSPHRASE


def group(name: str, clock) -> Group:
    return Group(id=new_id(), name=name, created_on=date(2026, 1, 5), updated_at=clock())


def test_a_replaced_file_is_left_alone_and_work_goes_on_in_the_new_file(new_repository, data_file: Path, clock) -> None:
    repository = new_repository()
    repository.put(group("Team Noord", clock))
    data_file.write_bytes(b"someone else's bytes")  # replaced behind the app's back
    with pytest.raises(FileChangedOnDisk):
        repository.put(group("Team Zuid", clock))
    elsewhere = data_file.with_name("groep-kopie.ivt")
    repository.save_as(elsewhere)
    repository.put(group("Team Zuid", clock))
    assert repository.path == elsewhere
    assert data_file.read_bytes() == b"someone else's bytes"
    repository.close()
    reopened = Repository.unlock(elsewhere, PASSPHRASE, clock=clock)
    assert sorted(g.name for g in reopened.groups()) == ["Team Noord", "Team Zuid"]
    reopened.close()


def test_the_new_file_is_locked_and_the_old_lock_released(new_repository, data_file: Path) -> None:
    repository = new_repository()
    elsewhere = data_file.with_name("kopie.ivt")
    repository.save_as(elsewhere)
    FileGuard(data_file).acquire()  # free now
    with pytest.raises(VaultLocked):
        FileGuard(elsewhere).acquire()


def test_an_existing_target_is_refused_and_nothing_changes(new_repository, data_file: Path) -> None:
    repository = new_repository()
    taken = data_file.with_name("bestaat.ivt")
    taken.write_bytes(b"keep me")
    with pytest.raises(FileExistsError):
        repository.save_as(taken)
    assert taken.read_bytes() == b"keep me" and repository.path == data_file
    FileGuard(taken).acquire()  # its lock was not kept


def test_the_opener_follows_to_the_new_file(opener, data_file: Path) -> None:
    repository = opener.create(PASSPHRASE)
    elsewhere = data_file.with_name("verder.ivt")
    opener.save_as(repository, elsewhere)
    assert opener.path == elsewhere and repository.path == elsewhere
    FileGuard(data_file).acquire()  # the old file is free
    with pytest.raises(VaultLocked):
        FileGuard(elsewhere).acquire()
    repository.close()
    with pytest.raises(VaultLocked):  # the opener keeps the lock while the app is locked
        FileGuard(elsewhere).acquire()
    assert opener.unlock(PASSPHRASE).path == elsewhere
