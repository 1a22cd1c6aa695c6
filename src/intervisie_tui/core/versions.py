"""Which version of a stored record supersedes another: version vectors, not wall clocks.

Every stored record (a document with an ``id``) carries three small keys beside
its fields (docs/FORMAT.md, "Versions"):

* ``_v`` - its version vector ``{replica: counter}``: every change of the record
  that this version has seen. A replica that changes the record adds one to its
  own entry, and that pair ``(replica, counter)`` is the change's *dot*.
* ``_d`` - per field changed after the record was made, the dot of the change that
  wrote its value. A field without a dot holds the value the record was made with
  (or had before versions existed): every later change to it supersedes that.
* ``_x`` - per field, values written by concurrent changes that did not win
  (``[[dot, value], ...]``): conflict entries, kept until someone decides.

A deleted record leaves a tombstone (:func:`tombstone`): which table, which id,
the version vector at the deletion, when and by which replica; no content.

Everything here is pure: plain dicts in, new dicts out, nothing changed in place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

VERSION, DOTS, CONFLICTS = "_v", "_d", "_x"
META_KEYS = frozenset({VERSION, DOTS, CONFLICTS})

VersionVector = dict[str, int]
Dot = tuple[str, int]
Doc = dict[str, Any]


def join(*vectors: Mapping[str, int] | None) -> VersionVector:
    """The least vector that has seen everything each of ``vectors`` has seen."""
    out: VersionVector = {}
    for vector in vectors:
        for replica, counter in (vector or {}).items():
            if counter > out.get(replica, 0):
                out[replica] = counter
    return dict(sorted(out.items()))


def seen_by(earlier: Mapping[str, int] | None, later: Mapping[str, int] | None) -> bool:
    """Whether ``later`` has seen every change ``earlier`` has (``earlier <= later``)."""
    later = later or {}
    return all(counter <= later.get(replica, 0) for replica, counter in (earlier or {}).items())


def dot_seen(dot: Dot | None, vector: Mapping[str, int] | None) -> bool:
    """Whether the change ``dot`` is among what ``vector`` has seen (a field's first value always is)."""
    return dot is None or (vector or {}).get(dot[0], 0) >= dot[1]


def version(doc: Mapping[str, Any] | None) -> VersionVector:
    """A document's version vector (empty for a record from before versions)."""
    return dict((doc or {}).get(VERSION) or {})


def content(doc: Mapping[str, Any]) -> Doc:
    """A document without its version keys: what the record says."""
    return {key: value for key, value in doc.items() if key not in META_KEYS}


def field_dot(doc: Mapping[str, Any], field: str) -> Dot | None:
    """The dot of the change that wrote ``field``'s value, or None for the value the record was made with."""
    raw = (doc.get(DOTS) or {}).get(field)
    return (str(raw[0]), int(raw[1])) if raw else None


def conflicts(doc: Mapping[str, Any]) -> dict[str, list[tuple[Dot | None, Any]]]:
    """Per field, the values of concurrent changes that did not win (the conflict entries)."""
    found: dict[str, list[tuple[Dot | None, Any]]] = {}
    for field, entries in (doc.get(CONFLICTS) or {}).items():
        found[field] = [((str(raw[0]), int(raw[1])) if raw else None, value) for raw, value in entries]
    return found


def stamp(
    old: Mapping[str, Any] | None, new: Mapping[str, Any], replica: str, *, after: Mapping[str, int] | None = None
) -> Doc:
    """``new`` with its version keys, as written by ``replica`` over ``old`` (None: a new record).

    Unchanged content keeps ``old``'s versions exactly (a save that changed
    nothing is no change). A changed field gets the new dot and loses its
    conflict entries: whoever wrote it saw them, so the new value supersedes
    all of them. Clearing a field's conflict entries (``new`` without them) is
    a change of that field too: the kept value becomes a decision. ``after`` is a
    deletion the new record follows (a record brought back): its vector is
    joined in, so the record supersedes its tombstone.
    """
    base = dict(old) if old is not None else {}
    body = content(new)
    old_body = content(base)
    old_conflicts = base.get(CONFLICTS) or {}
    new_conflicts = new.get(CONFLICTS, old_conflicts) or {}
    changed = {key for key in body.keys() | old_body.keys() if body.get(key, _ABSENT) != old_body.get(key, _ABSENT)}
    changed |= {key for key in old_conflicts if key not in new_conflicts}
    if old is not None and not changed and after is None:
        return {**body, **_meta(base)}
    vector = join(version(new) if old is None else version(base), after)
    vector[replica] = vector.get(replica, 0) + 1
    vector = dict(sorted(vector.items()))
    dot = [replica, vector[replica]]
    if old is None:
        return {**body, VERSION: vector}
    dots = {key: value for key, value in (base.get(DOTS) or {}).items() if key in body and key not in changed}
    dots.update({key: dot for key in changed if key in body})
    kept = {key: value for key, value in new_conflicts.items() if key not in changed and key in body}
    return {**body, **_meta({VERSION: vector, DOTS: dict(sorted(dots.items())), CONFLICTS: kept})}


def tombstone(
    table: str, old: Mapping[str, Any], replica: str, when: str, *, earlier: Mapping[str, Any] | None = None
) -> Doc:
    """What a deletion of ``old`` (a record of ``table``) leaves: no content, only who, when and what it had seen.

    ``earlier`` is a tombstone the record already had (a record deleted,
    brought back and deleted again): the new one has seen that one too.
    """
    vector = join(version(old), (earlier or {}).get("v"))
    vector[replica] = vector.get(replica, 0) + 1
    return {"t": table, "r": str(old["id"]), "v": dict(sorted(vector.items())), "at": when, "by": replica}


def tombstone_key(stone: Mapping[str, Any]) -> tuple[str, str]:
    """``(table, record id)`` of a tombstone."""
    return str(stone["t"]), str(stone["r"])


def _meta(doc: Mapping[str, Any]) -> Doc:
    """The version keys of ``doc`` that say something (empty ones are left out of the file)."""
    return {key: doc[key] for key in (VERSION, DOTS, CONFLICTS) if doc.get(key)}


class _Absent:
    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()


def canonical(value: Any) -> str:
    """A value as a canonical JSON string (to order and compare values deterministically)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def by_id(docs: Iterable[Mapping[str, Any]]) -> dict[str, Doc]:
    """Documents keyed by their record id (documents without one are left out)."""
    return {str(doc["id"]): dict(doc) for doc in docs if "id" in doc}
