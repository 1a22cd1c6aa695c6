"""A fixed, synthetic history for golden-file tests: one supervised group, five members, one closed meeting.

Everything is spelled out (ids, times in +01:00), so the minutes and the
attendance list made from it are the same on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from intervisie_tui.core.methods import MethodLibrary, load_shipped
from intervisie_tui.core.model import (
    Attendance,
    Case,
    CaseSlot,
    CaseStatus,
    Evaluation,
    FeedbackAbout,
    FeedbackItem,
    Group,
    GroupMode,
    Interval,
    Meeting,
    MeetingContent,
    MeetingStatus,
    Member,
    NextPlan,
    Note,
    Question,
    Supervisor,
)

TZ = timezone(timedelta(hours=1))
DAY = date(2026, 11, 23)
MEETING_ID = "meeting-1"
GROUP_ID = "group-1"


def at(hour: int, minute: int = 0) -> datetime:
    """A moment on the meeting's day, in +01:00."""
    return datetime(2026, 11, 23, hour, minute, tzinfo=TZ)


STAMP = at(22, 0)


@dataclass(frozen=True, slots=True)
class History:
    """What the minutes and the attendance list are made from."""

    group: Group
    members: list[Member]
    content: MeetingContent
    library: MethodLibrary


def group() -> Group:
    """A supervised group whose supervisor has a register and number."""
    return Group(
        id=GROUP_ID,
        name="Team Noord",
        discipline="Jeugdzorg",
        mode=GroupMode.SUPERVISED,
        supervisor=Supervisor(name="Marieke Visser", register="LVSC", register_number="40123"),
        created_on=date(2026, 9, 1),
        updated_at=STAMP,
    )


def members() -> list[Member]:
    """Five members with professions; four of them in a register."""
    rows = [
        ("p1", "Anouk Jansen", "Jeugdzorgwerker", "SKJ", "110012345"),
        ("p2", "Bram de Wit", "Jeugdbeschermer", "SKJ", "110054321"),
        ("p3", "Carmen Ortiz", "Verpleegkundige", "V&VN", "19087"),
        ("p4", "Daan Bakker", "Orthopedagoog", "NVO", "2231"),
        ("p5", "Eva Smit", "Gedragswetenschapper", "", ""),
    ]
    return [
        Member(
            id=member_id,
            group_id=GROUP_ID,
            name=name,
            profession=profession,
            register=register,
            register_number=number,
            joined_on=date(2026, 9, 1),
            updated_at=STAMP,
        )
        for member_id, name, profession, register, number in rows
    ]


def meeting() -> Meeting:
    """Closed, 19:00-21:45 with a quarter-hour break: 2.5 net hours; the supervisor chaired."""
    return Meeting(
        id=MEETING_ID,
        group_id=GROUP_ID,
        held_on=DAY,
        planned_start=at(19),
        planned_end=at(21, 30),
        actual_start=at(19),
        actual_end=at(21, 45),
        chair_id="",
        supervised=True,
        supervisor_present=True,
        handover_stage=2,
        method_id="oplossingsgericht",
        status=MeetingStatus.CLOSED,
        breaks=(Interval(start=at(20, 15), end=at(20, 30)),),
        next_plan=NextPlan(on=date(2027, 1, 18), chair_id="p2", inbrenger_id="p3"),
        slots=(
            CaseSlot(method_id="oplossingsgericht", case_id="case-1"),
            CaseSlot(method_id="incident_kort", case_id="case-2"),
        ),
        updated_at=STAMP,
    )


def cases() -> tuple[Case, ...]:
    """Two worked cases with themes, and one candidate that was not chosen."""
    return (
        Case(
            id="case-1",
            meeting_id=MEETING_ID,
            inbrenger_id="p1",
            title="Moeder van J. belt elke dag",
            question="Hoe kan ik grenzen stellen zonder het contact te verliezen?",
            theme="Grenzen stellen bij een veeleisende ouder",
            status=CaseStatus.DONE,
            method_id="oplossingsgericht",
            next_step="Maandag de vaste belafspraak voorstellen",
            scale_score=4,
            takeaway="Eerst erkennen, dan de grens",
            updated_at=STAMP,
        ),
        Case(
            id="case-2",
            meeting_id=MEETING_ID,
            inbrenger_id="p2",
            title="Melding bij Veilig Thuis over gezin K.",
            question="Hoe kan ik mijn twijfel over een melding bespreekbaar maken?",
            theme="Twijfel over een melding",
            status=CaseStatus.DONE,
            method_id="incident_kort",
            takeaway="Ik hoef het niet alleen te beslissen",
            updated_at=STAMP,
        ),
        Case(
            id="case-3",
            meeting_id=MEETING_ID,
            inbrenger_id="p5",
            title="Collega die nooit terugbelt",
            theme="Samenwerking",
            status=CaseStatus.CANDIDATE,
            updated_at=STAMP,
        ),
    )


