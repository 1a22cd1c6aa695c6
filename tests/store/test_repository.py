"""Repository: every domain record survives a save and a fresh unlock; layout, schema and migrations."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from intervisie_tui.core.method_copies import (
    GroupMethod,
    copy_method,
    move_step,
    rename_method,
    rename_step,
    set_step_minutes,
)
from intervisie_tui.core.methods import Board, Text, load_shipped
from intervisie_tui.core.model import (
    Acceptance,
    Agreement,
    Attendance,
    Case,
    CaseSlot,
    CaseStatus,
    Evaluation,
    FeedbackAbout,
    FeedbackItem,
    Graduation,
    Group,
    GroupMode,
    IndicatorResult,
    Interval,
    Meeting,
    MeetingStatus,
    Member,
    NextPlan,
    Note,
    PhaseRecord,
    PhaseStatus,
    Question,
    Round,
    Supervisor,
    Turn,
    new_id,
    summarize,
)
from intervisie_tui.store import repository as repository_module
from intervisie_tui.store.codec import encode
from intervisie_tui.store.errors import UnsupportedFile
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS
from intervisie_tui.store.repository import (
    MEETINGS,
    MEMBERS,
    META,
    Repository,
    meeting_table,
)
from tests.conftest import PASSPHRASE, FrozenClock

UTC2 = timezone(timedelta(hours=2))


def reopen(repository: Repository, clock) -> Repository:
    """Close ``repository`` and unlock its file again (the data comes from disk)."""
    path = repository.path
    repository.close()
    return Repository.unlock(path, PASSPHRASE, clock=clock)


def reopen_after_put(repository: Repository, clock, records: list) -> Repository:
    """Put ``records`` in one save and return the repository unlocked again from disk."""
    repository.put(*records)
    return reopen(repository, clock)


def raw_db(repository: Repository) -> TinyDB:
    """A TinyDB over the repository's own storage, to write documents the app would not."""
    storage = repository.storage
    return TinyDB(storage=lambda: storage)


