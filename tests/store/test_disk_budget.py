"""Disk budgets (issue 20, "Disk"): the file at most 1.5 times its live size after any number of
saves, and all backups together at most 3 times the live size, while the newest backup is always
the state from before this session's first save and restores (docs/FORMAT.md, "Compaction" and
"Beside the file").

The live size is the bytes of the frames the newest commit points to (``Vault.live_bytes``).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intervisie_tui.store import backups, logfile
from intervisie_tui.store import vault as vault_module
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS
from intervisie_tui.store.logformat import SLOTS_END, TableRef
from intervisie_tui.store.restore import restore_backup
from intervisie_tui.store.vault import FILE_TO_LIVE_MAX, Vault
from tests.conftest import PASSPHRASE, FrozenClock
from tests.store.format1 import read_tables, write_format1
from tests.store.format2 import write_format2

TINY = 2 * SLOTS_END
"""Below this many live bytes the header and commit slots alone are more than half the live size."""


def table(name: str, size: int, version: int = 0) -> bytes:
    """Table JSON of exactly ``size`` bytes (at least 20), different per name and version."""
    filler = f"{name}-{version}-" * (size // (len(name) + 3) + 2)
    return f'{{"1":{{"t":"{filler[: size - 14]}"}}}}'.encode()


def history(meetings: int) -> dict[str, bytes]:
    """A group file in use: small tables, ``meetings`` closed meetings of 8 KB and a running one."""
    tables = {"meta": table("meta", 80), "groups": table("groups", 900), "members": table("members", 2500)}
    tables |= {f"meeting:{n}": table(f"m{n}", 8000) for n in range(meetings)}
    tables["meeting:run"] = table("run", 4000)
    return tables


def within_budget(vault: Vault) -> bool:
    """The file on disk is at most 1.5 times its live size (or as small as it can be, when tiny)."""
    size = vault.path.stat().st_size
    if vault.live_bytes < TINY:
        return size == SLOTS_END + vault.live_bytes
    return size <= FILE_TO_LIVE_MAX * vault.live_bytes


def unlock(path: Path, clock: FrozenClock) -> tuple[Vault, dict]:
    """A new session on ``path`` (one minute later), its tables all in memory."""
    clock.advance(minutes=1)
    return Vault.unlock(path, PASSPHRASE, clock=clock)


def in_memory(vault: Vault, tables: dict) -> dict[str, bytes]:
    """``tables`` with every table left on disk read back."""
    return {n: bytes(vault.read_table(n, v)) if isinstance(v, TableRef) else v for n, v in tables.items()}


# -- the file: compaction ------------------------------------------------------------------------


def test_a_planned_append_is_what_the_append_writes(data_file: Path, clock, fast_kdf) -> None:
    """``plan_append`` predicts the file's size, live size and frames exactly, without encrypting."""
    tables = {"meta": table("meta", 60), "groups": table("groups", 700), "meeting:1": table("m1", 9000)}
    vault = Vault.create(data_file, PASSPHRASE, tables, kdf=fast_kdf, clock=clock)
    try:
        state = vault._state
        assert state is not None
        changed = {**tables, "meeting:1": table("m1", 9100, 1), "meeting:2": table("m2", 400)}
        del changed["groups"]
        plan = logfile.plan_append(state, changed, {"meeting:1"})
        after, _ = logfile.append_commit(data_file, vault.key.master, state, changed, {"meeting:1"}, plan)
        assert data_file.stat().st_size == plan.end == after.commit.end
        assert after.live_bytes == plan.live_bytes
        assert after.refs == plan.refs and list(after.refs) == ["meta", "meeting:1", "meeting:2"]
    finally:
        vault.close()
    assert read_tables(data_file) == changed


