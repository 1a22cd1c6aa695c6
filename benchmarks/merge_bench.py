"""Two laptops' copies of one file, each with a month of its own work, merged as a user waits for it.

    INTERVISIE_BENCH_PASSPHRASE=... python benchmarks/merge_bench.py FILE [--runs N] [--new-meetings N]
                                                                         [--workdir DIR]

FILE is a generated benchmark file (generate.py). It is copied to two "laptops" (two folders, two
machine ids, laptop B's clock three hours behind A's), and on each copy a month of diverged work is
done through the app's own record operations (``Repository.put`` / ``remove`` with ``core.model``
records, one durable save per meeting or edit), see :func:`diverge`:

* ``--new-meetings`` new meetings per group (default 2), each as full as the generator's: cases,
  30 questions, 40 notes, feedback, attendance, rounds, evaluations;
* edits of members and agreements, and of a note and a question in each group's newest closed
  meeting, different ones on each laptop;
* deletions (notes and a question on A, a note on B) and a member archived on B;
* the meeting that was left running: closed on A, while B added notes and a late departure to it;
* the SAME records changed on both (a member's learning goal, a note's text and an agreement's text
  in up to three groups, and a note A deleted while B edited it): real conflicts.

That preparation runs once, in a process of its own. Each run is a fresh process too, so no run
inherits the memory of another (or of the checks). A run copies both prepared files into a new
folder (made durable with fsync first, so the merge's fsync does not also flush the copy), opens
them as laptop A and laptop B (``Repository.unlock``, KDF included; reported as ``unlock_ms``, not
part of the merge figure) and times ``merge_into(a, b)`` from the call to its return, which is the
end of the durable save of A. That covers reading every table of both copies (the meetings a
session has not opened are read and decrypted from disk), comparing them, merging the tables that
differ, summarising the changed meetings again, the backup copy of A that the first save of a
session takes (a whole copy of the file, fsynced), and the save itself (append, fsync, commit slot,
fsync). ``merge_ms`` is the median over the runs, ``merge_max_ms`` the slowest.

Memory: the peak RSS (``VmHWM``) is reset right before the call (both files already unlocked, so
the KDF's transient 64 MiB is left out) and read after it: ``peak_rss_mib``
is everything the process holds while merging: both unlocked files and the merge. ``rss_after_mib``
is the resident size once the merge returned (both still open); both are the largest of the runs.
This process imports no Textual.

The result is checked after every run, on A reopened from disk: every new meeting of both laptops is
there in full, each laptop's edits, deletions stay deleted, the running meeting is closed and holds
B's notes, and the conflicts reported are exactly the records changed on both; B's file is unchanged.
A run whose result is wrong fails the benchmark instead of reporting a time.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import generate
import probe
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import MeetingStatus, Note, touch
from intervisie_tui.store.backups import list_backups
from intervisie_tui.store.merge import merge_into
from intervisie_tui.store.repository import Repository

PASSPHRASE_VARIABLE = "INTERVISIE_BENCH_PASSPHRASE"
LAPTOPS = {"a": "a1" * 16, "b": "b2" * 16}
"""Machine ids (32 hex digits): one replica per laptop."""
_TZ = timezone(timedelta(hours=1))
MONTH_START = date(2026, 1, 5)
"""The diverged month begins three weeks after the generator's newest meeting (2025-12-15)."""
LAPTOP_CLOCKS = {
    "a": datetime(2026, 2, 4, 18, 0, tzinfo=_TZ),
    "b": datetime(2026, 2, 4, 15, 0, tzinfo=_TZ),  # three hours behind: clocks never decide a merge
}
CONFLICT_GROUPS = 3
FILE_NAME = "groep.ivt"
EXPECTATIONS = "expectations.json"


def laptop_clock(side: str) -> Callable[[], datetime]:
    """A laptop's clock: its own (skewed) time, moving with real time."""
    started, base = time.monotonic(), LAPTOP_CLOCKS[side]
    return lambda: base + timedelta(seconds=time.monotonic() - started)


# -- the month's work on one laptop ------------------------------------------------------------