class World:
    """One of every record type, with non-default values in every field."""

    def __init__(self, now: datetime) -> None:
        self.group = Group(
            id=new_id(),
            name="Jeugdbescherming Oost",
            discipline="jeugdzorg",
            organisation="Stichting Zuid",
            mode=GroupMode.SUPERVISED,
            supervisor=Supervisor(name="Drs. Ellen Smit", register="LVSC", register_number="S-123"),
            programme_id="custom",
            custom_programme=("supervised", "self_run", "closing"),
            created_on=date(2025, 1, 6),
            graduated_on=date(2026, 6, 30),
            graduated_by="Ellen",
            updated_at=now,
        )
        self.self_run = Group(id=new_id(), name="Wijkverpleging", mode=GroupMode.SELF_RUN, updated_at=now)
        self.anouk = Member(
            id=new_id(),
            group_id=self.group.id,
            name="Anouk de Vries",
            profession="jeugdbeschermer",
            register="SKJ",
            register_number="110012345",
            active=True,
            joined_on=date(2025, 1, 6),
            updated_at=now,
        )
        self.bram = Member(id=new_id(), group_id=self.group.id, name="bram Visser", active=False, updated_at=now)
        self.agreement = Agreement(
            id=new_id(),
            group_id=self.group.id,
            text="Wat hier besproken wordt, blijft hier.",
            position=1,
            acceptances=(
                Acceptance(member_id=self.anouk.id, accepted_on=date(2025, 1, 6)),
                Acceptance(member_id=self.bram.id, accepted_on=date(2025, 2, 3)),
            ),
            updated_at=now,
        )
        self.first_agreement = Agreement(id=new_id(), group_id=self.group.id, text="We zijn op tijd.", updated_at=now)
        start = datetime(2026, 11, 22, 13, 0, tzinfo=UTC2)
        self.meeting = Meeting(
            id=new_id(),
            group_id=self.group.id,
            held_on=date(2026, 11, 22),
            planned_start=start,
            planned_end=start + timedelta(hours=2),
            actual_start=start + timedelta(minutes=3),
            actual_end=start + timedelta(hours=2, minutes=1),
            chair_id=self.anouk.id,
            supervised=True,
            supervisor_present=True,
            handover_stage=3,
            method_id="incident_tien",
            phases=(
                PhaseRecord(
                    key="open", name="Opening", planned_minutes=10.5, spent_seconds=600.0, status=PhaseStatus.DONE
                ),
                PhaseRecord(
                    key="q",
                    name="Vragen",
                    planned_minutes=20,
                    spent_seconds=1230.5,
                    status=PhaseStatus.CURRENT,
                    method_id="vijfstappen",
                    step_key="vragen",
                    case_slot=1,
                    extra_minutes=2.0,
                    scale_value=7,
                    chair_id=self.bram.id,
                ),
            ),
            status=MeetingStatus.RUNNING,
            breaks=(Interval(start=start + timedelta(minutes=50), end=start + timedelta(minutes=60)),),
            next_plan=NextPlan(on=date(2026, 12, 20), chair_id=self.bram.id, inbrenger_id=self.anouk.id),
            slots=(CaseSlot(method_id="vijfstappen", case_id="case-1"), CaseSlot(method_id="balint")),
            current=1,
            clock_started_at=start + timedelta(minutes=70),
            paused_at=start + timedelta(minutes=80),
            updated_at=now,
        )
        self.case = Case(
            id=new_id(),
            meeting_id=self.meeting.id,
            inbrenger_id=self.anouk.id,
            title="Huisbezoek",
            question="Hoe kan ik ...?",
            theme="grenzen",
            status=CaseStatus.CHOSEN,
            method_id="balint",
            urgency=3,
            votes=4,
            next_step="Bellen",
            scale_score=7,
            takeaway="Eerst luisteren",
            outcome="Gebeld, ging goed",
            updated_at=now,
        )
        self.question = Question(
            id=new_id(),
            meeting_id=self.meeting.id,
            case_id=self.case.id,
            asker_id=self.bram.id,
            text="Wat deed je toen?",
            kind="closed",
            kind_by_chair=True,
            mark="warm",
            position=2,
            updated_at=now,
        )
        self.note = Note(
            id=new_id(),
            meeting_id=self.meeting.id,
            phase_key="q",
            text="Kern: twijfel",
            case_id=self.case.id,
            position=1,
            column="left",
            author_id=self.bram.id,
            updated_at=now,
        )
        self.feedback = FeedbackItem(
            id=new_id(),
            meeting_id=self.meeting.id,
            giver_id=self.bram.id,
            about=FeedbackAbout.CHAIR,
            case_id=self.case.id,
            top="Helder",
            tip="Korter",
            updated_at=now,
        )
        self.attendance = Attendance(
            id=new_id(),
            meeting_id=self.meeting.id,
            member_id=self.anouk.id,
            present=True,
            arrived=start + timedelta(minutes=2),
            left=start + timedelta(hours=2),
            updated_at=now,
        )

        self.round = Round(
            id=new_id(),
            meeting_id=self.meeting.id,
            phase_key="q",
            order=(self.anouk.id, self.bram.id),
            absent=(self.bram.id,),
            turns=(Turn(member_id=self.anouk.id, contributions=1), Turn(member_id=self.bram.id, passed=True)),
            in_turn=1,
            per_turn=2,
            per_member=3,
            laps=0,
            updated_at=now,
        )
        self.evaluation = Evaluation(
            id=new_id(),
            meeting_id=self.meeting.id,
            member_id=self.bram.id,
            takeaway="Meer doorvragen",
            rating=8,
            method_rating=7,
            safety_rating=9,
            yield_rating=None,
            time_rating=6,
            updated_at=now,
        )

        self.graduation = Graduation(
            id=new_id(),
            group_id=self.group.id,
            signed_on=date(2026, 6, 30),
            supervisor="Drs. Ellen Smit",
            remark="Klaar om zelf te draaien",
            updated_at=now,
            indicators=(
                IndicatorResult(key="chaired", value="5/5", met=True),
                IndicatorResult(key="escalation", value="", met=None),
            ),
        )

    def records(self) -> list:
        return [
            self.group,
            self.self_run,
            self.anouk,
            self.bram,
            self.agreement,
            self.first_agreement,
            self.meeting,
            self.case,
            self.question,
            self.note,
            self.feedback,
            self.attendance,
            self.round,
            self.evaluation,
            self.graduation,
        ]


