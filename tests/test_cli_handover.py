"""``intervisie handover FILE OUT``: driven in-process (passphrase sources, prompts, exit codes)."""

from __future__ import annotations

import getpass
import io
import sys
from pathlib import Path

import pytest

from intervisie_tui.cli import COMMANDS, build_parser
from intervisie_tui.core.model import Group, new_id
from intervisie_tui.store.errors import WrongPassphrase
from intervisie_tui.store.lock import FileGuard
from intervisie_tui.store.repository import Repository
from tests.conftest import PASSPHRASE

GROUP_PASSPHRASE = "de groep heeft nu een eigen sleutel"
NURSES = "Wijkverpleging Zuid"

# The Dutch environment, cli, secret, made and no_terminal are shared fixtures (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("dutch_environment")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def typed(monkeypatch):
    """Simulate a terminal: each prompt gets the next of the given answers; returns the prompts seen."""

    def answers(*lines: str) -> list[str]:
        queue, prompts = list(lines), []

        def fake_getpass(prompt: str = "") -> str:
            prompts.append(prompt)
            return queue.pop(0)

        monkeypatch.setattr(sys, "stdin", _Terminal(""))
        monkeypatch.setattr(getpass, "getpass", fake_getpass)
        return prompts

    return answers


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The group's new file, in a folder of its own (not created)."""
    folder = tmp_path / "overdracht"
    folder.mkdir()
    return folder / "wijkverpleging.ivt"


def groups_in(path: Path, passphrase: str, clock) -> list[Group]:
    repository = Repository.unlock(path, passphrase, clock=clock)
    try:
        return repository.groups()
    finally:
        repository.close()


def test_handover_with_passphrase_files(cli, secret, made: Path, out: Path, clock) -> None:
    """Exit 0: the new file holds the one group, opens with the new passphrase only; the output says
    what went and that earlier copies cannot be revoked."""
    before = made.read_bytes()
    code, output = cli(
        "handover",
        made,
        out,
        "--group",
        NURSES,
        "--lang",
        "en",
        "--passphrase-file",
        secret(PASSPHRASE),
        "--new-passphrase-file",
        secret(GROUP_PASSPHRASE),
    )
    assert code == 0, output
    [group] = groups_in(out, GROUP_PASSPHRASE, clock)
    assert group.name == NURSES
    with pytest.raises(WrongPassphrase):
        Repository.unlock(out, PASSPHRASE, clock=clock)
    assert made.read_bytes() == before
    assert NURSES in output and str(out) in output
    assert "1 meeting;" in output and "4 members" in output
    assert "cannot be revoked" in output
    assert "intervisie passwd" in output


def test_handover_by_id_and_with_typed_new_passphrase(cli, secret, made: Path, out: Path, clock, typed) -> None:
    """--group takes an id too; without --new-passphrase-file the new passphrase is typed twice."""
    [youth, _nurses] = groups_in(made, PASSPHRASE, clock)
    prompts = typed(GROUP_PASSPHRASE, GROUP_PASSPHRASE)
    code, output = cli("handover", made, out, "--group", youth.id, "--passphrase-file", secret(PASSPHRASE))
    assert code == 0, output
    assert len(prompts) == 2
    assert groups_in(out, GROUP_PASSPHRASE, clock) == [youth]


def test_a_mismatch_of_the_typed_new_passphrase_exits_2(cli, secret, made: Path, out: Path, typed) -> None:
    """Two different typed passphrases: exit 2, no file."""
    prompts = typed(GROUP_PASSPHRASE, GROUP_PASSPHRASE + " anders")
    code, output = cli(
        "handover", made, out, "--group", NURSES, "--lang", "en", "--passphrase-file", secret(PASSPHRASE)
    )
    assert code == 2, output
    assert len(prompts) == 2
    assert "not the same" in output
    assert not out.exists()


def test_a_short_new_passphrase_is_refused(cli, secret, made: Path, out: Path) -> None:
    """The rule of `intervisie new`: at least 10 characters; exit 2, no file."""
    code, _ = cli(
        "handover",
        made,
        out,
        "--group",
        NURSES,
        "--passphrase-file",
        secret(PASSPHRASE),
        "--new-passphrase-file",
        secret("kort"),
    )
    assert code == 2
    assert not out.exists()


def test_the_supervisors_own_passphrase_is_refused_for_the_new_file(cli, secret, made: Path, out: Path) -> None:
    """The group's file must not open with the supervisor's passphrase: exit 2, no file."""
    code, output = cli(
        "handover",
        made,
        out,
        "--group",
        NURSES,
        "--passphrase-file",
        secret(PASSPHRASE),
        "--new-passphrase-file",
        secret(PASSPHRASE),
    )
    assert code == 2, output
    assert not out.exists()


