"""``intervisie passwd FILE``: change the passphrase of a file and its backups."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intervisie_tui.commands.common import clock_of, new_passphrase
from intervisie_tui.i18n import _
from intervisie_tui.store.rekey import rekey_folder
from intervisie_tui.store.repository import Repository

if TYPE_CHECKING:
    from intervisie_tui.cli import Settings


def run_passwd(settings: Settings) -> int:
    """Re-key: afterwards no file in the folder opens with the old passphrase."""
    assert settings.file is not None
    reader = settings.passphrases.reader()
    old = reader.next(_("Current passphrase: "))
    repository = Repository.unlock(settings.file, old, clock=clock_of(settings))
    try:
        new = new_passphrase(reader)
        report = rekey_folder(repository.storage.vault, old, new, repository.storage.body_chunks())
    finally:
        repository.close()
    print(_("The passphrase was changed for the file and {n} backups.").format(n=report.backups_rekeyed))
    for path in report.backups_unreadable:
        print(_("Not changed (opens with neither passphrase): {name}").format(name=path.name))
    if report.damaged_left:
        print(_("{n} damaged copies kept aside were not changed; delete them if you no longer need them.").format(
            n=len(report.damaged_left)))
    print(_("Copies made earlier (on a stick, in a synced folder, in old backups elsewhere) still open with "
            "the old passphrase; they cannot be changed from here."))
    return 0
