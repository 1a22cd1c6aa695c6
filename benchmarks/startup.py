"""Start-up as a user waits for it: whole processes in a pty, the app and the floor in turns.

    python benchmarks/startup.py FILE PASSPHRASE_FILE WORKDIR [--pairs N] [--warmup N] [--pinned-pairs N]

Each round starts, one after the other, in a 120 x 40 pty (pty_run.py):

1. the floor (floor_app.py), to the last row of its table in the terminal output;
2. the app through the real ``intervisie`` command (the console script beside this Python) with
   ``--passphrase-file``, to the running meeting's phase name (MEETING_MARKER);
3. the app without a passphrase file, to the unlock screen's field (UNLOCK_MARKER); then the
   passphrase is typed, and once that is shown, Enter: from the write of Enter to the meeting's
   phase name in the output is ``unlock_to_meeting``.

For every run: the time from the harness's clock just before the start to the first screen's
content in the output (``content_s``) and to idle (``idle_s``: the first moment after which the
whole process ran at most IDLE_ALLOWANCE_S of CPU in IDLE_WINDOW_S, read from /proc, procfs.py);
``VmRSS`` once idle; ``VmHWM`` (the whole-process peak) just before ctrl+q ends it.

The KDF: every run of the app names a timings file (``INTERVISIE_TIMINGS``, see
``intervisie_tui/timings.py``), where the app notes each KDF's start and end. What is taken out of
that run's start-up ("KDF out") is the part of the KDF that delayed the first screen: a KDF on the
main thread delays everything after it, so all of it is taken out; a KDF on another thread (the
app may derive the key while it loads its modules) delays the screen only while the main thread
waits for it, so only the overlap of the KDF with the waits the app notes as ``kdf_wait`` is
taken out. None noted: nothing is taken out, and the run says so (``off_main_thread_without_wait``):
the figure is then the time with the KDF in, an upper bound. Only KDFs and waits that ended before
the content appeared count.

The first ``--warmup`` rounds are not counted (caches of a machine that just did something else).
``--pinned-pairs``: that many extra rounds of floor and app with both pinned to CPU 0 (one core).
Prints one JSON line: every run, and per-pair ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import pty_run
from floor_app import FLOOR_MARKER

HERE = Path(__file__).resolve().parent
INTERVISIE = Path(sys.executable).parent / "intervisie"
"""The console script the project installs (pyproject.toml: ``intervisie = intervisie_tui.cli:main``)."""
PASSPHRASE_ENV = "INTERVISIE_BENCH_PASSPHRASE"

MEETING_MARKER = "Kernkwadrant invullen"
"""The running meeting's phase in the generated files (generate.py: ``case1.kwadrant``), in Dutch."""
UNLOCK_MARKER = "Wachtwoordzin"
"""The unlock screen's passphrase field (its placeholder, in Dutch)."""
IDLE_WINDOW_S = 0.5
"""Idle means this long without work: longer than any pause the app takes before deferred start-up
work (the resumed meeting's save waits 0.1 s after the first frame), shorter than a clock tick's
second, so a tick (a few ms) does not hide the end of start-up."""
IDLE_ALLOWANCE_S = 0.010
"""CPU a process may use in the idle window (2 % of it): the meeting clock's tick (~4 ms) and a text
field's cursor blink (~3 ms, twice a second) can fall in one window; start-up work comes in larger
pieces (the resumed meeting's save and the backup copy take tens of ms)."""
TIMEOUT_S = 120.0


