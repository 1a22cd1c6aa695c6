"""Reading, appending to and rewriting format-2 files (bytes in ``logformat.py``).

* :func:`read_log` authenticates *every* frame up to the last commit before anything is
  returned (a changed byte anywhere is damage, even in a table nobody asked for), but keeps
  the plaintext of only the tables ``keep`` names; the rest are returned as :class:`TableRef`
  and read again when needed, so a long history is not held in memory.
* :func:`append_commit` writes the changed tables and a new directory after the last commit,
  fsyncs, then writes the unused commit slot and fsyncs again. Until that slot is written the
  file's state is the previous commit, so a kill or a full disk at any moment leaves the state
  before or after the save. Bytes after the last commit (an interrupted save) are cut off by the
  next append.
* :func:`write_fresh` writes a whole new generation (fresh seed) through ``atomic.atomic_write``:
  for new files, compaction, save-as and re-keying.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_
from intervisie_tui.store import atomic, crypto
from intervisie_tui.store.errors import DamagedFile
from intervisie_tui.store.fileformat import (
    FORMAT_VERSION,
    HEADER_LEN,
    KdfParams,
    finish_header,
    pack_fields,
)
from intervisie_tui.store.logformat import (
    FRAME_HEAD,
    FRAME_OVERHEAD,
    SLOT_LEN,
    SLOTS_END,
    Commit,
    FrameCodec,
    TableRef,
    directory_plaintext,
    fresh_slots,
    parse_directory,
    slot_offset,
    split_table,
    table_frame_length,
    table_length_in,
    table_plaintext,
    with_slot,
)

Encoded = bytes | memoryview
Tables = Mapping[str, Encoded | TableRef]
ReadOld = Callable[[str, TableRef], Encoded]


@value_class
class LogState:
    """What a vault knows about its format-2 file after a read or a write."""

    header: bytes
    commit: Commit
    refs: dict[str, TableRef]
    slots: bytes
    """Both commit slots as this process last read or wrote them (checked before every write)."""
    uncertain_slots: bytes = b""
    """The slots of a commit that may or may not have reached the disk (see :class:`CommitUncertain`)."""
    tail: int = 0
    """Bytes after the last commit found at unlock: a save that was interrupted."""

    @property
    def version(self) -> int:
        """The format version of the file's header (2 or 3)."""
        return int.from_bytes(self.header[8:10], "big")

    @property
    def live_bytes(self) -> int:
        """Bytes of the current frames (tables and directory); the rest of the log is superseded."""
        return sum(ref.length for ref in self.refs.values()) + (self.commit.end - self.commit.directory)

    @property
    def dead_bytes(self) -> int:
        """Bytes of superseded frames, which a compaction would drop."""
        return self.commit.end - SLOTS_END - self.live_bytes


class CommitUncertain(OSError):
    """Writing a commit slot failed and the previous slot could not be put back.

    The file is at the previous commit or at the new one; ``slots`` are the slots of the new one,
    which a later save accepts as well as the previous ones (its own commit, never another writer's).
    """

    def __init__(self, error: OSError, slots: bytes) -> None:
        super().__init__(error.errno, error.strerror)
        self.slots = slots


def _read_exactly(handle: BinaryIO, count: int, offset: int) -> bytes:
    data = handle.read(count)
    if len(data) != count:
        raise DamagedFile(N_("the file is shorter than its last save"), f"offset {offset}")
    return data


def _read_frame(handle: BinaryIO, codec: FrameCodec, offset: int, end: int, at: int | None = None) -> tuple[int, bytes]:
    """``(whole frame length, plaintext)`` of the frame at ``offset`` (the handle is positioned there).

    ``at`` is the frame's offset in the file when ``handle`` holds only the frame.
    """
    length, nonce = FRAME_HEAD.unpack(_read_exactly(handle, FRAME_HEAD.size, offset))
    if offset + FRAME_HEAD.size + length > end:
        raise DamagedFile(N_("the decrypted contents are not valid"), f"frame at {offset}")
    sealed = _read_exactly(handle, length, offset)
    return FRAME_HEAD.size + length, codec.open(offset if at is None else at, nonce, sealed)


