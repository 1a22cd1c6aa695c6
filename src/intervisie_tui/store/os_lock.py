"""An exclusive OS lock on a lock file: tried once, held until released or until the process ends.

All the app asks of a lock (``store/lock.py``): take it now or hear that someone holds it, keep it
while the file is open, and lose it when the process dies, so it is never stale. The OS gives that
directly: ``flock`` on POSIX, a lock on the file's first byte (``msvcrt.locking``, which is
``LockFile``) on Windows. Until 2026-12-06 the ``filelock`` package did this; it also waits, counts
re-entries, falls back to marker files and offers asyncio, none of which the app uses, and its
~25 modules were ~10 ms and ~0.65 MiB of every start (docs/PERFORMANCE.md).

Windows is simulated in the tests (``WINDOWS`` and a stand-in ``msvcrt``); CI runs on Linux.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

WINDOWS = os.name == "nt"
"""Whether the Windows lock is used; a module attribute so tests can simulate Windows."""

_HELD_ELSEWHERE = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}
"""What a lock that someone else holds reports (EACCES on some file systems and on Windows,
EDEADLOCK from ``msvcrt.locking`` after its retries)."""
_RETRIES = 3
"""Attempts when the lock file was removed between opening and locking it (its holder discarded it)."""


class LockHeld(Exception):
    """Another process, or another lock in this one, holds the lock."""


class OsLock:
    """The lock of one lock file; :meth:`acquire` never waits."""

    def __init__(self, path: Path, mode: int = 0o600) -> None:
        self.path = path
        self.mode = mode
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        """Whether this lock is held."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now; :class:`LockHeld` when it is taken, ``OSError`` when the file cannot be made."""
        if self._fd is not None:
            return
        for _attempt in range(_RETRIES):
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
            fd = os.open(self.path, flags, self.mode)
            try:
                _lock(fd)
                if WINDOWS or os.fstat(fd).st_nlink > 0:
                    self._fd = fd
                    return
            except BaseException:
                os.close(fd)
                raise
            # Locked a file its holder removed on release (a discarded new file): it guards nothing
            # any more; a new lock file at the path is the one to take.
            os.close(fd)
        raise LockHeld(str(self.path))

    def release(self) -> None:
        """Let go of the lock (nothing when it is not held); closing the descriptor ends it."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        except OSError:
            pass  # closing below releases it anyway
        finally:
            os.close(fd)


def _lock(fd: int) -> None:
    """Lock ``fd`` at once, or raise :class:`LockHeld`; other failures raise ``OSError``."""
    try:
        if WINDOWS:
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]  # the byte at 0: the file is never read
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in _HELD_ELSEWHERE:
            raise LockHeld(str(error)) from None
        raise


def _unlock(fd: int) -> None:
    if WINDOWS:
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