def app_environment(workdir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured app: a terminal's (pty_run.py), settings and data in ``workdir``."""
    import os

    return pty_run.terminal_environment(
        dict(os.environ),
        {"XDG_CONFIG_HOME": str(workdir / "xdg-config"), "XDG_DATA_HOME": str(workdir / "xdg-data"), **(extra or {})},
    )


def _timings(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    except OSError:
        return []


def kdf_delay(records: list[dict[str, Any]], until: float) -> dict[str, Any]:
    """What of the KDF delayed a screen that appeared at ``until`` (see the module docstring).

    A KDF on the main thread counts whole. A KDF on another thread counts where a noted
    ``kdf_wait`` overlaps it: the wait may include the rest of the unlock, which is not the KDF.
    """
    kdfs = [record for record in records if record["what"] == "kdf" and record["end"] <= until]
    waits = [record for record in records if record["what"] == "kdf_wait" and record["end"] <= until]
    on_main = sum(record["end"] - record["start"] for record in kdfs if record["main_thread"])
    off_main = [record for record in kdfs if not record["main_thread"]]
    waited = sum(
        max(0.0, min(kdf["end"], wait["end"]) - max(kdf["start"], wait["start"])) for kdf in off_main for wait in waits
    )
    return {
        "kdf_s": sum(record["end"] - record["start"] for record in kdfs),
        "kdf_runs": len(kdfs),
        "on_main_thread": not off_main,
        "delay_s": on_main + waited,
        "off_main_thread_without_wait": bool(off_main) and not waits,
    }


def _finish(run: pty_run.PtyRun, content: float, result: dict[str, Any]) -> dict[str, Any]:
    """Idle, memory and the end of a run whose first screen appeared at ``content``."""
    run.start_sampling()
    idle = run.wait_idle(IDLE_WINDOW_S, IDLE_ALLOWANCE_S, TIMEOUT_S, after=content)
    result.update(content_s=content - run.spawn, idle_s=idle - run.spawn, rss_idle_mib=run.memory().get("VmRSS", 0.0))
    return result


def _end(run: pty_run.PtyRun, result: dict[str, Any]) -> dict[str, Any]:
    result["peak_mib"] = run.memory().get("VmHWM", 0.0)
    code = run.quit()
    if code != 0:
        raise SystemExit(f"a measured process ended with exit code {code}; output ends {run.tail()!r}")
    return result


def run_floor(workdir: Path, cpus: set[int] | None = None) -> dict[str, Any]:
    """The floor, from start to its table's last row, to idle; its memory."""
    run = pty_run.PtyRun([sys.executable, str(HERE / "floor_app.py")], env=app_environment(workdir), cpus=cpus)
    try:
        content = run.wait_for(FLOOR_MARKER, TIMEOUT_S)
        result = _finish(run, content, {})
    except BaseException:
        run.quit()
        raise
    return _end(run, result)


def run_app(
    file: Path, passphrase_file: Path, workdir: Path, index: int, cpus: set[int] | None = None
) -> dict[str, Any]:
    """``intervisie FILE --passphrase-file``, to the running meeting's screen, to idle; KDF and memory."""
    timings = workdir / f"timings-app-{index}-{time.monotonic_ns()}.jsonl"
    env = app_environment(workdir, {"INTERVISIE_TIMINGS": str(timings)})
    command = [str(INTERVISIE), str(file), "--passphrase-file", str(passphrase_file), "--lang", "nl"]
    run = pty_run.PtyRun(command, env=env, cpus=cpus)
    try:
        content = run.wait_for(MEETING_MARKER, TIMEOUT_S)
        result = _finish(run, content, {})
    except BaseException:
        run.quit()
        raise
    delay = kdf_delay(_timings(timings), content)
    result.update(
        kdf=delay,
        content_kdf_out_s=result["content_s"] - delay["delay_s"],
        idle_kdf_out_s=result["idle_s"] - delay["delay_s"],
    )
    return _end(run, result)


def run_unlock(file: Path, passphrase: str, workdir: Path, index: int) -> dict[str, Any]:
    """``intervisie FILE``: to the unlock screen, to idle; the passphrase, Enter, to the meeting screen."""
    timings = workdir / f"timings-unlock-{index}-{time.monotonic_ns()}.jsonl"
    env = app_environment(workdir, {"INTERVISIE_TIMINGS": str(timings)})
    run = pty_run.PtyRun([str(INTERVISIE), str(file), "--lang", "nl"], env=env)
    try:
        content = run.wait_for(UNLOCK_MARKER, TIMEOUT_S)
        result = _finish(run, content, {})
        typed = run.write(passphrase.encode())
        run.wait_idle(IDLE_WINDOW_S, IDLE_ALLOWANCE_S, TIMEOUT_S, after=typed)
        offset = run.length
        enter = run.write(b"\r")
        meeting = run.wait_for(MEETING_MARKER, TIMEOUT_S, after=offset)
        settled = run.wait_idle(IDLE_WINDOW_S, IDLE_ALLOWANCE_S, TIMEOUT_S, after=meeting)
    except BaseException:
        run.quit()
        raise
    records = [record for record in _timings(timings) if record["start"] >= enter and record["end"] <= meeting]
    kdfs = [record for record in records if record["what"] == "kdf"]
    result.update(
        enter_to_meeting_s=meeting - enter,
        enter_to_idle_s=settled - enter,
        kdf_s=sum(record["end"] - record["start"] for record in kdfs),
        kdf_runs=len(kdfs),
        rss_meeting_idle_mib=run.memory().get("VmRSS", 0.0),
    )
    return _end(run, result)


def spread(values: list[float]) -> list[float]:
    """``[min, median, max]``."""
    return [min(values), statistics.median(values), max(values)]


def main(argv: list[str] | None = None) -> int:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("passphrase_file", type=Path)
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--pairs", type=int, default=11)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--pinned-pairs", type=int, default=0)
    args = parser.parse_args(argv)
    passphrase = os.environ[PASSPHRASE_ENV]
    floors, apps, unlocks = [], [], []
    for index in range(args.warmup + args.pairs):
        floor = run_floor(args.workdir)
        app = run_app(args.file, args.passphrase_file, args.workdir, index)
        unlock = run_unlock(args.file, passphrase, args.workdir, index)
        if index >= args.warmup:
            floors.append(floor)
            apps.append(app)
            unlocks.append(unlock)
    pinned_floors, pinned_apps = [], []
    for index in range(args.pinned_pairs):
        pinned_floors.append(run_floor(args.workdir, cpus={0}))
        pinned_apps.append(run_app(args.file, args.passphrase_file, args.workdir, 1000 + index, cpus={0}))

    def ratios(apps: list[dict[str, Any]], floors: list[dict[str, Any]], key: str, floor_key: str) -> list[float]:
        return [app[key] / floor[floor_key] for app, floor in zip(apps, floors, strict=True)]

    result: dict[str, Any] = {
        "pairs": args.pairs,
        "warmup": args.warmup,
        "floors": floors,
        "apps": apps,
        "unlocks": unlocks,
        "startup_ratios": ratios(apps, floors, "content_kdf_out_s", "content_s"),
        "startup_idle_ratios": ratios(apps, floors, "idle_kdf_out_s", "idle_s"),
        "unlock_screen_ratios": ratios(unlocks, floors, "content_s", "content_s"),
        "rss_idle_ratios": ratios(apps, floors, "rss_idle_mib", "rss_idle_mib"),
        "pinned_floors": pinned_floors,
        "pinned_apps": pinned_apps,
        "pinned_startup_ratios": ratios(pinned_apps, pinned_floors, "content_kdf_out_s", "content_s"),
        "pinned_startup_idle_ratios": ratios(pinned_apps, pinned_floors, "idle_kdf_out_s", "idle_s"),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
