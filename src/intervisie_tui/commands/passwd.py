"""``intervisie passwd FILE``: change the passphrase of a file and its backups."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from intervisie_tui.commands.common import (
    EXIT_USAGE,
    clock_of,
    new_passphrase,
    require_file,
    shown,
    warn_if_open_elsewhere,
)
from intervisie_tui.i18n import _
from intervisie_tui.passphrases import PassphraseReader, PassphraseUnavailable
from intervisie_tui.store.rekey import backups_behind, rekey_folder, rekey_remaining
from intervisie_tui.store.repository import Repository

if TYPE_CHECKING:
    from intervisie_tui.commands.options import CommandOptions


def _rekey_with_earlier_passphrases(
    repository: Repository, reader: PassphraseReader, left: tuple[Path, ...]
) -> tuple[Path, ...]:
    """Backups from before an interrupted change open with an older passphrase: ask for it.

    An empty answer (or no more lines in a passphrase file) leaves them as they are.
    """
    while left:
        print(
            _(
                "{n} backups open with neither the current nor the new passphrase; they may still have "
                "an earlier one (from a change that was interrupted)."
            ).format(n=len(left))
        )
        try:
            earlier = reader.next(_("Earlier passphrase (empty to leave them): "))
        except PassphraseUnavailable:
            break
        if not earlier:
            break
        still = rekey_remaining(repository.storage.vault, earlier, left)
        if len(still) == len(left):
            print(_("That passphrase opens none of them."))
            if not reader.interactive:
                break
        left = still
    return left


def run_passwd(settings: CommandOptions) -> int:
    """Re-key: afterwards no file in the folder opens with the old passphrase."""
    assert settings.file is not None
    refused = require_file(settings.file)  # before the lock: nothing is left beside a missing file
    if refused is not None:
        return refused
    warn_if_open_elsewhere(settings.file, clock_of(settings))
    reader = settings.passphrases.reader()
    old = reader.next(_("Current passphrase: "))
    repository = Repository.unlock(settings.file, old, clock=clock_of(settings))
    try:
        new = new_passphrase(reader)
        if new == old:
            return _same_passphrase(repository, reader)
        report = rekey_folder(repository.storage, old, new)
        print(_("The passphrase was changed for the file and {n} backups.").format(n=report.backups_rekeyed))
        left = _rekey_with_earlier_passphrases(repository, reader, report.backups_unreadable)
    finally:
        repository.close()
    for path in left:
        print(_("Not changed (opens with none of the passphrases given): {name}").format(name=shown(path.name)))
    if report.damaged_left:
        print(
            _("{n} damaged copies kept aside were not changed; delete them if you no longer need them.").format(
                n=len(report.damaged_left)
            )
        )
    print(
        _(
            "Copies made earlier (on a stick, in a synced folder, in old backups elsewhere) still open with "
            "the old passphrase; they cannot be changed from here."
        )
    )
    return 0


def _same_passphrase(repository: Repository, reader: PassphraseReader) -> int:
    """The new passphrase is the current one: nothing to change, unless an interrupted change left backups
    under an earlier passphrase (then giving the current one again is how that change is finished)."""
    behind = backups_behind(repository.storage.vault)
    if not behind:
        print(_("The new passphrase is the same as the current one; nothing was changed."), file=sys.stderr)
        return EXIT_USAGE
    print(
        _("The passphrase stays as it is; {n} backups from an interrupted change still need it.").format(n=len(behind))
    )
    left = _rekey_with_earlier_passphrases(repository, reader, behind)
    for path in left:
        print(_("Not changed (opens with none of the passphrases given): {name}").format(name=shown(path.name)))
    return 0
