"""Idle CPU: the app on its running meeting, nobody touching it, the phase clock ticking.

    python benchmarks/idle.py FILE PASSPHRASE_FILE WORKDIR SECONDS

Starts ``intervisie FILE --passphrase-file`` in a 120 x 40 pty (pty_run.py), waits for the
meeting's screen and for the start-up to be over (idle, as in startup.py), then reads the whole
process's CPU time (``utime + stime`` of ``/proc/PID/stat``: every thread, ended ones too) at the
start and the end of SECONDS of wall time: percent of one core. (``cpu_s_threads``: the same from
the threads' schedstat, in nanoseconds, for comparison; it misses threads that ended meanwhile.) The once-a-minute checkpoint save
of the running clock falls inside a 60 s window and is counted, as it is part of leaving the app
running. The bytes the app wrote to the terminal meanwhile are counted too. Prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import procfs
import pty_run
from startup import IDLE_ALLOWANCE_S, IDLE_WINDOW_S, INTERVISIE, MEETING_MARKER, app_environment


def main() -> int:
    path, passphrase_file, workdir, seconds = (
        Path(sys.argv[1]),
        Path(sys.argv[2]),
        Path(sys.argv[3]),
        float(sys.argv[4]),
    )
    command = [str(INTERVISIE), str(path), "--passphrase-file", str(passphrase_file), "--lang", "nl"]
    run = pty_run.PtyRun(command, env=app_environment(workdir))
    try:
        run.wait_for(MEETING_MARKER, 120)
        run.wait_idle(IDLE_WINDOW_S, IDLE_ALLOWANCE_S, 120)
        run.sampling = False
        ran0, cpu0, bytes0, wall0 = run.cpu.read(), procfs.process_cpu_s(run.pid), run.received, time.monotonic()
        run.pump(wall0 + seconds)
        ran1, cpu1, bytes1, wall1 = run.cpu.read(), procfs.process_cpu_s(run.pid), run.received, time.monotonic()
    finally:
        code = run.quit()
    if code != 0:
        print(f"the app ended with exit code {code}", file=sys.stderr)
        return 1
    wall, cpu = wall1 - wall0, cpu1 - cpu0
    print(
        json.dumps(
            {
                "idle_cpu_percent": 100 * cpu / wall,
                "cpu_s": cpu,
                "cpu_s_threads": (ran1 - ran0) / 1e9,
                "wall_s": wall,
                "terminal_bytes_per_s": (bytes1 - bytes0) / wall,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
