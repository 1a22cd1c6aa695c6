"""The benchmark harness's pure helpers: reading /proc, deciding idle, text out of terminal output."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import procfs  # noqa: E402
from pty_run import plain_text  # noqa: E402

STATUS = "Name:\tpython\nVmPeak:\t  247064 kB\nVmHWM:\t   37520 kB\nVmRSS:\t   36864 kB\nThreads:\t3\n"


def test_status_lines_are_read_in_mib() -> None:
    found = procfs.parse_status(STATUS)
    assert found["VmHWM"] == 37520 / 1024
    assert found["VmRSS"] == 36.0
    assert "Threads" not in found


def test_schedstat_and_stat_give_run_time() -> None:
    assert procfs.parse_schedstat("218569086 1234 56\n") == 218569086
    # a command name with spaces and a parenthesis; utime 150 and stime 50 ticks are fields 14 and 15
    line = "42 (my (odd) app) S 1 42 42 0 -1 4194304 100 0 0 0 150 50 0 0 20 0 3 0 1 2 3\n"
    assert procfs.parse_stat_cpu_s(line) == 200 / procfs.CLOCK_TICKS


def test_idle_is_the_first_reading_followed_by_a_quiet_window() -> None:
    ms = 1_000_000
    # work until 0.30 s, a 1 ms blip at 0.50 s, then nothing
    samples = [(t / 100, (min(t, 30) * 5 + (1 if t >= 50 else 0)) * ms) for t in range(0, 120)]
    assert procfs.idle_since(samples, window=0.5, allowance=0.002) == 0.30
    assert procfs.idle_since(samples, window=0.5, allowance=0.0) == 0.50


def test_idle_waits_for_a_whole_window() -> None:
    samples = [(t / 100, 0) for t in range(0, 40)]  # quiet, but only 0.39 s of readings
    assert procfs.idle_since(samples, window=0.5, allowance=0.0) is None
    assert procfs.idle_since([], window=0.5, allowance=0.0) is None


def test_work_that_never_stops_is_never_idle() -> None:
    samples = [(t / 100, t * 2_000_000) for t in range(0, 200)]  # 20 % of a core
    assert procfs.idle_since(samples, window=0.5, allowance=0.01) is None


def test_terminal_output_becomes_its_text() -> None:
    text, rest = plain_text("a\x1b[1;2Hb\x1b[7mW\x1b[0machtwoordzin\x1b]22;default\x07!\x1b(B\x1b[38;5")
    assert text == "abWachtwoordzin!"
    assert rest == "\x1b[38;5"  # finished by the next chunk
    assert plain_text(rest + "m ok") == (" ok", "")
