"""The OS lock on a lock file (store/os_lock.py): POSIX for real, Windows simulated.

A second process and a killed holder are in tests/store/test_lock.py (through FileGuard).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import types
from pathlib import Path

import pytest

from intervisie_tui.store import os_lock
from intervisie_tui.store.errors import access_error, lock_error
from intervisie_tui.store.os_lock import LockHeld, OsLock

posix = pytest.mark.skipif(os.name == "nt", reason="flock is POSIX")


@posix
def test_a_second_lock_on_the_same_file_is_refused_until_the_first_is_released(tmp_path: Path) -> None:
    path = tmp_path / "groep.ivt.lock"
    first, second = OsLock(path), OsLock(path)
    first.acquire()
    assert first.is_locked
    with pytest.raises(LockHeld):
        second.acquire()
    assert not second.is_locked
    first.release()
    first.release()  # twice is nothing
    assert not first.is_locked
    second.acquire()
    assert second.is_locked
    second.release()


@posix
def test_the_lock_file_is_made_for_its_owner_only_and_stays(tmp_path: Path) -> None:
    path = tmp_path / "groep.ivt.lock"
    lock = OsLock(path)
    lock.acquire()
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    lock.release()
    assert path.exists()  # it holds nothing; the next lock takes the same inode


@posix
def test_a_link_in_place_of_the_lock_file_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("not ours")
    path = tmp_path / "groep.ivt.lock"
    path.symlink_to(target)
    with pytest.raises(OSError) as raised:
        OsLock(path).acquire()
    assert raised.value.errno == errno.ELOOP
    assert target.read_text() == "not ours"


@posix
def test_a_lock_file_removed_before_it_was_locked_is_opened_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its holder discarded it (a failed new file) between our open and our lock: the lock on the
    removed file guards nothing, so the file at the path is opened and locked anew."""
    path = tmp_path / "groep.ivt.lock"
    real_fstat, removed = os.fstat, [True]

    def fstat(fd: int) -> os.stat_result:
        result = real_fstat(fd)
        if removed and removed.pop():
            return os.stat_result((result.st_mode, result.st_ino, result.st_dev, 0, *tuple(result)[4:10]))
        return result

    monkeypatch.setattr(os_lock.os, "fstat", fstat)
    lock = OsLock(path)
    lock.acquire()
    assert lock.is_locked and not removed
    lock.release()


@posix
def test_a_lock_file_removed_every_time_is_given_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "groep.ivt.lock"
    real_fstat = os.fstat

    def always_removed(fd: int) -> os.stat_result:
        result = real_fstat(fd)
        return os.stat_result((result.st_mode, result.st_ino, result.st_dev, 0, *tuple(result)[4:10]))

    monkeypatch.setattr(os_lock.os, "fstat", always_removed)
    with pytest.raises(LockHeld):
        OsLock(path).acquire()


@posix
@pytest.mark.parametrize("code", [errno.ENOSYS, errno.ENOLCK, errno.EOPNOTSUPP])
def test_a_drive_without_locks_is_an_error_not_a_held_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    import fcntl

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    lock = OsLock(tmp_path / "groep.ivt.lock")
    with pytest.raises(OSError) as raised:
        lock.acquire()
    assert not isinstance(raised.value, LockHeld) and not lock.is_locked
    assert lock_error(raised.value).reason == "the drive of this folder cannot lock files"
    assert access_error(raised.value).reason == "the disk reported an error"  # from a write: not a lock


class _Msvcrt(types.ModuleType):
    """Stands in for Windows' msvcrt: byte locks per path, held by one descriptor at a time."""

    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.holders: dict[tuple[int, int], int] = {}
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        assert nbytes == 1
        self.calls.append((mode, os.lseek(fd, 0, os.SEEK_CUR)))
        key = (os.fstat(fd).st_dev, os.fstat(fd).st_ino)
        if mode == self.LK_NBLCK:
            if key in self.holders and self.holders[key] != fd:
                raise PermissionError(errno.EACCES, "Permission denied")
            self.holders[key] = fd
        elif mode == self.LK_UNLCK:
            if self.holders.get(key) != fd:
                raise PermissionError(errno.EACCES, "Permission denied")
            del self.holders[key]


def test_windows_locks_the_first_byte_and_unlocks_it_on_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    msvcrt = _Msvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setattr(os_lock, "WINDOWS", True)
    path = tmp_path / "groep.ivt.lock"
    first, second = OsLock(path), OsLock(path)
    first.acquire()
    with pytest.raises(LockHeld):
        second.acquire()
    first.release()
    second.acquire()
    second.release()
    assert msvcrt.calls == [
        (msvcrt.LK_NBLCK, 0),
        (msvcrt.LK_NBLCK, 0),
        (msvcrt.LK_UNLCK, 0),
        (msvcrt.LK_NBLCK, 0),
        (msvcrt.LK_UNLCK, 0),
    ]
    assert msvcrt.holders == {}
