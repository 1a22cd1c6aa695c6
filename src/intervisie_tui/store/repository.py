"""Domain records <-> TinyDB documents, in the table layout of ``store/layout.py``.

Layout (docs/STORAGE.md explains why):

* ``meta``                one document: schema, creation time, lineage
* ``groups``, ``members``, ``agreements``   small tables over all groups
* ``methods``             the groups' own copies of methods (:class:`GroupMethod`)
* ``meetings``            a :class:`MeetingSummary` per meeting (cheap listing)
* ``meeting:<id>``        one table per meeting: the meeting itself and its
                          cases, questions, notes, feedback and attendance
* ``_tombstones``, ``_review``  what deletions leave, what a merge left to decide

One table per meeting keeps a save proportional to one meeting rather than to
the whole history. Every document carries the record's stable ``id``; content
documents also carry ``_type``; every record its versions (store/versioning.py).

A supervisor's private notes (:class:`SupervisorNote`) are refused here: a group
file may be handed over to the group, so they live in the supervisor's own
notebook (``store/supervisor_notes.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Self, TypeVar

from tinydb import Query, TinyDB

from intervisie_tui.core.method_copies import GroupMethod
from intervisie_tui.core.methods import MethodLibrary
from intervisie_tui.core.model import (
    Agreement,
    Case,
    Graduation,
    Group,
    Meeting,
    MeetingContent,
    MeetingStatus,
    MeetingSummary,
    Member,
    SupervisorNote,
    summarize,
)
from intervisie_tui.i18n import N_
from intervisie_tui.store.body import encode_table
from intervisie_tui.store.codec import decode, encode
from intervisie_tui.store.content_cache import ContentCache
from intervisie_tui.store.errors import UnsupportedFile
from intervisie_tui.store.fileformat import KdfParams
from intervisie_tui.store.filekey import FileKey
from intervisie_tui.store.layout import (
    AGREEMENTS,
    CONTENT_TYPES,
    GRADUATIONS,
    GROUPS,
    MEETING_PREFIX,
    MEETINGS,
    MEMBERS,
    META,
    METHODS,
    SHARED_TABLES,
    by_position,
    content_from_rows,
    content_records,
    meeting_table,
    names_group,
    summary_document,
)
from intervisie_tui.store.lock import FileGuard
from intervisie_tui.store.replica import machine_id, new_lineage, replica_id
from intervisie_tui.store.storage import VaultStorage
from intervisie_tui.store.vault import Clock, Derive, Vault
from intervisie_tui.store.versioning import REVIEW, TOMBSTONES, Stamper, file_lineage, forgetting, forgotten_mark

T = TypeVar("T")

SCHEMA_VERSION = 2
"""2: records carry versions and deletions leave tombstones (store/versioning.py). A file at 1 is
upgraded by its first save, not at unlock, so reading an older file never writes it."""
# Migrations: MIGRATIONS[n] upgrades a database at schema n to n + 1, in place.
Migration = Callable[[TinyDB], None]
MIGRATIONS: dict[int, Migration] = {}

CACHED_MEETINGS = 120
"""Decoded meetings kept (store/content_cache.py): a few groups' whole histories on a supervisor's file."""


def _stamper(path: Path, lineage: str, machine: str | None, clock: Clock) -> Stamper:
    """The stamper for a file at ``path``: this machine's replica of ``lineage``."""
    machine = machine or machine_id()
    return Stamper(replica_id(machine, lineage, path), lineage, clock, machine=machine)


