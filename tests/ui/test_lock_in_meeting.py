"""The projector never asks for a passphrase mid-meeting (docs/ROOM.md, "Lock in a meeting").

The idle minutes do not run while a phase's clock runs within its time; a lock during a meeting
shows a curtain, and the passphrase field appears only after a key. The demo's lock says how to
go on, since nobody knows its passphrase.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from intervisie_tui.core.meeting import phase_seconds, planned_seconds
from intervisie_tui.ui.screens.curtain import CurtainScreen
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.screens.unlock import UnlockScreen
from intervisie_tui.ui.session.screen import SessionScreen
from intervisie_tui.ui.settings import Settings, save_settings
from intervisie_tui.ui.widgets.passphrase import PassphraseInput
from tests.conftest import PASSPHRASE, FrozenClock
from tests.ui.helpers import make_app, type_line


def shown_text(app) -> str:
    """The text of every Static that is displayed on the current screen."""
    return " ".join(str(widget.render()) for widget in app.screen.query(Static) if widget.display and widget.visible)


def field_shown(app) -> bool:
    """Whether the passphrase field is on screen (it and every box around it displayed)."""
    field = app.screen.query_one(PassphraseInput)
    return all(node.display for node in [field, *field.ancestors] if node is not app)


def minutes_left_in_phase(app) -> float:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    meeting = screen.meeting
    now = app.clock()
    return (planned_seconds(meeting.phases[meeting.current]) - phase_seconds(meeting, meeting.current, now)) / 60


async def test_a_running_phase_is_not_idle_time_and_a_lock_after_it_hides_the_passphrase(tmp_path: Path) -> None:
    clock = FrozenClock()
    save_settings(tmp_path / "config", Settings(idle_lock_minutes=10))
    app = make_app(tmp_path, demo=True, unlocked=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        left = minutes_left_in_phase(app)
        assert left > 10.5, "the demo's phase must have more time left than the idle minutes"
        clock.advance(minutes=10.5)  # nobody touched a key: the group is talking
        app.check_idle_lock()
        await pilot.pause()
        assert app.repository is not None and isinstance(app.screen, SessionScreen)
        clock.advance(minutes=left - 10.5 + 9)  # the phase's time is up, 9 minutes after that
        app.check_idle_lock()
        assert app.repository is not None
        clock.advance(minutes=1.5)
        app.check_idle_lock()
        await pilot.pause()
        assert app.repository is None and isinstance(app.screen, UnlockScreen)
        assert not field_shown(app), "the room sees a curtain, not a passphrase field"
        assert "intervisie" in shown_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert field_shown(app) and app.focused is app.screen.query_one(PassphraseInput)
        await type_line(pilot, PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.repository is not None


async def test_a_paused_meeting_counts_as_idle(tmp_path: Path) -> None:
    clock = FrozenClock()
    save_settings(tmp_path / "config", Settings(idle_lock_minutes=10))
    app = make_app(tmp_path, demo=True, unlocked=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")  # a break
        await pilot.pause()
        assert app.saver.flush(timeout=5)
        clock.advance(minutes=10)
        app.check_idle_lock()
        await pilot.pause()
        assert app.repository is None and isinstance(app.screen, UnlockScreen)
        assert not field_shown(app)  # still a meeting: the curtain first


async def test_the_lock_key_in_a_meeting_shows_the_curtain_until_a_key(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.repository is None and isinstance(app.screen, UnlockScreen)
        assert not field_shown(app)
        assert "Anouk" not in shown_text(app)
        await pilot.press("x")  # any key; it is not typed into the field
        await pilot.pause()
        assert field_shown(app) and app.screen.query_one(PassphraseInput).value == ""


async def test_without_a_running_meeting_the_lock_asks_for_the_passphrase_at_once(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # to the groups
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.halt_running_meetings()
        assert app.saver.flush(timeout=5)
        meeting_id = app.running_meeting_id()
        assert meeting_id is not None
        # Close the demo meeting in the file, as if it had ended.
        from intervisie_tui.core.meeting import finish

        content = app.repository.meeting_content(meeting_id)
        app.repository.put(finish(content.meeting, app.clock()))
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen) and field_shown(app)


async def test_the_demos_lock_says_how_to_go_on(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    app.context.demo = True
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        below = app.screen
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, CurtainScreen)
        shown = shown_text(app)
        assert "demo" in shown and "Enter" in shown and "Anouk" not in shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is below and app.repository is not None
