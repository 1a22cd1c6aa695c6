"""The recommended KDF parameters really run (every other test uses fast ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.store import crypto
from intervisie_tui.store.errors import WrongPassphrase
from intervisie_tui.store.fileformat import (
    ARGON2ID_DEFAULT,
    SCRYPT_DEFAULT,
    parse_header,
)
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE


def test_new_files_get_argon2id_64mib_t3_p4(data_file: Path, clock) -> None:
    """RFC 9106's second recommended option is what a new file gets by default."""
    assert crypto.default_kdf() == ARGON2ID_DEFAULT
    vault = Vault.create(data_file, PASSPHRASE, {"t": b"body"}, clock=clock)
    vault.close()
    header = parse_header(data_file.read_bytes())
    assert header.kdf == ARGON2ID_DEFAULT
    opened, body = Vault.unlock(data_file, PASSPHRASE, clock=clock)
    opened.close()
    assert {name: bytes(raw) for name, raw in body.items()} == {"t": b"body"}
    with pytest.raises(WrongPassphrase):
        Vault.unlock(data_file, PASSPHRASE + "!", clock=clock)


def test_scrypt_is_used_where_argon2id_is_missing(data_file: Path, clock, monkeypatch) -> None:
    """Without Argon2id in the cryptography build, new files fall back to scrypt (OWASP settings)."""
    monkeypatch.setattr(crypto, "argon2_available", lambda: False)
    assert crypto.default_kdf() == SCRYPT_DEFAULT
    vault = Vault.create(data_file, PASSPHRASE, {"t": b"scrypt body"}, clock=clock)
    vault.close()
    assert parse_header(data_file.read_bytes()).kdf == SCRYPT_DEFAULT
    opened, body = Vault.unlock(data_file, PASSPHRASE, clock=clock)
    opened.close()
    assert {name: bytes(raw) for name, raw in body.items()} == {"t": b"scrypt body"}
