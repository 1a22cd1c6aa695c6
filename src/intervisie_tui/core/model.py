"""The domain records, as frozen dataclasses.

Every record has a stable string id (a uuid4) and an ``updated_at`` timestamp,
so two copies of one file can later be merged record by record. Records are
values: change one with :func:`dataclasses.replace` (see :func:`touch`), never
in place. Datetimes are timezone-aware; dates are plain ``date`` values.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar, dataclass_transform

from intervisie_tui.core.values import value_class

R = TypeVar("R")
C = TypeVar("C", bound=type)


def new_id() -> str:
    """Return a fresh, stable record id."""
    return str(uuid.uuid4())


def touch(record: R, now: datetime, **changes: Any) -> R:
    """Return ``record`` with ``changes`` applied and ``updated_at`` set to ``now``."""
    return dataclasses.replace(record, updated_at=now, **changes)  # type: ignore[type-var]


@dataclass_transform(kw_only_default=True, frozen_default=True)
def record(cls: C) -> C:
    """A domain record: a frozen, slotted, keyword-only dataclass compared by value (core/values.py)."""
    return value_class(kw_only=True)(cls)


class GroupMode(StrEnum):
    """Who chairs: a supervisor (begeleider) or the group itself."""

    SUPERVISED = "supervised"
    SELF_RUN = "self_run"


class MeetingStatus(StrEnum):
    """Where a meeting is in its life."""

    PLANNED = "planned"
    RUNNING = "running"
    CLOSED = "closed"


class CaseStatus(StrEnum):
    """A brought-in case, from candidate to worked."""

    CANDIDATE = "candidate"
    CHOSEN = "chosen"
    DONE = "done"
    DEFERRED = "deferred"


class FeedbackAbout(StrEnum):
    """Whom a feedback item is for."""

    INBRENGER = "inbrenger"
    CHAIR = "chair"


@record
class Supervisor:
    """The trained supervisor (begeleider) of a group."""

    name: str
    register: str = ""
    register_number: str = ""


@record
class Group:
    """An intervisie group: 4-8 professionals of one discipline."""

    id: str
    name: str
    discipline: str = ""
    organisation: str = ""
    mode: GroupMode = GroupMode.SUPERVISED
    supervisor: Supervisor | None = None
    programme_id: str = ""
    """The programme template the group follows (``core.programme``); "" = none chosen yet."""
    custom_programme: tuple[str, ...] = ()
    """The planned meeting kinds in order, for the "custom" programme."""
    created_on: date | None = None
    graduated_on: date | None = None
    graduated_by: str = ""
    updated_at: datetime


@record
class Member:
    """A member of a group. Archived members keep their history (``active`` False)."""

    id: str
    group_id: str
    name: str
    profession: str = ""
    register: str = ""
    register_number: str = ""
    active: bool = True
    joined_on: date | None = None
    learning_goal: str = ""
    """What the member means to learn in the supervised programme, named at its start (core/learning_goals.py)."""
    updated_at: datetime


@record
class Acceptance:
    """One member's acceptance of a group agreement."""

    member_id: str
    accepted_on: date


@record
class Agreement:
    """One line of the group's agreements (intervisiecontract)."""

    id: str
    group_id: str
    text: str
    position: int = 0
    acceptances: tuple[Acceptance, ...] = ()
    updated_at: datetime


class PhaseStatus(StrEnum):
    """Where a phase is: not reached, running, done or skipped."""

    PENDING = "pending"
    CURRENT = "current"
    DONE = "done"
    SKIPPED = "skipped"


@record
class PhaseRecord:
    """A phase of a meeting with its planned and actually used time.

    ``key`` is unique within the meeting (``checkin``, ``case1.vragen``);
    ``method_id`` and ``step_key`` point at the step it was made from, and
    ``name`` keeps the step's name as it was, for history.
    """

    key: str
    name: str
    planned_minutes: float
    spent_seconds: float = 0.0
    status: PhaseStatus = PhaseStatus.PENDING
    method_id: str = ""
    step_key: str = ""
    case_slot: int = 0
    """0 for the meeting frame's own phases, 1 or 2 for the case worked in it."""
    extra_minutes: float = 0.0
    """Minutes added during the meeting ("one more minute")."""
    scale_value: int | None = None
    """The marker on a 0-10 scale board, where the step has one."""
    chair_id: str = ""
    """The member who chaired this phase when the chair was handed over for it; "" = the meeting's chair."""


