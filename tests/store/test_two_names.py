"""One file reached under two names: a hard link, a symbolic link, a linked folder.

Whatever the name, there is one writer, every acknowledged save stays, and saves, the lock,
backups and re-keying work on the file itself (store/paths.py, store/lock.py). On Windows the
file itself cannot be locked (it could not be replaced while held open); there the check of both
commit slots before every save refuses the second writer instead (simulated here).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from intervisie_tui.core.model import Group, Meeting, Note, new_id
from intervisie_tui.store import lock as lock_module
from intervisie_tui.store import vault as vault_module
from intervisie_tui.store.backups import list_backups
from intervisie_tui.store.errors import FileChangedOnDisk, VaultLocked, WrongPassphrase
from intervisie_tui.store.opener import FileOpener
from intervisie_tui.store.rekey import rekey_folder
from intervisie_tui.store.repository import Repository
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.skipif(os.name == "nt", reason="links are made with POSIX calls here")


@pytest.fixture
def meeting_file(data_file: Path, clock, fast_kdf) -> Iterator[tuple[Path, str]]:
    """``data_file`` with one group and one meeting (closed again); yields ``(path, meeting id)``."""
    repository = Repository.create(data_file, PASSPHRASE, kdf=fast_kdf, clock=clock)
    group = Group(id=new_id(), name="Noord", updated_at=clock())
    meeting = Meeting(id=new_id(), group_id=group.id, held_on=date(2026, 12, 5), updated_at=clock())
    repository.put(group, meeting)
    repository.close()
    yield data_file, meeting.id


def note(meeting_id: str, text: str, clock) -> Note:
    """A whiteboard note."""
    return Note(id=new_id(), meeting_id=meeting_id, phase_key="casus", text=text, updated_at=clock())


def notes_in(path: Path, meeting_id: str, clock) -> set[str]:
    """The texts of the notes of ``meeting_id`` in the file at ``path`` (opened without its lock)."""
    repository = Repository.unlock(path, PASSPHRASE, clock=clock, lock=False)
    try:
        content = repository.meeting_content(meeting_id)
        assert content is not None
        return {item.text for item in content.notes}
    finally:
        repository.close()


def other_names(path: Path) -> dict[str, Path]:
    """Three more names of ``path``: a hard link, a symbolic link, the same folder through a link."""
    hard = path.parent.parent / "elders" / "hard.ivt"
    hard.parent.mkdir(exist_ok=True)
    os.link(path, hard)
    soft = path.parent.parent / "link.ivt"
    soft.symlink_to(path)
    folder = path.parent.parent / "alias"
    folder.symlink_to(path.parent, target_is_directory=True)
    return {"hard link": hard, "symbolic link": soft, "linked folder": folder / path.name}


def test_a_second_writer_under_another_name_is_refused(meeting_file, clock, appends_only) -> None:
    """While one process has the file open for writing, opening it under any other name is
    VaultLocked; the first writer's saves go on and every one of them stays. (Its saves append: a
    compaction, which this small file would get at most saves, leaves a hard link made earlier on
    the old generation, a separate file: docs/FORMAT.md, "Links and two names".)"""
    path, meeting_id = meeting_file
    names = other_names(path)
    first = Repository.unlock(path, PASSPHRASE, clock=clock)
    try:
        first.put(note(meeting_id, "voor", clock))
        for name in names.values():
            with pytest.raises(VaultLocked):
                Repository.unlock(name, PASSPHRASE, clock=clock)
        for kind in ("symbolic link", "linked folder"):  # the same real path: its lock file refuses at once
            with pytest.raises(VaultLocked):
                FileOpener(names[kind], clock=clock).acquire()
        first.put(note(meeting_id, "na", clock))
    finally:
        first.close()
    assert notes_in(path, meeting_id, clock) == {"voor", "na"}


def test_windows_without_a_file_lock_refuses_the_second_writers_save(
    meeting_file, clock, monkeypatch: pytest.MonkeyPatch, appends_only
) -> None:
    """Windows, simulated (no lock on the file itself, no descriptor held): two writers through a
    hard link both open, A saves (acknowledged, an append), then B's save is refused and A's note
    stays."""
    monkeypatch.setattr(lock_module, "IDENTITY_LOCKS", False)
    monkeypatch.setattr(vault_module, "HOLD_READER", False)
    path, meeting_id = meeting_file
    hard = other_names(path)["hard link"]
    first = Repository.unlock(path, PASSPHRASE, clock=clock)
    second = Repository.unlock(hard, PASSPHRASE, clock=clock)
    try:
        first.put(note(meeting_id, "van A", clock))
        with pytest.raises(FileChangedOnDisk):
            second.put(note(meeting_id, "van B", clock))
    finally:
        first.close()
        second.close()
    assert notes_in(path, meeting_id, clock) == {"van A"}


def test_a_file_opened_through_a_symbolic_link_saves_where_it_is(meeting_file, clock) -> None:
    """Saves through a link used to fail (O_NOFOLLOW: ELOOP); the file is now worked on at its
    real path: saves and backups land beside the target and the link stays a link."""
    path, meeting_id = meeting_file
    link = other_names(path)["symbolic link"]
    repository = Repository.unlock(link, PASSPHRASE, clock=clock)
    try:
        assert repository.path == path
        repository.put(note(meeting_id, "via de link", clock))
    finally:
        repository.close()
    assert link.is_symlink() and link.resolve() == path
    assert notes_in(link, meeting_id, clock) == {"via de link"}
    assert [backup.path.parent for backup in list_backups(path)] == [path.parent]
    assert list_backups(link) == []  # nothing was written beside the link


def test_rekeying_through_a_link_changes_the_target_and_keeps_the_link(meeting_file, clock) -> None:
    """`passwd link.ivt` used to replace the link by a new file, leaving the target on the old
    passphrase; now the target (and its backups) get the new one and the link still points to it."""
    path, meeting_id = meeting_file
    link = other_names(path)["symbolic link"]
    repository = Repository.unlock(link, PASSPHRASE, clock=clock)
    try:
        repository.put(note(meeting_id, "eerst", clock))  # a backup of the state before
        rekey_folder(repository.storage, PASSPHRASE, "een nieuwe wachtwoordzin")
    finally:
        repository.close()
    assert link.is_symlink() and link.resolve() == path
    with pytest.raises(WrongPassphrase):
        Repository.unlock(path, PASSPHRASE, clock=clock, lock=False)
    Repository.unlock(path, "een nieuwe wachtwoordzin", clock=clock, lock=False).close()
    for backup in list_backups(path):
        with pytest.raises(WrongPassphrase):
            Repository.unlock(backup.path, PASSPHRASE, clock=clock, lock=False)


def test_a_link_changed_while_the_file_is_open_does_not_redirect_saves(meeting_file, clock, fast_kdf) -> None:
    """The path is resolved once, at open: pointing the link elsewhere later changes nothing."""
    path, meeting_id = meeting_file
    link = other_names(path)["symbolic link"]
    decoy = path.parent / "ander.ivt"
    Repository.create(decoy, PASSPHRASE, kdf=fast_kdf, clock=clock).close()
    before = decoy.read_bytes()
    repository = Repository.unlock(link, PASSPHRASE, clock=clock)
    try:
        link.unlink()
        link.symlink_to(decoy)
        repository.put(note(meeting_id, "blijft", clock))
    finally:
        repository.close()
    assert decoy.read_bytes() == before
    assert notes_in(path, meeting_id, clock) == {"blijft"}


def test_the_opener_names_where_a_link_leads(meeting_file, clock) -> None:
    """The opener keeps the name given and works on the real path, so the app can say which file it is."""
    path, _ = meeting_file
    link = other_names(path)["symbolic link"]
    opener = FileOpener(link, clock=clock)
    assert opener.path == path and opener.given == link and opener.is_link
    assert not FileOpener(path, clock=clock).is_link
