"""The title bar's own clock: the next minute shows when it comes."""

from __future__ import annotations

from textual.widgets import Static

from intervisie_tui.ui.screens.home import HomeScreen
from tests.ui.helpers import group_file, until


async def test_the_title_bar_shows_the_next_minute_when_it_comes(tmp_path, clock) -> None:
    """The title's clock wakes just after the minute changes (a wake of its own, not a Textual timer)."""
    clock.now = clock.now.replace(second=59, microsecond=900_000)
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        shown = app.screen.query_one("#title-time", Static)
        assert str(shown.render()) == clock.now.strftime("%H:%M")
        clock.advance(seconds=1)
        for _ in range(100):  # the wake is due 0.15 s from the mount; wait for it, at most 5 s
            if str(shown.render()) == clock.now.strftime("%H:%M"):
                break
            await pilot.pause(0.05)
        assert str(shown.render()) == clock.now.strftime("%H:%M")