@record
class CaseSlot:
    """One case worked in a meeting: the method chosen for it and the case itself."""

    method_id: str = ""
    case_id: str = ""


@record
class Interval:
    """A span of time, e.g. a break."""

    start: datetime
    end: datetime


@record
class NextPlan:
    """What the group agreed at the close for its next meeting."""

    on: date | None = None
    chair_id: str = ""
    inbrenger_id: str = ""
    break_minutes: int = 0
    """A break the group plans into the next meeting (0: none planned)."""


@record
class Meeting:
    """One meeting (bijeenkomst) of a group."""

    id: str
    group_id: str
    held_on: date
    planned_start: datetime | None = None
    planned_end: datetime | None = None
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    chair_id: str = ""
    """The member chairing the whole meeting; "" in a supervised meeting = the supervisor chairs."""
    timekeeper_id: str = ""
    """The member keeping the time, chosen at check-in ("" = nobody chosen; see core/roles.py)."""
    notetaker_id: str = ""
    """The member keeping the board (the notes), chosen at check-in ("" = nobody chosen)."""
    supervised: bool = False
    supervisor_present: bool = False
    handover_stage: int = 0
    """Step of the handover plan this supervised meeting follows (see ``core.programme``); 0 = none."""
    method_id: str = ""
    phases: tuple[PhaseRecord, ...] = ()
    status: MeetingStatus = MeetingStatus.PLANNED
    breaks: tuple[Interval, ...] = ()
    gaps: tuple[Interval, ...] = ()
    """Stretches the meeting stood open while the app was not running it (quit, lock, crash): not meeting time."""
    overrun_confirmed: bool = False
    """The chair confirmed the clock's time past the plan (planned minutes plus minutes added) as meeting time."""
    next_plan: NextPlan | None = None
    slots: tuple[CaseSlot, ...] = ()
    """The one or two cases worked, in order; empty until the choice is made."""
    retired: tuple[PhaseRecord, ...] = ()
    """Phases of a case's earlier method that were worked before the method changed: their time
    still counts, and their notes are still shown (under the step's name) with the earlier notes."""
    current: int = 0
    """Index into ``phases`` of the current phase."""
    clock_started_at: datetime | None = None
    """When the current phase's clock last started; None while it stands still."""
    paused_at: datetime | None = None
    """When the meeting was paused (a break); None while it runs."""
    planned_break_minutes: int = 0
    """The break planned into this meeting (agreed at the last close): part of its length and planned end,
    never of its counted time (a break taken with Space is not meeting time)."""
    updated_at: datetime


@record
class Case:
    """A case brought in (inbreng), framed as a question about one's own action."""

    id: str
    meeting_id: str
    inbrenger_id: str
    title: str
    question: str = ""
    theme: str = ""
    status: CaseStatus = CaseStatus.CANDIDATE
    method_id: str = ""
    urgency: int = 0
    votes: int = 0
    next_step: str = ""
    scale_score: int | None = None
    takeaway: str = ""
    """What the inbrenger takes from the feedback round ("wat neem ik mee")."""
    outcome: str = ""
    """How the next step went, told in the next meeting's look-back."""
    updated_at: datetime


@record
class Question:
    """A question asked in the question round, with its asker and verdict."""

    id: str
    meeting_id: str
    case_id: str
    asker_id: str
    text: str
    kind: str = ""
    """The coach's verdict ("open", "closed", "advice"), or the chair's when ``kind_by_chair``."""
    kind_by_chair: bool = False
    mark: str = ""
    """The inbrenger's mark: warm / cold / neutral (socratic) or relevant / not_relevant."""
    position: int = 0
    updated_at: datetime


@record
class Note:
    """A whiteboard note of one phase."""

    id: str
    meeting_id: str
    phase_key: str
    text: str
    case_id: str = ""
    position: int = 0
    column: str = ""
    author_id: str = ""
    """The member whose turn it was, for notes taken in a round."""
    in_minutes: bool = False
    """The group keeps this note in the minutes (without its author; ``core.minutes``)."""
    updated_at: datetime