def diverge(repository: Repository, side: str, new_meetings: int) -> dict[str, Any]:
    """A month of work on laptop ``side`` ("a" or "b"); returns what the merged file must show.

    Every change goes through ``Repository.put`` / ``remove``, as the app makes it. The expectation
    lists ids (and texts) to check after the merge.
    """
    clock = laptop_clock(side)
    text = generate._Text(random.Random(f"{generate.SEED}-{side}"))
    library = load_shipped()
    expect: dict[str, Any] = {"meetings": [], "texts": {}, "members": {}, "agreements": {}, "gone": []}
    conflicts: list[str] = []
    groups = repository.groups()
    running_id = next((summary.id for summary in repository.running_meetings()), "")
    for g, group in enumerate(groups):
        members = repository.members(group.id)
        closed = [s.id for s in repository.meetings(group.id) if s.status is MeetingStatus.CLOSED]
        if not closed:
            raise SystemExit(f"{group.name} has no closed meeting: generate FILE with at least two meetings a group")
        # New meetings: numbered far from the generator's (and apart per laptop), held during the month.
        for k in range(new_meetings):
            number = (1000 if side == "a" else 2000) + k
            held_on = MONTH_START + timedelta(days=14 * k + (g % 7) + (0 if side == "a" else 1))
            records = generate._meeting_records(
                library, group, members, number, held_on, text, clock(), running=False, live=clock()
            )
            repository.put(*records)
            expect["meetings"].append((group.id, records[0].id))
        # Edits only this laptop makes.
        own = members[0] if side == "a" else members[1]
        if side == "a":
            edited = touch(own, clock(), learning_goal=f"Doel uit januari ({group.name})")
            expect["members"][own.id] = ("learning_goal", edited.learning_goal)
        else:
            edited = touch(own, clock(), register_number=f"9900{g:05d}")
            expect["members"][own.id] = ("register_number", edited.register_number)
        repository.put(edited)
        agreements = repository.agreements(group.id)
        agreement = agreements[0] if side == "a" else agreements[-1]
        changed = touch(agreement, clock(), text=f"{agreement.text} (aangepast op laptop {side.upper()})")
        repository.put(changed)
        expect["agreements"][agreement.id] = changed.text
        content = repository.meeting_content(closed[0])  # the group's newest closed meeting before the month
        assert content is not None
        if side == "a":
            note = touch(content.notes[1], clock(), text=f"{content.notes[1].text} (uitgewerkt op A)")
            repository.put(note)
            expect["texts"][note.id] = note.text
        else:
            question = touch(content.questions[1], clock(), text=f"{content.questions[1].text} (herschreven op B)")
            repository.put(question)
            expect["texts"][question.id] = question.text
        # The same records changed on both laptops: conflicts the chair decides later.
        if g < CONFLICT_GROUPS:
            shared = members[2]
            repository.put(touch(shared, clock(), learning_goal=f"Leerdoel volgens laptop {side.upper()}"))
            note = content.notes[0]
            repository.put(touch(note, clock(), text=f"{note.text} (versie {side.upper()})"))
            conflicts += [shared.id, note.id]
            if g == 0:
                agreement = agreements[1]
                repository.put(touch(agreement, clock(), text=f"Afspraak zoals laptop {side.upper()} hem schreef."))
                conflicts.append(agreement.id)
        # Deletions; on group 0 laptop A deletes a note that laptop B edits.
        if g < 2:
            doomed = [content.notes[5], content.notes[6], content.questions[5]] if side == "a" else [content.notes[8]]
            repository.remove(*doomed)
            expect["gone"] += [record.id for record in doomed]
        if g == 0:
            note = content.notes[9]
            if side == "a":
                repository.remove(note)
            else:
                repository.put(touch(note, clock(), text=f"{note.text} (aangevuld op B)"))
            expect["gone"].append(note.id)  # the deletion wins; B's text is kept inside the tombstone
            conflicts.append(note.id)
    if side == "b":
        last = repository.members(groups[-1].id)[5 % len(members)]
        repository.put(touch(last, clock(), active=False))
        expect["members"][last.id] = ("active", False)
    # The meeting left running: closed on A; on B, notes added to it and a member who left early.
    if running_id:
        content = repository.meeting_content(running_id)
        assert content is not None
        if side == "a":
            meeting = content.meeting
            repository.put(
                touch(meeting, clock(), status=MeetingStatus.CLOSED, actual_end=clock(), clock_started_at=None)
            )
        else:
            phase = content.meeting.phases[content.meeting.current].key
            notes = [
                Note(
                    id=f"late-note-b-{n}",
                    meeting_id=running_id,
                    phase_key=phase,
                    text=text.words(3, 8).capitalize(),
                    position=100 + n,
                    updated_at=clock(),
                )
                for n in range(4)
            ]
            for note in notes:
                repository.put(note)
            leaving = touch(content.attendance[0], clock(), left=clock())
            repository.put(leaving)
            expect["running_notes"] = [note.id for note in notes]
    expect["running"] = running_id
    expect["conflicts"] = conflicts
    return expect