class Repository:
    """Reads and writes domain records in one encrypted file."""

    FILE_KIND = ""
    """What a new file holds, written to ``meta`` as ``kind``; "" (no kind) is a group file."""

    def __init__(self, storage: VaultStorage, clock: Clock) -> None:
        self._storage = storage
        # TinyDB builds its storage by calling the class it is given; hand it ours.
        self._db = TinyDB(storage=lambda: storage)
        self._clock = clock
        self._contents = ContentCache(lambda: CACHED_MEETINGS)

    # -- opening and closing ---------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        kdf: KdfParams | None = None,
        clock: Clock,
        lock: bool = True,
        guard: FileGuard | None = None,
        machine: str | None = None,
        parent: dict[str, Any] | None = None,
    ) -> Self:
        """Create a new, empty file at ``path`` with a lineage of its own.

        ``machine`` is this machine's id (None: the one in the data folder);
        ``parent`` names the lineage a handed-over file came from (``meta``'s
        ``parent_lineage`` and ``parent_group``).
        """
        lineage = new_lineage()
        meta: dict[str, dict[str, Any]] = {
            "1": {"schema": SCHEMA_VERSION, "created": clock().isoformat(), "lineage": lineage, **(parent or {})}
        }
        if cls.FILE_KIND:
            meta["1"]["kind"] = cls.FILE_KIND
        tables = {META: encode_table(meta)}
        vault = Vault.create(path, passphrase, tables, kdf=kdf, lock=lock, guard=guard, clock=clock)
        return cls(VaultStorage(vault, tables, _stamper(vault.path, lineage, machine, clock)), clock)

    @classmethod
    def unlock(
        cls,
        path: Path,
        passphrase: str,
        *,
        clock: Clock,
        lock: bool = True,
        guard: FileGuard | None = None,
        machine: str | None = None,
        derive: Derive = FileKey.derive,
    ) -> Self:
        """Open an existing file (runs the KDF once, through ``derive``) and migrate it if it is older."""
        # A meeting's table stays on disk (authenticated, not kept) until it is read: a long
        # history is not held in memory (docs/STORAGE.md).
        vault, tables = Vault.unlock(
            path,
            passphrase,
            clock=clock,
            lock=lock,
            guard=guard,
            keep=lambda name: not name.startswith(MEETING_PREFIX),
            derive=derive,
        )
        try:
            storage = VaultStorage(vault, tables)
            repository = cls(storage, clock)
            storage.stamper = _stamper(vault.path, repository.lineage, machine, clock)
            repository._check_schema()
        except BaseException:
            vault.close()
            raise
        return repository

    @property
    def path(self) -> Path:
        """The encrypted file."""
        return self._storage.vault.path

    @property
    def storage(self) -> VaultStorage:
        """The storage under this repository."""
        return self._storage

    def save_as(self, new_path: Path, *, guard: FileGuard | None = None) -> None:
        """Write everything held now to a new encrypted file at ``new_path`` (same passphrase) and continue there."""
        self._storage.save_as(new_path, guard=guard)
        stamper = self._storage.stamper
        if stamper is not None:  # a copy in another place is another replica
            stamper.replica = replica_id(stamper.machine, stamper.lineage, self._storage.vault.path)

    def close(self) -> None:
        """Drop the key and the decrypted data; release the lock."""
        self._storage.vault.close()
        self._storage.forget()
        self._contents.clear()

    @property
    def lineage(self) -> str:
        """The file's lineage (docs/FORMAT.md, "Versions"); derived for a file from before versions."""
        return file_lineage(self._meta_table())

    def meta(self) -> dict[str, Any]:
        """The file's ``meta`` document (schema, creation time, lineage, parent)."""
        return dict((self._meta_table() or {}).get("1") or {})

    def _meta_table(self) -> dict[str, Any] | None:
        with self._storage.locked():
            view = self._storage.read()
            return dict(view[META]) if view is not None and META in view else None

    @property
    def replica(self) -> str:
        """The replica this repository writes as."""
        stamper = self._storage.stamper
        return stamper.replica if stamper is not None else ""

    def _check_schema(self) -> None:
        meta = self._db.table(META).get(doc_id=1)
        self._check_kind(str(meta.get("kind", "")) if meta else "")
        schema = int(meta.get("schema", 0)) if meta else 0
        if schema > SCHEMA_VERSION:
            raise UnsupportedFile(N_("it was written by a newer version of intervisie"), f"schema {schema}")
        due = [version for version in range(schema, SCHEMA_VERSION) if version in MIGRATIONS]
        if due:
            with self._storage.batch():
                for version in due:
                    MIGRATIONS[version](self._db)
                self._db.table(META).upsert({"schema": SCHEMA_VERSION}, Query().schema.exists())

    def _check_kind(self, kind: str) -> None:
        """Refuse a file of another kind (before any migration). A group repository opens every
        kind the app writes, so ``intervisie passwd`` re-keys a supervisor's notebook as well."""

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make every write inside one durable save (all or nothing)."""
        with self._rolled_back_on_error():
            yield

    @contextmanager
    def _rolled_back_on_error(self) -> Iterator[None]:
        """A storage batch; on failure TinyDB's query caches forget what the batch wrote."""
        try:
            with self._storage.batch():
                yield
        except BaseException:
            self._db.clear_cache()
            raise

    # -- writing ------------------------------------------------------------------

    def put(self, *records: Any) -> None:
        """Insert or update records (by id), all in one durable save."""
        touched_meetings: set[str] = set()
        with self._rolled_back_on_error():
            for item in records:
                table, document = self._place(item)
                self._db.table(table).upsert(document, Query().id == item.id)
                # The summary is made of the meeting and its cases only; a note or a question cannot
                # change it, and re-reading a large meeting for every note edit would slow every save.
                if isinstance(item, Meeting):
                    touched_meetings.add(item.id)
                elif isinstance(item, Case):
                    touched_meetings.add(item.meeting_id)
            for meeting_id in touched_meetings:
                self._refresh_summary(meeting_id)

    def remove(self, *records: Any) -> None:
        """Delete records (by id), all in one durable save. A meeting takes its content along."""
        with self._rolled_back_on_error():
            for item in records:
                if isinstance(item, Meeting):
                    self._db.drop_table(meeting_table(item.id))
                    self._db.table(MEETINGS).remove(Query().id == item.id)
                    continue
                table, _ = self._place(item)
                self._db.table(table).remove(Query().id == item.id)
                if isinstance(item, Case):
                    self._refresh_summary(item.meeting_id)

    def replace_tables(self, tables: dict[str, dict[str, Any]], dropped: list[str]) -> None:
        """Write whole tables as they are (a merge's result) in one durable save; TinyDB forgets its caches."""
        try:
            self._storage.replace_tables(tables, dropped)
        finally:
            self.forget_cached()

    def forget_cached(self) -> None:
        """Forget what TinyDB holds (after the tables were replaced around it, e.g. by a merge).

        Not only its query caches: each TinyDB table counts on the next document id it handed
        out, and a table that grew around it would get an id it already holds (every later
        insert there failing with "Document with ID … already exists"). A new TinyDB over the
        same storage counts afresh.
        """
        storage = self._storage
        self._db = TinyDB(storage=lambda: storage)

    def refresh_after_review(self, table: str) -> None:
        """After a decision written around the repository (store/review.py): forget caches, summarise again."""
        self.forget_cached()
        if table.startswith(MEETING_PREFIX):
            self._refresh_summary(table[len(MEETING_PREFIX) :])

    def remove_group(self, group_id: str) -> int:
        """Delete a group and every record of it (see :meth:`group_records`) in one durable save.

        Returns how many records were removed (meeting summaries, which are derived, not counted).
        The group leaves no tombstones (they would keep its ids): ``meta`` keeps only a one-way
        mark of it (:func:`~intervisie_tui.store.versioning.forgotten_mark`), so a merge with a
        copy that still has the group does not bring it back.
        """
        removed = 0
        stamper = self._storage.stamper
        with self._rolled_back_on_error(), forgetting(stamper, group_id):
            present = self._db.tables()
            meeting_ids = {meeting_id for meeting_id, _content in self._group_meetings(group_id)}
            if self.group(group_id) is not None or meeting_ids:
                self._forget_traces(group_id, meeting_ids)
            for _kind, table, field in self._group_tables():
                condition = Query()[field] == group_id
                if table in present and self._db.table(table).contains(condition):
                    removed += len(self._db.table(table).remove(condition))
            for meeting_id, content in self._group_meetings(group_id):
                removed += len(content_records(content))
                self._db.drop_table(meeting_table(meeting_id))
            condition = Query().group_id == group_id
            if MEETINGS in present and self._db.table(MEETINGS).contains(condition):
                self._db.table(MEETINGS).remove(condition)
        return removed

    def _forget_traces(self, group_id: str, meeting_ids: set[str]) -> None:
        """Drop the bookkeeping that still names a group's records; mark the group forgotten in ``meta``."""
        present = self._db.tables()
        if TOMBSTONES in present:
            stones = self._db.table(TOMBSTONES)
            stones.remove(lambda stone: names_group(stone.get("x") or {}, group_id, meeting_ids))
        if REVIEW in present:
            self._db.table(REVIEW).remove(Query().g == group_id)
        meta = self.meta()
        marks = sorted({*meta.get("forgotten", ()), forgotten_mark(group_id)})
        self._db.table(META).upsert({"forgotten": marks}, Query().schema.exists())

    def _place(self, item: Any) -> tuple[str, dict[str, Any]]:
        kind = type(item)
        if kind is SupervisorNote:
            raise TypeError(
                "a SupervisorNote is never stored in a group file (it would travel with the group); "
                "keep it in the supervisor's notebook, store.supervisor_notes.SupervisorNotebook"
            )
        document = encode(item)
        if kind in SHARED_TABLES:
            return SHARED_TABLES[kind], document
        if kind in CONTENT_TYPES:
            document["_type"] = CONTENT_TYPES[kind]
            meeting_id = item.id if kind is Meeting else item.meeting_id
            return meeting_table(meeting_id), document
        raise TypeError(f"not a stored record type: {kind.__name__}")

    def _refresh_summary(self, meeting_id: str) -> None:
        content = self.meeting_content(meeting_id)
        if content is None:
            return
        summary = encode(summarize(content.meeting, content.cases))
        table = self._db.table(MEETINGS)
        if table.get(Query().id == meeting_id) != summary:
            table.upsert(summary, Query().id == meeting_id)

    # -- reading -------------------------------------------------------------------

    def _all(self, cls: type[T], table: str, **equal: Any) -> list[T]:
        with self._storage.locked():
            rows = self._db.table(table).all()
        return [decode(cls, row) for row in rows if all(row.get(k) == v for k, v in equal.items())]

    def groups(self) -> list[Group]:
        """Every group in the file, by name."""
        return sorted(self._all(Group, GROUPS), key=lambda group: group.name.casefold())

    def group(self, group_id: str) -> Group | None:
        """One group by id."""
        found = self._all(Group, GROUPS, id=group_id)
        return found[0] if found else None

    def members(self, group_id: str, *, include_archived: bool = True) -> list[Member]:
        """The members of a group, by name; archived ones only when asked."""
        found = self._all(Member, MEMBERS, group_id=group_id)
        if not include_archived:
            found = [member for member in found if member.active]
        return sorted(found, key=lambda member: member.name.casefold())

    def agreements(self, group_id: str) -> list[Agreement]:
        """The group's agreements in their order."""
        return list(by_position(self._all(Agreement, AGREEMENTS, group_id=group_id)))

    def group_methods(self, group_id: str) -> list[GroupMethod]:
        """The group's own copies of methods, by name in the current language."""
        found = self._all(GroupMethod, METHODS, group_id=group_id)
        return sorted(found, key=lambda copy: (copy.method.name().casefold(), copy.id))

    def library(self, base: MethodLibrary, group_id: str) -> MethodLibrary:
        """``base`` (the shipped methods) plus the group's own copies; a copy wins on an equal id."""
        return base.with_methods([copy.method for copy in self.group_methods(group_id)])

    def graduations(self, group_id: str) -> list[Graduation]:
        """The group's signed graduations, oldest first."""
        return sorted(self._all(Graduation, GRADUATIONS, group_id=group_id), key=lambda g: (g.signed_on, g.id))

    def meetings(self, group_id: str) -> list[MeetingSummary]:
        """The group's meetings, newest first (from the summary table only)."""
        found = self._all(MeetingSummary, MEETINGS, group_id=group_id)
        return sorted(found, key=lambda summary: summary.held_on, reverse=True)

    def running_meetings(self) -> list[MeetingSummary]:
        """Meetings left running, in any group that still exists, newest first.

        One read of the summary table (a supervisor's file holds hundreds of
        meetings); only the running ones are decoded.
        """
        with self._storage.locked():
            group_ids = {group.id for group in self._all(Group, GROUPS)}
            found = self._all(MeetingSummary, MEETINGS, status=MeetingStatus.RUNNING.value)
        running = [summary for summary in found if summary.group_id in group_ids]
        return sorted(running, key=lambda summary: summary.held_on, reverse=True)

    def meeting_content(self, meeting_id: str) -> MeetingContent | None:
        """A meeting with everything recorded in it, or ``None``; decoded again only when its table changed."""
        name = meeting_table(meeting_id)
        with self._storage.locked():
            stamp = self._storage.content_stamp(name)
            found, content = self._contents.get(meeting_id, stamp)
            if found:
                return content
            rows = self._db.table(name).all()
        content = content_from_rows(rows)
        self._contents.put(meeting_id, stamp, content)
        return content

    def group_records(self, group_id: str) -> list[Any]:
        """Every stored record of one group, for a handover to a file of its own.

        The group, its members (archived ones too), agreements, own method
        copies and graduations, then each of its meetings (oldest first) with
        everything recorded in it. Meetings are found in their own tables, not
        through the summaries, so none is missed. Nothing of another group.
        """
        found: list[Any] = []
        with self._storage.locked():
            for kind, table, field in self._group_tables():
                found.extend(self._all(kind, table, **{field: group_id}))
            for _meeting_id, content in self._group_meetings(group_id):
                found.extend(content_records(content))
        return found

    def group_tables(self, group_id: str) -> dict[str, dict[str, Any]]:
        """The stored documents of one group, versions included, table by table (for a handover).

        The same records as :meth:`group_records`, as they are stored, so the
        handed-over file's records keep the history a later merge compares.
        """
        found: dict[str, dict[str, Any]] = {}
        with self._storage.locked():
            present = self._db.tables()
            for _kind, table, field in self._group_tables():
                if table in present:
                    docs = [dict(doc) for doc in self._db.table(table).all() if doc.get(field) == group_id]
                    if docs:
                        found[table] = {str(number): doc for number, doc in enumerate(docs, start=1)}
            summaries = []
            for meeting_id, _content in self._group_meetings(group_id):
                rows = [dict(doc) for doc in self._db.table(meeting_table(meeting_id)).all()]
                found[meeting_table(meeting_id)] = {str(number): doc for number, doc in enumerate(rows, start=1)}
                summary = summary_document(rows)
                if summary is not None:
                    summaries.append(summary)
            if summaries:
                found[MEETINGS] = {str(number): doc for number, doc in enumerate(summaries, start=1)}
        return found

    @staticmethod
    def _group_tables() -> list[tuple[type, str, str]]:
        """``(record type, table, field)``: the shared tables and the field naming the group in each."""
        return [(kind, table, "id" if kind is Group else "group_id") for kind, table in SHARED_TABLES.items()]

    def _group_meetings(self, group_id: str) -> list[tuple[str, MeetingContent]]:
        """``(meeting id, content)`` of the group's meetings, oldest first, read from the meeting tables."""
        found: list[tuple[str, MeetingContent]] = []
        with self._storage.locked():
            names = sorted(name for name in self._db.tables() if name.startswith(MEETING_PREFIX))
            for name in names:
                content = content_from_rows(self._db.table(name).all())
                if content is not None and content.meeting.group_id == group_id:
                    found.append((name[len(MEETING_PREFIX) :], content))
        return sorted(found, key=lambda pair: (pair[1].meeting.held_on, pair[0]))

    def now(self) -> datetime:
        """The repository's clock (frozen in tests)."""
        return self._clock()
