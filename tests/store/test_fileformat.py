"""The byte format refuses every damaged, foreign or hostile file, and never leaks plaintext.

As README.md's security section and docs/FORMAT.md say: any changed byte is
detected before anything is shown; damage, foreign files, newer formats and a
wrong passphrase are told apart; unsafe KDF settings are refused before the KDF
runs; every frame gets its own nonce and every new generation a fresh seed; no
plaintext reaches the data folder.
"""

from __future__ import annotations

import hashlib
import struct
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from intervisie_tui.core.model import (
    Case,
    CaseStatus,
    Group,
    Meeting,
    Member,
    Note,
    new_id,
)
from intervisie_tui.store import crypto, fileformat
from intervisie_tui.store.body import pack_body
from intervisie_tui.store.errors import (
    DamagedFile,
    UnsupportedFile,
    VaultError,
    WrongPassphrase,
)
from intervisie_tui.store.fileformat import (
    ARGON2ID_DEFAULT,
    ARGON2ID_FAST_FOR_TESTS,
    CHECKSUM_OFFSET,
    HEADER_LEN,
    KDF_ARGON2ID,
    KDF_SCRYPT,
    MAGIC,
    SCRYPT_DEFAULT,
    KdfParams,
    parse_header,
)
from intervisie_tui.store.logformat import FRAME_HEAD, SLOTS_END, table_frame_length
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.store.format1 import as_bytes, format1_bytes
from tests.store.format2 import format2_bytes

BODY = b"some body"
TABLES = {"t": BODY}
SEED = slice(44, 76)


# -- helpers -------------------------------------------------------------------


def make_file(path: Path, clock, kdf: KdfParams = ARGON2ID_FAST_FOR_TESTS, passphrase: str = PASSPHRASE) -> bytes:
    """Create a small vault file (format 3, one table ``t``) at ``path``, close it, and return its bytes."""
    vault = Vault.create(path, passphrase, TABLES, kdf=kdf, clock=clock)
    vault.close()
    return path.read_bytes()


def unlock_bytes(path: Path, data: bytes, passphrase: str = PASSPHRASE) -> dict[str, bytes]:
    """Write ``data`` to ``path`` and unlock it without taking the lock; returns every table as bytes."""
    path.write_bytes(data)
    vault, tables = Vault.unlock(path, passphrase, lock=False)
    try:
        return as_bytes(tables, vault)
    finally:
        vault.close()


def with_checksum(data: bytes) -> bytes:
    """``data`` with the header checksum (bytes 116-147) recomputed over bytes 0-115."""
    head = data[:CHECKSUM_OFFSET]
    return head + hashlib.sha256(head).digest() + data[HEADER_LEN:]


