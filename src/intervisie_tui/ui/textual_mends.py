"""Mends for faults in Textual itself, applied when the app is built (docs/TEXTUAL.md).

Each mend checks that the fault is still there and leaves Textual alone otherwise, so a Textual
that fixed it is used as it is.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


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
