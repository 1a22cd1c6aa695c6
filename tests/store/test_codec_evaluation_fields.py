"""The SKJ reflection fields of an evaluation: older files without them still read, and they round-trip."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from intervisie_tui.core.model import Evaluation, Meeting, MeetingStatus
from intervisie_tui.store.codec import decode, encode
from intervisie_tui.store.repository import Repository
from tests.conftest import FROZEN

# An evaluation as an app before the SKJ fields wrote it.
OLD_DOCUMENT = {
    "id": "ev-1",
    "meeting_id": "m-1",
    "member_id": "p-1",
    "takeaway": "Eerst vragen, dan pas denken",
    "rating": 8,
    "method_rating": None,
    "safety_rating": 9,
    "yield_rating": None,
    "time_rating": 7,
    "updated_at": FROZEN.isoformat(),
}


def _full() -> Evaluation:
    return Evaluation(
        id="ev-2",
        meeting_id="m-1",
        member_id="p-2",
        takeaway="Stilte laten vallen",
        technical="Schaalvraag",
        normative="Wie bepaalt wat goede zorg is?",
        personal="Ik wil het te snel oplossen",
        rating=7,
        updated_at=FROZEN,
    )


def test_older_document_without_the_fields_decodes_with_defaults() -> None:
    """A record stored without technical/normative/personal reads back with empty texts."""
    evaluation = decode(Evaluation, OLD_DOCUMENT)
    assert (evaluation.technical, evaluation.normative, evaluation.personal) == ("", "", "")
    assert evaluation.takeaway == "Eerst vragen, dan pas denken"
    assert (evaluation.rating, evaluation.safety_rating, evaluation.time_rating) == (8, 9, 7)
    assert evaluation.updated_at == FROZEN


def test_fields_round_trip_through_the_codec() -> None:
    """encode then decode gives the same record, the three dimensions included."""
    evaluation = _full()
    document = encode(evaluation)
    assert document["technical"] == "Schaalvraag"
    assert document["normative"] == "Wie bepaalt wat goede zorg is?"
    assert document["personal"] == "Ik wil het te snel oplossen"
    assert decode(Evaluation, document) == evaluation


def test_fields_round_trip_through_the_file(new_repository: Callable[..., Repository]) -> None:
    """Saved in an encrypted file and read back, the dimensions are kept."""
    repository = new_repository()
    meeting = Meeting(
        id="m-1", group_id="g-1", held_on=date(2026, 11, 23), status=MeetingStatus.CLOSED, updated_at=FROZEN
    )
    repository.put(meeting, _full())
    content = repository.meeting_content("m-1")
    assert content is not None
    assert content.evaluations == (_full(),)
