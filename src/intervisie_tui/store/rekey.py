"""Change the passphrase of a file and of every backup beside it.

Afterwards no file in the folder that the app can open (main file, backups)
opens with the old passphrase, and stale temp files are gone. Copies taken
earlier (a USB stick, a synced folder, old disk blocks) cannot be revoked; the
UI says so. Damaged copies moved aside cannot be re-encrypted; they are
reported so the user can delete them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from intervisie_tui.core.values import value_class
from intervisie_tui.store import atomic, backups
from intervisie_tui.store.errors import VaultError, WrongPassphrase
from intervisie_tui.store.fileformat import parse_header
from intervisie_tui.store.filekey import FileKey, read_data_file, read_header_bytes
from intervisie_tui.store.storage import VaultStorage

if TYPE_CHECKING:
    from intervisie_tui.store.vault import Vault


@value_class
class RekeyReport:
    """What a re-key changed."""

    backups_rekeyed: int
    backups_unreadable: tuple[Path, ...]
    damaged_left: tuple[Path, ...]


def _rekey_backup(path: Path, old: FileKey, new: FileKey, old_passphrase: str, new_passphrase: str) -> None:
    data = read_data_file(path)
    header = parse_header(data)
    if new.fits(header):
        return  # an earlier, interrupted re-key already did this one
    if old.fits(header):
        key = old
    else:  # a backup from before an earlier passphrase change: try both
        try:
            FileKey.derive(new_passphrase, header.kdf, header.salt).open(data, header)
            return
        except WrongPassphrase:
            key = FileKey.derive(old_passphrase, header.kdf, header.salt)
    new.write(path, key.open_tables(data, header))


def rekey_folder(storage: VaultStorage, old_passphrase: str, new_passphrase: str) -> RekeyReport:
    """Re-key the file under ``storage``, then its backups. Its vault must hold the lock.

    The main file goes first: from that moment the old passphrase no longer
    opens it. An interrupted run can simply be repeated.
    """
    vault = storage.vault
    old = storage.rekey(new_passphrase)
    new = vault.key
    done, unreadable = 0, []
    for backup in backups.list_backups(vault.path):
        try:
            _rekey_backup(backup.path, old, new, old_passphrase, new_passphrase)
            done += 1
        except VaultError:
            unreadable.append(backup.path)
    atomic.clean_stale_temps(vault.path)
    return RekeyReport(done, tuple(unreadable), tuple(backups.list_damaged(vault.path)))


def backups_behind(vault: Vault) -> tuple[Path, ...]:
    """Backups not under the file's current key (left by a passphrase change that was interrupted)."""
    behind: list[Path] = []
    for backup in backups.list_backups(vault.path):
        try:
            if not vault.key.fits(parse_header(read_header_bytes(backup.path))):
                behind.append(backup.path)
        except VaultError:
            behind.append(backup.path)
    return tuple(behind)


def rekey_remaining(vault: Vault, earlier_passphrase: str, paths: Sequence[Path]) -> tuple[Path, ...]:
    """Re-key backups that open with ``earlier_passphrase`` (left by an interrupted run).

    Returns the paths that still open with none of the passphrases given.
    """
    new = vault.key
    left: list[Path] = []
    for path in paths:
        try:
            data = read_data_file(path)
            header = parse_header(data)
            tables = FileKey.derive(earlier_passphrase, header.kdf, header.salt).open_tables(data, header)
        except VaultError:
            left.append(path)
            continue
        new.write(path, tables)
    return tuple(left)
