"""Disk use as files grow: the file against its live size, the backups beside it, saves with compactions.

    python benchmarks/disk_bench.py [--sizes 1 5 10 20 40] [--saves 200] [--sessions 8] [--workdir DIR] [--quick]

For each size (MB, 10^6 bytes) a file is generated (``generate.py``, the large layout with about 22
meetings a MB, so 1, 5, 10, 20 and 40 MB are 22, 110, 220, 440 and 880 meetings), copied, and then
used for ``--saves`` saves spread over ``--sessions`` sessions. A session is what the app does: unlock
(``Repository.unlock``), saves, close; the first save of each session takes the file's backup. The
saves are realistic edits through the Repository on the running meeting (a meeting table of about
48 KB, the largest table a save rewrites): 60 % edit a note's text, 25 % add a note, 10 % add a
question, 5 % edit a member (a small table). Seeded, so every run makes the same edits.

Per size (one row under ``disk_growth``):

* ``file_mib``, ``live_mib``: the file and its live size after the last save. The live size is the
  bytes of the frames the newest commit points to (``Vault.live_bytes``, docs/FORMAT.md); the file
  also holds the 276 bytes of header and commit slots and superseded frames.
* ``file_to_live_ratio``: the file over its live size after the last save; ``file_to_live_peak``:
  the largest after any save of the run (what "after any number of saves" means here).
* ``backups``, ``backups_mib``, ``backups_to_live_ratio``: the ``.backup-`` copies beside the file
  after the last save, their total size and that total over the live size; ``backups_to_live_peak``:
  the largest after any save.
* ``save_p50_ms``, ``save_p95_ms``, ``save_max_ms``: ``repository.put`` until durable, over every
  save, the first save of each session (it copies the whole file as the backup first) and the
  compactions included. ``first_save_ms``: the median of the sessions' first saves.
* ``compactions``: saves that rewrote the file whole (seen as a new file identity, inode, after the
  save); ``compaction_ms``: their median (null when none happened); ``compaction_forced_ms``: one
  compaction asked for after the run (``storage.compact()``), so every size has the cost of one;
  ``appended_kb_mean``: what an appending save adds to the file on average (the tables it writes
  and the directory, all superseded by later saves); ``saves_per_compaction``: saves over
  compactions in this run (null when none happened).

The last line is one JSON object: ``file_to_live_ratio`` and ``backups_to_live_ratio`` (the worst
peak over the sizes), ``disk_growth`` (the rows), and the parameters. A table goes to stderr.

The files are generated with the tests' cheap KDF: the KDF runs only at unlock, and neither the
sizes nor the saves depend on it (a save never runs the KDF). Generated files are kept in
``--workdir`` (reused when they exist there, named by their meeting count); without it a
temporary folder is used and removed. ``--quick``: one small file (0.2 MB), 30 saves, 3 sessions.
No textual import.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import generate
import probe
from intervisie_tui.core.model import Question, new_id
from intervisie_tui.store.backups import list_backups
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS
from intervisie_tui.store.repository import Repository
from store_bench import local_now, percentile

MEETINGS_PER_MB = 22
"""About 45 KB a full generated meeting (benchmarks/README.md: 220 meetings make about 10 MB)."""
SEED = 20261206
MIB = 2**20


def generated(folder: Path, megabytes: float) -> Path:
    """The generated file of about ``megabytes`` MB in ``folder`` (made when it is not there yet)."""
    meetings = max(generate.GROUPS, round(megabytes * MEETINGS_PER_MB))
    path = folder / f"generated-{meetings}.ivt"
    if not path.exists():  # made in a folder of its own, so no lock file or half a file is left beside it
        with tempfile.TemporaryDirectory(prefix="generating-", dir=folder) as scratch:
            made = Path(scratch) / path.name
            layout = generate.Layout(groups=generate.GROUPS, meetings=meetings)
            generate.generate(made, layout, kdf=ARGON2ID_FAST_FOR_TESTS)
            made.rename(path)
    return path


class _Editor:
    """Realistic edits of the running meeting, one record a save (seeded)."""

    def __init__(self, repository: Repository, rng: random.Random) -> None:
        self.rng = rng
        self.text = generate._Text(rng)
        self.bind(repository)

    def bind(self, repository: Repository) -> None:
        """Read what the edits work on from a freshly unlocked repository."""
        self.repository = repository
        [running] = repository.running_meetings()
        content = repository.meeting_content(running.id)
        assert content is not None and content.notes and content.questions, "the running meeting is empty"
        self.meeting_id = running.id
        self.notes = list(content.notes)
        self.questions = list(content.questions)
        self.members = repository.members(running.group_id)

    def next_record(self) -> Any:
        """The record the next save puts."""
        roll = self.rng.random()
        now = local_now()
        if roll < 0.60:
            index = self.rng.randrange(len(self.notes))
            note = self.notes[index]
            words = note.text.split(" ")
            words[self.rng.randrange(len(words))] = self.text.words(1, 3)
            self.notes[index] = replace(note, text=" ".join(words), updated_at=now)
            return self.notes[index]
        if roll < 0.85:
            template = self.rng.choice(self.notes)
            note = replace(template, id=new_id(), text=self.text.words(3, 8).capitalize(), updated_at=now)
            note = replace(note, position=max(n.position for n in self.notes) + 1)
            self.notes.append(note)
            return note
        if roll < 0.95:
            template = self.rng.choice(self.questions)
            question: Question = replace(
                template, id=new_id(), text=self.text.question(), position=len(self.questions), updated_at=now
            )
            self.questions.append(question)
            return question
        member = self.rng.choice(self.members)
        self.members = [
            replace(m, profession=self.text.words(1, 2), updated_at=now) if m == member else m for m in self.members
        ]
        return next(m for m in self.members if m.id == member.id)


def _backups_bytes(path: Path) -> tuple[int, int]:
    found = list_backups(path)
    return len(found), sum(backup.path.stat().st_size for backup in found)


def measure_size(source: Path, folder: Path, saves: int, sessions: int, seed: int) -> dict[str, Any]:
    """``saves`` saves over ``sessions`` sessions on a copy of ``source``; one row of figures."""
    path = folder / "groep.ivt"
    shutil.copyfile(source, path)
    passphrase = generate.PASSPHRASE
    rng = random.Random(seed)
    per_session = [saves // sessions + (1 if s < saves % sessions else 0) for s in range(sessions)]
    save_ms: list[float] = []
    first_ms: list[float] = []
    compaction_ms: list[float] = []
    appended: list[int] = []
    file_peak = backups_peak = 0.0
    editor: _Editor | None = None
    live = 0
    for count in per_session:
        repository = Repository.unlock(path, passphrase, clock=local_now)
        try:
            if editor is None:
                editor = _Editor(repository, rng)
            else:
                editor.bind(repository)
            vault = repository.storage.vault
            for number in range(count):
                record = editor.next_record()
                identity, size_before = os.stat(path).st_ino, os.stat(path).st_size
                started = time.perf_counter()
                repository.put(record)
                elapsed = (time.perf_counter() - started) * 1000
                after = os.stat(path)
                live = vault.live_bytes
                save_ms.append(elapsed)
                if number == 0:
                    first_ms.append(elapsed)
                if after.st_ino != identity:
                    compaction_ms.append(elapsed)
                else:
                    appended.append(after.st_size - size_before)
                file_peak = max(file_peak, after.st_size / live)
                backups_peak = max(backups_peak, _backups_bytes(path)[1] / live)
        finally:
            repository.close()
    backup_count, backup_bytes = _backups_bytes(path)
    file_bytes = path.stat().st_size

    repository = Repository.unlock(path, passphrase, clock=local_now)
    try:
        started = time.perf_counter()
        repository.storage.compact()
        forced_ms = (time.perf_counter() - started) * 1000
    finally:
        repository.close()

    mean_appended = statistics.fmean(appended) if appended else 0.0
    return {
        "file_mib": file_bytes / MIB,
        "live_mib": live / MIB,
        "file_to_live_ratio": file_bytes / live,
        "file_to_live_peak": file_peak,
        "backups": backup_count,
        "backups_mib": backup_bytes / MIB,
        "backups_to_live_ratio": backup_bytes / live,
        "backups_to_live_peak": backups_peak,
        "saves": len(save_ms),
        "sessions": sessions,
        "save_p50_ms": percentile(save_ms, 0.50),
        "save_p95_ms": percentile(save_ms, 0.95),
        "save_max_ms": max(save_ms),
        "first_save_ms": statistics.median(first_ms),
        "compactions": len(compaction_ms),
        "compaction_ms": statistics.median(compaction_ms) if compaction_ms else None,
        "compaction_forced_ms": forced_ms,
        "appended_kb_mean": mean_appended / 1000,
        "saves_per_compaction": len(save_ms) / len(compaction_ms) if compaction_ms else None,
    }


def _row(row: dict[str, Any]) -> str:
    compaction = f"{row['compaction_ms']:.0f}" if row["compaction_ms"] is not None else "-"
    return (
        f"{row['target_mb']:>5} MB  file {row['file_mib']:7.2f} MiB  live {row['live_mib']:7.2f} MiB  "
        f"file/live {row['file_to_live_ratio']:.2f} (peak {row['file_to_live_peak']:.2f})  "
        f"backups {row['backups']} = {row['backups_mib']:7.2f} MiB, /live {row['backups_to_live_ratio']:.2f} "
        f"(peak {row['backups_to_live_peak']:.2f})  save p50/p95/max {row['save_p50_ms']:.1f}/"
        f"{row['save_p95_ms']:.1f}/{row['save_max_ms']:.0f} ms  first {row['first_save_ms']:.0f} ms  "
        f"compactions {row['compactions']} ({compaction} ms; forced {row['compaction_forced_ms']:.0f} ms)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 10, 20, 40], help="file sizes in MB")
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--workdir", type=Path, default=None, help="keep (and reuse) the generated files here")
    parser.add_argument("--quick", action="store_true", help="a small file and few saves: checks that it runs")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.saves, args.sessions = [0.2], 30, 3

    temporary = None
    if args.workdir is None:
        temporary = tempfile.TemporaryDirectory(prefix="disk-bench-")
        workdir = Path(temporary.name)
    else:
        workdir = args.workdir
        workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for megabytes in args.sizes:
            print(f"{megabytes:g} MB: generating", file=sys.stderr, flush=True)
            source = generated(workdir, megabytes)
            with tempfile.TemporaryDirectory(prefix="run-", dir=workdir) as folder:
                row = measure_size(source, Path(folder), args.saves, args.sessions, SEED)
            row = {"target_mb": megabytes, "meetings": int(source.stem.split("-")[1]), **row}
            rows.append(row)
            print(_row(row), file=sys.stderr, flush=True)
    finally:
        if temporary is not None:
            temporary.cleanup()
    probe.report(
        file_to_live_ratio=max(row["file_to_live_peak"] for row in rows),
        backups_to_live_ratio=max(row["backups_to_live_peak"] for row in rows),
        saves=args.saves,
        sessions=args.sessions,
        disk_growth=rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
