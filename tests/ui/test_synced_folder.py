"""Two laptops, one synced folder: the copy a sync tool set aside is found at unlock and merged with one key."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from intervisie_tui.core.model import Group, Meeting
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS
from intervisie_tui.store.rekey import rekey_folder
from intervisie_tui.store.repository import Repository
from intervisie_tui.ui.dialogs.merge_offer import MergeOffer
from intervisie_tui.ui.dialogs.passphrase_dialog import AskPassphrase
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.screens.merge_review import MergeReviewScreen
from intervisie_tui.ui.screens.unlock import UnlockScreen
from intervisie_tui.ui.settings import ROOM_VIEW, Settings, save_settings
from intervisie_tui.ui.widgets.passphrase import PassphraseInput
from tests.conftest import PASSPHRASE, FrozenClock
from tests.ui.helpers import make_app, told, type_line, until
from tests.ui.laptops import (
    DROPBOX,
    GROUP_ID,
    NEXTCLOUD,
    SYNCTHING,
    change,
    diverged,
    group_records,
    new_file,
    on_laptop,
    read,
)

B_PASSPHRASE = "de zin van laptop B alleen"


def two_laptops(root: Path, monkeypatch, clock: FrozenClock, conflict_name: str) -> Path:
    """A makes the file, the folder syncs to B; each laptop then holds a meeting of its own while the two
    are apart. The sync tool keeps A's file and sets B's aside under ``conflict_name``. Returns A's folder."""
    folder_a = on_laptop(monkeypatch, root, "A")
    new_file(folder_a / "groep.ivt", clock, group_records(clock))
    folder_b = on_laptop(monkeypatch, root, "B")
    shutil.copy(folder_a / "groep.ivt", folder_b / "groep.ivt")
    change(
        folder_b / "groep.ivt",
        clock,
        Meeting(id="op-b", group_id=GROUP_ID, held_on=date(2026, 12, 1), updated_at=clock()),
    )
    on_laptop(monkeypatch, root, "A")
    change(
        folder_a / "groep.ivt",
        clock,
        Meeting(id="op-a", group_id=GROUP_ID, held_on=date(2026, 12, 2), updated_at=clock()),
    )
    shutil.copy(folder_b / "groep.ivt", folder_a / conflict_name)
    return folder_a


async def unlock(pilot) -> None:
    """Type the passphrase on the unlock screen and open the file."""
    await until(pilot, lambda: isinstance(pilot.app.screen, UnlockScreen))
    pilot.app.screen.query_one(PassphraseInput).insert_text_at_cursor(PASSPHRASE)
    await pilot.press("enter")


@pytest.mark.parametrize("conflict_name", [SYNCTHING, NEXTCLOUD, DROPBOX], ids=["syncthing", "nextcloud", "dropbox"])
async def test_a_copy_set_aside_by_a_sync_tool_is_merged_at_unlock(
    tmp_path: Path, monkeypatch, conflict_name: str
) -> None:
    clock = FrozenClock()
    folder = two_laptops(tmp_path, monkeypatch, clock, conflict_name)
    app = make_app(folder, clock=clock, language="en")  # laptop A starts the app
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: isinstance(app.screen, MergeOffer))
        offer = str(app.screen.query_one("#confirm-question").render())
        assert "set aside 1 copy" in offer and conflict_name in offer
        await pilot.press("m")
        await until(pilot, lambda: (folder / "groep.ivt.merged-1").exists() and not app.merger.busy)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))  # nothing to decide: no merge screen
        assert {summary.id for summary in app.repository.meetings(GROUP_ID)} >= {"op-a", "op-b"}
        report = next(text for text in told(app) if conflict_name in text)
        assert "1 meeting" in report and "Kept as groep.ivt.merged-1" in report
        app.close_repository()
        app.context.opener.release()

    assert not (folder / conflict_name).exists()
    merged = read(folder / "groep.ivt", clock)
    try:
        assert {summary.id for summary in merged.meetings(GROUP_ID)} >= {"op-a", "op-b"}
    finally:
        merged.close()
    kept = read(folder / "groep.ivt.merged-1", clock)  # the file's own passphrase opens the kept copy
    try:
        assert "op-b" in {summary.id for summary in kept.meetings(GROUP_ID)}
    finally:
        kept.close()


