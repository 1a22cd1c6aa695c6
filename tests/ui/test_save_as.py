"""A save that cannot succeed where the file is (replaced behind the app's back): shown, kept, and F6 saves as."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from intervisie_tui.store.repository import Repository
from intervisie_tui.ui.dialogs.save_as import SaveAsDialog
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import PASSPHRASE, FrozenClock
from tests.ui.helpers import add_note, make_app


async def test_a_replaced_file_keeps_the_note_on_screen_and_f6_saves_it_elsewhere(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    data_file = tmp_path / "groep.ivt"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        await pilot.press("f6")  # nothing to save as while saving works
        await pilot.pause()
        assert app.screen is session

        data_file.write_bytes(b"another program wrote here")
        await add_note(pilot, "Eerst luisteren, dan vragen")
        assert not app.saver.flush(timeout=5)
        await pilot.pause()
        assert app.save_failed
        assert "NIET OPGESLAGEN" in str(session.query_one("#status-save", Static).render())
        assert any("Eerst luisteren" in note.text for note in session.notes)  # still on screen

        await pilot.press("f6")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveAsDialog)
        field = dialog.query_one(Input)
        field.value = str(tmp_path / "groep-gered.ivt")
        await pilot.press("enter")
        await pilot.pause()
        assert app.saver.flush(timeout=5)
        await pilot.pause()
        assert not app.save_failed and app.screen is session

    assert data_file.read_bytes() == b"another program wrote here"  # the other program's file is untouched
    assert app.context.opener.path == tmp_path / "groep-gered.ivt"
    app.close_repository()  # as the command line does when the app has closed
    app.context.opener.release()
    rescued = Repository.unlock(tmp_path / "groep-gered.ivt", PASSPHRASE, clock=FrozenClock())
    try:
        meeting_id = session.meeting.id
        assert any("Eerst luisteren" in note.text for note in rescued.meeting_content(meeting_id).notes)
    finally:
        rescued.close()


async def test_save_as_refuses_an_existing_file(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    taken = tmp_path / "bestaat.ivt"
    taken.write_bytes(b"keep")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        results: list = []
        app.push_screen(SaveAsDialog(taken), results.append)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert results == [] and "bestaat al" in str(app.screen.query_one("#save-as-problem", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert results == [None] and taken.read_bytes() == b"keep"