def test_every_save_leaves_the_file_within_one_and_a_half_times_its_live_size(data_file: Path, clock, fast_kdf) -> None:
    """300 saves of the running meeting and small tables, over sessions: after each one the file is
    at most 1.5 times its live size. (Before issue 20 it grew to twice the live size plus 2 MiB.)"""
    rng = random.Random(20)
    tables = history(12)
    Vault.create(data_file, PASSPHRASE, tables, kdf=fast_kdf, clock=clock).close()
    ratios = []
    for session in range(6):
        vault, _ = unlock(data_file, clock)
        try:
            for save in range(50):
                name = rng.choice(["meeting:run", "meeting:run", "meeting:run", "groups", "members"])
                tables[name] = table(name, len(tables[name]) + rng.randrange(-40, 400), session * 100 + save)
                vault.save(tables, {name})
                assert within_budget(vault), (session, save, data_file.stat().st_size, vault.live_bytes)
                ratios.append(data_file.stat().st_size / vault.live_bytes)
        finally:
            vault.close()
    assert read_tables(data_file) == tables
    assert max(ratios) > 1.4  # it did append between compactions (not a rewrite at every save)


def test_a_save_compacts_only_when_appending_would_break_the_budget(data_file: Path, clock, fast_kdf) -> None:
    """Each save appends when the file after it stays within 1.5 times its live size, and compacts
    (a new generation: new seed, only live frames) exactly when it would not."""
    tables = {"meta": table("meta", 80), "meeting:1": table("m1", 6000), "meeting:2": table("m2", 3000)}
    vault = Vault.create(data_file, PASSPHRASE, tables, kdf=fast_kdf, clock=clock)
    decisions = []
    try:
        for number in range(40):
            tables["meeting:2"] = table("m2", 3000 + 10 * number, number)
            state = vault._state
            assert state is not None
            plan = logfile.plan_append(state, tables, {"meeting:2"})
            seed = data_file.read_bytes()[44:76]
            vault.save(tables, {"meeting:2"})
            compacted = data_file.read_bytes()[44:76] != seed
            assert compacted == (plan.end > FILE_TO_LIVE_MAX * plan.live_bytes), number
            if compacted:
                assert data_file.stat().st_size == SLOTS_END + vault.live_bytes
            decisions.append(compacted)
    finally:
        vault.close()
    assert 5 <= decisions.count(True) <= 20, decisions  # a compaction every two or three saves here


def test_a_file_that_shrank_is_compacted_by_the_save_that_shrank_it(data_file: Path, clock, fast_kdf) -> None:
    """A group forgotten takes its tables out: that save rewrites the file at its new, smaller size."""
    tables = {"meta": table("meta", 80), "meeting:small": table("ms", 2000)}
    tables |= {f"meeting:{n}": table(f"m{n}", 30_000) for n in range(5)}
    vault = Vault.create(data_file, PASSPHRASE, tables, kdf=fast_kdf, clock=clock)
    try:
        kept = {"meta": tables["meta"], "meeting:small": table("ms", 2100, 1)}
        vault.save(kept, {"meeting:small"})
        assert data_file.stat().st_size == SLOTS_END + vault.live_bytes < 3000
    finally:
        vault.close()
    assert read_tables(data_file) == kept


def test_a_tiny_file_is_compacted_at_every_save(data_file: Path, clock, fast_kdf) -> None:
    """Under 552 live bytes (an empty new file: 234) the 276 bytes of header and slots alone are more
    than half the live size: no file that small meets 1.5, so each save keeps it as small as it can be."""
    vault = Vault.create(data_file, PASSPHRASE, {"meta": table("meta", 100)}, kdf=fast_kdf, clock=clock)
    try:
        for number in range(5):
            vault.save({"meta": table("meta", 100 + number, number)}, {"meta"})
            assert vault.live_bytes < TINY
            assert data_file.stat().st_size == SLOTS_END + vault.live_bytes
    finally:
        vault.close()


