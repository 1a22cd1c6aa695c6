"""``intervisie merge FILE OTHER``: driven in-process (passphrases, what it prints, exit codes)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from intervisie_tui.core.model import Group, Meeting
from intervisie_tui.store.repository import Repository
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.usefixtures("dutch_environment")


def as_laptop(monkeypatch, root: Path, name: str) -> None:
    """Run the next commands as another machine: its own data folder, so its own machine id."""
    monkeypatch.setenv("XDG_DATA_HOME", str(root / name / "data"))


def add_meeting(path: Path, passphrase: str, clock, meeting_id: str) -> None:
    repository = Repository.unlock(path, passphrase, clock=clock)
    try:
        group = repository.groups()[0]
        repository.put(Meeting(id=meeting_id, group_id=group.id, held_on=clock().date(), updated_at=clock()))
    finally:
        repository.close()


def meeting_ids(path: Path, passphrase: str, clock) -> set[str]:
    repository = Repository.unlock(path, passphrase, clock=clock)
    try:
        return {summary.id for group in repository.groups() for summary in repository.meetings(group.id)}
    finally:
        repository.close()


def test_merge_brings_the_other_laptops_meeting_and_leaves_the_other_copy_alone(
    cli, secret, made: Path, clock, tmp_path, monkeypatch
) -> None:
    other = tmp_path / "groep (conflicted copy 2026-12-05).ivt"
    shutil.copy(made, other)
    as_laptop(monkeypatch, tmp_path, "a")
    add_meeting(made, PASSPHRASE, clock, "op-a")
    as_laptop(monkeypatch, tmp_path, "b")
    add_meeting(other, PASSPHRASE, clock, "op-b")
    other_bytes = other.read_bytes()
    beside = sorted(path for path in tmp_path.iterdir() if not path.name.startswith("pass-"))
    as_laptop(monkeypatch, tmp_path, "a")

    code, output = cli("merge", made, other, "--passphrase-file", secret(PASSPHRASE))

    assert code == 0, output
    assert "1 bijeenkomst is hier nieuw" in output and "Geen conflicten." in output
    assert {"op-a", "op-b"} <= meeting_ids(made, PASSPHRASE, clock)
    assert other.read_bytes() == other_bytes
    assert (
        sorted(path for path in tmp_path.iterdir() if not path.name.startswith("pass-")) == beside
    )  # nothing added beside the other copy (no lock file)
    code, output = cli("merge", made, other, "--passphrase-file", secret(PASSPHRASE))
    assert code == 0 and "Niets nieuws" in output


def test_a_conflict_is_named_and_kept(cli, secret, made: Path, clock, tmp_path, monkeypatch) -> None:
    other = tmp_path / "kopie.ivt"
    shutil.copy(made, other)
    for path, laptop, name in ((made, "a", "Naam van A"), (other, "b", "Naam van B")):
        as_laptop(monkeypatch, tmp_path, laptop)
        repository = Repository.unlock(path, PASSPHRASE, clock=clock)
        try:
            repository.put(dataclasses.replace(repository.groups()[0], name=name))
        finally:
            repository.close()

    code, output = cli("merge", made, other, "--passphrase-file", secret(PASSPHRASE))

    assert code == 0, output
    assert "1 record is op beide kopieën gewijzigd" in output
    assert "1 groep" in output


def test_another_passphrase_for_the_other_copy(cli, secret, made: Path, clock, tmp_path) -> None:
    other = tmp_path / "kopie.ivt"
    shutil.copy(made, other)
    code, output = cli(
        "passwd", other, "--passphrase-file", secret(PASSPHRASE, "een heel andere zin 123", "een heel andere zin 123")
    )
    assert code == 0, output
    add_meeting(other, "een heel andere zin 123", clock, "op-b")

    wrong, refusal = cli("merge", made, other, "--passphrase-file", secret(PASSPHRASE))
    code, output = cli(
        "merge",
        made,
        other,
        "--passphrase-file",
        secret(PASSPHRASE),
        "--other-passphrase-file",
        secret("een heel andere zin 123"),
    )

    assert wrong == 3, refusal
    assert code == 0, output
    assert "op-b" in meeting_ids(made, PASSPHRASE, clock)


def test_unrelated_files_exit_8_unless_groups_are_imported(cli, secret, made: Path, clock, tmp_path, fast_kdf) -> None:
    stranger = tmp_path / "ander.ivt"
    repository = Repository.create(stranger, PASSPHRASE, kdf=fast_kdf, clock=clock)
    repository.put(Group(id="vreemd", name="Andere groep", updated_at=clock()))
    repository.close()

    code, output = cli("merge", made, stranger, "--passphrase-file", secret(PASSPHRASE))
    assert code == 8
    assert "--import-groups" in output
    code, output = cli("merge", made, stranger, "--import-groups", "--passphrase-file", secret(PASSPHRASE))
    assert code == 0, output
    repository = Repository.unlock(made, PASSPHRASE, clock=clock)
    try:
        assert "vreemd" in {group.id for group in repository.groups()}
    finally:
        repository.close()


def test_the_file_itself_or_a_missing_copy_is_refused(cli, secret, made: Path, tmp_path) -> None:
    code, output = cli("merge", made, made, "--passphrase-file", secret(PASSPHRASE))
    assert code == 2 and "zelf" in output
    code, output = cli("merge", made, tmp_path / "weg.ivt", "--passphrase-file", secret(PASSPHRASE))
    assert code == 7 or code == 2, output
