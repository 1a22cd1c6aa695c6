"""Rotating encrypted backups beside the data file, and moving damage aside.

Backups are exact copies of an earlier state of the encrypted file, named
``<file>.backup-<YYYYmmddTHHMMSSffffff>``; the newest ``KEEP`` are kept. They
are encrypted under the same passphrase and are re-keyed with the file.
A damaged file is renamed to ``<file>.damaged-<stamp>``, never deleted.
"""

from __future__ import annotations

import filecmp
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from intervisie_tui.core.values import value_class
from intervisie_tui.store.atomic import atomic_write, fsync_folder, read_bytes_retry

KEEP = 5
_BACKUP = ".backup-"
_DAMAGED = ".damaged-"
_STAMP = "%Y%m%dT%H%M%S%f"


@value_class
class Backup:
    """One backup file and the moment it was taken."""

    path: Path
    taken_at: datetime


def _stamp(now: datetime) -> str:
    return now.strftime(_STAMP)


def _free_name(target: Path, marker: str, now: datetime) -> Path:
    """``<file><marker><stamp>`` that does not exist yet.

    Two copies within one clock tick (a coarse or frozen clock) would share a
    name and the second would overwrite the first, so the stamp steps on by a
    microsecond until the name is free; the order of the names stays true.
    """
    moment = now
    while True:
        candidate = target.with_name(target.name + marker + _stamp(moment))
        if not os.path.lexists(candidate):
            return candidate
        moment += timedelta(microseconds=1)


def list_backups(target: Path) -> list[Backup]:
    """Backups of ``target``, newest first."""
    prefix = target.name + _BACKUP
    found: list[Backup] = []
    if not target.parent.is_dir():
        return found
    for candidate in target.parent.iterdir():
        if not candidate.name.startswith(prefix):
            continue
        try:
            taken = datetime.strptime(candidate.name[len(prefix) :], _STAMP)
        except ValueError:
            continue
        found.append(Backup(candidate, taken))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def list_damaged(target: Path) -> list[Path]:
    """Damaged copies that were moved aside."""
    prefix = target.name + _DAMAGED
    if not target.parent.is_dir():
        return []
    return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix))


def take_backup(target: Path, now: datetime, data: bytes | None = None) -> Path | None:
    """Copy the current encrypted file to a new backup and drop the oldest beyond ``KEEP``.

    ``data`` may carry the file's bytes when the caller already has them;
    otherwise the file is compared and copied piece by piece, so a large
    history is never held in memory twice for a backup.
    Returns the new backup, or ``None`` when the newest backup is identical.
    """
    existing = list_backups(target)
    if data is None:
        if not target.exists():
            return None
        if existing and filecmp.cmp(target, existing[0].path, shallow=False):
            return None
        pieces: Iterator[bytes] | list[bytes] = _pieces(target)
    else:
        if existing and read_bytes_retry(existing[0].path) == data:
            return None
        pieces = [data]
    backup = _free_name(target, _BACKUP, now)
    atomic_write(backup, pieces)
    for old in list_backups(target)[KEEP:]:
        old.path.unlink(missing_ok=True)
    return backup


def _pieces(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of ``path`` in pieces of ``size``."""
    with open(path, "rb") as handle:
        while piece := handle.read(size):
            yield piece


def move_aside(target: Path, now: datetime) -> Path:
    """Rename a damaged file out of the way (never delete it); returns its new path."""
    aside = _free_name(target, _DAMAGED, now)
    os.replace(target, aside)
    fsync_folder(target.parent)
    return aside


def restore_backup(target: Path, backup: Path, now: datetime) -> Path | None:
    """Put ``backup`` in place of ``target``; a present target is moved aside first.

    Returns where the replaced file went (or ``None`` when there was none).
    """
    data = read_bytes_retry(backup)
    aside = move_aside(target, now) if target.exists() else None
    atomic_write(target, [data])
    return aside
