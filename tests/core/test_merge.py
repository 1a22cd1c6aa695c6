"""Merging two versions of a record (core/merge.py): taken, superseded, combined or kept as a conflict."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from intervisie_tui.core.merge import Entry, merge_entries, merge_table, merge_versions
from intervisie_tui.core.versions import CONFLICTS, VERSION, stamp, tombstone

BASE = {"id": "n", "text": "begin", "kind": "open", VERSION: {"r0": 1}}


def edit(doc: dict, replica: str, **fields: str) -> dict:
    return stamp(doc, {**doc, **fields}, replica)


def test_a_version_that_saw_the_other_supersedes_it() -> None:
    later = edit(BASE, "a", text="later")
    assert merge_versions(BASE, later) == later
    assert merge_versions(later, BASE) == later


def test_changes_to_different_fields_are_combined() -> None:
    merged = merge_versions(edit(BASE, "a", text="van A"), edit(BASE, "b", kind="gesloten"))
    assert merged is not None
    assert (merged["text"], merged["kind"]) == ("van A", "gesloten")
    assert CONFLICTS not in merged
    assert merged[VERSION] == {"a": 1, "b": 1, "r0": 1}


def test_changes_to_one_field_keep_both_values() -> None:
    one, other = edit(BASE, "a", text="van A"), edit(BASE, "b", text="van B")
    merged = merge_versions(one, other)
    assert merged == merge_versions(other, one)
    assert merged is not None
    assert {merged["text"], *(value for _dot, value in merged[CONFLICTS]["text"])} == {"van A", "van B"}


def test_a_change_after_the_merge_decides_the_conflict_for_every_copy() -> None:
    one, other = edit(BASE, "a", text="van A"), edit(BASE, "b", text="van B")
    merged = merge_versions(one, other)
    assert merged is not None
    decided = edit(merged, "a", text="besloten")
    assert CONFLICTS not in decided
    assert merge_versions(decided, other) == decided


def test_values_kept_from_before_versions_are_compared_as_values() -> None:
    old_a = {"id": "n", "text": "oud", "kind": "x"}
    old_b = {"id": "n", "text": "anders", "kind": "x"}
    merged = merge_versions(old_a, old_b)
    assert merged is not None
    assert merged["kind"] == "x"
    assert {merged["text"], *(value for _dot, value in merged[CONFLICTS]["text"])} == {"oud", "anders"}


def test_a_deletion_wins_over_what_it_saw_and_keeps_a_concurrent_change() -> None:
    stone = tombstone("t", BASE, "a", "2026-12-05T10:00:00")
    assert merge_entries(Entry(stone=stone), Entry(live=BASE)) == Entry(stone=stone)
    changed = edit(BASE, "b", text="nog iets")
    merged = merge_entries(Entry(stone=stone), Entry(live=changed))
    assert merged.live is None and merged.stone is not None and merged.stone["x"] == changed


def test_a_table_reports_what_came_in_and_what_conflicts() -> None:
    ours = {"n": edit(BASE, "a", text="A")}
    theirs = {"n": edit(BASE, "b", text="B"), "m": {"id": "m", "text": "nieuw", VERSION: {"b": 1}}}
    merged = merge_table(ours, {}, theirs, {})
    assert sorted(merged.incoming) == ["m", "n"]
    assert merged.conflicted == ["n"]


# -- the merge's algebra on single records ---------------------------------------------------

_fields = st.sampled_from(["text", "kind"])
_values = st.sampled_from(["x", "y", "z"])
_ops = st.lists(st.tuples(st.sampled_from(["edit", "delete"]), _fields, _values), max_size=4)


def _run(replica: str, ops: list[tuple[str, str, str]]) -> Entry:
    entry = Entry(live=dict(BASE))
    for op, field, value in ops:
        if entry.live is None:
            break
        if op == "edit":
            entry = Entry(live=edit(entry.live, replica, **{field: value}))
        else:
            entry = Entry(stone=tombstone("t", entry.live, replica, "2026-12-05T10:00:00"))
    return entry


@given(_ops, _ops, _ops)
def test_merging_records_is_commutative_associative_and_idempotent(ops_a, ops_b, ops_c) -> None:
    a, b, c = _run("a", ops_a), _run("b", ops_b), _run("c", ops_c)
    assert merge_entries(a, b) == merge_entries(b, a)
    assert merge_entries(merge_entries(a, b), c) == merge_entries(a, merge_entries(b, c))
    ab = merge_entries(a, b)
    assert merge_entries(ab, ab) == ab
    assert merge_entries(ab, a) == ab
