"""The encrypted file: create, unlock, save, re-key.

A :class:`Vault` is an unlocked file. It holds the derived master key (the KDF
runs once per unlock), what it last read or wrote (to notice a file replaced
behind our back) and the file's lock. It never keeps the data file open
between operations.

New files are format 3 (``logformat.py``): a save appends only the tables that
changed and commits them, and the log is rewritten whole (compacted) instead
when appending would take the file beyond 1.5 times its live size. Format-1
and format-2 files still open; their first save rewrites them as format 3. See
docs/FORMAT.md and docs/STORAGE.md.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, datetime
from pathlib import Path

from intervisie_tui.i18n import N_
from intervisie_tui.store import atomic, backups, crypto, fileformat, logfile
from intervisie_tui.store.body import unpack_body
from intervisie_tui.store.errors import (
    DamagedFile,
    FileChangedOnDisk,
    SaveFailed,
    UnsupportedFile,
    VaultLocked,
    access_error,
    not_a_file,
)
from intervisie_tui.store.fileformat import (
    FORMAT_VERSION,
    KdfParams,
    parse_header,
)
from intervisie_tui.store.filekey import FileKey, keep_all, no_refs, read_data_file, read_header_bytes
from intervisie_tui.store.lock import FileGuard, lock_identity
from intervisie_tui.store.logfile import Encoded, LogState, Tables
from intervisie_tui.store.logformat import SLOTS_END, TableRef
from intervisie_tui.store.paths import kind_of, resolve

Clock = Callable[[], datetime]
Keep = Callable[[str], bool]
Derive = Callable[[str, KdfParams, bytes], FileKey]
"""Runs the KDF: passphrase, KDF settings and salt to the file's key (``FileKey.derive``)."""

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
HOLD_READER = os.name != "nt"
"""Keep a read-only descriptor of the file while unlocked (POSIX): tables left on disk stay
readable from our own file even if another program replaces it, so "save as" still has them.
Windows would block replacing a file held open, so there the path is read each time."""
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
# Opening for reading never waits: a FIFO put in the file's place would block open() for ever.
_OPEN_FLAGS = _READ_FLAGS | getattr(os, "O_NONBLOCK", 0)
FILE_TO_LIVE_MAX = 1.5
"""A save compacts the log instead of appending when the file would grow beyond this many times
its live size (docs/FORMAT.md, "Compaction"). Below 552 live bytes (an empty new file) the
276 bytes of header and commit slots alone exceed it; such a file is compacted at every save."""


def _now() -> datetime:
    return datetime.now(UTC).astimezone()


def save_error(error: OSError) -> SaveFailed:
    """Translate an OS error during a save into a message a user can act on."""
    if error.errno in _FULL:
        return SaveFailed(N_("the disk is full"))
    if error.errno in _DENIED or isinstance(error, PermissionError):
        return SaveFailed(N_("no permission to write in this folder"))
    name = errno.errorcode.get(error.errno or 0, "")
    return SaveFailed(N_("the disk reported an error"), name)


