"""Faults injected into a normal save of a format-3 file: ``logfile.append_commit``.

A save appends the changed tables and a directory after the last commit (lseek, write,
ftruncate, fsync), then writes the unused commit slot and fsyncs again. Whatever call fails,
the file opens in the state before the save or in the state after it (never damaged), a
failure before the commit slot is written is a :class:`SaveFailed` with the file's bytes
exactly as before, a failure after it is no failure (the save happened; ``durable`` says
whether it was synced), and the vault keeps saving afterwards.

Faults replace ``os`` inside ``store/logfile.py`` with a proxy (tests/store/helpers.py); every test
checks that its fault really fired.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from intervisie_tui.store import atomic, logfile
from intervisie_tui.store.errors import SaveFailed
from intervisie_tui.store.logformat import SLOTS_END
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.store.format1 import read_tables
from tests.store.helpers import A, B, C, Fault, OsProxy, assert_usable, short_write_then_full, temps

OTHER = b"a second table that this save does not change"
# The files here are tiny: the app would compact them at every save (docs/FORMAT.md, "Compaction").
pytestmark = pytest.mark.usefixtures("appends_only")


def state_of(path: Path) -> dict[str, bytes]:
    """Every table of ``path`` (opened without the lock)."""
    return read_tables(path)


STATE_A = {"t": A, "u": OTHER}
STATE_B = {"t": B, "u": OTHER}
STATE_C = {"t": C, "u": OTHER}


@pytest.fixture
def vault(data_file: Path, clock, fast_kdf) -> Iterator[Vault]:
    """An open format-3 vault holding A (one earlier append, so both commit slots are in use)."""
    opened = Vault.create(data_file, PASSPHRASE, {"t": b"first", "u": OTHER}, kdf=fast_kdf, clock=clock)
    opened.save(STATE_A, {"t"})
    yield opened
    opened.close()


def nth(count: int, also: Callable[..., bool] = lambda *args: True) -> Callable[..., bool]:
    """An ``applies`` that matches the ``count``-th call (1-based) for which ``also`` holds."""
    seen = [0]

    def applies(*args) -> bool:
        if not also(*args):
            return False
        seen[0] += 1
        return seen[0] == count

    return applies


def writes_a_slot(fd: int, *rest) -> bool:
    """Whether an ``os.write`` on ``fd`` lands in the commit slots (the position is before the first frame)."""
    return os.lseek(fd, 0, os.SEEK_CUR) < SLOTS_END


def writes_a_frame(fd: int, *rest) -> bool:
    """Whether an ``os.write`` on ``fd`` appends frames."""
    return not writes_a_slot(fd)


def opens_the_data_file(path, *rest) -> bool:
    """Whether an ``os.open`` call opens the data file itself (not a folder or a backup)."""
    return Path(path).name == "groep.ivt"


def save(vault: Vault, tables: dict[str, bytes]) -> None:
    """Save ``tables``; only ``t`` changes in these tests."""
    vault.save(tables, {"t"})


def assert_refused_unchanged(vault: Vault, monkeypatch: pytest.MonkeyPatch, fault: Fault, reason: str) -> None:
    """Saving B with ``fault`` installed fires it once, raises SaveFailed(``reason``) and leaves every byte of A."""
    before = vault.path.read_bytes()
    fault.install(monkeypatch, logfile)
    with pytest.raises(SaveFailed) as raised:
        save(vault, STATE_B)
    assert raised.value.reason == reason
    assert fault.fired == 1
    assert vault.path.read_bytes() == before


# Faults before the commit slot is written: the save did not happen.
BEFORE_COMMIT = {
    "open": lambda: Fault("open", applies=opens_the_data_file),
    "before-frame-write": lambda: Fault("write", applies=writes_a_frame),
    "after-frame-write": lambda: Fault("write", "after", applies=writes_a_frame),
    "after-directory-write": lambda: Fault("write", "after", applies=nth(2, writes_a_frame)),
    "before-ftruncate": lambda: Fault("ftruncate"),
    "after-ftruncate": lambda: Fault("ftruncate", "after"),
    "before-first-fsync": lambda: Fault("fsync"),
    "after-first-fsync": lambda: Fault("fsync", "after"),
    "before-slot-write": lambda: Fault("write", applies=writes_a_slot),
    "after-slot-write": lambda: Fault("write", "after", applies=writes_a_slot),
}
# Faults once the commit slot is written: the save happened, possibly not durably.
AFTER_COMMIT = {
    "before-last-fsync": lambda: Fault("fsync", applies=nth(2)),
    "after-last-fsync": lambda: Fault("fsync", "after", applies=nth(2)),
}
ALL = {**BEFORE_COMMIT, **AFTER_COMMIT}


@pytest.mark.parametrize("fault_name", list(ALL))
def test_a_fault_at_any_step_leaves_the_state_before_or_after(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, fault_name: str
) -> None:
    """Whatever call of the append fails, the file opens (never damaged) holding A or B, and
    SaveFailed is raised exactly when it holds A."""
    fault = ALL[fault_name]()
    fault.install(monkeypatch, logfile)
    try:
        save(vault, STATE_B)
    except SaveFailed as error:
        failed = True
        assert (error.reason, error.detail) == ("the disk reported an error", "EIO")
    else:
        failed = False
    assert fault.fired == 1
    assert state_of(vault.path) == (STATE_A if failed else STATE_B)


@pytest.mark.parametrize("fault_name", list(BEFORE_COMMIT))
def test_a_fault_before_the_commit_is_reported_and_changes_no_byte(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, fault_name: str
) -> None:
    """Before the commit slot is written: SaveFailed, the file is byte for byte A, the vault still saves."""
    assert_refused_unchanged(vault, monkeypatch, BEFORE_COMMIT[fault_name](), "the disk reported an error")
    assert temps(vault.path.parent) == []
    assert_usable(vault, STATE_C)


@pytest.mark.parametrize("fault_name", list(AFTER_COMMIT))
def test_a_failed_last_fsync_is_a_save_that_may_not_be_durable(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, fault_name: str
) -> None:
    """The commit slot is written: the save happened (no SaveFailed, B on disk), ``durable`` is False
    until the next save syncs again, and that save is not refused as a foreign change."""
    fault = AFTER_COMMIT[fault_name]()
    fault.install(monkeypatch, logfile)
    save(vault, STATE_B)
    assert fault.fired == 1
    assert vault.durable is False
    assert state_of(vault.path) == STATE_B
    assert_usable(vault, STATE_C)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EFBIG], ids=["ENOSPC", "EDQUOT", "EFBIG"])
def test_a_full_disk_says_so_and_changes_nothing(vault: Vault, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Disk full while appending: SaveFailed("the disk is full"), the file is byte for byte A."""
    fault = Fault("write", applies=writes_a_frame, error=OSError(code, os.strerror(code)))
    assert_refused_unchanged(vault, monkeypatch, fault, "the disk is full")
    assert_usable(vault, STATE_C)


