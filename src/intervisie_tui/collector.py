"""When Python's cyclic garbage collector may run, and over which objects.

Start-up builds tens of thousands of long-lived objects (modules, classes, the
widget tree, the open meeting). The collector's default thresholds make it
walk all of them several times before the first frame, for almost no garbage,
and that is a noticeable share of the start. So the command line holds the
collector from its first line, and the app lets it go again once its first
frame is on screen (docs/PERFORMANCE.md). Reference counting frees ordinary
objects all along; only objects in reference cycles wait.

Once an opened file's first screen is drawn (:func:`settle`; at once when the
file was unlocked on the command line, after the unlock screen otherwise), the
start-up's garbage is collected once and what is left is frozen (``gc.freeze``):
the collector's full passes, which every screen opened sets off, then walk only
what was made after the start (32-78 ms -> 10-41 ms on the large benchmark file).
Frozen objects are never collected, and the first screen's widgets hold meeting
text; so a lock (and so the promise that a lock drops decrypted content)
unfreezes them (:func:`unfreeze`) and collects a moment later, once Textual has
let go of the closed screens (:func:`collect`).

Each screen the app opens leaves the one it replaced (a closed screen's widgets refer to each
other) for the collector; left alone, a full pass over them starts in the middle of a later
opening and holds that screen back by 20-40 ms on the large benchmark file. So a moment after a
screen is shown, while a user reads it, the app collects (:func:`tidy`, from
``ui/tidying.py``), and the next opening finds little to walk and nothing to free.

Only the process that called :func:`hold` is affected; tests that build apps
directly never hold the collector, and :func:`release` and :func:`settle` are
then no-ops.
"""

from __future__ import annotations

import gc

_held = False
_managed = False
"""Whether the command line manages the collector in this process (:func:`hold` ran): only then
does :func:`settle` freeze. Tests that build apps directly never freeze anything."""
_settled = False
"""Whether an opened file's first screen settled the collector (:func:`settle`): only from then on
does :func:`tidy` collect (before it, on the unlock screen, nothing is frozen and a full pass would
walk all of start-up's objects while the passphrase is typed)."""


def hold() -> None:
    """Stop automatic collections until :func:`release` (the command line's first step)."""
    global _held, _managed
    if gc.isenabled():
        gc.disable()
        _held = _managed = True


def release() -> None:
    """Let collections run again, if :func:`hold` stopped them; idempotent (the app's first frame)."""
    global _held
    if _held:
        _held = False
        gc.enable()


def settle() -> None:
    """An opened file's first screen is drawn: collect the start-up's garbage, freeze what lives on,
    and let collections run again. Only where the command line manages the collector."""
    global _settled
    if not _managed:
        return
    gc.collect()
    gc.freeze()
    _settled = True
    release()


def finish() -> None:
    """The command ends: collections as Python's default, nothing frozen, nothing managed."""
    global _managed, _settled
    release()
    _managed = _settled = False
    gc.unfreeze()


def held() -> bool:
    """Whether :func:`hold` stopped the collector and nothing released it yet."""
    return _held


def unfreeze() -> None:
    """Let the collector take what :func:`settle` froze again (a lock: the screens go)."""
    gc.unfreeze()


def tidy() -> bool:
    """A full collection now, once an opened file settled the collector and nothing holds it
    (a screen was shown a moment ago: its predecessor's garbage goes while nobody waits).
    Returns whether it collected."""
    if _managed and _settled and not _held:
        gc.collect()
        return True
    return False


def managed() -> bool:
    """Whether the command line manages the collector in this process (:func:`hold` ran)."""
    return _managed


def collect() -> None:
    """A full collection now (a moment after a lock, once the closed screens are let go of)."""
    gc.collect()
