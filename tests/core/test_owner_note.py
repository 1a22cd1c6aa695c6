"""A fresh owner note from another computer means "open there"; an old one or our own does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from intervisie_tui.core.owner_note import OwnerNote, open_elsewhere

NOW = datetime(2026, 12, 5, 10, 20, tzinfo=UTC)


def note(host: str = "LAPTOP2", seen_ago: timedelta = timedelta(seconds=30)) -> OwnerNote:
    return OwnerNote(host=host, pid=42, since=NOW - timedelta(minutes=5), seen=NOW - seen_ago)


def test_a_note_refreshed_a_moment_ago_on_another_host_is_open_elsewhere() -> None:
    assert open_elsewhere(note(), "LAPTOP1", NOW)
    assert open_elsewhere(note(seen_ago=timedelta(seconds=119)), "LAPTOP1", NOW)


def test_a_note_not_refreshed_for_two_minutes_is_left_behind() -> None:
    assert not open_elsewhere(note(seen_ago=timedelta(minutes=2)), "LAPTOP1", NOW)
    assert not open_elsewhere(note(seen_ago=timedelta(days=3)), "LAPTOP1", NOW)


def test_our_own_host_or_no_note_is_not_elsewhere() -> None:
    assert not open_elsewhere(note(host="LAPTOP1"), "LAPTOP1", NOW)
    assert not open_elsewhere(note(host=""), "LAPTOP1", NOW)
    assert not open_elsewhere(None, "LAPTOP1", NOW)


def test_a_note_from_a_clock_ahead_counts_as_fresh() -> None:
    assert open_elsewhere(note(seen_ago=-timedelta(hours=1)), "LAPTOP1", NOW)
