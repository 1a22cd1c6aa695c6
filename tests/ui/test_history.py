"""The group's history: list, search, read a past meeting back, export its minutes and attendance list."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from intervisie_tui.ui.dialogs import exports
from intervisie_tui.ui.dialogs.export_dialog import ExportDialog
from intervisie_tui.ui.screens.history import HistoryScreen
from intervisie_tui.ui.screens.past_meeting import PastMeetingScreen
from tests.ui.helpers import make_app, type_line


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder an export is suggested in (the user's documents folder, in a test)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    monkeypatch.setattr(exports, "export_folder", lambda: folder)
    return folder


async def open_history(pilot) -> HistoryScreen:
    await pilot.pause()
    await pilot.press("escape", "g", "h")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_history_search_read_back_and_export_the_minutes(tmp_path: Path, documents: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        history = await open_history(pilot)
        table = history.query_one(DataTable)
        assert table.row_count == 4  # three closed demo meetings and today's running one

        await pilot.press("slash")
        await type_line(pilot, "benoemen wat ik zie")  # a next step of the past demo meetings
        await pilot.pause()
        assert table.row_count == 3
        assert "3" in str(history.query_one("#history-hits", Static).render())
        await pilot.press("enter")  # to the results
        assert app.focused is table

        await pilot.press("r")
        await pilot.pause()
        past = app.screen
        assert isinstance(past, PastMeetingScreen)
        document = str(past.query_one("#past-document", Static).render())
        assert past.content.cases[0].title in document and "Tijdlijn" in document

        await pilot.press("x")  # the minutes: options, then where
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = list(documents.glob("*.md"))
        assert len(written) == 1
        text = written[0].read_text(encoding="utf-8")
        assert text.startswith("# Verslag") and past.content.cases[0].theme in text
        assert app.screen is past  # back where the export started


async def test_the_attendance_list_is_written_as_markdown_and_csv(tmp_path: Path, documents: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        history = await open_history(pilot)
        await pilot.press("down", "a")  # the newest closed meeting
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")
        await pilot.pause()
        names = sorted(path.name for path in documents.iterdir())
        assert [Path(name).suffix for name in names] == [".csv", ".md"]
        markdown = (documents / names[1]).read_text(encoding="utf-8")
        assert "Handtekening" in markdown and "Nee" in markdown  # one demo member was absent
        assert app.screen is history


async def test_an_export_never_overwrites_the_csv_beside_it_unasked(tmp_path: Path, documents: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "a")
        await pilot.pause()
        suggested = Path(app.screen.query_one(Input).value)
        suggested.with_suffix(".csv").write_text("eigen werk", encoding="utf-8")
        await pilot.press("enter")
        await pilot.pause()
        assert suggested.with_suffix(".csv").read_text(encoding="utf-8") == "eigen werk"
        assert suggested.exists()
        assert any(notice.severity == "error" for notice in app._notifications)


async def test_search_letters_type_and_escape_clears_before_leaving(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        await pilot.press("slash")
        await type_line(pilot, "xar")  # x, a and r are keys of the screen, but type here
        await pilot.pause()
        assert history.query_one(Input).value == "xar" and app.screen is history
        assert history.query_one(DataTable).row_count == 0
        await pilot.press("escape")
        assert history.query_one(Input).value == "" and history.query_one(DataTable).row_count == 4
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not history


async def test_who_was_there_is_corrected_and_the_export_follows(tmp_path: Path, documents: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        history = await open_history(pilot)
        await pilot.press("down", "r", "p")
        await pilot.pause()
        editor = app.screen
        assert type(editor).__name__ == "AttendanceEditor"
        first, second = editor.members[0], editor.members[1]
        second_was_present = editor.records[second.id].present
        await pilot.press("t")  # times for the first member: arrived half an hour late
        await pilot.pause()
        start = history.contents[1].meeting.actual_start
        late = (start.replace(minute=30) if start.minute == 0 else start).strftime("%H:%M")
        await type_line(pilot, late)
        await pilot.press("enter")  # Enter keeps the form from any field
        await pilot.pause()
        assert app.screen is editor and editor.records[first.id].arrived is not None
        await pilot.press("down", "space", "enter")  # Enter keeps what the dialog shows
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.saver.flush(timeout=5)
        stored = app.repository.meeting_content(history.contents[1].meeting.id).attendance
        mine = [record for record in stored if record.member_id == first.id]
        assert mine and max(mine, key=lambda r: r.updated_at).arrived is not None
        theirs = [record for record in stored if record.member_id == second.id]
        assert max(theirs, key=lambda r: r.updated_at).present is (not second_was_present)
        await pilot.press("escape")  # back to the history, which now knows the change
        await pilot.pause()
        assert app.screen is history
        assert any(r.arrived is not None for r in history.contents[1].attendance)


async def test_a_members_reflection_reaches_the_personal_part_of_the_minutes(tmp_path: Path, documents: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "r", "e")
        await pilot.pause()
        past = app.screen.app.screen_stack[-2]
        assert isinstance(past, PastMeetingScreen)
        member = past.members[0]
        await pilot.press("enter")  # the first member
        await pilot.pause()
        for line in ("Grenzen mogen warm zijn", "Schaalvraag gebruiken", "Veiligheid eerst", "Ik wil aardig zijn"):
            await type_line(pilot, line)
            await pilot.press("tab")
        await pilot.press("enter")  # Enter in any field of the form keeps it
        await pilot.pause()
        assert app.screen is past
        mine = [e for e in past.content.evaluations if e.member_id == member.id]
        assert mine[-1].technical == "Schaalvraag gebruiken" and mine[-1].personal == "Ik wil aardig zijn"
        assert app.saver.flush(timeout=5)
        stored = app.repository.meeting_content(past.content.meeting.id).evaluations
        assert any(e.member_id == member.id and e.normative == "Veiligheid eerst" for e in stored)

        await pilot.press("x")  # minutes with this member's personal part
        await pilot.pause()
        await pilot.press("tab", "space", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        text = next(documents.glob("*.md")).read_text(encoding="utf-8")
        assert "Schaalvraag gebruiken" in text and "Technisch-instrumenteel" in text


async def test_a_members_hours_statement_from_the_history(tmp_path: Path, documents: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("enter")  # the first member (Anouk, SKJ)
        await pilot.pause()
        await pilot.press("enter")  # the period as suggested: the register's five years up to today
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")
        await pilot.pause()
        written = next(documents.glob("*.md"))
        assert written.name.startswith("uren-Anouk-de-Vries-")  # whose statement, in its name
        text = written.read_text(encoding="utf-8")
        assert "Anouk de Vries" in text and "SKJ:" in text and "van 60 uur" in text


async def test_an_hours_statement_as_a_page_to_print(tmp_path: Path, documents: Path) -> None:
    """The export dialog offers HTML: the statement is written as one self-contained page."""
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("enter", "enter")  # Anouk; the suggested period
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("tab", "right", "enter", "shift+tab", "enter")
        await pilot.pause()
        written = next(documents.glob("*.html"))
        assert written.name.startswith("uren-Anouk-de-Vries-")
        page = written.read_text(encoding="utf-8")
        assert page.startswith('<!DOCTYPE html>\n<html lang="nl">') and "Anouk de Vries" in page
        assert "<table>" in page and "href=" not in page and "<script" not in page
