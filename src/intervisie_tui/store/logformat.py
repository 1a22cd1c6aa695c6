"""The bytes of a log file (formats 2 and 3): encrypted frames (docs/FORMAT.md, "Formats 2 and 3").

    header (148 bytes, version 3) | commit slot 0 (64) | commit slot 1 (64) | frame | frame | ...

A frame is ``ciphertext length (4) | nonce (12) | AES-256-GCM ciphertext and tag``, with the
header and the frame's own offset as associated data, so a frame cannot be moved or taken into
another file. A *table frame* holds one TinyDB table (``T``, the table name as JSON, a newline,
the table as JSON); a *directory frame* (``D`` + JSON) lists where the current frame of every
table is. A save appends the frames of the tables it changed and a new directory, and then
writes the commit slot that is not in use; the slot with the higher sequence number is the file's
state. This module only packs and checks bytes; ``logfile.py`` reads and writes files.

Format 3 differs from format 2 only in the commit slots: every generation starts with *commit 0*
(the empty log, authenticated like any commit) in slot 0 beside commit 1 in slot 1, so both slots
always hold an intact commit and an all-zero slot is always damage. In format 2 a new generation
left slot 0 all zeros, which made an erased commit 2 look like a save that never happened.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import struct
from collections.abc import Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_
from intervisie_tui.store import crypto
from intervisie_tui.store.errors import DamagedFile
from intervisie_tui.store.fileformat import HEADER_LEN, MAX_FILE_BYTES, TAG_LEN

SLOT_LEN = 64
SLOTS_END = HEADER_LEN + 2 * SLOT_LEN  # 276: the offset of the first frame
FRAME_HEAD = struct.Struct(">I12s")  # ciphertext length (tag included), nonce
FRAME_OVERHEAD = FRAME_HEAD.size + TAG_LEN  # 32 bytes around a frame's plaintext
_SLOT = struct.Struct(">QQQ")  # sequence number, directory frame offset, end of the commit
_SLOT_MAC_LEN = 32
_EMPTY_SLOT = bytes(SLOT_LEN)
TABLE_KIND, DIRECTORY_KIND = b"T", b"D"
LOG_FORMAT = "intervisie-tui/log/2"  # the directory frame's JSON, the same in formats 2 and 3
LOG_VERSIONS = (2, 3)
MARKED_VERSION = 3
"""From this format version on, both commit slots always hold an intact commit (see above)."""


@value_class
class TableRef:
    """Where the current frame of a table is: its offset in the file and its whole length."""

    offset: int
    length: int


@value_class
class Commit:
    """One commit slot: the file's state is the directory at ``directory``; it ends at ``end``."""

    seq: int
    directory: int
    end: int


GENESIS = Commit(0, 0, SLOTS_END)
"""Commit 0 of a format-3 generation: the empty log, written to slot 0 beside commit 1."""


def slot_offset(seq: int) -> int:
    """Commit ``seq`` is written to slot ``seq % 2``, so the previous commit stays intact."""
    return HEADER_LEN + (seq % 2) * SLOT_LEN


def _name_part(name: str) -> bytes:
    return TABLE_KIND + json.dumps(name, ensure_ascii=False).encode("utf-8") + b"\n"


def table_plaintext(name: str, raw: bytes | memoryview) -> bytes:
    """The plaintext of a table frame."""
    return _name_part(name) + raw


def table_frame_length(name: str, raw_length: int) -> int:
    """The whole length of the frame of a table whose JSON is ``raw_length`` bytes."""
    return len(_name_part(name)) + raw_length + FRAME_OVERHEAD


def table_length_in(name: str, ref: TableRef) -> int:
    """The length of the table JSON inside the frame ``ref`` (no reading needed)."""
    return ref.length - FRAME_OVERHEAD - len(_name_part(name))


def split_table(plaintext: bytes) -> tuple[str, memoryview]:
    """``(name, table JSON)`` of a table frame's plaintext."""
    newline = plaintext.find(b"\n")
    if plaintext[:1] != TABLE_KIND or newline < 0:
        raise DamagedFile(N_("the decrypted contents are not valid"), "frame")
    try:
        name = json.loads(plaintext[1:newline])
    except ValueError as error:
        raise DamagedFile(N_("the decrypted contents are not valid"), "frame") from error
    if not isinstance(name, str):
        raise DamagedFile(N_("the decrypted contents are not valid"), "frame")
    return name, memoryview(plaintext)[newline + 1 :]