@pytest.fixture
def world(clock) -> World:
    """A full set of records."""
    return World(clock())


def test_every_record_type_round_trips_through_the_file(new_repository, clock, world: World) -> None:
    """Every record put is read back equal (==) after closing and unlocking the file again."""
    repository = reopen_after_put(new_repository(), clock, world.records())
    try:
        assert repository.groups() == [world.group, world.self_run]
        assert repository.group(world.group.id) == world.group
        assert repository.group(world.self_run.id) == world.self_run
        assert repository.group("no such id") is None
        assert repository.members(world.group.id) == [world.anouk, world.bram]
        assert repository.agreements(world.group.id) == [world.first_agreement, world.agreement]
        assert repository.meetings(world.group.id) == [summarize(world.meeting, (world.case,))]
        content = repository.meeting_content(world.meeting.id)
        assert content is not None
        assert content.meeting == world.meeting
        assert content.cases == (world.case,)
        assert content.questions == (world.question,)
        assert content.notes == (world.note,)
        assert content.feedback == (world.feedback,)
        assert content.attendance == (world.attendance,)
        assert content.rounds == (world.round,)
        assert content.evaluations == (world.evaluation,)
        assert repository.graduations(world.group.id) == [world.graduation]
        assert repository.graduations(world.self_run.id) == []
        # Offsets survive, not just the instant.
        assert content.meeting.planned_start.utcoffset() == timedelta(hours=2)
        assert repository.meeting_content("no such meeting") is None
    finally:
        repository.close()


def test_put_with_the_same_id_replaces(new_repository, clock, world: World) -> None:
    """Putting a record whose id exists replaces it; there are never two."""
    repository = new_repository()
    repository.put(world.group, world.anouk)
    renamed = replace(world.anouk, name="Anouk Jansen")
    repository.put(renamed)
    repository.put(renamed)
    repository = reopen(repository, clock)
    try:
        assert repository.members(world.group.id) == [renamed]
        assert len(raw_db(repository).table(MEMBERS)) == 1
    finally:
        repository.close()


def test_remove_deletes_a_record(new_repository, clock, world: World) -> None:
    """remove(record) deletes exactly that record, also after reopening."""
    repository = new_repository()
    repository.put(*world.records())
    repository.remove(world.bram, world.note)
    repository = reopen(repository, clock)
    try:
        assert repository.members(world.group.id) == [world.anouk]
        content = repository.meeting_content(world.meeting.id)
        assert content is not None and content.notes == () and content.questions == (world.question,)
    finally:
        repository.close()


def test_removing_a_meeting_drops_its_table_and_summary(new_repository, clock, world: World) -> None:
    """A removed meeting takes its whole table (cases, notes, ...) and its summary along."""
    repository = new_repository()
    repository.put(*world.records())
    assert meeting_table(world.meeting.id) in repository.storage.encoded_tables()
    repository.remove(world.meeting)
    repository = reopen(repository, clock)
    try:
        assert meeting_table(world.meeting.id) not in repository.storage.encoded_tables()
        assert repository.meeting_content(world.meeting.id) is None
        assert repository.meetings(world.group.id) == []
        assert len(raw_db(repository).table(MEETINGS)) == 0
        assert repository.groups() == [world.group, world.self_run]  # nothing else went
    finally:
        repository.close()


def test_meeting_summary_lists_chosen_and_done_cases_and_follows_changes(new_repository, clock, world: World) -> None:
    """The summary shows the titles of chosen and done cases only, and is refreshed by every change."""
    repository = new_repository()
    meeting = world.meeting
    cases = [
        Case(id=new_id(), meeting_id=meeting.id, inbrenger_id="x", title=title, status=status, updated_at=clock())
        for title, status in [
            ("Kandidaat", CaseStatus.CANDIDATE),
            ("Gekozen", CaseStatus.CHOSEN),
            ("Klaar", CaseStatus.DONE),
            ("Uitgesteld", CaseStatus.DEFERRED),
        ]
    ]
    repository.put(world.group, meeting, *cases)
    [summary] = repository.meetings(world.group.id)
    assert summary.case_titles == ("Gekozen", "Klaar")
    assert summary.minutes == round((600.0 + 1230.5) / 60, 1)
    assert summary.status is MeetingStatus.RUNNING and summary.chair_id == world.anouk.id
    assert summary.method_id == "incident_tien" and summary.supervised

    promoted = replace(cases[0], status=CaseStatus.DONE)
    repository.put(promoted)
    repository.remove(cases[1])
    repository = reopen(repository, clock)
    try:
        [summary] = repository.meetings(world.group.id)
        assert summary.case_titles == ("Kandidaat", "Klaar")
        content = repository.meeting_content(meeting.id)
        assert content is not None
        assert summary == summarize(content.meeting, content.cases)
    finally:
        repository.close()


