"""The store's figures on one file: the KDF alone, unlock, a durable note edit, listing a group's meetings.

    INTERVISIE_BENCH_PASSPHRASE=... python benchmarks/store_bench.py FILE [--edits N] [--unlocks N] [--queries N]

* ``kdf_s``: the KDF alone with the file's own parameters and salt (read from its header), median of 3.
* ``unlock_s``: ``Repository.unlock`` as the app calls it (lock, read, KDF, decrypt, index, schema
  check), median of ``--unlocks``.
* ``kdf_mib``: what the KDF adds to a process's peak resident memory (``VmHWM`` after the three
  KDFs minus ``VmRSS`` before them, the peak reset first where the kernel allows).
* ``save_ms``: ``repository.put(note)`` for N different edits of the notes of the file's newest
  meeting (the running one), each a full durable save: re-encode the meeting's table, encrypt it and a
  new directory, append them, fsync, write the commit slot, fsync (docs/FORMAT.md); now and then a
  save compacts the whole file instead. ``--compactions C``: the edits go on (up to ``--max-edits``)
  until C saves have compacted the file (seen as the file's inode changing: a compaction writes a new
  file in the old one's place), so the figures include them. The first save after an unlock also
  takes the file's backup, as in the app; it is in the figures.
* ``rss_unlocked_mib``: resident memory of this process with the file unlocked (no Textual loaded).
* ``query_ms``: ``repository.meetings(group_id)`` for the group of the newest meeting, median of N.

No textual import. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import probe
from intervisie_tui.store import crypto
from intervisie_tui.store.fileformat import parse_header
from intervisie_tui.store.repository import Repository

PASSPHRASE_VARIABLE = "INTERVISIE_BENCH_PASSPHRASE"


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def local_now() -> datetime:
    """Now, in the local time zone (the app's clock)."""
    return datetime.now(UTC).astimezone()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--edits", type=int, default=200, help="at least this many note edits")
    parser.add_argument("--compactions", type=int, default=0, help="and go on until this many compactions")
    parser.add_argument("--max-edits", type=int, default=20000, help="but never more edits than this")
    parser.add_argument("--unlocks", type=int, default=3)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args(argv)
    passphrase = os.environ[PASSPHRASE_VARIABLE]

    header = parse_header(args.file.read_bytes())  # checked, never decrypted here
    kdf_times = []
    rss_before_kdf, peak_reset = probe.rss_mib(), probe.reset_peak()
    for _ in range(3):
        started = time.perf_counter()
        crypto.derive_master_key(passphrase, header.kdf, header.salt)
        kdf_times.append(time.perf_counter() - started)
    kdf_mib = probe.peak_rss_mib() - rss_before_kdf  # what the KDF adds to a process's peak

    file_mib = args.file.stat().st_size / 2**20  # as generated: the edits below append to it
    unlock_times = []
    repository = None
    for attempt in range(args.unlocks):
        started = time.perf_counter()
        repository = Repository.unlock(args.file, passphrase, clock=local_now)
        unlock_times.append(time.perf_counter() - started)
        if attempt < args.unlocks - 1:
            repository.close()
    assert repository is not None
    rss_unlocked_mib = probe.rss_mib()  # the file open, nothing else (no Textual in this process)
    try:
        summaries = [summary for group in repository.groups() for summary in repository.meetings(group.id)]
        newest = max(summaries, key=lambda summary: summary.held_on)
        content = repository.meeting_content(newest.id)
        assert content is not None and content.notes, "the newest meeting has no notes"
        notes = list(content.notes)
        save_times, compaction_times = [], []
        inode = args.file.stat().st_ino
        edit = 0
        while edit < args.edits or (len(compaction_times) < args.compactions and edit < args.max_edits):
            note = notes[edit % len(notes)]
            edited = replace(note, text=f"{note.text} · bewerking {edit}", updated_at=local_now())
            started = time.perf_counter()
            repository.put(edited)
            save_times.append((time.perf_counter() - started) * 1000)
            notes[edit % len(notes)] = edited
            # A compaction writes a new file in the old one's place (a new inode); the first save's backup does not.
            if args.file.stat().st_ino != inode:
                inode = args.file.stat().st_ino
                compaction_times.append(save_times[-1])
            edit += 1
        query_times = []
        for _ in range(args.queries):
            started = time.perf_counter()
            listed = repository.meetings(newest.group_id)
            query_times.append((time.perf_counter() - started) * 1000)
        body_mib = sum(len(raw) for raw in repository.storage.encoded_tables().values()) / 2**20
    finally:
        repository.close()

    probe.report(
        kdf=f"{header.kdf.kdf_id}:{header.kdf.a},{header.kdf.b},{header.kdf.c}",
        kdf_s=statistics.median(kdf_times),
        kdf_mib=kdf_mib,
        kdf_peak_reset=peak_reset,
        unlock_s=statistics.median(unlock_times),
        rss_unlocked_mib=rss_unlocked_mib,
        save_p50_ms=percentile(save_times, 0.50) if save_times else None,
        save_p95_ms=percentile(save_times, 0.95) if save_times else None,
        save_max_ms=max(save_times, default=None),
        compactions=len(compaction_times),
        compaction_ms=compaction_times,
        save_mean_ms=statistics.fmean(save_times) if save_times else None,
        edits=len(save_times),
        query_ms=statistics.median(query_times),
        query_meetings=len(listed),
        meetings=len(summaries),
        body_mib=body_mib,
        file_mib=file_mib,
        file_mib_after_edits=args.file.stat().st_size / 2**20,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