def directory_plaintext(seq: int, refs: Iterable[tuple[str, TableRef]]) -> bytes:
    """The plaintext of a directory frame: the tables in their order, with their frames."""
    tables = [[name, ref.offset, ref.length] for name, ref in refs]
    return DIRECTORY_KIND + json.dumps(
        {"format": LOG_FORMAT, "seq": seq, "tables": tables}, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def parse_directory(plaintext: bytes, seq: int, end: int) -> dict[str, TableRef]:
    """The tables of a directory frame, checked against its commit (``seq``, frames before ``end``)."""
    try:
        if plaintext[:1] != DIRECTORY_KIND:
            raise ValueError("kind")
        document = json.loads(plaintext[1:])
        if document.get("format") != LOG_FORMAT or document.get("seq") != seq:
            raise ValueError("format")
        refs: dict[str, TableRef] = {}
        for name, offset, length in document["tables"]:
            ok = isinstance(name, str) and isinstance(offset, int) and isinstance(length, int)
            if not ok or name in refs or offset < SLOTS_END or length < FRAME_OVERHEAD or offset + length > end:
                raise ValueError("range")
            refs[name] = TableRef(offset, length)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise DamagedFile(N_("the decrypted contents are not valid"), "directory") from error
    return refs


class FrameCodec:
    """Seals and opens the frames of one file generation (one header)."""

    def __init__(self, master: bytes, header: bytes) -> None:
        seed = header[44:76]  # the header's seed field (fileformat._FIELDS)
        self._cipher: AESGCM = crypto.frame_cipher(master, seed)
        self._commit_key = crypto.commit_key(master, seed)
        self._header = bytes(header)
        self._version = struct.unpack_from(">H", header, 8)[0]

    def _aad(self, offset: int) -> bytes:
        return self._header + struct.pack(">Q", offset)

    def seal(self, offset: int, plaintext: bytes) -> bytes:
        """The frame of ``plaintext`` at ``offset``."""
        nonce = crypto.random_nonce()
        sealed = self._cipher.encrypt(nonce, plaintext, self._aad(offset))
        return FRAME_HEAD.pack(len(sealed), nonce) + sealed

    def open(self, offset: int, nonce: bytes, sealed: bytes | memoryview) -> bytes:
        """Authenticate and decrypt the frame at ``offset``; any changed byte is :class:`DamagedFile`."""
        try:
            return self._cipher.decrypt(nonce, sealed, self._aad(offset))
        except InvalidTag:
            raise DamagedFile(N_("the contents do not match their authentication tag"), f"offset {offset}") from None

    def pack_slot(self, commit: Commit) -> bytes:
        """The 64 bytes of a commit slot."""
        fields = _SLOT.pack(commit.seq, commit.directory, commit.end)
        mac = hmac.new(self._commit_key, self._header + bytes([commit.seq % 2]) + fields, hashlib.sha256).digest()
        return (fields + mac).ljust(SLOT_LEN, b"\0")

    def latest_commit(self, slots: bytes) -> Commit:
        """The newer of the two commit slots, after checking that the pair is a valid state.

        Valid states (docs/FORMAT.md, "Commit slots"): two intact commits with consecutive numbers,
        each in slot ``seq % 2`` (format 3: commit 0 and commit 1 right after a new generation);
        format 2 also allows commit 1 alone beside an all-zero slot 0. Anything else is damage.
        """
        marked = self._version >= MARKED_VERSION
        found: list[Commit] = []
        for index in (0, 1):
            raw = slots[index * SLOT_LEN : (index + 1) * SLOT_LEN]
            if raw == _EMPTY_SLOT and not marked:
                continue
            if raw == _EMPTY_SLOT:
                raise DamagedFile(N_("a commit record is damaged"), f"slot {index} is empty")
            seq, directory, end = _SLOT.unpack_from(raw)
            commit = Commit(seq, directory, end)
            if seq % 2 != index or not hmac.compare_digest(self.pack_slot(commit), raw):
                raise DamagedFile(N_("a commit record is damaged"), f"slot {index}")
            if commit != GENESIS and not (SLOTS_END <= directory < end <= MAX_FILE_BYTES):
                raise DamagedFile(N_("a commit record is damaged"), f"slot {index}")
            if commit == GENESIS and not marked:
                raise DamagedFile(N_("a commit record is damaged"), f"slot {index}")
            found.append(commit)
        # Consecutive commits only: an erased slot beside a later commit, or a gap, can only be
        # damage (never a silent fall-back to older data).
        seqs = sorted(commit.seq for commit in found)
        valid = len(seqs) == 2 and seqs[1] - seqs[0] == 1 or (not marked and seqs == [1])
        if not valid:
            raise DamagedFile(N_("a commit record is damaged"), "slots out of step" if found else "no commit")
        return max(found, key=lambda commit: commit.seq)


def fresh_slots(codec: FrameCodec, first: Commit) -> bytes:
    """Both commit slots of a new format-3 generation: commit 0 in slot 0, ``first`` (commit 1) in slot 1."""
    return codec.pack_slot(GENESIS) + codec.pack_slot(first)


def with_slot(slots: bytes, codec: FrameCodec, commit: Commit) -> bytes:
    """``slots`` (both, 128 bytes) after ``commit`` was written to its slot."""
    packed = codec.pack_slot(commit)
    return packed + slots[SLOT_LEN:] if commit.seq % 2 == 0 else slots[:SLOT_LEN] + packed
