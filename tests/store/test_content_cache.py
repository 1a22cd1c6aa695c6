"""A meeting read twice is decoded once, and never read stale: every way a table changes shows up."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tinydb import Query

from intervisie_tui.core.model import new_id
from intervisie_tui.store import repository as repository_module
from intervisie_tui.store.repository import meeting_table
from tests.store.test_repository import World, raw_db


@pytest.fixture
def world(clock) -> World:
    return World(clock())


@pytest.fixture
def stored(new_repository, world: World):
    repository = new_repository()
    repository.put(*world.records())
    return repository


def test_a_meeting_read_twice_is_decoded_once(stored, world: World) -> None:
    first = stored.meeting_content(world.meeting.id)
    assert first is not None
    assert stored.meeting_content(world.meeting.id) is first


def test_a_put_into_the_meeting_is_read_back(stored, world: World) -> None:
    before = stored.meeting_content(world.meeting.id)
    note = replace(world.note, id=new_id(), text="Nieuw", position=9)
    stored.put(note)
    after = stored.meeting_content(world.meeting.id)
    assert after is not before
    assert note in after.notes


def test_a_remove_from_the_meeting_is_read_back(stored, world: World) -> None:
    stored.meeting_content(world.meeting.id)
    stored.remove(world.note)
    assert world.note not in stored.meeting_content(world.meeting.id).notes


def test_a_write_around_the_repository_is_read_back(stored, world: World) -> None:
    """store/review.py and merges write through another TinyDB over the same storage."""
    stored.meeting_content(world.meeting.id)
    raw_db(stored).table(meeting_table(world.meeting.id)).update({"text": "Anders"}, Query().id == world.note.id)
    notes = stored.meeting_content(world.meeting.id).notes
    assert [note.text for note in notes if note.id == world.note.id] == ["Anders"]


def test_a_batch_sees_its_own_writes_and_a_failed_one_leaves_none(stored, world: World) -> None:
    stored.meeting_content(world.meeting.id)
    changed = replace(world.note, text="In de batch")
    with pytest.raises(ValueError), stored.batch():
        stored.put(changed)
        assert changed in stored.meeting_content(world.meeting.id).notes
        raise ValueError("roll back")
    assert world.note in stored.meeting_content(world.meeting.id).notes
    with stored.batch():
        stored.put(changed)
    assert changed in stored.meeting_content(world.meeting.id).notes


def test_replaced_tables_are_read_back(stored, world: World) -> None:
    """A merge writes whole tables (replace_tables)."""
    stored.meeting_content(world.meeting.id)
    name = meeting_table(world.meeting.id)
    table = dict(stored.storage.read()[name])
    for key, row in table.items():
        if row.get("id") == world.note.id:
            table[key] = {**row, "text": "Samengevoegd"}
    stored.replace_tables({name: table}, [])
    notes = stored.meeting_content(world.meeting.id).notes
    assert [note.text for note in notes if note.id == world.note.id] == ["Samengevoegd"]


def test_closing_forgets_what_was_decoded(stored, world: World) -> None:
    stored.meeting_content(world.meeting.id)
    stored.close()
    assert stored._contents.ids() == []


def test_the_cache_holds_a_bounded_number_of_meetings(stored, world: World, monkeypatch) -> None:
    monkeypatch.setattr(repository_module, "CACHED_MEETINGS", 2)
    meetings = [replace(world.meeting, id=new_id()) for _ in range(3)]
    stored.put(*meetings)
    for meeting in meetings:
        stored.meeting_content(meeting.id)
    assert stored._contents.ids() == [meeting.id for meeting in meetings[1:]]
