"""Merged copies kept beside the file: ``<file>.merged-N``, never rotated away, never deleted by the app.

When the app merges a conflict copy a sync tool left beside the file, the copy
is first written again under the file's own key as ``<file>.merged-N`` (so the
file's passphrase opens it, whatever passphrase the copy had), and only then is
the conflict copy removed. ``intervisie restore`` lists these copies; ``intervisie
merge FILE FILE.merged-N`` merges one again (a no-op when nothing is new).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from intervisie_tui.core.values import value_class
from intervisie_tui.store.atomic import fsync_folder
from intervisie_tui.store.merge import MergeReport, TablesOnDemand, plan_merge
from intervisie_tui.store.replaced import read_copy
from intervisie_tui.store.repository import Repository

_MERGED = ".merged-"
_NUMBER = re.compile(r"[1-9]\d{0,8}")


def list_merged(target: Path) -> list[Path]:
    """The merged copies kept beside ``target``, in the order they were kept."""
    prefix = target.name + _MERGED
    try:
        names = [entry.name for entry in os.scandir(target.parent) if entry.name.startswith(prefix)]
    except OSError:
        return []
    numbered = [(int(name[len(prefix) :]), name) for name in names if _NUMBER.fullmatch(name[len(prefix) :])]
    return [target.with_name(name) for _number, name in sorted(numbered)]


@value_class
class CopyMerged:
    """A conflict copy merged into the file: what came in, and where the copy is kept now."""

    report: MergeReport
    kept: Path


def merge_copy(target: Repository, copy: Path, passphrase: str | None = None) -> CopyMerged:
    """Merge the conflict copy at ``copy`` into ``target``, keep it as ``.merged-N`` and remove it.

    The copy opens with ``target``'s key when it has the same passphrase and salt
    (a copy of the same file: the usual case); else ``passphrase`` is needed
    (:class:`~intervisie_tui.store.replaced.NeedsPassphrase`). Unrelated files
    are refused (:class:`~intervisie_tui.store.merge.UnrelatedFiles`) and left
    where they are. The copy is removed only after the merge is saved and the
    ``.merged-N`` copy is durably written.
    """
    _data, theirs = read_copy(target.storage.vault.key, copy, passphrase)
    with target.storage.locked():  # no save of the app between reading ours and writing the merge
        plan = plan_merge(TablesOnDemand(target.storage), theirs)
        if plan.report.changed:
            target.replace_tables(plan.written, plan.dropped)
    kept = keep_merged_copy(target, theirs)
    retire_conflict_copy(copy, kept)
    return CopyMerged(plan.report, kept)


def keep_merged_copy(target: Repository, tables: dict) -> Path:
    """Write ``tables`` (a merged copy's content) beside ``target``'s file, under its key, as the next ``.merged-N``."""
    path = target.path
    kept = list_merged(path)
    number = int(kept[-1].name.rsplit("-", 1)[1]) + 1 if kept else 1
    while os.path.lexists(candidate := path.with_name(f"{path.name}{_MERGED}{number}")):
        number += 1
    target.storage.vault.key.write(candidate, tables)
    fsync_folder(path.parent)
    return candidate


def retire_conflict_copy(copy: Path, kept: Path) -> None:
    """Remove a sync tool's conflict copy once its content is safe in ``kept`` (a ``.merged-N``)."""
    if kept.is_file():
        copy.unlink(missing_ok=True)
        fsync_folder(copy.parent)