def patched(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """``data`` with one big-endian field packed at ``offset`` (checksum NOT recomputed)."""
    field = struct.pack(fmt, value)
    return data[:offset] + field + data[offset + len(field) :]


def with_kdf(data: bytes, kdf_id: int, a: int, b: int, c: int) -> bytes:
    """``data`` with other KDF settings and a valid header checksum (the MAC is left stale)."""
    data = patched(data, 12, ">B", kdf_id)
    for offset, value in ((16, a), (20, b), (24, c)):
        data = patched(data, offset, ">I", value)
    return with_checksum(data)


@pytest.fixture
def original_v3(data_file: Path, clock, fast_kdf) -> bytes:
    """The bytes of a freshly made small format-3 file (header, two commit slots, a table frame, a directory)."""
    return make_file(data_file, clock, fast_kdf)


@pytest.fixture
def original_v2(fast_kdf) -> bytes:
    """The bytes of a small format-2 file (commit 1 alone in slot 1), as the app wrote before format 3."""
    return format2_bytes(TABLES, kdf=fast_kdf)


@pytest.fixture
def original_v1(fast_kdf) -> bytes:
    """The bytes of a small format-1 file (header + the encrypted body + 16-byte tag), as older versions wrote."""
    return format1_bytes(TABLES, kdf=fast_kdf)


@pytest.fixture(params=[1, 2, 3], ids=["format1", "format2", "format3"])
def original(request: pytest.FixtureRequest) -> bytes:
    """A small file of any format: checks of the header apply to all."""
    return request.getfixturevalue(f"original_v{request.param}")


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """A path separate from the original file, for modified copies."""
    folder = tmp_path / "copies"
    folder.mkdir()
    return folder / "copy.ivt"


# -- sanity: the fixture file is what the other tests assume ---------------------


def test_small_format1_file_has_the_documented_layout(original_v1: bytes, target: Path) -> None:
    """Format 1: 148-byte header (version 1), then body + tag, its length in the header; it opens."""
    body_len = struct.unpack_from(">Q", original_v1, 76)[0]
    assert original_v1[:8] == MAGIC
    assert struct.unpack_from(">H", original_v1, 8)[0] == 1
    assert len(original_v1) == HEADER_LEN + body_len
    assert body_len == len(b"".join(bytes(c) for c in pack_body(TABLES))) + 16
    assert unlock_bytes(target, original_v1) == TABLES


@pytest.mark.parametrize("version", [2, 3])
def test_small_log_file_has_the_documented_layout(version: int, target: Path, request) -> None:
    """Formats 2 and 3: 148-byte header (body length 0), two 64-byte commit slots, one table frame,
    one directory frame; every frame starts with its ciphertext length; it opens. Format 3 holds
    commit 0 in slot 0 beside commit 1; format 2 left slot 0 all zeros."""
    original = request.getfixturevalue(f"original_v{version}")
    assert original[:8] == MAGIC
    assert struct.unpack_from(">H", original, 8)[0] == version
    assert struct.unpack_from(">Q", original, 76)[0] == 0
    assert SLOTS_END == HEADER_LEN + 2 * 64
    table_len = table_frame_length("t", len(BODY))
    length, _nonce = FRAME_HEAD.unpack_from(original, SLOTS_END)
    assert FRAME_HEAD.size + length == table_len
    directory_at = SLOTS_END + table_len
    length, _nonce = FRAME_HEAD.unpack_from(original, directory_at)
    assert directory_at + FRAME_HEAD.size + length == len(original)
    slot0, slot1 = original[HEADER_LEN : HEADER_LEN + 64], original[HEADER_LEN + 64 : SLOTS_END]
    assert struct.unpack_from(">QQQ", slot1) == (1, directory_at, len(original))
    if version == 3:
        assert struct.unpack_from(">QQQ", slot0) == (0, 0, SLOTS_END) and slot0[24:56] != bytes(32)
        assert slot0[56:] == bytes(8) and slot1[56:] == bytes(8)
    else:
        assert slot0 == bytes(64)
    assert unlock_bytes(target, original) == TABLES


# -- any changed bit is detected -------------------------------------------------


def expected_damage(offset: int) -> str:
    """The reason a bit flip at ``offset`` must be reported with."""
    if offset < 8:
        return "the header checksum does not match"  # magic, recognised via the checksum
    if offset < 10:
        return "the version field is damaged"
    if offset < HEADER_LEN:
        return "the header checksum does not match"
    return "the contents do not match their authentication tag"


def test_every_flipped_bit_is_detected_as_damage(original_v1: bytes, tmp_path: Path) -> None:
    """Format 1: each of the 8 single-bit flips at every byte offset gives DamagedFile, never data.

    Never WrongPassphrase (the header checksum catches header damage before
    the MAC is checked) and never UnsupportedFile (a damaged magic or version
    is recognised as ours via the checksum).
    """
    original = original_v1
    failures: list[str] = []
    folder = tmp_path / "flipped"
    folder.mkdir()
    for offset in range(len(original)):
        for bit in range(8):
            flipped = bytearray(original)
            flipped[offset] ^= 1 << bit
            path = folder / f"{offset}-{bit}.ivt"
            try:
                body = unlock_bytes(path, bytes(flipped))
            except DamagedFile as error:
                if error.reason != expected_damage(offset):
                    failures.append(f"offset {offset} bit {bit}: reason {error.reason!r}")
                if offset < 8 and error.detail != "bytes 0-7":
                    failures.append(f"offset {offset} bit {bit}: detail {error.detail!r}")
            except VaultError as error:
                failures.append(f"offset {offset} bit {bit}: {type(error).__name__}")
            else:
                failures.append(f"offset {offset} bit {bit}: returned {body!r}")
    assert not failures, "\n".join(failures[:40])


@pytest.mark.parametrize("length", [0, 5, 10, 100, 147, 148, -1])
def test_truncated_files_are_damaged(original: bytes, target: Path, length: int) -> None:
    """A file cut short anywhere (also inside the magic or at the header end) is DamagedFile."""
    cut = original[:length] if length >= 0 else original[:-1]
    version = struct.unpack_from(">H", original, 8)[0]
    with pytest.raises(DamagedFile) as raised:
        unlock_bytes(target, cut)
    if version == 1 and (length >= HEADER_LEN or length < 0):
        assert raised.value.reason == "the file is shorter than its header says"
    elif version >= 2 and length < 0:
        assert raised.value.reason == "the file is shorter than its last save"
    elif version >= 2 and length >= HEADER_LEN:  # no room for the two commit slots
        assert raised.value.reason == "the file is too short to be an intervisie file"
    elif length == 0:
        assert raised.value.reason == "the file is empty"
    else:
        assert raised.value.reason == "the file is too short to be an intervisie file"


@pytest.mark.parametrize(
    ("length", "reason"),
    [
        (HEADER_LEN + 1, "the file is too short to be an intervisie file"),
        (SLOTS_END - 1, "the file is too short to be an intervisie file"),  # cut inside commit slot 1
        (SLOTS_END, "the file is shorter than its last save"),  # the slots, no frames
        (SLOTS_END + 1, "the file is shorter than its last save"),
    ],
)
def test_log_file_cut_in_or_right_after_the_commit_slots_is_damaged(
    original_v3: bytes, target: Path, length: int, reason: str
) -> None:
    """A log file cut inside the commit slots or before the first frame is DamagedFile with a telling reason."""
    with pytest.raises(DamagedFile) as raised:
        unlock_bytes(target, original_v3[:length])
    assert raised.value.reason == reason


@pytest.mark.parametrize("garbage", [b"\0", b"x" * 1000])
def test_trailing_garbage_is_damage_in_format1(original_v1: bytes, target: Path, garbage: bytes) -> None:
    """Format 1: bytes after the declared end are refused, not ignored.

    (In format 2 bytes after the last commit are an interrupted save: test_logformat.py.)
    """
    with pytest.raises(DamagedFile) as raised:
        unlock_bytes(target, original_v1 + garbage)
    assert raised.value.reason == "there are extra bytes after the end of the file"


# -- foreign and newer files -------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200),  # a zip archive
        b"PK\x03\x04",  # shorter than the magic
        b"\x89PNG\r\n\x1a\n" + bytes(300),  # another format with a similar magic
        b"hello world, just some text that is long enough" * 5,
    ],
    ids=["zip", "short-zip", "png", "text"],
)
def test_wrong_magic_is_unsupported(target: Path, data: bytes) -> None:
    """A file that is not ours is refused as unsupported, not as damaged."""
    with pytest.raises(UnsupportedFile) as raised:
        unlock_bytes(target, data)
    assert raised.value.reason == "the file is not an intervisie file"


