"""A meeting planned under two hours (or over four) is warned about when its methods are chosen."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from intervisie_tui import i18n
from intervisie_tui.core import meeting as flow
from intervisie_tui.core.meeting_length import (
    MAX_MINUTES,
    MIN_MINUTES,
    hours_text,
    length_warning,
    parse_break,
    planned_length,
)
from intervisie_tui.core.meeting_records import MeetingRecords
from intervisie_tui.core.meeting_session import MeetingSession
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import CaseSlot, Group, MeetingContent, Member, NextPlan
from intervisie_tui.core.next_meeting import plan_next
from tests.conftest import FROZEN

LIBRARY = load_shipped()


def _session() -> MeetingSession:
    meeting = flow.new_meeting("g", date(2026, 11, 22), LIBRARY, FROZEN, planned_start=FROZEN)
    members = [Member(id=m, group_id="g", name=m, updated_at=FROZEN) for m in ("a", "b", "c")]
    records = MeetingRecords(members=members, present=["a", "b", "c"])
    return MeetingSession(flow.start(meeting, FROZEN), Group(id="g", name="N", updated_at=FROZEN), [], LIBRARY, records)


def test_two_to_four_hours_is_quiet_and_outside_it_warns() -> None:
    i18n.set_language("en")
    assert (MIN_MINUTES, MAX_MINUTES) == (120, 240)
    assert length_warning(120) == "" and length_warning(240) == ""
    assert "at least 2 hours" in length_warning(110) and "1:50" in length_warning(110)
    assert "at most 4 hours" in length_warning(250)
    assert hours_text(95) == "1:35"


def test_choosing_one_short_method_warns_and_a_second_case_makes_it_long_enough() -> None:
    i18n.set_language("en")
    session = _session()
    one = (CaseSlot(method_id="kernkwadranten"),)
    assert planned_length(flow.set_slots(session.meeting, LIBRARY, one, FROZEN)) < MIN_MINUTES
    assert "at least 2 hours" in session.set_slots(one, FROZEN).notice
    two = (CaseSlot(method_id="kernkwadranten"), CaseSlot(method_id="roddel"))
    assert session.set_slots(two, FROZEN).notice == ""
    assert planned_length(session.meeting) >= MIN_MINUTES


def test_a_case_without_a_method_yet_is_not_warned_about() -> None:
    session = _session()
    assert session.set_slots((CaseSlot(method_id="kernkwadranten"), CaseSlot()), FROZEN).notice == ""


def test_a_planned_break_counts_in_the_length_and_the_planned_end() -> None:
    meeting = flow.new_meeting("g", date(2026, 11, 22), LIBRARY, FROZEN, planned_start=FROZEN, break_minutes=15)
    without = flow.new_meeting("g", date(2026, 11, 22), LIBRARY, FROZEN, planned_start=FROZEN)
    assert meeting.planned_break_minutes == 15
    assert planned_length(meeting) == planned_length(without) + 15
    assert meeting.planned_end is not None and without.planned_end is not None
    assert (meeting.planned_end - without.planned_end).total_seconds() == 15 * 60


def test_the_break_typed_in_the_next_meeting_form() -> None:
    assert parse_break("") == 0 and parse_break(" 15 ") == 15 and parse_break("0") == 0
    for wrong in ("kwartier", "-5", "90"):
        with pytest.raises(ValueError):
            parse_break(wrong)


def test_the_break_agreed_at_the_close_comes_with_the_next_meeting_plan() -> None:
    group = Group(id="g", name="N", updated_at=FROZEN)
    members = [Member(id=m, group_id="g", name=m, updated_at=FROZEN) for m in ("a", "b", "c")]
    held = flow.new_meeting("g", date(2026, 11, 22), LIBRARY, FROZEN, planned_start=FROZEN)
    held = flow.finish(flow.start(held, FROZEN), FROZEN)
    held = dataclasses.replace(held, next_plan=NextPlan(break_minutes=15))
    plan = plan_next(group, members, [MeetingContent(meeting=held)], date(2027, 1, 3))
    assert plan.break_minutes == 15
