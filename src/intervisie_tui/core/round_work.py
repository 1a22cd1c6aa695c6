"""What a turn in a round records: a question, a note, a candidate case, feedback, an evaluation.

Each function takes the phase's :class:`Round` and returns the round after the
turn together with the record(s) the turn produced, so the session screen
saves both in one go. Everything is pure; ``now`` is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from intervisie_tui.core import rounds
from intervisie_tui.core.methods import Activity, Speaker, Step
from intervisie_tui.core.model import (
    Attendance,
    Case,
    CaseStatus,
    Evaluation,
    FeedbackAbout,
    FeedbackItem,
    Meeting,
    Member,
    Note,
    PhaseRecord,
    Question,
    Round,
    new_id,
    touch,
)
from intervisie_tui.core.questions import ADVICE, CLOSED, OPEN, classify
from intervisie_tui.core.sanitize import LINE_MAX, TITLE_MAX, clean_line
from intervisie_tui.core.whiteboard import add_note

ROUND_ACTIVITIES = frozenset(
    {
        Activity.CHECKIN,
        Activity.INVENTORY,
        Activity.QUESTIONS,
        Activity.CONTRIBUTIONS,
        Activity.FEEDBACK,
        Activity.CLOSING,
    }
)
KINDS = (OPEN, CLOSED, ADVICE)
SOCRATIC_MARKS = ("warm", "cold", "neutral")
RELEVANCE_MARKS = ("relevant", "not_relevant")
SOCRATIC_METHOD = "socratisch"
URGENCY_MAX = 3
RATING_RANGE = range(1, 11)


class NoSpeaker(ValueError):
    """The round is complete (or empty): there is nobody whose turn it is."""


def has_round(step: Step | None) -> bool:
    """Whether the step is run as a round of turns."""
    return step is not None and (step.activity in ROUND_ACTIVITIES or step.speaker is Speaker.GROUP_IN_TURN)


def present_members(members: Iterable[Member], attendance: Iterable[Attendance]) -> list[str]:
    """Ids of the active members, in the given order, less those recorded as absent."""
    absent = {record.member_id for record in attendance if not record.present}
    return [member.id for member in members if member.active and member.id not in absent]


def case_id_of(meeting: Meeting, phase: PhaseRecord) -> str:
    """The id of the case worked in ``phase`` ("" for frame phases or a case not chosen yet)."""
    if 1 <= phase.case_slot <= len(meeting.slots):
        return meeting.slots[phase.case_slot - 1].case_id
    return ""


def inbrenger_of(cases: Iterable[Case], case_id: str) -> str:
    """The member who brought in the case ``case_id`` ("" when unknown)."""
    return next((case.inbrenger_id for case in cases if case.id == case_id), "")


def _speaker(round_: Round) -> str:
    speaker = rounds.current_speaker(round_)
    if speaker is None:
        raise NoSpeaker("the round is complete")
    return speaker


# -- the question round -----------------------------------------------------------------


def ask(round_: Round, *, case_id: str, text: str, lang: str, position: int, now: datetime) -> tuple[Round, Question]:
    """The current speaker asks a question; the coach's verdict is stored with it."""
    asker = _speaker(round_)
    cleaned = clean_line(text, LINE_MAX)
    question = Question(
        id=new_id(),
        meeting_id=round_.meeting_id,
        case_id=case_id,
        asker_id=asker,
        text=cleaned,
        kind=classify(cleaned, lang).kind,
        position=position,
        updated_at=now,
    )
    return rounds.contribute(round_, now), question


def edit_question(question: Question, text: str, lang: str, now: datetime) -> Question:
    """New wording; the coach looks again unless the chair set the kind by hand."""
    cleaned = clean_line(text, LINE_MAX)
    kind = question.kind if question.kind_by_chair else classify(cleaned, lang).kind
    return touch(question, now, text=cleaned, kind=kind)


def cycle_kind(question: Question, now: datetime) -> Question:
    """The chair overrides the coach: open → closed → advice → open."""
    at = KINDS.index(question.kind) if question.kind in KINDS else -1
    return touch(question, now, kind=KINDS[(at + 1) % len(KINDS)], kind_by_chair=True)


def marks_for(method_id: str) -> tuple[str, ...]:
    """The marks the inbrenger gives questions: warm/cold/neutral in the socratic method, else relevance."""
    return SOCRATIC_MARKS if method_id == SOCRATIC_METHOD else RELEVANCE_MARKS


def cycle_mark(question: Question, marks: Sequence[str], now: datetime) -> Question:
    """The next mark in ``marks``, and after the last one none again."""
    choices = ("", *marks)
    at = choices.index(question.mark) if question.mark in choices else 0
    return touch(question, now, mark=choices[(at + 1) % len(choices)])


# -- notes in a round (check-in lines, diagnoses, ideas) ------------------------------------


def add_turn_note(
    round_: Round, notes: Iterable[Note], *, text: str, column: str, case_id: str, now: datetime
) -> tuple[Round, list[Note]]:
    """The current speaker's contribution as a whiteboard note signed with their id."""
    author = _speaker(round_)
    note, changed = add_note(
        notes,
        meeting_id=round_.meeting_id,
        phase_key=round_.phase_key,
        text=text,
        now=now,
        column=column,
        case_id=case_id,
    )
    signed = touch(note, now, author_id=author)
    return rounds.contribute(round_, now), [signed, *changed[1:]]