@pytest.mark.parametrize(
    "text",
    [
        '{"_default": {"1": {"a": 1}}}',
        '\n  {"_default": {}}',
        "[1, 2, 3]",
        "{}",
        "[]",
    ],
)
def test_plain_tinydb_json_is_recognised(target: Path, text: str) -> None:
    """An unencrypted TinyDB/JSON file gets its own explanation."""
    with pytest.raises(UnsupportedFile) as raised:
        unlock_bytes(target, text.encode())
    assert raised.value.reason == "this looks like an unencrypted TinyDB or JSON file"


@pytest.mark.parametrize("version", [4, 7, 0xFFFF])
def test_newer_version_with_valid_checksum_is_unsupported(original: bytes, target: Path, version: int) -> None:
    """A consistent header of a newer format is refused as newer, not as damaged."""
    newer = with_checksum(patched(original, 8, ">H", version))
    with pytest.raises(UnsupportedFile) as raised:
        unlock_bytes(target, newer)
    assert raised.value.reason == "it was written by a newer version of intervisie"
    assert raised.value.detail == f"format {version}"


def test_a_format1_header_relabelled_as_format2_is_refused(original_v1: bytes, target: Path) -> None:
    """A consistent version-2 header with a body length (only format 1 has one) is not ours to read."""
    with pytest.raises(UnsupportedFile) as raised:
        unlock_bytes(target, with_checksum(patched(original_v1, 8, ">H", 2)))
    assert raised.value.reason == "it was written by a newer version of intervisie"
    assert raised.value.detail == "header"


