"""``intervisie restore FILE [--backup N]``: put a backup in place of the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intervisie_tui.commands.common import clock_of
from intervisie_tui.i18n import _
from intervisie_tui.store.backups import list_backups
from intervisie_tui.store.opener import FileOpener

if TYPE_CHECKING:
    from intervisie_tui.cli import Settings


def run_restore(settings: Settings) -> int:
    """List the backups, or restore backup N (1 is the newest)."""
    assert settings.file is not None
    found = list_backups(settings.file)
    if not found:
        print(_("There are no backups of {path}.").format(path=settings.file))
        return 4
    if settings.backup is None:
        for number, backup in enumerate(found, start=1):
            print(f"{number}. {backup.taken_at:%Y-%m-%d %H:%M:%S}  {backup.path.name}")
        print(_("Restore one with: intervisie restore FILE --backup N"))
        return 0
    if not 1 <= settings.backup <= len(found):
        print(_("There is no backup number {n}.").format(n=settings.backup))
        return 2
    opener = FileOpener(settings.file, clock=clock_of(settings))
    opener.acquire()
    try:
        aside = opener.restore(found[settings.backup - 1].path)
    finally:
        opener.release()
    if aside is not None:
        print(_("The previous file was kept as {name}.").format(name=aside.name))
    print(_("Backup restored."))
    return 0
