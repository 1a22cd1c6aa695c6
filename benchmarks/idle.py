"""Idle CPU: the app on a running meeting, nobody touching it, the phase clock ticking.

    INTERVISIE_BENCH_PASSPHRASE=... python benchmarks/idle.py FILE CONFIG_DIR SECONDS [SETTLE_SECONDS]

Opens the file as app_startup.py does (headless, the running meeting's session screen), waits
SETTLE_SECONDS after the first paint (the start-up's own save and backup finish), then measures
the process's CPU time (all threads: ``getrusage(RUSAGE_SELF)``) over SECONDS of wall time and
divides: percent of one core. The once-a-minute checkpoint save of the running clock falls inside a
60 s window and is counted, as it is part of leaving the app running. Frames painted in the window
are counted too (each turned into terminal output, see probe.py). Prints one JSON line.
"""

import sys
from pathlib import Path
from typing import Any

import probe
from app_startup import open_app, run_headless, when_session_painted


def main() -> int:
    path, config_dir, seconds = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
    settle = float(sys.argv[4]) if len(sys.argv) > 4 else 3.0
    marks: dict[str, Any] = {}
    app, opener = open_app(path, config_dir, marks)
    window: dict[str, float] = {}
    frames: list[float] = []

    def count_frames(screen: Any, stamp: float) -> None:
        if "wall0" in window and "wall1" not in window:
            frames.append(stamp)

    def start_window() -> None:
        window.update(cpu0=probe.cpu_seconds(), wall0=probe.now())
        app.set_timer(seconds, end_window)

    def end_window() -> None:
        window.update(cpu1=probe.cpu_seconds(), wall1=probe.now())
        app.exit()

    def first_paint(stamp: float) -> None:
        app.set_timer(settle, start_window)

    when_session_painted(app, first_paint)
    probe.on_paint(count_frames)
    run_headless(app, opener, (120, 40))
    if "wall1" not in window:
        print("the idle window never ended", file=sys.stderr)
        return 1
    wall = window["wall1"] - window["wall0"]
    cpu = window["cpu1"] - window["cpu0"]
    probe.report(
        idle_cpu_percent=100 * cpu / wall, cpu_s=cpu, wall_s=wall, frames=len(frames), frames_per_s=len(frames) / wall
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
