"""Conflict copies beside a file are recognised by each sync tool's naming, and nothing else is."""

from __future__ import annotations

import pytest

from intervisie_tui.core.sync_copies import (
    DROPBOX,
    GOOGLE_DRIVE,
    NEXTCLOUD,
    ONEDRIVE,
    SYNCTHING,
    SyncCopy,
    split_name,
    sync_copies,
    sync_copy_tool,
)


@pytest.mark.parametrize(
    ("candidate", "tool"),
    [
        ("groep.sync-conflict-20261205-101500-ABC1234.ivt", SYNCTHING),
        ("groep.sync-conflict-20261205-101500.ivt", SYNCTHING),  # older Syncthing: no device id
        ("groep (conflicted copy 2026-12-05 101500).ivt", NEXTCLOUD),
        ("groep (conflicted copy Anna 2026-12-05 101500).ivt", NEXTCLOUD),
        ("groep (LAPTOP2's conflicted copy 2026-12-05).ivt", DROPBOX),
        ("groep (Anna de Vries's conflicted copy 2026-12-05 (1)).ivt", DROPBOX),
        ("groep-LAPTOP2.ivt", ONEDRIVE),
        ("groep-DESKTOP-AB12CD.ivt", ONEDRIVE),
        ("groep (1).ivt", GOOGLE_DRIVE),
        ("groep (12).ivt", GOOGLE_DRIVE),
    ],
)
def test_each_tools_naming_is_recognised(candidate: str, tool: str) -> None:
    assert sync_copy_tool("groep.ivt", candidate) == tool


@pytest.mark.parametrize(
    "candidate",
    [
        "groep.ivt",  # the file itself
        "groep.ivt.lock",
        "groep.ivt.owner",
        "groep.ivt.backup-3-20261205T101500",
        "groep.ivt.damaged-20261205T101500",
        ".groep.ivt.x1y2.tmp",
        "groep.sync-conflict-20261205-101500-ABC1234.ivt.owner",  # a copy of the note, not of the file
        "andere.sync-conflict-20261205-101500-ABC1234.ivt",  # another file's copy
        "groep (conflicted copy).ivt",  # no date: not the tools' naming
        "groep (1).txt",
        "groep-LAPTOP2.ivt.tmp",
        "groepen.ivt",
    ],
)
def test_other_names_are_not_copies(candidate: str) -> None:
    assert sync_copy_tool("groep.ivt", candidate) is None


def test_a_stem_with_pattern_characters_is_taken_literally() -> None:
    assert sync_copy_tool("a+b (x).ivt", "a+b (x) (1).ivt") == GOOGLE_DRIVE
    assert sync_copy_tool("a+b (x).ivt", "aab (x) (1).ivt") is None


def test_a_file_without_extension() -> None:
    assert split_name("groep") == ("groep", "")
    assert sync_copy_tool("groep", "groep.sync-conflict-20261205-101500-ABC1234") == SYNCTHING


def test_a_listing_gives_the_copies_sorted() -> None:
    listing = ["notes.txt", "groep-LAPTOP2.ivt", "groep.ivt", "groep (1).ivt", "groep.ivt.owner"]
    assert sync_copies("groep.ivt", listing) == [
        SyncCopy("groep (1).ivt", GOOGLE_DRIVE),
        SyncCopy("groep-LAPTOP2.ivt", ONEDRIVE),
    ]