# -- case inventory and choice -----------------------------------------------------------


def add_candidate(round_: Round, *, title: str, question: str, urgency: int, now: datetime) -> tuple[Round, Case]:
    """The current speaker brings in a candidate case."""
    inbrenger = _speaker(round_)
    case = Case(
        id=new_id(),
        meeting_id=round_.meeting_id,
        inbrenger_id=inbrenger,
        title=clean_line(title, TITLE_MAX),
        question=clean_line(question, LINE_MAX),
        urgency=max(0, min(URGENCY_MAX, urgency)),
        updated_at=now,
    )
    return rounds.contribute(round_, now), case


def vote(case: Case, delta: int, now: datetime) -> Case:
    """One vote more (or less; never below zero)."""
    return touch(case, now, votes=max(0, case.votes + delta))


def ranked(cases: Iterable[Case], by: str = "votes") -> list[Case]:
    """Candidate and chosen cases, most votes (or most urgent) first; ties keep their order."""
    listed = [case for case in cases if case.status in (CaseStatus.CANDIDATE, CaseStatus.CHOSEN)]
    if by == "urgency":
        return sorted(listed, key=lambda case: (-case.urgency, -case.votes))
    return sorted(listed, key=lambda case: (-case.votes, -case.urgency))


def chosen_slots(meeting: Meeting, case: Case) -> tuple[tuple[str, str], ...]:
    """(method id, case id) per slot after choosing ``case``: the first slot without a case takes it,
    else the last slot's case is replaced."""
    slots = [(slot.method_id, slot.case_id) for slot in meeting.slots] or [("", "")]
    if any(case_id == case.id for _method, case_id in slots):
        return tuple(slots)
    free = next((index for index, (_method, case_id) in enumerate(slots) if not case_id), len(slots) - 1)
    slots[free] = (slots[free][0], case.id)
    return tuple(slots)


def case_statuses(cases: Iterable[Case], slots: Sequence[tuple[str, str]], now: datetime) -> list[Case]:
    """Cases whose status changes with these slots: in a slot → chosen (with its method), else candidate."""
    methods = {case_id: method for method, case_id in slots if case_id}
    changed = []
    for case in cases:
        if case.status is CaseStatus.DONE or case.status is CaseStatus.DEFERRED:
            continue
        if case.id in methods:
            if case.status is not CaseStatus.CHOSEN or case.method_id != methods[case.id]:
                changed.append(touch(case, now, status=CaseStatus.CHOSEN, method_id=methods[case.id]))
        elif case.status is CaseStatus.CHOSEN:
            changed.append(touch(case, now, status=CaseStatus.CANDIDATE))
    return changed


# -- feedback and closing ----------------------------------------------------------------


def give_feedback(round_: Round, *, case_id: str, top: str, tip: str, now: datetime) -> tuple[Round, FeedbackItem]:
    """The current speaker's top and tip for the inbrenger."""
    giver = _speaker(round_)
    item = FeedbackItem(
        id=new_id(),
        meeting_id=round_.meeting_id,
        giver_id=giver,
        about=FeedbackAbout.INBRENGER,
        case_id=case_id,
        top=clean_line(top, LINE_MAX),
        tip=clean_line(tip, LINE_MAX),
        updated_at=now,
    )
    return rounds.contribute(round_, now), item


def parse_rating(text: str) -> int | None:
    """A mark of 1-10 from what was typed ("8", " 7 "); None when empty. Raises ValueError otherwise."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    value = round(float(text))
    if value not in RATING_RANGE:
        raise ValueError(text)
    return value


def evaluate(
    round_: Round, *, takeaway: str, ratings: dict[str, int | None], now: datetime, goal_review: str = ""
) -> tuple[Round, Evaluation]:
    """The current speaker's closing turn: what they take with them, their marks, and in the programme's
    closing meeting how far they got with their learning goal.

    ``ratings`` has the keys ``rating``, ``method_rating``, ``safety_rating``,
    ``yield_rating`` and ``time_rating`` (any may be missing or None).
    """
    member = _speaker(round_)
    evaluation = Evaluation(
        id=new_id(),
        meeting_id=round_.meeting_id,
        member_id=member,
        takeaway=clean_line(takeaway, LINE_MAX),
        goal_review=clean_line(goal_review, LINE_MAX),
        rating=ratings.get("rating"),
        method_rating=ratings.get("method_rating"),
        safety_rating=ratings.get("safety_rating"),
        yield_rating=ratings.get("yield_rating"),
        time_rating=ratings.get("time_rating"),
        updated_at=now,
    )
    return rounds.contribute(round_, now), evaluation


def mean_rating(evaluations: Iterable[Evaluation]) -> float | None:
    """The average overall mark, or None when nobody gave one."""
    marks = [evaluation.rating for evaluation in evaluations if evaluation.rating is not None]
    return round(sum(marks) / len(marks), 1) if marks else None
