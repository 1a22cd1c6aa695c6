"""Pilot tests of the app shell: unlock, create, home."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Static

from intervisie_tui.store.errors import WrongPassphrase
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.screens.create import CreateScreen
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.screens.unlock import UnlockScreen, retry_delay
from intervisie_tui.ui.session.screen import SessionScreen
from intervisie_tui.ui.widgets.passphrase import PassphraseInput
from tests.conftest import PASSPHRASE
from tests.ui.helpers import make_app


async def _type(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def test_unlock_with_the_right_passphrase_shows_the_groups(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        await _type(pilot, PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)  # the demo's meeting in progress resumes
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        groups = app.screen.query_one("#group-list", OptionList)
        assert groups.option_count == 2
        table = app.screen.query_one("#members", DataTable)
        assert table.row_count == 6


async def test_an_interrupted_save_is_told_after_unlocking(tmp_path: Path) -> None:
    """Bytes after the file's last commit (a save cut off by a crash) do not stop it opening, and the user is told."""
    app = make_app(tmp_path, demo=True)
    path = app.context.opener.path
    with open(path, "ab") as handle:
        handle.write(b"\x00" * 40)  # the start of a save that never finished
    async with app.run_test(size=(80, 24)) as pilot:
        await _type(pilot, PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        notices = [str(notice.message) for notice in app._notifications]
        assert any("onderbroken" in notice for notice in notices), notices


async def test_wrong_passphrase_says_so_and_allows_a_retry(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _type(pilot, "wrong passphrase")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        status = app.screen.query_one("#unlock-status", Static)
        assert str(status.render()) == WrongPassphrase().message()
        field = app.screen.query_one(PassphraseInput)
        assert field.value == "" and not field.disabled
        await _type(pilot, PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


def test_retry_delay_grows_and_is_capped() -> None:
    assert [retry_delay(n, 1.0) for n in range(0, 8)] == [0, 1, 2, 4, 8, 16, 30, 30]
    assert retry_delay(3, 0.0) == 0


async def test_passphrase_field_cannot_be_copied(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _type(pilot, "geheim123")
        app.copy_to_clipboard("before")
        await pilot.press("ctrl+shift+a", "ctrl+c", "ctrl+x")
        assert app.clipboard == "before"
        assert app.screen.query_one(PassphraseInput).value == "geheim123"


async def test_new_file_asks_twice_and_refuses_a_mismatch(tmp_path: Path) -> None:
    app = make_app(tmp_path, create=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, CreateScreen)
        await _type(pilot, "een lange zin")
        await pilot.press("enter")
        await _type(pilot, "een andere zin")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CreateScreen)
        assert not (tmp_path / "groep.ivt").exists()
        status = app.screen.query_one("#unlock-status", Static)
        assert "niet gelijk" in str(status.render())
        await _type(pilot, "een lange zin")
        await pilot.press("enter")
        await _type(pilot, "een lange zin")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert (tmp_path / "groep.ivt").exists()


async def test_footer_speaks_dutch(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        keys = [str(key.description) for key in app.screen.query("FooterKey")]
        assert {"Volgende", "Pauze", "Notitie", "Werkvorm", "Hulp"} <= set(keys)
        await pilot.press("escape")
        keys = [str(key.description) for key in app.screen.query("FooterKey")]
        assert {"Bijeenkomst", "Afsluiten"} <= set(keys)


async def test_quit_closes_the_file(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        repository = app.repository
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert repository is not None and not repository.storage.vault.is_open


async def test_a_file_opened_through_a_link_says_where_it_leads(tmp_path: Path) -> None:
    """The unlock screen names the link and the file it leads to; the file is worked on where it is."""
    make_app(tmp_path, demo=True)  # creates tmp_path/groep.ivt
    elsewhere = tmp_path / "kring"
    elsewhere.mkdir()
    (elsewhere / "groep.ivt").symlink_to(tmp_path / "groep.ivt")
    app = make_app(elsewhere, create=False)
    assert app.context.opener.path == tmp_path / "groep.ivt"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#unlock-file", Static).render())
        assert shown == f"groep.ivt → {tmp_path.name}/groep.ivt openen"


def _two_states(tmp_path: Path):
    """An app on a demo file with one backup; returns (app, path, the backup's path)."""
    from intervisie_tui.core.model import Group, new_id
    from intervisie_tui.store.backups import list_backups
    from intervisie_tui.store.repository import Repository

    app = make_app(tmp_path, demo=True)
    path = app.context.opener.path
    repository = Repository.unlock(path, PASSPHRASE, clock=app.context.clock)
    repository.put(Group(id=new_id(), name="Later", updated_at=app.context.clock()))
    repository.close()
    [backup] = list_backups(path)
    return app, path, backup.path


async def _restore_first_backup(app, pilot) -> None:
    await _type(pilot, PASSPHRASE)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    listing = app.screen.query_one("#backups", OptionList)
    assert listing.has_focus and listing.option_count == 1
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_damaged_file_is_restored_from_a_checked_backup_and_opened(tmp_path: Path) -> None:
    """Choosing a backup checks it with the passphrase just typed, keeps the damaged file aside and
    opens the backup, without asking for the passphrase again."""
    from intervisie_tui.store.backups import list_damaged
    from intervisie_tui.store.repository import Repository

    app, path, backup = _two_states(tmp_path)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    async with app.run_test(size=(80, 24)) as pilot:
        await _restore_first_backup(app, pilot)
        assert isinstance(app.screen, SessionScreen)
        [aside] = list_damaged(path)
        assert aside.read_bytes() == bytes(data)
        notices = [str(notice.message) for notice in app._notifications]
        assert any(aside.name in notice for notice in notices), notices
    repository = Repository.unlock(path, PASSPHRASE, clock=app.context.clock, lock=False)
    try:  # the backup's state (the app may have saved the resumed meeting since)
        assert "Later" not in {group.name for group in repository.groups()}
    finally:
        repository.close()


async def test_a_damaged_backup_is_not_restored_and_nothing_moves(tmp_path: Path) -> None:
    """A truncated backup is refused with a reason; the file and the backup stay byte for byte."""
    app, path, backup = _two_states(tmp_path)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    backup.write_bytes(backup.read_bytes()[:-50])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.suffix == ".ivt" or ".backup-" in p.name}
    async with app.run_test(size=(80, 24)) as pilot:
        await _restore_first_backup(app, pilot)
        assert isinstance(app.screen, UnlockScreen)
        status = str(app.screen.query_one("#unlock-status", Static).render())
        assert "niet teruggezet" in status
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.suffix == ".ivt" or ".backup-" in p.name}
    assert after == before


@pytest.mark.parametrize("exists", [True, False])
async def test_the_first_screen_comes_after_the_apps_own_mount(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exists: bool
) -> None:
    """Textual draws nothing until the app's mount is done; a screen pushed inside it was first shown
    in pieces, a frame interval apart (docs/PERFORMANCE.md). It is pushed just after."""
    stacks: list[list[str]] = []
    mount = IntervisieApp.on_mount

    def recorded(app: IntervisieApp) -> None:
        mount(app)
        stacks.append([type(screen).__name__ for screen in app.screen_stack])

    monkeypatch.setattr(IntervisieApp, "on_mount", recorded)
    app = make_app(tmp_path, create=exists)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert stacks == [["Screen"]]  # nothing pushed while the app mounted
        assert isinstance(app.screen, UnlockScreen if exists else CreateScreen)
