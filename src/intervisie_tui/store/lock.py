"""One writer per file: an OS lock on ``<file>.lock`` that dies with its process.

The OS lock (``filelock``: ``flock`` on Unix, ``LockFileEx`` on Windows) is the
truth; a killed holder never leaves a stale lock. Beside it, ``<file>.owner``
records the host, process id and time of the holder so a second instance can
say where and since when the file is open. The owner file holds no content.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout

from intervisie_tui.store.errors import VaultLocked


def lock_path_for(path: Path) -> Path:
    """The lock file of a data file."""
    return path.with_name(path.name + ".lock")


def owner_path_for(path: Path) -> Path:
    """The owner note of a data file."""
    return path.with_name(path.name + ".owner")


class FileGuard:
    """Holds the lock of one data file for the lifetime of an open vault."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = FileLock(str(lock_path_for(path)), timeout=0, thread_local=False, mode=0o600)

    @property
    def held(self) -> bool:
        """Whether this guard holds the lock."""
        return self._lock.is_locked

    def acquire(self, now: datetime | None = None) -> None:
        """Take the lock or raise :class:`VaultLocked` naming the current holder."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise read_owner(self.path) from None
        self._write_owner(now or datetime.now(timezone.utc).astimezone())

    def release(self) -> None:
        """Let go of the lock (idempotent)."""
        if not self._lock.is_locked:
            return
        try:
            owner_path_for(self.path).unlink()
        except OSError:
            pass  # a missing or unremovable note is harmless: the OS lock is the truth
        self._lock.release(force=True)

    def _write_owner(self, now: datetime) -> None:
        note = {"host": socket.gethostname(), "pid": os.getpid(), "since": now.isoformat(timespec="seconds")}
        target = owner_path_for(self.path)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(note, handle)
        except OSError:
            pass  # the note only improves a message; the lock itself is held


def read_owner(path: Path) -> VaultLocked:
    """Build the refusal for a locked file from its owner note, if readable."""
    try:
        note = json.loads(owner_path_for(path).read_text(encoding="utf-8"))
        since = datetime.fromisoformat(str(note.get("since")))
        return VaultLocked(host=str(note.get("host", ""))[:100], pid=int(note.get("pid", 0)) or None, since=since)
    except (OSError, ValueError, TypeError, AttributeError):
        return VaultLocked()
