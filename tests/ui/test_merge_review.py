"""The merge screen: each record two copies changed is shown side by side and decided with one key."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from intervisie_tui.store.review import open_items
from intervisie_tui.ui.screens.group import GroupScreen
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.screens.merge_review import MergeReviewScreen
from tests.conftest import FrozenClock
from tests.ui.helpers import make_app, told, until
from tests.ui.laptops import A_TEXT, B_TEXT, GROUP_ID, diverged, read


def column(screen: MergeReviewScreen, side: str) -> str:
    """The text of one column: ``shown`` (left) or ``other`` (right), its title first."""
    title = str(screen.query_one(f"#review-{side}-title", Static).render())
    return title + "\n" + str(screen.query_one(f"#review-{side}-text", Static).render())


async def test_conflicts_are_shown_side_by_side_and_decided_with_keys(tmp_path: Path, monkeypatch) -> None:
    clock = FrozenClock()
    folder = diverged(tmp_path, monkeypatch, clock)
    app = make_app(folder, unlocked=True, clock=clock, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MergeReviewScreen))
        screen = app.screen
        assert "3 decisions wait" in str(screen.query_one("#review-count", Static).render())

        # The agreement: its two texts side by side, one in each column.
        left, right = column(screen, "shown"), column(screen, "other")
        assert left.startswith("Shown now") and right.startswith("Other copy")
        assert {A_TEXT in left, A_TEXT in right} == {True, False}
        assert {B_TEXT in left, B_TEXT in right} == {True, False}
        shown_box, other_box = screen.query_one("#review-shown").region, screen.query_one("#review-other").region
        assert shown_box.right <= other_box.x and shown_box.y == other_box.y  # two columns, next to each other
        other_text = B_TEXT if B_TEXT in right else A_TEXT
        await pilot.press("2")
        await until(pilot, lambda: len(screen.items) == 2)
        assert "Decided" in str(screen.query_one("#review-status", Static).render())

        # The note A deleted and B changed: bring B's version back.
        left, right = column(screen, "shown"), column(screen, "other")
        assert left.startswith("Deleted on one copy") and right.startswith("Changed on the other")
        assert "Aangevuld op B" in right
        await pilot.press("1")  # not a key for a deleted record: it decides nothing, and says which keys do
        assert len(screen.items) == 2
        assert "r brings it back" in str(screen.query_one("#review-status", Static).render())
        await pilot.press("r")
        await until(pilot, lambda: len(screen.items) == 1)

        # Bas's name: both cannot be kept in a name; the refusal says why and the record stays.
        assert "Bas de Vries" in column(screen, "shown") + column(screen, "other")
        await pilot.press("d")  # nothing was deleted here: said
        assert "Nothing was deleted here" in str(screen.query_one("#review-status", Static).render())
        assert len(screen.items) == 1
        await pilot.press("b")
        await pilot.pause()
        status = str(screen.query_one("#review-status", Static).render())
        assert "Both cannot be kept" in status and "name" in status
        assert len(screen.items) == 1
        shown_name = "Bas de Vries" if "Bas de Vries" in column(screen, "shown") else "Bas [i]Koster[/i]"
        await pilot.press("1")
        await until(pilot, lambda: not screen.items)
        assert "Nothing waits for a decision" in str(screen.query_one("#review-count", Static).render())
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.close_repository()
        app.context.opener.release()

    saved = read(folder / "groep.ivt", clock)
    try:
        assert open_items(saved) == []
        assert saved.agreements(GROUP_ID)[0].text == other_text
        assert {member.id: member.name for member in saved.members(GROUP_ID)}["m-bas"] == shown_name
        notes = saved.meeting_content("mt-1").notes
        assert [note.text for note in notes] == ["Aangevuld op B"]
    finally:
        saved.close()


async def test_keep_both_joins_two_texts(tmp_path: Path, monkeypatch) -> None:
    clock = FrozenClock()
    folder = diverged(tmp_path, monkeypatch, clock)
    app = make_app(folder, unlocked=True, clock=clock, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MergeReviewScreen))
        await pilot.press("b")
        await until(pilot, lambda: len(app.screen.items) == 2)
        text = app.repository.agreements(GROUP_ID)[0].text
        assert set(text.split("\n")) == {A_TEXT, B_TEXT}


async def test_the_group_screen_lists_what_waits_until_it_is_decided(tmp_path: Path, monkeypatch) -> None:
    clock = FrozenClock()
    folder = diverged(tmp_path, monkeypatch, clock)
    app = make_app(folder, unlocked=True, clock=clock, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, GroupScreen))
        group_screen = app.screen
        line = group_screen.query_one("#merge-waiting", Static)
        assert line.display and "3 decisions wait after a merge: m opens them" in str(line.render())
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MergeReviewScreen))
        await pilot.press("1")
        await until(pilot, lambda: len(app.screen.items) == 2)
        await pilot.press("d", "1")
        await until(pilot, lambda: not app.screen.items)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is group_screen)
        assert not line.display
        await pilot.press("m")  # nothing waits: the key says so
        await pilot.pause()
        assert app.screen is group_screen
        assert any("No decision waits for this group" in text for text in told(app))


async def test_the_merge_key_says_why_when_there_is_nothing_to_merge(tmp_path: Path) -> None:
    app = make_app(tmp_path, unlocked=True, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Nothing to merge" in text for text in told(app))
