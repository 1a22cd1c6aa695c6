"""Copies a sync tool set aside beside a file, recognised by their names alone.

When two laptops saved the same file while apart, the sync tool keeps one version under the
file's name and writes the other beside it under a name of its own (docs/SYNC.md lists each
tool's naming and where it is documented). This module only reads names: it never opens,
moves or merges anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SYNCTHING = "Syncthing"
NEXTCLOUD = "Nextcloud/ownCloud"
DROPBOX = "Dropbox"
ONEDRIVE = "OneDrive"
GOOGLE_DRIVE = "Google Drive"

_DATE = r"\d{4}-\d{2}-\d{2}"
# What each tool puts between the file's stem and its extension; the order decides which tool is
# named when a name could fit two (Dropbox's "conflicted copy" names the host, Nextcloud's does not).
_INSERTS: tuple[tuple[str, str], ...] = (
    (SYNCTHING, r"\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]{7})?"),
    (DROPBOX, r" \([^()]+'s conflicted copy " + _DATE + r"(?: \(\d+\))?\)"),
    (NEXTCLOUD, r" \(conflicted copy (?:[^()]+ )?" + _DATE + r" \d{6}\)"),
    (GOOGLE_DRIVE, r" \(\d{1,3}\)"),
    (ONEDRIVE, r"-[A-Za-z0-9][A-Za-z0-9-]{0,62}"),
)


@dataclass(frozen=True)
class SyncCopy:
    """A file beside the data file whose name says a sync tool set it aside."""

    name: str
    tool: str


def split_name(name: str) -> tuple[str, str]:
    """``groep.ivt`` → (``groep``, ``.ivt``); a name without a dot has no extension."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        return name, ""
    return stem, "." + extension


def sync_copy_tool(file_name: str, candidate: str) -> str | None:
    """The tool whose conflict naming ``candidate`` follows for ``file_name``, or ``None``."""
    if candidate == file_name:
        return None
    stem, extension = split_name(file_name)
    for tool, insert in _INSERTS:
        if re.fullmatch(re.escape(stem) + insert + re.escape(extension), candidate):
            return tool
    return None


def sync_copies(file_name: str, names: list[str]) -> list[SyncCopy]:
    """The names among ``names`` (a folder's listing) that are conflict copies of ``file_name``, sorted."""
    found = []
    for candidate in sorted(names):
        tool = sync_copy_tool(file_name, candidate)
        if tool is not None:
            found.append(SyncCopy(candidate, tool))
    return found
