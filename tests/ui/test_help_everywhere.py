"""F1 shows the app's own list of keys on every screen and every dialog (issue 17, item 16).

Every screen and dialog class of the app is opened here and F1 pressed on it; a class added
later and not listed here fails the inventory test, so none is forgotten.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import DataTable

import intervisie_tui.ui as ui_package
from intervisie_tui.core.model import CaseSlot
from intervisie_tui.ui.base import AppModal, AppScreen
from intervisie_tui.ui.dialogs.keys_help import KeysHelp
from tests.conftest import FrozenClock
from tests.ui.helpers import group_file, make_app

Build = Callable[[object], Screen]


def _group(app):
    return app.repository.groups()[0]


def _content(app):
    group = _group(app)
    return app.repository.meeting_content(app.repository.meetings(group.id)[0].id)


def _members(app):
    return app.repository.members(_group(app).id)


def _library(app):
    from intervisie_tui.core.methods import load_shipped

    return app.repository.library(load_shipped(), _group(app).id)


def _records(app):
    from intervisie_tui.ui.session.loading import meeting_records

    return meeting_records(app.repository, _content(app), _group(app).id)


def _builders() -> dict[str, Build]:
    """Each screen and dialog class's name, and how to build one over the demo file."""
    from intervisie_tui.ui.dialogs.attendance_editor import AttendanceEditor
    from intervisie_tui.ui.dialogs.choice_picker import ChoicePicker
    from intervisie_tui.ui.dialogs.confirm import Confirm
    from intervisie_tui.ui.dialogs.export_dialog import ExportDialog
    from intervisie_tui.ui.dialogs.exports import MinutesOptions
    from intervisie_tui.ui.dialogs.form import Field, TurnForm
    from intervisie_tui.ui.dialogs.member_picker import MemberPicker
    from intervisie_tui.ui.dialogs.merge_offer import MergeOffer
    from intervisie_tui.ui.dialogs.passphrase_dialog import AskPassphrase
    from intervisie_tui.ui.dialogs.save_as import SaveAsDialog
    from intervisie_tui.ui.dialogs.theme_picker import ThemePicker
    from intervisie_tui.ui.screens.agreements import AgreementsScreen
    from intervisie_tui.ui.screens.curtain import CurtainScreen
    from intervisie_tui.ui.screens.group import GroupScreen
    from intervisie_tui.ui.screens.handover import HandoverScreen
    from intervisie_tui.ui.screens.history import HistoryScreen
    from intervisie_tui.ui.screens.members import MembersScreen
    from intervisie_tui.ui.screens.merge_review import MergeReviewScreen
    from intervisie_tui.ui.screens.past_meeting import PastMeetingScreen
    from intervisie_tui.ui.screens.settings_screen import SettingsScreen
    from intervisie_tui.ui.screens.supervisor_notes import SupervisorNotesScreen
    from intervisie_tui.ui.session.chair_picker import ChairPicker
    from intervisie_tui.ui.session.earlier_notes import EarlierNotes
    from intervisie_tui.ui.session.method_chooser import MethodChooser
    from intervisie_tui.ui.session.resume_question import ResumeQuestion
    from intervisie_tui.ui.session.round_dialogs import BalanceScreen
    from intervisie_tui.ui.session.screen import SessionScreen

    return {
        "GroupScreen": lambda app: GroupScreen(_group(app)),
        "MembersScreen": lambda app: MembersScreen(_group(app), _members(app)),
        "AgreementsScreen": lambda app: AgreementsScreen(
            _group(app), app.repository.agreements(_group(app).id), _members(app), app.clock().date()
        ),
        "HistoryScreen": lambda app: HistoryScreen(_group(app)),
        "PastMeetingScreen": lambda app: PastMeetingScreen(_content(app), _group(app), _members(app), _library(app)),
        "SupervisorNotesScreen": lambda app: SupervisorNotesScreen(_group(app)),
        "CurtainScreen": lambda app: CurtainScreen(),
        "SessionScreen": lambda app: SessionScreen(
            _content(app).meeting, _group(app), list(_content(app).notes), _library(app), _records(app)
        ),
        "HandoverScreen": lambda app: HandoverScreen(_group(app), app.repository.path),
        "SettingsScreen": lambda app: SettingsScreen(app.settings),
        "AttendanceEditor": lambda app: AttendanceEditor(
            _content(app).meeting, _members(app), list(_content(app).attendance), app.clock()
        ),
        "Confirm": lambda app: Confirm("Doorgaan?"),
        "ExportDialog": lambda app: ExportDialog("Schrijven", Path(app.repository.path).with_suffix(".md"), []),
        "MinutesOptions": lambda app: MinutesOptions(_members(app), [m.id for m in _members(app)]),
        "TurnForm": lambda app: TurnForm("Formulier", [Field("a", "Veld")]),
        "MemberPicker": lambda app: MemberPicker("Wie?", _members(app)),
        "ChoicePicker": lambda app: ChoicePicker("Welke?", [("a", "Een"), ("b", "Twee")]),
        "SaveAsDialog": lambda app: SaveAsDialog(Path(app.repository.path).with_suffix(".kopie")),
        "ThemePicker": lambda app: ThemePicker(),
        "ChairPicker": lambda app: ChairPicker([(m.id, m.name) for m in _members(app)], _members(app)[0].id),
        "EarlierNotes": lambda app: EarlierNotes(_content(app).meeting, list(_content(app).notes), lambda _i: "fase"),
        "MethodChooser": lambda app: MethodChooser(_library(app), (CaseSlot(),)),
        "ResumeQuestion": lambda app: ResumeQuestion(app.clock()),
        "BalanceScreen": lambda app: BalanceScreen(_records(app), _records(app).names()),
        "MergeReviewScreen": lambda app: MergeReviewScreen(),
        "MergeOffer": lambda app: MergeOffer(["groep.sync-conflict-20261205-101500-ABC1234.ivt"], "groep.ivt"),
        "AskPassphrase": lambda app: AskPassphrase("Wachtwoordzin van de kopie?"),
    }