@pytest.mark.parametrize("old_format", [1, 2])
def test_the_first_save_of_an_older_format_writes_it_compacted(data_file: Path, clock, old_format: int) -> None:
    """A format-1 or format-2 file's first save rewrites it as format 3 holding only live frames,
    after a backup that keeps the old bytes exactly."""
    tables = {"meta": table("meta", 80), "meeting:1": table("m1", 5000)}
    old = (write_format1 if old_format == 1 else write_format2)(data_file, tables)
    vault, _ = unlock(data_file, clock)
    try:
        tables["meeting:1"] = table("m1", 5100, 1)
        vault.save(tables, {"meeting:1"})
        assert vault.format_version == 3
        assert data_file.stat().st_size == SLOTS_END + vault.live_bytes
    finally:
        vault.close()
    [backup] = backups.list_backups(data_file)
    assert backup.path.read_bytes() == old
    assert read_tables(data_file) == tables


names = st.sampled_from(["meta", "groups", "members", "meeting:a", "meeting:b", "meeting:c"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("save"), st.dictionaries(names, st.integers(20, 6000), max_size=3), st.sets(names)),
            st.tuples(st.just("reopen"), st.just({}), st.just(set())),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_property_any_saves_keep_the_file_within_budget(steps, tmp_path_factory) -> None:
    """Property: whatever tables a sequence of saves and reopens changes, adds or removes (a file
    that shrinks included), after every save the file is within budget and reads back as saved."""
    path = tmp_path_factory.mktemp("budget") / "groep.ivt"
    clock = FrozenClock()
    model = {"meta": table("meta", 40)}
    vault = Vault.create(path, PASSPHRASE, model, kdf=ARGON2ID_FAST_FOR_TESTS, clock=clock)
    current: dict = dict(model)
    try:
        for step, (kind, writes, removed) in enumerate(steps):
            if kind == "reopen":
                vault.close()
                vault, current = unlock(path, clock)
                continue
            current = in_memory(vault, current)
            for name, size in writes.items():
                model[name] = current[name] = table(name, size, step)
            for name in removed - set(writes) - {"meta"}:
                model.pop(name, None)
                current.pop(name, None)
            vault.save(current, set(writes))
            assert within_budget(vault), (step, path.stat().st_size, vault.live_bytes)
    finally:
        vault.close()
    assert read_tables(path) == model


# -- the backups ----------------------------------------------------------------------------------


def backup_bytes(path: Path) -> int:
    """All ``.backup-`` copies of ``path`` together."""
    return sum(backup.path.stat().st_size for backup in backups.list_backups(path))


def test_backups_together_stay_within_three_times_the_live_size(data_file: Path, clock, fast_kdf) -> None:
    """Twelve sessions of a growing file: after each session's first save every backup together
    is at most 3 times the live size, the newest is exactly the file as the session found it,
    and a damaged file restores from it. (Before issue 20 five full copies stayed: ~6 times.)"""
    rng = random.Random(3)
    tables = history(6)
    Vault.create(data_file, PASSPHRASE, tables, kdf=fast_kdf, clock=clock).close()
    counts = []
    for session in range(12):
        found_bytes, found_tables = data_file.read_bytes(), dict(tables)
        vault, _ = unlock(data_file, clock)
        try:
            tables[f"meeting:{100 + session}"] = table("old", 8000, session)  # a meeting each session
            for save in range(12):
                size = len(tables["meeting:run"]) + rng.randrange(0, 300)
                tables["meeting:run"] = table("run", size, session * 20 + save)
                vault.save(tables, {"meeting:run", f"meeting:{100 + session}"})
                if save == 0:
                    newest = backups.list_backups(data_file)[0]
                    assert newest.path.read_bytes() == found_bytes
                    assert backup_bytes(data_file) <= backups.BACKUPS_TO_LIVE * vault.live_bytes
                    counts.append(len(backups.list_backups(data_file)))
        finally:
            vault.close()
        assert read_tables(newest.path) == found_tables  # the state before this session's first save
    assert min(counts[2:]) >= 2  # the budget leaves room for more than the newest
    assert max(counts) <= backups.KEEP

    damaged = bytearray(data_file.read_bytes())
    damaged[SLOTS_END + 40] ^= 0x01
    data_file.write_bytes(bytes(damaged))
    report = restore_backup(data_file, newest.path, PASSPHRASE, clock.advance(minutes=1))
    assert report.damaged
    assert read_tables(data_file) == found_tables
    assert backup_bytes(data_file) <= backups.BACKUPS_TO_LIVE * data_file.stat().st_size


def test_the_newest_backup_stays_even_when_it_alone_is_over_the_budget(
    data_file: Path, clock, fast_kdf, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file left large by an older version (superseded frames up to twice its live size plus
    2 MiB) is backed up as found before its first save, and that backup stays although it alone
    is more than three times the live size; the older backups go. The save then compacts."""
    tables = {"meta": table("meta", 80), "meeting:1": table("m1", 4000)}
    Vault.create(data_file, PASSPHRASE, tables, kdf=fast_kdf, clock=clock).close()
    for session in range(2):
        vault, _ = unlock(data_file, clock)
        vault.save({**tables, "meta": table("meta", 80, session)}, {"meta"})
        vault.close()
    monkeypatch.setattr(vault_module, "FILE_TO_LIVE_MAX", float("inf"))  # as an older version appended
    vault, _ = unlock(data_file, clock)
    for number in range(20):
        tables["meeting:1"] = table("m1", 4000, number)
        vault.save(tables, {"meeting:1"})
    live = vault.live_bytes
    vault.close()
    bloated = data_file.read_bytes()
    assert len(bloated) > 3 * live
    monkeypatch.undo()

    vault, _ = unlock(data_file, clock)
    tables["meta"] = table("meta", 90, 9)
    vault.save(tables, {"meta"})
    assert data_file.stat().st_size == SLOTS_END + vault.live_bytes
    vault.close()
    [newest] = backups.list_backups(data_file)
    assert newest.path.read_bytes() == bloated


def test_rotation_keeps_the_newest_backups_that_fit_and_never_other_copies(data_file: Path) -> None:
    """Newest first, backups are kept while they fit in 3 times the live size (at most KEEP); from
    the first that does not fit, it and every older one go, even a smaller older one. Merged and
    damaged copies and other files beside the file are never touched."""
    data_file.write_bytes(b"x" * 1000)
    sizes = {1: 300, 2: 2000, 3: 400, 4: 900, 5: 1200}  # number: bytes (5 is the newest)
    for number, size in sizes.items():
        data_file.with_name(f"{data_file.name}.backup-{number:06d}-20261205T10000{number}").write_bytes(b"b" * size)
    others = [
        data_file.with_name(data_file.name + suffix) for suffix in (".merged-1", ".damaged-20261205T100000000000")
    ]
    for other in others:
        other.write_bytes(b"o" * 5000)

    dropped = backups.rotate_backups(data_file, 1000)  # budget: 3000 bytes
    assert [b.number for b in backups.list_backups(data_file)] == [5, 4, 3]  # 1200 + 900 + 400
    assert sorted(p.name for p in dropped) == sorted(
        f"{data_file.name}.backup-{n:06d}-20261205T10000{n}" for n in (1, 2)
    )
    assert all(other.exists() for other in others)

    backups.rotate_backups(data_file, 10)  # budget 30 bytes: only the newest stays
    assert [b.number for b in backups.list_backups(data_file)] == [5]
    assert all(other.exists() for other in others)


def test_rotation_keeps_at_most_keep_backups_however_small(data_file: Path) -> None:
    """Small backups of a file that grew fast: the count stays at KEEP."""
    data_file.write_bytes(b"x" * 1000)
    for number in range(1, 9):
        data_file.with_name(f"{data_file.name}.backup-{number:06d}-20261205T100000").write_bytes(b"b" * 10)
    backups.rotate_backups(data_file, 10_000)
    assert [b.number for b in backups.list_backups(data_file)] == [8, 7, 6, 5, 4]
