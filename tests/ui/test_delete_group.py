"""D on the group screen deletes the group from the file, after a question naming it; the backups
keep it, and the handover's closing words point at that key (issue 17, item 14)."""

from __future__ import annotations

import shutil
from pathlib import Path

from intervisie_tui.store.backups import list_backups
from intervisie_tui.store.repository import Repository
from intervisie_tui.ui.dialogs.confirm import Confirm
from intervisie_tui.ui.screens.group import GroupScreen
from intervisie_tui.ui.screens.home import HomeScreen
from tests.conftest import PASSPHRASE, FrozenClock
from tests.ui.helpers import group_file, hand_over, make_app, told

GROUP_PASSPHRASE = "onze eigen zin voor de groep"


async def open_group(pilot) -> GroupScreen:
    await pilot.press("g")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GroupScreen)
    return screen


async def test_d_asks_naming_the_group_and_no_keeps_it(tmp_path: Path) -> None:
    app, group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_group(pilot)
        await pilot.press("d")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, Confirm)
        asked = str(question.query_one("#confirm-question").render())
        assert group.name in asked
        assert "reservekopie" in str(question.query_one("#confirm-detail").render())
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert [g.id for g in app.repository.groups()] == [group.id]


async def test_yes_deletes_every_record_of_the_group_and_the_backups_still_hold_it(tmp_path: Path) -> None:
    clock = FrozenClock()
    made, group = group_file(tmp_path, clock)
    made.context.repository.close()
    made.context.opener.release()
    clock.advance(minutes=5)
    app = make_app(tmp_path, unlocked=True, clock=clock)  # a later run: its first save keeps a backup
    async with app.run_test(size=(80, 24)) as pilot:
        await open_group(pilot)
        await pilot.press("d", "j")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.repository.groups() == []
        assert app.repository.group_records(group.id) == []
        notice = " ".join(told(app))
        assert group.name in notice and "reservekopie" in notice
        backups = list_backups(app.repository.path)
    assert backups, "the save that deleted the group took a backup first"
    copy = tmp_path / "kopie.ivt"
    shutil.copyfile(backups[0].path, copy)
    kept = Repository.unlock(copy, PASSPHRASE, clock=clock)
    try:
        assert [g.id for g in kept.groups()] == [group.id]
    finally:
        kept.close()


async def test_d_is_not_offered_in_the_room_view(tmp_path: Path) -> None:
    app, group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_group(pilot)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is screen
        assert [g.id for g in app.repository.groups()] == [group.id]


async def test_the_handover_ends_by_naming_the_key_that_deletes_the_group(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_group(pilot)
        status = await hand_over(pilot, tmp_path / "noord-overdracht.ivt", GROUP_PASSPHRASE)
        assert "D op het groepsscherm" in status
        assert "verwijder de groep" not in status
        await pilot.press("enter", "d")  # the key it names does what it says
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen_stack[-2] is screen
