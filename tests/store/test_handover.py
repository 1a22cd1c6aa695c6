"""Handover: one group to a new file of its own; nothing of other groups, never a supervisor's note."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tinydb import Query, TinyDB

from intervisie_tui.core.method_copies import GroupMethod, copy_method
from intervisie_tui.core.methods import Text, load_shipped
from intervisie_tui.core.model import (
    Acceptance,
    Agreement,
    Attendance,
    Case,
    CaseStatus,
    Evaluation,
    FeedbackItem,
    Graduation,
    Group,
    Meeting,
    Member,
    Note,
    Question,
    Round,
    SupervisorNote,
    Turn,
    new_id,
)
from intervisie_tui.store import handover as handover_module
from intervisie_tui.store.backups import list_backups
from intervisie_tui.store.body import decode_table
from intervisie_tui.store.errors import SaveFailed, WrongPassphrase
from intervisie_tui.store.fileformat import parse_header
from intervisie_tui.store.filekey import open_tables, read_data_file
from intervisie_tui.store.handover import (
    HandoverRefused,
    check_out_path,
    export_group,
    forget_group,
    purge_backups,
)
from intervisie_tui.store.layout import META, SHARED_TABLES, meeting_table
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.supervisor_notes import SupervisorNotebook
from tests.conftest import PASSPHRASE

GROUP_PASSPHRASE = "de groep heeft nu een eigen sleutel"
NOTEBOOK_PASSPHRASE = "alleen voor de begeleider zelf"
SUPERVISOR_CANARY = "CANARY-SUPERVISOR-7f3a"
OTHER_CANARY = "CANARY-OTHER-GROUP-2c9e"
OWN_MARK = "EIGEN-GROEP-a1b2"


def full_group(now: datetime, name: str, mark: str) -> list[Any]:
    """A group with one or more of every record type; ``mark`` is written into every text field."""
    group = Group(id=new_id(), name=f"{name} {mark}", discipline=mark, organisation=mark, updated_at=now)
    anouk = Member(id=new_id(), group_id=group.id, name=f"Anouk {mark}", profession=mark, updated_at=now)
    bram = Member(id=new_id(), group_id=group.id, name=f"Bram {mark}", active=False, updated_at=now)
    agreement = Agreement(
        id=new_id(),
        group_id=group.id,
        text=f"Wat hier besproken wordt, blijft hier. {mark}",
        position=1,
        acceptances=(Acceptance(member_id=anouk.id, accepted_on=date(2026, 1, 5)),),
        updated_at=now,
    )
    shipped = load_shipped().get("kernkwadranten")
    assert shipped is not None
    method = GroupMethod(
        id=new_id(),
        group_id=group.id,
        updated_at=now,
        method=copy_method(shipped, "eigen_" + new_id(), Text(nl=f"Eigen {mark}", en=f"Own {mark}")),
    )
    graduation = Graduation(
        id=new_id(),
        group_id=group.id,
        signed_on=date(2026, 6, 30),
        supervisor=f"Ellen {mark}",
        remark=f"Klaar {mark}",
        updated_at=now,
    )
    records: list[Any] = [group, anouk, bram, agreement, method, graduation]
    for weeks in (8, 0):
        meeting = Meeting(
            id=new_id(),
            group_id=group.id,
            held_on=date(2026, 11, 22) - timedelta(weeks=weeks),
            chair_id=anouk.id,
            updated_at=now,
        )
        case = Case(
            id=new_id(),
            meeting_id=meeting.id,
            inbrenger_id=anouk.id,
            title=f"Huisbezoek {mark}",
            question=f"Hoe kan ik {mark}?",
            status=CaseStatus.DONE,
            takeaway=mark,
            updated_at=now,
        )
        records += [
            meeting,
            case,
            Question(
                id=new_id(),
                meeting_id=meeting.id,
                case_id=case.id,
                asker_id=bram.id,
                text=f"Wat deed je toen {mark}?",
                position=1,
                updated_at=now,
            ),
            Note(id=new_id(), meeting_id=meeting.id, phase_key="q", text=f"Kern {mark}", updated_at=now),
            FeedbackItem(id=new_id(), meeting_id=meeting.id, giver_id=bram.id, top=mark, tip=mark, updated_at=now),
            Attendance(id=new_id(), meeting_id=meeting.id, member_id=anouk.id, updated_at=now),
            Round(
                id=new_id(),
                meeting_id=meeting.id,
                phase_key="q",
                order=(anouk.id, bram.id),
                turns=(Turn(member_id=anouk.id, contributions=1),),
                updated_at=now,
            ),
            Evaluation(id=new_id(), meeting_id=meeting.id, member_id=bram.id, takeaway=mark, rating=8, updated_at=now),
        ]
    return records


def by_id(records: list[Any]) -> list[Any]:
    """Records in a fixed order, to compare two files' contents with ==."""
    return sorted(records, key=lambda record: (type(record).__name__, record.id))


