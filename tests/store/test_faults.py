"""Faults injected around the atomic rewrite of a file: the old state or the new, never a mix.

A normal save of a format-3 file appends (faults on that path: test_faults_append.py); the whole
file is rewritten through ``atomic.atomic_write`` when the log is compacted, when a format-1 file
is first saved (converted to format 3), and by save-as and re-key. The tests here drive
``atomic_write`` through a compaction and through a format-1 file's first save (the
``rewriting`` fixture). After any failure the file holds the old state or a valid new one (never
a mix), no temp file is left, the error is a :class:`SaveFailed` a user can act on, and the vault
keeps working. A file changed behind the vault's back is never overwritten.

Faults are injected by replacing ``os`` inside ``store/atomic.py`` with a proxy
that delegates to the real module except for the one call under test; every
test checks that its fault really fired, so a refactor cannot make it vacuous.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from intervisie_tui.core.model import Group, new_id
from intervisie_tui.store import atomic, logfile
from intervisie_tui.store import vault as vault_module
from intervisie_tui.store.errors import FileChangedOnDisk, SaveFailed
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.store.format1 import read_tables, write_format1
from tests.store.helpers import A, B, C, Fault, OsProxy, assert_usable, short_write_then_full, temps

# -- helpers -------------------------------------------------------------------


def is_folder_fd(fd: int) -> bool:
    """Whether ``fd`` is an open folder."""
    return stat.S_ISDIR(os.fstat(fd).st_mode)


def opens_folder(path, flags, *rest) -> bool:
    """Whether an ``os.open`` call opens a folder."""
    return bool(flags & getattr(os, "O_DIRECTORY", 0)) or Path(path).is_dir()


def body_of(path: Path) -> bytes:
    """Open ``path`` (no lock) and return its one decrypted table ``t``."""
    tables = read_tables(path)
    assert list(tables) == ["t"]
    return tables["t"]


def save(vault: Vault, state: bytes) -> None:
    """Save ``state`` as the vault's one table ``t``."""
    vault.save({"t": state}, {"t"})


@pytest.fixture
def vault(data_file: Path, clock, fast_kdf) -> Iterator[Vault]:
    """An open vault whose file holds state A (no backup due); its next save appends."""
    opened = Vault.create(data_file, PASSPHRASE, {"t": A}, kdf=fast_kdf, clock=clock)
    yield opened
    opened.close()


@pytest.fixture(params=["compaction", "format1"])
def rewriting(request, data_file: Path, clock, fast_kdf, monkeypatch: pytest.MonkeyPatch) -> Iterator[Vault]:
    """An open vault holding state A whose next save rewrites the file through ``atomic_write``.

    ``compaction``: a format-3 file with superseded frames (two earlier saves of A), with the
    compaction threshold lowered so that every save compacts. ``format1``: a format-1 file, whose
    first save converts it; a backup identical to it is already there, so that save writes no
    backup and the fault meets the rewrite itself.
    """
    if request.param == "compaction":
        monkeypatch.setattr(vault_module, "FILE_TO_LIVE_MAX", 1.0)
        opened = Vault.create(data_file, PASSPHRASE, {"t": A}, kdf=fast_kdf, clock=clock)
        for _ in range(2):
            save(opened, A)
    else:
        data = write_format1(data_file, {"t": A}, kdf=fast_kdf)
        data_file.with_name(data_file.name + ".backup-20260101T000000000000").write_bytes(data)
        opened, _ = Vault.unlock(data_file, PASSPHRASE, clock=clock)
        assert opened.format_version == 1
    yield opened
    opened.close()


