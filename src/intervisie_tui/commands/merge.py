"""``intervisie merge FILE OTHER [--import-groups]``: bring another copy's changes into FILE.

FILE's passphrase is read like every command's; OTHER's from
``--other-passphrase-file``, else FILE's is tried first and, when it does not
open OTHER, OTHER's is asked for. OTHER is only read. FILE's backup is taken
before the merge writes (its first save). Exit 8: the two files are not copies
of one file (store/merge.py); ``--import-groups`` copies OTHER's groups in instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from intervisie_tui.commands.common import clock_of, require_file, shown, warn_if_open_elsewhere
from intervisie_tui.core.record_kinds import kind_count
from intervisie_tui.i18n import _, ngettext
from intervisie_tui.store.errors import WrongPassphrase
from intervisie_tui.store.merge import MergeReport, merge_into
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.vault import Clock

if TYPE_CHECKING:
    from intervisie_tui.commands.options import CommandOptions

EXIT_USAGE = 2


def run_merge(settings: CommandOptions) -> int:
    """Merge ``settings.other`` into ``settings.file``; prints what came in and what conflicted."""
    path, other_path = settings.file, settings.other
    assert path is not None and other_path is not None
    for checked in (path, other_path):
        refused = require_file(checked)
        if refused is not None:
            return refused
    if os.path.samefile(path, other_path):
        print(_("{path} is FILE itself; name another copy.").format(path=shown(other_path)), file=sys.stderr)
        return EXIT_USAGE
    clock = clock_of(settings)
    warn_if_open_elsewhere(path, clock)
    passphrase = settings.passphrases.reader().next(_("Passphrase: "))
    target = Repository.unlock(path, passphrase, clock=clock)
    try:
        try:
            other = _open_other(settings, other_path, passphrase, clock)
        except WrongPassphrase:
            print(
                _("That passphrase does not open {path}; give its own with --other-passphrase-file.").format(
                    path=shown(other_path)
                ),
                file=sys.stderr,
            )
            return WrongPassphrase.exit_code
        try:
            report = merge_into(target, other, import_groups=settings.import_groups)
        finally:
            other.close()
    finally:
        target.close()
    _print_report(report, other_path.name)
    return 0


def _open_other(settings: CommandOptions, path: Path, passphrase: str, clock: Clock) -> Repository:
    """OTHER, read-only: with its own passphrase when one was given, else FILE's, else (typed) asked for."""
    source = settings.other_passphrases
    reader = source.reader()
    # Without its lock: OTHER is only read, and nothing (not even a lock file) is added beside it.
    if source.file is not None or source.fd is not None:
        return Repository.unlock(path, reader.next(_("Passphrase of the other copy: ")), clock=clock, lock=False)
    try:
        return Repository.unlock(path, passphrase, clock=clock, lock=False)
    except WrongPassphrase:
        if not settings.passphrases.reader().interactive:
            raise
        return Repository.unlock(path, reader.next(_("Passphrase of the other copy: ")), clock=clock, lock=False)


def _print_report(report: MergeReport, other_name: str) -> None:
    if not report.changed:
        print(_("Nothing new in {name}: the file already holds all of it.").format(name=shown(other_name)))
        return
    came = ", ".join(kind_count(kind, count) for kind, count in report.incoming)
    print(_("Merged {name}. Came in or combined: {what}.").format(name=shown(other_name), what=came))
    if report.new_meetings:
        print(
            ngettext("{n} meeting is new here.", "{n} meetings are new here.", report.new_meetings).format(
                n=report.new_meetings
            )
        )
    if report.conflicts:
        count = len(report.conflicts)
        print(
            ngettext(
                "{n} record was changed on both copies; both versions are kept until someone decides.",
                "{n} records were changed on both copies; both versions are kept until someone decides.",
                count,
            ).format(n=count)
        )
        for kind, record_id, _group in report.conflicts:
            print(f"  {kind_count(kind, 1)}  ({shown(record_id)})")
        print(_("Decide them in the app: the group screen lists them (key m opens the review)."))
    else:
        print(_("No conflicts."))