def plaintext(path: Path, passphrase: str) -> str:
    """Decrypt a whole file and dump every table as JSON text (what an attacker with the key would see)."""
    _key, tables, _tail = open_tables(read_data_file(path), passphrase)
    tables = {name: decode_table(raw) for name, raw in tables.items()}
    return json.dumps(tables, ensure_ascii=False)


def table_names(path: Path, passphrase: str) -> set[str]:
    """The tables in a file."""
    _key, tables, _tail = open_tables(read_data_file(path), passphrase)
    return set(tables)


@pytest.fixture
def source(new_repository, clock):
    """The supervisor's file: the group to hand over (``own``) and another group with canaries (``other``)."""
    repository = new_repository()
    own = full_group(clock(), "Jeugdbescherming Oost", OWN_MARK)
    other = full_group(clock(), "Wijkverpleging Zuid", OTHER_CANARY)
    repository.put(*own, *other)
    return repository, own, other


@pytest.fixture
def out_file(tmp_path: Path) -> Path:
    """Where the handover goes: a folder of its own (scanned whole by the canary test)."""
    folder = tmp_path / "overdracht"
    folder.mkdir()
    return folder / "groep-overdracht.ivt"


def export(repository: Repository, group_id: str, out: Path, fast_kdf, clock, passphrase: str = GROUP_PASSPHRASE):
    return export_group(repository, group_id, out, passphrase, kdf=fast_kdf, clock=clock)


# -- what goes in ------------------------------------------------------------------


def test_the_handover_file_holds_exactly_the_group(source, out_file: Path, fast_kdf, clock) -> None:
    """Every record of the group comes back equal (==) from the new file; nothing of the other group."""
    repository, own, other = source
    group_id = own[0].id
    report = export(repository, group_id, out_file, fast_kdf, clock)

    assert report == handover_module.HandoverReport(
        path=out_file, group_id=group_id, members=2, meetings=2, records=len(own)
    )
    handed = Repository.unlock(out_file, GROUP_PASSPHRASE, clock=clock)
    try:
        assert by_id(handed.group_records(group_id)) == by_id(own)
        assert by_id(repository.group_records(group_id)) == by_id(own)
        assert handed.groups() == [own[0]]
        assert handed.group_records(other[0].id) == []
        assert handed.members(group_id) == repository.members(group_id)  # the archived member too
        assert handed.agreements(group_id) == repository.agreements(group_id)
        assert handed.group_methods(group_id) == repository.group_methods(group_id)
        assert handed.graduations(group_id) == repository.graduations(group_id)
        assert handed.meetings(group_id) == repository.meetings(group_id)
        for summary in repository.meetings(group_id):
            assert handed.meeting_content(summary.id) == repository.meeting_content(summary.id)
    finally:
        handed.close()
    own_meetings = {meeting_table(record.id) for record in own if isinstance(record, Meeting)}
    assert table_names(out_file, GROUP_PASSPHRASE) == {
        META,
        "groups",
        "members",
        "agreements",
        "methods",
        "graduations",
        "meetings",
        *own_meetings,
    }


