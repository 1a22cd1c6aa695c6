"""Durations the benchmark harness cannot see from outside the process (benchmarks/README.md).

Off unless the environment variable ``INTERVISIE_TIMINGS`` names a file when :func:`note` is
called (read at each call, never at import). Then one JSON line is appended to that file per
call: what was timed, its start and end on ``time.monotonic()`` (one clock for the whole
machine on Linux, so the harness can compare it with its own), the thread it ran on, and the
process id. Only names and times are written, never content. Nothing else changes.

Noted today: ``kdf``, each run of the key derivation (``store/crypto.py``). Code that makes the
first screen wait for a KDF running on another thread should note that wait as ``kdf_wait``; the
harness then takes only the waits out of the start-up time, not the whole KDF.
"""

from __future__ import annotations

import json
import os
import threading
import time

TIMINGS_VARIABLE = "INTERVISIE_TIMINGS"


def note(what: str, started: float, ended: float | None = None) -> None:
    """Append ``what`` ran from ``started`` to ``ended`` (``time.monotonic()``; default: now) to the timings file."""
    target = os.environ.get(TIMINGS_VARIABLE)
    if not target:
        return
    line = {
        "what": what,
        "start": started,
        "end": time.monotonic() if ended is None else ended,
        "main_thread": threading.current_thread() is threading.main_thread(),
        "pid": os.getpid(),
    }
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, (json.dumps(line) + "\n").encode())
        finally:
            os.close(descriptor)
    except OSError:
        pass  # a measurement aid never stops the app
