"""Crash output without content (docs/HARDENING.md).

When anything raises inside the running app, Textual 8 prints a traceback with
the local variables of every frame after the app exits (``App._fatal_error``
builds ``rich.traceback.Traceback(show_locals=True)``), or the exception's own
``__rich__`` rendering (``App.panic``). Both can carry the passphrase, member
names and note text, on a screen that is often projected on a wall.

:class:`ContentFreeCrashReport` replaces that report. The user sees one neutral
sentence in the UI language, a short random error code, and the exception's
*type* name (a name from the source code, e.g. ``RuntimeError``). The
exception's message, its traceback and every local variable stay out: they can
hold content. The app still exits with a non-zero code, and under Pilot the
exception is still re-raised at the end of ``run_test`` so tests notice crashes.

Nothing is written anywhere else: there is no log file to look the code up in
(see docs/HARDENING.md). The code tells reports apart; the type name is the
technical clue.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text

from intervisie_tui.i18n import N_, _

if TYPE_CHECKING:
    from rich.console import RenderableType

ERROR_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand is unambiguous."""

_TYPE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,79}")

CRASH_MESSAGE = N_(
    "Something went wrong; intervisie has closed. What was saved is safe in the encrypted file. "
    "Error code: {code} ({kind})"
)
"""The msgid of the crash message (translated in locale/nl.po)."""


def new_error_id() -> str:
    """A fresh random error code such as ``7F3K-92QD`` (two groups of four, 40 random bits)."""
    chars = "".join(secrets.choice(ERROR_ID_ALPHABET) for _i in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def error_type_name(error: BaseException | None) -> str:
    """The name of the exception's class, never its message; ``WorkerFailed`` is unwrapped.

    Class names come from source code, not from the user's data; anything that
    does not look like an identifier (a class built at run time) is replaced.
    """
    if error is None:
        return "panic"
    inner = getattr(error, "error", None)
    if type(error).__name__ == "WorkerFailed" and isinstance(inner, BaseException):
        error = inner
    name = type(error).__name__
    return name if _TYPE_NAME.fullmatch(name) else "Exception"


def crash_message(error_id: str, kind: str) -> str:
    """The neutral sentence shown after a crash, in the current UI language."""
    try:
        template = _(CRASH_MESSAGE)
        return template.format(code=error_id, kind=kind)
    except Exception:  # a broken catalogue must not hide the crash message
        return CRASH_MESSAGE.format(code=error_id, kind=kind)


@dataclass(frozen=True)
class CrashReport:
    """What is known about a crash and may be shown: the error code and the type name."""

    error_id: str
    kind: str

    def message(self) -> str:
        """The text printed to the terminal after the app has closed."""
        return crash_message(self.error_id, self.kind)


class ContentFreeCrashReport:
    """Mix into a Textual ``App`` (before ``App``) to report crashes without content.

    Overrides three Textual 8 methods:

    * ``_handle_exception`` - every unhandled exception (handlers, timers,
      workers, compose, CSS) ends here. It does what Textual's does (return code
      1, remember the first exception for Pilot, close the app) but queues the
      neutral message instead of calling ``_fatal_error`` or ``panic``.
    * ``panic`` - would print arbitrary renderables; shown as a crash instead.
    * ``_print_error_renderables`` - after a crash prints only the neutral
      message, whatever else was queued for printing.
    """

    crash_report: CrashReport | None = None
    """Set at the first crash; later crashes keep the first code."""

    def _report_crash(self, error: BaseException | None) -> None:
        app: Any = self
        if self.crash_report is None:
            self.crash_report = CrashReport(new_error_id(), error_type_name(error))
        app._return_code = 1
        app._exit_renderables.clear()
        app._exit_renderables.append(Text(self.crash_report.message()))
        app._close_messages_no_wait()

    def _handle_exception(self, error: Exception) -> None:
        app: Any = self
        # As Textual: remember the first exception so run_test re-raises it for the tests.
        if app._exception is None:
            app._exception = error
            app._exception_event.set()
        self._report_crash(error)

    def panic(self, *renderables: RenderableType) -> None:
        """Exit as after a crash; the renderables are not shown (they may hold content)."""
        self._report_crash(None)

    def _print_error_renderables(self) -> None:
        app: Any = self
        if self.crash_report is None:
            super()._print_error_renderables()  # type: ignore[misc]  # a normal exit(message=...)
            return
        if not app._exit_renderables:
            return  # already printed (Textual calls this more than once on some paths)
        app._exit_renderables.clear()
        app.error_console.print(Text(self.crash_report.message()), soft_wrap=True)
