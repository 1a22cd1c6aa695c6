"""One writer per file: a second one is refused, never let in to overwrite.

A second process or a second guard in the same process is refused with a
message saying where and since when the file is open; a killed holder never
leaves a stale lock; a refused unlock does not even read the file.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intervisie_tui.store.errors import VaultLocked
from intervisie_tui.store.lock import FileGuard, owner_path_for
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from intervisie_tui.store.lock import FileGuard

    guard = FileGuard(Path(sys.argv[1]))  # keep a reference: a collected guard lets go
    guard.acquire()
    print("locked", flush=True)
    time.sleep(120)
    """
)


def read_line(process: subprocess.Popen, timeout: float = 20.0) -> str:
    """The child's next stdout line, or fail after ``timeout`` seconds."""
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    assert ready, "the child did not answer in time"
    return process.stdout.readline().strip()


@pytest.fixture
def holder(data_file: Path) -> Iterator[subprocess.Popen]:
    """Another process holding the lock of ``data_file``; killed at the end if still alive."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_file)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert read_line(process) == "locked"
        yield process
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        process.stdout.close()


def test_a_second_process_is_refused_with_where_and_since(data_file: Path, holder: subprocess.Popen) -> None:
    """The refusal names this host, the holder's process id and when it took the file."""
    with pytest.raises(VaultLocked) as raised:
        FileGuard(data_file).acquire()
    refusal = raised.value
    assert refusal.host == socket.gethostname()
    assert refusal.pid == holder.pid
    assert refusal.since is not None
    assert abs((datetime.now(UTC) - refusal.since).total_seconds()) < 60
    message = refusal.message()
    assert socket.gethostname() in message
    assert str(holder.pid) in message
    assert message.startswith("Dit bestand is al geopend op")  # Dutch by default


def test_a_killed_holder_leaves_no_stale_lock(data_file: Path, holder: subprocess.Popen) -> None:
    """kill -9 of the holder frees the file at once; the new holder's note replaces the old one."""
    with pytest.raises(VaultLocked):
        FileGuard(data_file).acquire()
    os.kill(holder.pid, signal.SIGKILL)
    assert holder.wait(timeout=10) == -signal.SIGKILL
    guard = FileGuard(data_file)
    started = time.perf_counter()
    guard.acquire()
    try:
        assert time.perf_counter() - started < 1.0
        assert guard.held
        assert f'"pid": {os.getpid()}' in owner_path_for(data_file).read_text(encoding="utf-8")
        with pytest.raises(VaultLocked) as raised:
            FileGuard(data_file).acquire()
        assert raised.value.pid == os.getpid()
    finally:
        guard.release()


def test_a_second_guard_in_the_same_process_is_refused(data_file: Path) -> None:
    """Two windows of one process may not both write: the second guard is refused until the first lets go."""
    first = FileGuard(data_file)
    first.acquire()
    try:
        second = FileGuard(data_file)
        with pytest.raises(VaultLocked) as raised:
            second.acquire()
        assert not second.held
        assert raised.value.pid == os.getpid()
        assert raised.value.host == socket.gethostname()
    finally:
        first.release()
    second.acquire()
    second.release()
    assert not owner_path_for(data_file).exists()


def test_unlock_of_a_locked_file_is_refused_before_reading_it(
    data_file: Path, clock, fast_kdf, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Vault.unlock takes the lock first: a locked file is neither read nor cleaned up."""
    Vault.create(data_file, PASSPHRASE, {"t": b"body"}, kdf=fast_kdf, clock=clock).close()
    stale = data_file.with_name(".groep.ivt.abc123.tmp")
    stale.write_bytes(b"a live save of the holder")

    def must_not_read(*args, **kwargs):
        raise AssertionError("the locked file was read")

    monkeypatch.setattr(Vault, "_read", classmethod(must_not_read))
    holder = FileGuard(data_file)
    holder.acquire()
    try:
        with pytest.raises(VaultLocked):
            Vault.unlock(data_file, PASSPHRASE, clock=clock)
        assert stale.exists(), "the holder's temp file was removed"
    finally:
        holder.release()
    with pytest.raises(AssertionError, match="the locked file was read"):  # control: the guard is in the path
        Vault.unlock(data_file, PASSPHRASE, clock=clock)
    assert not stale.exists()
    again = FileGuard(data_file)
    again.acquire()  # the failed unlock released the lock again
    again.release()


# -- the owner note across computers (a sync tool carries it; no OS lock does) --------------------

SINCE = datetime(2026, 12, 5, 10, 15, tzinfo=UTC)


def _foreign_note(data_file: Path, seen: datetime, host: str = "LAPTOP2") -> str:
    text = json.dumps({"host": host, "pid": 4242, "since": SINCE.isoformat(), "seen": seen.isoformat()})
    owner_path_for(data_file).write_text(text, encoding="utf-8")
    return text


def test_a_fresh_note_from_another_host_is_found_and_kept_until_claimed(data_file: Path) -> None:
    written = _foreign_note(data_file, SINCE + timedelta(minutes=4))
    guard = FileGuard(data_file)
    guard.host = "LAPTOP1"
    guard.acquire(SINCE + timedelta(minutes=5))
    try:
        assert guard.elsewhere is not None
        assert (guard.elsewhere.host, guard.elsewhere.since) == ("LAPTOP2", SINCE)
        guard.refresh(SINCE + timedelta(minutes=6))  # not ours yet: the other host's note stays
        assert owner_path_for(data_file).read_text(encoding="utf-8") == written
    finally:
        guard.release()
    assert owner_path_for(data_file).read_text(encoding="utf-8") == written  # saying no erased nothing


def test_a_claimed_file_writes_its_note_and_refreshes_it(data_file: Path) -> None:
    _foreign_note(data_file, SINCE + timedelta(minutes=4))
    guard = FileGuard(data_file)
    guard.host = "LAPTOP1"
    opened = SINCE + timedelta(minutes=5)
    guard.acquire(opened)
    try:
        guard.claim(opened)
        note = json.loads(owner_path_for(data_file).read_text(encoding="utf-8"))
        assert (note["host"], note["seen"]) == ("LAPTOP1", opened.isoformat())
        guard.refresh(opened + timedelta(minutes=1))
        note = json.loads(owner_path_for(data_file).read_text(encoding="utf-8"))
        assert note["since"] == opened.isoformat()
        assert note["seen"] == (opened + timedelta(minutes=1)).isoformat()
    finally:
        guard.release()
    assert not owner_path_for(data_file).exists()


def test_a_stale_note_from_another_host_is_replaced_at_once(data_file: Path) -> None:
    _foreign_note(data_file, SINCE)
    guard = FileGuard(data_file)
    guard.host = "LAPTOP1"
    guard.acquire(SINCE + timedelta(minutes=3))
    try:
        assert guard.elsewhere is None
        assert json.loads(owner_path_for(data_file).read_text(encoding="utf-8"))["host"] == "LAPTOP1"
    finally:
        guard.release()


@pytest.mark.skipif(os.name == "nt", reason="flock is POSIX")
def test_a_drive_without_file_locks_refuses_writing_and_says_why(tmp_path: Path, monkeypatch) -> None:
    import errno
    import fcntl

    from intervisie_tui.store.errors import NoLockFile

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    guard = FileGuard(tmp_path / "groep.ivt")
    with pytest.raises(NoLockFile) as raised:
        guard.acquire()
    assert raised.value.reason == "the drive of this folder cannot lock files"
    assert not guard.held
