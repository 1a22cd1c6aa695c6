"""A TinyDB storage over an unlocked :class:`~intervisie_tui.store.vault.Vault`.

TinyDB reads the whole database on every operation and mutates what it gets,
so this storage keeps each table as its encoded JSON bytes and hands out a
freshly parsed private copy of only the tables TinyDB actually touches
(:class:`TableView`). A write re-encodes only the tables that were touched,
encrypts, and replaces the file atomically; the in-memory state changes only
after that save succeeded, so a failed save leaves memory and disk agreeing
on the last good state. See docs/STORAGE.md.

TinyDB is not thread-safe: every call is serialised by one lock, so the UI
thread may read while the save worker writes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from tinydb.storages import Storage

from intervisie_tui.store.body import decode_table, encode_table, pack_body, unpack_body
from intervisie_tui.store.vault import Vault

_UNREAD = object()


class TableView(dict):
    """What :meth:`VaultStorage.read` returns: every table name, parsed on first access.

    Values stay a placeholder until TinyDB asks for a table by name; then the
    table is parsed into a private dict that TinyDB may mutate freely.
    """

    def __init__(self, encoded: Mapping[str, bytes | memoryview]) -> None:
        super().__init__(dict.fromkeys(encoded, _UNREAD))
        self._encoded = encoded

    def __getitem__(self, name: str) -> Any:
        value = dict.__getitem__(self, name)
        if value is _UNREAD:
            value = decode_table(self._encoded[name])
            dict.__setitem__(self, name, value)
        return value

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default

    def touched(self) -> Iterator[str]:
        """Names of tables that were parsed or assigned since this view was made."""
        return (name for name, value in dict.items(self) if value is not _UNREAD)

    def values(self):  # type: ignore[override]
        return [self[name] for name in self]

    def items(self):  # type: ignore[override]
        return [(name, self[name]) for name in self]


class VaultStorage(Storage):
    """TinyDB storage that keeps the database encrypted in one vault file."""

    def __init__(self, vault: Vault, body: bytes | None = None) -> None:
        self._vault = vault
        self._lock = threading.RLock()
        self._tables: dict[str, bytes | memoryview] = unpack_body(body) if body else {}
        self._pending: dict[str, bytes | memoryview] | None = None
        self._batch_depth = 0
        self._batch_wrote = False

    @property
    def vault(self) -> Vault:
        """The vault this storage writes to."""
        return self._vault

    def encoded_tables(self) -> dict[str, bytes | memoryview]:
        """The committed tables as encoded bytes (for re-key and handover)."""
        with self._lock:
            return dict(self._tables)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the storage lock across several TinyDB calls (one consistent view)."""
        with self._lock:
            yield

    def forget(self) -> None:
        """Drop every decrypted table from memory (on lock or close)."""
        with self._lock:
            self._tables = {}
            self._pending = None

    def body_chunks(self) -> list[bytes | memoryview]:
        """The committed database laid out as a vault body."""
        with self._lock:
            return pack_body(self._tables)

    # -- TinyDB's Storage interface ------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        with self._lock:
            current = self._pending if self._pending is not None else self._tables
            return TableView(current)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        with self._lock:
            base = self._pending if self._pending is not None else self._tables
            updated = self._merge(base, data)
            if self._pending is not None:
                self._pending = updated
                self._batch_wrote = True
                return
            self._vault.save(pack_body(updated))
            self._tables = updated

    def close(self) -> None:
        """Nothing to close: the vault is owned by whoever opened it."""

    # -- batching --------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB writes into one durable save at the end.

        If the save fails, or the block raises, none of the writes take effect.
        """
        with self._lock:
            outermost = self._batch_depth == 0
            if outermost:
                self._pending = dict(self._tables)
                self._batch_wrote = False
            self._batch_depth += 1
            try:
                yield
                if outermost and self._pending is not None and self._batch_wrote:
                    pending = self._pending
                    self._vault.save(pack_body(pending))
                    self._tables = pending
            finally:
                self._batch_depth -= 1
                if outermost:
                    self._pending = None

    # -- internals -------------------------------------------------------------

    @staticmethod
    def _merge(base: Mapping[str, bytes | memoryview], data: Mapping[str, Any]) -> dict[str, bytes | memoryview]:
        """New encoded tables: untouched tables keep their bytes, touched ones are re-encoded."""
        if isinstance(data, TableView):
            touched = set(data.touched())
            return {
                name: encode_table(dict.__getitem__(data, name)) if name in touched else base[name]
                for name in dict.keys(data)
            }
        return {name: encode_table(table) for name, table in data.items()}
