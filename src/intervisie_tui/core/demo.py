"""A realistic, entirely fictional Dutch demo: two groups with members and history.

Pure: the caller passes ``now`` and gets records back. Ids are derived from a
fixed namespace so the demo is the same on every run (snapshots rely on it).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from intervisie_tui.core.meeting import plan_phases
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import (
    Acceptance,
    Agreement,
    Attendance,
    Case,
    CaseSlot,
    CaseStatus,
    Group,
    GroupMode,
    Meeting,
    MeetingStatus,
    Member,
    Note,
    PhaseStatus,
    Supervisor,
)

_NAMESPACE = uuid.UUID("5f0c6a52-2f7e-4c8e-9d0a-3b1f2c4d5e6f")

_YOUTH = "Jeugdbescherming Team Oost"
_NURSES = "Wijkverpleging Zuid"

_YOUTH_MEMBERS = (
    ("Anouk de Vries", "jeugdbeschermer", "SKJ", "110012345"),
    ("Bram Visser", "gezinsvoogd", "SKJ", "110023456"),
    ("Fatima El Amrani", "jeugdbeschermer", "SKJ", "110034567"),
    ("Joost Bakker", "gedragswetenschapper", "NVO", "NVO-20871"),
    ("Sanne Mulder", "jeugdbeschermer", "SKJ", "110045678"),
    ("Mehmet Yılmaz", "jeugdzorgwerker", "SKJ", "110056789"),
)
_NURSE_MEMBERS = (
    ("Ingrid Smit", "wijkverpleegkundige", "V&VN", "VVN-33812"),
    ("Kees van Dam", "wijkverpleegkundige", "V&VN", "VVN-41290"),
    ("Lotte Hendriks", "verpleegkundige", "V&VN", "VVN-52177"),
    ("Noor Bos", "verzorgende IG", "V&VN", "VVN-60843"),
)
_AGREEMENTS = (
    "Wat in de groep gedeeld wordt, blijft in de groep.",
    "Een casus inbrengen is vrijwillig.",
    "We zijn gelijken: er zit geen leidinggevende in de groep.",
    "Cliënten blijven anoniem: geen namen, geboortedata, adressen of BSN.",
    "Wie niet kan komen, meldt zich vooraf af bij de voorzitter.",
)
_PAST_CASES = (
    ("Vader dreigt bij huisbezoek", "Hoe kan ik rustig blijven als een vader mij bij een huisbezoek bedreigt?"),
    ("Jongere weigert contact", "Hoe kan ik contact maken met een jongere die elk gesprek afhoudt?"),
    (
        "Spanning met collega over veiligheidsplan",
        "Hoe kan ik mijn zorgen uitspreken als een collega het plan al heeft afgerond?",
    ),
)


def demo_id(*parts: str) -> str:
    """A stable id for a demo record."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def _members(group: Group, rows: tuple[tuple[str, str, str, str], ...], joined: date, now: datetime) -> list[Member]:
    return [
        Member(
            id=demo_id(group.name, name),
            group_id=group.id,
            name=name,
            profession=profession,
            register=register,
            register_number=number,
            joined_on=joined,
            updated_at=now,
        )
        for name, profession, register, number in rows
    ]


def _agreements(group: Group, members: list[Member], accepted: date, now: datetime) -> list[Agreement]:
    acceptances = tuple(Acceptance(member_id=member.id, accepted_on=accepted) for member in members)
    return [
        Agreement(
            id=demo_id(group.name, "agreement", str(i)),
            group_id=group.id,
            text=text,
            position=i,
            acceptances=acceptances,
            updated_at=now,
        )
        for i, text in enumerate(_AGREEMENTS)
    ]


def _past_meeting(group: Group, members: list[Member], index: int, held_on: date, now: datetime) -> list[Any]:
    start = datetime.combine(held_on, time(13, 30), tzinfo=now.tzinfo)
    meeting = Meeting(
        id=demo_id(group.name, "meeting", str(index)),
        group_id=group.id,
        held_on=held_on,
        planned_start=start,
        planned_end=start + timedelta(hours=2, minutes=30),
        actual_start=start,
        actual_end=start + timedelta(hours=2, minutes=25),
        chair_id="" if group.mode is GroupMode.SUPERVISED else members[index % len(members)].id,
        supervised=group.mode is GroupMode.SUPERVISED,
        supervisor_present=group.mode is GroupMode.SUPERVISED,
        method_id="oplossingsgericht",
        status=MeetingStatus.CLOSED,
        updated_at=now,
    )
    title, question = _PAST_CASES[index % len(_PAST_CASES)]
    case = Case(
        id=demo_id(group.name, "case", str(index)),
        meeting_id=meeting.id,
        inbrenger_id=members[index].id,
        title=title,
        question=question,
        theme=title,
        status=CaseStatus.DONE,
        method_id="oplossingsgericht",
        next_step="Volgende keer eerst benoemen wat ik zie voordat ik het plan bespreek.",
        scale_score=6,
        updated_at=now,
    )
    attendance = [
        Attendance(
            id=demo_id(meeting.id, member.id),
            meeting_id=meeting.id,
            member_id=member.id,
            present=(position != index + 1),
            updated_at=now,
        )
        for position, member in enumerate(members)
    ]
    return [meeting, case, *attendance]


