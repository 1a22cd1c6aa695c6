"""Where the keys go when a meeting opens: to the board's first column, never to a hidden list."""

from __future__ import annotations

from pathlib import Path

from intervisie_tui.ui.session.screen import SessionScreen
from intervisie_tui.ui.session.whiteboard import NoteList
from tests.ui.helpers import make_app, until


async def test_an_opened_meeting_gives_the_board_the_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and bool(app.screen.query(NoteList)))
        screen = app.screen
        lists = list(screen.query(NoteList))
        await until(pilot, lambda: screen.focused is lists[0])
        # The demo's second column holds two notes: right moves there, down to its second note.
        await pilot.press("right")
        await until(pilot, lambda: screen.focused is lists[1])
        assert lists[1].option_count == 2 and lists[1].highlighted == 0
        await pilot.press("down")
        await until(pilot, lambda: lists[1].highlighted == 1)
        # And back in the first column, down has nowhere to go and stays there.
        await pilot.press("left")
        await until(pilot, lambda: screen.focused is lists[0])
        await pilot.press("down")
        await pilot.pause()
        assert screen.focused is lists[0] and lists[0].highlighted == 0
