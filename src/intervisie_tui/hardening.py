"""Process hardening at start: Textual's leak switches and core dumps (docs/HARDENING.md).

Only the standard library is used, and nothing here imports textual: both
functions must run before textual is first imported, because
``textual.constants`` reads the environment once, at import time.
"""

from __future__ import annotations

import sys
from collections.abc import MutableMapping

TEXTUAL_LEAK_VARIABLES = (
    "TEXTUAL_LOG",
    "TEXTUAL_SCREENSHOT",
    "TEXTUAL_SCREENSHOT_LOCATION",
    "TEXTUAL_SCREENSHOT_FILENAME",
    "TEXTUAL_DEBUG",
)
"""Removed whenever present.

``TEXTUAL_LOG`` appends every log call (widget trees, worker tracebacks, reprs
of failed calls) to a plain file; ``TEXTUAL_SCREENSHOT`` writes the screen as a
readable SVG after N seconds (``_LOCATION`` and ``_FILENAME`` say where);
``TEXTUAL_DEBUG`` prints log calls made outside the app to the terminal.
"""

TEXTUAL_FEATURES_VARIABLE = "TEXTUAL"
LEAKY_FEATURES = ("devtools", "debug")
"""Features in ``TEXTUAL=...``: ``devtools`` sends the log and all printed output to a
devtools server over a socket; ``debug`` prints every queued error after a crash."""

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def neutralise_textual_environment(environ: MutableMapping[str, str]) -> list[str]:
    """Remove Textual's log, screenshot, devtools and debug switches from ``environ``.

    Returns what was switched off, in a fixed order: variable names such as
    ``TEXTUAL_LOG``, and ``TEXTUAL=devtools`` / ``TEXTUAL=debug`` for features.
    Other features in ``TEXTUAL`` (``headless``) are kept; the variable is
    removed when nothing is left. Call it with ``os.environ`` before textual is
    imported: ``textual.constants`` reads these values once, at import time.
    """
    removed: list[str] = []
    for name in TEXTUAL_LEAK_VARIABLES:
        if name in environ:
            del environ[name]
            removed.append(name)
    features = environ.get(TEXTUAL_FEATURES_VARIABLE)
    if features is not None:
        parts = [part.strip() for part in features.split(",") if part.strip()]
        kept = [part for part in parts if part.lower() not in LEAKY_FEATURES]
        dropped = [feature for feature in LEAKY_FEATURES if feature in {part.lower() for part in parts}]
        if dropped:
            removed.extend(f"{TEXTUAL_FEATURES_VARIABLE}={feature}" for feature in dropped)
            if kept:
                environ[TEXTUAL_FEATURES_VARIABLE] = ",".join(kept)
            else:
                del environ[TEXTUAL_FEATURES_VARIABLE]
    return removed


def disable_core_dumps(platform: str | None = None) -> list[str]:
    """Ask the operating system never to write a core dump of this process; best effort.

    Why: while the app is unlocked, its memory holds the file's key and every
    decrypted record (names, case descriptions, notes) in plaintext. A core dump
    after a crash (a segfault in a C extension, SIGQUIT from Ctrl+\\, SIGABRT)
    copies that memory to a plain file on disk: the current folder, or a
    system crash collector's folder, kept for days: plaintext at rest, which
    the app never writes.

    Two settings, each applied where it exists:

    * ``RLIMIT_CORE`` set to ``(0, 0)`` (POSIX): no core file; the hard limit
      is lowered too, so nothing later in the process can raise it again.
    * ``prctl(PR_SET_DUMPABLE, 0)`` (Linux): the process is not dumpable,
      which also stops other processes of the same user from attaching a
      debugger or reading ``/proc/PID/mem`` without root.

    A missing module, function or permission is skipped, never raised (Windows
    has neither; it does not write core dumps of console programs by default).
    What a system-wide crash collector running as root (systemd-coredump,
    apport) does with a non-dumpable process is that system's policy.

    ``platform`` defaults to ``sys.platform`` (tests pass another). Returns what
    was done: ``"RLIMIT_CORE=0"`` and/or ``"PR_SET_DUMPABLE=0"``.
    """
    platform = sys.platform if platform is None else platform
    done: list[str] = []
    try:
        import resource
    except ImportError:
        resource = None  # type: ignore[assignment]  # Windows
    if resource is not None:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        except (AttributeError, ValueError, OSError):
            pass
        else:
            done.append("RLIMIT_CORE=0")
    if platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
                done.append("PR_SET_DUMPABLE=0")
        except (ImportError, AttributeError, OSError, TypeError):
            pass
    return done
