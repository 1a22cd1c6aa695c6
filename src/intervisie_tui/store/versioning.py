"""Every save records which replica changed what: version keys on records, tombstones for deletions.

:class:`Stamper` sits in :class:`~intervisie_tui.store.storage.VaultStorage`'s
write path, so no write can bypass it (TinyDB upserts, removes and dropped
tables alike). For each table a save touched it compares the new documents with
the last saved ones, by record id, and lets
:func:`intervisie_tui.core.versions.stamp` give changed records a new dot;
records that went leave a tombstone in ``_tombstones``. The first save also
writes the file's lineage and schema 2 into ``meta`` (the upgrade of an older
file). Merges write already-versioned documents and go around it
(:meth:`VaultStorage.replace_tables`). docs/FORMAT.md, "Versions", describes
what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from hashlib import sha256
from typing import Any

from intervisie_tui.core.versions import by_id, stamp, tombstone, tombstone_key

META = "meta"
SUMMARIES = "meetings"
TOMBSTONES = "_tombstones"
REVIEW = "_review"
SCHEMA_WITH_VERSIONS = 2
UNVERSIONED = frozenset({META, SUMMARIES, TOMBSTONES, REVIEW})
"""Tables whose documents are not records: the file's own data, derived summaries, the bookkeeping."""

Table = dict[str, dict[str, Any]]


def versioned(name: str) -> bool:
    """Whether a table's documents carry versions (every table of records)."""
    return name not in UNVERSIONED


class Stamper:
    """Gives a save's changed records their versions, as written by one replica."""

    def __init__(self, replica: str, lineage: str, clock: Callable[[], datetime], *, machine: str = "") -> None:
        self.replica = replica
        self.machine = machine
        self.forgetting = False
        """True while a group is forgotten: what goes leaves no tombstone (see :func:`forgetting`)."""
        self.lineage = lineage
        self._clock = clock
        self._meta_current = False

    def stamp_tables(
        self, old_tables: Callable[[str], Table | None], new_tables: dict[str, Table], dropped: list[str]
    ) -> list[str]:
        """Stamp ``new_tables`` in place; returns the extra tables it changed (tombstones, meta).

        ``old_tables(name)`` is the table as last saved (None if it is new);
        ``dropped`` names tables the save removed whole (a deleted meeting).
        The tombstones are read only when a record went or a new one came (a
        typed note costs a parse of its meeting's table, nothing more).
        """
        stones = _Stones(lambda: new_tables.get(TOMBSTONES) or old_tables(TOMBSTONES) or {})
        when = self._clock().isoformat(timespec="seconds")
        for name, table in new_tables.items():
            if not versioned(name):
                continue
            old = by_id((old_tables(name) or {}).values())
            present: set[str] = set()
            for doc_id, doc in table.items():
                if "id" not in doc:
                    continue
                record_id = str(doc["id"])
                present.add(record_id)
                earlier = stones.take((name, record_id)) if record_id not in old else None
                if earlier is not None:  # a record brought back: it follows its deletion
                    table[doc_id] = stamp(None, doc, self.replica, after=earlier["v"])
                else:
                    table[doc_id] = stamp(old.get(record_id), doc, self.replica)
            for record_id, doc in old.items():
                if record_id not in present:
                    self._bury(stones, name, doc, when)
        for name in dropped:
            if versioned(name):
                for doc in by_id((old_tables(name) or {}).values()).values():
                    self._bury(stones, name, doc, when)
        extra: list[str] = []
        if stones.changed:
            new_tables[TOMBSTONES] = stones.table
            extra.append(TOMBSTONES)
        if not self._meta_current:
            meta = new_tables.get(META) or dict(old_tables(META) or {})
            first = dict(meta.get("1") or {})
            if first.get("lineage") == self.lineage and int(first.get("schema", 0)) >= SCHEMA_WITH_VERSIONS:
                self._meta_current = True  # only once seen saved: a failed first save writes it again
            else:
                first["lineage"] = self.lineage
                first["schema"] = max(int(first.get("schema", 0)), SCHEMA_WITH_VERSIONS)
                new_tables[META] = {**meta, "1": first}
                extra.append(META)
        return extra

    def _bury(self, stones: _Stones, table: str, doc: Mapping[str, Any], when: str) -> None:
        """Leave a tombstone for ``doc`` (joined with one it already had)."""
        if not self.forgetting:
            key = (table, str(doc["id"]))
            stones.put(key, tombstone(table, doc, self.replica, when, earlier=stones.get(key)))


class _Stones:
    """The tombstones table, read on first need, with an index by ``(table, record id)``."""

    def __init__(self, load: Callable[[], Table]) -> None:
        self._load = load
        self._table: Table | None = None
        self._index: dict[tuple[str, str], str] = {}
        self._next = 1
        self.changed = False

    @property
    def table(self) -> Table:
        if self._table is None:
            self._table = {doc_id: dict(stone) for doc_id, stone in self._load().items()}
            self._index = {tombstone_key(stone): doc_id for doc_id, stone in self._table.items()}
            self._next = max((int(doc_id) for doc_id in self._table), default=0) + 1
        return self._table

    def get(self, key: tuple[str, str]) -> dict[str, Any] | None:
        table = self.table
        doc_id = self._index.get(key)
        return table[doc_id] if doc_id is not None else None

    def take(self, key: tuple[str, str]) -> dict[str, Any] | None:
        """Remove and return the tombstone of ``key``, if there is one."""
        table = self.table
        doc_id = self._index.pop(key, None)
        if doc_id is None:
            return None
        self.changed = True
        return table.pop(doc_id)

    def put(self, key: tuple[str, str], stone: dict[str, Any]) -> None:
        table = self.table
        doc_id = self._index.get(key)
        if doc_id is None:
            doc_id = self._index[key] = str(self._next)
            self._next += 1
        table[doc_id] = stone
        self.changed = True


@contextmanager
def forgetting(stamper: Stamper | None, group_id: str) -> Iterator[None]:
    """While a group is forgotten (after a handover), its records go without tombstones."""
    if stamper is None:
        yield
        return
    stamper.forgetting = True
    try:
        yield
    finally:
        stamper.forgetting = False


def forgotten_mark(group_id: str) -> str:
    """The one-way mark ``meta`` keeps of a forgotten group (its id cannot be read back from it)."""
    return sha256(f"forgotten\0{group_id}".encode()).hexdigest()[:16]


def file_lineage(meta: Mapping[str, Any] | None) -> str:
    """The lineage a file's ``meta`` names, or the one an older file derives from its creation time.

    Every copy of an older file shares its ``created`` value (written once, when
    the file was made, and never changed), so copies upgraded separately still
    match.
    """
    first = dict((meta or {}).get("1") or {})
    if first.get("lineage"):
        return str(first["lineage"])
    created = str(first.get("created", ""))
    return "c-" + sha256(created.encode()).hexdigest()[:16]
