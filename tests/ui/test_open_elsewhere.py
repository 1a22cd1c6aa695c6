"""A file open on another laptop (its fresh ``.owner`` note came with the sync tool) is a question at open.

"No" leaves the file closed and the other laptop's note in place; "yes" opens it and the note is ours.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from intervisie_tui.store.lock import owner_path_for
from intervisie_tui.ui.dialogs.confirm import Confirm
from intervisie_tui.ui.screens.unlock import UnlockScreen
from tests.conftest import FrozenClock
from tests.ui.helpers import make_app

OTHER_HOST = "LAPTOP2[b]-elders"  # a name that would be markup if it were parsed


def _open_elsewhere(tmp_path: Path, clock: FrozenClock):
    """An app started as ``intervisie FILE`` starts it (lock taken first) while LAPTOP2 has the file open."""
    app = make_app(tmp_path, demo=True, clock=clock)
    opened = clock() - timedelta(minutes=20)
    note = {
        "host": OTHER_HOST,
        "pid": 77,
        "since": opened.isoformat(),
        "seen": (clock() - timedelta(seconds=40)).isoformat(),
    }
    owner_path_for(app.context.opener.path).write_text(json.dumps(note), encoding="utf-8")
    app.context.opener.acquire()
    return app, opened


async def test_no_leaves_the_file_closed_and_the_other_note_in_place(tmp_path: Path) -> None:
    clock = FrozenClock()
    app, opened = _open_elsewhere(tmp_path, clock)
    note_before = owner_path_for(app.context.opener.path).read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert OTHER_HOST in question  # shown as written, never as markup
        assert f"{opened.astimezone():%H:%M}" in question
        await pilot.press("n")
        await pilot.pause()
    assert app.repository is None
    assert app.context.opener.guard is None  # the lock is let go
    assert owner_path_for(app.context.opener.path).read_text(encoding="utf-8") == note_before


async def test_yes_opens_the_file_and_writes_our_note(tmp_path: Path) -> None:
    clock = FrozenClock()
    app, _opened = _open_elsewhere(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        note = json.loads(owner_path_for(app.context.opener.path).read_text(encoding="utf-8"))
        assert note["host"] != OTHER_HOST
        assert note["seen"] == clock().isoformat(timespec="seconds")
    app.context.opener.release()
