"""Format 2: a log of encrypted frames with two commit slots (store/logformat.py, store/logfile.py).

Round trips over many saves, tables left on disk (``TableRef``) and read back, compaction,
damage anywhere (dead frames and the older commit slot included), interrupted saves and
truncation, converting a format-1 file, save-as after the file was replaced, the Windows
variant without a held descriptor, and the storage's on-demand tables (LRU, relinking after a
compaction). A hypothesis property checks random save sequences against a dict model.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from intervisie_tui.store import backups, fileformat
from intervisie_tui.store import storage as storage_module
from intervisie_tui.store import vault as vault_module
from intervisie_tui.store.errors import DamagedFile, FileChangedOnDisk, WrongPassphrase
from intervisie_tui.store.fileformat import (
    ARGON2ID_FAST_FOR_TESTS,
    CHECKSUM_OFFSET,
    HEADER_LEN,
    parse_header,
)
from intervisie_tui.store.logformat import FRAME_HEAD, SLOT_LEN, SLOTS_END, TableRef
from intervisie_tui.store.storage import VaultStorage
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE, FrozenClock
from tests.store.format1 import as_bytes, read_tables, write_format1
from tests.store.format2 import write_format2

SEED = slice(44, 76)


def table(name: str, size: int = 300, version: int = 0) -> bytes:
    """Some table JSON of about ``size`` bytes, different per name and version."""
    filler = f"{name}-{version}-" * (size // (len(name) + 8) + 1)
    return f'{{"1":{{"text":"{filler[:size]}"}}}}'.encode()


def unlock(path: Path, passphrase: str = PASSPHRASE, **options) -> tuple[Vault, dict]:
    """Unlock without the lock (copies and backups have none)."""
    return Vault.unlock(path, passphrase, lock=False, **options)


def seed_of(path: Path) -> bytes:
    """The file's seed: it changes only when the file is rewritten (create, compaction, save-as, re-key)."""
    return path.read_bytes()[SEED]


def frame_ends(data: bytes, start: int = SLOTS_END) -> list[int]:
    """The offset after each frame from ``start`` on (walking the frames' length fields)."""
    ends, offset = [], start
    while offset < len(data):
        offset += FRAME_HEAD.size + FRAME_HEAD.unpack_from(data, offset)[0]
        ends.append(offset)
    assert offset == len(data)
    return ends


@pytest.fixture
def tables() -> dict[str, bytes]:
    """A database of a few small tables and two larger meeting tables."""
    return {
        "meta": table("meta", 40),
        "groups": table("groups"),
        "meeting:1": table("m1", 2000),
        "meeting:2": table("m2", 1500),
    }


@pytest.fixture
def created(data_file: Path, clock, fast_kdf, tables) -> Path:
    """``data_file`` created with ``tables`` and closed."""
    Vault.create(data_file, PASSPHRASE, tables, kdf=fast_kdf, clock=clock).close()
    return data_file


# -- round trips -------------------------------------------------------------------------------


