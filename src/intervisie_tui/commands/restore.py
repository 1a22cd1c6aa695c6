"""``intervisie restore FILE [--backup N]``: list the backups, or put one in place of the file.

The backup is verified with the passphrase before anything moves; the file in place is kept
(as a backup, or as a damaged copy when it does not open) and replaced atomically
(``store/restore.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from intervisie_tui.commands.common import clock_of, require_file, shown, warn_if_open_elsewhere
from intervisie_tui.i18n import _
from intervisie_tui.store.backups import list_backups
from intervisie_tui.store.merged_copies import list_merged
from intervisie_tui.store.opener import FileOpener
from intervisie_tui.store.paths import kind_of

if TYPE_CHECKING:
    from intervisie_tui.commands.options import CommandOptions


def run_restore(settings: CommandOptions) -> int:
    """List the backups, or restore backup N (1 is the newest)."""
    assert settings.file is not None
    if kind_of(settings.file) not in ("file", "missing"):  # a backup may go where no file is left
        return require_file(settings.file) or 0
    found = list_backups(settings.file)
    merged = list_merged(settings.file)
    if settings.backup is None and merged:
        print(_("Merged copies kept beside the file (merge one again with: intervisie merge FILE COPY):"))
        for copy in merged:
            print(f"   {shown(copy.name)}")
    if not found:
        print(_("There are no backups of {path}.").format(path=shown(settings.file)))
        return 4
    if settings.backup is None:
        for number, backup in enumerate(found, start=1):
            print(f"{number}. {backup.taken_at:%Y-%m-%d %H:%M:%S}  {shown(backup.path.name)}")
        print(_("Restore one with: intervisie restore FILE --backup N"))
        return 0
    if not 1 <= settings.backup <= len(found):
        print(_("There is no backup number {n}.").format(n=settings.backup))
        return 2
    chosen = found[settings.backup - 1]
    warn_if_open_elsewhere(settings.file, clock_of(settings))
    opener = FileOpener(settings.file, clock=clock_of(settings))
    opener.acquire()
    try:
        passphrase = settings.passphrases.reader().next(_("Passphrase: "))
        report = opener.restore(chosen.path, passphrase)
    finally:
        opener.release()
    if report.kept is not None and report.damaged:
        print(
            _("The file that was in place does not open; it was kept as {name}.").format(name=shown(report.kept.name))
        )
    elif report.kept is not None:
        print(_("The file that was in place was kept as backup {name}.").format(name=shown(report.kept.name)))
    print(_("Backup of {when} checked and restored.").format(when=f"{chosen.taken_at:%Y-%m-%d %H:%M:%S}"))
    return 0
