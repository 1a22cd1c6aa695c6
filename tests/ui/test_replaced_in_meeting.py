"""A sync tool replaces the open file with another laptop's version mid-meeting: merged, saved, the meeting goes on."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from intervisie_tui.core.model import Meeting, Note, new_id
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import FrozenClock
from tests.ui.helpers import add_note, make_app, told, until
from tests.ui.laptops import change, on_laptop, read, synced


async def eventually(pilot, ready, tries: int = 200) -> None:
    """Wait for ``ready()`` across timers too (the app looks every half second whether it may redraw)."""
    for _ in range(tries):
        if ready():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never reached the state waited for")


async def test_the_meeting_goes_on_when_the_file_is_replaced_under_it(tmp_path: Path, monkeypatch) -> None:
    clock = FrozenClock()
    folder = on_laptop(monkeypatch, tmp_path, "A")
    app = make_app(folder, demo=True, unlocked=True, clock=clock, language="en")  # a meeting is running
    meeting = app.context.repository.running_meetings()[0]
    group_id = meeting.group_id
    other = on_laptop(monkeypatch, tmp_path, "B") / "groep.ivt"
    shutil.copy(folder / "groep.ivt", other)  # the synced folder on laptop B, before the two went apart

    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        phase = app.screen.meeting.phases[app.screen.meeting.current].key
        # Laptop B adds a note to the same meeting and holds a meeting of its own; the sync tool then
        # puts B's file in the place of the one open here.
        change(
            other,
            clock,
            Note(id=new_id(), meeting_id=meeting.id, phase_key=phase, text="Notitie van B", updated_at=clock()),
            Meeting(id="op-b", group_id=group_id, held_on=date(2026, 12, 1), updated_at=clock()),
        )
        on_laptop(monkeypatch, tmp_path, "A")
        synced(other, folder / "groep.ivt")

        await add_note(pilot, "Notitie van A", typed=False)  # its save finds another file in place

        def shows_both() -> bool:
            screen = app.screen
            if not isinstance(screen, SessionScreen) or not screen.is_mounted:
                return False
            texts = {note.text for note in screen.notes}
            return {"Notitie van A", "Notitie van B"} <= texts

        # At once, or (when the merge ended while the note was still being typed) once it was added.
        await eventually(pilot, lambda: not app.merger.busy and shows_both())
        assert app.screen.meeting.id == meeting.id
        assert app.saver.flush(timeout=5) and not app.save_failed
        notices = told(app)
        assert any("arrived while it was open" in text and "1 meeting" in text for text in notices)
        assert not any("F6" in text for text in notices)

        await add_note(pilot, "Daarna nog een", typed=False)  # later saves go on as before
        assert app.saver.flush(timeout=5) and not app.save_failed
        app.close_repository()
        app.context.opener.release()

    saved = read(folder / "groep.ivt", clock)
    try:
        notes = {note.text for note in saved.meeting_content(meeting.id).notes}
        assert {"Notitie van A", "Notitie van B", "Daarna nog een"} <= notes
        assert "op-b" in {summary.id for summary in saved.meetings(group_id)}
    finally:
        saved.close()


async def test_a_note_being_typed_when_the_merge_ends_is_kept_and_shown_with_what_came_in(
    tmp_path: Path, monkeypatch
) -> None:
    clock = FrozenClock()
    folder = on_laptop(monkeypatch, tmp_path, "A")
    app = make_app(folder, demo=True, unlocked=True, clock=clock, language="en")
    meeting = app.context.repository.running_meetings()[0]
    other = on_laptop(monkeypatch, tmp_path, "B") / "groep.ivt"
    shutil.copy(folder / "groep.ivt", other)

    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.screen
        phase = session.meeting.phases[session.meeting.current].key
        change(
            other, clock, Note(id=new_id(), meeting_id=meeting.id, phase_key=phase, text="Van B", updated_at=clock())
        )
        on_laptop(monkeypatch, tmp_path, "A")
        synced(other, folder / "groep.ivt")
        await pilot.press("a")  # the chair starts typing a note
        await until(pilot, lambda: session.is_typing())
        app.saver.put(session.meeting)  # the minute's checkpoint of the clock: its save meets B's file
        await eventually(pilot, lambda: any("arrived while it was open" in text for text in told(app)))
        assert app.screen is session and session.is_typing()  # not rebuilt under the chair's hands
        session.query_one("#note-input").insert_text_at_cursor("Van A, net getypt")
        await pilot.press("enter")
        await eventually(
            pilot, lambda: app.screen is not session and isinstance(app.screen, SessionScreen) and app.screen.is_mounted
        )
        texts = {note.text for note in app.screen.notes}
        assert {"Van B", "Van A, net getypt"} <= texts
        assert app.saver.flush(timeout=5) and not app.save_failed


async def test_another_programs_file_in_its_place_is_said_once_with_the_way_out(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        (tmp_path / "groep.ivt").write_bytes(b"another program wrote here")
        await add_note(pilot, "Eerst luisteren", typed=False)
        await eventually(pilot, lambda: not app.merger.busy and any("cannot be merged" in t for t in told(app)))
        app.saver.put()  # the saver's own retry, a few seconds later: it fails again, nothing more is said
        assert not app.saver.flush(timeout=5)
        await pilot.pause()
        notices = [text for text in told(app) if "cannot be merged" in text or "Not saved" in text]
        assert len(notices) == 1 and "F6" in notices[0]
        assert app.save_failed and any(note.text == "Eerst luisteren" for note in app.screen.notes)
    assert (tmp_path / "groep.ivt").read_bytes() == b"another program wrote here"
