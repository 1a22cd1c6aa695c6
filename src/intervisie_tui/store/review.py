"""What a merge left for the chair to decide, and the decisions themselves.

A merge lists every record that needs a decision in the ``_review`` table:
records with conflict entries (the same field changed on two copies) and
records deleted on one copy while changed on another (kept inside the
tombstone). :func:`open_items` reads them back with both sides; the
``resolve_*`` functions write a decision as an ordinary change, which the
stamper versions so that it supersedes both sides (docs/SYNC.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tinydb import Query, TinyDB

from intervisie_tui.core.values import value_class
from intervisie_tui.core.versions import CONFLICTS, canonical, conflicts, content, join
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.versioning import REVIEW, TOMBSTONES

KEEP_SHOWN, KEEP_OTHER, KEEP_BOTH = "shown", "other", "both"


@value_class
class FieldConflict:
    """One field changed on two copies: the value shown now and the other value(s)."""

    field: str
    shown: Any
    others: tuple[Any, ...]


@value_class
class ReviewItem:
    """One record that needs a decision."""

    table: str
    record_id: str
    kind: str
    """The record's type (``note``, ``question``, ``members``, ...)."""
    group_id: str
    fields: tuple[FieldConflict, ...] = ()
    kept: dict[str, Any] | None = None
    """For a record deleted on one copy and changed on another: the changed version (else None)."""
    record: dict[str, Any] | None = None
    """The record as it is shown now (None when it is deleted)."""


def open_items(repository: Repository, group_id: str | None = None) -> list[ReviewItem]:
    """Every record still waiting for a decision (of one group, or all), in the order the merge listed them."""
    db = _db(repository)
    items: list[ReviewItem] = []
    with repository.storage.locked():
        if REVIEW not in db.tables():
            return []
        entries = db.table(REVIEW).all()
        for entry in entries:
            if group_id is not None and entry.get("g") != group_id:
                continue
            item = _item(db, entry)
            if item is not None:
                items.append(item)
    return items


def _item(db: TinyDB, entry: dict[str, Any]) -> ReviewItem | None:
    table, record_id = str(entry["t"]), str(entry["r"])
    kind, group_id = str(entry.get("k", "")), str(entry.get("g", ""))
    doc = db.table(table).get(Query().id == record_id) if table in db.tables() else None
    if doc is not None and doc.get(CONFLICTS):
        fields = tuple(
            FieldConflict(field=name, shown=doc.get(name), others=tuple(value for _dot, value in values))
            for name, values in sorted(conflicts(doc).items())
        )
        return ReviewItem(table, record_id, kind, group_id, fields=fields, record=content(doc))
    stone = _stone(db, table, record_id)
    if doc is None and stone is not None and stone.get("x"):
        return ReviewItem(table, record_id, kind, group_id, kept=content(stone["x"]))
    return None  # decided since (e.g. the field was edited): no longer open


def resolve_field(repository: Repository, item: ReviewItem, field: str, choice: str) -> None:
    """Decide one field: keep the shown value, the other one, or both (text joined, lists combined)."""
    conflict = next(found for found in item.fields if found.field == field)
    if choice == KEEP_SHOWN:
        value = conflict.shown
    elif choice == KEEP_OTHER:
        value = conflict.others[0]
    else:
        value = both_values(field, conflict.shown, conflict.others)
        if value is None:
            raise ValueError(f"{field} cannot hold both versions")
    db = _db(repository)
    with repository.batch():
        doc = db.table(item.table).get(Query().id == item.record_id)
        assert doc is not None
        left = {name: values for name, values in (doc.get(CONFLICTS) or {}).items() if name != field}
        db.table(item.table).update({field: value, CONFLICTS: left}, Query().id == item.record_id)
        if not left:
            _drop_entry(db, item)
        repository.refresh_after_review(item.table)


BOTH_FIELDS = frozenset(
    {
        "text",
        "question",
        "title",
        "theme",
        "next_step",
        "takeaway",
        "outcome",
        "remark",
        "learning_goal",
        "top",
        "tip",
        "technical",
        "normative",
        "personal",
        "goal_review",
        "acceptances",
        "turns",
    }
)
"""Fields that can hold both versions: free text (one under the other), who accepted an agreement
and a round's turns (lists combined). Any other field would not read back as both: two dates, two
choices or two member ids joined are none of them, a meeting's phases twice are nonsense, and a name
on two lines reads badly; there the chair keeps one version."""


def both_values(field: str, shown: Any, others: Sequence[Any]) -> Any | None:
    """Both sides kept in one value of ``field``; None when the field cannot hold both (see :data:`BOTH_FIELDS`)."""
    if field not in BOTH_FIELDS:
        return None
    if isinstance(shown, str) and all(isinstance(other, str) for other in others):
        return "\n".join([shown, *(other for other in others if other and other != shown)])
    if isinstance(shown, list) and all(isinstance(other, list) for other in others):
        combined = list(shown)
        seen = {canonical(value) for value in combined}
        for other in others:
            for value in other:
                if canonical(value) not in seen:
                    seen.add(canonical(value))
                    combined.append(value)
        return combined
    return None


def resolve_deleted(repository: Repository, item: ReviewItem, *, bring_back: bool) -> None:
    """Decide a record deleted on one copy and changed on another: bring the changed version back, or let it go."""
    assert item.kept is not None
    db = _db(repository)
    with repository.batch():
        stone = _stone(db, item.table, item.record_id)
        assert stone is not None and stone.get("x")
        if bring_back:
            # Inserted where a tombstone is, the stamper makes it supersede the deletion and the change.
            db.table(item.table).insert(dict(stone["x"]))
        else:
            seen = join(stone["v"], (stone.get("x") or {}).get("_v"))
            seen[repository.replica] = seen.get(repository.replica, 0) + 1
            replaced = {key: value for key, value in stone.items() if key != "x"}
            replaced["v"] = dict(sorted(seen.items()))
            db.table(TOMBSTONES).remove(doc_ids=[stone.doc_id])
            db.table(TOMBSTONES).insert(replaced)
        _drop_entry(db, item)
        repository.refresh_after_review(item.table)


def _stone(db: TinyDB, table: str, record_id: str) -> Any:
    if TOMBSTONES not in db.tables():
        return None
    return db.table(TOMBSTONES).get((Query().t == table) & (Query().r == record_id))


def _drop_entry(db: TinyDB, item: ReviewItem) -> None:
    db.table(REVIEW).remove((Query().t == item.table) & (Query().r == item.record_id))


def _db(repository: Repository) -> TinyDB:
    storage = repository.storage
    return TinyDB(storage=lambda: storage)