NOT_OPENED_HERE = {
    "KeysHelp": "the list itself: F1 closes it (test_f1_on_the_list_closes_it)",
    "HomeScreen": "the first screen of an open file (test_f1_on_the_first_screens)",
    "UnlockScreen": "the first screen of a locked file (test_f1_on_the_first_screens)",
    "CreateScreen": "the first screen without a file (test_f1_on_the_first_screens)",
}


def _app_screen_classes() -> set[str]:
    names: set[str] = set()
    for info in pkgutil.walk_packages(ui_package.__path__, ui_package.__name__ + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, (AppScreen, AppModal))
                and value not in (AppScreen, AppModal)
                and value.__module__ == module.__name__
            ):
                names.add(value.__name__)
    return names


def test_every_screen_and_dialog_is_opened_by_the_f1_test() -> None:
    assert _app_screen_classes() == set(_builders()) | set(NOT_OPENED_HERE)


def _help_shown_over(app, below: Screen) -> list[str]:
    """The app's own keys list is on top, over ``below``; its descriptions."""
    assert isinstance(app.screen, KeysHelp), f"F1 on {type(below).__name__} showed {type(app.screen).__name__}"
    assert app.screen_stack[-2] is below
    table = app.screen.query_one("#help-keys", DataTable)
    return [str(table.get_row_at(row)[1]) for row in range(table.row_count)]


@pytest.mark.parametrize("name", sorted(_builders()))
async def test_f1_shows_the_keys_on_every_screen_and_dialog(tmp_path: Path, name: str) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True, clock=FrozenClock(), notebook=tmp_path / "notities.ivt")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = _builders()[name](app)
        await app.push_screen(screen)
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("f1")
        await pilot.pause()
        descriptions = _help_shown_over(app, screen)
        assert descriptions.count("Afsluiten") == 1  # Ctrl+Q once, the app's and a screen's binding alike
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


@pytest.mark.parametrize("start", ["home", "unlock", "create"])
async def test_f1_on_the_first_screens(tmp_path: Path, start: str) -> None:
    if start == "home":
        app, _group_made = group_file(tmp_path, FrozenClock())
    else:
        app = make_app(tmp_path, create=start != "create")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        below = app.screen
        assert type(below).__name__ == {"home": "HomeScreen", "unlock": "UnlockScreen", "create": "CreateScreen"}[start]
        await pilot.press("f1")
        await pilot.pause()
        described = _help_shown_over(app, below)
        assert "Afsluiten" in described
        if start == "home":
            assert {"Bijeenkomst", "Groep"} <= set(described)


async def test_f1_on_the_list_closes_it(tmp_path: Path) -> None:
    app, _group_made = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, KeysHelp)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is home


async def test_the_palettes_keys_command_opens_the_apps_own_list(tmp_path: Path) -> None:
    """Not Textual's English help panel: the list F1 shows, in the app's language."""
    app, _group_made = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        await app.run_action("show_keys")
        await pilot.pause()
        assert _help_shown_over(app, home)
        assert not app.screen.query("HelpPanel")
        await pilot.press("escape")
        await pilot.pause()
        # On a screen with its own list, its own (with its title).
        await pilot.press("g")
        await pilot.pause()
        group = app.screen
        await app.run_action("show_keys")
        await pilot.pause()
        _help_shown_over(app, group)
        assert "groepsscherm" in str(app.screen.query_one("#help-title").render())
