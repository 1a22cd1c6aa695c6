"""A file's derived key, and reading a whole file with it (both formats).

:class:`FileKey` is what one KDF run yields; the vault keeps one while a file is unlocked, and
re-keying, handover and ``intervisie check`` use it on whole files and backups.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_
from intervisie_tui.store import atomic, crypto, fileformat, logfile
from intervisie_tui.store.body import unpack_body
from intervisie_tui.store.errors import DamagedFile, UnsupportedFile, WrongPassphrase
from intervisie_tui.store.fileformat import (
    HEADER_LEN,
    MAC_OFFSET,
    Header,
    KdfParams,
    parse_header,
)
from intervisie_tui.store.logfile import Encoded
from intervisie_tui.store.logformat import TableRef


def keep_all(_name: str) -> bool:
    """Keep every table in memory (the default for whole-file reads)."""
    return True


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


@value_class
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

    def check(self, header: Header) -> None:
        """Raise :class:`WrongPassphrase` unless the header's MAC matches this key."""
        if not crypto.mac_matches(self.master, header.raw[:MAC_OFFSET], header.mac):
            raise WrongPassphrase()

    def open(self, data: bytes, header: Header) -> bytes:
        """A format-1 file: check the passphrase (header MAC), then authenticate and decrypt the body."""
        self.check(header)
        body = crypto.decrypt_body(self.master, header.seed, header.raw, memoryview(data)[HEADER_LEN:])
        if body is None:
            raise DamagedFile(N_("the contents do not match their authentication tag"))
        return body

    def open_tables(self, data: bytes, header: Header) -> dict[str, Encoded]:
        """Every table of a whole file (any format) as its JSON bytes, after authenticating all of it."""
        return self.open_whole(data, header)[0]

    def open_whole(self, data: bytes, header: Header) -> tuple[dict[str, Encoded], int]:
        """``(tables, interrupted bytes)`` of a whole file: every table as JSON bytes, and how many
        bytes an interrupted save left after the last commit (always 0 in format 1)."""
        if header.version == 1:
            return dict(unpack_body(self.open(data, header))), 0
        self.check(header)
        state, tables = logfile.read_log(io.BytesIO(data), len(data), self.master, header.raw, keep_all)
        return tables, state.tail  # type: ignore[return-value]  # every table kept

    def write(self, path: Path, tables: Mapping[str, Encoded]) -> bool:
        """Write ``tables`` as a new file generation under this key (atomically); returns whether durably."""
        return logfile.write_fresh(path, self.master, self.kdf, self.salt, tables, no_refs)[1]


def no_refs(name: str, _ref: TableRef) -> Encoded:
    """For writes whose tables are all in memory: a table left on disk is a mistake."""
    raise ValueError(f"table {name!r} is not in memory")


def open_tables(data: bytes, passphrase: str) -> tuple[FileKey, dict[str, Encoded], int]:
    """Verify and decrypt a whole file (any format); returns ``(key, tables, interrupted bytes)``.

    Header damage, unsupported files and unsafe KDF settings are refused
    before the KDF runs. Nothing is returned unless every byte authenticates.
    """
    header = parse_header(data)
    key = FileKey.derive(passphrase, header.kdf, header.salt)
    tables, tail = key.open_whole(data, header)
    return key, tables, tail