def test_the_handover_file_opens_with_the_groups_passphrase_only(source, out_file: Path, fast_kdf, clock) -> None:
    """The new file has its own salt; the supervisor's passphrase does not open it."""
    repository, own, _other = source
    export(repository, own[0].id, out_file, fast_kdf, clock)
    with pytest.raises(WrongPassphrase):
        Repository.unlock(out_file, PASSPHRASE, clock=clock)
    Repository.unlock(out_file, GROUP_PASSPHRASE, clock=clock).close()
    assert parse_header(out_file.read_bytes()).salt != parse_header(repository.path.read_bytes()).salt


def test_the_source_file_is_not_written(source, out_file: Path, fast_kdf, clock) -> None:
    """A handover only reads the supervisor's file: its bytes stay the same and no backup is taken."""
    repository, own, _other = source
    before = repository.path.read_bytes()
    export(repository, own[0].id, out_file, fast_kdf, clock)
    assert repository.path.read_bytes() == before
    assert list_backups(repository.path) == []


def test_no_canary_reaches_the_handover_file_or_its_folder(source, out_file: Path, fast_kdf, clock) -> None:
    """Supervisor notes (in a notebook beside the file) and another group's texts are nowhere in the result.

    The handover file is decrypted and every table dumped; its raw bytes and
    every file in the output folder are scanned as well. The same dump of the
    source proves the scan would see a canary that is there.
    """
    repository, own, other = source
    group = own[0]
    notebook = SupervisorNotebook.create(
        repository.path.parent / "begeleider-notities.ivt", NOTEBOOK_PASSPHRASE, kdf=fast_kdf, clock=clock
    )
    with notebook:
        for group_of_note in (group, other[0]):
            notebook.add(
                SupervisorNote(
                    id=new_id(),
                    group_id=group_of_note.id,
                    group_name=SUPERVISOR_CANARY,
                    written_at=clock(),
                    text=f"Spanning in de groep {SUPERVISOR_CANARY}",
                    updated_at=clock(),
                )
            )
        with pytest.raises(TypeError):
            repository.put(notebook.notes()[0])  # the only way a note could reach the group's file
    source_dump = plaintext(repository.path, PASSPHRASE)
    assert OTHER_CANARY in source_dump and OWN_MARK in source_dump
    assert SUPERVISOR_CANARY in plaintext(notebook.path, NOTEBOOK_PASSPHRASE)

    export(repository, group.id, out_file, fast_kdf, clock)

    dump = plaintext(out_file, GROUP_PASSPHRASE)
    assert OWN_MARK in dump  # the dump does show the group's own texts
    assert SUPERVISOR_CANARY not in dump
    assert OTHER_CANARY not in dump
    canaries = [
        text.encode(encoding)
        for text in (SUPERVISOR_CANARY, OTHER_CANARY, OWN_MARK, GROUP_PASSPHRASE, PASSPHRASE)
        for encoding in ("utf-8", "utf-16-le")
    ]
    written = [path for path in out_file.parent.rglob("*") if path.is_file()]
    assert out_file in written
    for path in written:
        data = path.read_bytes()
        assert not [canary for canary in canaries if canary in data], path.name


# -- refusals ------------------------------------------------------------------------


def test_an_existing_out_path_is_refused_and_left_alone(source, out_file: Path, fast_kdf, clock) -> None:
    """An existing file is never overwritten."""
    repository, own, _other = source
    out_file.write_bytes(b"iets van iemand anders")
    with pytest.raises(HandoverRefused) as refused:
        export(repository, own[0].id, out_file, fast_kdf, clock)
    assert refused.value.exit_code == 2
    assert str(out_file) in refused.value.message()
    assert out_file.read_bytes() == b"iets van iemand anders"