@pytest.mark.parametrize("version", [0, 4, 0x0101, 0x0102])
def test_damaged_version_field_is_damage(original: bytes, target: Path, version: int) -> None:
    """A changed, unknown version whose checksum still matches a known version means the field was damaged."""
    with pytest.raises(DamagedFile) as raised:
        unlock_bytes(target, patched(original, 8, ">H", version))
    assert raised.value.reason == "the version field is damaged"


@pytest.mark.parametrize("other", [1, 2, 3])
def test_a_version_swapped_for_another_known_one_is_damage(original: bytes, target: Path, other: int) -> None:
    """A known version damaged into another known one (1, 2, 3) is caught by the header checksum and
    named as a damaged version field."""
    version = struct.unpack_from(">H", original, 8)[0]
    if other == version:
        pytest.skip("the same version")
    with pytest.raises(DamagedFile) as raised:
        unlock_bytes(target, patched(original, 8, ">H", other))
    assert raised.value.reason == "the version field is damaged"


@pytest.mark.parametrize(
    ("offset", "fmt", "value"),
    [(10, ">H", 200), (13, ">B", 2), (14, ">H", 1)],
    ids=["header-length", "cipher", "flags"],
)
def test_unknown_header_fields_with_valid_checksum_are_unsupported(
    original: bytes, target: Path, offset: int, fmt: str, value: int
) -> None:
    """Another header length, cipher or flags: a newer writer, refused before the KDF."""
    with pytest.raises(UnsupportedFile) as raised:
        unlock_bytes(target, with_checksum(patched(original, offset, fmt, value)))
    assert raised.value.reason == "it was written by a newer version of intervisie"


