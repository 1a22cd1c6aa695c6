"""Test helpers for the old file format 1 (docs/FORMAT.md) and for reading any file whole.

The app no longer writes format 1 (new files and every save are format 3), but it must still
open format-1 files and convert them at their first save. These helpers write a format-1 file
byte for byte as the app used to: header (version 1, body length) + AES-256-GCM of the body.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from intervisie_tui.store import crypto
from intervisie_tui.store.body import pack_body
from intervisie_tui.store.fileformat import (
    ARGON2ID_FAST_FOR_TESTS,
    TAG_LEN,
    KdfParams,
    finish_header,
    pack_fields,
)
from intervisie_tui.store.logformat import TableRef
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE

Tables = Mapping[str, bytes | memoryview]


def format1_bytes(
    tables: Tables, passphrase: str = PASSPHRASE, kdf: KdfParams = ARGON2ID_FAST_FOR_TESTS, salt: bytes | None = None
) -> bytes:
    """The bytes of a format-1 file holding ``tables`` (a body of one index line and a TinyDB document)."""
    salt = salt or crypto.random_salt()
    master = crypto.derive_master_key(passphrase, kdf, salt)
    body = b"".join(bytes(chunk) for chunk in pack_body(tables))
    seed = crypto.random_seed()
    fields = pack_fields(kdf, salt, seed, len(body) + TAG_LEN, version=1)
    header = finish_header(fields, crypto.header_mac(master, fields))
    return header + crypto.encrypt_body(master, seed, header, body)


def write_format1(
    path: Path, tables: Tables, passphrase: str = PASSPHRASE, kdf: KdfParams = ARGON2ID_FAST_FOR_TESTS
) -> bytes:
    """Write a format-1 file at ``path``; returns its bytes."""
    data = format1_bytes(tables, passphrase, kdf)
    path.write_bytes(data)
    return data


def as_bytes(tables: Mapping[str, object], vault: Vault | None = None) -> dict[str, bytes]:
    """``tables`` with every value as ``bytes`` (TableRefs read through ``vault``), for comparisons."""
    result: dict[str, bytes] = {}
    for name, value in tables.items():
        if isinstance(value, TableRef):
            assert vault is not None, f"table {name!r} was left on disk"
            value = vault.read_table(name, value)
        result[name] = bytes(value)  # type: ignore[arg-type]
    return result


def read_tables(path: Path, passphrase: str = PASSPHRASE) -> dict[str, bytes]:
    """Open ``path`` without its lock (backups have none) and return every table as bytes."""
    vault, tables = Vault.unlock(path, passphrase, lock=False)
    try:
        return as_bytes(tables, vault)
    finally:
        vault.close()
