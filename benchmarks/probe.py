"""Readings a measuring subprocess takes of itself: memory and CPU, and its one-line report.

Memory: ``VmHWM`` of ``/proc/self/status`` (peak resident set). Writing ``5`` to
``/proc/self/clear_refs`` resets it to the current size (Linux >= 4.0), which lets a run leave out
the Argon2id KDF's own 64 MiB, allocated and freed inside the KDF call.
CPU: ``resource.getrusage(RUSAGE_SELF)``, user + system time of every thread of the process.
Time: ``time.monotonic()``, one clock for the whole machine (the parent's and the child's agree).
The paint hook that timed frames inside a headless app is gone with that way of measuring: every
screen is now timed from outside, in a pty (pty_run.py).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any


def now() -> float:
    """The machine-wide monotonic clock (see the module docstring)."""
    return time.monotonic()


def _status() -> dict[str, float]:
    found: dict[str, float] = {}
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    name, value = line.split(":", 1)
                    found[name] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return found


def rss_mib() -> float:
    """The resident set size now, in MiB."""
    return _status().get("VmRSS", 0.0)


def peak_rss_mib() -> float:
    """The peak resident set size (since start, or since :func:`reset_peak`), in MiB."""
    status = _status()
    if "VmHWM" in status:
        return status["VmHWM"]
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def lifetime_max_rss_mib() -> float:
    """``ru_maxrss`` in MiB (also reset by :func:`reset_peak` on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> bool:
    """Reset the peak RSS to the current RSS; False where the kernel does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def cpu_seconds() -> float:
    """User + system CPU time of this process (all threads) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def report(**fields: Any) -> None:
    """Print the child's result as one JSON line (the parent reads the last line)."""
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()
