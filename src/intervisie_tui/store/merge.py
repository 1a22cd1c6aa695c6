"""Merge another copy of a file into an open one: every table, record by record, in one save.

The decisions are :mod:`intervisie_tui.core.merge`'s (pure); this module reads
both copies' tables, hands the ones that differ to it, rebuilds what is derived
(meeting summaries, the review list) and writes the result in one durable save
of the target, whose first save in a session takes a backup before anything
changes. The other copy is only read. docs/SYNC.md tells the whole story.

Which copies may be merged (:func:`relation`): copies of one lineage; a
handed-over file and the supervisor's file it came from (then only that group's
records are merged); anything else is "unrelated" (:class:`UnrelatedFiles`,
exit 8) unless the caller imports the other file's groups.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from intervisie_tui.core.merge import TableMerge, merge_table
from intervisie_tui.core.values import value_class
from intervisie_tui.core.versions import Doc, by_id, tombstone_key
from intervisie_tui.i18n import _
from intervisie_tui.store.body import decode_table, encode_table
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.layout import GROUPS, MEETING_PREFIX, MEETINGS, summary_document
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.storage import VaultStorage
from intervisie_tui.store.versioning import META, REVIEW, TOMBSTONES, file_lineage, forgotten_mark, versioned

Table = dict[str, dict[str, Any]]


class UnrelatedFiles(VaultError):
    """The two files are not copies of one file (nor a handover and its source): nothing was merged."""

    exit_code = 8

    def message(self) -> str:
        """The refusal, with the way out."""
        return _(
            "These two files are not copies of one file (nor a handed-over group and its source): nothing was merged. "
            "To copy the other file's groups in as groups of their own, merge with --import-groups."
        )


@value_class
class MergeReport:
    """What a merge brought in and what it left for review."""

    incoming: tuple[tuple[str, int], ...] = ()
    """``(kind, how many)``: records taken from, or combined with, the other copy (e.g. ``("note", 3)``)."""
    conflicts: tuple[tuple[str, str, str], ...] = ()
    """``(kind, record id, group id)`` of every record that now needs a decision."""
    new_meetings: int = 0
    scope_group: str = ""
    """Set when only one group was merged (a handed-over file and its source)."""

    @property
    def changed(self) -> bool:
        """Whether the merge changed the target at all."""
        return bool(self.incoming)


def relation(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> tuple[bool, str]:
    """``(related, group)`` of two files' ``meta``: one lineage → ``(True, "")``; a handover and its
    source → ``(True, that group)``; else ``(False, "")``."""
    our_lineage, their_lineage = file_lineage({"1": ours}), file_lineage({"1": theirs})
    if our_lineage == their_lineage:
        return True, ""
    if ours.get("parent_lineage") == their_lineage:
        return True, str(ours.get("parent_group", ""))
    if theirs.get("parent_lineage") == our_lineage:
        return True, str(theirs.get("parent_group", ""))
    return False, ""


def merge_into(target: Repository, other: Repository, *, import_groups: bool = False) -> MergeReport:
    """Merge ``other`` into ``target`` (one save of ``target``; ``other`` is only read).

    Both copies' tables are read one at a time (:class:`TablesOnDemand`), and
    ``target`` stays locked from the first read to the end of the save, so no
    other save can slip in between.
    """
    with target.storage.locked(), other.storage.locked():
        ours, theirs = TablesOnDemand(target.storage), TablesOnDemand(other.storage)
        plan = plan_merge(ours, theirs, import_groups=import_groups)
        if plan.report.changed:
            target.replace_tables(plan.written, plan.dropped)
    return plan.report


class TablesOnDemand(Mapping[str, Any]):
    """A copy's committed tables by name, each read when asked and let go again (the last one is kept).

    A merge looks at every table of both copies, but compares them one pair at a
    time: reading them all first held both files decrypted at once, about twice
    the file's size (docs/PERFORMANCE.md). The last table read is kept because
    a table that differs is read again right after the comparison.
    """

    def __init__(self, storage: VaultStorage) -> None:
        self._storage = storage
        self._names = storage.table_names()
        self._known = frozenset(self._names)
        self._last: tuple[str, Any] | None = None

    def __getitem__(self, name: str) -> Any:
        if name not in self._known:
            raise KeyError(name)
        if self._last is None or self._last[0] != name:
            self._last = (name, self._storage.committed_table(name))
        return self._last[1]

    def __contains__(self, name: object) -> bool:
        return name in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@dataclass
class MergePlan:
    """What a merge writes: whole tables (versions included), tables to drop, and the report."""

    written: dict[str, Table] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    report: MergeReport = field(default_factory=MergeReport)

    def apply(self, tables: Mapping[str, Any]) -> dict[str, Any]:
        """``tables`` (encoded, in order) with the plan applied: the whole merged database, encoded."""
        out: dict[str, Any] = {name: raw for name, raw in tables.items() if name not in self.dropped}
        for name, table in self.written.items():
            out[name] = encode_table(table)
        return out


def plan_merge(ours: Mapping[str, Any], theirs: Mapping[str, Any], *, import_groups: bool = False) -> MergePlan:
    """Merge two copies' encoded tables (``theirs`` into ``ours``); raises :class:`UnrelatedFiles`."""
    our_meta, their_meta = _meta(ours), _meta(theirs)
    related, group = relation(our_meta, their_meta)
    if not related and not import_groups:
        raise UnrelatedFiles()
    forgotten = set(our_meta.get("forgotten", ())) | set(their_meta.get("forgotten", ()))
    our_stones = _stones(ours)
    their_stones = _stones(theirs)
    stone_tables = [key[0] for key in (*our_stones, *their_stones)]
    names = [name for name in dict.fromkeys([*ours, *theirs, *stone_tables]) if versioned(name)]
    written: dict[str, Table] = {}
    dropped: list[str] = []
    all_stones: dict[tuple[str, str], Doc] = dict(our_stones)
    incoming: dict[str, int] = {}
    conflicts: dict[tuple[str, str], tuple[str, str, str]] = {}
    new_meetings = 0
    our_by_table, their_by_table = _by_table(our_stones), _by_table(their_stones)
    for name in names:
        our_table_stones = our_by_table.get(name, {})
        their_table_stones = their_by_table.get(name, {})
        if name in ours and ours.get(name) == theirs.get(name) and our_table_stones == their_table_stones:
            continue
        our_docs = decode_table(ours[name]) if name in ours else {}
        their_docs = decode_table(theirs[name]) if name in theirs else {}
        our_live = by_id(our_docs.values())
        keep = _in_scope(name, our_docs, their_docs, group, forgotten)
        their_live = {key: doc for key, doc in by_id(their_docs.values()).items() if keep(doc)}
        their_table_stones = {key: stone for key, stone in their_table_stones.items() if keep(stone.get("x") or {})}
        if not group:
            their_table_stones = {
                key: stone for key, stone in their_table_stones.items() if _stone_kept(stone, forgotten)
            }
        else:
            their_table_stones = {
                key: stone for key, stone in their_table_stones.items() if key in our_live or key in their_live
            }
        merged = merge_table(our_live, our_table_stones, their_live, their_table_stones)
        if not merged.incoming:
            continue
        for key in merged.incoming:
            kind = _kind(name, merged, key, our_live)
            incoming[kind] = incoming.get(kind, 0) + 1
        for key in merged.conflicted:
            conflicts[(name, key)] = (_kind(name, merged, key, our_live), key, _group_of(name, merged, key))
        for key in our_table_stones.keys() | their_table_stones.keys() | merged.stones.keys():
            all_stones.pop((name, key), None)
        for key, stone in merged.stones.items():
            all_stones[(name, key)] = stone
        if name.startswith(MEETING_PREFIX) and name not in ours and _meeting_group(merged.live) is not None:
            new_meetings += 1
        table = _placed(our_docs, merged)
        if table:
            written[name] = table
        elif name in ours:
            dropped.append(name)
    if not incoming:
        return MergePlan(report=MergeReport(scope_group=group))
    written[TOMBSTONES] = {str(number): stone for number, stone in enumerate(_sorted_stones(all_stones), start=1)}
    written.update(_summaries(ours, written, dropped))
    written[REVIEW] = _review(ours, conflicts, written, dropped)
    report = MergeReport(
        incoming=tuple(sorted(incoming.items())),
        conflicts=tuple(sorted(conflicts.values())),
        new_meetings=new_meetings,
        scope_group=group,
    )
    return MergePlan(written, dropped, report)