def test_the_rewriting_fixture_rewrites_the_file_whole(rewriting: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    """Control for the tests below: its next save goes through ``atomic_write`` once, takes no backup,
    and leaves a format-3 file of a new generation (fresh seed) holding B."""
    before = rewriting.path.read_bytes()
    backups_before = sorted(p.name for p in rewriting.path.parent.iterdir() if ".backup-" in p.name)
    calls: list[Path] = []
    real = atomic.atomic_write

    def counting(target, chunks):
        calls.append(target)
        return real(target, chunks)

    monkeypatch.setattr(atomic, "atomic_write", counting)
    save(rewriting, B)
    assert calls == [rewriting.path]
    assert rewriting.format_version == 3
    assert rewriting.path.read_bytes()[44:76] != before[44:76]
    assert sorted(p.name for p in rewriting.path.parent.iterdir() if ".backup-" in p.name) == backups_before
    assert body_of(rewriting.path) == B


# -- one fault at every step of the save ----------------------------------------------

FAULTS_BEFORE_REPLACE = {
    "open-temp": lambda: Fault("open", applies=lambda path, *rest: str(path).endswith(".tmp")),
    "before-write": lambda: Fault("write"),
    "after-write": lambda: Fault("write", "after"),
    "before-file-fsync": lambda: Fault("fsync", applies=lambda fd: not is_folder_fd(fd)),
    "after-file-fsync": lambda: Fault("fsync", "after", applies=lambda fd: not is_folder_fd(fd)),
    "before-replace": lambda: Fault("replace"),
}
FAULTS_AFTER_REPLACE = {
    "after-replace": lambda: Fault("replace", "after"),
    "open-folder": lambda: Fault("open", applies=opens_folder),
    "before-folder-fsync": lambda: Fault("fsync", applies=is_folder_fd),
    "after-folder-fsync": lambda: Fault("fsync", "after", applies=is_folder_fd),
}
ALL_FAULTS = {**FAULTS_BEFORE_REPLACE, **FAULTS_AFTER_REPLACE}


@pytest.mark.parametrize("fault_name", list(ALL_FAULTS))
def test_a_failed_step_leaves_old_or_new_file_and_no_temp(
    rewriting: Vault, monkeypatch: pytest.MonkeyPatch, fault_name: str
) -> None:
    """Whatever step fails, the file is exactly A or a complete, valid B; no temp file stays."""
    before = rewriting.path.read_bytes()
    fault = ALL_FAULTS[fault_name]()
    fault.install(monkeypatch)
    try:
        save(rewriting, B)
    except SaveFailed as error:
        assert error.reason == "the disk reported an error"
        assert error.detail == "EIO"
    assert fault.fired == 1
    after = rewriting.path.read_bytes()
    assert after == before or body_of(rewriting.path) == B
    assert temps(rewriting.path.parent) == []


@pytest.mark.parametrize("fault_name", list(FAULTS_BEFORE_REPLACE))
def test_a_fault_before_the_replace_is_reported_and_changes_nothing(
    rewriting: Vault, monkeypatch: pytest.MonkeyPatch, fault_name: str
) -> None:
    """A fault before the rename: SaveFailed, the file's bytes are A's exactly, the vault still saves."""
    before = rewriting.path.read_bytes()
    fault = FAULTS_BEFORE_REPLACE[fault_name]()
    fault.install(monkeypatch)
    with pytest.raises(SaveFailed):
        save(rewriting, B)
    assert fault.fired == 1
    assert rewriting.path.read_bytes() == before
    assert temps(rewriting.path.parent) == []
    assert_usable(rewriting)


@pytest.mark.parametrize("fault_name", list(FAULTS_AFTER_REPLACE))
def test_a_fault_after_the_replace_is_reported_truthfully(
    rewriting: Vault, monkeypatch: pytest.MonkeyPatch, fault_name: str
) -> None:
    """A fault once the new file is in place: either SaveFailed with A on disk, or success with B on disk.

    SaveFailed promises "the file on disk is unchanged" (and the UI then
    keeps the change as unsaved), so it must not be raised for a save that
    did replace the file.
    """
    before = rewriting.path.read_bytes()
    fault = FAULTS_AFTER_REPLACE[fault_name]()
    fault.install(monkeypatch)
    try:
        save(rewriting, B)
    except SaveFailed:
        assert rewriting.path.read_bytes() == before, "SaveFailed was raised but the file holds the new state"
    else:
        assert body_of(rewriting.path) == B
    assert fault.fired == 1


@pytest.mark.parametrize("fault_name", list(FAULTS_AFTER_REPLACE))
def test_after_a_fault_after_the_replace_the_vault_still_saves(
    rewriting: Vault, monkeypatch: pytest.MonkeyPatch, fault_name: str
) -> None:
    """Whatever a post-rename fault reported, the next normal save is not refused as a foreign change."""
    fault = FAULTS_AFTER_REPLACE[fault_name]()
    fault.install(monkeypatch)
    try:
        save(rewriting, B)
    except SaveFailed:
        pass
    assert fault.fired == 1
    assert_usable(rewriting)


def test_an_unsupported_folder_fsync_is_not_a_failure(rewriting: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    """File systems without folder fsync (EINVAL) still save: the data file itself was synced."""
    fault = Fault("fsync", applies=is_folder_fd, error=OSError(errno.EINVAL, "not supported"))
    fault.install(monkeypatch)
    save(rewriting, B)
    assert fault.fired == 1
    assert body_of(rewriting.path) == B
    assert_usable(rewriting)


def test_a_failing_backup_fails_the_save_and_changes_nothing(
    data_file: Path, clock, fast_kdf, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first save after unlock takes a backup; if that write fails, nothing changed and it is retried."""
    Vault.create(data_file, PASSPHRASE, {"t": A}, kdf=fast_kdf, clock=clock).close()
    before = data_file.read_bytes()
    opened, _ = Vault.unlock(data_file, PASSPHRASE, clock=clock)
    try:
        fault = Fault("write")
        fault.install(monkeypatch)
        with pytest.raises(SaveFailed):
            save(opened, B)
        assert fault.fired == 1
        assert data_file.read_bytes() == before
        assert temps(data_file.parent) == []
        assert not [p for p in data_file.parent.iterdir() if ".backup-" in p.name]
        assert_usable(opened)
        backups = [p for p in data_file.parent.iterdir() if ".backup-" in p.name]
        assert [p.read_bytes() for p in backups] == [before]
    finally:
        opened.close()


def test_a_failed_repository_save_keeps_memory_and_disk_in_step(
    new_repository, clock, monkeypatch: pytest.MonkeyPatch, appends_only
) -> None:
    """A put whose save fails is reported and not applied: memory still agrees with the disk.

    A put appends to the log (this tiny file would be compacted otherwise), so the fault is the
    first fsync of ``logfile.append_commit``.
    """
    repository = new_repository()
    kept = Group(id=new_id(), name="Groep A", updated_at=clock())
    repository.put(kept)
    before = repository.path.read_bytes()
    fault = Fault("fsync", applies=lambda fd: not is_folder_fd(fd))
    fault.install(monkeypatch, logfile)
    with pytest.raises(SaveFailed):
        repository.put(Group(id=new_id(), name="Groep B", updated_at=clock()))
    assert fault.fired == 1
    assert [g.name for g in repository.groups()] == ["Groep A"]
    assert repository.path.read_bytes() == before
    repository.put(Group(id=new_id(), name="Groep C", updated_at=clock()))
    assert [g.name for g in repository.groups()] == ["Groep A", "Groep C"]


# -- disk full and no permission ------------------------------------------------------------------


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EFBIG], ids=["ENOSPC", "EDQUOT", "EFBIG"])
def test_a_full_disk_says_so_and_changes_nothing(rewriting: Vault, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Disk full during the write: SaveFailed("the disk is full"), the file is A, no temp."""
    before = rewriting.path.read_bytes()
    fault = Fault("write", error=OSError(code, os.strerror(code)))
    fault.install(monkeypatch)
    with pytest.raises(SaveFailed) as raised:
        save(rewriting, B)
    assert fault.fired == 1
    assert raised.value.reason == "the disk is full"
    assert rewriting.path.read_bytes() == before
    assert temps(rewriting.path.parent) == []
    assert_usable(rewriting)


def test_a_disk_filling_up_mid_file_changes_nothing(rewriting: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    """A short write followed by ENOSPC (the realistic full disk) leaves A intact."""
    before = rewriting.path.read_bytes()
    short_then_full, calls = short_write_then_full()
    monkeypatch.setattr(atomic, "os", OsProxy(write=short_then_full))
    with pytest.raises(SaveFailed) as raised:
        save(rewriting, B)
    assert len(calls) == 2
    assert raised.value.reason == "the disk is full"
    assert rewriting.path.read_bytes() == before
    assert temps(rewriting.path.parent) == []


@pytest.mark.parametrize("how", ["chmod", "simulated"])
def test_a_read_only_folder_says_no_permission(rewriting: Vault, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """No write permission in the folder: SaveFailed("no permission to write in this folder"), A intact."""
    folder = rewriting.path.parent
    before = rewriting.path.read_bytes()
    if how == "chmod":
        if os.geteuid() == 0:
            pytest.skip("root ignores folder permissions; see the simulated variant")
        folder.chmod(0o500)
    else:
        fault = Fault(
            "open",
            applies=lambda path, *rest: Path(path).parent == folder,
            error=PermissionError(errno.EACCES, "Permission denied"),
        )
        fault.install(monkeypatch)
    try:
        with pytest.raises(SaveFailed) as raised:
            save(rewriting, B)
    finally:
        folder.chmod(0o700)
    assert raised.value.reason == "no permission to write in this folder"
    assert rewriting.path.read_bytes() == before
    assert temps(folder) == []
    assert_usable(rewriting)


# -- changed behind the vault's back ------------------------------------------------------------


def test_foreign_bytes_are_never_overwritten(vault: Vault) -> None:
    """Another program wrote other bytes to the file: FileChangedOnDisk, the bytes stay."""
    foreign = b"somebody else's data\n" * 10
    vault.path.write_bytes(foreign)
    with pytest.raises(FileChangedOnDisk):
        save(vault, B)
    assert vault.path.read_bytes() == foreign
    assert temps(vault.path.parent) == []


def test_another_valid_vault_put_in_its_place_is_not_overwritten(vault: Vault, tmp_path: Path, clock, fast_kdf) -> None:
    """The file was replaced (new inode) by another intervisie file: refused, left as it is."""
    other = tmp_path / "other.ivt"
    Vault.create(other, PASSPHRASE, {"t": b"another group"}, kdf=fast_kdf, clock=clock, lock=False).close()
    foreign = other.read_bytes()
    os.replace(other, vault.path)
    with pytest.raises(FileChangedOnDisk):
        save(vault, B)
    assert vault.path.read_bytes() == foreign
    assert body_of(vault.path) == b"another group"


def test_an_older_copy_restored_behind_its_back_is_not_overwritten(vault: Vault) -> None:
    """Someone put back an earlier state of the same file: refused, even though the key fits."""
    state_a = vault.path.read_bytes()
    save(vault, B)
    vault.path.write_bytes(state_a)
    with pytest.raises(FileChangedOnDisk):
        save(vault, C)
    assert vault.path.read_bytes() == state_a


def test_a_deleted_file_is_not_silently_recreated(vault: Vault) -> None:
    """The file was deleted: FileChangedOnDisk, and no new file appears."""
    vault.path.unlink()
    with pytest.raises(FileChangedOnDisk) as raised:
        save(vault, B)
    assert raised.value.reason == "the file was changed by another program since it was opened"
    assert not vault.path.exists()
    assert temps(vault.path.parent) == []


# -- stale temp files ----------------------------------------------------------------------------


def test_unlock_removes_stale_temps_of_this_file_only(data_file: Path, clock, fast_kdf) -> None:
    """A killed save's temp is removed at the next locked unlock; other files are left alone."""
    Vault.create(data_file, PASSPHRASE, {"t": A}, kdf=fast_kdf, clock=clock).close()
    folder = data_file.parent
    stale = folder / ".groep.ivt.abc123.tmp"
    others = [
        folder / "other.tmp",
        folder / ".other.ivt.abc123.tmp",
        folder / "groep.ivt.tmp",
        folder / ".groep.ivt.abc123.tmp.keep",
    ]
    for path in [stale, *others]:
        path.write_bytes(b"half a save")

    opened, body = Vault.unlock(data_file, PASSPHRASE, lock=False, clock=clock)
    opened.close()
    assert stale.exists(), "without the lock a live save of another process could be disturbed"

    opened, tables = Vault.unlock(data_file, PASSPHRASE, clock=clock)
    opened.close()
    assert {name: bytes(raw) for name, raw in tables.items()} == {"t": A}
    assert not stale.exists()
    assert all(path.read_bytes() == b"half a save" for path in others)


def test_clean_stale_temps_takes_bracketed_names_literally(tmp_path: Path) -> None:
    """A name with "[" / "]" is not a glob pattern: only its own temps go."""
    target = tmp_path / "groep [2026] a*.ivt"
    own = [tmp_path / ".groep [2026] a*.ivt.abc123.tmp", tmp_path / ".groep [2026] a*.ivt.ffeedd.tmp"]
    lookalikes = [
        tmp_path / ".groep 2 a*.ivt.abc123.tmp",
        tmp_path / ".groep 0 ax.ivt.abc123.tmp",
        tmp_path / "groep [2026] a*.ivt",
    ]
    for path in [*own, *lookalikes]:
        path.write_bytes(b"x")
    assert atomic.clean_stale_temps(target) == 2
    assert not any(path.exists() for path in own)
    assert all(path.exists() for path in lookalikes)


# -- Windows behaviour, simulated (the ``windows`` fixture: tests/store/conftest.py) ------------------


def held_by_scanner(times: int | None) -> tuple[Callable, list]:
    """An ``os.replace`` that is refused ``times`` times (None: always), like a virus scanner holding the file."""
    attempts: list[tuple] = []

    def replace(source, target):
        attempts.append((source, target))
        if times is None or len(attempts) <= times:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        return os.replace(source, target)

    return replace, attempts


def test_windows_replace_is_retried_while_the_file_is_held(rewriting: Vault, windows, monkeypatch) -> None:
    """Two refusals, then the replace goes through: the save succeeds."""
    replace, attempts = held_by_scanner(2)
    monkeypatch.setattr(atomic, "os", OsProxy(replace=replace))
    save(rewriting, B)
    assert len(attempts) == 3
    assert body_of(rewriting.path) == B
    assert temps(rewriting.path.parent) == []
    assert_usable(rewriting)


def test_windows_replace_gives_up_and_changes_nothing(rewriting: Vault, windows, monkeypatch) -> None:
    """Held for good: SaveFailed after all attempts, the file is A, no temp."""
    before = rewriting.path.read_bytes()
    replace, attempts = held_by_scanner(None)
    monkeypatch.setattr(atomic, "os", OsProxy(replace=replace))
    with pytest.raises(SaveFailed) as raised:
        save(rewriting, B)
    assert len(attempts) == atomic.REPLACE_ATTEMPTS
    assert raised.value.reason == "no permission to write in this folder"
    assert rewriting.path.read_bytes() == before
    assert temps(rewriting.path.parent) == []
    monkeypatch.setattr(atomic, "os", os)
    assert_usable(rewriting)


@pytest.mark.parametrize("on_windows", [True, False], ids=["windows", "posix"])
def test_folder_fsync_only_where_it_exists(rewriting: Vault, monkeypatch, on_windows: bool) -> None:
    """Windows cannot fsync a folder, so it is not tried there; elsewhere it is done once per save."""
    monkeypatch.setattr(atomic, "IS_WINDOWS", on_windows)
    folder_opens: list = []
    folder_fsyncs: list = []

    def recording_open(path, flags, *rest):
        if opens_folder(path, flags):
            folder_opens.append(path)
        return os.open(path, flags, *rest)

    def recording_fsync(fd):
        if is_folder_fd(fd):
            folder_fsyncs.append(fd)
            if on_windows:
                raise OSError(errno.EBADF, "folder fsync attempted on Windows")
        return os.fsync(fd)

    monkeypatch.setattr(atomic, "os", OsProxy(open=recording_open, fsync=recording_fsync))
    save(rewriting, B)
    assert body_of(rewriting.path) == B
    expected = 0 if on_windows else 1
    assert (len(folder_opens), len(folder_fsyncs)) == (expected, expected)
