"""kill -9 at random moments during a loop of saves: every save is all or nothing.

A child process saves record after record and acknowledges each save on
stdout; the test kills it with SIGKILL at a random moment. Afterwards the file
must open, hold exactly a prefix of what was written that includes every
acknowledged save, and no temp file may survive the next unlock.

Half the runs only append (compaction switched off); the other half save as
the app does, which on this small file (the meeting table a save rewrites is
most of it) rewrites the log whole (``atomic_write``) every other save or so,
so kills land in compactions too. Each acknowledgement carries the file's seed,
which changes only when the file is rewritten, so the test checks that the
compacting runs really compact.
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
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.store.helpers import temps

RUNS = 50
SEED = 20261122
KILL_AFTER_S = (0.02, 0.3)  # after the first acknowledged save

SAVER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from intervisie_tui.core.model import Note, new_id
    from intervisie_tui.store import vault
    from intervisie_tui.store.repository import Repository

    path, meeting_id, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    if mode == "append":
        vault.FILE_TO_LIVE_MAX = float("inf")
    passphrase = sys.stdin.readline().rstrip("\\n")
    repository = Repository.unlock(path, passphrase, clock=lambda: datetime.now(timezone.utc))
    i = 0
    while True:
        note = Note(id=new_id(), meeting_id=meeting_id, phase_key="loop", text=f"save {i}", position=i,
                    updated_at=datetime.now(timezone.utc))
        repository.put(note)
        with open(path, "rb") as handle:
            seed = handle.read(76)[44:76].hex()
        print(i, seed, flush=True)
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


def run_and_kill(path: Path, meeting_id: str, mode: str, delay: float, stderr_path: Path) -> tuple[int, int]:
    """Start the saver, kill it ``delay`` s after its first acknowledged save.

    Returns the last acknowledged i and how many file generations (seeds) the acknowledgements saw.
    """
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), meeting_id, mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            start_new_session=True,
        )
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
    acknowledged = [int(line.split()[0]) for line in complete]
    assert acknowledged == list(range(len(acknowledged)))
    seeds = {line.split()[1] for line in complete}
    return acknowledged[-1], len(seeds)


def interrupted_bytes(path: Path, clock) -> int:
    """Bytes a killed append left after the last commit (the file opens; they are reported, not read)."""
    vault, _ = Vault.unlock(path, PASSPHRASE, lock=False, clock=clock)
    try:
        return vault.interrupted_bytes
    finally:
        vault.close()


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
    """50 runs: after kill -9 the file opens and holds 0..k with k the last acknowledged save (or one more).

    Even runs only append, odd runs save as the app does (compacting every other save or so).
    """
    rng = random.Random(SEED)
    temps_left_by_kill = 0
    one_more_than_acknowledged = 0
    interrupted_appends = 0
    rewritten_runs = 0
    for run in range(RUNS):
        mode = "compact" if run % 2 else "append"
        folder = tmp_path / f"run-{run:02d}"
        folder.mkdir()
        path = folder / "groep.ivt"
        meeting_id = prepare(path, clock)
        delay = rng.uniform(*KILL_AFTER_S)

        last, generations = run_and_kill(path, meeting_id, mode, delay, folder / "stderr.txt")
        temps_left_by_kill += bool(temps(path.parent, path.name))
        interrupted_appends += interrupted_bytes(path, clock) > 0
        values = stored_values(path, meeting_id, clock)

        where = f"run {run} ({mode}, delay {delay * 1000:.0f} ms, last acknowledged {last})"
        rewritten_runs += generations > 1
        if mode == "compact" and last >= 5:
            assert generations > 1, f"{where}: {last + 1} saves and no compaction"
        assert values, where
        k = values[-1]
        assert values == list(range(k + 1)), f"{where}: not a prefix: {values}"
        assert last <= k <= last + 1, f"{where}: stored up to {k}"
        assert temps(path.parent, path.name) == [], f"{where}: temp files survived the unlock"
        one_more_than_acknowledged += k == last + 1
    print(
        f"\n{RUNS} runs: {temps_left_by_kill} kills left a temp file, {interrupted_appends} an interrupted append, "
        f"{one_more_than_acknowledged} kills came after a save but before its acknowledgement, "
        f"{rewritten_runs} runs compacted at least once"
    )
