"""Key to screen: keys written into the app's terminal at a fixed rate, timed until each shows.

    python benchmarks/typing_pty.py FILE PASSPHRASE_FILE WORKDIR KEYS [--cpus 0]

The app (busy_app.py: the ``intervisie`` command, its saver kept writing on demand) opens a copy of
FILE (the notes typed stay in it; FILE is left as it was) in a
120 x 40 pty (pty_run.py) on its running meeting. ``a`` opens the note field; then this process,
not the app, writes one key every 50 ms on its own clock, whether or not the app has shown the
last one (no coordinated omission: a slow app gets keys queued, as from a typist). Each key's
latency is from just before its write to the arrival of the output that holds that character.

To know it is THE character typed, every key is a different letter from Cyrillic, Greek, Armenian,
Georgian or Latin Extended-B that the app never shows otherwise (checked: none is in the output before typing).
Textual may redraw the whole field, so earlier letters come again; a new one first shows when its
key has reached the screen. Each pass types one note, kept with Enter after it (not timed). Not a
note every 30 keys, as the in-process harness did: Enter and then ``a`` in quick succession while
the saver is busy can leave the focus on the board (the board's focus, asked for after Enter, comes
after ``a`` opened the field), and the next letters are then not typed at all (docs/PERFORMANCE.md).

Two passes: KEYS // 3 keys with the saver idle, then KEYS while the saver writes without a pause
(busy_app.py), compactions of the file included as they fall due (counted by the file being
replaced: a compaction writes a new file in its place). ``--cpus 0`` pins the app (and its saver)
to that CPU, as ``taskset -c 0`` does; this process stays free. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import pty_run
from startup import IDLE_ALLOWANCE_S, IDLE_WINDOW_S, MEETING_MARKER, app_environment
from store_bench import percentile

GAP_S = 0.05
SETTLE_S = 1.0
"""After opening or keeping a note, before the next keys: the app's own work for it is done by then."""
NOTE_PLACEHOLDER = "Nieuwe notitie"
"""The note field's placeholder (in Dutch): shown when ``a`` has opened the field."""
HERE = Path(__file__).resolve().parent


def letters() -> list[str]:
    """Single-cell letters the app's texts and the benchmark file never hold (Cyrillic, Greek, Armenian,
    Georgian, Latin Extended-B)."""
    found = []
    for first, last in ((0x0410, 0x04FF), (0x0391, 0x03C9), (0x0531, 0x0586), (0x10D0, 0x10FA), (0x0180, 0x024F)):
        for code in range(first, last + 1):
            char = chr(code)
            if unicodedata.category(char) in ("Lu", "Ll") and unicodedata.normalize("NFC", char) == char:
                found.append(char)
    return found


def type_keys(run: pty_run.PtyRun, keys: list[str], watch: Path) -> dict[str, Any]:
    """Write ``keys`` at the fixed rate; the latency of each in ms, and how often ``watch`` was replaced."""
    pending: list[tuple[str, float, int]] = []  # letter, written at, output length then
    latencies: dict[str, float] = {}
    inodes = {watch.stat().st_ino}

    def check() -> bool:
        for item in list(pending):
            char, written, offset = item
            seen = run.find(char, offset)
            if seen is not None:
                latencies[char] = (seen - written) * 1000
                pending.remove(item)
        return False

    start = time.monotonic() + GAP_S
    for slot, char in enumerate(keys):
        run.pump(start + slot * GAP_S, check)
        offset = run.length
        pending.append((char, run.write(char.encode()), offset))
        try:
            inodes.add(watch.stat().st_ino)
        except OSError:
            pass  # between the rename and the new name: seen at the next slot
    run.pump(time.monotonic() + 10, lambda: check() or not pending)
    if pending:
        lost = "".join(char for char, _, _ in pending)
        raise SystemExit(f"{len(pending)} keys never reached the screen ({lost!r}); output ends {run.tail()!r}")
    return {"latencies": [latencies[char] for char in keys], "replaced": len(inodes) - 1}


def open_note(run: pty_run.PtyRun) -> None:
    """``a`` opens the note field; wait until it shows, then a moment (not timed).

    Not until idle: the field's cursor blinks, twice a second, as long as it is open.
    """
    offset = run.length
    run.write(b"a")
    run.wait_for(NOTE_PLACEHOLDER, 60, after=offset)
    run.pump(time.monotonic() + SETTLE_S)


def keep_note(run: pty_run.PtyRun) -> None:
    """Enter keeps the note (a save from the screen); then a moment (not timed)."""
    run.write(b"\r")
    run.pump(time.monotonic() + SETTLE_S)


def summary(latencies: list[float]) -> dict[str, float]:
    """p50, p95 and max in ms."""
    return {"p50": statistics.median(latencies), "p95": percentile(latencies, 0.95), "max": max(latencies)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("passphrase_file", type=Path)
    parser.add_argument("workdir", type=Path)
    parser.add_argument("keys", type=int)
    parser.add_argument("--cpus", type=str, default="", help="pin the app to these CPUs (e.g. 0)")
    args = parser.parse_args(argv)
    cpus = {int(cpu) for cpu in args.cpus.split(",")} if args.cpus else None
    pump = args.workdir / f"pump-{os.getpid()}"
    pump.mkdir()
    # The notes typed stay in the file: type into a copy, so the letters are new and FILE stays as it was.
    copy = pump / args.file.name
    shutil.copyfile(args.file, copy)
    quiet_count = max(10, args.keys // 3)
    pool = letters()
    if quiet_count + args.keys > len(pool):
        raise SystemExit(f"at most {len(pool)} keys in all")
    quiet_keys, busy_keys = pool[:quiet_count], pool[quiet_count : quiet_count + args.keys]

    env = app_environment(args.workdir, {"INTERVISIE_BENCH_PUMP": str(pump)})
    command = [sys.executable, str(HERE / "busy_app.py"), str(copy), "--passphrase-file", str(args.passphrase_file)]
    run = pty_run.PtyRun([*command, "--lang", "nl"], env=env, cpus=cpus)
    try:
        run.wait_for(MEETING_MARKER, 120)
        run.wait_idle(IDLE_WINDOW_S, IDLE_ALLOWANCE_S, 60)  # the start-up's own save and backup are done
        run.sampling = False  # the harness reads nothing else while keys are timed
        open_note(run)
        _, shown = run.output()
        shown_before = sorted({char for char in pool if char in shown})
        if shown_before:
            raise SystemExit(f"letters the app showed before they were typed: {shown_before}")
        quiet = type_keys(run, quiet_keys, copy)
        keep_note(run)
        open_note(run)
        (pump / "start").touch()
        run.pump(time.monotonic() + 0.3)
        busy = type_keys(run, busy_keys, copy)
        (pump / "stop").touch()
        run.pump(time.monotonic() + 30, lambda: (pump / "result.json").exists())
        saves = json.loads((pump / "result.json").read_text())
        keep_note(run)
    finally:
        code = run.quit()
        shutil.rmtree(pump, ignore_errors=True)
    if code != 0:
        raise SystemExit(f"the app ended with exit code {code}")
    print(
        json.dumps(
            {
                "pinned": args.cpus or None,
                "keys": len(busy["latencies"]),
                "busy_ms": summary(busy["latencies"]),
                "quiet_ms": summary(quiet["latencies"]),
                "quiet_keys": len(quiet["latencies"]),
                "compactions_during_typing": busy["replaced"],
                "saves": saves,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
