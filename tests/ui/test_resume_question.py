"""Pilot tests of meeting time: a meeting found still running later, and time past the plan.

A meeting quit and opened again 16 hours later counted the
night. Now the chair is asked what happened (go on, or it ended when the clock
last ran), the night never counts, and time past the plan counts only when
the chair says so as the meeting ends.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import OptionList, Static

from intervisie_tui.core.dates import long_day_text
from intervisie_tui.core.hours import Period, member_hours, net_minutes
from intervisie_tui.core.meeting import clock as clock_of
from intervisie_tui.core.model import Group, Interval, MeetingStatus
from intervisie_tui.core.statement import hours_statement_markdown
from intervisie_tui.ui.dialogs.confirm import Confirm
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.session.resume_question import ResumeQuestion
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import PASSPHRASE, FrozenClock
from tests.ui.helpers import begin, group_file, make_app, reopened, type_line

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


async def run_and_quit(tmp_path: Path, clock: FrozenClock, minutes: float) -> tuple[Group, object]:
    """Plan and start today's meeting, let its clock run ``minutes``, quit (Ctrl+Q). Returns the group and the app."""
    app, group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        clock.advance(minutes=minutes)
        await pilot.press("ctrl+q")
    app.context.opener.release()
    return group, app


def stored_meeting(tmp_path: Path, clock: FrozenClock, app):
    """The file's one meeting with its records, read anew."""
    opener, repository = reopened(tmp_path, clock, app)
    try:
        group = repository.groups()[0]
        summary = repository.meetings(group.id)[0]
        return repository.meeting_content(summary.id), group, repository.members(group.id)
    finally:
        repository.close()
        opener.release()


def detail_text(app) -> str:
    return str(app.screen.query_one("#resume-detail", Static).render())


async def test_opened_16_hours_later_the_chair_is_asked_and_continuing_leaves_the_night_out(tmp_path: Path) -> None:
    """Quit at 1:50, opened 16 h later: asked; "continue" resumes with the clock at 1:50; ended 3:24 later
    past the plan, the chair keeps the plan (N). The hours statement no longer lists 17.89 h."""
    clock = FrozenClock()
    quit_at = clock.now.replace(hour=15, minute=55)
    await run_and_quit(tmp_path, clock, 110)
    clock.advance(hours=16)
    app = make_app(tmp_path, unlocked=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeQuestion)
        assert long_day_text(quit_at.date()) in detail_text(app) and "15:55" in detail_text(app)
        session = app.screen_stack[-2]
        assert isinstance(session, SessionScreen)
        reading = clock_of(session.meeting, clock())
        assert reading.elapsed_seconds == 110 * 60 and not reading.running  # the night is not on the clock
        assert app.screen.query_one(OptionList).highlighted == 0
        await pilot.press("enter")  # continue the meeting now
        await pilot.pause()
        assert app.screen is session
        assert session.meeting.status is MeetingStatus.RUNNING
        assert session.meeting.gaps == (Interval(start=quit_at, end=clock()),)
        clock.advance(minutes=3, seconds=24)
        assert clock_of(session.meeting, clock()).elapsed_seconds == 113.4 * 60
        await pilot.press("x", "enter")  # end the meeting: yes
        await pilot.pause()
        assert isinstance(app.screen, Confirm)  # 3 min past the plan: count them?
        assert "3 min" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("n")
        await pilot.pause()
        assert session.meeting.status is MeetingStatus.CLOSED and not session.meeting.overrun_confirmed
        await pilot.press("ctrl+q")
    content, group, members = stored_meeting(tmp_path, clock, app)
    assert net_minutes(content.meeting) == 110
    member = members[0]
    hours = member_hours([content], member.id, YEAR)
    statement = hours_statement_markdown(member, group, None, YEAR, hours, clock(), "nl")
    assert "17,89" not in statement and "17,9" not in statement
    assert "| 1,83 |" in statement


