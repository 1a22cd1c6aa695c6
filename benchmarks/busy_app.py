"""The ``intervisie`` command with its own background saver kept writing, for typing_pty.py.

    INTERVISIE_BENCH_PUMP=FOLDER python benchmarks/busy_app.py FILE --passphrase-file PATH [...]

Runs exactly what the ``intervisie`` console script runs (``intervisie_tui.cli.main``), in a pty
like every measured run, with one addition: a thread that keeps the app's saver (``ui/saver.py``)
writing without a pause, as a chair's saver writes while notes are kept: it hands the saver an
edit of a note of another meeting of the running meeting's group, waits until that save is
durable (``Saver.flush``), and hands it the next. Each is a full save of the file, compactions
included when they fall due. The typing harness switches it on and off with two files in FOLDER
(``start``, ``stop``); when it stops it writes ``result.json`` there (saves done, their times).

This is the one piece of harness code that runs inside the measured process. It adds load (the
saver's encoding, encryption and fsync, competing with typing for the interpreter); it takes
nothing off the app. Keys still come from another process through the terminal, and the time
to the screen is read from the terminal output (typing_pty.py).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PUMP_VARIABLE = "INTERVISIE_BENCH_PUMP"
POLL_S = 0.02


def _notes_to_edit(repository: Any) -> list[Any]:
    """The notes of another meeting of the running meeting's group (its saves rewrite that meeting)."""
    running = repository.running_meetings()[0]
    other = next(summary for summary in repository.meetings(running.group_id) if summary.id != running.id)
    content = repository.meeting_content(other.id)
    assert content is not None and content.notes, "the other meeting has no notes"
    return list(content.notes)


def _pump(saver: Any, repository: Any, folder: Path) -> None:
    while not (folder / "start").exists():
        time.sleep(POLL_S)
    notes = _notes_to_edit(repository)
    durations: list[float] = []
    edit = 0
    started = time.monotonic()
    while not (folder / "stop").exists():
        note = notes[edit % len(notes)]
        edited = replace(note, text=f"{note.text} ·{edit}", updated_at=datetime.now(UTC).astimezone())
        began = time.monotonic()
        saver.put(edited)
        if not saver.flush(30):
            break
        durations.append((time.monotonic() - began) * 1000)
        edit += 1
    ordered = sorted(durations) or [0.0]
    result = {
        "saves": len(durations),
        "seconds": time.monotonic() - started,
        "save_ms_p50": statistics.median(ordered),
        "save_ms_p95": ordered[min(len(ordered) - 1, round(0.95 * len(ordered)))],
        "save_ms_max": ordered[-1],
    }
    (folder / "result.json").write_text(json.dumps(result))


def install(folder: Path) -> None:
    """Start a pump (waiting for ``folder/start``) beside the first saver the app creates."""
    from intervisie_tui.ui.saver import Saver

    original = Saver.__init__

    def init(self: Any, repository: Any, *args: Any, **kwargs: Any) -> None:
        original(self, repository, *args, **kwargs)
        if not getattr(Saver, "_bench_pumped", False):
            Saver._bench_pumped = True  # type: ignore[attr-defined]
            threading.Thread(target=_pump, args=(self, repository, folder), name="bench-save-pump", daemon=True).start()

    Saver.__init__ = init  # type: ignore[method-assign]


def main() -> int:
    install(Path(os.environ[PUMP_VARIABLE]))
    from intervisie_tui.cli import main as intervisie

    return intervisie(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
