"""Reading another process from outside, through Linux's /proc, and deciding when it went idle.

Everything the pty harness knows about a running app or floor besides its terminal output comes
from here, so the same readings apply to both and nothing runs inside the measured process.

* CPU: the sum over the process's threads of the first field of ``/proc/PID/task/TID/schedstat``
  (nanoseconds the thread ran on a CPU; the kernel's own accounting, not sampled ticks). A thread
  that ends between two readings takes its last increment with it, so :class:`CpuMeter` adds up
  per-thread increments and keeps what ended threads had run. For a long window the whole-process
  ``utime + stime`` of ``/proc/PID/stat`` (which includes threads that ended) is used instead.
* Memory: ``VmRSS`` (resident now) and ``VmHWM`` (peak resident since the process started) of
  ``/proc/PID/status``, in MiB.
* Idle: :func:`idle_since` finds, in a series of CPU readings, the first stretch of ``window``
  seconds in which the process ran for at most ``allowance`` seconds, and answers the time of the
  last reading before it that still showed work.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def parse_status(text: str) -> dict[str, float]:
    """``VmRSS``, ``VmHWM`` (and any other ``Vm*`` line) of a /proc status file, in MiB."""
    found: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("Vm") and ":" in line:
            name, value = line.split(":", 1)
            parts = value.split()
            if parts and parts[0].isdigit():
                found[name] = int(parts[0]) / 1024  # the kernel writes kB
    return found


def status(pid: int) -> dict[str, float]:
    """The memory lines of ``/proc/PID/status`` in MiB (empty once the process is gone)."""
    try:
        return parse_status(Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return {}


def parse_schedstat(text: str) -> int:
    """Nanoseconds run on a CPU, the first field of a schedstat file."""
    fields = text.split()
    return int(fields[0]) if fields else 0


def thread_run_ns(pid: int) -> dict[int, int]:
    """Nanoseconds each thread of ``pid`` has run, by thread id (empty once the process is gone)."""
    found: dict[int, int] = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tids:
        try:
            found[int(tid)] = parse_schedstat(Path(f"/proc/{pid}/task/{tid}/schedstat").read_text())
        except (OSError, ValueError):
            continue  # the thread ended between listing and reading
    return found


def parse_stat_cpu_s(text: str) -> float:
    """``utime + stime`` of a /proc stat line, in seconds (every thread, ended ones too)."""
    # The command name (field 2) is in parentheses and may hold spaces: count from the last ")".
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # fields 14 and 15 of the line


def process_cpu_s(pid: int) -> float:
    """CPU seconds of the whole process from ``/proc/PID/stat`` (0.0 once it is gone)."""
    try:
        return parse_stat_cpu_s(Path(f"/proc/{pid}/stat").read_text())
    except OSError:
        return 0.0


class CpuMeter:
    """The nanoseconds a process has run so far, read thread by thread (see the module docstring)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._last: dict[int, int] = {}
        self._total = 0

    def read(self) -> int:
        """Run time in nanoseconds since the process started (as far as it was seen)."""
        now = thread_run_ns(self.pid)
        for tid, ran in now.items():
            self._total += ran - self._last.get(tid, 0)
        self._last = now
        return self._total


def idle_since(samples: Sequence[tuple[float, int]], window: float, allowance: float) -> float | None:
    """The first reading from which the process ran at most ``allowance`` seconds of CPU over the
    next ``window`` seconds: the moment it went idle. None while no such stretch is complete.

    ``samples`` are ``(time, run_ns)`` in time order. The answer is at most one sampling interval
    after the last work, since work ending between two readings is seen at the second.
    """
    allowance_ns = allowance * 1e9
    end = 0
    for start, (started, ran) in enumerate(samples):
        end = max(end, start)
        while end < len(samples) and samples[end][0] - started < window:
            end += 1
        if end == len(samples):
            return None  # the stretch from here is not complete yet
        if samples[end][1] - ran <= allowance_ns:
            return started
    return None
