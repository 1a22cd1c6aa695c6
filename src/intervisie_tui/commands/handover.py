"""``intervisie handover FILE OUT [--group NAME_OR_ID]``: write one group to a new file of its own.

The source passphrase is read like every command's (``--passphrase-file``,
``--passphrase-fd`` or typed); the new file's passphrase from
``--new-passphrase-file`` or typed twice, under the rule of ``intervisie new``.
Nothing is written to FILE.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from intervisie_tui.commands.choose import NotChosen, choose
from intervisie_tui.commands.common import clock_of, new_passphrase, open_for_reading, require_file, shown
from intervisie_tui.core.model import Group
from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import _, ngettext
from intervisie_tui.store.handover import check_out_path, export_group

if TYPE_CHECKING:
    from intervisie_tui.commands.options import CommandOptions

EXIT_USAGE = 2


def _list_groups(groups: list[Group]) -> None:
    for group in groups:
        print(f"  {display(group.name)}  ({group.id})")


def choose_group(groups: list[Group], wanted: str | None, path: Path) -> Group | None:
    """The group named by ``wanted`` (an id, or a whole name in any case), or the only one; else says why, None.

    A name that fits no group, or only in part, or several groups, is refused in one line naming them."""
    if wanted is None:
        if len(groups) == 1:
            return groups[0]
        if not groups:
            print(_("{path} holds no groups; there is nothing to hand over.").format(path=shown(path)))
            return None
        print(_("{path} holds several groups; choose one with --group NAME_OR_ID:").format(path=shown(path)))
        _list_groups(groups)
        return None
    try:
        return choose(wanted, groups, "group", name_of=lambda group: group.name, id_of=lambda group: group.id)
    except NotChosen as refusal:
        print(refusal, file=sys.stderr)
        return None


def run_handover(settings: CommandOptions) -> int:
    """Export one group to ``settings.out`` under a new passphrase; exit 2 when the group or path is unclear."""
    source_path, out = settings.file, settings.out
    assert source_path is not None and out is not None
    refused = require_file(source_path)
    if refused is not None:
        return refused
    check_out_path(source_path, out)  # refused before any passphrase is asked
    clock = clock_of(settings)
    repository = open_for_reading(source_path, settings.passphrases.reader().next(_("Passphrase: ")), clock)
    try:
        group = choose_group(repository.groups(), settings.group, source_path)
        if group is None:
            return EXIT_USAGE
        reader = settings.new_passphrases.reader()
        if reader.interactive:
            print(_("Choose a passphrase for the group's new file, not the one of your own file."))
        passphrase = new_passphrase(reader)
        report = export_group(repository, group.id, out, passphrase, kdf=settings.kdf, clock=clock)
    finally:
        repository.close()
    print(_("Handed over {name} to {path}.").format(name=display(group.name), path=shown(report.path)))
    print(
        _("In it: {members}, {meetings}; {records} in all.").format(
            members=ngettext("{n} member", "{n} members", report.members).format(n=report.members),
            meetings=ngettext("{n} meeting", "{n} meetings", report.meetings).format(n=report.meetings),
            records=ngettext("{n} record", "{n} records", report.records).format(n=report.records),
        )
    )
    print(_("The new file opens only with its own passphrase and holds no supervisor notes."))
    print(
        _(
            "Copies of {file} taken earlier (its backups, copies on USB sticks, in mail or in synced folders) "
            "still hold the group and cannot be revoked from here."
        ).format(file=shown(source_path))
    )
    print(
        _(
            "You can now change the passphrase of your own file (intervisie passwd {file}) or remove the group from it."
        ).format(file=shown(source_path))
    )
    return 0
