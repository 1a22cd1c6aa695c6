"""The supervisor's notebook: a separate encrypted file that holds supervisor notes and nothing else."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from intervisie_tui import locations
from intervisie_tui.core.model import Group, Member, SupervisorNote, new_id
from intervisie_tui.store.backups import list_backups
from intervisie_tui.store.errors import UnsupportedFile, VaultLocked, WrongPassphrase
from intervisie_tui.store.fileformat import parse_header
from intervisie_tui.store.rekey import rekey_folder
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.supervisor_notes import SupervisorNotebook
from tests.conftest import PASSPHRASE

NOTEBOOK_PASSPHRASE = "alleen voor de begeleider zelf"


@pytest.fixture
def notebook_file(data_file: Path) -> Path:
    """The notebook beside the group file (not created)."""
    return data_file.with_name("begeleider-notities.ivt")


@pytest.fixture
def notebook(notebook_file: Path, fast_kdf, clock):
    """A new, empty notebook; closed at the end of the test."""
    book = SupervisorNotebook.create(notebook_file, NOTEBOOK_PASSPHRASE, kdf=fast_kdf, clock=clock)
    yield book
    book.close()


def note(clock, group_id: str, text: str, minutes: int = 0) -> SupervisorNote:
    """A note written ``minutes`` after the frozen clock's time."""
    at = clock() + timedelta(minutes=minutes)
    return SupervisorNote(id=new_id(), group_id=group_id, group_name="Groep", written_at=at, text=text, updated_at=at)


def reopen(book: SupervisorNotebook, clock) -> SupervisorNotebook:
    """Close and unlock again: what comes back was read from disk."""
    path = book.path
    book.close()
    return SupervisorNotebook.unlock(path, NOTEBOOK_PASSPHRASE, clock=clock)


def test_notes_round_trip_newest_first(notebook: SupervisorNotebook, clock) -> None:
    """Notes come back equal (==) from disk, newest first, filtered by group when asked."""
    first = note(clock, "groep-a", "Eerste indruk", minutes=0)
    later = note(clock, "groep-b", "Later", minutes=30)
    # an hour later in wall-clock time, written in another time zone
    other_zone = replace(
        note(clock, "groep-a", "Andere zone"),
        written_at=(clock() + timedelta(hours=1)).astimezone(timezone(timedelta(hours=-5))),
    )
    for item in (first, later, other_zone):
        notebook.add(item)
    book = reopen(notebook, clock)
    try:
        assert book.notes() == [other_zone, later, first]
        assert book.notes("groep-a") == [other_zone, first]
        assert book.notes("groep-c") == []
        assert book.note(first.id) == first
    finally:
        book.close()


def test_put_replaces_by_id_and_remove_deletes(notebook: SupervisorNotebook, clock) -> None:
    """put replaces the note with the same id; remove deletes it; add refuses an id already there."""
    original = note(clock, "groep-a", "Eerste versie")
    notebook.add(original)
    edited = replace(original, text="Tweede versie", updated_at=clock() + timedelta(minutes=1))
    notebook.put(edited)
    with pytest.raises(ValueError):
        notebook.add(original)
    book = reopen(notebook, clock)
    try:
        assert book.notes() == [edited]
        book.remove(edited)
        book.remove(edited)  # already gone: nothing happens
        assert book.notes() == []
    finally:
        book.close()
    with SupervisorNotebook.unlock(book.path, NOTEBOOK_PASSPHRASE, clock=clock) as again:
        assert again.notes() == []


def test_the_notebook_is_a_separate_file_with_its_own_passphrase(
    notebook: SupervisorNotebook, new_repository, data_file: Path, clock
) -> None:
    """Own file, own salt, own passphrase: the group file's passphrase does not open it, nor the reverse."""
    group_repository = new_repository()
    notebook.add(note(clock, "groep-a", "Privé"))
    assert notebook.path != data_file
    assert parse_header(notebook.path.read_bytes()).salt != parse_header(data_file.read_bytes()).salt
    path = notebook.path
    notebook.close()
    with pytest.raises(WrongPassphrase):
        SupervisorNotebook.unlock(path, PASSPHRASE, clock=clock)
    group_repository.close()
    with pytest.raises(WrongPassphrase):
        Repository.unlock(data_file, NOTEBOOK_PASSPHRASE, clock=clock)


