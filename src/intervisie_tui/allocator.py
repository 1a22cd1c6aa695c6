"""How the C allocator hands memory back, on Linux with glibc: one arena, large blocks mapped apart.

glibc's malloc gives each thread that allocates its own arena (the unlock's KDF thread, the saver's
thread); what a thread frees stays in its arena, resident, for later. And blocks above a threshold
that glibc raises by itself after such a block is freed come from the heap instead of their own
mapping, and then stay behind when freed. The saver encodes and encrypts tables of up to a few MiB
on its thread; after the first save of the large benchmark file that left ~3 MiB resident for good
(docs/PERFORMANCE.md). With one arena and a fixed threshold of 128 KiB, large blocks are mapped and
unmapped on their own and small ones share one arena.

Called first thing by the command line, before any thread starts. Elsewhere (macOS, Windows, musl)
nothing is done.

:func:`give_back` hands the heap's free pages back to the system (glibc's ``malloc_trim``) after the
app collected a closed screen's garbage (``ui/tidying.py``): what the start-up and each screen freed
otherwise stays resident, between blocks still in use, until malloc reuses it.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
"""glibc's ``mallopt`` parameter numbers (malloc.h)."""
MMAP_THRESHOLD_BYTES = 128 * 1024
"""glibc's own starting threshold, kept fixed."""


def _glibc() -> Any:
    import ctypes

    return ctypes.CDLL(None)


@functools.cache
def _glibc_trim() -> Callable[[int], int]:
    """glibc's ``malloc_trim``, looked up once (at the first :func:`give_back`, not at start)."""
    return _glibc().malloc_trim


def tune_allocator(platform: str | None = None, libc: Callable[[], Any] = _glibc) -> list[str]:
    """Set glibc's malloc to one arena and a fixed mmap threshold; best effort, never raises.

    ``platform`` defaults to ``sys.platform`` and ``libc`` loads the C library (tests pass others).
    Returns the settings made, e.g. ``["M_ARENA_MAX=1", "M_MMAP_THRESHOLD=131072"]``.
    """
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return []
    try:
        library = libc()
        mallopt = library.mallopt  # musl has none: AttributeError
    except (ImportError, OSError, AttributeError):
        return []
    done = []
    for name, number, value in (
        ("M_ARENA_MAX", M_ARENA_MAX, 1),
        ("M_MMAP_THRESHOLD", M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES),
    ):
        try:
            if mallopt(number, value) == 1:  # 1 on success, 0 on error
                done.append(f"{name}={value}")
        except (TypeError, OSError):
            pass
    return done


def give_back(platform: str | None = None, libc: Callable[[], Any] = _glibc) -> bool:
    """Return the C heap's free pages to the system (glibc's ``malloc_trim(0)``); best effort, never raises.

    True when glibc says it returned memory. Elsewhere (macOS, Windows, musl) nothing is done.
    ``platform`` and ``libc`` as for :func:`tune_allocator`.
    """
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return False
    try:
        trim = _glibc_trim() if libc is _glibc else libc().malloc_trim  # musl has none: AttributeError
        return bool(trim(0))
    except (ImportError, OSError, AttributeError, TypeError):
        return False
