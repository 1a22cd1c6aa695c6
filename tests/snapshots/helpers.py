"""Shared by the snapshot tests: the two sizes every screen is drawn at, a settled screen, the themed demo.

Test modules import from here (and tests/ui/helpers.py), never from each other.
"""

from __future__ import annotations

from pathlib import Path

from intervisie_tui.ui.settings import Settings, save_settings
from tests.ui.helpers import make_app

SIZES = [(80, 24), (120, 36)]
IDS = ["80x24", "120x36"]


async def settled(pilot) -> None:
    """Every save done and shown, and no passing notice, so the picture is the same on every run.

    Notices (toasts) disappear on a timer; whether one is still up when the picture
    is taken depends on the machine's speed. They are tested in the Pilot tests.
    """
    await pilot.pause()
    pilot.app.clear_notifications()
    # Redraw the clocks first: a tick after the test moved the frozen clock banks it (a save), so it
    # must come before the flush, or the picture may catch "Saving…" on a loaded machine.
    # Every screen in the stack: a dialog leaves the status line of the screen under it partly in view.
    screens = list(pilot.app.screen_stack)
    for screen in screens:
        refresh = getattr(screen, "refresh_now", None)
        if refresh is not None:
            refresh()
    assert pilot.app.saver.flush(timeout=5)
    # The saver's report reaches the UI thread as a message; let the app take it before the
    # status lines are redrawn (it may otherwise wait for its 0.25 s redraw pace).
    await pilot.pause()
    for screen in screens:
        refresh = getattr(screen, "refresh_save_state", None)
        if refresh is not None:
            refresh()
    await still(pilot)


async def still(pilot, tries: int = 50) -> None:
    """Wait until the screen stops changing: two pictures in a row alike.

    On a loaded machine a dialog's first field may get its focus (and its highlight) a frame or
    two after the dialog is shown; the picture is taken only once nothing moves any more.
    """
    previous = None
    for _ in range(tries):
        await pilot.pause()
        picture = pilot.app.export_screenshot()
        if picture == previous:
            return
        previous = picture
    raise AssertionError(f"the screen kept changing for {tries} frames")


def themed_demo(folder: Path, theme: str, language: str = "nl", **settings):
    """The demo meeting (a question round in progress) under ``theme``, chosen in the settings file."""
    save_settings(folder / "config", Settings(theme=theme, **settings))
    return make_app(folder, demo=True, unlocked=True, language=language)


async def in_question_round(pilot) -> None:
    """B twice: back to the demo meeting's question round, so the tracker shows; then settled."""
    await pilot.press("b", "b")  # back to the question round, so the tracker shows
    await settled(pilot)
