"""Handing the chair over for a phase or the meeting, and the chair's tops and tips."""

from __future__ import annotations

from datetime import UTC, date, datetime

from intervisie_tui.core.chair_handover import chair_of_phase, chairs_of, feedback_to_chair, hand_meeting, hand_phase
from intervisie_tui.core.model import FeedbackAbout, Meeting, PhaseRecord

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def meeting(current: int = 1, chair: str = "") -> Meeting:
    phases = tuple(PhaseRecord(key=f"p{i}", name=f"P{i}", planned_minutes=5) for i in range(4))
    return Meeting(
        id="m",
        group_id="g",
        held_on=date(2026, 11, 23),
        phases=phases,
        current=current,
        chair_id=chair,
        supervised=True,
        updated_at=NOW,
    )


def test_a_phase_handed_to_a_member_is_theirs_and_the_rest_stays_with_the_supervisor() -> None:
    handed = hand_phase(meeting(), 2, "aya", NOW)
    assert [chair_of_phase(handed, i) for i in range(4)] == ["", "", "aya", ""]
    assert chairs_of(handed) == ("aya",)
    assert [chair_of_phase(hand_phase(handed, 2, "", NOW), i) for i in range(4)] == ["", "", "", ""]


def test_handing_a_phase_out_of_range_changes_nothing() -> None:
    assert hand_phase(meeting(), 9, "aya", NOW) == meeting()


def test_handing_the_meeting_keeps_who_chaired_held_phases() -> None:
    before = hand_phase(hand_phase(meeting(current=2), 0, "bas", NOW), 3, "cor", NOW)
    handed = hand_meeting(before, "aya", NOW)
    assert handed.chair_id == "aya"
    assert [chair_of_phase(handed, i) for i in range(4)] == ["bas", "aya", "aya", "aya"]
    assert chairs_of(handed) == ("aya", "bas")
    assert hand_meeting(handed, "", NOW).chair_id == ""


def test_feedback_to_the_chair_needs_a_member_chair_and_some_words() -> None:
    item = feedback_to_chair("m", "bas", "aya", top=" Rustig ", tip="Tijd bewaken", now=NOW)
    assert item is not None and item.about is FeedbackAbout.CHAIR and item.giver_id == "bas"
    assert (item.top, item.tip) == ("Rustig", "Tijd bewaken")
    assert feedback_to_chair("m", "aya", "aya", top="x", tip="y", now=NOW) is None  # not to oneself
    assert feedback_to_chair("m", "bas", "", top="x", tip="y", now=NOW) is None  # the supervisor chaired
    assert feedback_to_chair("m", "bas", "aya", top=" ", tip="", now=NOW) is None