def _meta(tables: Mapping[str, Any]) -> dict[str, Any]:
    raw = tables.get(META)
    return dict(decode_table(raw).get("1") or {}) if raw is not None else {}


def _stones(tables: Mapping[str, Any]) -> dict[tuple[str, str], Doc]:
    raw = tables.get(TOMBSTONES)
    return {tombstone_key(stone): stone for stone in decode_table(raw).values()} if raw is not None else {}


def _by_table(stones: Mapping[tuple[str, str], Doc]) -> dict[str, dict[str, Doc]]:
    grouped: dict[str, dict[str, Doc]] = {}
    for (table, record_id), stone in stones.items():
        grouped.setdefault(table, {})[record_id] = stone
    return grouped


def _sorted_stones(stones: Mapping[tuple[str, str], Doc]) -> list[Doc]:
    return [stones[key] for key in sorted(stones)]


def _meeting_group(docs: Mapping[str, Doc]) -> str | None:
    for doc in docs.values():
        if doc.get("_type") == "meeting":
            return str(doc.get("group_id", ""))
    return None


def _record_group(name: str, doc: Mapping[str, Any]) -> str:
    return str(doc.get("id", "")) if name == GROUPS else str(doc.get("group_id", ""))


def _in_scope(name: str, our_docs: Table, their_docs: Table, group: str, forgotten: set[str]):
    """Which of the other copy's records of table ``name`` take part: the scope group's only, never a forgotten group's."""
    if name.startswith(MEETING_PREFIX):
        owner = _meeting_group(their_docs) or _meeting_group(our_docs) or ""
        allowed = (not group or owner == group) and (not owner or forgotten_mark(owner) not in forgotten)
        return lambda _doc: allowed

    def keep(doc: Mapping[str, Any]) -> bool:
        owner = _record_group(name, doc)
        if not doc:
            return not group
        return (not group or owner == group) and forgotten_mark(owner) not in forgotten

    return keep