async def test_a_copy_under_another_passphrase_asks_for_it(tmp_path: Path, monkeypatch) -> None:
    clock = FrozenClock()
    folder = two_laptops(tmp_path, monkeypatch, clock, SYNCTHING)
    copy = Repository.unlock(folder / SYNCTHING, PASSPHRASE, clock=clock, lock=False)
    rekey_folder(copy.storage, PASSPHRASE, B_PASSPHRASE)  # B changed its passphrase while apart
    copy.close()
    app = make_app(folder, clock=clock, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: isinstance(app.screen, MergeOffer))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, AskPassphrase))
        assert SYNCTHING in str(app.screen.query_one("#help-title").render())
        await type_line(pilot, "niet deze")
        await pilot.press("enter")
        await until(pilot, lambda: "Wrong passphrase" in str(app.screen.query_one("#ask-passphrase-problem").render()))
        app.screen.query_one(PassphraseInput).insert_text_at_cursor(B_PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, lambda: not app.merger.busy and isinstance(app.screen, HomeScreen))
        assert "op-b" in {summary.id for summary in app.repository.meetings(GROUP_ID)}
        assert not (folder / SYNCTHING).exists() and (folder / "groep.ivt.merged-1").exists()


async def test_another_file_under_a_conflict_name_is_left_as_it_is(tmp_path: Path, monkeypatch) -> None:
    clock = FrozenClock()
    folder = on_laptop(monkeypatch, tmp_path, "A")
    new_file(folder / "groep.ivt", clock, group_records(clock))
    stranger = Repository.create(folder / NEXTCLOUD, PASSPHRASE, kdf=ARGON2ID_FAST_FOR_TESTS, clock=clock)
    stranger.put(Group(id="vreemd", name="Een andere groep", updated_at=clock()))
    stranger.close()
    before = (folder / NEXTCLOUD).read_bytes()
    app = make_app(folder, clock=clock, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: isinstance(app.screen, MergeOffer))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, AskPassphrase))  # its own salt: the key does not fit
        app.screen.query_one(PassphraseInput).insert_text_at_cursor(PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, lambda: not app.merger.busy and any("not a copy of this file" in t for t in told(app)))
        assert [group.id for group in app.repository.groups()] == [GROUP_ID]
    assert (folder / NEXTCLOUD).read_bytes() == before
    assert not (folder / "groep.ivt.merged-1").exists()


async def test_later_leaves_the_copy_and_the_merge_key_offers_it_again(tmp_path: Path, monkeypatch) -> None:
    clock = FrozenClock()
    folder = two_laptops(tmp_path, monkeypatch, clock, SYNCTHING)
    app = make_app(folder, clock=clock, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: isinstance(app.screen, MergeOffer))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert (folder / SYNCTHING).exists()
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MergeOffer))
        await pilot.press("m")
        await until(pilot, lambda: (folder / "groep.ivt.merged-1").exists() and not app.merger.busy)
        assert "op-b" in {summary.id for summary in app.repository.meetings(GROUP_ID)}


async def test_in_the_room_view_the_merge_screen_is_not_opened(tmp_path: Path, monkeypatch) -> None:
    """It shows records of every group with both versions: the room only hears how many decisions wait."""
    clock = FrozenClock()
    folder = diverged(tmp_path, monkeypatch, clock, set_aside=SYNCTHING)
    save_settings(folder / "config", Settings(view=ROOM_VIEW))
    app = make_app(folder, clock=clock, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: isinstance(app.screen, MergeOffer))
        await pilot.press("m")
        await until(pilot, lambda: (folder / "groep.ivt.merged-1").exists() and not app.merger.busy)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert any("3 decisions wait" in text for text in told(app))
        assert not any(isinstance(screen, MergeReviewScreen) for screen in app.screen_stack)