@pytest.mark.parametrize("spelling", ["same", "dotdot", "symlink"])
def test_the_source_file_is_refused_as_out_path(source, fast_kdf, clock, spelling: str) -> None:
    """The supervisor's own file, by any spelling or through a link, is refused; its bytes stay."""
    repository, own, _other = source
    path = repository.path
    out = {"same": path, "dotdot": path.parent / ".." / path.parent.name / path.name}.get(spelling)
    if out is None:
        out = path.parent / "link.ivt"
        out.symlink_to(path)
    before = path.read_bytes()
    with pytest.raises(HandoverRefused) as refused:
        export(repository, own[0].id, out, fast_kdf, clock)
    assert "own file" in refused.value.reason
    assert path.read_bytes() == before


def test_a_missing_folder_is_refused(source, tmp_path: Path, fast_kdf, clock) -> None:
    """The out folder must exist; none is created."""
    repository, own, _other = source
    out = tmp_path / "niet-er" / "groep.ivt"
    with pytest.raises(HandoverRefused):
        export(repository, own[0].id, out, fast_kdf, clock)
    assert not out.parent.exists()


def test_a_name_of_the_source_files_backups_is_refused(source, fast_kdf, clock) -> None:
    """``<file>.backup-…`` beside the source would be taken for (and rotated away as) one of its backups."""
    repository, own, _other = source
    out = repository.path.with_name(repository.path.name + ".backup-20260101T000000000000")
    with pytest.raises(HandoverRefused):
        export(repository, own[0].id, out, fast_kdf, clock)
    assert not out.exists()
    check_out_path(repository.path, repository.path.with_name("andere-groep.ivt"))  # a plain new name is fine


def test_an_unknown_group_is_refused(source, out_file: Path, fast_kdf, clock) -> None:
    """No group with that id: nothing is written."""
    repository, _own, _other = source
    with pytest.raises(HandoverRefused):
        export(repository, "no such group", out_file, fast_kdf, clock)
    assert list(out_file.parent.iterdir()) == []


def test_the_supervisors_passphrase_is_refused_for_the_new_file(source, out_file: Path, fast_kdf, clock) -> None:
    """The group's file must not open with the supervisor's passphrase."""
    repository, own, _other = source
    with pytest.raises(HandoverRefused):
        export(repository, own[0].id, out_file, fast_kdf, clock, passphrase=PASSPHRASE)
    assert list(out_file.parent.iterdir()) == []


def test_the_supervisors_passphrase_is_refused_in_another_normal_form(
    new_repository, tmp_path: Path, out_file: Path, fast_kdf, clock
) -> None:
    """ "Zoë" typed as e + combining diaeresis opens the same file, so it is refused as well."""
    nfc = "Zo\u00eb bewaart de sleutel"
    repository = new_repository(tmp_path / "zoe.ivt", nfc)
    group = Group(id=new_id(), name="Groep", updated_at=clock())
    repository.put(group)
    with pytest.raises(HandoverRefused):
        export(repository, group.id, out_file, fast_kdf, clock, passphrase=nfc.replace("\u00eb", "e\u0308"))
    assert not out_file.exists()


def test_a_failed_save_leaves_no_file(source, out_file: Path, fast_kdf, clock, monkeypatch) -> None:
    """If writing the records fails, the new (still empty) file is removed again and the error surfaces."""
    repository, own, _other = source

    def full_disk(self, *tables):
        raise SaveFailed("the disk is full")

    monkeypatch.setattr(Repository, "replace_tables", full_disk)
    with pytest.raises(SaveFailed):
        export(repository, own[0].id, out_file, fast_kdf, clock)
    assert list(out_file.parent.iterdir()) == []


def test_every_shared_record_type_names_its_group() -> None:
    """A record type stored beside the groups is handed over only if it carries ``group_id``."""
    for kind in SHARED_TABLES:
        names = {field.name for field in dataclasses.fields(kind)}
        assert "group_id" in names or kind is Group, kind.__name__


# -- forgetting the supervisor's copy -------------------------------------------------------


