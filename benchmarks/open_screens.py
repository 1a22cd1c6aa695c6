"""Opening a screen on the large file: key written to the new screen's text in the terminal.

    python benchmarks/open_screens.py FILE PASSPHRASE_FILE WORKDIR ROUNDS

The real ``intervisie`` command opens a copy of FILE (the walk plans today's meeting in it; FILE
stays as it was) in a 120 x 40 pty (pty_run.py), as startup.py does, on its running meeting. From
the groups it walks a round of the screens a chair opens: a group (g), its members (l), its history
(h), its agreements (c), today's meeting (b), the keys (F1), the settings (F4), back to the group
and the groups (Esc), with Esc between. Each key is written into the terminal as a user's keyboard
does; its time is from just before the write to the arrival of text that only the new screen shows
(its title, or a line of the dialog), which Textual writes in the screen's first frame. Between
two keys the harness waits until the app is idle (/proc, as startup.py), so each opening starts
from a quiet app. Going back is not timed.

Until 2026-12-05 this figure was taken inside the measuring process with Textual's Pilot, to the
first frame's paint: no terminal output was written, and the Pilot's own pending timeouts kept
every screen of the last 30 s alive (their contexts hold the visible screens), so the app's heap
grew by ~25,000 objects a round and full collections of the garbage collector took up to 230 ms
(docs/PERFORMANCE.md). Prints one JSON line: p50/p95/max over every opening, the median per screen,
the p95 of the openings by other keys than Esc (a lone Esc waits before it is read, see ESCAPE_WAIT;
reported beside the figure, never instead of it), and the app's resident memory after the first and
the last round.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

import pty_run
from startup import IDLE_ALLOWANCE_S, IDLE_WINDOW_S, INTERVISIE, MEETING_MARKER, app_environment
from store_bench import percentile

TIMEOUT_S = 60.0

# Keys as a terminal sends them.
ESCAPE, F1, F4 = b"\x1b", b"\x1bOP", b"\x1b[14~"
ESCAPE_WAIT = """A lone Esc byte may begin a key's escape sequence, so the app's input reader waits for more
before it reads it as Esc: ESCDELAY, 25 ms unless set (intervisie_tui/escape_wait.py; Textual's own
reader waited 100 ms and up to 0.1 s more). A terminal that speaks the kitty keyboard protocol (Textual
asks for it) sends Esc unambiguously and skips the wait; the terminals our users have (Windows Terminal,
macOS Terminal, the Linux console) and this harness do not. The harness passes no ESCDELAY of its own."""

# (key, the screen it opens, text only that screen shows in Dutch, whether it is timed). Titles are
# centred in the title bar with spaces around them; in a key bar a label follows its key and one space.
WALK: tuple[tuple[bytes, str, str, bool], ...] = (
    (b"g", "GroupScreen", "  Groep  ", True),
    (b"l", "MembersScreen", "  Leden  ", True),
    (ESCAPE, "GroupScreen", "  Groep  ", False),
    (b"h", "HistoryScreen", "  Geschiedenis  ", True),
    (ESCAPE, "GroupScreen", "  Groep  ", False),
    (b"c", "AgreementsScreen", "  Afspraken  ", True),
    (ESCAPE, "GroupScreen", "  Groep  ", False),
    (b"b", "SessionScreen", "  Bijeenkomst  ", True),
    (F1, "KeysHelp", "Toetsen van het bijeenkomstscherm", True),
    (ESCAPE, "SessionScreen", "", False),
    (F4, "SettingsScreen", "Vergrendel bij focusverlies", True),
    (ESCAPE, "SessionScreen", "", False),
    (ESCAPE, "GroupScreen", "  Groep  ", True),
    (ESCAPE, "HomeScreen", "  Groepen  ", True),
)


def settle(run: pty_run.PtyRun, after: float) -> None:
    """Wait until the app has been idle since ``after`` (its own work for the last key is done)."""
    run.wait_idle(IDLE_WINDOW_S, IDLE_ALLOWANCE_S, TIMEOUT_S, after=after)


def press(run: pty_run.PtyRun, key: bytes, needle: str) -> float:
    """Write ``key``; the ms until ``needle`` arrived (0 without a needle), then wait for idle."""
    offset = run.length
    written = run.write(key)
    elapsed = 0.0
    if needle:
        elapsed = (run.wait_for(needle, TIMEOUT_S, after=offset) - written) * 1000
    settle(run, written)
    return elapsed


def walk(run: pty_run.PtyRun, rounds: int) -> dict[str, object]:
    """From the running meeting to the groups, then ``rounds`` rounds of WALK; the figures."""
    run.wait_for(MEETING_MARKER, TIMEOUT_S)
    settle(run, 0.0)  # the start-up's own save and backup are done
    press(run, ESCAPE, "  Groepen  ")
    timings: dict[str, list[float]] = {}
    not_escape: list[float] = []
    rss: list[float] = []
    for _ in range(rounds):
        for key, screen, needle, timed in WALK:
            elapsed = press(run, key, needle)
            if timed:
                timings.setdefault(screen, []).append(elapsed)
                if key != ESCAPE:
                    not_escape.append(elapsed)
        rss.append(run.memory().get("VmRSS", 0.0))
    every = [value for values in timings.values() for value in values]
    return {
        "open_screen_ms_p50": statistics.median(every),
        "open_screen_ms_p95": percentile(every, 0.95),
        "open_screen_ms_max": max(every),
        "opened": len(every),
        # Reported beside, not instead: a lone Esc waits before it is read (see ESCAPE_WAIT).
        "open_screen_ms_p95_not_escape": percentile(not_escape, 0.95),
        "per_screen_ms_median": {name: statistics.median(values) for name, values in timings.items()},
        "per_screen_ms_max": {name: max(values) for name, values in timings.items()},
        "rss_first_round_mib": rss[0],
        "rss_last_round_mib": rss[-1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("passphrase_file", type=Path)
    parser.add_argument("workdir", type=Path)
    parser.add_argument("rounds", type=int)
    args = parser.parse_args(argv)
    folder = args.workdir / "open-screens"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    copy = folder / args.file.name
    shutil.copyfile(args.file, copy)
    command = [str(INTERVISIE), str(copy), "--passphrase-file", str(args.passphrase_file), "--lang", "nl"]
    run = pty_run.PtyRun(command, env=app_environment(folder))
    try:
        result = walk(run, args.rounds)
    finally:
        code = run.quit()
        shutil.rmtree(folder, ignore_errors=True)
    if code != 0:
        raise SystemExit(f"the app ended with exit code {code}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
