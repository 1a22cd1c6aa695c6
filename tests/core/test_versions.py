"""Version vectors and stamps (core/versions.py): which change has seen which."""

from __future__ import annotations

from intervisie_tui.core.versions import (
    CONFLICTS,
    DOTS,
    VERSION,
    content,
    dot_seen,
    join,
    seen_by,
    stamp,
    tombstone,
)


def test_join_takes_the_larger_counter_of_each_replica() -> None:
    assert join({"a": 2, "b": 1}, {"b": 3, "c": 1}, None) == {"a": 2, "b": 3, "c": 1}


def test_seen_by_compares_every_replica() -> None:
    assert seen_by({"a": 1}, {"a": 2, "b": 1})
    assert not seen_by({"a": 1, "b": 2}, {"a": 2, "b": 1})
    assert seen_by({}, {})
    assert dot_seen(None, {}) and dot_seen(("a", 2), {"a": 2}) and not dot_seen(("a", 3), {"a": 2})


def test_a_new_record_gets_its_first_version_and_no_dots() -> None:
    made = stamp(None, {"id": "n", "text": "x"}, "r1")
    assert made == {"id": "n", "text": "x", VERSION: {"r1": 1}}


def test_an_unchanged_record_keeps_its_version_exactly() -> None:
    old = {"id": "n", "text": "x", VERSION: {"r1": 1}}
    assert stamp(old, {"id": "n", "text": "x"}, "r2") == old


def test_a_changed_field_gets_the_changes_dot_and_loses_its_conflicts() -> None:
    old = {
        "id": "n",
        "text": "x",
        "kind": "a",
        VERSION: {"r1": 1},
        CONFLICTS: {"text": [[["r9", 1], "y"]], "kind": [[None, "b"]]},
    }
    new = stamp(old, {**old, "text": "z"}, "r2")
    assert new[VERSION] == {"r1": 1, "r2": 1}
    assert new[DOTS] == {"text": ["r2", 1]}
    assert new[CONFLICTS] == {"kind": [[None, "b"]]}  # only the field written was decided


def test_clearing_a_fields_conflicts_is_a_decision_even_when_the_value_stays() -> None:
    old = {"id": "n", "text": "x", VERSION: {"r1": 2}, CONFLICTS: {"text": [[["r9", 1], "y"]]}}
    new = stamp(old, {"id": "n", "text": "x", CONFLICTS: {}}, "r1")
    assert new[VERSION] == {"r1": 3} and new[DOTS] == {"text": ["r1", 3]} and CONFLICTS not in new


def test_a_record_brought_back_supersedes_its_tombstone() -> None:
    made = stamp(None, {"id": "n", "text": "x"}, "r1", after={"r1": 4, "r2": 2})
    assert made[VERSION] == {"r1": 5, "r2": 2}


def test_a_tombstone_keeps_no_content() -> None:
    stone = tombstone("notes", {"id": "n", "text": "geheim", VERSION: {"r1": 2}}, "r1", "2026-12-05T10:00:00+01:00")
    assert stone == {"t": "notes", "r": "n", "v": {"r1": 3}, "at": "2026-12-05T10:00:00+01:00", "by": "r1"}
    assert "geheim" not in repr(stone)
    assert content({"id": "n", VERSION: {}, DOTS: {}, CONFLICTS: {}}) == {"id": "n"}