def test_forget_group_removes_everything_of_the_group_and_nothing_else(source, clock) -> None:
    """Every record of the group goes, in one save; the other group stays equal, record for record."""
    repository, own, other = source
    group_id = own[0].id
    assert forget_group(repository, group_id) == len(own)
    path = repository.path
    repository.close()
    reopened = Repository.unlock(path, PASSPHRASE, clock=clock)
    try:
        assert reopened.group_records(group_id) == []
        assert reopened.meetings(group_id) == []
        assert reopened.groups() == [other[0]]
        assert by_id(reopened.group_records(other[0].id)) == by_id(other)
    finally:
        reopened.close()
    tables = table_names(path, PASSPHRASE)
    assert not {meeting_table(record.id) for record in own if isinstance(record, Meeting)} & tables
    dump = plaintext(path, PASSPHRASE)
    assert OWN_MARK not in dump and group_id not in dump
    assert OTHER_CANARY in dump


def test_forget_an_unknown_group_changes_nothing(source) -> None:
    """Nothing to remove: 0, and the file is not even saved."""
    repository, _own, _other = source
    before = repository.path.read_bytes()
    assert forget_group(repository, "no such group") == 0
    assert repository.path.read_bytes() == before


def test_purge_backups_drops_the_backups_that_still_hold_the_group(source, clock) -> None:
    """After forgetting, the backup taken by that save still holds the group; purge_backups deletes it."""
    repository, own, _other = source
    path = repository.path
    repository.close()
    clock.advance(minutes=5)
    repository = Repository.unlock(path, PASSPHRASE, clock=clock)
    try:
        forget_group(repository, own[0].id)
        [backup] = list_backups(path)
        assert OWN_MARK in plaintext(backup.path, PASSPHRASE)
        assert purge_backups(repository) == 1
        assert list_backups(path) == []
        assert purge_backups(repository) == 0
    finally:
        repository.close()
    Repository.unlock(path, PASSPHRASE, clock=clock).close()
    assert OWN_MARK not in plaintext(path, PASSPHRASE)


def test_purge_backups_needs_an_open_repository(source) -> None:
    """Only with the file unlocked (and its lock held)."""
    repository, _own, _other = source
    repository.close()
    with pytest.raises(RuntimeError):
        purge_backups(repository)


def test_a_meeting_without_its_summary_is_still_handed_over(source, out_file: Path, fast_kdf, clock) -> None:
    """Meetings are found in their own tables, not through the summary table (which only serves listings)."""
    repository, own, _other = source
    meeting = next(record for record in own if isinstance(record, Meeting))
    raw = TinyDB(storage=lambda: repository.storage)
    raw.table("meetings").remove(Query().id == meeting.id)
    assert meeting.id not in {summary.id for summary in repository.meetings(own[0].id)}
    assert meeting in repository.group_records(own[0].id)
    export(repository, own[0].id, out_file, fast_kdf, clock)
    handed = Repository.unlock(out_file, GROUP_PASSPHRASE, clock=clock)
    try:
        assert by_id(handed.group_records(own[0].id)) == by_id(own)
        assert meeting.id in {summary.id for summary in handed.meetings(own[0].id)}  # rebuilt on the way in
    finally:
        handed.close()


def test_a_dangling_link_as_out_path_is_refused(source, out_file: Path, fast_kdf, clock) -> None:
    """A link to nowhere exists as a name: refused, not followed."""
    repository, own, _other = source
    target = out_file.parent / "nergens.ivt"
    out_file.symlink_to(target)
    with pytest.raises(HandoverRefused):
        export(repository, own[0].id, out_file, fast_kdf, clock)
    assert not target.exists()


def test_a_hard_link_to_the_source_is_refused_as_its_own_file(source, fast_kdf, clock) -> None:
    """Another name for the same file is the supervisor's own file."""
    repository, own, _other = source
    link = repository.path.with_name("hardlink.ivt")
    link.hardlink_to(repository.path)
    with pytest.raises(HandoverRefused) as refused:
        export(repository, own[0].id, link, fast_kdf, clock)
    assert "own file" in refused.value.reason
