"""One writer per file: OS locks that die with their process.

Two locks, both released by the OS when the holder dies (never stale):

* ``<file>.lock`` beside the file's real path (links resolved, ``paths.resolve``), taken
  with ``store/os_lock.py`` (``flock`` on POSIX, a lock on its first byte on Windows) before the
  file is read or created, and held while the app is open, also while it is locked;
* on POSIX, a ``flock`` on the data file itself (:func:`lock_identity`), so two names of
  one file (a hard link, the same folder mounted twice) cannot both write: the lock
  belongs to the file, not to a name. The vault takes it on the descriptor it holds
  open while unlocked. Windows cannot replace a file held open, so there the check of
  both commit slots before every save is what refuses a second writer.

Beside them, ``<file>.owner`` records the host, process id and time of the holder so a
second instance can say where and since when the file is open. It holds no content. A sync tool
carries it to other laptops, where no OS lock reaches: the app rewrites it every minute
(:meth:`FileGuard.refresh`), and a fresh note from another host (``core/owner_note.py``) is left
in place until the user chose to open the file anyway (:meth:`FileGuard.claim`).
"""

from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path

from intervisie_tui.core.owner_note import OwnerNote, open_elsewhere
from intervisie_tui.store.errors import NoLockFile, VaultLocked, lock_error
from intervisie_tui.store.os_lock import LockHeld, OsLock
from intervisie_tui.store.paths import resolve

IDENTITY_LOCKS = os.name != "nt"
"""Whether the data file itself is locked (POSIX ``flock``); a module attribute so tests can
simulate Windows."""


def lock_path_for(path: Path) -> Path:
    """The lock file of a data file."""
    return path.with_name(path.name + ".lock")


def owner_path_for(path: Path) -> Path:
    """The owner note of a data file."""
    return path.with_name(path.name + ".owner")


class FileGuard:
    """Holds the lock of one data file for the lifetime of an open vault."""

    def __init__(self, path: Path) -> None:
        self.path = resolve(path)
        self._lock = OsLock(lock_path_for(self.path))
        self.host = socket.gethostname()
        """This computer's name as the notes give it (a test may set another)."""
        self.elsewhere: OwnerNote | None = None
        """A fresh note from another host found at :meth:`acquire`, until :meth:`claim`."""
        self._since: datetime | None = None
        self._noted = False

    @property
    def held(self) -> bool:
        """Whether this guard holds the lock."""
        return self._lock.is_locked

    def acquire(self, now: datetime | None = None) -> None:
        """Take the lock or raise :class:`VaultLocked` naming the current holder."""
        try:
            self._lock.acquire()
        except LockHeld:
            raise read_owner(self.path) from None
        except OSError as error:  # a read-only folder, one that is not ours, a drive without locks
            reason = lock_error(error)
            raise NoLockFile(reason.reason, reason.detail) from error
        now = now or datetime.now(UTC).astimezone()
        self._since = now
        found = read_note(self.path)
        # A fresh note from another laptop stays until the user chose to open here anyway: saying
        # no must not erase what tells the others where the file is open.
        self.elsewhere = found if open_elsewhere(found, self.host, now) else None
        if self.elsewhere is None:
            self._write_owner(now)

    def claim(self, now: datetime) -> None:
        """Open here although :attr:`elsewhere` said the file is open on another host: write our note."""
        self.elsewhere = None
        self.refresh(now)

    def refresh(self, now: datetime) -> None:
        """Rewrite the note (every minute while the file is open), unless another host's note is still waiting."""
        if self._lock.is_locked and self.elsewhere is None:
            self._write_owner(now)

    def release(self, *, discard: bool = False) -> None:
        """Let go of the lock (idempotent).

        ``discard`` also removes the lock file, for a file that was never made (a failed ``new``
        or handover): nothing is left behind. Safe because locks are only ever tried, never
        waited for, so nobody can be holding the old lock file once it is gone.
        """
        if not self._lock.is_locked:
            return
        if self._noted:  # another host's note, never claimed, is not ours to remove
            try:
                owner_path_for(self.path).unlink()
            except OSError:
                pass  # a missing or unremovable note is harmless: the OS lock is the truth
            self._noted = False
        if discard:
            try:
                lock_path_for(self.path).unlink()
            except OSError:
                pass  # it holds nothing; a leftover lock file is only untidy
        self._lock.release()

    def _write_owner(self, now: datetime) -> None:
        since = self._since or now
        note = {
            "host": self.host,
            "pid": os.getpid(),
            "since": since.isoformat(timespec="seconds"),
            "seen": now.isoformat(timespec="seconds"),
        }
        target = owner_path_for(self.path)
        self._noted = True
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(note, handle)
        except OSError:
            pass  # the note only improves a message; the lock itself is held


def read_note(path: Path) -> OwnerNote | None:
    """The owner note beside ``path``, or ``None`` when there is none or it cannot be read."""
    try:
        note = json.loads(owner_path_for(path).read_text(encoding="utf-8"))
        since = datetime.fromisoformat(str(note.get("since")))
        seen = datetime.fromisoformat(str(note["seen"])) if "seen" in note else since
        if since.tzinfo is None or seen.tzinfo is None:
            return None  # not a note this app wrote
        return OwnerNote(
            host=str(note.get("host", ""))[:100], pid=int(note.get("pid", 0)) or None, since=since, seen=seen
        )
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None


def open_on_another_host(path: Path, now: datetime) -> OwnerNote | None:
    """The note beside ``path`` when it says the file is open on another computer right now."""
    found = read_note(path)
    return found if open_elsewhere(found, socket.gethostname(), now) else None


def read_owner(path: Path) -> VaultLocked:
    """Build the refusal for a locked file from its owner note, if readable."""
    try:
        note = json.loads(owner_path_for(path).read_text(encoding="utf-8"))
        since = datetime.fromisoformat(str(note.get("since")))
        return VaultLocked(host=str(note.get("host", ""))[:100], pid=int(note.get("pid", 0)) or None, since=since)
    except (OSError, ValueError, TypeError, AttributeError):
        return VaultLocked()


def discard_new_file(path: Path) -> None:
    """Remove a file that was just made and failed to be filled (and its lock file): nothing is left.

    For a failed ``new --demo`` or handover: such a file holds nothing yet but its own salt and
    ``meta``. Best effort: the failure itself is what the user is told.
    """
    for leftover in (path, lock_path_for(path), owner_path_for(path)):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def lock_identity(fd: int) -> bool:
    """Take the lock of the file ``fd`` is open on (not of a name); False when another holds it.

    The lock lasts until ``fd`` is closed. Where the platform has no such lock (Windows, see the
    module's docstring) it always succeeds.
    """
    if not IDENTITY_LOCKS:
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True  # a file system without flock (some network shares): the path lock still holds
    return True
