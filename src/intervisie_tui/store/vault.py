"""The encrypted file: create, unlock, save, re-key.

A :class:`Vault` is an unlocked file. It holds the derived master key (the KDF
runs once per unlock), the header last written or read (to notice a file
replaced behind our back) and the file's lock. It never keeps the data file
open between operations.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from intervisie_tui.i18n import N_
from intervisie_tui.store import atomic, backups, crypto, fileformat
from intervisie_tui.store.errors import (
    DamagedFile,
    FileChangedOnDisk,
    SaveFailed,
    UnsupportedFile,
    WrongPassphrase,
)
from intervisie_tui.store.fileformat import (
    HEADER_LEN,
    MAC_OFFSET,
    TAG_LEN,
    Header,
    KdfParams,
    finish_header,
    pack_fields,
    parse_header,
)
from intervisie_tui.store.lock import FileGuard

Clock = Callable[[], datetime]
Chunks = Sequence[bytes | memoryview]

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


def _now() -> datetime:
    return datetime.now(timezone.utc).astimezone()


def save_error(error: OSError) -> SaveFailed:
    """Translate an OS error during a save into a message a user can act on."""
    if error.errno in _FULL:
        return SaveFailed(N_("the disk is full"))
    if error.errno in _DENIED or isinstance(error, PermissionError):
        return SaveFailed(N_("no permission to write in this folder"))
    name = errno.errorcode.get(error.errno or 0, "")
    return SaveFailed(N_("the disk reported an error"), name)


def read_header_bytes(path: Path) -> bytes:
    """The first header bytes of ``path`` (fewer when the file is shorter)."""
    with open(path, "rb") as handle:
        return handle.read(HEADER_LEN)


def read_data_file(path: Path) -> bytes:
    """The whole encrypted file, refused as too large before a byte is read.

    A file far beyond any group's history is not ours (or is hostile), and
    reading it whole first could exhaust a weak laptop's memory.
    """
    if path.stat().st_size > fileformat.MAX_FILE_BYTES:
        raise UnsupportedFile(N_("the file is too large"))
    return atomic.read_bytes_retry(path)


@dataclass(frozen=True, slots=True)
class FileKey:
    """A derived master key with the KDF settings and salt it came from."""

    master: bytes
    kdf: KdfParams
    salt: bytes

    @classmethod
    def derive(cls, passphrase: str, kdf: KdfParams, salt: bytes) -> FileKey:
        """Run the KDF (slow by design). Call only after ``kdf.check_bounds()``."""
        return cls(crypto.derive_master_key(passphrase, kdf, salt), kdf, salt)

    def fits(self, header: Header) -> bool:
        """Whether a file with ``header`` was written under this key's salt and KDF."""
        return header.salt == self.salt and header.kdf == self.kdf

    def seal(self, body: Chunks) -> tuple[bytes, bytes]:
        """Encrypt ``body`` under a fresh seed; returns ``(header, ciphertext)``."""
        seed = crypto.random_seed()
        body_len = sum(len(chunk) for chunk in body) + TAG_LEN
        fields = pack_fields(self.kdf, self.salt, seed, body_len)
        header = finish_header(fields, crypto.header_mac(self.master, fields))
        plaintext = body[0] if len(body) == 1 else b"".join(body)
        return header, crypto.encrypt_body(self.master, seed, header, plaintext)

    def seal_chunks(self, body: Chunks) -> list[bytes]:
        """Like :meth:`seal`, as pieces ready for ``atomic_write`` (header first); the body is not joined."""
        seed = crypto.random_seed()
        body_len = sum(len(chunk) for chunk in body) + TAG_LEN
        fields = pack_fields(self.kdf, self.salt, seed, body_len)
        header = finish_header(fields, crypto.header_mac(self.master, fields))
        return [header, *crypto.encrypt_body_chunks(self.master, seed, header, body)]

    def open(self, data: bytes, header: Header) -> bytes:
        """Check the passphrase (header MAC), then authenticate and decrypt the body."""
        if not crypto.mac_matches(self.master, header.raw[:MAC_OFFSET], header.mac):
            raise WrongPassphrase()
        body = crypto.decrypt_body(self.master, header.seed, header.raw, memoryview(data)[HEADER_LEN:])
        if body is None:
            raise DamagedFile(N_("the contents do not match their authentication tag"))
        return body


def open_bytes(data: bytes, passphrase: str) -> tuple[FileKey, bytes]:
    """Verify and decrypt a whole file; returns ``(key, body)``.

    Header damage, unsupported files and unsafe KDF settings are refused
    before the KDF runs. Nothing is returned unless every byte authenticates.
    """
    header = parse_header(data)
    key = FileKey.derive(passphrase, header.kdf, header.salt)
    return key, key.open(data, header)


