"""Test helper for the older file format 2 (docs/FORMAT.md): the log layout with commit 1 alone.

The app writes format 3, but must still open format-2 files (the first save
rewrites them as format 3). This writes a format-2 file byte for byte as the app used to: a
version-2 header, an all-zero slot 0, commit 1 in slot 1, the table frames and a directory.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from intervisie_tui.store import crypto
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS, KdfParams, finish_header, pack_fields
from intervisie_tui.store.logformat import (
    SLOT_LEN,
    SLOTS_END,
    Commit,
    FrameCodec,
    TableRef,
    directory_plaintext,
    table_plaintext,
)
from tests.conftest import PASSPHRASE


def format2_bytes(
    tables: Mapping[str, bytes], passphrase: str = PASSPHRASE, kdf: KdfParams = ARGON2ID_FAST_FOR_TESTS
) -> bytes:
    """The bytes of a new format-2 file (one commit) holding ``tables``."""
    salt = crypto.random_salt()
    master = crypto.derive_master_key(passphrase, kdf, salt)
    fields = pack_fields(kdf, salt, crypto.random_seed(), 0, version=2)
    header = finish_header(fields, crypto.header_mac(master, fields))
    codec = FrameCodec(master, header)
    frames, refs, offset = [], {}, SLOTS_END
    for name, raw in tables.items():
        frame = codec.seal(offset, table_plaintext(name, raw))
        frames.append(frame)
        refs[name] = TableRef(offset, len(frame))
        offset += len(frame)
    directory = codec.seal(offset, directory_plaintext(1, refs.items()))
    commit = Commit(1, offset, offset + len(directory))
    return header + bytes(SLOT_LEN) + codec.pack_slot(commit) + b"".join(frames) + directory


def write_format2(path: Path, tables: Mapping[str, bytes], passphrase: str = PASSPHRASE) -> bytes:
    """Write a new format-2 file at ``path``; returns its bytes."""
    data = format2_bytes(tables, passphrase)
    path.write_bytes(data)
    return data
