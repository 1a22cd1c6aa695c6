"""Opening a screen on the large file: key pressed to the new screen's first frame.

    INTERVISIE_BENCH_PASSPHRASE=... python benchmarks/open_screens.py FILE CONFIG_DIR ROUNDS

The app is opened in this process (in_process.py) and driven headless with Textual's Pilot. From the
groups it walks a round of the screens a chair opens: a group (G), its members (L), its history
(H), its agreements (C), its meeting (B), the keys (F1), the settings (F4), back to the group and
the groups (Esc), with Esc between. Each key is handed over as a terminal's key reaches the app
(``driver.send_message``); its time is from there to the end of the first frame in which the new
screen is the app's screen (probe.py's paint hook). Going back is not timed. Prints one JSON line:
p50/p95/max over every opening and the median per screen.
"""

import asyncio
import statistics
import sys
from pathlib import Path
from typing import Any

import probe
from in_process import open_app, when_session_painted
from store_bench import percentile

# (key, the screen class it opens, whether it is timed); the walk starts and ends on the groups
WALK = (
    ("g", "GroupScreen", True),
    ("l", "MembersScreen", True),
    ("escape", "GroupScreen", False),
    ("h", "HistoryScreen", True),
    ("escape", "GroupScreen", False),
    ("c", "AgreementsScreen", True),
    ("escape", "GroupScreen", False),
    ("b", "SessionScreen", True),
    ("f1", "KeysHelp", True),
    ("escape", "SessionScreen", False),
    ("f4", "SettingsScreen", True),
    ("escape", "SessionScreen", False),
    ("escape", "GroupScreen", True),
    ("escape", "HomeScreen", True),
)


async def _open(app: Any, key: str, target: str, paints: dict[str, Any]) -> float:
    """Send ``key`` and wait for the first frame of a screen of class ``target``; the time in ms."""
    from textual import events

    loop = asyncio.get_running_loop()
    waiter: asyncio.Future[float] = loop.create_future()
    paints["waiter"], paints["target"] = waiter, target
    event = events.Key(key, None)
    event.set_sender(app)
    started = probe.now()
    app._driver.send_message(event)
    try:
        painted = await asyncio.wait_for(waiter, 10)
    except TimeoutError:
        raise SystemExit(f"{key} never showed {target}; the screen is {type(app.screen).__name__}") from None
    return (painted - started) * 1000


async def drive(app: Any, rounds: int) -> dict[str, Any]:
    from intervisie_tui.ui.session.screen import SessionScreen

    paints: dict[str, Any] = {}

    def painted(screen: Any, stamp: float) -> None:
        waiter = paints.get("waiter")
        if waiter is not None and not waiter.done() and type(screen).__name__ == paints["target"]:
            waiter.set_result(stamp)

    when_session_painted(app, lambda stamp: None)  # installs the paint hook
    probe.on_paint(painted)
    timings: dict[str, list[float]] = {}
    async with app.run_test(headless=True, size=(120, 40)) as pilot:
        for _ in range(400):
            if isinstance(app.screen, SessionScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, SessionScreen), f"no session screen: {app.screen!r}"
        await pilot.pause(0.5)
        app.saver.flush(30)  # the start-up's own save and backup
        while type(app.screen).__name__ != "HomeScreen":  # to the groups, untimed
            await pilot.press("escape")
            await pilot.pause(0.2)
        for _ in range(rounds):
            for key, target, timed in WALK:
                elapsed = await _open(app, key, target, paints)
                if timed:
                    timings.setdefault(target, []).append(elapsed)
                await pilot.pause(0.05)
        app.saver.flush(30)
        await app.action_quit()
    every = [value for values in timings.values() for value in values]
    return {
        "open_screen_ms_p50": statistics.median(every),
        "open_screen_ms_p95": percentile(every, 0.95),
        "open_screen_ms_max": max(every),
        "opened": len(every),
        "per_screen_ms_median": {name: statistics.median(values) for name, values in timings.items()},
    }


def main() -> int:
    path, config_dir, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    app, opener = open_app(path, config_dir)
    try:
        result = asyncio.run(drive(app, rounds))
    finally:
        app.close_repository()
        opener.release()
    probe.report(**result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
