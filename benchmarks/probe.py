"""What the measuring subprocesses share: the paint hook and readings of the process itself.

Time: every timestamp is ``time.monotonic()``, which on Linux is ``CLOCK_MONOTONIC``, one clock for
the whole machine. So the parent can take ``time.monotonic()`` just before it starts a child, the
child reports the moment of its first paint on the same clock, and the difference is the start-up
time from process start (fork/exec and interpreter start-up included) to the first frame.

Paint: Textual hands every finished frame of a screen to ``App._display``. In a headless run that
method returns without turning the frame into terminal output, so :func:`install_paint_hook` wraps it:
it turns the frame into the escape sequences a terminal run would write (and drops them, so the
cost of a real frame is counted, only the ``write`` to the terminal is left out), then tells the
listeners that ``screen`` was painted. The same hook is used for the app and for the floor.

Memory: ``VmHWM`` of ``/proc/self/status`` (peak resident set). Writing ``5`` to
``/proc/self/clear_refs`` resets it to the current size (Linux >= 4.0), which lets the app's run
leave out the Argon2id KDF's own 64 MiB, allocated and freed inside the KDF call.
CPU: ``resource.getrusage(RUSAGE_SELF)``, user + system time of every thread of the process.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

PaintListener = Callable[[Any, float], None]
_listeners: list[PaintListener] = []


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


def on_paint(listener: PaintListener) -> None:
    """Call ``listener(screen, time)`` after every frame handed to the terminal."""
    _listeners.append(listener)


def install_paint_hook() -> None:
    """Wrap ``App._display`` (see the module docstring). Import textual only when called."""
    from textual._compositor import CompositorUpdate
    from textual.app import App

    original = App._display
    if getattr(original, "_bench_hook", False):
        return

    def _display(self: Any, screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if renderable is None or self._batch_count:
            return
        if self.is_headless and isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)  # what a terminal run would write; dropped
        stamp = now()
        for listener in list(_listeners):
            listener(screen, stamp)

    _display._bench_hook = True  # type: ignore[attr-defined]
    App._display = _display  # type: ignore[method-assign]


def report(**fields: Any) -> None:
    """Print the child's result as one JSON line (the parent reads the last line)."""
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()