def test_a_disk_filling_up_mid_frame_changes_nothing(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    """A short write followed by ENOSPC (the realistic full disk) is cut off again: the file is A."""
    before = vault.path.read_bytes()
    short_then_full, calls = short_write_then_full()
    monkeypatch.setattr(logfile, "os", OsProxy(write=short_then_full))
    with pytest.raises(SaveFailed) as raised:
        save(vault, STATE_B)
    assert len(calls) == 2
    assert raised.value.reason == "the disk is full"
    assert vault.path.read_bytes() == before
    monkeypatch.setattr(logfile, "os", os)
    assert_usable(vault, STATE_C)


@pytest.mark.parametrize(
    "error",
    [PermissionError(errno.EACCES, "Permission denied"), OSError(errno.EROFS, "Read-only file system")],
    ids=["EACCES", "EROFS"],
)
def test_a_file_that_cannot_be_written_says_no_permission(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, error: OSError
) -> None:
    """The data file cannot be opened for writing (read-only file or file system): SaveFailed
    ("no permission to write in this folder"), the file is A."""
    fault = Fault("open", applies=opens_the_data_file, error=error)
    assert_refused_unchanged(vault, monkeypatch, fault, "no permission to write in this folder")
    assert_usable(vault, STATE_C)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="POSIX permission bits; root ignores them")
def test_a_read_only_file_says_no_permission(vault: Vault) -> None:
    """The real thing, where permissions apply: a file made read-only is not written."""
    before = vault.path.read_bytes()
    vault.path.chmod(0o400)
    try:
        with pytest.raises(SaveFailed) as raised:
            save(vault, STATE_B)
    finally:
        vault.path.chmod(0o600)
    assert raised.value.reason == "no permission to write in this folder"
    assert vault.path.read_bytes() == before