def test_many_saves_round_trip_and_leave_unchanged_tables_where_they_are(
    created: Path, tables, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """60 saves, each changing one table (and sometimes adding one), read back exactly after every
    tenth save and at the end; a save writes only the changed tables' frames: the others keep their
    offsets, and the file grows by the changed frames and a directory only. (Compaction is switched
    off here; when it happens is test_disk_budget.py's.)"""
    monkeypatch.setattr(vault_module, "FILE_TO_LIVE_MAX", float("inf"))
    model = dict(tables)
    vault, _ = Vault.unlock(created, PASSPHRASE, clock=clock)
    try:
        for number in range(60):
            name = list(model)[number % len(model)]
            model[name] = table(name, 200 + number * 7, number)
            changed = {name}
            if number % 15 == 0:
                model[f"meeting:new{number}"] = table("new", 100, number)
                changed.add(f"meeting:new{number}")
            refs_before, size_before = vault.refs, created.stat().st_size
            vault.save(model, changed)
            refs_after = vault.refs
            assert {n: r for n, r in refs_after.items() if n not in changed} == {
                n: r for n, r in refs_before.items() if n not in changed
            }
            written = sum(refs_after[n].length for n in changed)
            assert size_before + written < created.stat().st_size < size_before + written + 400  # + directory
            if number % 10 == 9:
                assert read_tables(created) == model
    finally:
        vault.close()
    assert read_tables(created) == model
    assert list(read_tables(created)) == list(model)  # the order is kept


def test_a_table_left_on_disk_is_read_back_exactly(created: Path, tables) -> None:
    """Tables ``keep`` does not name come back as TableRef (their frames, as in ``vault.refs``) and
    ``read_table`` returns their exact bytes; kept tables come back as bytes."""
    vault, got = unlock(created, keep=lambda name: not name.startswith("meeting:"))
    try:
        assert isinstance(got["meeting:1"], TableRef) and isinstance(got["meeting:2"], TableRef)
        assert got["meeting:1"] == vault.refs["meeting:1"]
        assert bytes(got["meta"]) == tables["meta"] and bytes(got["groups"]) == tables["groups"]
        assert bytes(vault.read_table("meeting:1", got["meeting:1"])) == tables["meeting:1"]
        assert bytes(vault.read_table("meeting:2", got["meeting:2"])) == tables["meeting:2"]
        with pytest.raises(DamagedFile):  # a frame read under another table's name is refused
            vault.read_table("meeting:2", got["meeting:1"])
    finally:
        vault.close()


def test_a_save_may_pass_unchanged_tables_as_refs(created: Path, tables) -> None:
    """A save whose unchanged tables are still TableRefs keeps them; they read back after reopening."""
    vault, got = unlock(created, keep=lambda name: not name.startswith("meeting:"))
    try:
        got["groups"] = table("groups", 500, 1)
        vault.save(got, {"groups"})
    finally:
        vault.close()
    assert read_tables(created) == {**tables, "groups": table("groups", 500, 1)}


# -- compaction ----------------------------------------------------------------------------------


def test_compaction_happens_when_the_file_would_outgrow_its_budget_and_keeps_every_table(created: Path, tables) -> None:
    """Saves of the small ``groups`` table append until appending would take the file beyond 1.5
    times its live size; then the file is rewritten (new seed, smaller) and every table, also the
    meeting tables still on disk as TableRefs, is kept."""
    vault, got = unlock(created, keep=lambda name: not name.startswith("meeting:"))
    first_seed = seed_of(created)
    sizes = [created.stat().st_size]
    try:
        for number in range(40):
            got["groups"] = table("groups", 900, number)
            vault.save(got, {"groups"})
            sizes.append(created.stat().st_size)
            if seed_of(created) != first_seed:
                break
        else:
            pytest.fail(f"no compaction after 40 saves: sizes {sizes}")
        live = sum(ref.length for ref in vault.refs.values())
        assert sizes[-1] < sizes[-2]  # superseded frames were dropped
        assert sizes[-1] - SLOTS_END - live < 400  # only the directory besides the live tables
        assert number >= 1  # not before appending would have passed the budget
        assert sizes[-2] <= vault_module.FILE_TO_LIVE_MAX * vault.live_bytes
        got["groups"] = table("groups", 900, 99)
        vault.save(got, {"groups"})  # after the compaction: an append again, in the new generation
        assert seed_of(created) != first_seed
    finally:
        vault.close()
    assert read_tables(created) == {**tables, "groups": table("groups", 900, 99)}


# -- damage ---------------------------------------------------------------------------------------


def expected_reasons(offset: int, data: bytes) -> set[str]:
    """The reasons a flipped byte at ``offset`` of a format-3 file may be reported with."""
    if offset < 8:
        return {"the header checksum does not match"}
    if offset < 10:
        return {"the version field is damaged"}
    if offset < HEADER_LEN:
        return {"the header checksum does not match"}
    if offset < SLOTS_END:
        return {"a commit record is damaged"}
    return {
        "the contents do not match their authentication tag",
        "the decrypted contents are not valid",  # a frame's length field now runs past the commit
        "the file is shorter than its last save",  # ... or past the end of the file
    }


@pytest.fixture
def several_commits(data_file: Path, clock, fast_kdf) -> bytes:
    """The bytes of a small file with four commits (both slots in use, superseded frames in the log)."""
    got = {"meta": table("meta", 30), "groups": table("groups", 40)}
    vault = Vault.create(data_file, PASSPHRASE, got, kdf=fast_kdf, clock=clock)
    try:
        for number, name in enumerate(["groups", "meta", "groups"]):
            got[name] = table(name, 30, number)
            vault.save(got, {name})
    finally:
        vault.close()
    data = data_file.read_bytes()
    assert data[HEADER_LEN : HEADER_LEN + SLOT_LEN] != bytes(SLOT_LEN)
    assert data[HEADER_LEN + SLOT_LEN : SLOTS_END] != bytes(SLOT_LEN)
    return data


def test_every_flipped_byte_is_damage_before_any_table_is_returned(several_commits: bytes, tmp_path: Path) -> None:
    """Inverting any one byte of a file with several commits (header, both commit slots, live and
    superseded frames) is DamagedFile, even when no table is to be kept in memory: every frame is
    authenticated at unlock. Never WrongPassphrase: header damage (the MAC included) is caught by
    the header checksum before the passphrase is checked."""
    data = several_commits
    path = tmp_path / "flipped.ivt"
    failures: list[str] = []
    variants = [
        (offset, bytes(data[:offset]) + bytes([data[offset] ^ 0xFF]) + data[offset + 1 :])
        for offset in range(len(data))
    ]
    variants += [(HEADER_LEN, variant) for variant in erased_and_swapped(data).values()]  # slots zeroed, swapped
    for offset, flipped in variants:
        path.write_bytes(bytes(flipped))
        try:
            vault, _ = unlock(path, keep=lambda name: False)
        except DamagedFile as error:
            if error.reason not in expected_reasons(offset, data):
                failures.append(f"offset {offset}: {error.reason!r}")
        except Exception as error:  # noqa: BLE001 - every other outcome is a failure to report
            failures.append(f"offset {offset}: {type(error).__name__} {error}")
        else:
            vault.close()
            failures.append(f"offset {offset}: opened")
    assert not failures, "\n".join(failures[:40])


def test_a_damaged_commit_slot_is_damage(created: Path) -> None:
    """A commit slot whose MAC, sequence number or offsets do not check out is DamagedFile; a slot
    copied into the other position (sequence parity) too."""
    data = created.read_bytes()
    current = data[HEADER_LEN + SLOT_LEN : SLOTS_END]  # commit 1 lives in slot 1
    variants = {
        "mac": data[: SLOTS_END - 40] + bytes([data[SLOTS_END - 40] ^ 1]) + data[SLOTS_END - 39 :],
        "seq": data[: HEADER_LEN + SLOT_LEN + 7] + b"\x03" + data[HEADER_LEN + SLOT_LEN + 8 :],
        "swapped": data[:HEADER_LEN] + current + bytes(SLOT_LEN) + data[SLOTS_END:],
        "both-empty": data[:HEADER_LEN] + bytes(2 * SLOT_LEN) + data[SLOTS_END:],
    }
    for name, variant in variants.items():
        created.write_bytes(variant)
        with pytest.raises(DamagedFile) as raised:
            unlock(created)
        assert raised.value.reason == "a commit record is damaged", name


def test_an_emptied_current_slot_is_damage_not_a_fall_back(created: Path) -> None:
    """From commit 2 on both slots hold consecutive commits, so an all-zero slot beside commit 2 or
    later can only be damage: it is reported, never silently opened at the older commit."""
    vault, got = unlock(created)
    try:
        vault.save({**got, "groups": table("groups", 80, 1)}, {"groups"})  # commit 2, slot 0
        vault.save({**got, "groups": table("groups", 80, 2)}, {"groups"})  # commit 3, slot 1
    finally:
        vault.close()
    data = bytearray(created.read_bytes())
    data[HEADER_LEN + SLOT_LEN : SLOTS_END] = bytes(SLOT_LEN)
    created.write_bytes(bytes(data))
    with pytest.raises(DamagedFile):
        unlock(created)


def commits_of(path: Path, count: int) -> None:
    """Bring the file ``created`` made (commit 1) to commit ``count`` with small saves."""
    vault, got = unlock(path)
    try:
        for number in range(2, count + 1):
            vault.save({**got, "groups": table("groups", 80, number)}, {"groups"})
    finally:
        vault.close()


def erased_and_swapped(data: bytes) -> dict[str, bytes]:
    """``data`` with slot 0 zeroed, slot 1 zeroed, and the two slots swapped."""
    slot0, slot1 = data[HEADER_LEN : HEADER_LEN + SLOT_LEN], data[HEADER_LEN + SLOT_LEN : SLOTS_END]
    rest = data[SLOTS_END:]
    return {
        "slot 0 zeroed": data[:HEADER_LEN] + bytes(SLOT_LEN) + slot1 + rest,
        "slot 1 zeroed": data[:HEADER_LEN] + slot0 + bytes(SLOT_LEN) + rest,
        "slots swapped": data[:HEADER_LEN] + slot1 + slot0 + rest,
    }


@pytest.mark.parametrize("commit", [1, 2, 3, 4])
def test_an_erased_or_swapped_slot_is_damage_at_every_commit(created: Path, commit: int) -> None:
    """Format 3 keeps an intact commit in both slots from the first commit on (commit 0 beside
    commit 1), so zeroing either slot (no key needed) or swapping them is damage, never a silent
    fall-back: before format 3, zeroing commit 2's slot opened the file at commit 1 and its next
    save cut commit 2 off."""
    commits_of(created, commit)
    for name, variant in erased_and_swapped(created.read_bytes()).items():
        created.write_bytes(variant)
        with pytest.raises(DamagedFile) as raised:
            unlock(created)
        assert raised.value.reason == "a commit record is damaged", (commit, name)


def test_a_format2_file_opens_and_its_first_save_makes_it_format3(data_file: Path, clock, tables) -> None:
    """Format 2 (commit 1 alone beside an all-zero slot 0) still opens; its first save takes a
    backup of the format-2 bytes and rewrites the file as format 3 (both slots intact)."""
    original = write_format2(data_file, tables)
    vault, got = Vault.unlock(data_file, PASSPHRASE, clock=clock)
    try:
        assert vault.format_version == 2 and as_bytes(got, vault) == tables
        vault.save({**got, "meta": table("meta", 40, 1)}, {"meta"})
        assert vault.format_version == 3
    finally:
        vault.close()
    data = data_file.read_bytes()
    assert parse_header(data).version == 3
    assert bytes(SLOT_LEN) not in (data[HEADER_LEN : HEADER_LEN + SLOT_LEN], data[HEADER_LEN + SLOT_LEN : SLOTS_END])
    assert read_tables(data_file) == {**tables, "meta": table("meta", 40, 1)}
    [backup] = backups.list_backups(data_file)
    assert backup.path.read_bytes() == original


def test_a_format2_file_with_its_only_commit_erased_is_damage(data_file: Path, tables) -> None:
    """Format 2 allowed one all-zero slot (beside commit 1), never two, and never commit 1 in slot 0."""
    data = write_format2(data_file, tables)
    for name, variant in erased_and_swapped(data).items():
        data_file.write_bytes(variant)
        if name == "slot 0 zeroed":  # slot 0 is already all zeros in a new format-2 file
            assert read_tables(data_file) == tables
            continue
        with pytest.raises(DamagedFile) as raised:
            unlock(data_file)
        assert raised.value.reason == "a commit record is damaged", name


def test_another_writers_commit_is_never_written_over(created: Path, tables) -> None:
    """Two vaults on one file without a common lock (as through two names of one file): A saves,
    then B, which still holds the state before A's save, is refused; A's acknowledged save stays.
    B's own slot is untouched by A's save, so only checking both slots catches it."""
    first, got_a = unlock(created)
    second, got_b = unlock(created)
    try:
        first.save({**got_a, "groups": table("groups", 80, 1)}, {"groups"})
        with pytest.raises(FileChangedOnDisk):
            second.save({**got_b, "meta": table("meta", 80, 1)}, {"meta"})
    finally:
        first.close()
        second.close()
    assert read_tables(created) == {**tables, "groups": table("groups", 80, 1)}


def test_wrong_passphrase_on_a_format2_file(created: Path) -> None:
    """A wrong passphrase is WrongPassphrase (the header MAC), not damage."""
    with pytest.raises(WrongPassphrase):
        unlock(created, PASSPHRASE + "!")


def test_a_header_with_a_mac_under_another_key_is_a_wrong_passphrase(created: Path, tmp_path: Path, fast_kdf) -> None:
    """Only the MAC decides about the passphrase: a consistent header (checksum recomputed) whose MAC
    is another file's is WrongPassphrase, since the MAC cannot be told from a wrong passphrase."""
    other = tmp_path / "other.ivt"
    Vault.create(other, PASSPHRASE, {"t": b"{}"}, kdf=fast_kdf, lock=False).close()
    data = bytearray(created.read_bytes())
    data[fileformat.MAC_OFFSET : CHECKSUM_OFFSET] = other.read_bytes()[fileformat.MAC_OFFSET : CHECKSUM_OFFSET]
    data[CHECKSUM_OFFSET:HEADER_LEN] = hashlib.sha256(bytes(data[:CHECKSUM_OFFSET])).digest()
    created.write_bytes(bytes(data))
    with pytest.raises(WrongPassphrase):
        unlock(created)


# -- interrupted saves and truncation --------------------------------------------------------------


@pytest.mark.parametrize("kind", ["garbage", "frames-of-a-save"])
def test_bytes_after_the_last_commit_are_an_interrupted_save(created: Path, tables, clock, kind: str) -> None:
    """Bytes after the last commit (a save killed before its commit slot): the file opens at the last
    commit with exactly its tables, ``interrupted_bytes`` counts them, and the next save cuts them off."""
    before = created.read_bytes()
    if kind == "garbage":
        tail = os.urandom(123)
    else:  # the frames a real save appended (to a copy, same header), without its commit slot
        copy = created.parent.parent / "copy" / created.name
        copy.parent.mkdir()
        copy.write_bytes(before)
        vault, got = unlock(copy)
        vault.save({**got, "groups": table("groups", 999, 5)}, {"groups"})
        vault.close()
        tail = copy.read_bytes()[len(before) :]
        assert len(frame_ends(copy.read_bytes(), len(before))) == 2  # a table frame and a directory
    created.write_bytes(before + tail)
    vault, got = Vault.unlock(created, PASSPHRASE, clock=clock)
    try:
        assert vault.interrupted_bytes == len(tail)
        assert as_bytes(got, vault) == tables
        vault.save({**got, "meta": table("meta", 40, 1)}, {"meta"})
        after = created.read_bytes()
        assert after[:HEADER_LEN] == before[:HEADER_LEN] and after[SLOTS_END : len(before)] == before[SLOTS_END:]
        assert len(frame_ends(after, len(before))) == 2  # the meta frame and a directory, nothing left over
    finally:
        vault.close()
    again, got = unlock(created)
    try:
        assert again.interrupted_bytes == 0
        assert as_bytes(got, again) == {**tables, "meta": table("meta", 40, 1)}
    finally:
        again.close()
    [backup] = backups.list_backups(created)
    assert backup.path.read_bytes() == before + tail  # the backup keeps the file as it was found


def test_truncation_inside_the_last_save_is_damage(created: Path, tables) -> None:
    """Cut to one byte short, or to any frame boundary inside the last save (its commit slot is
    written): the slot points past the end, which the code reports as damage ("shorter than its last
    save"); it does not fall back to the previous commit, whose frames are intact."""
    vault, got = unlock(created)
    try:
        previous_end = created.stat().st_size
        vault.save({**got, "groups": table("groups", 90, 1), "meta": table("meta", 50, 1)}, {"groups", "meta"})
    finally:
        vault.close()
    data = created.read_bytes()
    boundaries = [previous_end, *frame_ends(data, previous_end)[:-1]]
    assert len(boundaries) == 3  # before the two table frames and the directory
    for length in [len(data) - 1, *boundaries]:
        created.write_bytes(data[:length])
        with pytest.raises(DamagedFile) as raised:
            unlock(created)
        assert raised.value.reason == "the file is shorter than its last save", length


# -- format 1 ------------------------------------------------------------------------------------


def test_a_format1_file_opens_and_its_first_save_converts_it(data_file: Path, clock, tables) -> None:
    """A format-1 file opens with every table in memory; its first save (after a backup of the
    format-1 bytes) rewrites it as format 3 with every table kept, and later saves append."""
    original = write_format1(data_file, tables)
    vault, got = Vault.unlock(data_file, PASSPHRASE, clock=clock, keep=lambda name: False)
    try:
        assert vault.format_version == 1
        assert vault.refs == {}
        assert not any(isinstance(value, TableRef) for value in got.values())  # format 1: all in memory
        assert as_bytes(got) == tables
        with pytest.raises(ValueError):
            vault.read_table("meta", TableRef(SLOTS_END, 100))
        vault.save({**got, "meta": table("meta", 40, 1)}, {"meta"})
        assert vault.format_version == 3
        assert parse_header(data_file.read_bytes()).version == 3
        assert set(vault.refs) == set(tables)
        seed = seed_of(data_file)
        vault.save({**got, "meta": table("meta", 40, 2)}, {"meta"})
        assert seed_of(data_file) == seed  # appended
    finally:
        vault.close()
    assert read_tables(data_file) == {**tables, "meta": table("meta", 40, 2)}
    [backup] = backups.list_backups(data_file)
    assert backup.path.read_bytes() == original


def test_a_format1_file_can_be_rekeyed_and_saved_as(data_file: Path, tmp_path: Path, clock, tables) -> None:
    """Re-key and save-as of a format-1 vault write format 3 with every table."""
    write_format1(data_file, tables)
    vault, got = Vault.unlock(data_file, PASSPHRASE, clock=clock)
    try:
        vault.rekey("new passphrase", got)
        assert vault.format_version == 3
        vault.save_as(tmp_path / "copy.ivt", got)
    finally:
        vault.close()
    assert read_tables(data_file, "new passphrase") == tables
    assert read_tables(tmp_path / "copy.ivt", "new passphrase") == tables


# -- the held descriptor (POSIX) and Windows -----------------------------------------------------


def test_save_as_after_the_file_was_replaced_still_has_the_tables_left_on_disk(
    created: Path, tables, tmp_path: Path, clock, fast_kdf
) -> None:
    """Another program replaced the file: saving there is refused, but "save as" still writes every
    table, also those left on disk, read through the descriptor the vault holds on its own file."""
    if not vault_module.HOLD_READER:
        pytest.skip("POSIX only: Windows holds no descriptor")
    vault, got = Vault.unlock(created, PASSPHRASE, clock=clock, keep=lambda name: not name.startswith("meeting:"))
    try:
        assert isinstance(got["meeting:1"], TableRef)
        other = tmp_path / "other.ivt"
        Vault.create(other, PASSPHRASE, {"t": b"{}"}, kdf=fast_kdf, lock=False).close()
        foreign = other.read_bytes()
        os.replace(other, created)
        with pytest.raises(FileChangedOnDisk):
            vault.save(got, {"meta"})
        elsewhere = tmp_path / "elsewhere.ivt"
        vault.save_as(elsewhere, got)
        assert bytes(vault.read_table("meeting:2", vault.refs["meeting:2"])) == tables["meeting:2"]
    finally:
        vault.close()
    assert created.read_bytes() == foreign
    assert read_tables(elsewhere) == tables


@pytest.fixture
def windows_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """No held descriptor, as on Windows: tables on disk are read from the path each time."""
    monkeypatch.setattr(vault_module, "HOLD_READER", False)


def open_descriptors_of(path: Path) -> int:
    """How many of this process's descriptors are open on ``path`` (Linux /proc)."""
    found = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            found += os.readlink(f"/proc/self/fd/{fd}") == str(path)
        except OSError:
            pass
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts descriptors through /proc")
@pytest.mark.parametrize("hold", [True, False], ids=["posix", "windows"])
def test_a_descriptor_is_held_only_where_replacing_a_held_file_is_allowed(
    created: Path, monkeypatch: pytest.MonkeyPatch, hold: bool
) -> None:
    """POSIX: one read-only descriptor on the file while unlocked (and on the new file after a
    rewrite); simulated Windows: none between operations. Closing lets it go."""
    monkeypatch.setattr(vault_module, "HOLD_READER", hold)
    monkeypatch.setattr(vault_module, "FILE_TO_LIVE_MAX", 2.0)  # on this file: an append, then a compaction
    vault, got = unlock(created)
    try:
        assert open_descriptors_of(created) == int(hold)
        for number in range(4):  # appends and at least one compaction
            vault.save({**got, "meeting:1": table("m1", 2000, number)}, {"meeting:1"})
            assert open_descriptors_of(created) == int(hold)
    finally:
        vault.close()
    assert open_descriptors_of(created) == 0


def test_without_a_held_descriptor_reads_saves_and_compactions_work(
    created: Path, tables, windows_reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated Windows: tables left on disk are read from the path, saves append, a compaction
    reads the tables it does not hold from the path, and everything reads back."""
    vault, got = unlock(created, keep=lambda name: not name.startswith("meeting:"))
    seed = seed_of(created)
    try:
        assert bytes(vault.read_table("meeting:1", got["meeting:1"])) == tables["meeting:1"]
        for number in range(6):
            got["groups"] = table("groups", 700, number)
            vault.save(got, {"groups"})
            # a compaction moved every frame: tables on disk follow (as the storage relinks them)
            got = {n: vault.refs[n] if isinstance(v, TableRef) else v for n, v in got.items()}
        assert seed_of(created) != seed  # compacted
        assert bytes(vault.read_table("meeting:2", vault.refs["meeting:2"])) == tables["meeting:2"]
    finally:
        vault.close()
    assert read_tables(created) == {**tables, "groups": table("groups", 700, 5)}


def test_without_a_held_descriptor_save_as_of_a_replaced_file_fails_cleanly(
    created: Path, tmp_path: Path, windows_reader, fast_kdf
) -> None:
    """Simulated Windows, file replaced behind the vault's back: a table left on disk can no longer be
    read (it is read from the path, now another file), so save-as fails with DamagedFile and leaves
    neither the new file nor a temp file; the replaced file is untouched."""
    vault, got = unlock(created, keep=lambda name: not name.startswith("meeting:"))
    try:
        other = tmp_path / "other.ivt"
        Vault.create(other, PASSPHRASE, {"t": b"{}"}, kdf=fast_kdf, lock=False).close()
        foreign = other.read_bytes()
        os.replace(other, created)
        elsewhere = tmp_path / "elsewhere.ivt"
        with pytest.raises(DamagedFile):
            vault.save_as(elsewhere, got)
    finally:
        vault.close()
    assert not elsewhere.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert created.read_bytes() == foreign


# -- storage: on-demand tables ------------------------------------------------------------------


def counting_reads(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every ``vault.read_table`` by table name."""
    reads: list[str] = []
    real = vault.read_table

    def read_table(name, ref):
        reads.append(name)
        return real(name, ref)

    monkeypatch.setattr(vault, "read_table", read_table)
    return reads


def test_storage_lets_least_recently_read_tables_go_back_to_disk(
    data_file: Path, clock, fast_kdf, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a small LRU (2.5 tables), reading five on-disk tables keeps only the most recent in
    memory; the others become TableRefs again and are read from disk when asked for once more."""
    monkeypatch.setattr(storage_module, "LAZY_CACHE_BYTES", 2500)
    names = [f"meeting:{n}" for n in range(5)]
    contents = {name: table(name, 1000) for name in names}
    Vault.create(data_file, PASSPHRASE, {"meta": table("meta", 40), **contents}, kdf=fast_kdf, clock=clock).close()
    vault, got = Vault.unlock(data_file, PASSPHRASE, clock=clock, keep=lambda name: name == "meta")
    try:
        store = VaultStorage(vault, got)
        reads = counting_reads(vault, monkeypatch)
        held_at_start = store.held_bytes()
        view = store.read()
        for name in names:
            assert view[name] == json.loads(contents[name])
        assert reads == names
        assert store.held_bytes() - held_at_start <= 2500
        reads.clear()
        view = store.read()
        assert view["meeting:4"] and view["meeting:3"]  # still in memory
        assert reads == []
        assert view["meeting:0"]  # went back to disk
        assert reads == ["meeting:0"]
        assert {name: bytes(raw) for name, raw in store.encoded_tables().items() if name in names} == contents
    finally:
        vault.close()


def test_after_a_compaction_tables_on_disk_are_read_at_their_new_offsets(
    data_file: Path, clock, fast_kdf, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TinyDB writes to one table until the log is compacted; a meeting table left on disk then
    reads back through the storage (which relinks it to its new frame), while the frame the vault
    reported before the compaction is no longer valid."""
    meeting = {"1": {"text": "een lange vergadering " * 50}}
    Vault.create(
        data_file, PASSPHRASE, {"small": b"{}", "meeting:1": json.dumps(meeting).encode()}, kdf=fast_kdf, clock=clock
    ).close()
    vault, got = Vault.unlock(data_file, PASSPHRASE, clock=clock, keep=lambda name: name == "small")
    try:
        store = VaultStorage(vault, got)
        db = TinyDB(storage=lambda: store)
        old_ref = vault.refs["meeting:1"]
        seed = seed_of(data_file)
        for number in range(10):
            db.table("small").insert({"n": number, "pad": "x" * 400})
            if seed_of(data_file) != seed:
                break
        else:
            pytest.fail("no compaction")
        assert vault.refs["meeting:1"] != old_ref
        with pytest.raises(DamagedFile):
            vault.read_table("meeting:1", old_ref)
        assert store.read()["meeting:1"] == meeting
        assert len(db.table("small")) == number + 1
    finally:
        vault.close()


# -- property: random save sequences against a model --------------------------------------------

NAMES = ["meta", "groups", "members", "meeting:a", "meeting:b", "meeting:c"]
operation = st.one_of(
    st.tuples(
        st.just("save"),
        st.dictionaries(st.sampled_from(NAMES), st.integers(0, 600), max_size=4),
        st.sets(st.sampled_from(NAMES), max_size=2),
    ),
    st.tuples(st.just("reopen"), st.sets(st.sampled_from(NAMES))),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations=st.lists(operation, min_size=1, max_size=25), budget=st.sampled_from([1.0, 1.5, 2.0, float("inf")]))
def test_random_saves_and_reopens_equal_a_dict_model(operations, budget: float) -> None:
    """Saves that change, add and remove random tables, interleaved with reopens that leave random
    tables on disk, always read back as the model (a dict) says, whatever the compaction threshold
    (1.0: every save compacts; infinite: none does)."""
    original = vault_module.FILE_TO_LIVE_MAX
    vault_module.FILE_TO_LIVE_MAX = budget
    clock = FrozenClock()
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.ivt"
            model = {"meta": b"{}"}
            vault = Vault.create(path, PASSPHRASE, model, kdf=ARGON2ID_FAST_FOR_TESTS, clock=clock)
            current: dict = dict(model)
            try:
                for step, (kind, *args) in enumerate(operations):
                    if kind == "save":
                        writes, removed = args
                        for name, size in writes.items():
                            model[name] = current[name] = table(name, size, step)
                        for name in removed - set(writes):
                            model.pop(name, None)
                            current.pop(name, None)
                        vault.save(current, set(writes))
                        # a compaction moved every frame: tables on disk follow (as the storage relinks them)
                        current = {n: vault.refs[n] if isinstance(v, TableRef) else v for n, v in current.items()}
                    else:
                        (on_disk,) = args
                        vault.close()
                        clock.advance(seconds=1)
                        vault, current = Vault.unlock(path, PASSPHRASE, clock=clock, keep=lambda n: n not in on_disk)
                        assert [n for n, v in current.items() if isinstance(v, TableRef)] == [
                            n for n in model if n in on_disk
                        ]
                    assert as_bytes(current, vault) == model
            finally:
                vault.close()
            assert read_tables(path) == model
            assert list(read_tables(path)) == list(model)
    finally:
        vault_module.FILE_TO_LIVE_MAX = original