# The meeting in progress: kernkwadranten, in the "fill in the quadrant" step.
_LIVE_CASE = (
    "Ouder die elke afspraak afzegt",
    "Hoe kan ik het gesprek gaande houden met een moeder die steeds afzegt, zonder te gaan drammen?",
)
_LIVE_METHOD = "kernkwadranten"
_LIVE_SPENT_MINUTES = (11, 9, 12, 6, 5, 17, 8)  # check-in .. quality round, then the current step
_LIVE_NOTES = (
    ("case1.kwaliteit", "", ("Betrokkenheid", "Doorzettingsvermogen", "Zorgvuldigheid")),
    ("case1.kwadrant", "kernkwaliteit", ("Betrokkenheid",)),
    ("case1.kwadrant", "valkuil", ("Bemoeizucht: steeds weer bellen", "Te snel invullen voor de ander")),
    ("case1.kwadrant", "uitdaging", ("Loslaten: de ander ruimte en tijd geven",)),
    ("case1.kwadrant", "allergie", ("Onverschilligheid",)),
)
_LIVE_KEPT = "case1.kwadrant"
"""The group marked the core quadrant for the minutes (``Note.in_minutes``)."""


def _meeting_in_progress(group: Group, members: list[Member], now: datetime) -> list[Any]:
    """Today's meeting of ``group``, well under way, so the demo opens on a living session."""
    library = load_shipped()
    meeting_id = demo_id(group.name, "meeting", "live")
    case = Case(
        id=demo_id(group.name, "case", "live"),
        meeting_id=meeting_id,
        inbrenger_id=members[1].id,
        title=_LIVE_CASE[0],
        question=_LIVE_CASE[1],
        status=CaseStatus.CHOSEN,
        method_id=_LIVE_METHOD,
        updated_at=now,
    )
    slots = (CaseSlot(method_id=_LIVE_METHOD, case_id=case.id),)
    phases = list(plan_phases(library, slots))
    current = len(_LIVE_SPENT_MINUTES)
    for index, minutes in enumerate(_LIVE_SPENT_MINUTES):
        phases[index] = replace(phases[index], spent_seconds=minutes * 60.0, status=PhaseStatus.DONE)
    phases[current] = replace(phases[current], status=PhaseStatus.CURRENT)
    started = now - timedelta(minutes=sum(_LIVE_SPENT_MINUTES) + 4)
    planned_start = started.replace(minute=(started.minute // 15) * 15, second=0, microsecond=0)
    meeting = Meeting(
        id=meeting_id,
        group_id=group.id,
        held_on=now.date(),
        planned_start=planned_start,
        planned_end=planned_start + timedelta(minutes=sum(phase.planned_minutes for phase in phases)),
        actual_start=started,
        chair_id="",
        supervised=True,
        supervisor_present=True,
        method_id=_LIVE_METHOD,
        phases=tuple(phases),
        status=MeetingStatus.RUNNING,
        slots=slots,
        current=current,
        clock_started_at=now - timedelta(minutes=4),
        updated_at=now,
    )
    notes = [
        Note(
            id=demo_id(meeting_id, phase_key, column, str(position)),
            meeting_id=meeting_id,
            phase_key=phase_key,
            column=column,
            text=text,
            position=position,
            case_id=case.id,
            in_minutes=phase_key == _LIVE_KEPT,
            updated_at=now,
        )
        for phase_key, column, texts in _LIVE_NOTES
        for position, text in enumerate(texts)
    ]
    attendance = [
        Attendance(id=demo_id(meeting_id, member.id), meeting_id=meeting_id, member_id=member.id, updated_at=now)
        for member in members
    ]
    return [meeting, case, *notes, *attendance]


def demo_records(now: datetime) -> list[Any]:
    """Every record of the demo file, relative to ``now``."""
    today = now.date()
    start = today - timedelta(days=7 * 26)
    youth = Group(
        id=demo_id(_YOUTH),
        name=_YOUTH,
        discipline="jeugdbescherming",
        organisation="Stichting Jeugd en Gezin Oost (fictief)",
        mode=GroupMode.SUPERVISED,
        supervisor=Supervisor(name="Marieke Jansen", register="LVSC", register_number="LVSC-4471"),
        programme_id="4-1-1",
        created_on=start,
        updated_at=now,
    )
    nurses = Group(
        id=demo_id(_NURSES),
        name=_NURSES,
        discipline="wijkverpleging",
        organisation="Thuiszorg Zuid (fictief)",
        mode=GroupMode.SELF_RUN,
        created_on=start - timedelta(days=365),
        updated_at=now,
    )
    youth_members = _members(youth, _YOUTH_MEMBERS, start, now)
    nurse_members = _members(nurses, _NURSE_MEMBERS, start - timedelta(days=365), now)
    records: list[Any] = [youth, nurses, *youth_members, *nurse_members]
    records += _agreements(youth, youth_members, start, now)
    records += _agreements(nurses, nurse_members, start - timedelta(days=365), now)
    for index in range(3):
        held_on = start + timedelta(days=56 * index)
        records += _past_meeting(youth, youth_members, index, held_on, now)
    records += _past_meeting(nurses, nurse_members, 0, today - timedelta(days=40), now)
    records += _meeting_in_progress(youth, youth_members, now)
    return records
