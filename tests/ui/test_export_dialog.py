"""Pilot tests of the export dialog: keys only; refused paths keep it open, warnings need a second Enter."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from intervisie_tui.ui.dialogs.export_dialog import ExportDialog
from tests.ui.helpers import make_app, type_line

SIZE = (100, 30)


def status(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-status", Static).render()).strip()


def protected(folder: Path) -> list[Path]:
    data = folder / "groep.ivt"
    return [data, data.with_name("groep.ivt.lock"), data.with_name("groep.ivt.owner")]


async def open_dialog(pilot, suggested: Path, results: list) -> ExportDialog:
    dialog = ExportDialog("Export notes of Intervisie [b]Noord[/b]", suggested, protected(suggested.parent))
    pilot.app.push_screen(dialog, results.append)
    await pilot.pause()
    assert pilot.app.screen is dialog
    return dialog


async def test_suggested_path_and_plain_warning_are_shown(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, tmp_path / "verslag.md", results)
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "verslag.md")
        assert dialog.query_one("#export-path", Input).has_focus
        title = str(dialog.query_one("#help-title", Static).render())
        assert "[b]Noord[/b]" in title  # shown literally, not as markup
        warning = str(dialog.query_one("#export-warning", Static).render())
        assert "NOT be encrypted" in warning
        await pilot.press("enter")
        assert results == [tmp_path / "verslag.md"]


async def test_a_bad_name_is_explained_and_the_dialog_stays_open(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, tmp_path / "verslag.md", results)
        await pilot.press("end", *["backspace"] * len("verslag.md"))
        await type_line(pilot, "nul.md")
        await pilot.press("enter")
        assert app.screen is dialog and results == []
        assert "device" in status(dialog) and dialog.query_one("#export-status").has_class("-error")
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        await type_line(pilot, "goed.md")
        assert status(dialog) == ""  # a change clears the old reason
        await pilot.press("enter")
        assert results == [tmp_path / "goed.md"]
        assert not (tmp_path / "goed.md").exists()  # the dialog only chooses; the caller writes


async def test_the_encrypted_file_itself_is_refused(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, tmp_path / "groep.ivt", results)
        await pilot.press("enter", "enter")
        assert app.screen is dialog and results == [] and status(dialog)


async def test_a_folder_path_ending_in_a_separator_is_refused(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, tmp_path / "verslag.md", results)
        dialog.query_one("#export-path", Input).value = f"{tmp_path}/"
        await pilot.press("enter")
        assert app.screen is dialog and results == [] and status(dialog)


async def test_a_synced_folder_needs_a_second_enter(tmp_path: Path) -> None:
    synced = tmp_path / "OneDrive - Praktijk"
    synced.mkdir()
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, synced / "verslag.md", results)
        await pilot.press("enter")
        assert app.screen is dialog and results == []
        assert "synced by OneDrive" in status(dialog) and dialog.query_one("#export-status").has_class("-warning")
        await pilot.press("enter")
        assert results == [synced / "verslag.md"]


async def test_changing_the_path_asks_again(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    app = make_app(tmp_path, demo=True, unlocked=True)
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, synced / "verslag.md", results)
        await pilot.press("enter")
        await pilot.press("backspace")
        await type_line(pilot, "d")
        await pilot.press("enter")
        assert app.screen is dialog and results == [] and status(dialog)
        await pilot.press("enter")
        assert results == [synced / "verslag.md"]


async def test_an_existing_file_needs_a_second_enter_to_overwrite(tmp_path: Path) -> None:
    existing = tmp_path / "verslag.md"
    existing.write_text("oud")
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, existing, results)
        await pilot.press("enter")
        assert app.screen is dialog and results == [] and "already exists" in status(dialog)
        await pilot.press("enter")
        assert results == [existing] and existing.read_text() == "oud"


async def test_synced_and_existing_each_warn_once(tmp_path: Path) -> None:
    synced = tmp_path / "Nextcloud"
    synced.mkdir()
    (synced / "verslag.md").write_text("oud")
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, synced / "verslag.md", results)
        await pilot.press("enter")
        assert "Nextcloud" in status(dialog)
        await pilot.press("enter")
        assert "already exists" in status(dialog) and results == []
        await pilot.press("enter")
        assert results == [synced / "verslag.md"]


async def test_escape_cancels(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, tmp_path / "verslag.md", results)
        await pilot.press("escape")
        assert results == [None] and app.screen is not dialog


def test_an_export_on_a_full_disk_is_said_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    """Writing an export can fail like a save (a full disk): the app says why and stays up."""
    import errno

    from intervisie_tui.ui.dialogs import exports

    told: list[str] = []

    class App:
        def say(self, text: str, **_options) -> None:
            told.append(text)

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exports, "write_plain_export", full)
    assert exports._write(App(), tmp_path / "lijst.md", "tekst") is False  # type: ignore[arg-type]
    assert len(told) == 1 and "schijf is vol" in told[0]


async def test_html_is_offered_and_sets_the_suffix(tmp_path: Path) -> None:
    """Tab reaches the formats; choosing HTML makes the path end in .html (what is written follows it)."""
    from textual.widgets import RadioSet

    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        dialog = ExportDialog("Minutes", tmp_path / "verslag.md", protected(tmp_path), formats=("md", "html"))
        app.push_screen(dialog, results.append)
        await pilot.pause()
        labels = [str(button.label) for button in dialog.query("RadioButton")]
        assert labels == ["Markdown: plain text", "HTML: a page to print"]
        await pilot.press("tab")
        assert dialog.query_one(RadioSet).has_focus
        await pilot.press("right", "enter")
        await pilot.pause()
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "verslag.html")
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert results == [tmp_path / "verslag.html"]