def prepare(source: Path, folder: Path, new_meetings: int) -> dict[str, Any]:
    """Copy ``source`` to both laptops' folders and do each laptop's month there; returns the expectations."""
    passphrase = os.environ[PASSPHRASE_VARIABLE]
    expectations: dict[str, Any] = {}
    for side, machine in LAPTOPS.items():
        path = folder / f"laptop-{side}" / FILE_NAME
        path.parent.mkdir(parents=True)
        shutil.copyfile(source, path)
        repository = Repository.unlock(path, passphrase, clock=laptop_clock(side), machine=machine)
        try:
            expectations[side] = diverge(repository, side, new_meetings)
        finally:
            repository.close()
    return expectations


# -- one measured merge ------------------------------------------------------------------------


def _durable_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True)
    shutil.copyfile(source, target)
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def measure_once(prepared: Path, folder: Path) -> dict[str, Any]:
    """Copy both laptops' files into ``folder``, open them, and time the merge of B into A."""
    passphrase = os.environ[PASSPHRASE_VARIABLE]
    paths = {side: folder / f"laptop-{side}" / FILE_NAME for side in LAPTOPS}
    for side, path in paths.items():
        _durable_copy(prepared / f"laptop-{side}" / FILE_NAME, path)
    other_before = _digest(paths["b"])
    started = time.perf_counter()
    a = Repository.unlock(paths["a"], passphrase, clock=laptop_clock("a"), machine=LAPTOPS["a"])
    unlock_a = time.perf_counter() - started
    try:
        started = time.perf_counter()
        b = Repository.unlock(paths["b"], passphrase, clock=laptop_clock("b"), machine=LAPTOPS["b"])
        unlock_b = time.perf_counter() - started
        try:
            gc.collect()
            rss_before = probe.rss_mib()
            peak_reset = probe.reset_peak()
            started = time.perf_counter()
            report = merge_into(a, b)
            merge_s = time.perf_counter() - started
            peak = probe.peak_rss_mib()
            rss_after = probe.rss_mib()
        finally:
            b.close()
    finally:
        a.close()
    return {
        "merge_ms": merge_s * 1000,
        "unlock_ms": [unlock_a * 1000, unlock_b * 1000],
        "rss_before_mib": rss_before,
        "peak_rss_mib": peak,
        "rss_after_mib": rss_after,
        "peak_reset": peak_reset,
        "report": report,
        "backups": len(list_backups(paths["a"])),
        "other_unchanged": _digest(paths["b"]) == other_before,
        "paths": paths,
    }


# -- checking the merged file ------------------------------------------------------------------


def check(path: Path, run: dict[str, Any], expectations: dict[str, Any]) -> None:
    """Raise ``AssertionError`` unless the merged file at ``path`` (reopened from disk) holds both laptops' work."""
    report = run["report"]
    assert run["other_unchanged"], "the merge changed the other copy"
    assert run["backups"] >= 1, "the merge's save took no backup"
    expected_conflicts = set(expectations["a"]["conflicts"]) | set(expectations["b"]["conflicts"])
    reported = {record_id for _kind, record_id, _group in report.conflicts}
    assert reported == expected_conflicts, (
        f"conflicts reported {sorted(reported)}, expected {sorted(expected_conflicts)}"
    )
    assert report.new_meetings == len(expectations["b"]["meetings"]), f"new meetings: {report.new_meetings}"
    merged = Repository.unlock(path, os.environ[PASSPHRASE_VARIABLE], clock=laptop_clock("a"), machine=LAPTOPS["a"])
    try:
        for side, expect in expectations.items():
            for group_id, meeting_id in expect["meetings"]:
                assert any(s.id == meeting_id for s in merged.meetings(group_id)), f"{side}'s meeting is not listed"
                content = merged.meeting_content(meeting_id)
                assert content is not None, f"{side}'s meeting {meeting_id} is missing"
                assert len(content.notes) == generate.NOTES and len(content.questions) == generate.QUESTIONS
            members = {member.id: member for group in merged.groups() for member in merged.members(group.id)}
            for member_id, (field, value) in expect["members"].items():
                assert getattr(members[member_id], field) == value, f"{side}'s edit of {field} was lost"
            agreements = {a.id: a.text for group in merged.groups() for a in merged.agreements(group.id)}
            for agreement_id, text in expect["agreements"].items():
                assert agreements[agreement_id] == text, f"{side}'s agreement edit was lost"
        records = _all_meeting_records(merged)
        for side, expect in expectations.items():
            for record_id, text in expect["texts"].items():
                assert records[record_id].text == text, f"{side}'s edit of {record_id} was lost"
            for record_id in expect["gone"]:
                assert record_id not in records, f"{record_id}, deleted, came back"
        running = expectations["a"]["running"]
        if running:
            content = merged.meeting_content(running)
            assert content is not None and content.meeting.status is MeetingStatus.CLOSED, "A's closing was lost"
            assert set(expectations["b"]["running_notes"]) <= {note.id for note in content.notes}, "B's notes lost"
    finally:
        merged.close()


