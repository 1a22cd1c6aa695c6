"""A group's history: searching its past meetings (case titles, questions, notes, takeaways, feedback).

Pure functions on stored meeting contents; the history screen shows the hits.
The search ignores case and accents ("reflectie" finds "Reflectie", "ruzie"
finds "rúzie"), so a group finds what it wrote however it was typed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from intervisie_tui.core.model import MeetingContent, MeetingStatus
from intervisie_tui.core.sanitize import one_line
from intervisie_tui.core.values import value_class

SNIPPET_CHARS = 60


@value_class
class Hit:
    """One place in a meeting where the search words occur."""

    meeting_id: str
    kind: str
    """"case", "question", "note", "takeaway", "feedback" or "outcome"."""
    text: str
    """A short piece of the text around the first match."""


def fold(text: str) -> str:
    """Lower case without accents, for matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _texts(content: MeetingContent) -> Iterable[tuple[str, str]]:
    for case in content.cases:
        yield "case", " — ".join(part for part in (case.title, case.question, case.theme) if part)
        for kind, text in (("takeaway", case.takeaway), ("takeaway", case.next_step), ("outcome", case.outcome)):
            if text:
                yield kind, text
    for question in content.questions:
        yield "question", question.text
    for note in content.notes:
        yield "note", note.text
    for evaluation in content.evaluations:
        if evaluation.takeaway:
            yield "takeaway", evaluation.takeaway
    for item in content.feedback:
        for text in (item.top, item.tip):
            if text:
                yield "feedback", text


def snippet(text: str, at: int, length: int) -> str:
    """About SNIPPET_CHARS characters of ``text`` around position ``at``, with … where cut.

    ``at`` counts in the text on one line (:func:`~intervisie_tui.core.sanitize.one_line`:
    a note's lines joined by " ↵ ").
    """
    flat = one_line(text)
    if len(flat) <= SNIPPET_CHARS:
        return flat
    start = max(0, min(at - SNIPPET_CHARS // 3, len(flat) - SNIPPET_CHARS))
    piece = flat[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(flat) else "")


def search(contents: Iterable[MeetingContent], query: str) -> list[Hit]:
    """Every place in the held meetings where all words of ``query`` occur, newest meeting first."""
    words = [fold(word) for word in query.split()]
    if not words:
        return []
    hits: list[Hit] = []
    held = [content for content in contents if content.meeting.status is not MeetingStatus.PLANNED]
    for content in sorted(held, key=lambda c: (c.meeting.held_on, c.meeting.id), reverse=True):
        for kind, text in _texts(content):
            flat = one_line(text)  # a hit is one line of the list; a note's lines stay visible as ↵
            folded = fold(flat)
            if all(word in folded for word in words):
                # fold() keeps one character per character of the flattened text for nearly all
                # input; where it does not (ligatures), the snippet is merely shifted a little.
                hits.append(Hit(content.meeting.id, kind, snippet(flat, folded.find(words[0]), len(words[0]))))
    return hits
