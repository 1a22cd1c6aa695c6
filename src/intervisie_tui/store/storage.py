"""A TinyDB storage over an unlocked :class:`~intervisie_tui.store.vault.Vault`.

TinyDB reads the whole database on every operation and mutates what it gets,
so this storage keeps each table as its encoded JSON bytes and hands out a
freshly parsed private copy of only the tables TinyDB actually touches
(:class:`TableView`). Tables the vault left on disk at unlock (a meeting's
table, until it is opened) are read and decrypted on first use, and the least
recently used of them are let go again beyond ``LAZY_CACHE_BYTES``. A write
re-encodes only the tables that were touched and hands the vault the ones
whose bytes changed; the in-memory state changes only after that save
succeeded, so a failed save leaves memory and disk agreeing on the last good
state. See docs/STORAGE.md.

TinyDB is not thread-safe: every call is serialised by one lock, so the UI
thread may read while the save worker writes.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from tinydb.storages import Storage

from intervisie_tui.store.body import decode_table, encode_table
from intervisie_tui.store.filekey import FileKey
from intervisie_tui.store.logfile import Encoded
from intervisie_tui.store.logformat import TableRef
from intervisie_tui.store.vault import Vault
from intervisie_tui.store.versioning import Stamper

LAZY_CACHE_BYTES = 8 << 20
"""How much of the tables read on demand stays in memory (a group's recent meetings, a search)."""

Stored = Encoded | TableRef
_UNREAD = object()


class TableView(dict):
    """What :meth:`VaultStorage.read` returns: every table name, parsed on first access.

    Values stay a placeholder until TinyDB asks for a table by name; then the
    table is parsed into a private dict that TinyDB may mutate freely.
    """

    def __init__(self, encoded: Mapping[str, Stored], load: Callable[[str], Encoded]) -> None:
        super().__init__(dict.fromkeys(encoded, _UNREAD))
        self._encoded = encoded
        self._load = load

    def __getitem__(self, name: str) -> Any:
        value = dict.__getitem__(self, name)
        if value is _UNREAD:
            raw = self._encoded[name]
            value = decode_table(self._load(name) if isinstance(raw, TableRef) else raw)
            dict.__setitem__(self, name, value)
        return value

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default

    def touched(self) -> Iterator[str]:
        """Names of tables that were parsed or assigned since this view was made."""
        return (name for name, value in dict.items(self) if value is not _UNREAD)

    def values(self):
        return [self[name] for name in self]

    def items(self):
        return [(name, self[name]) for name in self]


class VaultStorage(Storage):
    """TinyDB storage that keeps the database encrypted in one vault file."""

    def __init__(
        self, vault: Vault, tables: Mapping[str, Stored] | None = None, stamper: Stamper | None = None
    ) -> None:
        self._vault = vault
        # Gives every save's changed records their versions (store/versioning.py); None writes as is.
        self.stamper = stamper
        self._lock = threading.RLock()
        self._tables: dict[str, Stored] = dict(tables or {})
        self._pending: dict[str, Stored] | None = None
        self._batch_depth = 0
        self._batch_wrote = False
        self._loaded: OrderedDict[str, int] = OrderedDict()  # tables read on demand -> their size
        self._detached = False
        # Table name -> a number that changes with the table's committed content (content_stamp).
        self._stamps: dict[str, int] = {}
        self._next_stamp = itertools.count(1)

    @property
    def vault(self) -> Vault:
        """The vault this storage writes to."""
        return self._vault

    def encoded_tables(self) -> dict[str, Encoded]:
        """Every committed table as its encoded bytes, reading those left on disk (for tests and checks)."""
        with self._lock:
            return {name: self._load(name) if isinstance(raw, TableRef) else raw for name, raw in self._tables.items()}

    def committed_table(self, name: str) -> Encoded:
        """One committed table's encoded bytes; one left on disk is read for this call only, not kept.

        For a pass over every table (a merge) that must not hold the whole file in memory.
        """
        with self._lock:
            raw = self._tables[name]
            return self._vault.read_table(name, raw) if isinstance(raw, TableRef) else raw

    def table_names(self) -> list[str]:
        """The committed tables' names, in their order."""
        with self._lock:
            return list(self._tables)

    def held_bytes(self) -> int:
        """Bytes of table JSON held in memory now (the rest is on disk)."""
        with self._lock:
            return sum(len(raw) for raw in self._tables.values() if not isinstance(raw, TableRef))

    def content_stamp(self, name: str) -> int | None:
        """A number that changes whenever the committed content of table ``name`` changes.

        For caches of what was decoded from a table (the repository's meetings): equal stamps mean
        equal content. ``None`` where a read may see what is not committed (inside a batch or a
        detached block) or the table does not exist: do not cache then.
        """
        with self._lock:
            if self._pending is not None or self._detached or name not in self._tables:
                return None
            stamp = self._stamps.get(name)
            if stamp is None:
                stamp = self._stamps[name] = next(self._next_stamp)
            return stamp

    def _changed(self, names: Collection[str] | None = None) -> None:
        """Tables ``names`` (None: every table) hold other content now: their stamps are new."""
        if names is None:
            self._stamps.clear()
        else:
            for name in names:
                self._stamps.pop(name, None)

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
            self._loaded.clear()
            self._changed()

    # -- whole-file operations ---------------------------------------------------

    def save_as(self, new_path: Any, guard: Any = None) -> None:
        """Write the committed database to a new file and continue there (see :meth:`Vault.save_as`)."""
        with self._lock:
            self._vault.save_as(new_path, self._tables, guard=guard)
            self._relink()

    def adopt(self, tables: Mapping[str, Stored], seen: bytes) -> None:
        """Continue on a file that replaced ours, holding ``tables`` (see :meth:`Vault.adopt`)."""
        with self._lock:
            encoded = {name: self._load(name) if isinstance(raw, TableRef) else raw for name, raw in tables.items()}
            self._vault.adopt(encoded, seen)
            self._tables = dict(encoded)
            self._loaded.clear()
            self._changed()
            self._relink()

    def compact(self) -> None:
        """Rewrite the file without its superseded frames (see :meth:`Vault.compact`)."""
        with self._lock:
            self._vault.compact(self._tables)
            self._relink()

    def rekey(self, new_passphrase: str) -> FileKey:
        """Re-encrypt the file under a new passphrase; returns the old key (see :meth:`Vault.rekey`)."""
        with self._lock:
            old = self._vault.rekey(new_passphrase, self._tables)
            self._relink()
            return old

    # -- TinyDB's Storage interface ------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        with self._lock:
            current = self._pending if self._pending is not None else self._tables
            return TableView(current, self._load)

    def replace_tables(self, tables: Mapping[str, dict[str, Any]], dropped: Collection[str] = ()) -> None:
        """Write whole tables as they are, versions included, in one durable save (a merge's result).

        The stamper is not asked: these documents already carry their versions.
        """
        with self._lock:
            if self._pending is not None:
                raise RuntimeError("replace_tables inside a batch")
            updated: dict[str, Stored] = {name: raw for name, raw in self._tables.items() if name not in dropped}
            changed: set[str] = set()
            for name, table in tables.items():
                raw = encode_table(table)
                if self._tables.get(name) != raw:
                    changed.add(name)
                updated[name] = raw
            if not changed and not dropped:
                return
            self._vault.save(updated, changed)
            self._tables = updated
            self._changed({*changed, *dropped})
            self._relink()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        with self._lock:
            base = self._pending if self._pending is not None else self._tables
            updated, changed = self._merge(base, data)
            if self._pending is not None:
                self._pending = updated
                self._batch_changed.update(changed)
                self._batch_wrote = True
                return
            if not self._detached:
                self._vault.save(updated, changed)
            self._tables = updated
            self._changed(changed | (self._tables.keys() ^ base.keys()))
            self._relink()

    def close(self) -> None:
        """Nothing to close: the vault is owned by whoever opened it."""

    @contextmanager
    def detached(self) -> Iterator[None]:
        """Writes inside change memory only (stamped as usual), for a merge that then writes them all.

        If the block raises, memory goes back to what it was before: memory and disk keep agreeing.
        """
        with self._lock:
            before = dict(self._tables)
            self._detached = True
            try:
                yield
            except BaseException:
                self._tables = before
                self._changed()
                raise
            finally:
                self._detached = False

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
                self._batch_changed: set[str] = set()
                self._batch_wrote = False
            self._batch_depth += 1
            try:
                yield
                if outermost and self._pending is not None and self._batch_wrote:
                    pending = self._pending
                    if not self._detached:
                        self._vault.save(pending, self._batch_changed)
                    before = self._tables
                    self._tables = pending
                    self._changed(self._batch_changed | (pending.keys() ^ before.keys()))
                    self._relink()
            finally:
                self._batch_depth -= 1
                if outermost:
                    self._pending = None

    # -- internals -------------------------------------------------------------

    def _load(self, name: str) -> Encoded:
        """Read a table the vault left on disk, keep it for a while, and let older ones go."""
        with self._lock:
            current = self._pending if self._pending is not None else self._tables
            raw = current[name]
            if isinstance(raw, TableRef):
                raw = self._vault.read_table(name, raw)
                # A batch works on a copy of the committed tables: both hold the same frame.
                for mapping in (self._tables, self._pending):
                    if mapping is not None and isinstance(mapping.get(name), TableRef):
                        mapping[name] = raw
                self._loaded[name] = len(raw)
            if name in self._loaded:
                self._loaded.move_to_end(name)
            self._evict()
            return raw

    def _evict(self) -> None:
        """Let the least recently read on-demand tables go back to disk beyond the cache size."""
        held = sum(self._loaded.values())
        if self._pending is not None or held <= LAZY_CACHE_BYTES:
            return
        refs = self._vault.refs
        while held > LAZY_CACHE_BYTES and len(self._loaded) > 1:
            name, size = self._loaded.popitem(last=False)
            held -= size
            if name in refs and not isinstance(self._tables.get(name), TableRef):
                self._tables[name] = refs[name]

    def _relink(self) -> None:
        """After a save: tables still on disk point at their frames in the file as it is now."""
        refs = self._vault.refs
        for name, raw in self._tables.items():
            if isinstance(raw, TableRef):
                self._tables[name] = refs[name]
        for name in list(self._loaded):
            if name not in self._tables:
                del self._loaded[name]

    def _merge(self, base: Mapping[str, Stored], data: Mapping[str, Any]) -> tuple[dict[str, Stored], set[str]]:
        """New tables and the names whose bytes changed: untouched tables keep their bytes."""
        if isinstance(data, TableView):
            names = list(dict.keys(data))
            touched = {name: dict.__getitem__(data, name) for name in data.touched()}
        else:
            names = list(data)
            touched = dict(data)
        dropped = [name for name in base if name not in names]
        if self.stamper is not None:
            for name in self.stamper.stamp_tables(lambda name: self._old_table(base, name), touched, dropped):
                if name not in names:
                    names.append(name)
        updated: dict[str, Stored] = {}
        changed: set[str] = set()
        for name in names:
            if name in touched:
                raw = encode_table(touched[name])
                if name not in base or base[name] != raw:
                    changed.add(name)
                updated[name] = raw
            else:
                updated[name] = base[name]
        return updated, changed

    def _old_table(self, base: Mapping[str, Stored], name: str) -> dict[str, Any] | None:
        """A table as ``base`` holds it, parsed (read from the file if it was left there)."""
        raw = base.get(name)
        if raw is None:
            return None
        if isinstance(raw, TableRef):
            raw = self._vault.read_table(name, raw)
        return decode_table(raw)