def test_an_oversized_file_is_refused_without_reading_it_all(
    original: bytes, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file over the size limit is refused as too large without loading it (limit lowered to 1 MiB here)."""
    monkeypatch.setattr(fileformat, "MAX_FILE_BYTES", 1 << 20)
    target.write_bytes(original)
    with open(target, "r+b") as handle:
        handle.truncate(64 << 20)  # sparse: 64 MiB that cost no disk space
    tracemalloc.start()
    try:
        with pytest.raises(UnsupportedFile) as raised:
            Vault.unlock(target, PASSPHRASE, lock=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert raised.value.reason == "the file is too large"
    assert peak < 8 << 20, f"{peak >> 20} MiB read to refuse a file over the limit"


# -- hostile KDF settings are refused before the KDF runs ---------------------------


@pytest.fixture
def kdf_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any key derivation fail loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError("the KDF ran")

    monkeypatch.setattr(crypto, "derive_master_key", refuse)


def test_the_kdf_guard_is_effective(original: bytes, target: Path, kdf_forbidden) -> None:
    """Control: with the guard in place, opening a good file does hit it."""
    with pytest.raises(AssertionError, match="the KDF ran"):
        unlock_bytes(target, original)


@pytest.mark.parametrize(
    "settings",
    [
        (KDF_ARGON2ID, 4 * 1024 * 1024, 1, 1),  # 4 GiB
        (KDF_ARGON2ID, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF),
        (KDF_ARGON2ID, 64, 1000, 1),  # 1000 passes
        (KDF_ARGON2ID, 1024, 1, 64),  # 64 lanes
        (KDF_ARGON2ID, 0, 0, 0),
        (9, 64, 1, 1),  # unknown KDF
        (0, 64, 1, 1),
        (KDF_SCRYPT, 30, 8, 1),  # N = 2^30
        (KDF_SCRYPT, 17, 1 << 20, 1),
        (KDF_SCRYPT, 63, 8, 1),
    ],
    ids=[
        "argon-4GiB",
        "argon-max",
        "argon-1000-passes",
        "argon-64-lanes",
        "argon-zero",
        "kdf-9",
        "kdf-0",
        "scrypt-2^30",
        "scrypt-huge-r",
        "scrypt-2^63",
    ],
)
def test_out_of_range_kdf_is_refused_before_the_kdf(
    original: bytes, target: Path, kdf_forbidden, settings: tuple[int, int, int, int]
) -> None:
    """A crafted header with a valid checksum cannot make the app stall or exhaust memory."""
    crafted = with_kdf(original, *settings)
    started = time.perf_counter()
    with pytest.raises(UnsupportedFile) as raised:
        unlock_bytes(target, crafted)
    assert time.perf_counter() - started < 0.5
    assert raised.value.reason == "the key derivation settings are outside the safe range"


# -- passphrases ---------------------------------------------------------------------------


@pytest.mark.parametrize("wrong", ["", PASSPHRASE + " ", PASSPHRASE.upper(), "correct horse battery stapler"])
def test_wrong_passphrase_is_told_apart(original: bytes, target: Path, wrong: str) -> None:
    """A wrong passphrase is WrongPassphrase (not damage), and the file is not touched."""
    with pytest.raises(WrongPassphrase):
        unlock_bytes(target, original, wrong)
    assert target.read_bytes() == original


@pytest.mark.parametrize(
    ("created_with", "opened_with"),
    [("Zo\u00eb wachtwoord", "Zoe\u0308 wachtwoord"), ("Zoe\u0308 wachtwoord", "Zo\u00eb wachtwoord")],
    ids=["nfc-then-nfd", "nfd-then-nfc"],
)
def test_nfc_and_nfd_spellings_open_the_same_file(tmp_path: Path, clock, created_with: str, opened_with: str) -> None:
    """ "Zoë" typed as one code point or as e + combining diaeresis is the same passphrase."""
    assert created_with != opened_with
    path = tmp_path / "zoe.ivt"
    data = make_file(path, clock, passphrase=created_with)
    assert unlock_bytes(path, data, opened_with) == TABLES
    with pytest.raises(WrongPassphrase):
        unlock_bytes(path, data, "Zoe wachtwoord")


# -- KDF bounds -------------------------------------------------------------------------------

MIB_IN_KIB = 1024


@pytest.mark.parametrize(
    "params",
    [
        ARGON2ID_DEFAULT,
        SCRYPT_DEFAULT,
        ARGON2ID_FAST_FOR_TESTS,
        KdfParams(KDF_ARGON2ID, 8, 1, 1),  # least memory for one lane
        KdfParams(KDF_ARGON2ID, 64, 1, 8),  # most lanes, least memory for them
        KdfParams(KDF_ARGON2ID, 256 * MIB_IN_KIB, 3, 8),  # most memory, memory x passes = 768 MiB
        KdfParams(KDF_ARGON2ID, 64 * MIB_IN_KIB, 10, 1),  # most passes
        KdfParams(KDF_ARGON2ID, 196608, 4, 1),  # memory x passes = exactly 768 MiB
        KdfParams(KDF_SCRYPT, 10, 1, 1),  # smallest
        KdfParams(KDF_SCRYPT, 18, 8, 4),  # 128 r N = exactly 256 MiB
        KdfParams(KDF_SCRYPT, 14, 16, 4),  # largest r and p
    ],
    ids=str,
)
def test_check_bounds_accepts_the_edges(params: KdfParams) -> None:
    """The defaults, the test setting and every limit itself are accepted."""
    params.check_bounds()


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(KDF_ARGON2ID, 64, 1, 9),  # lanes 8 + 1
        KdfParams(KDF_ARGON2ID, 64, 1, 0),  # lanes 1 - 1
        KdfParams(KDF_ARGON2ID, 7, 1, 1),  # memory 8 x lanes - 1
        KdfParams(KDF_ARGON2ID, 63, 1, 8),
        KdfParams(KDF_ARGON2ID, 256 * MIB_IN_KIB + 1, 1, 1),  # memory 256 MiB + 1 KiB
        KdfParams(KDF_ARGON2ID, 64, 11, 1),  # passes 10 + 1
        KdfParams(KDF_ARGON2ID, 64, 0, 1),  # passes 1 - 1
        KdfParams(KDF_ARGON2ID, 196609, 4, 1),  # memory x passes = 768 MiB + 4 KiB
        KdfParams(KDF_SCRYPT, 19, 1, 1),  # log2 N 18 + 1
        KdfParams(KDF_SCRYPT, 9, 8, 1),  # log2 N 10 - 1
        KdfParams(KDF_SCRYPT, 14, 17, 1),  # r 16 + 1
        KdfParams(KDF_SCRYPT, 14, 0, 1),  # r 1 - 1
        KdfParams(KDF_SCRYPT, 14, 8, 5),  # p 4 + 1
        KdfParams(KDF_SCRYPT, 14, 8, 0),  # p 1 - 1
        KdfParams(KDF_SCRYPT, 18, 9, 1),  # 128 r N = 288 MiB
        KdfParams(3, 64, 1, 1),  # unknown KDF id
        KdfParams(0, 64, 1, 1),
    ],
    ids=str,
)
def test_check_bounds_refuses_one_past_each_limit(params: KdfParams) -> None:
    """One step past any limit is UnsupportedFile, never silently accepted."""
    with pytest.raises(UnsupportedFile) as raised:
        params.check_bounds()
    assert raised.value.reason == "the key derivation settings are outside the safe range"


# -- every save encrypts afresh ---------------------------------------------------------------


def frames(data: bytes) -> list[tuple[bytes, bytes]]:
    """``(nonce, ciphertext)`` of every frame of a format-2 file, walking the log from its first frame."""
    found, offset = [], SLOTS_END
    while offset < len(data):
        length, nonce = FRAME_HEAD.unpack_from(data, offset)
        found.append((nonce, data[offset + FRAME_HEAD.size : offset + FRAME_HEAD.size + length]))
        offset += FRAME_HEAD.size + length
    assert offset == len(data)
    return found


def test_every_save_encrypts_afresh(data_file: Path, clock, fast_kdf, appends_only) -> None:
    """Saving the same table 20 times: every frame in the log has its own nonce (no nonce reuse under
    the file's frame key) and the same plaintext never gives the same ciphertext."""
    vault = Vault.create(data_file, PASSPHRASE, TABLES, kdf=fast_kdf, clock=clock)
    try:
        for _ in range(20):
            vault.save(TABLES, {"t"})
    finally:
        vault.close()
    data = data_file.read_bytes()
    logged = frames(data)
    assert len(logged) == 2 * 21  # a table frame and a directory per commit (compaction switched off)
    nonces = [nonce for nonce, _ in logged]
    assert len(set(nonces)) == len(nonces)
    table_frames = [sealed for nonce, sealed in logged[0::2]]
    assert all(len(sealed) == table_frame_length("t", len(BODY)) - FRAME_HEAD.size for sealed in table_frames)
    assert len(set(table_frames)) == 21
    assert unlock_bytes(data_file.with_name("last.ivt"), data) == TABLES


def test_every_new_generation_gets_a_fresh_seed(data_file: Path, tmp_path: Path, clock, fast_kdf, appends_only) -> None:
    """Create, save-as and re-key each write a new generation: a fresh seed (so fresh frame and commit
    keys), the salt changing only with the passphrase."""
    vault = Vault.create(data_file, PASSPHRASE, TABLES, kdf=fast_kdf, clock=clock)
    try:
        first = data_file.read_bytes()
        vault.save(TABLES, {"t"})
        appended = data_file.read_bytes()
        vault.save_as(tmp_path / "elsewhere.ivt", TABLES)
        moved = vault.path.read_bytes()
        vault.rekey("another passphrase", TABLES)
        rekeyed = vault.path.read_bytes()
    finally:
        vault.close()
    assert appended[:HEADER_LEN] == first[:HEADER_LEN]  # an append keeps the generation
    seeds = {data[SEED] for data in (first, moved, rekeyed)}
    assert len(seeds) == 3
    assert parse_header(first).salt == parse_header(moved).salt != parse_header(rekeyed).salt


# -- no plaintext at rest ----------------------------------------------------------------------

CANARIES = {
    "group": "CanaryGroupXq7Zoë",
    "member": "CanaryMemberTw4Anouk",
    "case": "CanaryCaseVr9Burn-out",
    "question": "CanaryCaseQuestionKp2",
    "note": "CanaryNoteJm5Whiteboard",
    "passphrase": "CanaryPassphraseLs8 geheim",
}


def forms(canary: str) -> list[bytes]:
    """The byte spellings a canary could leak in."""
    spellings = {canary, canary.lower(), canary.upper()}
    found: list[bytes] = []
    for text in spellings:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "unicode_escape"):
            found.append(text.encode(encoding))
    found.append(canary[:12].encode())  # an ASCII prefix: catches partial leaks and JSON escaping
    return found


def leaks(folder: Path) -> list[str]:
    """Every (file, canary) where a canary's bytes appear in any file under ``folder``."""
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for name, canary in CANARIES.items():
            if any(form in data for form in forms(canary)):
                hits.append(f"{path.name}: {name}")
    return hits


def test_no_file_in_the_data_folder_holds_plaintext(data_file: Path, new_repository, clock) -> None:
    """Names, case texts, notes and the passphrase never reach disk readable (files, backups, lock notes)."""
    repository = new_repository(passphrase=CANARIES["passphrase"])
    group = Group(id=new_id(), name=CANARIES["group"], updated_at=clock())
    member = Member(id=new_id(), group_id=group.id, name=CANARIES["member"], updated_at=clock())
    meeting = Meeting(id=new_id(), group_id=group.id, held_on=date(2026, 11, 22), updated_at=clock())
    case = Case(
        id=new_id(),
        meeting_id=meeting.id,
        inbrenger_id=member.id,
        title=CANARIES["case"],
        question=CANARIES["question"],
        status=CaseStatus.CHOSEN,
        updated_at=clock(),
    )
    note = Note(id=new_id(), meeting_id=meeting.id, phase_key="analyse", text=CANARIES["note"], updated_at=clock())
    repository.put(group, member)
    repository.put(meeting, case)
    repository.put(note)
    assert leaks(data_file.parent) == []

    # Reopen (the next save takes a backup) and save again: still nothing readable anywhere.
    repository.close()
    clock.advance(minutes=5)
    reopened = type(repository).unlock(data_file, CANARIES["passphrase"], clock=clock)
    try:
        assert [n.text for n in reopened.meeting_content(meeting.id).notes] == [CANARIES["note"]]
        reopened.put(
            Note(
                id=new_id(),
                meeting_id=meeting.id,
                phase_key="analyse",
                text=CANARIES["note"] + "2",
                position=1,
                updated_at=clock(),
            )
        )
        names = {p.name for p in data_file.parent.iterdir()}
        assert any(".backup-" in name for name in names), names  # the backup is among the files checked
        assert leaks(data_file.parent) == []
    finally:
        reopened.close()
    assert leaks(data_file.parent.parent) == []


def test_canary_grep_can_fail(tmp_path: Path) -> None:
    """Control: the grep does find a canary written in plain text (and in UTF-16)."""
    (tmp_path / "plain.json").write_text(f'{{"name": "{CANARIES["member"]}"}}', encoding="utf-8")
    (tmp_path / "wide.txt").write_text(CANARIES["note"].lower(), encoding="utf-16-le")
    assert leaks(tmp_path) == ["plain.json: member", "wide.txt: note"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(edit=(HEADER_LEN, 64, bytes(64)))  # commit slot 0 zeroed
@example(edit=(HEADER_LEN + 64, 64, bytes(64)))  # commit slot 1 zeroed
@given(
    edit=st.tuples(
        st.integers(min_value=0, max_value=10_000),
        st.integers(min_value=0, max_value=8),
        st.binary(min_size=0, max_size=8),
    )
)
def test_any_change_of_the_bytes_is_detected(original: bytes, tmp_path_factory, edit) -> None:
    """Replace any span by any bytes (also inserting or cutting): damage is reported, data never shown.

    The one exception is a log file's bytes appended after the last commit (an interrupted save):
    the file then opens at that commit with exactly its tables (see test_logformat.py).
    """
    offset, cut, inserted = edit
    offset %= len(original) + 1
    changed = original[:offset] + inserted + original[offset + cut :]
    if changed == original:
        return
    path = tmp_path_factory.mktemp("edited") / "copy.ivt"
    version = struct.unpack_from(">H", original, 8)[0]
    if version >= 2 and changed.startswith(original):
        assert unlock_bytes(path, changed) == TABLES
        return
    with pytest.raises((DamagedFile, UnsupportedFile)):
        unlock_bytes(path, changed)
