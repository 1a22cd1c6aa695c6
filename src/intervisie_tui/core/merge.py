"""Merging two copies of a file, record by record: a pure function of their contents.

The merge works on stored documents (the version keys are described in
:mod:`intervisie_tui.core.versions`) and is commutative, associative and
idempotent on content, so copies can come together in any order, any number
of times, and end the same:

* a record only one copy has is taken;
* of two versions, one that has seen the other supersedes it;
* concurrent versions are combined field by field: a field changed on one side
  only takes that change; a field changed on both sides keeps the value of the
  change with the larger dot and the other value as a *conflict entry* (``_x``);
* a deletion (tombstone) wins over every version it has seen; a version it has
  not seen (changed on one laptop while deleted on the other) is kept inside the
  tombstone (``x``) for review, never dropped.

What the chair later decides is an ordinary new change (see
:func:`~intervisie_tui.core.versions.stamp`), which supersedes both sides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from intervisie_tui.core.versions import (
    CONFLICTS,
    DOTS,
    VERSION,
    Doc,
    Dot,
    canonical,
    conflicts,
    content,
    dot_seen,
    field_dot,
    join,
    seen_by,
    version,
)

Pair = tuple[Dot | None, Any]


def _pairs(doc: Mapping[str, Any], name: str) -> list[Pair]:
    """Every value ``doc`` holds for a field: the shown one, then its conflict entries."""
    if name not in doc:
        return []
    return [(field_dot(doc, name), doc[name]), *conflicts(doc).get(name, [])]


def _order(pair: Pair) -> tuple[int, int, str, str]:
    """Which of concurrent values is shown: the larger dot, then the value (deterministic, no clocks)."""
    dot, value = pair
    return (1, dot[1], dot[0], canonical(value)) if dot else (0, 0, "", canonical(value))


def _unique(pairs: Iterable[Pair]) -> list[Pair]:
    seen: dict[tuple[Any, str], Pair] = {}
    for dot, value in pairs:
        seen.setdefault((tuple(dot) if dot else None, canonical(value)), (dot, value))
    return list(seen.values())


def _merge_field(
    ours: list[Pair], our_version: Mapping[str, int], theirs: list[Pair], their_version: Mapping[str, int]
) -> list[Pair]:
    """A field's values after the merge, shown value first (a multi-value register).

    A value written by a change survives when both sides hold it or the other
    side never saw that change; a value the record was made with survives only
    while no change overwrote it anywhere.
    """
    keys_ours = {(tuple(d) if d else None, canonical(v)) for d, v in ours}
    keys_theirs = {(tuple(d) if d else None, canonical(v)) for d, v in theirs}
    written = [
        pair
        for side, other_keys, other_version in ((ours, keys_theirs, their_version), (theirs, keys_ours, our_version))
        for pair in side
        if pair[0] is not None
        and ((tuple(pair[0]), canonical(pair[1])) in other_keys or not dot_seen(pair[0], other_version))
    ]
    kept = _unique(written) or _unique(pair for pair in (*ours, *theirs) if pair[0] is None)
    # Two different values under one dot (a copy changed by a program that does not keep versions)
    # would leave nothing: then both are kept, so a conflict is shown instead of a field lost.
    return sorted(kept or _unique((*ours, *theirs)), key=_order, reverse=True)


def merge_versions(ours: Mapping[str, Any] | None, theirs: Mapping[str, Any] | None) -> Doc | None:
    """Two versions of one record merged (None stands for "this side has no version")."""
    if ours is None or theirs is None:
        other = ours if theirs is None else theirs
        return dict(other) if other is not None else None
    our_version, their_version = version(ours), version(theirs)
    if seen_by(their_version, our_version) and (our_version != their_version or _same(ours, theirs)):
        return dict(ours)
    if seen_by(our_version, their_version) and our_version != their_version:
        return dict(theirs)
    out: Doc = {}
    dots: dict[str, list[Any]] = {}
    entries: dict[str, list[list[Any]]] = {}
    for name in sorted(content(ours).keys() | content(theirs).keys()):
        values = _merge_field(_pairs(ours, name), our_version, _pairs(theirs, name), their_version)
        if not values:
            continue
        (dot, value), *rest = values
        out[name] = value
        if dot is not None:
            dots[name] = list(dot)
        if rest:
            entries[name] = [[list(d) if d else None, v] for d, v in rest]
    out[VERSION] = join(our_version, their_version)
    if dots:
        out[DOTS] = dots
    if entries:
        out[CONFLICTS] = entries
    return out


def _same(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    return canonical(dict(one)) == canonical(dict(other))


@dataclass(frozen=True)
class Entry:
    """One record's state in a copy: its live version and/or its tombstone."""

    live: Doc | None = None
    stone: Doc | None = None


def merge_entries(ours: Entry, theirs: Entry) -> Entry:
    """One record's states in two copies merged (see the module docstring)."""
    live = merge_versions(ours.live, theirs.live)
    stones = [stone for stone in (ours.stone, theirs.stone) if stone is not None]
    if not stones:
        return Entry(live=live)
    for stone in stones:
        live = merge_versions(live, stone.get("x"))
    deleted = join(*(stone["v"] for stone in stones))
    latest = max(stones, key=lambda stone: (str(stone.get("at", "")), str(stone.get("by", "")), canonical(stone["v"])))
    stone = {"t": latest["t"], "r": latest["r"], "v": deleted, "at": latest.get("at", ""), "by": latest.get("by", "")}
    if live is None or seen_by(version(live), deleted):
        return Entry(stone=stone)
    if seen_by(deleted, version(live)):
        return Entry(live=live)  # brought back after the deletion: it supersedes the tombstone
    return Entry(stone={**stone, "x": live})


@dataclass
class TableMerge:
    """A table merged: its records by id, its tombstones by id, and what the merge found."""

    live: dict[str, Doc] = field(default_factory=dict)
    stones: dict[str, Doc] = field(default_factory=dict)
    incoming: list[str] = field(default_factory=list)
    """Ids whose merged state differs from ours: taken from, or combined with, the other copy."""
    conflicted: list[str] = field(default_factory=list)
    """Ids that now hold conflict entries or a change kept inside a tombstone (for review)."""


def merge_table(
    ours: Mapping[str, Doc], our_stones: Mapping[str, Doc], theirs: Mapping[str, Doc], their_stones: Mapping[str, Doc]
) -> TableMerge:
    """Merge one table's records and tombstones (each keyed by record id)."""
    result = TableMerge()
    for record_id in sorted(ours.keys() | theirs.keys() | our_stones.keys() | their_stones.keys()):
        our_entry = Entry(ours.get(record_id), our_stones.get(record_id))
        merged = merge_entries(our_entry, Entry(theirs.get(record_id), their_stones.get(record_id)))
        if merged.live is not None:
            result.live[record_id] = merged.live
        if merged.stone is not None:
            result.stones[record_id] = merged.stone
        if not _entry_same(merged, our_entry):
            result.incoming.append(record_id)
        if (merged.live is not None and merged.live.get(CONFLICTS)) or (merged.stone or {}).get("x"):
            result.conflicted.append(record_id)
    return result


def _entry_same(one: Entry, other: Entry) -> bool:
    return canonical([one.live, one.stone]) == canonical([other.live, other.stone])