def test_leftovers_that_could_not_be_cut_off_are_an_interrupted_save(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Frames written, then a failure, and cutting them off fails too: SaveFailed; the file opens at A
    and reports the leftover bytes as an interrupted save; the vault's next save removes them."""
    before = vault.path.read_bytes()
    fired = {"write": 0, "ftruncate": 0}

    def write_then_fail(fd, data):
        if writes_a_frame(fd) and not fired["write"]:
            fired["write"] += 1
            os.write(fd, data)
            raise OSError(errno.EIO, "injected I/O error")
        return os.write(fd, data)

    def no_truncate(fd, length):
        fired["ftruncate"] += 1
        raise OSError(errno.EIO, "injected I/O error")

    monkeypatch.setattr(logfile, "os", OsProxy(write=write_then_fail, ftruncate=no_truncate))
    with pytest.raises(SaveFailed):
        save(vault, STATE_B)
    assert fired == {"write": 1, "ftruncate": 1}
    after = vault.path.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    reopened, _ = Vault.unlock(vault.path, PASSPHRASE, lock=False)
    try:
        assert reopened.interrupted_bytes == len(after) - len(before)
    finally:
        reopened.close()
    assert state_of(vault.path) == STATE_A
    monkeypatch.setattr(logfile, "os", os)
    assert_usable(vault, STATE_C)


def test_a_torn_commit_slot_is_put_back(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit slot is written only in part, then the disk fails: the old slot is put back, so
    the file is byte for byte A (a torn slot would be a damaged file)."""
    before = vault.path.read_bytes()
    torn = []

    def tear_the_slot(fd, data):
        if writes_a_slot(fd) and not torn:
            torn.append(os.write(fd, bytes(data)[:20]))
            raise OSError(errno.EIO, "injected I/O error")
        return os.write(fd, data)

    monkeypatch.setattr(logfile, "os", OsProxy(write=tear_the_slot))
    with pytest.raises(SaveFailed):
        save(vault, STATE_B)
    assert torn == [20]
    assert vault.path.read_bytes() == before
    monkeypatch.setattr(logfile, "os", os)
    assert_usable(vault, STATE_C)


def test_a_slot_that_cannot_be_put_back_keeps_the_frames_it_points_to(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new slot went through but reported an error, and putting the old one back fails too:
    the frames are not cut off, so the file opens (at B) instead of being damaged; the vault,
    which reported SaveFailed, still saves afterwards."""
    slot_writes = []

    def slot_fails(fd, data):
        if writes_a_slot(fd):
            slot_writes.append(bytes(data))
            if len(slot_writes) == 1:
                os.write(fd, data)
            raise OSError(errno.EIO, "injected I/O error")
        return os.write(fd, data)

    monkeypatch.setattr(logfile, "os", OsProxy(write=slot_fails))
    with pytest.raises(SaveFailed):
        save(vault, STATE_B)
    assert len(slot_writes) == 2  # the new slot, then the attempt to put the old one back
    assert state_of(vault.path) == STATE_B
    monkeypatch.setattr(logfile, "os", os)
    assert_usable(vault, STATE_C)


# -- Windows, simulated: a scanner holds the file for a moment (``windows``: tests/store/conftest.py)


def held_open(times: int | None) -> tuple[Callable, list]:
    """An ``os.open`` of the data file refused ``times`` times (None: always), like a scanner holding it."""
    attempts: list = []

    def open_(path, flags, *rest):
        if opens_the_data_file(path):
            attempts.append(path)
            if times is None or len(attempts) <= times:
                raise PermissionError(errno.EACCES, "The process cannot access the file")
        return os.open(path, flags, *rest)

    return open_, attempts


def test_windows_open_is_retried_while_the_file_is_held(vault: Vault, windows, monkeypatch) -> None:
    """Two refusals, then the file opens: the append succeeds."""
    open_, attempts = held_open(2)
    monkeypatch.setattr(logfile, "os", OsProxy(open=open_))
    save(vault, STATE_B)
    assert len(attempts) == 3
    assert state_of(vault.path) == STATE_B


def test_windows_open_gives_up_and_changes_nothing(vault: Vault, windows, monkeypatch) -> None:
    """Held for good: SaveFailed after all attempts, the file is A, the vault saves later."""
    before = vault.path.read_bytes()
    open_, attempts = held_open(None)
    monkeypatch.setattr(logfile, "os", OsProxy(open=open_))
    with pytest.raises(SaveFailed) as raised:
        save(vault, STATE_B)
    assert len(attempts) == atomic.REPLACE_ATTEMPTS
    assert raised.value.reason == "no permission to write in this folder"
    assert vault.path.read_bytes() == before
    monkeypatch.setattr(logfile, "os", os)
    assert_usable(vault, STATE_C)