class Vault:
    """An unlocked encrypted file."""

    def __init__(
        self, path: Path, key: FileKey, header: bytes, guard: FileGuard | None, clock: Clock, *, owns_guard: bool
    ) -> None:
        self.path = path
        self._file_key: FileKey | None = key
        self._last_header = header
        self._guard = guard if owns_guard else None
        self._clock = clock
        self._backup_due = True
        # False after a save whose folder fsync failed: the rename is in place
        # but might not survive a power cut. The next save tries again.
        self.durable = True

    # -- opening -----------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        body: Chunks,
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
            header, ciphertext = key.seal(body)
            try:
                atomic.atomic_write(path, [header, ciphertext])
            except OSError as error:
                raise save_error(error) from error
        except BaseException:
            if owns_guard and guard is not None:
                guard.release()
            raise
        vault = cls(path, key, header, guard, clock, owns_guard=owns_guard)
        vault._backup_due = False
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
    ) -> tuple[Vault, bytes]:
        """Open ``path`` with ``passphrase``; returns the vault and the decrypted body.

        With ``lock`` the file's lock is taken first (or ``guard``, already held
        by the caller, is used) and stale temp files of killed saves are removed.
        """
        owns_guard = guard is None and lock
        if owns_guard:
            guard = FileGuard(path)
            guard.acquire(clock())
        try:
            if guard is not None:
                atomic.clean_stale_temps(path)
            data = read_data_file(path)
            key, body = open_bytes(data, passphrase)
        except BaseException:
            if owns_guard and guard is not None:
                guard.release()
            raise
        return cls(path, key, data[:HEADER_LEN], guard, clock, owns_guard=owns_guard), body

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

    # -- saving ------------------------------------------------------------

    def save(self, body: Chunks) -> None:
        """Encrypt ``body`` and replace the file atomically and durably.

        Refuses (:class:`FileChangedOnDisk`) when the file on disk is not the
        one this vault last read or wrote. On any failure the file on disk is
        unchanged and :class:`SaveFailed` says why.
        """
        key = self.key
        try:
            on_disk = read_header_bytes(self.path)
        except FileNotFoundError:
            raise FileChangedOnDisk() from None
        except OSError as error:
            raise save_error(error) from error
        if on_disk != self._last_header:
            raise FileChangedOnDisk()
        pieces = key.seal_chunks(body)
        header = pieces[0]
        try:
            if self._backup_due:
                backups.take_backup(self.path, self._clock())
                self._backup_due = False
            self.durable = atomic.atomic_write(self.path, pieces)
        except OSError as error:
            raise save_error(error) from error
        finally:
            self._note_written(header)

    def _note_written(self, header: bytes) -> None:
        """Remember ``header`` if it is what the file now starts with.

        Checked on disk rather than assumed, because a save can fail after the
        replace went through (and must then not block every later save).
        """
        try:
            if read_header_bytes(self.path) == header:
                self._last_header = header
        except OSError:
            pass

    def rekey(self, new_passphrase: str, body: Chunks, *, kdf: KdfParams | None = None) -> FileKey:
        """Re-encrypt the file under ``new_passphrase`` and a fresh salt.

        Returns the previous key, so the caller can re-key backups with it.
        """
        old = self.key
        kdf = kdf or old.kdf
        kdf.check_bounds()
        self._file_key = FileKey.derive(new_passphrase, kdf, crypto.random_salt())
        backup_was_due = self._backup_due
        self._backup_due = False  # a backup now would keep the old passphrase alive
        try:
            self.save(body)
        except BaseException:
            self._file_key = old
            self._backup_due = backup_was_due
            raise
        return old

    def save_as(self, new_path: Path, body: Chunks, *, guard: FileGuard | None = None) -> None:
        """Write ``body`` to a new file at ``new_path`` under the same key, and carry on there.

        For when the file can no longer be saved where it is (replaced behind the
        app's back, a folder gone read-only): the same passphrase opens the new
        file; the old file is left exactly as it is. ``new_path`` must not exist.
        The new file's lock is taken first (or ``guard``, held by the caller, is
        used); a lock this vault took itself is released only after the new file
        is durably written.
        """
        key = self.key
        owns_guard = guard is None
        if guard is None:
            guard = FileGuard(new_path)
            guard.acquire(self._clock())
        try:
            if new_path.exists():
                raise FileExistsError(str(new_path))
            pieces = key.seal_chunks(body)
            header = pieces[0]
            try:
                atomic.atomic_write(new_path, pieces)
            except OSError as error:
                raise save_error(error) from error
        except BaseException:
            if owns_guard:
                guard.release()
            raise
        if self._guard is not None:
            self._guard.release()
        self._guard = guard if owns_guard else None
        self.path = new_path
        self._last_header = header
        self._backup_due = False  # the new file is its own first generation

    def close(self) -> None:
        """Drop the key and release a lock this vault took itself. Safe to call twice."""
        self._file_key = None
        if self._guard is not None:
            self._guard.release()
            self._guard = None