def test_several_groups_without_group_exits_2_and_lists_them(cli, secret, made: Path, out: Path) -> None:
    """With two groups and no --group: both are listed, exit 2, nothing written."""
    code, output = cli(
        "handover",
        made,
        out,
        "--passphrase-file",
        secret(PASSPHRASE),
        "--new-passphrase-file",
        secret(GROUP_PASSPHRASE),
    )
    assert code == 2
    assert NURSES in output and "Jeugdbescherming Team Oost" in output
    assert not out.exists()


def test_an_unknown_group_exits_2(cli, secret, made: Path, out: Path) -> None:
    """A name that matches no group: exit 2, the groups are listed."""
    code, output = cli(
        "handover",
        made,
        out,
        "--group",
        "Bestaat niet",
        "--passphrase-file",
        secret(PASSPHRASE),
        "--new-passphrase-file",
        secret(GROUP_PASSPHRASE),
    )
    assert code == 2
    assert NURSES in output
    assert not out.exists()


def test_one_group_is_taken_without_group(cli, secret, data_file: Path, out: Path, clock, fast_kdf) -> None:
    """A file with exactly one group needs no --group."""
    repository = Repository.create(data_file, PASSPHRASE, kdf=fast_kdf, clock=clock)
    group = Group(id=new_id(), name="Enige groep", updated_at=clock())
    try:
        repository.put(group)
    finally:
        repository.close()
    code, output = cli(
        "handover",
        data_file,
        out,
        "--passphrase-file",
        secret(PASSPHRASE),
        "--new-passphrase-file",
        secret(GROUP_PASSPHRASE),
    )
    assert code == 0, output
    assert groups_in(out, GROUP_PASSPHRASE, clock) == [group]


def test_a_wrong_source_passphrase_exits_3(cli, secret, made: Path, out: Path) -> None:
    """The usual exit code for a wrong passphrase; nothing written anywhere."""
    before = made.read_bytes()
    code, output = cli(
        "handover",
        made,
        out,
        "--group",
        NURSES,
        "--passphrase-file",
        secret(PASSPHRASE + "?"),
        "--new-passphrase-file",
        secret(GROUP_PASSPHRASE),
    )
    assert code == 3
    assert "Onjuiste wachtwoordzin" in output
    assert made.read_bytes() == before
    assert not out.exists()


def test_an_existing_out_file_exits_2_before_any_passphrase(cli, made: Path, out: Path, no_terminal) -> None:
    """Refused before a passphrase is asked (none could be typed here); the existing file is untouched."""
    out.write_bytes(b"van iemand anders")
    code, output = cli("handover", made, out, "--group", NURSES)
    assert code == 2
    assert str(out) in output
    assert out.read_bytes() == b"van iemand anders"


def test_the_source_as_out_exits_2(cli, made: Path, no_terminal) -> None:
    """OUT may not be FILE itself; the file is untouched."""
    before = made.read_bytes()
    code, _ = cli("handover", made, made, "--group", NURSES)
    assert code == 2
    assert made.read_bytes() == before


def test_a_missing_source_exits_2(cli, secret, tmp_path: Path, out: Path) -> None:
    """A FILE that does not exist: exit 2, named."""
    code, output = cli("handover", tmp_path / "nergens.ivt", out, "--passphrase-file", secret(PASSPHRASE))
    assert code == 2
    assert "nergens.ivt" in output


def test_a_source_open_elsewhere_exits_6(cli, secret, made: Path, out: Path, clock) -> None:
    """While another process holds the file, the handover is refused with the usual exit code."""
    guard = FileGuard(made)
    guard.acquire(clock())
    try:
        code, _ = cli(
            "handover",
            made,
            out,
            "--group",
            NURSES,
            "--passphrase-file",
            secret(PASSPHRASE),
            "--new-passphrase-file",
            secret(GROUP_PASSPHRASE),
        )
    finally:
        guard.release()
    assert code == 6
    assert not out.exists()


def test_handover_is_a_listed_command() -> None:
    """The command is registered and named in the --help epilogue."""
    assert "handover" in COMMANDS
    assert "handover" in (build_parser("open").epilog or "")
    options = {option for action in build_parser("handover")._actions for option in action.option_strings}
    assert {"--group", "--new-passphrase-file", "--passphrase-file", "--passphrase-fd"} <= options