def read_log(
    handle: BinaryIO, size: int, master: bytes, header: bytes, keep: Callable[[str], bool]
) -> tuple[LogState, dict[str, Encoded | TableRef]]:
    """Authenticate a format-2 file and return its state and tables (kept ones as bytes)."""
    codec = FrameCodec(master, header)
    handle.seek(HEADER_LEN)
    slots = _read_exactly(handle, 2 * SLOT_LEN, HEADER_LEN)
    commit = codec.latest_commit(slots)
    if size < commit.end:
        raise DamagedFile(N_("the file is shorter than its last save"), f"{size} of {commit.end} bytes")
    handle.seek(commit.directory)
    length, plaintext = _read_frame(handle, codec, commit.directory, commit.end)
    if commit.directory + length != commit.end:
        raise DamagedFile(N_("the decrypted contents are not valid"), "directory")
    refs = parse_directory(plaintext, commit.seq, commit.directory)
    by_offset = {ref.offset: (name, ref) for name, ref in refs.items()}
    kept: dict[str, Encoded] = {}
    seen = 0
    offset = SLOTS_END
    handle.seek(offset)
    while offset < commit.directory:
        length, plaintext = _read_frame(handle, codec, offset, commit.directory)
        entry = by_offset.get(offset)
        if entry is not None:
            name, ref = entry
            found, raw = split_table(plaintext)
            if found != name or ref.length != length:
                raise DamagedFile(N_("the decrypted contents are not valid"), f"frame at {offset}")
            seen += 1
            if keep(name):
                kept[name] = raw
        offset += length
    if offset != commit.directory or seen != len(refs):
        raise DamagedFile(N_("the decrypted contents are not valid"), "directory")
    tables = {name: kept.get(name, ref) for name, ref in refs.items()}
    return LogState(header, commit, refs, slots, tail=size - commit.end), tables


def read_table(source: Path | int, master: bytes, header: bytes, name: str, ref: TableRef) -> memoryview:
    """The JSON of table ``name`` from its frame ``ref``, read from a path or an open descriptor."""
    if isinstance(source, int):
        handle: BinaryIO = io.BytesIO(os.pread(source, ref.length, ref.offset))
        length, plaintext = _read_frame(handle, FrameCodec(master, header), 0, ref.length, at=ref.offset)
    else:
        with open(source, "rb") as file:
            file.seek(ref.offset)
            length, plaintext = _read_frame(file, FrameCodec(master, header), ref.offset, ref.offset + ref.length)
    found, raw = split_table(plaintext)
    if found != name or length != ref.length:
        raise DamagedFile(N_("the decrypted contents are not valid"), f"frame at {ref.offset}")
    return raw


def new_header(master: bytes, kdf: KdfParams, salt: bytes) -> bytes:
    """A header for a new generation in the current format (fresh seed)."""
    fields = pack_fields(kdf, salt, crypto.random_seed(), 0, version=FORMAT_VERSION)
    return finish_header(fields, crypto.header_mac(master, fields))


def write_fresh(
    target: Path, master: bytes, kdf: KdfParams, salt: bytes, tables: Tables, read_old: ReadOld
) -> tuple[LogState, bool]:
    """Write ``tables`` as a new generation to ``target`` (replaced atomically); ``(state, durable)``.

    Tables given as :class:`TableRef` are read with ``read_old`` one at a time while the new
    file is written, so a compaction never holds the whole history in memory.
    """
    header = new_header(master, kdf, salt)
    codec = FrameCodec(master, header)
    refs: dict[str, TableRef] = {}
    offset = SLOTS_END
    for name, value in tables.items():
        raw_length = table_length_in(name, value) if isinstance(value, TableRef) else len(value)
        refs[name] = TableRef(offset, table_frame_length(name, raw_length))
        offset += refs[name].length
    directory = codec.seal(offset, directory_plaintext(1, refs.items()))
    commit = Commit(1, offset, offset + len(directory))
    slots = fresh_slots(codec, commit)

    def pieces():
        yield header + slots
        for name, value in tables.items():
            raw = read_old(name, value) if isinstance(value, TableRef) else value
            frame = codec.seal(refs[name].offset, table_plaintext(name, raw))
            if len(frame) != refs[name].length:
                raise ValueError(f"table {name!r} changed while it was written")
            yield frame
        yield directory

    durable = atomic.atomic_write(target, pieces())
    return LogState(header, commit, refs, slots), durable


def _open_for_append(path: Path) -> int:
    flags = os.O_RDWR | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    attempts = atomic.REPLACE_ATTEMPTS if atomic.IS_WINDOWS else 1
    for attempt in range(attempts):
        try:
            return os.open(path, flags)
        except PermissionError:  # Windows: a scanner or indexer holds the file for a moment
            if attempt == attempts - 1:
                raise
            time.sleep(atomic.REPLACE_PAUSE_S)
    raise AssertionError("unreachable")


def _write_all(fd: int, data: Encoded) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


@value_class
class AppendPlan:
    """What :func:`append_commit` would write: where each table's frame is, and the file it leaves."""

    refs: dict[str, TableRef]
    """Every table's frame after the append (unchanged tables keep theirs)."""
    seq: int
    directory: bytes
    """The plaintext of the new directory frame, written at ``end - len(directory) - FRAME_OVERHEAD``."""
    end: int
    """The file's size after the append (bytes after the last commit are cut off)."""

    @property
    def live_bytes(self) -> int:
        """The live bytes the file would have after the append (see :attr:`LogState.live_bytes`)."""
        return sum(ref.length for ref in self.refs.values()) + len(self.directory) + FRAME_OVERHEAD