def test_meetings_are_listed_newest_first_per_group(new_repository, clock, world: World) -> None:
    """meetings(group) lists only that group's meetings, newest first."""
    repository = new_repository()
    older = Meeting(id=new_id(), group_id=world.group.id, held_on=date(2026, 1, 5), updated_at=clock())
    other = Meeting(id=new_id(), group_id=world.self_run.id, held_on=date(2026, 3, 1), updated_at=clock())
    repository.put(world.group, world.self_run, older, world.meeting, other)
    try:
        assert [s.id for s in repository.meetings(world.group.id)] == [world.meeting.id, older.id]
        assert [s.id for s in repository.meetings(world.self_run.id)] == [other.id]
    finally:
        repository.close()


def test_running_meetings_come_from_every_group_newest_first(new_repository, clock, world: World) -> None:
    """running_meetings() finds meetings left running in any group, newest first, and skips the rest."""
    repository = new_repository()
    running = MeetingStatus.RUNNING
    older = Meeting(id=new_id(), group_id=world.group.id, held_on=date(2026, 1, 5), status=running, updated_at=clock())
    newer = Meeting(
        id=new_id(), group_id=world.self_run.id, held_on=date(2026, 3, 1), status=running, updated_at=clock()
    )
    closed = Meeting(
        id=new_id(), group_id=world.group.id, held_on=date(2026, 4, 1), status=MeetingStatus.CLOSED, updated_at=clock()
    )
    orphan = Meeting(id=new_id(), group_id=new_id(), held_on=date(2026, 5, 1), status=running, updated_at=clock())
    repository.put(world.group, world.self_run, older, newer, closed, orphan)
    try:
        assert [s.id for s in repository.running_meetings()] == [newer.id, older.id]
        repository.put(replace(newer, status=MeetingStatus.CLOSED))
        assert [s.id for s in repository.running_meetings()] == [older.id]
    finally:
        repository.close()


def test_members_can_hide_archived_ones(new_repository, world: World) -> None:
    """members(include_archived=False) leaves out inactive members; the default shows them."""
    repository = new_repository()
    repository.put(world.group, world.anouk, world.bram)
    assert repository.members(world.group.id) == [world.anouk, world.bram]
    assert repository.members(world.group.id, include_archived=False) == [world.anouk]
    assert repository.members("other group") == []


def test_put_refuses_a_type_that_is_not_stored(new_repository) -> None:
    """Only record types of the model can be put; nothing is written otherwise."""
    repository = new_repository()
    before = repository.path.read_bytes()
    with pytest.raises(TypeError):
        repository.put(Supervisor(name="not a record with an id"))
    assert repository.path.read_bytes() == before


def test_unknown_keys_are_ignored_and_missing_keys_take_defaults(new_repository, clock, world: World) -> None:
    """Documents from a newer app (extra keys) or an older one (missing optional keys) still read."""
    repository = new_repository()
    repository.put(world.group, world.meeting)
    db = raw_db(repository)
    db.table(MEMBERS).insert({**encode(world.anouk), "favourite_colour": "blauw", "nested": {"x": [1]}})
    minimal_id = new_id()
    db.table(MEMBERS).insert(
        {"id": minimal_id, "group_id": world.group.id, "name": "Zoë", "updated_at": clock().isoformat()}
    )
    db.table(meeting_table(world.meeting.id)).insert(
        {**encode(world.note), "_type": "note", "colour": "geel", "votes": 3}
    )
    db.table(meeting_table(world.meeting.id)).insert({"_type": "sticker", "id": new_id()})  # unknown type
    repository = reopen(repository, clock)
    try:
        assert repository.members(world.group.id) == [
            world.anouk,
            Member(id=minimal_id, group_id=world.group.id, name="Zoë", updated_at=clock()),
        ]
        minimal = repository.members(world.group.id)[1]
        assert (minimal.profession, minimal.active, minimal.joined_on) == ("", True, None)
        content = repository.meeting_content(world.meeting.id)
        assert content is not None and content.notes == (world.note,)
    finally:
        repository.close()


