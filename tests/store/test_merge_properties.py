"""Property: copies that went separate ways merge to one content, in any order, losing nothing.

Three copies start from one file. Each gets a random sequence of the app's own
record operations (notes, questions, members, agreements, meetings advanced and
closed, the group changed; adds, edits, deletions) on its own "laptop" (its own
replica), one of them with a clock hours behind. Then the copies are merged in
different orders. Issue 19's "Done when": merge is commutative and associative on
content, merging twice equals merging once, and no change made on any copy is lost
(it is in the result, or kept there as a conflict entry).
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intervisie_tui.core.demo import demo_records
from intervisie_tui.core.model import Agreement, Meeting, MeetingStatus, Member, Note, Question
from intervisie_tui.core.versions import CONFLICTS, DOTS, VERSION, canonical, content, seen_by
from intervisie_tui.store.body import decode_table
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS
from intervisie_tui.store.merge import plan_merge
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.versioning import TOMBSTONES, versioned
from tests.conftest import PASSPHRASE, FrozenClock

EXAMPLES = 300
MACHINES = ("a" * 32, "b" * 32, "c" * 32)
SKEW = (timedelta(0), timedelta(hours=-5), timedelta(minutes=7))
"""Laptop b's clock is five hours behind: nothing may depend on it."""
WORDS = ("ja", "nee", "misschien")

Tables = dict[str, Any]


@pytest.fixture(scope="module")
def base_file() -> Iterator[Path]:
    """The common file every example's copies start from (on a memory disk where there is one)."""
    memory = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(dir=memory if memory.is_dir() else None))
    path = folder / "basis.ivt"
    clock = FrozenClock()
    repository = Repository.create(path, PASSPHRASE, kdf=ARGON2ID_FAST_FOR_TESTS, clock=clock, machine="0" * 32)
    repository.put(*demo_records(clock()))
    repository.close()
    yield path
    shutil.rmtree(folder, ignore_errors=True)


# -- the operations: each picks its records by position among what the copy holds -----------------

OPERATIONS = (
    "add_note",
    "edit_note",
    "delete_note",
    "add_question",
    "edit_question",
    "delete_question",
    "add_member",
    "rename_member",
    "archive_member",
    "add_agreement",
    "edit_agreement",
    "delete_agreement",
    "advance_meeting",
    "close_meeting",
    "change_group",
    "new_meeting",
)
operation = st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 7), st.sampled_from(WORDS))


def _pick(items: list[Any], index: int) -> Any | None:
    items = sorted(items, key=lambda item: getattr(item, "id", None) or item.meeting.id)
    return items[index % len(items)] if items else None


def apply(repository: Repository, copy: str, step: int, op: tuple[str, int, str]) -> None:
    """One of the app's record operations on ``repository``, as laptop ``copy`` makes it."""
    name, index, word = op
    now = repository.now()
    group = _pick(repository.groups(), index)
    assert group is not None
    meetings = [repository.meeting_content(summary.id) for summary in repository.meetings(group.id)]
    content_ = _pick([found for found in meetings if found is not None], index)
    new = f"{copy}-{step}"
    if name == "add_note" and content_ is not None:
        repository.put(Note(id=new, meeting_id=content_.meeting.id, phase_key="p", text=word, updated_at=now))
    elif name in ("edit_note", "delete_note") and content_ is not None and content_.notes:
        note = _pick(list(content_.notes), index)
        if name == "edit_note":
            repository.put(dataclasses.replace(note, text=f"{note.text} {word}", updated_at=now))
        else:
            repository.remove(note)
    elif name == "add_question" and content_ is not None:
        repository.put(
            Question(id=new, meeting_id=content_.meeting.id, case_id="", asker_id="", text=word, updated_at=now)
        )
    elif name in ("edit_question", "delete_question") and content_ is not None and content_.questions:
        question = _pick(list(content_.questions), index)
        if name == "edit_question":
            repository.put(dataclasses.replace(question, text=word, kind="open", updated_at=now))
        else:
            repository.remove(question)
    elif name == "add_member":
        repository.put(Member(id=new, group_id=group.id, name=word, updated_at=now))
    elif name in ("rename_member", "archive_member"):
        member = _pick(repository.members(group.id), index)
        if member is not None:
            changed = {"name": word} if name == "rename_member" else {"active": not member.active}
            repository.put(dataclasses.replace(member, **changed, updated_at=now))
    elif name == "add_agreement":
        repository.put(Agreement(id=new, group_id=group.id, text=word, updated_at=now))
    elif name in ("edit_agreement", "delete_agreement"):
        agreement = _pick(repository.agreements(group.id), index)
        if agreement is not None and name == "edit_agreement":
            repository.put(dataclasses.replace(agreement, text=word, updated_at=now))
        elif agreement is not None:
            repository.remove(agreement)
    elif name in ("advance_meeting", "close_meeting") and content_ is not None:
        meeting = content_.meeting
        if name == "advance_meeting":
            repository.put(dataclasses.replace(meeting, current=meeting.current + 1, status=MeetingStatus.RUNNING))
        else:
            repository.put(dataclasses.replace(meeting, status=MeetingStatus.CLOSED, actual_end=now))
    elif name == "change_group":
        repository.put(dataclasses.replace(group, discipline=word, updated_at=now))
    elif name == "new_meeting":
        repository.put(Meeting(id=new, group_id=group.id, held_on=now.date(), updated_at=now))


