"""The command palette speaks the user's language, and names keys as the rest of the app does."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandInput, CommandList, CommandPalette

from intervisie_tui.ui.session.screen import SessionScreen
from tests.ui.helpers import make_app


async def test_the_palette_is_dutch_when_nothing_matches(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(CommandInput).placeholder == "Zoek een opdracht…"
        await pilot.press(*"xyzq")
        listing = palette.query_one(CommandList)
        for _wait in range(50):  # the palette says so after a short countdown
            if listing.option_count == 1 and listing.get_option_at_index(0).disabled:
                break
            await pilot.pause(0.1)
        shown = str(listing.get_option_at_index(0).prompt)
        assert "Niets gevonden" in shown and "No matches" not in shown


async def test_palette_entries_show_arrow_keys_as_arrows(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        keys = {name: key for name, key, _callback in session.palette_commands()}
        assert keys["Kolom links"] == "←"
        assert keys["Kolom rechts"] == "→"
        assert not any(word in key for key in keys.values() for word in ("left", "right", "ctrl+"))