def questions() -> tuple[Question, ...]:
    """Questions with the coach's verdicts (never shown in the minutes)."""
    return (
        Question(
            id="q1",
            meeting_id=MEETING_ID,
            case_id="case-1",
            asker_id="p2",
            text="Wat maakt dat het nu een 4 is en geen 0?",
            kind="open",
            position=0,
            updated_at=STAMP,
        ),
        Question(
            id="q2",
            meeting_id=MEETING_ID,
            case_id="case-1",
            asker_id="p3",
            text="Heb je al eens geprobeerd om niet op te nemen?",
            kind="advice",
            position=1,
            updated_at=STAMP,
        ),
        Question(
            id="q3",
            meeting_id=MEETING_ID,
            case_id="case-2",
            asker_id="p1",
            text="Ben je bang voor de reactie van het gezin?",
            kind="closed",
            kind_by_chair=True,
            position=2,
            updated_at=STAMP,
        ),
    )


def notes() -> tuple[Note, ...]:
    """Whiteboard notes (not part of the minutes)."""
    return (
        Note(
            id="n1",
            meeting_id=MEETING_ID,
            phase_key="case1.ideeen",
            text="Vaste belmomenten afspreken",
            case_id="case-1",
            author_id="p5",
            updated_at=STAMP,
        ),
        Note(
            id="n2",
            meeting_id=MEETING_ID,
            phase_key="checkin",
            text="Drukke week gehad",
            author_id="p2",
            updated_at=STAMP,
        ),
    )


def feedback() -> tuple[FeedbackItem, ...]:
    """Tops and tips (not part of the minutes)."""
    return (
        FeedbackItem(
            id="f1",
            meeting_id=MEETING_ID,
            giver_id="p2",
            case_id="case-1",
            top="Heldere vraag",
            tip="Noem een concreet voorbeeld",
            updated_at=STAMP,
        ),
        FeedbackItem(
            id="f2",
            meeting_id=MEETING_ID,
            giver_id="p1",
            about=FeedbackAbout.CHAIR,
            top="Goed op de tijd gelet",
            tip="Vaker de stille leden vragen",
            updated_at=STAMP,
        ),
    )


def attendance() -> tuple[Attendance, ...]:
    """Daan absent, Carmen arrived late at 19:30; Anouk recorded present; Bram and Eva without a record."""
    return (
        Attendance(id="a1", meeting_id=MEETING_ID, member_id="p1", present=True, arrived=at(19), updated_at=STAMP),
        Attendance(id="a3", meeting_id=MEETING_ID, member_id="p3", present=True, arrived=at(19, 30), updated_at=STAMP),
        Attendance(id="a4", meeting_id=MEETING_ID, member_id="p4", present=False, updated_at=STAMP),
    )


def evaluations() -> tuple[Evaluation, ...]:
    """Closing turns: two with the three SKJ dimensions, one takeaway only."""
    return (
        Evaluation(
            id="e1",
            meeting_id=MEETING_ID,
            member_id="p1",
            takeaway="Een grens kan ook warm zijn",
            technical="De schaalvraag hielp mij de voortgang te zien",
            normative="Bereikbaarheid is geen plicht om altijd op te nemen",
            personal="Ik wil graag aardig gevonden worden",
            rating=8,
            updated_at=STAMP,
        ),
        Evaluation(
            id="e2",
            meeting_id=MEETING_ID,
            member_id="p2",
            takeaway="Twijfel delen is professioneel",
            technical="De meldcode stap voor stap doorlopen",
            normative="Veiligheid van het kind gaat voor",
            personal="Ik draag te veel alleen",
            rating=7,
            updated_at=STAMP,
        ),
        Evaluation(
            id="e3",
            meeting_id=MEETING_ID,
            member_id="p3",
            takeaway="Alleen open vragen stellen",
            rating=8,
            updated_at=STAMP,
        ),
    )


def history() -> History:
    """The whole fixed history."""
    content = MeetingContent(
        meeting=meeting(),
        cases=cases(),
        questions=questions(),
        notes=notes(),
        feedback=feedback(),
        attendance=attendance(),
        evaluations=evaluations(),
    )
    return History(group=group(), members=members(), content=content, library=load_shipped())