def _stone_kept(stone: Mapping[str, Any], forgotten: set[str]) -> bool:
    kept = stone.get("x") or {}
    return not kept or forgotten_mark(str(kept.get("group_id", kept.get("id", "")))) not in forgotten


def _placed(our_docs: Table, merged: TableMerge) -> Table:
    """The merged records as a TinyDB table: our document numbers kept, new records numbered after them."""
    number_of = {str(doc["id"]): doc_id for doc_id, doc in our_docs.items() if "id" in doc}
    extra = [doc for doc_id, doc in our_docs.items() if "id" not in doc]
    table: Table = {}
    next_number = max((int(doc_id) for doc_id in our_docs), default=0) + 1
    for key, doc in merged.live.items():
        if key in number_of:
            table[number_of[key]] = doc
        else:
            table[str(next_number)] = doc
            next_number += 1
    for doc in extra:
        table[str(next_number)] = doc
        next_number += 1
    return dict(sorted(table.items(), key=lambda item: int(item[0])))


def _kind(name: str, merged: TableMerge, key: str, our_live: Mapping[str, Doc]) -> str:
    """The kind of record ``key`` (its ``_type`` or table); "deletion" for a deletion of a record never seen here."""
    doc = merged.live.get(key) or (merged.stones.get(key) or {}).get("x") or our_live.get(key)
    if doc is None:
        return "deletion"
    return str(doc.get("_type") or name)


def _group_of(name: str, merged: TableMerge, key: str) -> str:
    if name.startswith(MEETING_PREFIX):
        for doc in merged.live.values():
            if doc.get("_type") == "meeting":
                return str(doc.get("group_id", ""))
    doc = merged.live.get(key) or (merged.stones.get(key) or {}).get("x") or {}
    return _record_group(name, doc)


def _summaries(ours: Mapping[str, Any], written: Mapping[str, Table], dropped: list[str]) -> dict[str, Table]:
    """The summary table with every rewritten meeting summarised again and dropped ones gone."""
    touched = [name for name in written if name.startswith(MEETING_PREFIX)]
    if not touched and not dropped:
        return {}
    table = decode_table(ours[MEETINGS]) if MEETINGS in ours else {}
    gone = {name[len(MEETING_PREFIX) :] for name in [*touched, *dropped]}
    kept = {doc_id: doc for doc_id, doc in table.items() if doc.get("id") not in gone}
    number = max((int(doc_id) for doc_id in table), default=0) + 1
    for name in touched:
        summary = summary_document(written[name].values())
        if summary is not None:
            kept[str(number)] = summary
            number += 1
    return {MEETINGS: kept}


def _review(
    ours: Mapping[str, Any],
    conflicts: Mapping[tuple[str, str], tuple[str, str, str]],
    written: Mapping[str, Table],
    dropped: list[str],
) -> Table:
    """The review list: our earlier entries for tables the merge did not rewrite, then this merge's."""
    earlier = decode_table(ours[REVIEW]).values() if REVIEW in ours else []
    entries = [entry for entry in earlier if entry.get("t") not in written and entry.get("t") not in dropped]
    entries += [
        {"t": name, "r": key, "k": kind, "g": group} for (name, key), (kind, _key, group) in sorted(conflicts.items())
    ]
    return {str(number): entry for number, entry in enumerate(entries, start=1)}