class Vault:
    """An unlocked encrypted file."""

    def __init__(
        self,
        path: Path,
        key: FileKey,
        state: LogState | None,
        header: bytes,
        guard: FileGuard | None,
        clock: Clock,
        *,
        owns_guard: bool,
    ) -> None:
        self.path = path
        self._file_key: FileKey | None = key
        # None while the file on disk is still format 1: its first save rewrites it in FORMAT_VERSION.
        self._state = state
        self._v1_header = header
        self._guard = guard if owns_guard else None
        # Whether this vault is the file's writer (it holds or was given the lock): then it
        # also locks the file itself through the descriptor it holds (lock.lock_identity).
        self._writer = guard is not None
        self._clock = clock
        self._backup_due = True
        self._reader: int | None = None
        # False after a save whose last fsync failed: the save is in place but might
        # not survive a power cut. The next save tries again.
        self.durable = True

    # -- opening -----------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        tables: Mapping[str, Encoded],
        *,
        kdf: KdfParams | None = None,
        lock: bool = True,
        guard: FileGuard | None = None,
        clock: Clock = _now,
    ) -> Vault:
        """Write a new file at ``path`` (which must not exist) and return it unlocked.

        The lock is taken here, unless ``guard`` (already held by the caller,
        who also releases it) is passed or ``lock`` is False.
        """
        path = resolve(path)
        kdf = kdf or crypto.default_kdf()
        kdf.check_bounds()
        owns_guard = guard is None and lock
        if owns_guard:
            guard = FileGuard(path)
            guard.acquire(clock())
        try:
            if path.exists():
                raise FileExistsError(str(path))
            key = FileKey.derive(passphrase, kdf, crypto.random_salt())
            try:
                state, _durable = logfile.write_fresh(path, key.master, kdf, key.salt, tables, no_refs)
            except OSError as error:
                raise save_error(error) from error
        except BaseException:
            if owns_guard and guard is not None:
                guard.release(discard=not path.exists())
            raise
        vault = cls(path, key, state, b"", guard, clock, owns_guard=owns_guard)
        vault._backup_due = False
        vault._open_reader()
        return vault

    @classmethod
    def unlock(
        cls,
        path: Path,
        passphrase: str,
        *,
        lock: bool = True,
        guard: FileGuard | None = None,
        clock: Clock = _now,
        keep: Keep = keep_all,
        derive: Derive = FileKey.derive,
    ) -> tuple[Vault, dict[str, Encoded | TableRef]]:
        """Open ``path`` with ``passphrase``; returns the vault and its tables.

        Every byte is authenticated first. Tables ``keep`` names come back as
        their JSON bytes, the others as :class:`TableRef` for :meth:`read_table`
        (format 1 files return every table as bytes). With ``lock`` the file's
        lock is taken first (or ``guard``, already held by the caller, is used)
        and stale temp files of killed saves are removed. ``derive`` runs the KDF (a key derived
        ahead can come in here, ``store/key_ahead.py``).
        """
        path = resolve(path)
        kind = kind_of(path)
        if kind != "file":  # before the lock: a missing file must not leave a lock file behind
            raise not_a_file(kind)
        owns_guard = guard is None and lock
        if owns_guard:
            guard = FileGuard(path)
            guard.acquire(clock())
        try:
            if guard is not None:
                atomic.clean_stale_temps(path)
            vault, tables = cls._read(path, passphrase, guard, clock, owns_guard, keep, derive)
        except OSError as error:
            if owns_guard and guard is not None:
                guard.release()
            raise access_error(error) from error
        except BaseException:
            if owns_guard and guard is not None:
                guard.release()
            raise
        return vault, tables

    @classmethod
    def _read(
        cls,
        path: Path,
        passphrase: str,
        guard: FileGuard | None,
        clock: Clock,
        owns_guard: bool,
        keep: Keep,
        derive: Derive,
    ) -> tuple[Vault, dict[str, Encoded | TableRef]]:
        fd = os.open(path, _OPEN_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by something else since it was looked at
                raise not_a_file("other")
            if guard is not None and not lock_identity(fd):
                raise VaultLocked()  # the same file, open under another name
            vault, tables = cls._read_from(fd, path, passphrase, guard, clock, owns_guard, keep, derive)
        except BaseException:
            os.close(fd)
            raise
        if HOLD_READER:
            vault._reader = fd
        else:
            os.close(fd)
        return vault, tables

    @classmethod
    def _read_from(
        cls,
        fd: int,
        path: Path,
        passphrase: str,
        guard: FileGuard | None,
        clock: Clock,
        owns_guard: bool,
        keep: Keep,
        derive: Derive,
    ) -> tuple[Vault, dict[str, Encoded | TableRef]]:
        size = os.fstat(fd).st_size
        if size > fileformat.MAX_FILE_BYTES:
            raise UnsupportedFile(N_("the file is too large"))
        with open(fd, "rb", closefd=False) as handle:
            prefix = handle.read(SLOTS_END)
            header = parse_header(prefix, size)
            if header.version == 1:
                data = prefix + handle.read()
                key = derive(passphrase, header.kdf, header.salt)
                tables: dict[str, Encoded | TableRef] = dict(unpack_body(key.open(data, header)))
                return cls(path, key, None, header.raw, guard, clock, owns_guard=owns_guard), tables
            if size < SLOTS_END:
                raise DamagedFile(N_("the file is too short to be an intervisie file"), f"{size} bytes")
            key = derive(passphrase, header.kdf, header.salt)
            key.check(header)
            state, tables = logfile.read_log(handle, size, key.master, header.raw, keep)
        return cls(path, key, state, b"", guard, clock, owns_guard=owns_guard), tables

    # -- state -------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        """False once :meth:`close` dropped the key."""
        return self._file_key is not None

    @property
    def key(self) -> FileKey:
        """The key the file is currently encrypted under."""
        if self._file_key is None:
            raise RuntimeError("vault is closed")
        return self._file_key

    @property
    def refs(self) -> dict[str, TableRef]:
        """Where each table's current frame is in the file (empty for a format-1 file)."""
        return dict(self._state.refs) if self._state is not None else {}

    @property
    def interrupted_bytes(self) -> int:
        """Bytes found after the last commit at unlock: a save that was interrupted (0 normally).

        The file opened in the state before that save; the next save cuts them off.
        """
        return self._state.tail if self._state is not None else 0

    @property
    def live_bytes(self) -> int:
        """Bytes of the frames the newest commit points to (the file's size for a format-1 file).

        The disk budgets (docs/FORMAT.md, "Compaction" and "Beside the file") are measured against it.
        """
        if self._state is None:
            return os.stat(self.path).st_size
        return self._state.live_bytes

    @property
    def format_version(self) -> int:
        """The format of the file on disk (an older one until the file's first save rewrites it)."""
        return 1 if self._state is None else self._state.version

    def read_table(self, name: str, ref: TableRef) -> memoryview:
        """The JSON of a table that :meth:`unlock` left on disk."""
        if self._state is None:
            raise ValueError(f"table {name!r} is not in memory")
        try:
            source = self._reader if self._reader is not None else self.path
            return logfile.read_table(source, self.key.master, self._state.header, name, ref)
        except FileNotFoundError:
            raise FileChangedOnDisk() from None

    # -- saving ------------------------------------------------------------

    def save(self, tables: Tables, changed: Collection[str]) -> None:
        """Make ``tables`` (the whole database, in order) the file's durable state.

        ``changed`` names the tables whose bytes differ from the last save;
        only those are written, unless the log is due for compaction. Refuses
        (:class:`FileChangedOnDisk`) when the file on disk is not the one this
        vault last read or wrote. On any failure the file's state is unchanged
        and :class:`SaveFailed` says why.
        """
        key = self.key
        self._check_unchanged()
        try:
            if self._backup_due:
                backups.take_backup(self.path, self._clock())
                backups.rotate_backups(self.path, self.live_bytes)
                self._backup_due = False
            state = self._state
            plan = None
            if state is not None and state.version >= FORMAT_VERSION:
                plan = logfile.plan_append(state, tables, set(changed))
            if state is None or plan is None or self._due_for_compaction(plan):
                self._state, self.durable = self._rewrite(self.path, key, tables)
                self._open_reader()
            else:
                self._state, self.durable = logfile.append_commit(
                    self.path, key.master, state, tables, set(changed), plan
                )
        except logfile.CommitUncertain as error:
            if self._state is not None:
                self._state = dataclasses.replace(self._state, uncertain_slots=error.slots)
            raise save_error(error) from error
        except OSError as error:
            raise save_error(error) from error

    @staticmethod
    def _due_for_compaction(plan: logfile.AppendPlan) -> bool:
        """Whether appending ``plan`` would take the file beyond ``FILE_TO_LIVE_MAX`` times its live size."""
        return plan.end > FILE_TO_LIVE_MAX * plan.live_bytes

    def compact(self, tables: Tables) -> None:
        """Rewrite the file as one new generation holding only ``tables`` (superseded frames go)."""
        key = self.key  # refuses once closed
        self._check_unchanged()
        try:
            self._state, self.durable = self._rewrite(self.path, key, tables)
            self._open_reader()
        except OSError as error:
            raise save_error(error) from error

    def on_disk_changed(self) -> bool:
        """Whether the file on disk is no longer the one this vault last read or wrote (replaced by a sync tool)."""
        try:
            self._check_unchanged()
        except FileChangedOnDisk:
            return True
        except SaveFailed:
            return False
        return False

    def adopt(self, tables: Tables, seen: bytes) -> None:
        """Continue on the file that replaced ours, with ``tables`` (ours merged with it) as its content.

        ``seen`` is the replacing file as it was read for the merge: if it changed
        again since, nothing is written (:class:`FileChangedOnDisk`; merge again).
        That file is kept as a backup first; then the file is rewritten as a new
        generation under this vault's key, and saves go on as before.
        """
        key = self.key
        try:
            if read_data_file(self.path) != seen:
                raise FileChangedOnDisk()
            backups.take_backup(self.path, self._clock())
            self._backup_due = False
            self._state, self.durable = logfile.write_fresh(self.path, key.master, key.kdf, key.salt, tables, no_refs)
            self._open_reader()
            backups.rotate_backups(self.path, self.live_bytes)
        except FileNotFoundError:
            raise FileChangedOnDisk() from None
        except OSError as error:
            raise save_error(error) from error

    def _check_unchanged(self) -> None:
        try:
            if self._state is None:
                same = read_header_bytes(self.path) == self._v1_header
            else:
                same = logfile.matches_disk(self.path, self._state, self._reader)
        except FileNotFoundError:
            raise FileChangedOnDisk() from None
        except OSError as error:
            raise save_error(error) from error
        if not same:
            raise FileChangedOnDisk()

    def _rewrite(self, path: Path, key: FileKey, tables: Tables) -> tuple[LogState, bool]:
        """A whole new generation of the file at ``path`` under ``key``; old frames are read from this file."""
        old_key, old_state = self.key, self._state
        source = self._reader if self._reader is not None else self.path

        def read_old(name: str, ref: TableRef) -> Encoded:
            if old_state is None:
                raise ValueError(f"table {name!r} is not in memory")
            return logfile.read_table(source, old_key.master, old_state.header, name, ref)

        return logfile.write_fresh(path, key.master, key.kdf, key.salt, tables, read_old)

    def rekey(self, new_passphrase: str, tables: Tables, *, kdf: KdfParams | None = None) -> FileKey:
        """Re-encrypt the file under ``new_passphrase`` and a fresh salt.

        Returns the previous key, so the caller can re-key backups with it.
        """
        old = self.key
        kdf = kdf or old.kdf
        kdf.check_bounds()
        new = FileKey.derive(new_passphrase, kdf, crypto.random_salt())
        self._check_unchanged()
        try:
            self._state, self.durable = self._rewrite(self.path, new, tables)
        except OSError as error:
            raise save_error(error) from error
        self._file_key = new
        self._open_reader()
        self._backup_due = False  # a backup now would keep the old passphrase alive
        return old

    def save_as(self, new_path: Path, tables: Tables, *, guard: FileGuard | None = None) -> None:
        """Write ``tables`` to a new file at ``new_path`` under the same key, and carry on there.

        For when the file can no longer be saved where it is (replaced behind the
        app's back, a folder gone read-only): the same passphrase opens the new
        file; the old file is left exactly as it is. ``new_path`` must not exist.
        The new file's lock is taken first (or ``guard``, held by the caller, is
        used); a lock this vault took itself is released only after the new file
        is durably written.
        """
        key = self.key
        new_path = resolve(new_path)
        owns_guard = guard is None
        if guard is None:
            guard = FileGuard(new_path)
            guard.acquire(self._clock())
        try:
            if new_path.exists():
                raise FileExistsError(str(new_path))
            try:
                state, _durable = self._rewrite(new_path, key, tables)
            except OSError as error:
                raise save_error(error) from error
        except BaseException:
            if owns_guard:
                guard.release()
            raise
        if self._guard is not None:
            self._guard.release()
        self._guard = guard if owns_guard else None
        self._writer = True
        self.path = new_path
        self._state = state
        self._open_reader()
        self._backup_due = False  # the new file is its own first generation

    def _open_reader(self) -> None:
        """Hold the file just written (see ``HOLD_READER``), and lock it when this vault writes it."""
        self._close_reader()
        if HOLD_READER:
            self._reader = os.open(self.path, _READ_FLAGS)
            if self._writer:
                # Nobody else can hold this new file yet: its only name is ours, and that is
                # locked. Should it fail anyway, the slot check before every save still refuses.
                lock_identity(self._reader)

    def _close_reader(self) -> None:
        if self._reader is not None:
            os.close(self._reader)
            self._reader = None

    def close(self) -> None:
        """Drop the key and release a lock this vault took itself. Safe to call twice."""
        self._file_key = None
        self._close_reader()
        if self._guard is not None:
            self._guard.release()
            self._guard = None