async def test_the_chair_says_it_ended_when_the_clock_last_ran_and_confirms_the_overrun(tmp_path: Path) -> None:
    """Quit at 2:00 (10 min past the plan), opened the next day: "it ended at 16:05" closes it then;
    the chair counts the ten minutes (J)."""
    clock = FrozenClock()
    quit_at = clock.now.replace(hour=16, minute=5)
    await run_and_quit(tmp_path, clock, 120)
    clock.advance(hours=20)
    app = make_app(tmp_path, unlocked=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeQuestion)
        await pilot.press("down", "enter")  # the meeting ended at 16:05
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "10 min" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("j")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        assert session.meeting.status is MeetingStatus.CLOSED
        assert session.meeting.actual_end == quit_at and session.meeting.overrun_confirmed
        await pilot.press("ctrl+q")
    content, _group, _members = stored_meeting(tmp_path, clock, app)
    assert content.meeting.status is MeetingStatus.CLOSED and content.meeting.actual_end == quit_at
    assert net_minutes(content.meeting) == 120


async def test_esc_goes_back_to_the_groups_and_asks_again_next_time(tmp_path: Path) -> None:
    """Undecided: nothing changes in the file; opening the meeting again asks again."""
    clock = FrozenClock()
    await run_and_quit(tmp_path, clock, 30)
    clock.advance(hours=16)
    app = make_app(tmp_path, unlocked=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeQuestion)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # the group's running meeting
        await pilot.pause()
        assert isinstance(app.screen, ResumeQuestion)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
    content, _group, _members = stored_meeting(tmp_path, clock, app)
    meeting = content.meeting
    assert meeting.status is MeetingStatus.RUNNING and meeting.clock_started_at is None and meeting.gaps == ()
    assert meeting.phases[0].spent_seconds == 30 * 60


async def test_a_meeting_left_on_another_screen_for_hours_asks_too(tmp_path: Path) -> None:
    """Esc to the groups mid-meeting, back five hours later in the same run: asked, and on "continue"
    the five hours do not count."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        clock.advance(minutes=20)
        await pilot.press("n")  # the clock is saved here (phase change)
        await pilot.press("escape")
        await pilot.pause()
        clock.advance(hours=5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeQuestion)
        await pilot.press("enter")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        clock.advance(minutes=1)
        assert clock_of(session.meeting, clock()).elapsed_seconds == 60
        assert sum(phase.spent_seconds for phase in session.meeting.phases) == 20 * 60


async def test_a_short_stop_the_same_day_asks_nothing(tmp_path: Path) -> None:
    """Quit, back after 40 minutes: the meeting resumes at once; the 40 minutes are a gap."""
    clock = FrozenClock()
    await run_and_quit(tmp_path, clock, 30)
    clock.advance(minutes=40)
    app = make_app(tmp_path, unlocked=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        assert clock_of(session.meeting, clock()).elapsed_seconds == 30 * 60
        assert len(session.meeting.gaps) == 1
        await pilot.press("ctrl+q")


async def test_the_lock_stops_the_clock_and_the_time_locked_does_not_count(tmp_path: Path) -> None:
    """Ctrl+L: the file holds a stopped clock; unlocked 30 minutes later, the clock is where it was."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await begin(pilot)
        clock.advance(minutes=5)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.repository is None
        clock.advance(minutes=30)
        repository = app.context.opener.unlock(PASSPHRASE)  # the file as the lock left it (the app holds its lock)
        try:
            summary = repository.running_meetings()[0]
            locked = repository.meeting_content(summary.id).meeting
        finally:
            repository.close()
        assert locked.clock_started_at is None and locked.phases[0].spent_seconds == 5 * 60
        await pilot.press("enter")  # a lock during a meeting shows the curtain until a key
        await type_line(pilot, PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        assert clock_of(session.meeting, clock()).elapsed_seconds == 5 * 60
        await pilot.press("ctrl+q")