def plan_append(state: LogState, tables: Tables, changed: set[str]) -> AppendPlan:
    """Where appending the ``changed`` tables (and any table new to the log) would put every frame.

    Frame lengths follow from the plaintext lengths, so nothing is encrypted here; the vault
    uses the plan to decide between appending and compacting before anything is written.
    """
    offset = state.commit.end
    refs: dict[str, TableRef] = {}
    for name, value in tables.items():
        if name in changed or name not in state.refs:
            if isinstance(value, TableRef):
                raise ValueError(f"table {name!r} is not in memory")
            refs[name] = TableRef(offset, table_frame_length(name, len(value)))
            offset += refs[name].length
        else:
            refs[name] = state.refs[name]
    seq = state.commit.seq + 1
    directory = directory_plaintext(seq, refs.items())
    return AppendPlan(refs, seq, directory, offset + len(directory) + FRAME_OVERHEAD)


def append_commit(
    path: Path, master: bytes, state: LogState, tables: Tables, changed: set[str], plan: AppendPlan | None = None
) -> tuple[LogState, bool]:
    """Append the ``changed`` tables and a new directory, then commit; ``(state, durable)``.

    ``tables`` is the whole database in its order; unchanged tables keep their frames. ``plan``
    is :func:`plan_append` of the same arguments when the caller made it already. On an
    error before the commit slot is written the file's state is unchanged and the error is
    raised; once the slot is written the save has happened, and a failing fsync only makes
    ``durable`` False.
    """
    plan = plan or plan_append(state, tables, changed)
    codec = FrameCodec(master, state.header)
    frames: list[bytes] = []
    for name, value in tables.items():
        ref = plan.refs[name]
        if ref.offset >= state.commit.end:  # written by this append
            if isinstance(value, TableRef):
                raise ValueError(f"table {name!r} is not in memory")
            frame = codec.seal(ref.offset, table_plaintext(name, value))
            if len(frame) != ref.length:
                raise ValueError(f"table {name!r} changed while it was written")
            frames.append(frame)
    refs, seq = plan.refs, plan.seq
    offset = plan.end - len(plan.directory) - FRAME_OVERHEAD
    frames.append(codec.seal(offset, plan.directory))
    commit = Commit(seq, offset, plan.end)
    fd = _open_for_append(path)
    committed = slot_touched = False
    try:
        os.lseek(fd, slot_offset(seq), os.SEEK_SET)
        previous_slot = os.read(fd, SLOT_LEN)  # put back if writing the new one fails
        os.lseek(fd, state.commit.end, os.SEEK_SET)
        for frame in frames:
            _write_all(fd, frame)
        os.ftruncate(fd, commit.end)  # drops what an interrupted save left after the last commit
        os.fsync(fd)
        os.lseek(fd, slot_offset(seq), os.SEEK_SET)
        slot_touched = True
        _write_all(fd, codec.pack_slot(commit))
        committed = True
        os.fsync(fd)
    except OSError as error:
        if not committed:
            try:
                # The new slot may be on disk, whole or torn: put the old one back before the
                # frames it points to are cut off (if that fails, the frames stay).
                if slot_touched:
                    os.lseek(fd, slot_offset(seq), os.SEEK_SET)
                    _write_all(fd, previous_slot)
                os.ftruncate(fd, state.commit.end)
            except OSError:
                if slot_touched:  # the file may now be at the new commit, or not
                    raise CommitUncertain(error, with_slot(state.slots, codec, commit)) from error
            raise
        return LogState(state.header, commit, refs, with_slot(state.slots, codec, commit)), False
    finally:
        os.close(fd)
    return LogState(state.header, commit, refs, with_slot(state.slots, codec, commit)), True


def matches_disk(path: Path, state: LogState, reader: int | None = None) -> bool:
    """Whether ``path`` still holds ``state``: same header, both commit slots as this process last
    read or wrote them (so the newest commit is the one it wrote last, not another writer's),
    nothing cut off, and (given the descriptor ``reader`` holds open) still the same file.

    Checked before every write, so a file another program replaced, restored or appended to is
    never written over.
    """
    if reader is not None:
        held, current = os.fstat(reader), os.stat(path)
        if (held.st_ino, held.st_dev) != (current.st_ino, current.st_dev):
            return False
    with open(path, "rb") as handle:
        header = handle.read(HEADER_LEN)
        slots = handle.read(2 * SLOT_LEN)
        size = handle.seek(0, os.SEEK_END)
    ours = slots == state.slots or (state.uncertain_slots and slots == state.uncertain_slots)
    return header == state.header and bool(ours) and size >= state.commit.end
