"""A file replaced under the running app (a sync tool brought another laptop's version): merge and go on.

Before this, every later save was refused (the vault's slot check saw another
file). Now :func:`merge_replaced` reads the file that is on disk, merges it
with what the app holds (store/merge.py: nothing of either side is lost), keeps
the replacing file as a backup and rewrites the file with the merged content
(:meth:`~intervisie_tui.store.vault.Vault.adopt`); saves then go on as before.
The replacing file opens with the app's key when its passphrase and salt are
the same (the usual case); otherwise its passphrase is needed
(:class:`NeedsPassphrase`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from intervisie_tui.i18n import _
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.fileformat import parse_header
from intervisie_tui.store.filekey import FileKey, read_data_file
from intervisie_tui.store.logfile import Encoded
from intervisie_tui.store.merge import MergeReport, plan_merge
from intervisie_tui.store.repository import Repository


class NeedsPassphrase(VaultError):
    """The file that replaced ours was saved under another passphrase: ask for it, then try again."""

    exit_code = 3

    def message(self) -> str:
        """What to do."""
        return _("The file that took this one's place was saved under another passphrase; type that one to merge it.")


def read_copy(key: FileKey, path: Path, passphrase: str | None) -> tuple[bytes, dict[str, Encoded]]:
    """Another copy of a file, whole and authenticated: ``(its bytes, its tables)``.

    It opens with ``key`` (the open file's) when it has the same passphrase and salt, the usual
    case for a copy; otherwise ``passphrase`` is needed (:class:`NeedsPassphrase` without one).
    """
    data = read_data_file(path)
    header = parse_header(data)
    if not key.fits(header):
        if passphrase is None:
            raise NeedsPassphrase()
        key = FileKey.derive(passphrase, header.kdf, header.salt)
    return data, key.open_tables(data, header)


def merge_replaced(
    repository: Repository, passphrase: str | None = None, pending: Sequence[tuple[str, Any]] = ()
) -> MergeReport:
    """Merge the file now on disk into what ``repository`` holds and continue on it (one rewrite).

    ``pending`` are the writes that failed because the file was replaced
    (``("put" | "remove", record)``, the app's saver holds them): they are made on
    what the app holds first, versioned as usual, so the merge combines them field
    by field with the other laptop's changes. Saving them again afterwards would
    write the app's whole records over fields the other laptop changed.

    Raises :class:`NeedsPassphrase` when the app's key does not open it and no
    ``passphrase`` was given, :class:`~intervisie_tui.store.merge.UnrelatedFiles`
    when another file was put in its place (then nothing is written: "save as"
    keeps the app's content), and the usual errors of reading and saving.
    """
    storage = repository.storage
    with storage.locked():
        data, theirs = read_copy(storage.vault.key, storage.vault.path, passphrase)
        with storage.detached():
            if pending:
                with repository.batch():
                    for operation, record in pending:
                        if operation == "put":
                            repository.put(record)
                        else:
                            repository.remove(record)
            ours = storage.encoded_tables()
            plan = plan_merge(ours, theirs)
            storage.adopt(plan.apply(ours), data)
    repository.forget_cached()
    return plan.report
