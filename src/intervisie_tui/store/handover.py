"""Hand a group over: from a supervisor's file to a new file of the group's own.

:func:`export_group` writes a NEW encrypted file (own salt, own key, own
passphrase) holding exactly one group and everything recorded for it, and
nothing of any other group. A supervisor's private notes cannot travel with
it: a group file refuses :class:`~intervisie_tui.core.model.SupervisorNote`
records altogether (they live in the supervisor's notebook,
``store/supervisor_notes.py``).

Afterwards the supervisor may delete their own copy with :func:`forget_group`
and drop the backups that still hold it with :func:`purge_backups`. Copies
taken earlier (backups elsewhere, USB sticks, mail) cannot be revoked; the
user interface says so.
"""

from __future__ import annotations

import hmac
import os
from pathlib import Path

from intervisie_tui.core.model import Group, Meeting, Member
from intervisie_tui.core.sanitize import display_line
from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_, _
from intervisie_tui.store import backups
from intervisie_tui.store.atomic import fsync_folder
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.fileformat import KdfParams
from intervisie_tui.store.filekey import FileKey
from intervisie_tui.store.lock import discard_new_file
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.vault import Clock


class HandoverRefused(VaultError):
    """The handover cannot go ahead; nothing was written. ``reason`` is an English msgid (``N_``)."""

    exit_code = 2

    def __init__(self, reason: str, path: Path | None = None) -> None:
        super().__init__(reason, path)
        self.reason = reason
        self.path = path

    def message(self) -> str:
        """The reason in the current language, naming the path where it has one."""
        return _(self.reason).format(path=display_line(str(self.path)))


@value_class
class HandoverReport:
    """What :func:`export_group` wrote."""

    path: Path
    group_id: str
    members: int
    meetings: int
    records: int
    """Every record written: the group, members, agreements, methods, graduations, meetings and their content."""


def check_out_path(source: Path, out: Path) -> None:
    """Refuse (:class:`HandoverRefused`) a path that a handover must not write to.

    Refused: the source file itself (by any spelling or link), any existing
    path, a path whose folder does not exist, and a name beside the source that
    its backups, lock or temp files would use (the backup rotation could delete it).
    """
    out_abs, source_abs = out.resolve(), source.resolve()
    if out_abs == source_abs or _same_file(out, source):
        raise HandoverRefused(N_("{path} is your own file; choose a new file for the group."), out)
    if os.path.lexists(out):
        raise HandoverRefused(N_("{path} already exists; nothing was written."), out)
    if not out.parent.is_dir():
        raise HandoverRefused(N_("The folder of {path} does not exist; nothing was written."), out)
    if out_abs.parent == source_abs.parent and (
        out_abs.name.startswith(source_abs.name + ".") or out_abs.name.startswith("." + source_abs.name + ".")
    ):
        raise HandoverRefused(N_("{path} is a name kept for the backups of your own file; choose another."), out)


def _same_file(one: Path, other: Path) -> bool:
    """Whether two existing paths are one file (a hard link, another spelling on a case-blind disk)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _opens_source(source: Repository, passphrase: str) -> bool:
    """Whether ``passphrase`` is the source file's own (runs the KDF once, with the source's settings)."""
    key = source.storage.vault.key
    candidate = FileKey.derive(passphrase, key.kdf, key.salt)
    return hmac.compare_digest(candidate.master, key.master)


def export_group(
    source: Repository,
    group_id: str,
    out_path: Path,
    passphrase: str,
    *,
    kdf: KdfParams | None = None,
    clock: Clock,
) -> HandoverReport:
    """Write one group of ``source`` to a NEW encrypted file at ``out_path`` under ``passphrase``.

    The new file has its own salt, key and lineage (``meta`` names the source's
    lineage and the group as its parent) and holds exactly the group record,
    its members (archived ones too), agreements, own method copies,
    graduations, and every meeting with all that was recorded in it; nothing
    of other groups and never a supervisor's note. The records go in as one
    batch (one save after the file is created), then the file is closed. If
    that save fails, the new file is removed again.

    Refused with :class:`HandoverRefused` before anything is written: an
    unusable ``out_path`` (see :func:`check_out_path`), an unknown group, or a
    ``passphrase`` that opens the source file too (the group must not be able
    to open the supervisor's file). ``kdf`` None is the recommended setting.
    """
    check_out_path(source.path, out_path)
    records = source.group_records(group_id)
    if not any(isinstance(record, Group) for record in records):
        raise HandoverRefused(N_("There is no such group in the file; nothing was written."))
    if _opens_source(source, passphrase):
        raise HandoverRefused(N_("The new passphrase also opens your own file; choose a different one for the group."))
    parent = {"parent_lineage": source.lineage, "parent_group": group_id}
    target = Repository.create(out_path, passphrase, kdf=kdf, clock=clock, parent=parent)
    try:
        # The stored documents travel as they are, versions included: a later merge of the
        # supervisor's copy into this file then sees what each side changed after the handover.
        target.replace_tables(source.group_tables(group_id), [])
    except BaseException:
        target.close()
        discard_new_file(out_path)
        raise
    target.close()
    return HandoverReport(
        path=out_path,
        group_id=group_id,
        members=sum(isinstance(record, Member) for record in records),
        meetings=sum(isinstance(record, Meeting) for record in records),
        records=len(records),
    )


def forget_group(repository: Repository, group_id: str) -> int:
    """Remove the group and every record of it from ``repository`` (one save); returns how many records went.

    For "delete my copy" after a handover. The file's earlier backups
    (``<file>.backup-…``) still hold the group until they rotate out (by size,
    docs/FORMAT.md; the save made here usually takes one more first);
    :func:`purge_backups` drops them on request. Damaged copies kept aside and
    copies outside the folder are not touched.
    """
    return repository.remove_group(group_id)


def purge_backups(repository: Repository) -> int:
    """Delete every backup of ``repository``'s file; returns how many were deleted.

    An explicit step, for after :func:`forget_group`: without backups a damaged
    file can no longer be restored until the next session takes a new one. The
    repository must be open (it holds the file's lock). Damaged copies moved
    aside are left alone (the app never deletes those), and deleting a file
    does not wipe the disk blocks it used (they were encrypted).
    """
    path = repository.path
    if not repository.storage.vault.is_open:
        raise RuntimeError("the repository is closed")
    removed = 0
    for backup in backups.list_backups(path):
        backup.path.unlink(missing_ok=True)
        removed += 1
    if removed:
        fsync_folder(path.parent)
    return removed