def run_copy(base: Path, folder: Path, copy: int, ops: list[tuple[str, int, str]]) -> Tables:
    """Copy ``base`` to laptop ``copy``, apply ``ops`` there; returns its tables (encoded)."""
    path = folder / f"kopie-{copy}.ivt"
    shutil.copy(base, path)
    clock = FrozenClock()
    clock.now += SKEW[copy]
    repository = Repository.unlock(path, PASSPHRASE, clock=clock, lock=False, machine=MACHINES[copy])
    try:
        for step, op in enumerate(ops):
            apply(repository, "abc"[copy], step, op)
            clock.advance(minutes=1)
        return repository.storage.encoded_tables()
    finally:
        repository.close()


def merged(ours: Tables, theirs: Tables) -> Tables:
    """``theirs`` merged into ``ours``: the whole database as the merge would write it."""
    return plan_merge(ours, theirs).apply(ours)


def state(tables: Mapping[str, Any]) -> dict[str, Any]:
    """A copy's content: every record (versions included) and tombstone; derived tables left out."""
    records = {
        name: {str(doc["id"]): canonical(doc) for doc in decode_table(raw).values() if "id" in doc}
        for name, raw in tables.items()
        if versioned(name)
    }
    stones = {}
    if TOMBSTONES in tables:
        stones = {(stone["t"], stone["r"]): canonical(stone) for stone in decode_table(tables[TOMBSTONES]).values()}
    return {"records": {name: docs for name, docs in records.items() if docs}, "stones": stones}


def values_of(doc: Mapping[str, Any], field: str) -> set[str]:
    """Every value the merged record holds for ``field``: the shown one and its conflict entries."""
    found = {canonical(doc[field])} if field in doc else set()
    return found | {canonical(value) for _dot, value in (doc.get(CONFLICTS) or {}).get(field, [])}


def assert_nothing_lost(copy: Tables, result: Tables) -> None:
    """Every change a copy made is in the merged result, or kept there as a conflict entry."""
    result_docs = {
        name: {str(doc["id"]): doc for doc in decode_table(raw).values() if "id" in doc}
        for name, raw in result.items()
        if versioned(name)
    }
    stones = {}
    if TOMBSTONES in result:
        stones = {(stone["t"], stone["r"]): stone for stone in decode_table(result[TOMBSTONES]).values()}
    for name, raw in copy.items():
        if not versioned(name):
            continue
        for doc in decode_table(raw).values():
            if "id" not in doc or not doc.get(VERSION):
                continue
            key = str(doc["id"])
            kept = result_docs.get(name, {}).get(key)
            if kept is None:
                stone = stones.get((name, key))
                assert stone is not None, f"{name}/{key} vanished without a tombstone"
                if seen_by(doc[VERSION], stone["v"]):
                    continue  # deleted on another copy, and this copy changed nothing the deletion had not seen
                kept = stone.get("x")
                assert kept is not None, f"{name}/{key}: a change was dropped by a deletion"
            changed = doc.get(DOTS) or {}
            for field in changed:
                assert canonical(doc[field]) in values_of(kept, field), f"{name}/{key}.{field} lost"
            if not changed:  # made on this copy: every field as made
                for field, value in content(doc).items():
                    assert canonical(value) in values_of(kept, field) or field in (kept.get(DOTS) or {}), (
                        name,
                        key,
                        field,
                    )
    for key, stone in ((tuple(k), s) for k, s in _stones(copy).items()):
        name, record = key
        live = result_docs.get(name, {}).get(record)
        assert live is None or seen_by(stone["v"], live.get(VERSION)), f"{name}/{record} came back after its deletion"


def _stones(tables: Mapping[str, Any]) -> dict[tuple[str, str], Any]:
    if TOMBSTONES not in tables:
        return {}
    return {(stone["t"], stone["r"]): stone for stone in decode_table(tables[TOMBSTONES]).values()}


copies_ops = st.lists(st.lists(operation, max_size=6), min_size=3, max_size=3)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=copies_ops)
def test_copies_merge_to_one_content_in_any_order_and_nothing_is_lost(base_file: Path, ops) -> None:
    folder = Path(tempfile.mkdtemp(dir=base_file.parent))
    try:
        a, b, c = (run_copy(base_file, folder, copy, copy_ops) for copy, copy_ops in enumerate(ops))
        ab, ba = merged(a, b), merged(b, a)
        assert state(ab) == state(ba)  # commutative
        assert state(merged(ab, c)) == state(merged(a, merged(b, c)))  # associative
        assert state(merged(ab, b)) == state(ab) and state(merged(ab, ab)) == state(ab)  # idempotent
        everything = merged(merged(c, a), b)
        assert state(everything) == state(merged(ab, c))
        for copy in (a, b, c):
            assert_nothing_lost(copy, everything)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
