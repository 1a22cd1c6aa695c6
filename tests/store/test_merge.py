"""Merging two copies of a file (store/merge.py): what comes in, what conflicts, what stays deleted."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from intervisie_tui.core.demo import demo_records
from intervisie_tui.core.model import Group, Meeting, Member, Note
from intervisie_tui.core.versions import CONFLICTS
from intervisie_tui.store.backups import list_backups
from intervisie_tui.store.body import decode_table
from intervisie_tui.store.handover import export_group
from intervisie_tui.store.merge import UnrelatedFiles, merge_into
from intervisie_tui.store.repository import Repository, meeting_table
from intervisie_tui.store.versioning import REVIEW, TOMBSTONES
from tests.conftest import PASSPHRASE

LAPTOP_A, LAPTOP_B = "a" * 32, "b" * 32


@pytest.fixture
def copies(tmp_path: Path, clock, fast_kdf):
    """A demo file and a copy of it, opened as two laptops would; closed at the end."""
    opened: list[Repository] = []
    base = tmp_path / "a" / "groep.ivt"
    base.parent.mkdir()
    first = Repository.create(base, PASSPHRASE, kdf=fast_kdf, clock=clock, machine=LAPTOP_A)
    first.put(*demo_records(clock()))
    first.close()
    other = tmp_path / "b" / "groep.ivt"
    other.parent.mkdir()
    shutil.copy(base, other)

    def open_(path: Path, machine: str) -> Repository:
        repository = Repository.unlock(path, PASSPHRASE, clock=clock, machine=machine)
        opened.append(repository)
        return repository

    yield (lambda: open_(base, LAPTOP_A)), (lambda: open_(other, LAPTOP_B))
    for repository in opened:
        if repository.storage.vault.is_open:
            repository.close()


def _a_meeting(repository: Repository) -> Meeting:
    group = repository.groups()[0]
    content = repository.meeting_content(repository.meetings(group.id)[0].id)
    assert content is not None
    return content.meeting


def _notes(repository: Repository, meeting_id: str) -> dict[str, Note]:
    content = repository.meeting_content(meeting_id)
    assert content is not None
    return {note.id: note for note in content.notes}


def _table(repository: Repository, name: str) -> dict:
    raw = repository.storage.encoded_tables().get(name)
    return decode_table(raw) if raw is not None else {}


def test_records_added_on_each_laptop_both_arrive_and_a_second_merge_changes_nothing(copies, clock) -> None:
    open_a, open_b = copies
    a, b = open_a(), open_b()
    meeting = _a_meeting(a)
    note_a = Note(id="note-a", meeting_id=meeting.id, phase_key="x", text="van A", updated_at=clock())
    note_b = Note(id="note-b", meeting_id=meeting.id, phase_key="x", text="van B", updated_at=clock())
    a.put(note_a)
    b.put(note_b)
    member = a.members(a.groups()[0].id)[0]
    b.put(dataclasses.replace(member, name="Andere naam"))

    report = merge_into(a, b)

    assert report.changed and not report.conflicts
    notes = _notes(a, meeting.id)
    assert notes["note-a"].text == "van A" and notes["note-b"].text == "van B"
    assert {m.id: m.name for m in a.members(member.group_id)}[member.id] == "Andere naam"
    assert not merge_into(a, b).changed  # idempotent
    assert not merge_into(b, a).conflicts
    assert _notes(b, meeting.id).keys() == notes.keys()


def test_the_same_field_changed_on_both_keeps_both_values(copies) -> None:
    open_a, open_b = copies
    a, b = open_a(), open_b()
    meeting = _a_meeting(a)
    note = next(iter(_notes(a, meeting.id).values()))
    a.put(dataclasses.replace(note, text="tekst van A"))
    b.put(dataclasses.replace(note, text="tekst van B"))

    report = merge_into(a, b)

    assert [(kind, key) for kind, key, _group in report.conflicts] == [("note", note.id)]
    shown = _notes(a, meeting.id)[note.id].text
    doc = next(doc for doc in _table(a, meeting_table(meeting.id)).values() if doc.get("id") == note.id)
    kept = [value for _dot, value in doc[CONFLICTS]["text"]]
    assert {shown, *kept} == {"tekst van A", "tekst van B"}
    review = list(_table(a, REVIEW).values())
    assert review == [{"t": meeting_table(meeting.id), "r": note.id, "k": "note", "g": meeting.group_id}]
    # the other direction shows the same value: the choice does not depend on who merges
    assert merge_into(b, a).conflicts
    assert _notes(b, meeting.id)[note.id].text == shown


def test_a_deletion_does_not_come_back_from_the_other_copy(copies) -> None:
    open_a, open_b = copies
    a, b = open_a(), open_b()
    meeting = _a_meeting(a)
    note = next(iter(_notes(a, meeting.id).values()))
    a.remove(note)

    merge_into(a, b)
    merge_into(b, a)

    assert note.id not in _notes(a, meeting.id)
    assert note.id not in _notes(b, meeting.id)
    stones = [stone for stone in _table(a, TOMBSTONES).values() if stone["r"] == note.id]
    assert len(stones) == 1 and set(stones[0]) == {"t", "r", "v", "at", "by"}  # no content


def test_deleted_here_changed_there_is_kept_for_review(copies) -> None:
    open_a, open_b = copies
    a, b = open_a(), open_b()
    meeting = _a_meeting(a)
    note = next(iter(_notes(a, meeting.id).values()))
    a.remove(note)
    b.put(dataclasses.replace(note, text="nog aangevuld op B"))

    report = merge_into(a, b)

    assert note.id not in _notes(a, meeting.id)
    assert [key for _kind, key, _group in report.conflicts] == [note.id]
    stone = next(stone for stone in _table(a, TOMBSTONES).values() if stone["r"] == note.id)
    assert stone["x"]["text"] == "nog aangevuld op B"


def test_a_meeting_held_on_one_laptop_is_listed_on_the_other(copies, clock) -> None:
    open_a, open_b = copies
    a, b = open_a(), open_b()
    group = b.groups()[0]
    meeting = Meeting(id="nieuw", group_id=group.id, held_on=clock().date(), updated_at=clock())
    b.put(meeting)

    report = merge_into(a, b)

    assert report.new_meetings == 1
    assert "nieuw" in {summary.id for summary in a.meetings(group.id)}


def test_the_backup_is_taken_first_and_the_other_copy_is_not_changed(copies) -> None:
    open_a, open_b = copies
    a, b = open_a(), open_b()
    b.put(dataclasses.replace(b.groups()[0], name="Nieuwe naam"))
    other_bytes = b.path.read_bytes()
    before = a.path.read_bytes()

    merge_into(a, b)

    assert b.path.read_bytes() == other_bytes
    backups = list_backups(a.path)
    assert backups and backups[0].path.read_bytes() == before


def test_unrelated_files_are_refused_unless_groups_are_imported(tmp_path, clock, fast_kdf) -> None:
    one = Repository.create(tmp_path / "een.ivt", PASSPHRASE, kdf=fast_kdf, clock=clock)
    two = Repository.create(tmp_path / "twee.ivt", PASSPHRASE, kdf=fast_kdf, clock=clock)
    try:
        one.put(Group(id="g1", name="Een", updated_at=clock()))
        two.put(Group(id="g2", name="Twee", updated_at=clock()))
        with pytest.raises(UnrelatedFiles) as refused:
            merge_into(one, two)
        assert refused.value.exit_code == 8
        assert [group.id for group in one.groups()] == ["g1"]
        merge_into(one, two, import_groups=True)
        assert sorted(group.id for group in one.groups()) == ["g1", "g2"]
    finally:
        one.close()
        two.close()


def test_a_supervisors_copy_merges_into_the_handed_over_file_for_that_group_only(tmp_path, clock, fast_kdf) -> None:
    source = Repository.create(tmp_path / "begeleider.ivt", PASSPHRASE, kdf=fast_kdf, clock=clock, machine=LAPTOP_A)
    try:
        source.put(*demo_records(clock()))
        groups = source.groups()
        handed, kept = groups[0], groups[1]
        export_group(
            source, handed.id, tmp_path / "groep.ivt", "een andere zin voor de groep", kdf=fast_kdf, clock=clock
        )
        member = source.members(handed.id)[0]
        source.put(dataclasses.replace(member, learning_goal="Na de overdracht bijgewerkt"))
        source.put(dataclasses.replace(kept, name="Andere groep, anders genoemd"))
        group_file = Repository.unlock(
            tmp_path / "groep.ivt", "een andere zin voor de groep", clock=clock, machine=LAPTOP_B
        )
        try:
            report = merge_into(group_file, source)
            assert report.scope_group == handed.id and not report.conflicts
            assert [group.id for group in group_file.groups()] == [handed.id]
            goals = {m.id: m.learning_goal for m in group_file.members(handed.id)}
            assert goals[member.id] == "Na de overdracht bijgewerkt"
        finally:
            group_file.close()
    finally:
        source.close()


def test_a_forgotten_group_does_not_come_back_from_a_copy(copies) -> None:
    open_a, open_b = copies
    a, b = open_a(), open_b()
    group = a.groups()[0]
    a.remove_group(group.id)

    merge_into(a, b)

    assert group.id not in {g.id for g in a.groups()}
    assert a.meetings(group.id) == []


def test_members_added_on_both_laptops_are_all_there(copies, clock) -> None:
    open_a, open_b = copies
    a, b = open_a(), open_b()
    group = a.groups()[0]
    a.put(Member(id="m-a", group_id=group.id, name="Nieuw op A", updated_at=clock()))
    b.put(Member(id="m-b", group_id=group.id, name="Nieuw op B", updated_at=clock()))
    merge_into(a, b)
    assert {"m-a", "m-b"} <= {member.id for member in a.members(group.id)}


def test_a_conflict_decided_for_the_other_value_supersedes_both_copies(copies) -> None:
    from intervisie_tui.store.review import KEEP_OTHER, open_items, resolve_field

    open_a, open_b = copies
    a, b = open_a(), open_b()
    meeting = _a_meeting(a)
    note = next(iter(_notes(a, meeting.id).values()))
    a.put(dataclasses.replace(note, text="tekst van A"))
    b.put(dataclasses.replace(note, text="tekst van B"))
    merge_into(a, b)
    [item] = open_items(a, meeting.group_id)
    [conflict] = item.fields
    assert conflict.field == "text" and {conflict.shown, *conflict.others} == {"tekst van A", "tekst van B"}

    resolve_field(a, item, "text", KEEP_OTHER)

    assert open_items(a) == []
    decided = _notes(a, meeting.id)[note.id].text
    assert decided == conflict.others[0]
    merge_into(b, a)  # the decision travels back and wins there too
    assert _notes(b, meeting.id)[note.id].text == decided
    assert open_items(b) == []


def test_a_deleted_record_changed_elsewhere_can_be_brought_back_or_let_go(copies) -> None:
    from intervisie_tui.store.review import open_items, resolve_deleted

    open_a, open_b = copies
    a, b = open_a(), open_b()
    meeting = _a_meeting(a)
    first, second = list(_notes(a, meeting.id).values())[:2]
    a.remove(first, second)
    b.put(dataclasses.replace(first, text="aangevuld 1"), dataclasses.replace(second, text="aangevuld 2"))
    merge_into(a, b)
    items = {item.record_id: item for item in open_items(a)}
    assert items[first.id].kept is not None and items[first.id].kept["text"] == "aangevuld 1"

    resolve_deleted(a, items[first.id], bring_back=True)
    resolve_deleted(a, items[second.id], bring_back=False)

    notes = _notes(a, meeting.id)
    assert notes[first.id].text == "aangevuld 1" and second.id not in notes
    assert open_items(a) == []
    merge_into(b, a)
    assert _notes(b, meeting.id)[first.id].text == "aangevuld 1" and second.id not in _notes(b, meeting.id)


def test_a_conflict_copy_is_merged_kept_as_merged_n_and_removed(copies, tmp_path) -> None:
    from intervisie_tui.store.merged_copies import list_merged, merge_copy

    open_a, open_b = copies
    a, b = open_a(), open_b()
    group = b.groups()[0]
    b.put(dataclasses.replace(group, name="Hernoemd op B"))
    b.close()
    conflict = a.path.with_name("groep.sync-conflict-20261205-101500-ABC1234.ivt")
    shutil.copy(b.path, conflict)

    done = merge_copy(a, conflict)

    assert done.report.changed and a.group(group.id).name == "Hernoemd op B"
    assert not conflict.exists()
    assert list_merged(a.path) == [done.kept] and done.kept.name == "groep.ivt.merged-1"
    kept = Repository.unlock(done.kept, PASSPHRASE, clock=a.now, lock=False)  # the file's passphrase opens it
    try:
        assert kept.group(group.id).name == "Hernoemd op B"
    finally:
        kept.close()


def test_a_merge_reads_the_other_copys_meetings_without_keeping_them(copies, clock) -> None:
    open_a, open_b = copies
    a, b = open_a(), open_b()
    group = b.groups()[0]
    meeting_id = b.meetings(group.id)[0].id
    b.put(Note(id="note-b", meeting_id=meeting_id, phase_key="x", text="van B", updated_at=clock()))
    held = b.storage.held_bytes(), a.storage.held_bytes()

    assert merge_into(a, b).changed

    assert b.storage.held_bytes() == held[0]  # the other copy: read, compared, let go
    assert a.storage.held_bytes() < held[1] + 64 * 1024  # ours: only what the merge wrote
    assert "note-b" in _notes(a, meeting_id)


def test_a_record_made_and_deleted_on_the_other_copy_comes_in_as_a_deletion(copies, clock) -> None:
    open_a, open_b = copies
    a, b = open_a(), open_b()
    meeting_id = b.meetings(b.groups()[0].id)[0].id
    note = Note(id="kort", meeting_id=meeting_id, phase_key="x", text="even", updated_at=clock())
    b.put(note)
    b.remove(note)

    report = merge_into(a, b)

    assert report.incoming == (("deletion", 1),)
    assert "kort" not in _notes(a, meeting_id)


def test_both_versions_are_kept_only_where_a_field_can_hold_both() -> None:
    from intervisie_tui.store.review import both_values

    assert both_values("text", "A", ["B"]) == "A\nB"
    assert both_values("acceptances", [{"m": 1}], [[{"m": 1}, {"m": 2}]]) == [{"m": 1}, {"m": 2}]
    assert both_values("joined_on", "2026-01-05", ["2026-02-01"]) is None  # would not read back as a date
    assert both_values("name", "Anouk", ["Anouk de Vries"]) is None
    assert both_values("phases", [{"key": "a"}], [[{"key": "b"}]]) is None
