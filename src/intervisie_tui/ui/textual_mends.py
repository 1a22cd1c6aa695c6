"""Mends for faults in Textual itself, applied when the app is built (docs/TEXTUAL.md).

Each mend checks that the fault is still there and leaves Textual alone otherwise, so a Textual
that fixed it is used as it is.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

SKIPPING_TIMER_RUN_SHA256 = "0e6f5d129cd7477e90469479604d3e445df7b17456abd2b3eae86153fdd6fe2b"
"""The source of ``Timer._run`` in Textual 8.0.0 to 8.2.8 (lines stripped, blank ones left out): the
version whose skip waits a frame too long. Any other source is left alone."""


def mend_styles_cache() -> bool:
    """Stop Textual's ``StylesCache.get_inner_outer`` from keeping every widget's rendered lines.

    Textual 8 (through 8.2.8 at least; Textualize/textual issue 6665) caches that method with
    ``functools.lru_cache`` on the instance method, so the cache's keys hold up to 1,024 StylesCache
    objects, and each holds the last lines its widget drew. Every screen closed leaves its widgets'
    lines behind: walking the app's screens grew the heap by ~45,000 objects a round (~6 MiB) and the
    garbage collector's full passes to 230 ms, and text of a meeting stayed in memory after a lock.
    The colours are all the method reads; here they alone are the key. Returns whether it mended.
    """
    from textual._styles_cache import StylesCache

    cached: Any = StylesCache.__dict__.get("get_inner_outer")
    original = getattr(cached, "__wrapped__", None)
    if original is None or not hasattr(cached, "cache_clear"):
        return False  # mended before, or Textual changed it: nothing to do
    cached.cache_clear()  # let go of the StylesCache objects already held

    @lru_cache(1024)
    def by_colours(base_background: Any, background: Any) -> Any:
        return original(None, base_background, background)  # the method never reads its first argument

    def get_inner_outer(self: Any, base_background: Any, background: Any) -> Any:
        return by_colours(base_background, background)

    setattr(StylesCache, "get_inner_outer", get_inner_outer)  # noqa: B010 - replaces a method on the class
    return True


def _source_digest(function: Any) -> str | None:
    """A digest of a function's source lines, stripped and blank ones left out; None without source.

    The lines its code object spans, read from its file: ``inspect.getsource`` tokenizes the whole
    module to find the function's end, ~2 ms of every start, where this takes a tenth of that."""
    try:
        code = function.__code__
        with open(code.co_filename, encoding="utf-8") as source:
            lines = source.read().splitlines()
    except (AttributeError, OSError, UnicodeDecodeError):
        return None
    last = max((line for _start, _end, line in code.co_lines() if line is not None), default=code.co_firstlineno)
    text = "\n".join(line.strip() for line in lines[code.co_firstlineno - 1 : last] if line.strip())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def next_slot(start: float, interval: float, now: float) -> tuple[int, float]:
    """For a timer started at ``start`` that missed its slots: the count of the slot just passed, and
    when the next one is due (after ``now``, at most one ``interval`` later)."""
    count = int((now - start) / interval)
    return count, start + (count + 1) * interval


def mend_timer_skip() -> bool:
    """Let a Textual timer that fell behind wait for its next slot, not the one after.

    ``Timer._run`` (Textual 8.0.0 to 8.2.8) skips the slots a timer missed by setting its count to
    the slot that comes next and then waiting for ``count + 1``: one interval more than needed. A
    screen's updates run on such a timer (60 a second), paused while nothing changes; so after any
    pause, as after the meeting clock's redraw each second, the next frame waited up to two frame
    intervals (33 ms), not one. A key typed within that time showed ~20 ms late, once a second
    (docs/PERFORMANCE.md). The loop here is Textual's with that count corrected. Only the exact
    faulty source is replaced (``SKIPPING_TIMER_RUN_SHA256``). Returns whether it mended.
    """
    from textual import timer as textual_timer

    run = textual_timer.Timer.__dict__.get("_run")
    if run is None or _source_digest(run) != SKIPPING_TIMER_RUN_SHA256:
        return False  # mended before, fixed, or changed: nothing to do
    sleep, get_time, target_gone = textual_timer.sleep, textual_timer._time.get_time, textual_timer.EventTargetGone

    async def _run(self: Any) -> None:
        count = 0
        repeat, interval = self._repeat, self._interval
        await self._active.wait()
        start = get_time()
        while repeat is None or count <= repeat:
            due = start + (count + 1) * interval
            now = get_time()
            if self._skip and due < now:
                count, due = next_slot(start, interval, now)
                if repeat is not None and count > repeat:
                    break
            await sleep(max(0.0, due - get_time()))
            count += 1
            await self._active.wait()
            if self._reset:
                start, count, self._reset = get_time(), 0, False
                continue
            try:
                await self._tick(next_timer=due, count=count)
            except target_gone:
                break

    setattr(textual_timer.Timer, "_run", _run)  # noqa: B010 - replaces a method on the class
    return True
