"""When Python's cyclic garbage collector may run: not while the app starts up.

Start-up builds tens of thousands of long-lived objects (modules, classes, the
widget tree, the open meeting). The collector's default thresholds make it
walk all of them several times before the first frame, for almost no garbage,
and that is a noticeable share of the start. So the command line holds the
collector from its first line, and the app lets it go again once its first
frame is on screen (docs/PERFORMANCE.md). Reference counting frees ordinary
objects all along; only objects in reference cycles wait, and the first
collection after start-up takes them. Nothing is frozen (``gc.freeze``): a
frozen widget holding meeting text would outlive a lock.

Only the process that called :func:`hold` is affected; tests that build apps
directly never hold the collector, and :func:`release` is then a no-op.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Stop automatic collections until :func:`release` (the command line's first step)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Let automatic collections run again, if :func:`hold` stopped them; idempotent."""
    global _held
    if _held:
        _held = False
        gc.enable()


def held() -> bool:
    """Whether :func:`hold` stopped the collector and nothing released it yet."""
    return _held
