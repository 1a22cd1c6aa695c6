"""F3: the room's view shows only what the room may see; the chair's view has verdicts, cues and groups."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from textual.widgets._footer import FooterKey

from intervisie_tui.core.questions import ADVICE, CLOSED, OPEN, kind_label
from intervisie_tui.ui.screens.group import GroupScreen
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.screens.supervisor_notes import SupervisorNotesScreen
from intervisie_tui.ui.session.record_list import RecordList
from intervisie_tui.ui.session.screen import SessionScreen
from intervisie_tui.ui.settings import ROOM_VIEW, Settings, save_settings
from tests.ui.helpers import make_app, type_line

KINDS = (OPEN, CLOSED, ADVICE)


def question_texts(app) -> list[str]:
    listing = app.screen.query_one(RecordList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def footer_keys(app) -> list[str]:
    return [key.key for key in app.screen.query(FooterKey)]


async def test_the_room_view_hides_the_coach_verdicts_cues_and_chair_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("b", "b")  # back to the question round, whose questions carry the coach's verdicts
        await pilot.press("i")  # the chair's cues on (the demo meeting is supervised)
        await pilot.press("a")
        await type_line(pilot, "Heb je al eens geprobeerd te bellen?")
        await pilot.press("enter")
        await pilot.pause()
        coach = screen.query_one("#coach-line", Static)
        assert "advies" in str(coach.render()) and not coach.has_class("-hidden")  # the coach tells the chair
        labels = {kind_label(kind) for kind in KINDS}
        assert any(label in text for text in question_texts(app) for label in labels)
        assert not screen.query_one("#chair-prompt", Static).has_class("-hidden")
        assert len(footer_keys(app)) > 2

        await pilot.press("f3")
        await pilot.pause()
        assert app.room_view and screen.has_class("-room")
        assert not any(label in text for text in question_texts(app) for label in labels)
        assert screen.query_one("#chair-prompt", Static).has_class("-hidden")
        assert coach.has_class("-hidden")
        assert sorted(footer_keys(app)) == ["f1", "f3"]
        assert len(app._notifications) == 1  # only "Room view…": the chair's remarks left the screen

        await pilot.press("a")  # the coach keeps its doubts to itself while the room reads along
        await type_line(pilot, "Heb je al eens gedacht aan stoppen?")
        await pilot.press("enter")
        await pilot.pause()
        assert coach.has_class("-hidden") and not screen.session.coach
        assert len(screen.records.questions) == 2

        await pilot.press("n")  # every key still works for the chair at the keyboard
        await pilot.pause()
        assert screen.meeting.current == 6

        await pilot.press("f3")
        await pilot.pause()
        assert not app.room_view and not screen.has_class("-room")
        assert len(footer_keys(app)) > 2


async def test_the_room_view_never_lists_the_groups_of_the_file(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "f3")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert not home.query_one("#home").display
        assert home.query_one("#room-notice").display
        await pilot.press("g", "b", "n")  # nothing acts on a group nobody can see
        await pilot.pause()
        assert app.screen is home
        await pilot.press("f3")
        await pilot.pause()
        assert home.query_one("#home").display


async def test_private_notes_stay_closed_in_the_room_view_and_block_switching_to_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True, notebook=tmp_path / "notes.ivt")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "g")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        await pilot.press("f3", "n")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)  # N does nothing in the room's view
        await pilot.press("f3", "n")
        await pilot.pause()
        assert isinstance(app.screen, SupervisorNotesScreen)
        await pilot.press("f3")
        await pilot.pause()
        assert not app.room_view and isinstance(app.screen, SupervisorNotesScreen)


async def test_the_app_opens_in_the_view_of_the_settings(tmp_path: Path) -> None:
    save_settings(tmp_path / "config", Settings(view=ROOM_VIEW))
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.room_view and app.screen.has_class("-room")


async def test_the_terminal_title_stays_the_app_name_on_every_screen(tmp_path: Path) -> None:
    """Textual may mirror the app's title in the terminal's title: it must never carry a name."""
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen = []
        for keys in ((), ("escape",), ("g",), ("l",)):
            await pilot.press(*keys)
            await pilot.pause()
            seen.append((app.title, app.sub_title, app.screen.title, app.screen.sub_title))
        names = [member.name for group in app.repository.groups() for member in app.repository.members(group.id)]
        for titles in seen:
            assert titles[0] == "intervisie" and titles[1] == ""
            assert not any(name in (text or "") for name in names for text in titles)