@record
class FeedbackItem:
    """One member's top and tip, for the inbrenger or the chair."""

    id: str
    meeting_id: str
    giver_id: str
    about: FeedbackAbout = FeedbackAbout.INBRENGER
    case_id: str = ""
    top: str = ""
    tip: str = ""
    updated_at: datetime


@record
class Evaluation:
    """One participant's turn in the closing round: what they take with them, and marks of 1-10."""

    id: str
    meeting_id: str
    member_id: str
    takeaway: str = ""
    technical: str = ""
    """SKJ reflection, technisch-instrumenteel: methods, skills and knowledge used."""
    normative: str = ""
    """SKJ reflection, normatief: values, norms and professional ethics at stake."""
    personal: str = ""
    """SKJ reflection, persoonlijk: what the case touched in oneself."""
    goal_review: str = ""
    """Looking back on one's learning goal, asked in the programme's closing meeting (core/learning_goals.py)."""
    rating: int | None = None
    method_rating: int | None = None
    safety_rating: int | None = None
    yield_rating: int | None = None
    time_rating: int | None = None
    updated_at: datetime


@record
class Turn:
    """One finished turn in a round: who, how many contributions, or a pass."""

    member_id: str
    contributions: int = 0
    passed: bool = False


@record
class Round:
    """The turn-taking of one phase (see ``core.rounds``); its state is derived from ``turns``."""

    id: str
    meeting_id: str
    phase_key: str
    order: tuple[str, ...]
    """Member ids in speaking order."""
    absent: tuple[str, ...] = ()
    """Members who left during the round; their turns are skipped."""
    turns: tuple[Turn, ...] = ()
    """Finished turns, oldest first."""
    in_turn: int = 0
    """Contributions by the current speaker in the turn under way."""
    per_turn: int = 1
    per_member: int = 0
    """Contributions per member in the whole round; 0 means no limit."""
    laps: int = 1
    """Turns per member; 0 means go round until everyone passes or reaches ``per_member``."""
    updated_at: datetime


@record
class Attendance:
    """Whether (and when) a member attended a meeting."""

    id: str
    meeting_id: str
    member_id: str
    present: bool = True
    arrived: datetime | None = None
    left: datetime | None = None
    updated_at: datetime


@record
class MeetingSummary:
    """What a list of meetings shows, kept beside the meetings so listing is cheap."""

    id: str
    group_id: str
    held_on: date
    status: MeetingStatus = MeetingStatus.PLANNED
    chair_id: str = ""
    supervised: bool = False
    method_id: str = ""
    case_titles: tuple[str, ...] = ()
    minutes: float = 0.0


@value_class
class MeetingContent:
    """Everything recorded in one meeting (read from the store, handed to core's rules)."""

    meeting: Meeting
    cases: tuple[Case, ...] = ()
    questions: tuple[Question, ...] = ()
    notes: tuple[Note, ...] = ()
    feedback: tuple[FeedbackItem, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    rounds: tuple[Round, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()


@record
class IndicatorResult:
    """One readiness indicator as it stood when the supervisor signed."""

    key: str
    value: str
    met: bool | None = None
    """True, False, or None where the indicator cannot be judged from the records."""


@record
class Graduation:
    """The supervisor's signature that a group runs itself from now on."""

    id: str
    group_id: str
    signed_on: date
    supervisor: str
    remark: str = ""
    indicators: tuple[IndicatorResult, ...] = ()
    updated_at: datetime


@record
class SupervisorNote:
    """A supervisor's private observation of a group; kept only in the supervisor's own file."""

    id: str
    group_id: str
    group_name: str = ""
    written_at: datetime
    text: str
    updated_at: datetime


def summarize(meeting: Meeting, cases: tuple[Case, ...] | list[Case] = ()) -> MeetingSummary:
    """The summary of a meeting and its cases (chosen or worked cases only)."""
    worked = [case.title for case in cases if case.status in (CaseStatus.CHOSEN, CaseStatus.DONE)]
    return MeetingSummary(
        id=meeting.id,
        group_id=meeting.group_id,
        held_on=meeting.held_on,
        status=meeting.status,
        chair_id=meeting.chair_id,
        supervised=meeting.supervised,
        method_id=meeting.method_id,
        case_titles=tuple(worked),
        minutes=round(sum(phase.spent_seconds for phase in (*meeting.phases, *meeting.retired)) / 60, 1),
    )
