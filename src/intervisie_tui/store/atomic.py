"""Crash-safe replacement of a file: after a kill or a full disk at any moment,
the path holds either the old bytes or the new ones, never a mix.

Sequence: write a temp file in the same folder (owner-only), fsync it,
``os.replace`` it over the target, fsync the folder. Windows has no folder
fsync, and virus scanners or indexers briefly hold files open there, so the
replace is retried for a short while. ``IS_WINDOWS`` is a module attribute so
tests can simulate that platform on Linux.
"""

from __future__ import annotations

import errno
import os
import secrets
import time
from collections.abc import Iterable
from pathlib import Path

IS_WINDOWS = os.name == "nt"
REPLACE_ATTEMPTS = 20
REPLACE_PAUSE_S = 0.05
TEMP_SUFFIX = ".tmp"

# Folder fsync is not supported by every file system (some network shares, FUSE);
# those errors mean "cannot", not "failed", and the data file itself was synced.
_DIR_FSYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EISDIR}


def temp_name_prefix(target: Path) -> str:
    """Temp files of ``target`` are named ``.<name>.<random>.tmp`` in its folder."""
    return f".{target.name}."


def _open_flags() -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    return flags


def write_new_file(path: Path, chunks: Iterable[bytes]) -> None:
    """Create ``path`` owner-only (0600), write ``chunks`` and fsync. Fails if it exists."""
    fd = os.open(path, _open_flags(), 0o600)
    try:
        for chunk in chunks:
            view = memoryview(chunk)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_with_retry(source: Path, target: Path) -> None:
    """``os.replace``, retried on Windows while another program holds the target."""
    attempts = REPLACE_ATTEMPTS if IS_WINDOWS else 1
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable. A no-op on Windows, which cannot."""
    if IS_WINDOWS:
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _DIR_FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def atomic_write(target: Path, chunks: Iterable[bytes]) -> bool:
    """Replace ``target`` with ``chunks`` atomically; returns whether durably.

    On an error before the replace the temp file is removed, ``target`` is
    untouched and the error is raised. Once the replace happened the new bytes
    are in place, so nothing is raised: a failed folder fsync only means the
    rename might not survive a power cut, and the result is False.
    """
    temp = target.with_name(f"{temp_name_prefix(target)}{secrets.token_hex(6)}{TEMP_SUFFIX}")
    replacing = False
    try:
        write_new_file(temp, chunks)
        replacing = True
        replace_with_retry(temp, target)
    except BaseException:
        replaced = replacing and not _exists(temp) and _exists(target)
        if not replaced:
            try:
                temp.unlink()
            except FileNotFoundError:
                pass
            raise
        # The replace went through and then reported an error: it is done.
    try:
        fsync_folder(target.parent)
    except OSError:
        return False
    return True


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def clean_stale_temps(target: Path) -> int:
    """Remove temp files a killed save left beside ``target``; returns how many.

    Call only while holding the file's lock, so no live save is disturbed.
    """
    removed = 0
    prefix = temp_name_prefix(target)
    # Not glob(): a user's file name may contain pattern characters such as "[".
    for candidate in target.parent.iterdir():
        if not (candidate.name.startswith(prefix) and candidate.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            candidate.unlink()
            removed += 1
        except FileNotFoundError:
            pass
    return removed


def read_bytes_retry(path: Path) -> bytes:
    """Read a whole file, retrying briefly on Windows sharing violations."""
    attempts = REPLACE_ATTEMPTS if IS_WINDOWS else 1
    for attempt in range(attempts):
        try:
            return path.read_bytes()
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)
    raise AssertionError("unreachable")
