"""Reading a backup's number and moment from its name (store/backups.py)."""

from datetime import datetime
from pathlib import Path

import pytest

from intervisie_tui.store import backups


def _names(tmp_path: Path, *suffixes: str) -> list[backups.Backup]:
    target = tmp_path / "groep.ivt"
    target.write_bytes(b"live")
    for suffix in suffixes:
        (tmp_path / f"groep.ivt.backup-{suffix}").write_bytes(b"copy")
    return backups.list_backups(target)


def test_numbered_and_old_names_give_number_and_moment(tmp_path: Path) -> None:
    found = _names(tmp_path, "000012-20261205T171530", "20261104T080910123456")
    assert [(backup.number, backup.taken_at) for backup in found] == [
        (12, datetime(2026, 12, 5, 17, 15, 30)),
        (0, datetime(2026, 11, 4, 8, 9, 10, 123456)),
    ]


@pytest.mark.parametrize(
    "suffix",
    [
        "000012-20261305T171530",  # month 13
        "000012-20260230T171530",  # 30 February
        "000012-20261205T246000",  # hour 24
        "20261205T17153012345x",  # not digits
        "000012-20261205T17153",  # too short
        "notes.txt",
    ],
)
def test_a_name_that_is_no_backup_is_passed_over(tmp_path: Path, suffix: str) -> None:
    assert _names(tmp_path, suffix) == []


def test_the_stamp_written_is_the_stamp_read(tmp_path: Path) -> None:
    moment = datetime(2026, 1, 2, 3, 4, 5)
    name = f"000001-{moment.strftime(backups._STAMP)}"
    [backup] = _names(tmp_path, name)
    assert backup.taken_at == moment
