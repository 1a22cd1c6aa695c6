"""A whole process in a pseudo-terminal, timed and read from outside, as a user's terminal would see it.

:class:`PtyRun` starts a command with a new pseudo-terminal as its controlling terminal, stdin,
stdout and stderr: 120 x 40 cells (``TIOCSWINSZ`` before the start), ``TERM=xterm-256color``. The
harness is the terminal: it reads everything the process writes, continuously, and stamps each
chunk with ``time.monotonic()`` as it arrives (one clock for the whole machine). It answers no
queries (a terminal without the optional features Textual asks about, so no synchronized output:
what is written is what the terminal shows), and it writes keys as a terminal does, as bytes.

Times are measured from the harness's clock just before the process is started (``spawn``), so
fork, exec and the interpreter's start are in them. Everything waits by reading (:meth:`pump`):
a process whose output is not read would block on a full terminal, and a waiting harness must not
slow down what it measures.

The harness is single-threaded: the reads, the keys written at fixed times, and the readings of
/proc (procfs.py) come from one loop, so a key's write time is exactly when it was written.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path

import procfs

QUIT_KEY = b"\x11"  # ctrl+q: the app's and Textual's own quit key
SAMPLE_EVERY_S = 0.01
"""How often the CPU of the process is read while the harness waits for idle (10 ms)."""


_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, pointer shapes
    r"|\x1b[()*+][0-~]"  # character sets
    r"|\x1b[ -/]*[0-Z\\^-~]"  # other short escapes (not the "[" and "]" that open the two above)
)
_UNFINISHED = re.compile(r"\x1b[^\x07]*\Z")


def plain_text(output: str) -> tuple[str, str]:
    """The text of terminal output without its escape sequences, and an unfinished escape at its end.

    What a user reads is the text; Textual puts style changes and cursor moves between any two
    characters (the cursor cell of a field, a highlighted letter), so the harness looks for text
    in the output with the sequences taken out. The unfinished rest goes before the next chunk.
    """
    text = _ESCAPE.sub("", output)
    unfinished = _UNFINISHED.search(text)
    if unfinished is None:
        return text, ""
    return text[: unfinished.start()], text[unfinished.start() :]


class HarnessTimeout(RuntimeError):
    """What the harness waited for did not come."""


def terminal_environment(base: dict[str, str], extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a measured process gets: a 256-colour xterm, UTF-8, no size, Esc wait or Textual overrides."""
    env = {
        key: value
        for key, value in base.items()
        if not key.startswith("TEXTUAL") and key not in ("COLUMNS", "LINES", "COLORTERM", "NO_COLOR", "ESCDELAY")
    }
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    # An installed app starts from cached bytecode; a shell that forbids writing it is not followed.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra or {})
    return env


