"""The idle lock's rule: a running phase keeps the room busy until its planned time is up."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from intervisie_tui.core import meeting as flow
from intervisie_tui.core.idle import busy_until, idle_lock_due
from intervisie_tui.core.methods import load_shipped
from tests.conftest import FROZEN

CHECKIN_MINUTES = 10  # the shipped frame's first phase


def at(minutes: float) -> datetime:
    return FROZEN + timedelta(minutes=minutes)


def started():
    planned = flow.new_meeting("g", date(2026, 11, 22), load_shipped(), at(-5), planned_start=FROZEN)
    return flow.start(planned, FROZEN)


def test_a_running_phase_keeps_the_room_busy_until_its_time_is_up() -> None:
    meeting = started()
    assert busy_until(meeting, at(3)) == at(CHECKIN_MINUTES)
    assert busy_until(meeting, at(25)) == at(CHECKIN_MINUTES)  # overrun: the time was up at 10
    extended = flow.extend(meeting, at(9), 5)
    assert busy_until(extended, at(9)) == at(CHECKIN_MINUTES + 5)


def test_a_paused_or_closed_meeting_keeps_nothing_busy() -> None:
    meeting = started()
    assert busy_until(flow.pause(meeting, at(2)), at(3)) is None
    assert busy_until(flow.halt(meeting, at(2)), at(3)) is None
    planned = flow.new_meeting("g", date(2026, 11, 22), load_shipped(), at(-5), planned_start=FROZEN)
    assert busy_until(planned, at(3)) is None


def test_idle_minutes_count_from_the_last_key_or_the_end_of_the_busy_time() -> None:
    assert not idle_lock_due(at(0), at(9), 10)
    assert idle_lock_due(at(0), at(10), 10)
    assert not idle_lock_due(at(0), at(12), 10, busy=at(5))  # 15 minutes of a phase, no key
    assert idle_lock_due(at(0), at(15), 10, busy=at(5))
    assert not idle_lock_due(at(0), at(500), 0)  # 0 = never
