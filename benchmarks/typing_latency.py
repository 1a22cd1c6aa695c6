"""Key to screen while saves run: typing a note into the real app on a file, with the saver kept busy.

    INTERVISIE_BENCH_PASSPHRASE=... python benchmarks/typing_latency.py FILE CONFIG_DIR KEYS

The app is opened as app_startup.py opens it and driven headless with Textual's Pilot
(``run_test``). On the running meeting's session screen, ``a`` opens the note field; then letters
and spaces are typed one at a time. Each key is handed to the app the way a terminal's key reaches
it (``driver.send_message(events.Key)``, what ``pilot.press`` does), and its latency is the time from
there to the end of the first frame in which the field shows that character (the paint hook of
probe.py, which also renders the frame to terminal output). A short gap follows each key. Every 30
keys Enter keeps the note (a real save from the screen) and ``a`` opens the field again.

Two passes: first with the saver idle (a baseline), then while a thread keeps the app's own background
saver (``app.saver``) writing without a pause: it hands it an edit of a note of another meeting and
waits for it to be durable, again and again. Each of those is a full save of the file, as in a meeting.
Prints one JSON line: p50/p95/max of both passes, how many saves completed during the second pass,
and their durations.
"""

import asyncio
import statistics
import sys
import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import probe
from app_startup import open_app, when_session_painted
from store_bench import percentile

GAP_S = 0.05
ENTER_EVERY = 30
TEXT = "de moeder zegt steeds af en ik merk dat ik ga drammen terwijl ik eigenlijk wil luisteren "


async def _type(app: Any, pilot: Any, keys: int, paints: dict[str, Any]) -> list[float]:
    from textual import events
    from textual.widgets import Input

    field = app.screen.query_one("#note-input", Input)
    latencies: list[float] = []
    loop = asyncio.get_running_loop()
    for index in range(keys):
        if index and index % ENTER_EVERY == 0:
            await pilot.press("enter")
            await pilot.pause(0.05)
            await pilot.press("a")
            await pilot.pause(0.05)
        char = TEXT[index % len(TEXT)]
        expected = field.value + char
        waiter: asyncio.Future[float] = loop.create_future()
        paints["waiter"], paints["expected"], paints["field"] = waiter, expected, field
        event = events.Key("space" if char == " " else char, char)
        event.set_sender(app)
        started = probe.now()
        app._driver.send_message(event)
        try:
            painted = await asyncio.wait_for(waiter, 5)
        except TimeoutError:
            raise SystemExit(f"key {index} ({char!r}) never reached the screen; field holds {field.value!r}") from None
        latencies.append((painted - started) * 1000)
        await asyncio.sleep(GAP_S)
    await pilot.press("enter")
    return latencies


class _SavePump(threading.Thread):
    """Keeps the app's saver writing: one edit, wait until durable, the next edit."""

    def __init__(self, app: Any, notes: list[Any]) -> None:
        super().__init__(name="bench-save-pump", daemon=True)
        self.app, self.notes = app, notes
        self.stop = threading.Event()
        self.durations: list[float] = []

    def run(self) -> None:
        edit = 0
        while not self.stop.is_set():
            note = self.notes[edit % len(self.notes)]
            edited = replace(note, text=f"{note.text} ·{edit}", updated_at=datetime.now(UTC).astimezone())
            started = probe.now()
            self.app.saver.put(edited)
            if not self.app.saver.flush(10):
                break
            self.durations.append((probe.now() - started) * 1000)
            edit += 1


async def drive(app: Any, keys: int) -> dict[str, Any]:
    from textual.widgets import Input

    from intervisie_tui.ui.session.screen import SessionScreen

    paints: dict[str, Any] = {}

    def painted(screen: Any, stamp: float) -> None:
        waiter = paints.get("waiter")
        if waiter is not None and not waiter.done() and paints["field"].value == paints["expected"]:
            waiter.set_result(stamp)

    when_session_painted(app, lambda stamp: None)  # installs the paint hook
    probe.on_paint(painted)
    async with app.run_test(headless=True, size=(120, 40)) as pilot:
        for _ in range(400):
            if isinstance(app.screen, SessionScreen):
                break
            await pilot.pause(0.05)
        screen = app.screen
        assert isinstance(screen, SessionScreen), f"no session screen: {screen!r}"
        await pilot.pause(0.5)
        app.saver.flush(30)  # the start-up's own save and backup
        summaries = app.repository.meetings(screen.meeting.group_id)
        other = next(summary for summary in summaries if summary.id != screen.meeting.id)
        notes = list(app.repository.meeting_content(other.id).notes)
        await pilot.press("a")
        await pilot.pause(0.1)
        focused = app.focused
        assert isinstance(focused, Input) and focused.id == "note-input", f"a did not open the note field: {focused!r}"
        quiet = await _type(app, pilot, max(10, keys // 3), paints)
        await pilot.pause(0.1)
        await pilot.press("a")
        await pilot.pause(0.1)
        pump = _SavePump(app, notes)
        pump.start()
        await asyncio.sleep(0.3)
        saves_before = len(pump.durations)
        typing_started = probe.now()
        busy = await _type(app, pilot, keys, paints)
        typing_s = probe.now() - typing_started
        saves_during = len(pump.durations) - saves_before
        pump.stop.set()
        pump.join(30)
        app.saver.flush(30)
        await app.action_quit()
    return {
        "key_to_render_ms_p50": statistics.median(busy),
        "key_to_render_ms_p95": percentile(busy, 0.95),
        "key_to_render_ms_max": max(busy),
        "keys": len(busy),
        "quiet_ms_p50": statistics.median(quiet),
        "quiet_ms_p95": percentile(quiet, 0.95),
        "quiet_ms_max": max(quiet),
        "saves_during_typing": saves_during,
        "typing_s": typing_s,
        "save_ms_p50_during_typing": statistics.median(pump.durations) if pump.durations else 0.0,
        "save_ms_p95_during_typing": percentile(pump.durations, 0.95) if pump.durations else 0.0,
    }


def main() -> int:
    path, config_dir, keys = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    app, opener = open_app(path, config_dir, {})
    try:
        result = asyncio.run(drive(app, keys))
    finally:
        app.close_repository()
        opener.release()
    probe.report(**result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