class PtyRun:
    """One process in a pseudo-terminal (see the module docstring).

    ``cpus``: pin the process (and so every thread it starts) to these CPUs before it execs, as
    ``taskset -c`` does; the harness itself stays free.
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        env: dict[str, str],
        size: tuple[int, int] = (120, 40),
        cpus: set[int] | None = None,
        cwd: Path | None = None,
    ) -> None:
        master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

        def become_terminal_session() -> None:  # in the child, before exec
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
            if cpus is not None:
                os.sched_setaffinity(0, cpus)

        self.master = master
        self.spawn = time.monotonic()
        self.process = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            preexec_fn=become_terminal_session,  # noqa: PLW1509 - the harness starts no threads
            close_fds=True,
        )
        os.close(slave)
        self.pid = self.process.pid
        self.received = 0  # bytes
        self._parts: list[str] = []  # the output's text, one part per chunk read (plain_text)
        self._pending = ""  # an escape sequence not yet complete at the end of the last chunk
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._chunk_ends: list[int] = []  # offset in text after each chunk
        self._chunk_times: list[float] = []
        self.cpu = procfs.CpuMeter(self.pid)
        self.cpu_samples: list[tuple[float, int]] = []
        self.sampling = False
        self._next_sample = 0.0
        self.closed = False

    # -- reading ---------------------------------------------------------------------------------

    def pump(self, until: float, stop: Callable[[], bool] | None = None) -> None:
        """Read the terminal until the monotonic time ``until``, or until ``stop()`` is true."""
        while True:
            now = time.monotonic()
            if stop is not None and stop():
                return
            if now >= until:
                return
            if self.sampling and now >= self._next_sample:
                self.cpu_samples.append((now, self.cpu.read()))
                self._next_sample = now + SAMPLE_EVERY_S
            timeout = until - now
            if self.sampling:
                timeout = min(timeout, max(0.0, self._next_sample - now))
            if self.closed:
                time.sleep(min(timeout, 0.01))
                continue
            ready, _, _ = select.select([self.master], [], [], timeout)
            if ready:
                self._read()

    def _read(self) -> None:
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: every process on the terminal has gone
            data = b""
        stamp = time.monotonic()
        if not data:
            self.closed = True
            return
        self.received += len(data)
        part, self._pending = plain_text(self._pending + self._decoder.decode(data))
        self._parts.append(part)
        self._chunk_ends.append(self.length + len(part))
        self._chunk_times.append(stamp)

    @property
    def length(self) -> int:
        """Characters of output so far."""
        return self._chunk_ends[-1] if self._chunk_ends else 0

    def output(self, after: int = 0) -> tuple[int, str]:
        """The output from the chunk holding text offset ``after`` on: ``(offset of its start, text)``."""
        first = bisect_right(self._chunk_ends, after)
        start = self._chunk_ends[first - 1] if first else 0
        return start, "".join(self._parts[first:])

    def arrived_at(self, end: int) -> float:
        """When the output up to text offset ``end`` had arrived."""
        return self._chunk_times[bisect_left(self._chunk_ends, end)]

    def find(self, needle: str, after: int = 0) -> float | None:
        """When ``needle`` first arrived in the output at or after text offset ``after``; None if not yet."""
        start, text = self.output(after)
        at = text.find(needle, after - start)
        return None if at < 0 else self.arrived_at(start + at + len(needle))

    def wait_for(self, needle: str, timeout: float, after: int = 0) -> float:
        """Read until ``needle`` appears (at or after ``after``); the monotonic time it arrived."""
        found: list[float] = []
        searched = [after]

        def seen() -> bool:
            stamp = self.find(needle, searched[0])
            if stamp is not None:
                found.append(stamp)
            searched[0] = max(after, self.length - len(needle))  # a needle may straddle two chunks
            return bool(found) or self.closed

        self.pump(time.monotonic() + timeout, seen)
        if not found:
            state = "ended" if self.closed or self.process.poll() is not None else "still running"
            raise HarnessTimeout(
                f"{needle!r} did not appear in {timeout:.0f} s (process {state}); ends with {self.tail()!r}"
            )
        return found[0]

    def tail(self, characters: int = 300) -> str:
        """The last output, escape sequences and all (for error messages)."""
        return self.output(max(0, self.length - characters))[1][-characters:]

    # -- idle, memory ----------------------------------------------------------------------------

    def start_sampling(self) -> None:
        """Read the CPU of the process every 10 ms from now on, while the harness pumps."""
        self.sampling = True
        self._next_sample = 0.0

    def wait_idle(self, window: float, allowance: float, timeout: float, after: float = 0.0) -> float:
        """Read until the process has been idle (procfs.idle_since) for ``window``; when it went idle.

        Only readings taken at or after the monotonic time ``after`` count (e.g. a key just written).
        """
        if not self.sampling:
            self.start_sampling()
        found: list[float] = []
        first_sample = bisect_left(self.cpu_samples, (after, -1))

        def idle() -> bool:
            first = procfs.idle_since(self.cpu_samples[first_sample:], window, allowance)
            if first is not None:
                found.append(first)
            return bool(found) or self.closed

        self.pump(time.monotonic() + timeout, idle)
        if not found:
            raise HarnessTimeout(f"the process did not go idle in {timeout:.0f} s")
        return found[0]

    def memory(self) -> dict[str, float]:
        """``VmRSS`` and ``VmHWM`` of the process now, in MiB."""
        return procfs.status(self.pid)

    # -- keys and the end ------------------------------------------------------------------------

    def write(self, data: bytes) -> float:
        """Write ``data`` as typed keys; the monotonic time just before the write."""
        stamp = time.monotonic()
        os.write(self.master, data)
        return stamp

    def quit(self, timeout: float = 20.0) -> int:
        """End the process as a user does (ctrl+q), reading its output meanwhile; kill only as a fallback.

        Returns the exit code (negative: killed by that signal).
        """
        if self.process.poll() is None and not self.closed:
            self.write(QUIT_KEY)
            self.pump(time.monotonic() + timeout, lambda: self.process.poll() is not None)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.close()
        return self.process.returncode

    def close(self) -> None:
        """Release the terminal (the process must have ended)."""
        if self.master >= 0:
            os.close(self.master)
            self.master = -1
