"""Faults while the app runs: a full disk or a read-only folder is shown, the change stays, and it is saved later."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from textual.widgets import Static

from intervisie_tui.store import vault as vault_module
from intervisie_tui.ui.session.screen import SessionScreen
from tests.ui.helpers import add_note, make_app


@pytest.mark.parametrize(("code", "said"), [(errno.ENOSPC, "vol"), (errno.EROFS, "toestemming")])
async def test_a_failing_disk_keeps_the_change_and_saves_it_when_it_can(
    tmp_path: Path, monkeypatch, code: int, said: str
) -> None:
    # A save appends to the file (logfile.append_commit) or, now and then, rewrites it whole
    # (atomic.atomic_write): both fail while the disk does.
    real_write, real_append = vault_module.atomic.atomic_write, vault_module.logfile.append_commit
    failing = {"on": False}

    def write(path, chunks):
        if failing["on"]:
            raise OSError(code, "simulated")
        return real_write(path, chunks)

    def append(*args, **kwargs):
        if failing["on"]:
            raise OSError(code, "simulated")
        return real_append(*args, **kwargs)

    monkeypatch.setattr(vault_module.atomic, "atomic_write", write)
    monkeypatch.setattr(vault_module.logfile, "append_commit", append)
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        failing["on"] = True
        await add_note(pilot, "Wat ik nog wil zeggen")
        assert not app.saver.flush(timeout=5)
        await pilot.pause()
        assert app.save_failed
        assert any(said in notice.message for notice in app._notifications)
        assert "NIET OPGESLAGEN" in str(session.query_one("#status-save", Static).render())
        assert any(note.text == "Wat ik nog wil zeggen" for note in session.notes)
        await pilot.press("ctrl+l")  # locking now would drop the only copy: refused
        await pilot.pause()
        assert app.repository is not None

        failing["on"] = False  # space freed, folder writable again
        app.saver.put()  # the retry the saver makes on its own after a few seconds, now
        assert app.saver.flush(timeout=5)
        await pilot.pause()
        assert not app.save_failed
        stored = app.repository.meeting_content(session.meeting.id).notes
        assert any(note.text == "Wat ik nog wil zeggen" for note in stored)


async def test_the_palette_offers_no_screenshot(tmp_path: Path) -> None:
    """Textual's "Screenshot" command would write the screen, content and all, as a readable SVG."""
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles and not any("screenshot" in str(title).casefold() for title in titles)
