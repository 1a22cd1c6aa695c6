"""Over a first meeting the agreements say that Esc goes on to the meeting (issue 17, item 17)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from textual.widgets._footer import FooterKey

from intervisie_tui.ui.screens.agreements import AgreementsScreen
from intervisie_tui.ui.screens.group import GroupScreen
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import FrozenClock
from tests.ui.helpers import group_with


def escape_label(app) -> str:
    """What the key bar says Esc does."""
    return next(key.description for key in app.screen.query(FooterKey) if key.key == "escape")


async def test_esc_goes_on_to_the_first_meeting_and_the_screen_says_so(tmp_path: Path) -> None:
    app, _group = group_with(tmp_path, FrozenClock(), 4, texts=("We beginnen op tijd.",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        await pilot.press("b")  # the first meeting: its agreements come first
        await pilot.pause()
        agreements = app.screen
        assert isinstance(agreements, AgreementsScreen)
        assert escape_label(app) == "Naar de bijeenkomst"
        line = str(agreements.query_one("#agreements-next", Static).render())
        assert line.startswith("Esc: door naar de bijeenkomst")
        shown = agreements.query_one("#agreements-next").region
        assert shown.height >= 1 and shown.bottom <= 23  # on screen at 80x24, above the key bar
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_from_the_group_screen_esc_goes_back(tmp_path: Path) -> None:
    app, _group = group_with(tmp_path, FrozenClock(), 4, texts=("We beginnen op tijd.",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, AgreementsScreen)
        assert escape_label(app) == "Terug"
        assert not app.screen.query("#agreements-next")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
