"""Putting a backup in place of the file: checked first, atomic, and nothing is lost.

1. The backup is read and fully verified with the passphrase (every byte authenticated). A
   damaged or truncated backup, or a passphrase that does not open it, stops here: nothing moves.
2. The file in place is kept before it is replaced: as a new backup when it opens with the
   passphrase, or opens with another one (it is not damaged, so it is never called that), and
   as ``<file>.damaged-<stamp>`` only when it really is damaged or not ours.
3. The backup's bytes are written beside the file and renamed over it (``atomic_write``): after
   a kill or a full disk at any moment the file is the old one or the restored one, never gone.
   Only then are old backups rotated (against the restored file's size, which is at least its
   live size; the next session's first save rotates against the live size itself); when this
   step fails, the copy made in step 2 goes again, so a failed restore leaves every file as it was.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from intervisie_tui.core.values import value_class
from intervisie_tui.store import backups
from intervisie_tui.store.atomic import atomic_write
from intervisie_tui.store.errors import DamagedFile, UnsupportedFile, WrongPassphrase
from intervisie_tui.store.fileformat import parse_header
from intervisie_tui.store.filekey import FileKey, read_data_file
from intervisie_tui.store.paths import resolve


@value_class
class RestoreReport:
    """What a restore did with the file that was in place."""

    kept: Path | None
    """Where that file's bytes are kept now (None: there was no file, or it equalled the backup)."""
    damaged: bool = False
    """Whether it was kept as a damaged copy (it did not open) rather than as a backup."""
    made: bool = False
    """Whether ``kept`` was made by this restore (and must go again if the restore fails)."""


def verify(data: bytes, passphrase: str, key: FileKey | None = None) -> FileKey:
    """Authenticate every byte of a whole file's ``data``; returns its key (``key`` is reused when it fits).

    Raises :class:`WrongPassphrase`, :class:`DamagedFile` or :class:`UnsupportedFile`.
    """
    header = parse_header(data)
    if key is None or not key.fits(header):
        key = FileKey.derive(passphrase, header.kdf, header.salt)
    key.open_tables(data, header)
    return key


def _keep_current(target: Path, current: bytes, passphrase: str, key: FileKey, now: datetime) -> RestoreReport:
    try:
        verify(current, passphrase, key)
    except WrongPassphrase:
        pass  # intact under another passphrase: a state to keep, not damage
    except (DamagedFile, UnsupportedFile):
        return RestoreReport(backups.keep_damaged(target, now), damaged=True, made=True)
    kept = backups.take_backup(target, now)
    if kept is None:  # a backup holds exactly these bytes already
        return RestoreReport(_same_backup(target, current))
    return RestoreReport(kept, made=True)


def _same_backup(target: Path, data: bytes) -> Path | None:
    return next((b.path for b in backups.list_backups(target) if b.path.read_bytes() == data), None)


def restore_backup(target: Path, backup: Path, passphrase: str, now: datetime) -> RestoreReport:
    """Verify ``backup`` with ``passphrase``, keep the file in place, then put the backup there atomically.

    The caller holds the file's lock. Errors of step 1 (see the module) leave every file as it
    was; an ``OSError`` (a full disk) in step 2 or 3 leaves the file in place byte for byte.
    """
    target = resolve(target)
    data = read_data_file(backup)
    key = verify(data, passphrase)
    report = RestoreReport(None)
    if target.exists():
        current = read_data_file(target)
        if current == data:
            return report
        report = _keep_current(target, current, passphrase, key, now)
        del current
    try:
        atomic_write(target, [data])
    except BaseException:
        if report.made and report.kept is not None:
            report.kept.unlink(missing_ok=True)  # a second copy of the file that stays in place
        raise
    backups.rotate_backups(target, len(data))
    return report
