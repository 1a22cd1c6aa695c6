"""Searching a group's history."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from intervisie_tui.core.history import SNIPPET_CHARS, fold, search, snippet
from intervisie_tui.core.model import (
    Case,
    Evaluation,
    FeedbackItem,
    Meeting,
    MeetingContent,
    MeetingStatus,
    Note,
    Question,
)

T = datetime(2026, 3, 2, 19, 0, tzinfo=timezone(timedelta(hours=1)))


def content(meeting_id: str, day: date, status=MeetingStatus.CLOSED, **records) -> MeetingContent:
    meeting = Meeting(id=meeting_id, group_id="g", held_on=day, status=status, updated_at=T)
    return MeetingContent(meeting=meeting, **records)


def test_all_words_must_occur_ignoring_case_and_accents() -> None:
    found = content(
        "m1",
        date(2026, 3, 2),
        questions=(
            Question(
                id="q1", meeting_id="m1", case_id="c", asker_id="a", text="Wat deed de Rúzie met je?", updated_at=T
            ),
            Question(id="q2", meeting_id="m1", case_id="c", asker_id="a", text="Wat voelde je?", updated_at=T),
        ),
    )
    hits = search([found], "ruzie WAT")
    assert [(hit.meeting_id, hit.kind, hit.text) for hit in hits] == [("m1", "question", "Wat deed de Rúzie met je?")]


def test_every_kind_of_text_is_searched_newest_meeting_first() -> None:
    older = content(
        "m1",
        date(2025, 1, 5),
        cases=(
            Case(
                id="c1",
                meeting_id="m1",
                inbrenger_id="a",
                title="Huisbezoek",
                question="Hoe kan ik grenzen stellen?",
                takeaway="grenzen eerder benoemen",
                updated_at=T,
            ),
        ),
        notes=(Note(id="n1", meeting_id="m1", phase_key="p", text="grenzen en ruimte", updated_at=T),),
    )
    newer = content(
        "m2",
        date(2026, 1, 5),
        evaluations=(
            Evaluation(id="e1", meeting_id="m2", member_id="a", takeaway="Grenzen zijn ook zorg", updated_at=T),
        ),
        feedback=(FeedbackItem(id="f1", meeting_id="m2", giver_id="b", top="helder over grenzen", updated_at=T),),
    )
    hits = search([older, newer], "grenzen")
    assert [(hit.meeting_id, hit.kind) for hit in hits] == [
        ("m2", "takeaway"),
        ("m2", "feedback"),
        ("m1", "case"),
        ("m1", "takeaway"),
        ("m1", "note"),
    ]


def test_planned_meetings_and_empty_queries_find_nothing() -> None:
    planned = content(
        "m3",
        date(2026, 5, 1),
        status=MeetingStatus.PLANNED,
        notes=(Note(id="n", meeting_id="m3", phase_key="p", text="agenda", updated_at=T),),
    )
    assert search([planned], "agenda") == []
    assert search([planned], "   ") == []


def test_a_long_text_is_cut_around_the_match() -> None:
    text = "a" * 100 + " sleutelwoord " + "b" * 100
    piece = snippet(text, text.index("sleutelwoord"), 12)
    assert "sleutelwoord" in piece and piece.startswith("…") and piece.endswith("…")
    assert len(piece) == SNIPPET_CHARS + 2


def test_fold_removes_accents_and_case() -> None:
    assert fold("Één Ÿ ç") == "een y c"


def test_a_note_of_several_lines_is_found_and_its_hit_shows_where_lines_end() -> None:
    """A hit is one line of the list: the note's lines are joined by " ↵ ", not run together."""
    found = content(
        "m1",
        date(2026, 3, 2),
        notes=(
            Note(id="n1", meeting_id="m1", phase_key="p", text="Eerste punt\nGrenzen   stellen\n\nDerde", updated_at=T),
        ),
    )
    [hit] = search([found], "punt grenzen")
    assert hit.text == "Eerste punt ↵ Grenzen stellen ↵ Derde"
