"""Rotating encrypted backups beside the data file, and damaged copies kept aside.

A backup is an exact copy of an earlier state of the encrypted file (same passphrase, re-keyed
with the file), named ``<file>.backup-<number>-<YYYYmmddTHHMMSS>``. The number orders them: each
new backup gets the highest number so far plus one, so a wrong clock (a laptop in 2001, a stamp
in 2099) can neither make a new backup look old and be rotated away at once, nor keep an old one
"newest" for ever. The time is for people. Names from before numbering
(``<file>.backup-<YYYYmmddTHHMMSSffffff>``) still count as backups, older than any numbered one
and ordered among themselves by their stamp.

Rotation is by size (docs/FORMAT.md, "Beside the file"): the newest backup is always kept, and
older ones, newest first, as long as all kept backups together take at most ``BACKUPS_TO_LIVE``
times the file's live size and number at most ``KEEP``. The newest is the state from before
this session's first save, so a damaged file can always be restored to a state no older than
the last session; the older ones are a bonus the budget pays for.

Only ``.backup-`` names are ever rotated. Other copies beside the file are never deleted by the
app: a damaged file kept aside when a backup was restored (``<file>.damaged-<stamp>``), and any
copy another feature keeps on purpose (e.g. a merged copy) under a name of its own.
"""

from __future__ import annotations

import filecmp
import os
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from intervisie_tui.core.values import value_class
from intervisie_tui.store.atomic import atomic_write, fsync_folder, read_bytes_retry

KEEP = 5
"""At most this many backups are kept, however small."""
BACKUPS_TO_LIVE = 3
"""All backups together take at most this many times the file's live size (the newest is kept even when larger)."""
_BACKUP = ".backup-"
_DAMAGED = ".damaged-"
_STAMP = "%Y%m%dT%H%M%S"
_LEGACY_STAMP = "%Y%m%dT%H%M%S%f"
_NUMBERED = re.compile(r"(\d{1,12})-(\d{8}T\d{6})")
_LEGACY = re.compile(r"\d{8}T\d{12}")


@value_class
class Backup:
    """One backup file, its number and the moment it was taken (by the clock of that moment)."""

    path: Path
    taken_at: datetime
    number: int = 0
    """Its place in the order of backups; 0 for a name from before numbering."""


def _parse(name: str) -> tuple[int, datetime] | None:
    """``(number, taken at)`` of a backup's name after the marker, or None when it is not one."""
    try:
        if match := _NUMBERED.fullmatch(name):
            return int(match.group(1)), _stamp_time(match.group(2))
        if _LEGACY.fullmatch(name):
            return 0, _stamp_time(name[:15]).replace(microsecond=int(name[15:]))
    except ValueError:
        return None
    return None


def _stamp_time(stamp: str) -> datetime:
    """``YYYYmmddTHHMMSS`` (digits checked by the caller's pattern) as a time; ValueError when no such
    moment. By hand: ``datetime.strptime`` imports its parser (~1.4 ms) on the way to every file."""
    return datetime(
        int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15])
    )


def list_backups(target: Path) -> list[Backup]:
    """Backups of ``target``, newest first (by number; unnumbered ones last, by their stamp)."""
    prefix = target.name + _BACKUP
    found: list[Backup] = []
    if not target.parent.is_dir():
        return found
    for candidate in target.parent.iterdir():
        if not candidate.name.startswith(prefix):
            continue
        parsed = _parse(candidate.name[len(prefix) :])
        if parsed is not None:
            found.append(Backup(candidate, parsed[1], parsed[0]))
    return sorted(found, key=lambda backup: (backup.number, backup.taken_at), reverse=True)


def list_damaged(target: Path) -> list[Path]:
    """Damaged copies that were kept aside."""
    prefix = target.name + _DAMAGED
    if not target.parent.is_dir():
        return []
    return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix))


def _next_backup_name(target: Path, existing: list[Backup], now: datetime) -> Path:
    number = (existing[0].number if existing else 0) + 1
    while True:
        candidate = target.with_name(f"{target.name}{_BACKUP}{number:06d}-{now.strftime(_STAMP)}")
        if not os.path.lexists(candidate):
            return candidate
        number += 1


def take_backup(target: Path, now: datetime, data: bytes | None = None) -> Path | None:
    """Copy the current encrypted file to a new backup (:func:`rotate_backups` drops old ones).

    ``data`` may carry the file's bytes when the caller already has them;
    otherwise the file is compared and copied piece by piece, so a large
    history is never held in memory twice for a backup.
    Returns the new backup, or ``None`` when a backup with the same bytes exists already (after a
    restore, the file equals the backup it came from). Backups of other sizes are passed over
    without reading them.
    """
    existing = list_backups(target)
    if data is None:
        if not target.exists():
            return None
        if any(filecmp.cmp(target, backup.path, shallow=False) for backup in existing):
            return None
        pieces: Iterator[bytes] | list[bytes] = _pieces(target)
    else:
        same_size = [b for b in existing if b.path.stat().st_size == len(data)]
        if any(read_bytes_retry(backup.path) == data for backup in same_size):
            return None
        pieces = [data]
    backup = _next_backup_name(target, existing, now)
    atomic_write(backup, pieces)
    return backup


def rotate_backups(target: Path, live_bytes: int) -> list[Path]:
    """Drop old backups beyond the budget; returns the ones dropped.

    Newest first, a backup is kept while the kept ones together take at most ``BACKUPS_TO_LIVE``
    times ``live_bytes`` (the file's live size) and number at most ``KEEP``; the newest is always
    kept, and once one does not fit, it and every older one go. Only ``.backup-`` names are ever
    rotated. A backup that cannot be deleted stays (and is tried again at the next rotation).
    """
    budget = BACKUPS_TO_LIVE * live_bytes
    total, full, dropped = 0, False, []
    for index, backup in enumerate(list_backups(target)):
        try:
            size = backup.path.stat().st_size
        except OSError:
            continue  # gone meanwhile, or unreadable: nothing to count
        if index == 0 or (not full and index < KEEP and total + size <= budget):
            total += size
            continue
        full = True
        try:
            backup.path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            continue
        dropped.append(backup.path)
    return dropped


def _pieces(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of ``path`` in pieces of ``size``."""
    with open(path, "rb") as handle:
        while piece := handle.read(size):
            yield piece


def _free_name(target: Path, marker: str, now: datetime) -> Path:
    """``<file><marker><stamp>`` that does not exist yet (the stamp steps on by a microsecond)."""
    moment = now
    while True:
        candidate = target.with_name(target.name + marker + moment.strftime(_LEGACY_STAMP))
        if not os.path.lexists(candidate):
            return candidate
        moment += timedelta(microseconds=1)


def keep_damaged(target: Path, now: datetime) -> Path:
    """Keep the damaged file at ``target`` as ``<file>.damaged-<stamp>``; ``target`` stays in place.

    A second name for the same bytes (a hard link) costs no space, so it works on a full disk;
    where the file system has no hard links (FAT and exFAT sticks) the bytes are copied.
    """
    aside = _free_name(target, _DAMAGED, now)
    try:
        os.link(target, aside, follow_symlinks=False)
    except OSError:
        atomic_write(aside, _pieces(target))
        return aside
    fsync_folder(target.parent)
    return aside
