"""The table layout of a group file: which table holds which record, and meeting tables read back.

docs/STORAGE.md explains the layout and why. :class:`~intervisie_tui.store.repository.Repository`
reads and writes through these; a merge (``store/merge.py``) and a handover use them too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from intervisie_tui.core.method_copies import GroupMethod
from intervisie_tui.core.model import (
    Agreement,
    Attendance,
    Case,
    Evaluation,
    FeedbackItem,
    Graduation,
    Group,
    Meeting,
    MeetingContent,
    Member,
    Note,
    Question,
    Round,
    summarize,
)
from intervisie_tui.store.codec import decode, encode

T = TypeVar("T")

META, GROUPS, MEMBERS, AGREEMENTS, MEETINGS = "meta", "groups", "members", "agreements", "meetings"
METHODS = "methods"
GRADUATIONS = "graduations"
MEETING_PREFIX = "meeting:"

SHARED_TABLES: dict[type, str] = {
    Group: GROUPS,
    Member: MEMBERS,
    Agreement: AGREEMENTS,
    GroupMethod: METHODS,
    Graduation: GRADUATIONS,
}
CONTENT_TYPES: dict[type, str] = {
    Meeting: "meeting",
    Case: "case",
    Question: "question",
    Note: "note",
    FeedbackItem: "feedback",
    Attendance: "attendance",
    Round: "round",
    Evaluation: "evaluation",
}
_TYPE_BY_NAME = {name: cls for cls, name in CONTENT_TYPES.items()}


def names_group(doc: dict[str, Any], group_id: str, meeting_ids: set[str]) -> bool:
    return doc.get("group_id") == group_id or doc.get("id") == group_id or doc.get("meeting_id") in meeting_ids


def meeting_table(meeting_id: str) -> str:
    """The table that holds one meeting and everything recorded in it."""
    return MEETING_PREFIX + meeting_id


def by_position(records: Iterable[T]) -> tuple[T, ...]:
    return tuple(sorted(records, key=lambda record: getattr(record, "position", 0)))


def content_from_rows(rows: Iterable[dict[str, Any]]) -> MeetingContent | None:
    """The records of one meeting table, or ``None`` when it holds no meeting."""
    by_type: dict[type, list[Any]] = {}
    for row in rows:
        cls = _TYPE_BY_NAME.get(row.get("_type", ""))
        if cls is not None:
            by_type.setdefault(cls, []).append(decode(cls, row))
    meetings = by_type.get(Meeting)
    if not meetings:
        return None
    return MeetingContent(
        meeting=meetings[0],
        cases=tuple(by_type.get(Case, ())),
        questions=by_position(by_type.get(Question, ())),
        notes=by_position(by_type.get(Note, ())),
        feedback=tuple(by_type.get(FeedbackItem, ())),
        attendance=tuple(by_type.get(Attendance, ())),
        rounds=tuple(by_type.get(Round, ())),
        evaluations=tuple(by_type.get(Evaluation, ())),
    )


def summary_document(rows: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The summary document of a meeting table's rows (None when it holds no meeting)."""
    content = content_from_rows(rows)
    return None if content is None else encode(summarize(content.meeting, content.cases))


def content_records(content: MeetingContent) -> list[Any]:
    """A meeting and everything recorded in it, as one list of records."""
    return [
        content.meeting,
        *content.cases,
        *content.questions,
        *content.notes,
        *content.feedback,
        *content.attendance,
        *content.rounds,
        *content.evaluations,
    ]