def test_a_file_from_a_newer_schema_is_refused_untouched(new_repository, clock) -> None:
    """A meta schema above SCHEMA_VERSION raises UnsupportedFile on unlock; the file and lock are left free."""
    repository = new_repository()
    raw_db(repository).table(META).update({"schema": repository_module.SCHEMA_VERSION + 1})
    path = repository.path
    repository.close()
    before = path.read_bytes()
    with pytest.raises(UnsupportedFile) as raised:
        Repository.unlock(path, PASSPHRASE, clock=clock)
    assert raised.value.exit_code == 5
    assert raised.value.detail == f"schema {repository_module.SCHEMA_VERSION + 1}"
    assert path.read_bytes() == before
    with pytest.raises(UnsupportedFile):  # not VaultLocked: the first refusal released the lock
        Repository.unlock(path, PASSPHRASE, clock=clock)


def test_an_older_schema_is_migrated_once_at_unlock(new_repository, clock, world: World, monkeypatch) -> None:
    """With SCHEMA_VERSION 2, unlocking a schema-1 file runs MIGRATIONS[1] once and stores schema 2."""
    repository = new_repository()
    repository.put(world.group)
    path = repository.path
    repository.close()
    ran: list[object] = []

    def two_to_three(db: TinyDB) -> None:
        ran.append(db)
        db.table("added_by_migration").insert({"ok": True})

    monkeypatch.setattr(repository_module, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(repository_module.MIGRATIONS, 2, two_to_three)
    repository = Repository.unlock(path, PASSPHRASE, clock=clock)
    assert len(ran) == 1
    repository = reopen(repository, clock)
    try:
        assert len(ran) == 1  # not again
        meta = raw_db(repository).table(META).all()
        assert len(meta) == 1
        assert meta[0]["schema"] == 3
        assert meta[0]["created"] == clock().isoformat()  # the rest of meta is kept
        assert raw_db(repository).table("added_by_migration").all() == [{"ok": True}]
        assert repository.groups() == [world.group]
    finally:
        repository.close()


def test_a_failing_migration_leaves_the_file_as_it_was(new_repository, clock, monkeypatch) -> None:
    """If a migration raises, unlock fails, nothing is written and the lock is released."""
    repository = new_repository()
    path = repository.path
    repository.close()
    before = path.read_bytes()

    def broken(db: TinyDB) -> None:
        db.table("half_done").insert({"x": 1})
        raise RuntimeError("migration bug")

    monkeypatch.setattr(repository_module, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(repository_module.MIGRATIONS, 2, broken)
    with pytest.raises(RuntimeError, match="migration bug"):
        Repository.unlock(path, PASSPHRASE, clock=clock)
    assert path.read_bytes() == before
    monkeypatch.setattr(repository_module, "SCHEMA_VERSION", 2)
    Repository.unlock(path, PASSPHRASE, clock=clock).close()


@given(name=st.text(), text=st.text())
@settings(max_examples=40, deadline=None)
def test_any_text_round_trips_exactly(name: str, text: str) -> None:
    """Property: any Unicode text (emoji, RTL, control characters) in names and notes comes back unchanged."""
    clock = FrozenClock()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tekst.ivt"
        repository = Repository.create(path, PASSPHRASE, kdf=ARGON2ID_FAST_FOR_TESTS, clock=clock)
        member = Member(id=new_id(), group_id="g", name=name, updated_at=clock())
        meeting = Meeting(id=new_id(), group_id="g", held_on=date(2026, 11, 22), updated_at=clock())
        note = Note(id=new_id(), meeting_id=meeting.id, phase_key="p", text=text, updated_at=clock())
        repository.put(member, meeting, note)
        repository = reopen(repository, clock)
        try:
            assert repository.members("g") == [member]
            content = repository.meeting_content(meeting.id)
            assert content is not None and content.notes == (note,)
        finally:
            repository.close()


def test_emoji_and_right_to_left_text_round_trip(new_repository, clock) -> None:
    """A fixed example of the property above: emoji with joiners and Arabic/Hebrew survive byte for byte."""
    repository = new_repository()
    member = Member(id=new_id(), group_id="g", name="Anouk 👩‍⚕️ مرحبا שלום \u202e\u0000", updated_at=clock())
    repository.put(member)
    repository = reopen(repository, clock)
    try:
        assert repository.members("g")[0].name == member.name
    finally:
        repository.close()


def test_a_query_inside_a_failed_batch_is_forgotten(new_repository, world: World) -> None:
    """TinyDB caches query results per table; a rolled-back batch must not leave its writes in that cache."""
    repository = new_repository()
    with pytest.raises(ValueError):
        with repository.batch():
            repository.put(world.group)
            assert repository.group(world.group.id) == world.group
            raise ValueError("roll back")
    assert repository.groups() == []
    assert repository.group(world.group.id) is None


# --- a group's own copies of methods ------------------------------------------------------


def _own_kernkwadranten(group_id: str, now: datetime) -> GroupMethod:
    """Kernkwadranten copied by a group: a step renamed, minutes changed, steps reordered."""
    shipped = load_shipped().get("kernkwadranten")
    assert shipped is not None
    method = copy_method(
        shipped, "kernkwadranten_" + new_id(), Text(nl="Kernkwadranten (wij)", en="Core quadrants (us)")
    )
    method = rename_step(method, "kwadrant", Text(nl="Ons kwadrant", en="Our quadrant"))
    method = set_step_minutes(method, "kwadrant", 25)
    method = move_step(method, method.steps[-1].key, -1)
    assert method != shipped
    return GroupMethod(id=new_id(), group_id=group_id, method=method, updated_at=now)


def test_a_group_method_round_trips_through_the_file(new_repository, clock) -> None:
    """A changed copy of a method comes back equal after closing and unlocking; only for its group."""
    own = _own_kernkwadranten("g", clock())
    other = _own_kernkwadranten("other group", clock())
    repository = reopen_after_put(new_repository(), clock, [own, other])
    try:
        assert repository.group_methods("g") == [own]
        back = repository.group_methods("g")[0].method
        assert back.step("kwadrant").name.nl == "Ons kwadrant"  # type: ignore[union-attr]
        assert back.step("kwadrant").minutes == 25.0  # type: ignore[union-attr]
        assert back.step("kwadrant").board is Board.GRID  # type: ignore[union-attr]
        assert back.based_on == "kernkwadranten"
        assert repository.group_methods("nobody") == []
        assert repository.group_methods("other group") == [other]
    finally:
        repository.close()


def test_a_group_method_is_replaced_and_removed_by_id(new_repository, clock) -> None:
    """Putting a changed copy replaces it; removing it leaves the group without copies."""
    repository = new_repository()
    own = _own_kernkwadranten("g", clock())
    repository.put(own)
    renamed = replace(
        own, method=rename_method(own.method, Text(nl="Kwadrant", en="Quadrant")), updated_at=clock.advance(minutes=1)
    )
    repository.put(renamed)
    assert repository.group_methods("g") == [renamed]
    repository.remove(renamed)
    repository = reopen(repository, clock)
    try:
        assert repository.group_methods("g") == []
    finally:
        repository.close()


def test_the_library_holds_the_groups_copies(new_repository, clock) -> None:
    """``library`` is the shipped methods plus this group's copies, and nothing of other groups."""
    base = load_shipped()
    own = _own_kernkwadranten("g", clock())
    other = _own_kernkwadranten("other group", clock())
    repository = new_repository()
    repository.put(own, other)
    library = repository.library(base, "g")
    assert library.get(own.method.id) == own.method
    assert library.get(other.method.id) is None
    assert library.get("kernkwadranten") == base.get("kernkwadranten")
    assert set(library.methods) == set(base.methods) | {own.method.id}
    assert library.frame == base.frame
    assert repository.library(base, "nobody").methods == base.methods
