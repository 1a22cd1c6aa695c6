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

    def stamp_tables(
        self, old_tables: Callable[[str], Table | None], new_tables: dict[str, Table], dropped: list[str]
    ) -> list[str]:
        """Stamp ``new_tables`` in place; returns the extra tables it changed (tombstones, meta).

        ``old_tables(name)`` is the table as last saved (None if it is new);
        ``dropped`` names tables the save removed whole (a deleted meeting).
        """
        when = self._clock().isoformat(timespec="seconds")
        stones = new_tables.get(TOMBSTONES)
        if stones is None:
            stones = dict(old_tables(TOMBSTONES) or {})
        index = {tombstone_key(stone): doc_id for doc_id, stone in stones.items()}
        buried = False
        extra: list[str] = []
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
                stone_id = index.get((name, record_id))
                earlier = stones.get(stone_id) if stone_id is not None else None
                if record_id not in old and earlier is not None and stone_id is not None:
                    table[doc_id] = stamp(None, doc, self.replica, after=earlier["v"])
                    del stones[stone_id]
                    del index[(name, record_id)]
                    buried = True
                else:
                    table[doc_id] = stamp(old.get(record_id), doc, self.replica)
            for record_id, doc in old.items():
                if record_id not in present:
                    self._bury(stones, index, name, doc, when)
                    buried = True
        for name in dropped:
            if versioned(name):
                for doc in by_id((old_tables(name) or {}).values()).values():
                    self._bury(stones, index, name, doc, when)
                    buried = True
        if buried:
            new_tables[TOMBSTONES] = stones
            extra.append(TOMBSTONES)
        meta = new_tables.get(META)
        if meta is None:
            meta = dict(old_tables(META) or {})
        first = dict(meta.get("1") or {})
        if first.get("lineage") != self.lineage or int(first.get("schema", 0)) < SCHEMA_WITH_VERSIONS:
            first["lineage"] = self.lineage
            first["schema"] = max(int(first.get("schema", 0)), SCHEMA_WITH_VERSIONS)
            new_tables[META] = {**meta, "1": first}
            extra.append(META)
        return extra

    def _bury(
        self, stones: Table, index: dict[tuple[str, str], str], table: str, doc: Mapping[str, Any], when: str
    ) -> None:
        """Leave a tombstone for ``doc`` (joined with one it already had)."""
        if self.forgetting:
            return
        key = (table, str(doc["id"]))
        earlier_id = index.get(key)
        earlier = stones.get(earlier_id) if earlier_id is not None else None
        stone = tombstone(table, doc, self.replica, when, earlier=earlier)
        if earlier_id is None:
            earlier_id = str(max((int(doc_id) for doc_id in stones), default=0) + 1)
            index[key] = earlier_id
        stones[earlier_id] = stone


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