def _all_meeting_records(repository: Repository) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for group in repository.groups():
        for summary in repository.meetings(group.id):
            content = repository.meeting_content(summary.id)
            assert content is not None
            for record in (*content.notes, *content.questions):
                found[record.id] = record
    return found


# -- the whole measurement ---------------------------------------------------------------------


def _child(*args: object) -> dict[str, Any]:
    """Run this script again in a fresh interpreter (one step of the measurement); its JSON result."""
    command = [sys.executable, __file__, *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"merge_bench.py {' '.join(map(str, args[1:]))} failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def run_child(prepared: Path, folder: Path) -> dict[str, Any]:
    """One measured merge and its check (in a process of its own, so no run inherits another's memory)."""
    expectations = json.loads((prepared / EXPECTATIONS).read_text())
    run = measure_once(prepared, folder)
    check(run["paths"]["a"], run, expectations)  # after the figures were taken
    report = run["report"]
    return {
        **{key: value for key, value in run.items() if key not in ("report", "paths")},
        "incoming": dict(report.incoming),
        "conflicts": len(report.conflicts),
        "new_meetings": report.new_meetings,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--new-meetings", type=int, default=2, help="new meetings per group on each laptop")
    parser.add_argument("--workdir", type=Path, default=None, help="where the copies go (default: beside FILE)")
    parser.add_argument("--prepare-into", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--measure-in", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare_into is not None:  # the child that does both laptops' month (FILE: the source)
        started = time.perf_counter()
        expectations = prepare(args.file, args.prepare_into, args.new_meetings)
        (args.prepare_into / EXPECTATIONS).write_text(json.dumps(expectations))
        probe.report(seconds=time.perf_counter() - started, new_meetings_each=len(expectations["a"]["meetings"]))
        return 0
    if args.measure_in is not None:  # the child of one run (FILE: the prepared folder)
        probe.report(**run_child(args.file, args.measure_in))
        return 0

    folder = Path(tempfile.mkdtemp(prefix="merge-bench-", dir=args.workdir or args.file.parent))
    try:
        prepared = folder / "prepared"
        preparation = _child(args.file, "--prepare-into", prepared, "--new-meetings", args.new_meetings)
        runs = [_child(prepared, "--measure-in", folder / f"run-{index}") for index in range(args.runs)]
        sizes = {side: (prepared / f"laptop-{side}" / FILE_NAME).stat().st_size / 2**20 for side in LAPTOPS}
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    times = [run["merge_ms"] for run in runs]
    first = runs[0]
    probe.report(
        merge_ms=statistics.median(times),
        merge_max_ms=max(times),
        merge_runs_ms=[round(value, 1) for value in times],
        unlock_ms=statistics.median(value for run in runs for value in run["unlock_ms"]),
        peak_rss_mib=max(run["peak_rss_mib"] for run in runs),
        rss_before_mib=max(run["rss_before_mib"] for run in runs),
        rss_after_mib=max(run["rss_after_mib"] for run in runs),
        peak_reset=all(run["peak_reset"] for run in runs),
        incoming=sum(first["incoming"].values()),
        incoming_by_kind=first["incoming"],
        conflicts=first["conflicts"],
        new_meetings=first["new_meetings"],
        new_meetings_each=preparation["new_meetings_each"],
        file_mib_a=sizes["a"],
        file_mib_b=sizes["b"],
        prepare_s=preparation["seconds"],
        runs=len(runs),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
