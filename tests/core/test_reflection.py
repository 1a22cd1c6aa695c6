"""A member's reflection on a meeting, stored on their evaluation."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from intervisie_tui.core.model import Evaluation, Meeting
from intervisie_tui.core.reflection import evaluation_of, with_reflection
from intervisie_tui.core.sanitize import TextRejected

NOW = datetime(2026, 11, 23, 21, 0, tzinfo=timezone(timedelta(hours=1)))
MEETING = Meeting(id="m", group_id="g", held_on=date(2026, 11, 23), updated_at=NOW)


def test_the_closing_rounds_evaluation_is_the_one_reflected_on() -> None:
    closing = Evaluation(id="e", meeting_id="m", member_id="ann", takeaway="eerst luisteren", rating=8, updated_at=NOW)
    found = evaluation_of([closing], MEETING, "ann", NOW)
    assert found is closing
    changed = with_reflection(
        found,
        {
            "takeaway": "eerst luisteren",
            "technical": "  de  schaalvraag ",
            "normative": "",
            "personal": "ik\nwil redden",
        },
        NOW,
    )
    assert changed.id == "e" and changed.rating == 8
    assert (changed.technical, changed.personal) == ("de schaalvraag", "ik wil redden")


def test_a_member_without_an_evaluation_gets_a_new_one() -> None:
    fresh = evaluation_of([], MEETING, "bas", NOW)
    assert fresh.member_id == "bas" and fresh.meeting_id == "m" and fresh.takeaway == ""


def test_an_over_long_reflection_is_refused_with_a_reason() -> None:
    with pytest.raises(TextRejected) as refused:
        with_reflection(evaluation_of([], MEETING, "bas", NOW), {"personal": "x" * 5000}, NOW)
    assert "500" in refused.value.message()


def test_a_refusal_raised_inside_a_with_block_stays_a_refusal() -> None:
    """The refusal used to be a frozen dataclass: contextlib could not set its traceback (TypeError)."""
    from contextlib import contextmanager

    @contextmanager
    def around():
        yield

    with pytest.raises(TextRejected), around():
        with_reflection(evaluation_of([], MEETING, "bas", NOW), {"personal": "x" * 600}, NOW)
