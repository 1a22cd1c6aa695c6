"""kill -9 at random moments during a loop of saves (promise 4 of SECURITY.md).

A child process saves record after record and acknowledges each save on
stdout; the test kills it with SIGKILL at a random moment. Afterwards the file
must open, hold exactly a prefix of what was written that includes every
acknowledged save, and no temp file may survive the next unlock.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from intervisie_tui.core.model import Group, Meeting, new_id
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS
from intervisie_tui.store.repository import Repository

from tests.conftest import PASSPHRASE

RUNS = 50
SEED = 20261122
KILL_AFTER_S = (0.02, 0.3)  # after the first acknowledged save

SAVER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from intervisie_tui.core.model import Note, new_id
    from intervisie_tui.store.repository import Repository

    path, meeting_id = Path(sys.argv[1]), sys.argv[2]
    passphrase = sys.stdin.readline().rstrip("\\n")
    repository = Repository.unlock(path, passphrase, clock=lambda: datetime.now(timezone.utc))
    i = 0
    while True:
        note = Note(id=new_id(), meeting_id=meeting_id, phase_key="loop", text=f"save {i}", position=i,
                    updated_at=datetime.now(timezone.utc))
        repository.put(note)
        print(i, flush=True)
        i += 1
    """
)


def prepare(path: Path, clock) -> str:
    """Create the file with one group and one meeting; returns the meeting's id."""
    repository = Repository.create(path, PASSPHRASE, kdf=ARGON2ID_FAST_FOR_TESTS, clock=clock)
    try:
        group = Group(id=new_id(), name="Crashgroep", updated_at=clock())
        meeting = Meeting(id=new_id(), group_id=group.id, held_on=date(2026, 11, 22), updated_at=clock())
        repository.put(group, meeting)
    finally:
        repository.close()
    return meeting.id


def temps(path: Path) -> list[str]:
    """Temp files of ``path`` in its folder."""
    return [p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.") and p.name.endswith(".tmp")]


def run_and_kill(path: Path, meeting_id: str, delay: float, stderr_path: Path) -> int:
    """Start the saver, kill it ``delay`` s after its first acknowledged save; returns the last acknowledged i."""
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), meeting_id],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, start_new_session=True,
        )  # fmt: skip
    try:
        process.stdin.write(PASSPHRASE.encode() + b"\n")
        process.stdin.close()
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready and process.poll() is None, stderr_path.read_text(errors="replace")
        time.sleep(delay)
        assert process.poll() is None, "the saver stopped by itself: " + stderr_path.read_text(errors="replace")
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
        output = process.stdout.read().decode()
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        process.stdout.close()
    complete = output.split("\n")[:-1]  # a line without its newline was not acknowledged
    assert complete, "no save was acknowledged"
    acknowledged = [int(line) for line in complete]
    assert acknowledged == list(range(len(acknowledged)))
    return acknowledged[-1]


def stored_values(path: Path, meeting_id: str, clock) -> list[int]:
    """Unlock (taking the lock: the killed holder must not block it) and list the saved i values."""
    repository = Repository.unlock(path, PASSPHRASE, clock=clock)
    try:
        content = repository.meeting_content(meeting_id)
        assert content is not None
        return sorted(int(note.text.removeprefix("save ")) for note in content.notes)
    finally:
        repository.close()


@pytest.mark.slow
def test_kill_9_during_saves_never_loses_an_acknowledged_save(tmp_path: Path, clock) -> None:
    """50 runs: after kill -9 the file opens and holds 0..k with k the last acknowledged save (or one more)."""
    rng = random.Random(SEED)
    temps_left_by_kill = 0
    one_more_than_acknowledged = 0
    for run in range(RUNS):
        folder = tmp_path / f"run-{run:02d}"
        folder.mkdir()
        path = folder / "groep.ivt"
        meeting_id = prepare(path, clock)
        delay = rng.uniform(*KILL_AFTER_S)

        last = run_and_kill(path, meeting_id, delay, folder / "stderr.txt")
        temps_left_by_kill += bool(temps(path))
        values = stored_values(path, meeting_id, clock)

        where = f"run {run} (delay {delay * 1000:.0f} ms, last acknowledged {last})"
        assert values, where
        k = values[-1]
        assert values == list(range(k + 1)), f"{where}: not a prefix: {values}"
        assert last <= k <= last + 1, f"{where}: stored up to {k}"
        assert temps(path) == [], f"{where}: temp files survived the unlock"
        one_more_than_acknowledged += k == last + 1
    print(f"\n{RUNS} runs: {temps_left_by_kill} kills left a temp file, "
          f"{one_more_than_acknowledged} kills came after a save but before its acknowledgement")  # fmt: skip