def test_the_notebook_has_the_lock_and_backups_of_a_group_file(notebook: SupervisorNotebook, clock) -> None:
    """A second opener is refused while it is open; a later session leaves a rotating backup."""
    notebook.add(note(clock, "groep-a", "Eerste sessie"))
    with pytest.raises(VaultLocked):
        SupervisorNotebook.unlock(notebook.path, NOTEBOOK_PASSPHRASE, clock=clock)
    clock.advance(minutes=5)
    book = reopen(notebook, clock)
    try:
        book.add(note(clock, "groep-a", "Tweede sessie"))
    finally:
        book.close()
    assert len(list_backups(book.path)) == 1


def test_the_notebook_refuses_group_records(notebook: SupervisorNotebook, clock) -> None:
    """Group, Member & co. never go into the notebook (TypeError), not even through the repository beneath."""
    group = Group(id=new_id(), name="Groep", updated_at=clock())
    member = Member(id=new_id(), group_id=group.id, name="Anouk", updated_at=clock())
    before = notebook.path.read_bytes()
    for record in (group, member):
        with pytest.raises(TypeError, match="SupervisorNote"):
            notebook.add(record)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            notebook.put(record)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            notebook.repository.put(record)
    assert notebook.path.read_bytes() == before


def test_a_group_repository_refuses_a_supervisor_note(new_repository, clock) -> None:
    """A note put into a group file is refused with a message that says where it belongs; nothing is saved."""
    repository = new_repository()
    group = Group(id=new_id(), name="Groep", updated_at=clock())
    repository.put(group)
    before = repository.path.read_bytes()
    with pytest.raises(TypeError, match="notebook"):
        repository.put(group, note(clock, group.id, "Privé"))
    with pytest.raises(TypeError, match="notebook"):
        repository.remove(note(clock, group.id, "Privé"))
    assert repository.path.read_bytes() == before
    assert repository.groups() == [group]


def test_the_notebook_refuses_to_open_a_group_file(new_repository, data_file: Path, clock) -> None:
    """Unlocking a group file as a notebook is refused as unsupported; the file is untouched."""
    new_repository().close()
    before = data_file.read_bytes()
    with pytest.raises(UnsupportedFile) as refused:
        SupervisorNotebook.unlock(data_file, PASSPHRASE, clock=clock)
    assert "notebook" in refused.value.reason
    assert data_file.read_bytes() == before


def test_the_notebook_is_rekeyed_like_a_group_file(notebook: SupervisorNotebook, clock) -> None:
    """``intervisie passwd`` opens any file the app writes: the notebook and its backups change passphrase."""
    kept = note(clock, "groep-a", "Blijft bewaard")
    notebook.add(kept)
    path = notebook.path
    notebook.close()
    clock.advance(minutes=5)
    with SupervisorNotebook.unlock(path, NOTEBOOK_PASSPHRASE, clock=clock) as book:
        book.add(note(clock, "groep-a", "Nog een"))
    new = "een nieuwe wachtwoordzin voor de notities"
    repository = Repository.unlock(path, NOTEBOOK_PASSPHRASE, clock=clock)
    try:
        report = rekey_folder(repository.storage, NOTEBOOK_PASSPHRASE, new)
    finally:
        repository.close()
    assert report.backups_rekeyed == 1
    with pytest.raises(WrongPassphrase):
        SupervisorNotebook.unlock(path, NOTEBOOK_PASSPHRASE, clock=clock)
    with SupervisorNotebook.unlock(path, new, clock=clock) as book:
        assert kept in book.notes()


def test_the_context_manager_closes(notebook_file: Path, fast_kdf, clock) -> None:
    """Leaving the with block drops the key and releases the lock."""
    with SupervisorNotebook.create(notebook_file, NOTEBOOK_PASSPHRASE, kdf=fast_kdf, clock=clock) as book:
        assert book.repository.storage.vault.is_open
    assert not book.repository.storage.vault.is_open
    SupervisorNotebook.unlock(notebook_file, NOTEBOOK_PASSPHRASE, clock=clock).close()


def test_the_default_notebook_lives_beside_the_default_file() -> None:
    """``begeleider-notities.ivt`` in the data folder, never the group file itself."""
    assert locations.default_notebook_file() == locations.data_dir() / "begeleider-notities.ivt"
    assert locations.default_notebook_file() != locations.default_data_file()
