"""The encrypted file: create/unlock/save/close, backups, restore and re-key."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intervisie_tui.core.model import Group, new_id
from intervisie_tui.store import atomic, backups, crypto, rekey
from intervisie_tui.store import restore as restore_module
from intervisie_tui.store.errors import SaveFailed, WrongPassphrase
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS, parse_header
from intervisie_tui.store.filekey import FileKey
from intervisie_tui.store.lock import FileGuard
from intervisie_tui.store.rekey import rekey_folder
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.restore import restore_backup
from intervisie_tui.store.vault import Vault
from tests.conftest import FROZEN, PASSPHRASE, FrozenClock
from tests.store.format1 import read_tables

NEW = "a brand new passphrase"


def read_body(path: Path, passphrase: str) -> bytes:
    """Open ``path`` without its lock (backups have none) and return its one table ``t``."""
    tables = read_tables(path, passphrase)
    assert list(tables) == ["t"], tables
    return tables["t"]


def grown(number: int) -> bytes:
    """State ``number`` of a file that doubles in size every session (500 bytes at state 0).

    Backups are rotated by size (at most 3 times the file's live size, docs/FORMAT.md); the backups
    of a fast-growing file are small beside it, so there the count (KEEP) decides, as the tests of
    ordering need. Two backups of a file of a few KB or more always fit."""
    return f"state {number}:".encode().ljust(500 << number, b".")


def padded(body: bytes) -> bytes:
    """``body`` made 2000 bytes long: a file big enough that two of its backups fit the budget."""
    return body.ljust(2000, b".")


def save_cycle(path: Path, clock: FrozenClock, body: bytes, passphrase: str = PASSPHRASE) -> None:
    """Unlock, save ``body`` as table ``t`` once and close, one minute later than the last cycle."""
    clock.advance(minutes=1)
    vault, _ = Vault.unlock(path, passphrase, clock=clock)
    try:
        vault.save({"t": body}, {"t"})
    finally:
        vault.close()


# -- create / unlock / save / close ------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [b"", b"x", b"\x00\xff" * 7, os.urandom(1 << 20)],
    ids=["empty", "one-byte", "binary", "1MB"],
)
def test_create_then_unlock_returns_the_same_bytes(data_file: Path, clock, fast_kdf, body: bytes) -> None:
    """Whatever bytes are sealed at create come back unchanged at unlock."""
    vault = Vault.create(data_file, PASSPHRASE, {"t": body}, kdf=fast_kdf, clock=clock)
    vault.close()
    assert read_body(data_file, PASSPHRASE) == body


def test_save_replaces_the_tables_and_accepts_bytes_and_memoryviews(data_file: Path, clock, fast_kdf) -> None:
    """A save of several tables (bytes and memoryviews, one added) is read back exactly, in order."""
    vault = Vault.create(data_file, PASSPHRASE, {"t": b"first", "u": b"kept"}, kdf=fast_kdf, clock=clock)
    vault.save({"t": memoryview(b"second version"), "u": b"kept", "v": memoryview(b"new")}, {"t", "v"})
    vault.close()
    tables = read_tables(data_file, PASSPHRASE)
    assert tables == {"t": b"second version", "u": b"kept", "v": b"new"}
    assert list(tables) == ["t", "u", "v"]


def test_save_can_drop_a_table(data_file: Path, clock, fast_kdf) -> None:
    """A table left out of a save is gone from the file; the others stay."""
    vault = Vault.create(data_file, PASSPHRASE, {"t": b"1", "gone": b"2"}, kdf=fast_kdf, clock=clock)
    vault.save({"t": b"1"}, set())
    vault.close()
    assert read_tables(data_file, PASSPHRASE) == {"t": b"1"}


def test_unlock_with_the_wrong_passphrase_is_refused(data_file: Path, clock, fast_kdf) -> None:
    """A wrong passphrase raises WrongPassphrase and leaves the file alone."""
    Vault.create(data_file, PASSPHRASE, {"t": b"secret"}, kdf=fast_kdf, clock=clock).close()
    before = data_file.read_bytes()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(data_file, PASSPHRASE + "!", clock=clock)
    assert data_file.read_bytes() == before
    assert read_body(data_file, PASSPHRASE) == b"secret"  # and the lock was released


def test_create_refuses_an_existing_path(data_file: Path, clock, fast_kdf) -> None:
    """create never overwrites: an existing file is left byte for byte as it was."""
    data_file.write_bytes(b"somebody else's file")
    with pytest.raises(FileExistsError):
        Vault.create(data_file, PASSPHRASE, {"t": b"new"}, kdf=fast_kdf, clock=clock)
    assert data_file.read_bytes() == b"somebody else's file"
    # The refusal released the lock it took: a second vault can be created next door and the
    # same path can be locked again.
    other = data_file.with_name("other.ivt")
    Vault.create(other, PASSPHRASE, {"t": b"x"}, kdf=fast_kdf, clock=clock).close()
    guard = FileGuard(data_file)
    guard.acquire(clock())
    guard.release()


def test_close_drops_the_key_and_save_then_raises(data_file: Path, clock, fast_kdf) -> None:
    """After close the vault is not open, a save raises and the file is unchanged."""
    vault = Vault.create(data_file, PASSPHRASE, {"t": b"kept"}, kdf=fast_kdf, clock=clock)
    assert vault.is_open
    vault.close()
    assert not vault.is_open
    before = data_file.read_bytes()
    with pytest.raises(RuntimeError):
        vault.save({"t": b"lost"}, {"t"})
    vault.close()  # safe to call twice
    assert data_file.read_bytes() == before
    assert read_body(data_file, PASSPHRASE) == b"kept"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_create_makes_the_file_owner_only(data_file: Path, clock, fast_kdf) -> None:
    """A new file is readable and writable by its owner only (0600), and stays so after a save."""
    vault = Vault.create(data_file, PASSPHRASE, {"t": b"x"}, kdf=fast_kdf, clock=clock)
    assert data_file.stat().st_mode & 0o777 == 0o600
    vault.save({"t": b"y"}, {"t"})
    vault.close()
    assert data_file.stat().st_mode & 0o777 == 0o600


@given(body=st.binary(max_size=5000))
@settings(max_examples=50, deadline=None)
def test_any_body_round_trips(body: bytes) -> None:
    """Property: any bytes body survives create, close and unlock exactly."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prop.ivt"
        Vault.create(path, PASSPHRASE, {"t": body}, kdf=ARGON2ID_FAST_FOR_TESTS, clock=FrozenClock()).close()
        assert read_body(path, PASSPHRASE) == body


# -- backups ----------------------------------------------------------------------


def test_first_save_after_unlock_takes_a_backup_of_the_previous_file(data_file: Path, clock, fast_kdf) -> None:
    """The first save after an unlock copies the file as it was; later saves in the session do not."""
    Vault.create(data_file, PASSPHRASE, {"t": b"state 0"}, kdf=fast_kdf, clock=clock).close()
    assert backups.list_backups(data_file) == []
    original = data_file.read_bytes()
    first_save_at = clock.advance(minutes=1)
    vault, _ = Vault.unlock(data_file, PASSPHRASE, clock=clock)
    vault.save({"t": b"state 1"}, {"t"})
    clock.advance(minutes=1)
    vault.save({"t": b"state 2"}, {"t"})
    vault.close()
    found = backups.list_backups(data_file)
    assert len(found) == 1
    assert found[0].path.read_bytes() == original
    assert found[0].path.name.startswith(data_file.name + ".backup-")
    assert found[0].taken_at == first_save_at.replace(tzinfo=None)  # stamped with the clock's wall time
    assert read_body(found[0].path, PASSPHRASE) == b"state 0"
    assert read_body(data_file, PASSPHRASE) == b"state 2"


def test_saves_of_a_newly_created_vault_take_no_backup(data_file: Path, clock, fast_kdf) -> None:
    """A vault that was just created has no earlier state to back up."""
    vault = Vault.create(data_file, PASSPHRASE, {"t": b"a"}, kdf=fast_kdf, clock=clock)
    vault.save({"t": b"b"}, {"t"})
    vault.close()
    assert backups.list_backups(data_file) == []


def test_an_identical_state_is_not_backed_up_twice(data_file: Path, clock, fast_kdf) -> None:
    """When the file equals the newest backup (e.g. just restored from it), no duplicate is made."""
    Vault.create(data_file, PASSPHRASE, {"t": padded(b"state 0")}, kdf=fast_kdf, clock=clock).close()
    save_cycle(data_file, clock, padded(b"state 1"))
    [first] = backups.list_backups(data_file)
    clock.advance(minutes=1)
    restore_backup(data_file, first.path, PASSPHRASE, clock())
    assert data_file.read_bytes() == first.path.read_bytes()
    [kept, _] = backups.list_backups(data_file)  # the restore kept the state it replaced
    save_cycle(data_file, clock, padded(b"state 2"))  # its state before equals `first`: not copied again
    assert [b.path for b in backups.list_backups(data_file)] == [kept.path, first.path]
    # and the low-level call says so explicitly
    assert backups.take_backup(data_file, clock.advance(minutes=1), first.path.read_bytes()) is None


def test_at_most_keep_backups_are_kept_newest_first(data_file: Path, clock, fast_kdf) -> None:
    """After many sessions at most the KEEP newest backups remain, each a real earlier state."""
    Vault.create(data_file, PASSPHRASE, {"t": grown(0)}, kdf=fast_kdf, clock=clock).close()
    for number in range(1, 10):
        save_cycle(data_file, clock, grown(number))
    found = backups.list_backups(data_file)
    assert backups.KEEP == 5
    assert len(found) == backups.KEEP
    assert [read_body(b.path, PASSPHRASE) for b in found] == [grown(n) for n in (8, 7, 6, 5, 4)]
    assert found == sorted(found, key=lambda b: b.taken_at, reverse=True)
    leftovers = [p.name for p in data_file.parent.iterdir() if ".backup-" in p.name]
    assert sorted(leftovers) == sorted(b.path.name for b in found)


def test_restore_keeps_a_damaged_file_aside_and_puts_the_backup_in_place(data_file: Path, clock, fast_kdf) -> None:
    """A damaged file in place is kept as <name>.damaged-<stamp> (never deleted); the backup opens."""
    Vault.create(data_file, PASSPHRASE, {"t": b"good"}, kdf=fast_kdf, clock=clock).close()
    save_cycle(data_file, clock, b"newer")
    [backup] = backups.list_backups(data_file)
    damaged = bytearray(data_file.read_bytes())
    damaged[-1] ^= 0xFF
    data_file.write_bytes(bytes(damaged))
    clock.advance(minutes=3)
    report = restore_backup(data_file, backup.path, PASSPHRASE, clock())
    assert report.damaged and report.kept is not None
    assert report.kept.name == f"{data_file.name}.damaged-{clock.now:%Y%m%dT%H%M%S%f}"
    assert report.kept.read_bytes() == bytes(damaged)
    assert backups.list_damaged(data_file) == [report.kept]
    assert data_file.read_bytes() == backup.path.read_bytes()
    assert backups.list_backups(data_file) == [backup]
    assert read_body(data_file, PASSPHRASE) == b"good"


def test_restore_keeps_a_healthy_file_as_a_backup_never_as_damaged(data_file: Path, clock, fast_kdf) -> None:
    """The file in place opens (with this passphrase or another): it is kept as the newest backup."""
    Vault.create(data_file, PASSPHRASE, {"t": b"good"}, kdf=fast_kdf, clock=clock).close()
    save_cycle(data_file, clock, b"newer")
    [backup] = backups.list_backups(data_file)
    current = data_file.read_bytes()
    report = restore_backup(data_file, backup.path, PASSPHRASE, clock.advance(minutes=3))
    assert not report.damaged and report.kept == backups.list_backups(data_file)[0].path
    assert report.kept.read_bytes() == current
    assert backups.list_damaged(data_file) == []
    assert read_body(data_file, PASSPHRASE) == b"good"


def test_restore_without_a_current_file_just_puts_the_backup_in_place(data_file: Path, clock, fast_kdf) -> None:
    """With no file in place, nothing is kept and the backup opens."""
    Vault.create(data_file, PASSPHRASE, {"t": b"good"}, kdf=fast_kdf, clock=clock).close()
    save_cycle(data_file, clock, b"newer")
    [backup] = backups.list_backups(data_file)
    data_file.unlink()
    assert restore_backup(data_file, backup.path, PASSPHRASE, clock()).kept is None
    assert read_body(data_file, PASSPHRASE) == b"good"


def test_a_damaged_file_on_a_file_system_without_hard_links_is_copied_aside(
    data_file: Path, clock, fast_kdf, monkeypatch
) -> None:
    """FAT and exFAT sticks have no hard links: the damaged file's bytes are copied instead."""
    Vault.create(data_file, PASSPHRASE, {"t": b"good"}, kdf=fast_kdf, clock=clock).close()
    save_cycle(data_file, clock, b"newer")
    [backup] = backups.list_backups(data_file)
    data_file.write_bytes(data_file.read_bytes()[:-1])

    def no_links(*_args, **_kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(backups.os, "link", no_links)
    damaged = data_file.read_bytes()
    report = restore_backup(data_file, backup.path, PASSPHRASE, clock())
    assert report.damaged and report.kept is not None and report.kept.read_bytes() == damaged
    assert os.stat(report.kept).st_ino != os.stat(data_file).st_ino


# -- the order of backups ---------------------------------------------------------


def test_backups_are_ordered_by_number_not_by_the_clock(data_file: Path, fast_kdf) -> None:
    """A laptop clock in 2001 used to get every new backup rotated away as soon as it was made, and
    one stamped 2099 stayed "newest" for ever. Numbers order them; the stamp is kept for people."""
    clock = FrozenClock(FROZEN.replace(year=2099))
    Vault.create(data_file, PASSPHRASE, {"t": grown(0)}, kdf=fast_kdf, clock=clock).close()
    save_cycle(data_file, clock, grown(1))  # backed up in 2099
    clock.now = FROZEN.replace(year=2001)
    for number in range(2, 10):
        save_cycle(data_file, clock, grown(number))
    found = backups.list_backups(data_file)
    assert [read_body(b.path, PASSPHRASE) for b in found] == [grown(n) for n in (8, 7, 6, 5, 4)]
    assert [b.number for b in found] == [9, 8, 7, 6, 5]
    assert {b.taken_at.year for b in found} == {2001}
    assert found[0].path.name == f"{data_file.name}.backup-000009-{found[0].taken_at:%Y%m%dT%H%M%S}"


def test_backups_named_before_numbering_count_as_the_oldest(data_file: Path, clock, fast_kdf) -> None:
    """Names from before numbering stay backups (listed, restorable, re-keyed), older than any
    numbered one, and rotate away first."""
    Vault.create(data_file, PASSPHRASE, {"t": grown(0)}, kdf=fast_kdf, clock=clock).close()
    legacy = data_file.with_name(data_file.name + ".backup-20990101T000000000000")
    legacy.write_bytes(data_file.read_bytes())
    save_cycle(data_file, clock, grown(1))  # state 0 is the legacy backup already
    save_cycle(data_file, clock, grown(2))
    found = backups.list_backups(data_file)
    assert [b.number for b in found] == [1, 0] and found[1].path == legacy
    for number in range(3, 8):
        save_cycle(data_file, clock, grown(number))
    assert legacy not in [b.path for b in backups.list_backups(data_file)] and not legacy.exists()


def test_a_failed_save_keeps_the_file_and_backup_is_still_due(data_file: Path, clock, fast_kdf, monkeypatch) -> None:
    """A full disk raises SaveFailed('the disk is full'); the file is unchanged and a retry succeeds."""
    Vault.create(data_file, PASSPHRASE, {"t": b"before"}, kdf=fast_kdf, clock=clock).close()
    vault, _ = Vault.unlock(data_file, PASSPHRASE, clock=clock)
    before = data_file.read_bytes()
    real = atomic.write_new_file

    def full(path, chunks):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "write_new_file", full)
    with pytest.raises(SaveFailed) as raised:
        vault.save({"t": b"after"}, {"t"})
    assert raised.value.reason == "the disk is full"
    assert data_file.read_bytes() == before
    assert not [p for p in data_file.parent.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.setattr(atomic, "write_new_file", real)
    vault.save({"t": b"after"}, {"t"})
    vault.close()
    assert read_body(data_file, PASSPHRASE) == b"after"
    [backup] = backups.list_backups(data_file)
    assert backup.path.read_bytes() == before


def test_a_failed_rekey_does_not_cancel_the_first_save_backup(data_file: Path, clock, fast_kdf, monkeypatch) -> None:
    """After a re-key that failed (disk full), the session's first real save still takes its backup."""
    Vault.create(data_file, PASSPHRASE, {"t": b"before"}, kdf=fast_kdf, clock=clock).close()
    vault, _ = Vault.unlock(data_file, PASSPHRASE, clock=clock)
    before = data_file.read_bytes()
    real = atomic.write_new_file

    def full(path, chunks):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "write_new_file", full)
    with pytest.raises(SaveFailed):
        vault.rekey(NEW, {"t": b"before"})
    monkeypatch.setattr(atomic, "write_new_file", real)
    assert data_file.read_bytes() == before
    vault.save({"t": b"after"}, {"t"})
    vault.close()
    assert read_body(data_file, PASSPHRASE) == b"after"
    assert [b.path.read_bytes() for b in backups.list_backups(data_file)] == [before]


# -- re-key -----------------------------------------------------------------------


def repository_with_backups(path: Path, clock: FrozenClock, kdf, sessions: int = 3) -> list[Group]:
    """A file with ``sessions`` backups: each session unlocks, puts a group and closes."""
    groups: list[Group] = []
    repository = Repository.create(path, PASSPHRASE, kdf=kdf, clock=clock)
    repository.close()
    for number in range(sessions):
        clock.advance(minutes=1)
        repository = Repository.unlock(path, PASSPHRASE, clock=clock)
        group = Group(id=new_id(), name=f"Groep {number}", updated_at=clock())
        repository.put(group)
        repository.close()
        groups.append(group)
    return groups


def all_files(path: Path) -> list[Path]:
    """The main file and every backup beside it."""
    return [path, *(b.path for b in backups.list_backups(path))]


def test_rekey_changes_the_passphrase_of_the_file_and_every_backup(data_file: Path, clock, fast_kdf) -> None:
    """Afterwards every file opens with the new passphrase only, with unchanged contents."""
    repository_with_backups(data_file, clock, fast_kdf)
    files = all_files(data_file)
    assert len(files) == 4
    contents = {path: read_tables(path, PASSPHRASE) for path in files}
    repository = Repository.unlock(data_file, PASSPHRASE, clock=clock)
    try:
        report = rekey_folder(repository.storage, PASSPHRASE, NEW)
    finally:
        repository.close()
    assert report.backups_rekeyed == 3
    assert report.backups_unreadable == ()
    assert report.damaged_left == ()
    assert all_files(data_file) == files  # no backup was added or dropped by the re-key
    for path in files:
        assert read_tables(path, NEW) == contents[path], path.name
        with pytest.raises(WrongPassphrase):
            read_tables(path, PASSPHRASE)


def test_rekey_removes_stale_temps_and_reports_damaged_copies(data_file: Path, clock, fast_kdf) -> None:
    """Temp files of killed saves (which may hold old-key data) go; damaged copies are listed, not touched."""
    repository_with_backups(data_file, clock, fast_kdf, sessions=1)
    damaged = data_file.with_name(data_file.name + ".damaged-20260101T000000000000")
    damaged.write_bytes(b"damaged old bytes")
    repository = Repository.unlock(data_file, PASSPHRASE, clock=clock)
    stale = [
        data_file.with_name(f".{data_file.name}.0123456789ab.tmp"),
        data_file.with_name(f".{data_file.name}.backup-20260101T000000000000.ba9876543210.tmp"),
    ]
    for temp in stale:
        temp.write_bytes(data_file.read_bytes())
    try:
        report = rekey_folder(repository.storage, PASSPHRASE, NEW)
    finally:
        repository.close()
    assert not any(temp.exists() for temp in stale)
    assert report.damaged_left == (damaged,)
    assert damaged.read_bytes() == b"damaged old bytes"


def test_the_open_repository_keeps_working_under_the_new_key(data_file: Path, clock, fast_kdf) -> None:
    """After a re-key, saves of the same session are written under the new passphrase."""
    repository_with_backups(data_file, clock, fast_kdf, sessions=1)
    repository = Repository.unlock(data_file, PASSPHRASE, clock=clock)
    try:
        rekey_folder(repository.storage, PASSPHRASE, NEW)
        later = Group(id=new_id(), name="Na de wissel", updated_at=clock())
        repository.put(later)
    finally:
        repository.close()
    reopened = Repository.unlock(data_file, NEW, clock=clock)
    try:
        assert reopened.group(later.id) == later
    finally:
        reopened.close()
    for path in all_files(data_file):
        with pytest.raises(WrongPassphrase):
            read_tables(path, PASSPHRASE)


def test_an_interrupted_rekey_can_be_repeated(data_file: Path, clock, fast_kdf, monkeypatch) -> None:
    """Killed after the main file and one backup, a repeat (unlocking with the new passphrase) finishes the job."""
    groups = repository_with_backups(data_file, clock, fast_kdf, sessions=3)
    contents = {path: read_tables(path, PASSPHRASE) for path in all_files(data_file)}
    real = rekey._rekey_backup
    calls = []

    def crash_after_first(*args, **kwargs):
        if calls:
            raise KeyboardInterrupt  # stands in for a kill
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(rekey, "_rekey_backup", crash_after_first)
    repository = Repository.unlock(data_file, PASSPHRASE, clock=clock)
    try:
        with pytest.raises(KeyboardInterrupt):
            rekey_folder(repository.storage, PASSPHRASE, NEW)
    finally:
        repository.close()
    monkeypatch.setattr(rekey, "_rekey_backup", real)
    # The interruption left a mix: the main file and one backup are new, two backups are old.
    with pytest.raises(WrongPassphrase):
        read_tables(data_file, PASSPHRASE)
    still_old = [p for p in all_files(data_file)[1:] if p not in calls]
    assert len(still_old) == 2
    assert all(read_tables(p, PASSPHRASE) == contents[p] for p in still_old)

    # Repeat: the main file now opens only with the new passphrase.
    repository = Repository.unlock(data_file, NEW, clock=clock)
    try:
        assert [g.name for g in repository.groups()] == [g.name for g in groups]
        report = rekey_folder(repository.storage, PASSPHRASE, NEW)
    finally:
        repository.close()
    assert report.backups_rekeyed == 3
    assert report.backups_unreadable == ()
    for path in all_files(data_file):
        assert read_tables(path, NEW) == contents[path]
        with pytest.raises(WrongPassphrase):
            read_tables(path, PASSPHRASE)


def test_a_backup_already_under_the_new_key_is_left_alone(data_file: Path, clock, fast_kdf, monkeypatch) -> None:
    """A backup that already fits the new key (an earlier interrupted run) is not rewritten."""
    repository_with_backups(data_file, clock, fast_kdf, sessions=1)
    salt = bytes(range(16))
    monkeypatch.setattr(crypto, "random_salt", lambda: salt)  # the re-key will pick this salt
    new_key = FileKey.derive(NEW, fast_kdf, salt)
    done = data_file.with_name(data_file.name + ".backup-20260101T000000000000")
    new_key.write(done, read_tables(data_file, PASSPHRASE))
    before = done.read_bytes()
    repository = Repository.unlock(data_file, PASSPHRASE, clock=clock)
    try:
        report = rekey_folder(repository.storage, PASSPHRASE, NEW)
    finally:
        repository.close()
    assert parse_header(data_file.read_bytes()).salt == salt
    assert done.read_bytes() == before
    assert report.backups_rekeyed == 2
    for path in all_files(data_file):
        read_tables(path, NEW)
        with pytest.raises(WrongPassphrase):
            read_tables(path, PASSPHRASE)


def test_a_backup_under_an_unknown_passphrase_is_reported_not_changed(data_file: Path, clock, fast_kdf) -> None:
    """A backup that opens with neither passphrase is listed as unreadable and left byte for byte."""
    repository_with_backups(data_file, clock, fast_kdf, sessions=1)
    stranger = data_file.with_name(data_file.name + ".backup-20250101T000000000000")
    Vault.create(stranger, "some older passphrase", {"t": b"old"}, kdf=fast_kdf, lock=False).close()
    before = stranger.read_bytes()
    repository = Repository.unlock(data_file, PASSPHRASE, clock=clock)
    try:
        report = rekey_folder(repository.storage, PASSPHRASE, NEW)
    finally:
        repository.close()
    assert report.backups_unreadable == (stranger,)
    assert report.backups_rekeyed == 1
    assert stranger.read_bytes() == before


def test_a_restore_that_fails_at_its_last_write_leaves_no_damaged_copy(
    data_file: Path, clock, fast_kdf, monkeypatch
) -> None:
    """The damaged file got its second name, then writing the backup in its place failed (a full
    disk): the second name goes again, and every file is as it was."""
    Vault.create(data_file, PASSPHRASE, {"t": b"good"}, kdf=fast_kdf, clock=clock).close()
    save_cycle(data_file, clock, b"newer")
    [backup] = backups.list_backups(data_file)
    data_file.write_bytes(data_file.read_bytes()[:-1])
    before = {path.name: path.read_bytes() for path in data_file.parent.iterdir()}

    def full(_target, _chunks):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(restore_module, "atomic_write", full)
    with pytest.raises(OSError):
        restore_backup(data_file, backup.path, PASSPHRASE, clock())
    assert {path.name: path.read_bytes() for path in data_file.parent.iterdir()} == before
