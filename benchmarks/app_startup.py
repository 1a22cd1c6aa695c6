"""The app's start-up run: open a file the way ``intervisie FILE`` does, stop at the session screen's first paint.

    INTERVISIE_BENCH_PASSPHRASE=... python benchmarks/app_startup.py FILE CONFIG_DIR [WIDTH HEIGHT]

The order is the command line's (``commands/open_app.run_open``): take the file's lock, unlock it
(the KDF runs here, once), only then import the Textual app and run it with the unlocked repository
in its ``AppContext``. The app resumes the running meeting of the file (the generator leaves the
newest one running) and pushes its session screen; the run ends right after that screen's first frame
(see probe.py for the paint hook). Headless, so it works without a terminal.

The KDF is timed by wrapping ``crypto.derive_master_key`` (the vault calls it through the module).
Right after the KDF returns, the peak RSS is reset (probe.reset_peak), so the reported peak is
everything the app holds and does, without the KDF's own transient 64 MiB.

Left out on purpose: ``hardening.disable_core_dumps`` (two system calls). Its PR_SET_DUMPABLE 0
makes ``/proc/self/clear_refs`` unwritable for an ordinary user, which the memory figure needs.

Prints one JSON line: monotonic times of the first line, imports, unlock, app start and first paint,
the KDF's seconds, and the peak and current RSS at the first paint.
"""

import time

T0 = time.monotonic()  # first thing: the start of this script on the machine-wide clock

import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import probe  # noqa: E402

PASSPHRASE_VARIABLE = "INTERVISIE_BENCH_PASSPHRASE"


def open_app(path: Path, config_dir: Path, marks: dict[str, Any]) -> tuple[Any, Any]:
    """Unlock ``path`` as the command line does and build the app on it; returns ``(app, opener)``.

    Fills ``marks`` with ``t_imported``, ``kdf_s``, ``peak_reset``, ``t_unlocked`` and ``t_app``.
    """
    from intervisie_tui import collector

    collector.hold()  # cli.main's first step; the app lets the collector go after its first frame
    from intervisie_tui.hardening import neutralise_textual_environment
    from intervisie_tui.store import crypto
    from intervisie_tui.store.opener import FileOpener

    neutralise_textual_environment(os.environ)
    from intervisie_tui.ui.context import system_clock  # what the command line uses (no textual import)

    marks["t_imported"] = time.monotonic()
    real_kdf = crypto.derive_master_key

    def timed_kdf(*args: Any, **kwargs: Any) -> bytes:
        started = time.monotonic()
        key = real_kdf(*args, **kwargs)
        marks["kdf_s"] = marks.get("kdf_s", 0.0) + time.monotonic() - started
        marks["peak_reset"] = probe.reset_peak()
        return key

    crypto.derive_master_key = timed_kdf
    opener = FileOpener(path, clock=system_clock)
    opener.acquire()
    repository = opener.unlock(os.environ[PASSPHRASE_VARIABLE])
    marks["t_unlocked"] = time.monotonic()

    from intervisie_tui.ui.app import IntervisieApp
    from intervisie_tui.ui.context import AppContext

    app = IntervisieApp(
        AppContext(opener=opener, clock=system_clock, repository=repository, language="nl", config_dir=config_dir)
    )
    marks["t_app"] = time.monotonic()
    return app, opener


def when_session_painted(app: Any, callback: Callable[[float], None]) -> None:
    """Call ``callback(time)`` once, after the first frame of the session screen."""
    from intervisie_tui.ui.session.screen import SessionScreen

    done: list[bool] = []

    def painted(screen: Any, stamp: float) -> None:
        if not done and isinstance(screen, SessionScreen):
            done.append(True)
            callback(stamp)

    probe.install_paint_hook()
    probe.on_paint(painted)


def run_headless(app: Any, opener: Any, size: tuple[int, int]) -> None:
    """Run ``app`` without a terminal, then close the file as the command line does."""
    try:
        app.run(headless=True, size=size)
    finally:
        app.close_repository()
        opener.release()


def main() -> int:
    path, config_dir = Path(sys.argv[1]), Path(sys.argv[2])
    size = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) == 5 else (120, 40)
    marks: dict[str, Any] = {"t0": T0}
    app, opener = open_app(path, config_dir, marks)

    def first_paint(stamp: float) -> None:
        marks.update(t_paint=stamp, peak_rss_mib=probe.peak_rss_mib(), rss_at_paint_mib=probe.rss_mib())
        app.exit()

    when_session_painted(app, first_paint)
    run_headless(app, opener, size)
    if "t_paint" not in marks:
        print("the session screen never painted", file=sys.stderr)
        return 1
    probe.report(**marks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
