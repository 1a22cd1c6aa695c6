"""Timekeeper and note-taker: rotated like the chair, never the chair or the presenter."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from intervisie_tui import i18n
from intervisie_tui.core import meeting as flow
from intervisie_tui.core import roles
from intervisie_tui.core.meeting_records import MeetingRecords
from intervisie_tui.core.meeting_session import MeetingSession
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import Group, Meeting, MeetingContent, MeetingStatus, Member
from tests.conftest import FROZEN

AYA, BAS, COR, DEWI = "aya", "bas", "cor", "dewi"
MEMBERS = [Member(id=m, group_id="g", name=m.capitalize(), updated_at=FROZEN) for m in (AYA, BAS, COR, DEWI)]


def held(number: int, *, timekeeper: str = "", notetaker: str = "", closed: bool = True) -> MeetingContent:
    meeting = Meeting(
        id=f"m{number}",
        group_id="g",
        held_on=date(2026, 1, 5) + timedelta(weeks=6 * number),
        timekeeper_id=timekeeper,
        notetaker_id=notetaker,
        status=MeetingStatus.CLOSED if closed else MeetingStatus.RUNNING,
        updated_at=FROZEN,
    )
    return MeetingContent(meeting=meeting)


def test_the_role_goes_to_who_held_it_fewest_times_longest_ago() -> None:
    history = [held(0, timekeeper=AYA), held(1, timekeeper=BAS), held(2, timekeeper=COR), held(3, timekeeper=AYA)]
    assert roles.propose(roles.TIMEKEEPER, MEMBERS, history) == DEWI
    assert roles.propose(roles.TIMEKEEPER, MEMBERS, history, skip={DEWI}) == BAS  # once, longer ago than Cor
    assert roles.role_record(history, roles.TIMEKEEPER)[AYA] == (2, date(2026, 1, 5) + timedelta(weeks=18))


def test_the_chair_and_presenter_are_left_out_and_open_meetings_do_not_count() -> None:
    history = [held(0, notetaker=AYA), held(1, notetaker=BAS, closed=False)]
    assert roles.propose(roles.NOTETAKER, MEMBERS, history, skip={BAS, COR}) == DEWI
    assert roles.propose(roles.NOTETAKER, MEMBERS, history, skip={BAS, COR, DEWI}) == AYA
    assert roles.propose(roles.NOTETAKER, MEMBERS, history, skip={AYA, BAS, COR, DEWI}) is None
    archived = [dataclasses.replace(member, active=member.id == AYA) for member in MEMBERS]
    assert roles.propose(roles.NOTETAKER, archived, []) == AYA


def test_the_roles_in_words() -> None:
    i18n.set_language("en")
    meeting = held(0, timekeeper=AYA, notetaker=BAS).meeting
    names = {member.id: member.name for member in MEMBERS}
    assert roles.roles_text(meeting, names) == "time Aya · notes Bas"
    assert roles.roles_text(held(1).meeting, names) == ""
    assert roles.role_line(roles.TIMEKEEPER, "Aya") == "Timekeeper: Aya"


def test_the_session_hands_a_role_and_the_status_names_it() -> None:
    i18n.set_language("en")
    library = load_shipped()
    meeting = flow.start(flow.new_meeting("g", date(2026, 11, 22), library, FROZEN, planned_start=FROZEN), FROZEN)
    records = MeetingRecords(members=list(MEMBERS), present=[AYA, BAS, COR, DEWI])
    session = MeetingSession(meeting, Group(id="g", name="N", updated_at=FROZEN), [], library, records)
    change = session.set_role(roles.TIMEKEEPER, COR, FROZEN)
    assert session.meeting.timekeeper_id == COR and session.meeting in change.saved
    assert "Cor" in change.notice
    assert "time Cor" in session.chair_text()
    session.set_role(roles.TIMEKEEPER, "", FROZEN)
    assert session.meeting.timekeeper_id == "" and "time" not in session.chair_text()
