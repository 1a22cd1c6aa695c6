"""The ``intervisie`` command line, driven in-process (exit codes, messages, passphrase sources)."""

from __future__ import annotations

import errno
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from intervisie_tui import __version__
from intervisie_tui.cli import COMMANDS, build_parser, main
from intervisie_tui.core.model import Group, new_id
from intervisie_tui.store import atomic, rekey
from intervisie_tui.store.backups import list_backups, list_damaged
from intervisie_tui.store.errors import DamagedFile
from intervisie_tui.store.fileformat import HEADER_LEN
from intervisie_tui.store.lock import FileGuard
from intervisie_tui.store.logformat import SLOTS_END
from intervisie_tui.store.repository import Repository
from tests.conftest import PASSPHRASE

NEW = "een nieuwe wachtwoordzin"

# The Dutch environment, cli, secret, made and no_terminal are shared fixtures (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("dutch_environment")


def flip(path: Path, offset: int) -> None:
    """Change one bit of the byte at ``offset``."""
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def add_backup(path: Path, clock, name: str) -> None:
    """One session that changes the file, so the state before it becomes a backup."""
    clock.advance(minutes=5)
    repository = Repository.unlock(path, PASSPHRASE, clock=clock)
    try:
        repository.put(Group(id=new_id(), name=name, updated_at=clock()))
    finally:
        repository.close()


# -- new --------------------------------------------------------------------------


def test_new_creates_a_file_that_opens(cli, secret, data_file: Path, clock) -> None:
    """`new FILE` exits 0 and writes a file that opens with the passphrase read from the file."""
    code, output = cli("new", data_file, "--passphrase-file", secret(PASSPHRASE))
    assert code == 0, output
    assert str(data_file) in output
    Repository.unlock(data_file, PASSPHRASE, clock=clock).close()


def test_new_refuses_an_existing_file(cli, secret, data_file: Path) -> None:
    """`new` on an existing file exits 2 and leaves it byte for byte."""
    data_file.write_bytes(b"someone's notes")
    code, output = cli("new", data_file, "--passphrase-file", secret(PASSPHRASE))
    assert code == 2
    assert "bestaat al" in output
    assert data_file.read_bytes() == b"someone's notes"


def test_new_refuses_a_short_passphrase(cli, secret, data_file: Path) -> None:
    """A passphrase under 10 characters is refused with exit 2 and no file is made."""
    code, _ = cli("new", data_file, "--passphrase-file", secret("kort"))
    assert code == 2
    assert not data_file.exists()


# -- check ------------------------------------------------------------------------


def test_check_of_a_demo_file_is_in_order(cli, secret, made: Path) -> None:
    """`new --demo` then `check` exits 0 and says the header and contents are in order (Dutch)."""
    code, output = cli("check", made, "--passphrase-file", secret(PASSPHRASE))
    assert code == 0, output
    assert "Kop: in orde" in output
    assert "Inhoud: in orde" in output
    assert "schema 2" in output


def test_check_in_english(cli, secret, made: Path) -> None:
    """`--lang en` switches the output to English."""
    code, output = cli("check", made, "--lang", "en", "--passphrase-file", secret(PASSPHRASE))
    assert code == 0, output
    assert "Contents: in order" in output
    assert "Inhoud" not in output and "Kop:" not in output


def test_check_with_a_wrong_passphrase_exits_3(cli, secret, made: Path) -> None:
    """A wrong passphrase is exit 3 and says so; the file is fine."""
    before = made.read_bytes()
    code, output = cli("check", made, "--passphrase-file", secret(PASSPHRASE + "?"))
    assert code == 3
    assert "Onjuiste wachtwoordzin" in output
    assert made.read_bytes() == before


def test_check_names_a_flipped_ciphertext_byte(cli, secret, made: Path) -> None:
    """One changed byte of the contents is exit 4, named as an authentication-tag mismatch."""
    flip(made, SLOTS_END + 20)  # inside the first frame's ciphertext
    before = made.read_bytes()
    code, output = cli("check", made, "--passphrase-file", secret(PASSPHRASE))
    assert code == 4
    assert "authenticatiecode" in output
    assert "Inhoud: in orde" not in output
    assert made.read_bytes() == before  # check never writes


@pytest.mark.parametrize("slot", [0, 1])
def test_check_reports_an_erased_commit_slot_right_after_new_demo(cli, secret, made: Path, slot: int, clock) -> None:
    """`new --demo` leaves the file at commit 2; zeroing either commit slot (64 bytes at 148 or 212,
    no key needed) is damage (exit 4), not "in order" at the older commit, and the app's open refuses too."""
    data = bytearray(made.read_bytes())
    data[HEADER_LEN + 64 * slot : HEADER_LEN + 64 * (slot + 1)] = bytes(64)
    made.write_bytes(bytes(data))
    code, output = cli("check", made, "--passphrase-file", secret(PASSPHRASE))
    assert code == 4, output
    assert "Inhoud: in orde" not in output
    with pytest.raises(DamagedFile):
        Repository.unlock(made, PASSPHRASE, clock=clock)
    assert made.read_bytes() == bytes(data)


def test_check_names_the_bytes_an_interrupted_save_left(cli, secret, made: Path) -> None:
    """Bytes after the last commit (a save killed before its commit slot) are named, with what happens to them."""
    made.write_bytes(made.read_bytes() + bytes(123))
    code, output = cli("check", made, "--lang", "en", "--passphrase-file", secret(PASSPHRASE))
    assert code == 0, output
    assert "Interrupted save: 123 bytes after the last commit" in output


def test_check_names_header_damage_without_asking_for_a_passphrase(cli, made: Path, no_terminal) -> None:
    """A changed header byte is exit 4 before any passphrase is needed (none is available here)."""
    flip(made, 30)  # inside the salt
    code, output = cli("check", made)
    assert code == 4, output
    assert "controlesom van de kop" in output
    assert "wachtwoordzin" not in output.lower()


def test_check_of_a_plain_json_file_exits_5(cli, secret, data_file: Path) -> None:
    """An unencrypted TinyDB/JSON file is not ours: exit 5, named as such."""
    data_file.write_text(json.dumps({"_default": {"1": {"name": "x"}}}), encoding="utf-8")
    code, output = cli("check", data_file, "--passphrase-file", secret(PASSPHRASE))
    assert code == 5
    assert "onversleuteld" in output


def test_check_of_a_missing_file_exits_2(cli, secret, data_file: Path) -> None:
    """A file that does not exist is exit 2 and named."""
    code, output = cli("check", data_file, "--passphrase-file", secret(PASSPHRASE))
    assert code == 2
    assert "bestaat niet" in output


# -- passwd -----------------------------------------------------------------------


def test_passwd_changes_the_passphrase_of_the_file_and_its_backups(cli, secret, made: Path, clock) -> None:
    """`passwd` exits 0; afterwards the old passphrase is refused (3) and the new one works (0)."""
    add_backup(made, clock, "Tweede sessie")
    assert len(list_backups(made)) == 1
    code, output = cli("passwd", made, "--passphrase-file", secret(PASSPHRASE, NEW))
    assert code == 0, output
    assert "1" in output  # the file and 1 backup
    assert cli("check", made, "--passphrase-file", secret(PASSPHRASE))[0] == 3
    assert cli("check", made, "--passphrase-file", secret(NEW))[0] == 0
    [backup] = list_backups(made)
    assert cli("check", backup.path, "--passphrase-file", secret(PASSPHRASE))[0] == 3
    assert cli("check", backup.path, "--passphrase-file", secret(NEW))[0] == 0


def test_passwd_with_the_wrong_current_passphrase_changes_nothing(cli, secret, made: Path) -> None:
    """A wrong current passphrase is exit 3 and the file stays as it was."""
    before = made.read_bytes()
    code, _ = cli("passwd", made, "--passphrase-file", secret("not the passphrase", NEW))
    assert code == 3
    assert made.read_bytes() == before


def test_passwd_on_a_file_open_elsewhere_exits_6(cli, secret, made: Path, clock) -> None:
    """While another process holds the file's lock, `passwd` refuses with exit 6 and changes nothing."""
    before = made.read_bytes()
    guard = FileGuard(made)
    guard.acquire(clock())
    try:
        code, output = cli("passwd", made, "--passphrase-file", secret(PASSPHRASE, NEW))
    finally:
        guard.release()
    assert code == 6
    assert "al geopend" in output
    assert made.read_bytes() == before


def test_an_interrupted_passwd_can_be_repeated_from_the_command_line(
    cli, secret, made: Path, clock, monkeypatch
) -> None:
    """Killed after the main file, a second run given the earlier passphrase too finishes the backups.

    The main file then opens only with the new passphrase, so the re-run names
    it as current; the backups still need the old one, which the run asks for.
    """
    add_backup(made, clock, "Sessie 1")
    add_backup(made, clock, "Sessie 2")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(rekey, "_rekey_backup", killed)
        assert cli("passwd", made, "--passphrase-file", secret(PASSPHRASE, NEW))[0] == 130
    assert cli("check", made, "--passphrase-file", secret(PASSPHRASE))[0] == 3  # main file already changed
    code, output = cli("passwd", made, "--passphrase-file", secret(NEW, NEW, PASSPHRASE))
    assert code == 0, output
    assert "Niet gewijzigd" not in output
    for backup in list_backups(made):
        assert cli("check", backup.path, "--passphrase-file", secret(PASSPHRASE))[0] == 3, backup.path.name
        assert cli("check", backup.path, "--passphrase-file", secret(NEW))[0] == 0, backup.path.name


def test_a_repeated_passwd_without_the_earlier_passphrase_names_what_it_left(
    cli, secret, made: Path, clock, monkeypatch
) -> None:
    """Without the earlier passphrase the re-run still succeeds and names each backup it could not change."""
    add_backup(made, clock, "Sessie 1")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(rekey, "_rekey_backup", killed)
        assert cli("passwd", made, "--passphrase-file", secret(PASSPHRASE, NEW))[0] == 130
    code, output = cli("passwd", made, "--passphrase-file", secret(NEW, NEW))
    assert code == 0, output
    [backup] = list_backups(made)
    assert backup.path.name in output
    assert cli("check", backup.path, "--passphrase-file", secret(PASSPHRASE))[0] == 0


# -- restore ----------------------------------------------------------------------


def test_restore_lists_then_restores_a_backup(cli, secret, made: Path, clock) -> None:
    """`restore FILE` lists backups newest first; `--backup 1` verifies the newest, puts it in place,
    and keeps the healthy file that was there as a backup (never as "damaged")."""
    add_backup(made, clock, "Sessie 1")
    add_backup(made, clock, "Sessie 2")
    found = list_backups(made)
    assert len(found) == 2
    code, output = cli("restore", made)
    assert code == 0
    assert output.index(found[0].path.name) < output.index(found[1].path.name)
    assert output.splitlines()[0].startswith("1. ")

    current = made.read_bytes()
    newest = found[0].path.read_bytes()
    code, output = cli("restore", made, "--backup", "1", "--passphrase-file", secret(PASSPHRASE))
    assert code == 0, output
    assert "gecontroleerd en teruggezet" in output
    assert made.read_bytes() == newest
    assert list_damaged(made) == []
    kept = list_backups(made)[0]
    assert kept.path.read_bytes() == current and kept.path.name in output
    assert cli("check", made, "--passphrase-file", secret(PASSPHRASE))[0] == 0


def test_restore_keeps_a_damaged_file_as_damaged(cli, secret, made: Path, clock) -> None:
    """A file in place that does not open is kept as <file>.damaged-<stamp>, byte for byte."""
    add_backup(made, clock, "Sessie")
    flip(made, SLOTS_END + 20)
    damaged = made.read_bytes()
    code, output = cli("restore", made, "--backup", "1", "--passphrase-file", secret(PASSPHRASE))
    assert code == 0, output
    [aside] = list_damaged(made)
    assert aside.read_bytes() == damaged and aside.name in output
    assert cli("check", made, "--passphrase-file", secret(PASSPHRASE))[0] == 0


@pytest.mark.parametrize("harm", ["truncated", "flipped", "wrong passphrase"])
def test_restore_refuses_a_backup_that_does_not_verify(cli, secret, made: Path, clock, harm: str) -> None:
    """A truncated or damaged backup (or a passphrase that does not open it) used to replace a healthy
    file, which was then labelled damaged. Now nothing moves: every file stays byte for byte."""
    add_backup(made, clock, "Sessie")
    [backup] = list_backups(made)
    if harm == "truncated":
        backup.path.write_bytes(backup.path.read_bytes()[:-100])
    elif harm == "flipped":
        flip(backup.path, SLOTS_END + 20)
    before = {path.name: path.read_bytes() for path in made.parent.iterdir() if not path.name.endswith(".lock")}
    passphrase = PASSPHRASE + "?" if harm == "wrong passphrase" else PASSPHRASE
    code, output = cli("restore", made, "--backup", "1", "--passphrase-file", secret(passphrase))
    assert code == (3 if harm == "wrong passphrase" else 4), output
    after = {path.name: path.read_bytes() for path in made.parent.iterdir() if not path.name.endswith(".lock")}
    assert after == before


@pytest.mark.parametrize("when", ["every write", "the last write"])
def test_restore_on_a_full_disk_leaves_the_file_as_it_was(cli, secret, made: Path, clock, monkeypatch, when) -> None:
    """A full disk during the restore used to leave the file moved aside and gone. Injected: every
    write fails (ENOSPC), or only the restored file's own temp file (the current file was already
    copied to a backup). Every file beside stays byte for byte (no temp, no extra copy), and the
    command says why with exit code 7."""
    add_backup(made, clock, "Sessie")
    before = {path.name: path.read_bytes() for path in made.parent.iterdir()}
    real_write = atomic.write_new_file

    def full(path, chunks):
        if when == "every write" or re.fullmatch(rf"\.{re.escape(made.name)}\.[0-9a-f]{{12}}\.tmp", path.name):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, chunks)

    monkeypatch.setattr(atomic, "write_new_file", full)
    code, output = cli("restore", made, "--backup", "1", "--passphrase-file", secret(PASSPHRASE))
    assert code == 7, output
    assert "schijf is vol" in output
    after = {path.name: path.read_bytes() for path in made.parent.iterdir()}
    assert after == before  # the copy of the file kept in step 2 went again; nothing rotated away


def test_restore_without_backups_or_with_a_wrong_number(cli, made: Path, clock) -> None:
    """No backups is exit 4; a backup number that does not exist is exit 2; the file is untouched."""
    before = made.read_bytes()
    assert cli("restore", made)[0] == 4
    add_backup(made, clock, "Sessie")
    before = made.read_bytes()
    assert cli("restore", made, "--backup", "2")[0] == 2
    assert cli("restore", made, "--backup", "0")[0] == 2
    assert made.read_bytes() == before
    assert list_damaged(made) == []


# -- arguments and passphrase sources ---------------------------------------------


def test_version(capsys) -> None:
    """`--version` exits 0 and prints the version."""
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_an_unknown_option_is_a_usage_error(capsys, data_file: Path) -> None:
    """An unknown option exits 2 (argparse)."""
    with pytest.raises(SystemExit) as exited:
        main(["check", str(data_file), "--no-such-option"])
    assert exited.value.code == 2
    assert "--no-such-option" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--passphrase", PASSPHRASE], [f"--passphrase={PASSPHRASE}"], ["-p", PASSPHRASE]])
def test_no_option_takes_a_passphrase_on_the_command_line(capsys, made: Path, argv: list[str]) -> None:
    """A passphrase given as an argument is refused as bad usage (exit 2), never used."""
    with pytest.raises(SystemExit) as exited:
        main(["check", str(made), *argv])
    assert exited.value.code == 2
    assert "in orde" not in capsys.readouterr().out


@pytest.mark.parametrize("command", ["open", *COMMANDS])
def test_the_only_passphrase_options_name_a_file_or_descriptor(command: str) -> None:
    """Every command's passphrase options name a file or a descriptor, never the passphrase itself.

    ``handover`` also reads the group's new passphrase from a file (``--new-passphrase-file``),
    ``merge`` the other copy's (``--other-passphrase-file``).
    """
    options = {option for action in build_parser(command)._actions for option in action.option_strings}
    extra = {"handover": {"--new-passphrase-file"}, "merge": {"--other-passphrase-file"}}
    expected = {"--passphrase-file", "--passphrase-fd"} | extra.get(command, set())
    assert {o for o in options if "pass" in o or "secret" in o or "key" in o} == expected


def test_the_environment_is_never_read_for_a_passphrase(cli, made: Path, monkeypatch, no_terminal) -> None:
    """With a passphrase in the environment but no file/fd and no terminal, `check` exits 2 unopened."""
    for name in ("INTERVISIE_PASSPHRASE", "INTERVISIE_PASSWORD", "PASSPHRASE"):
        monkeypatch.setenv(name, PASSPHRASE)
    code, output = cli("check", made)
    assert code == 2
    assert "Inhoud" not in output
    assert "--passphrase-file" in output  # the message says what to do instead


def test_passphrase_from_a_file_descriptor(cli, made: Path, tmp_path: Path) -> None:
    """`--passphrase-fd N` reads the passphrase from an open descriptor."""
    source = tmp_path / "fd.txt"
    source.write_text(PASSPHRASE + "\n", encoding="utf-8")
    with open(source, encoding="utf-8") as handle:
        code, output = cli("check", made, "--passphrase-fd", str(handle.fileno()))
    assert code == 0, output


def test_python_dash_m_runs_the_command(tmp_path: Path) -> None:
    """`python -m intervisie_tui --version` works in a separate interpreter."""
    result = subprocess.run(
        [sys.executable, "-m", "intervisie_tui", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"intervisie {__version__}"


# -- a file reached through a link ------------------------------------------------


def test_passwd_through_a_link_changes_the_target_and_says_which_file(cli, secret, made: Path, clock) -> None:
    """`passwd link.ivt` used to report success while replacing the link by a new file, so the real
    file still opened with the old passphrase. Now the target is re-keyed, the link stays a link,
    and the command says where the link leads."""
    link = made.parent.parent / "link.ivt"
    link.symlink_to(made)
    code, output = cli("passwd", link, "--passphrase-file", secret(PASSPHRASE, NEW))
    assert code == 0, output
    assert f"{link} is een koppeling naar {made}" in output
    assert link.is_symlink() and link.resolve() == made
    assert cli("check", made, "--passphrase-file", secret(NEW))[0] == 0
    assert cli("check", made, "--passphrase-file", secret(PASSPHRASE))[0] == 3


@pytest.mark.parametrize(
    "before",
    [
        ("--lang", "en"),
        ("--lang=en",),
        ("--passphrase-file", "KEY", "--lang", "en"),
    ],
)
def test_global_options_work_before_the_command(cli, secret, made: Path, before: tuple[str, ...]) -> None:
    """`intervisie --lang en check FILE` was refused: global options go before the command as well as after."""
    key = secret(PASSPHRASE)
    given = [key if part == "KEY" else part for part in before]
    rest = [] if "KEY" in before else ["--passphrase-file", key]
    code, output = cli(*given, "check", made, *rest)
    assert code == 0, output
    assert "Contents: in order" in output


def test_an_export_takes_its_passphrase_option_before_the_command(cli, secret, made: Path) -> None:
    code, output = cli(
        "--passphrase-file",
        secret(PASSPHRASE),
        "--lang",
        "en",
        "export",
        "minutes",
        made,
        "--group",
        "Wijkverpleging Zuid",
        "--out",
        "-",
    )
    assert code == 0 and output.startswith("# Minutes"), output


def test_every_global_option_may_come_before_the_command() -> None:
    """The options every command takes are exactly those read before a command."""
    import argparse

    from intervisie_tui.cli import GLOBAL_OPTIONS, _common

    parser = argparse.ArgumentParser(add_help=False)
    _common(parser)
    assert {option for action in parser._actions for option in action.option_strings} == set(GLOBAL_OPTIONS)


@pytest.mark.parametrize("argv", [("--help",), ("check", "--help"), ("export", "--help")])
def test_help_headings_are_in_the_users_language(cli, argv: tuple[str, ...]) -> None:
    """argparse's own headings ("usage:", "options:", "positional arguments:") stayed English in Dutch."""
    code, output = cli(*argv)
    assert code == 0
    assert output.startswith("gebruik: ") and "\nopties:\n" in output
    assert "usage:" not in output and "options:" not in output and "show this help" not in output
    if argv != ("--help",):
        assert "\npositionele argumenten:\n" in output
    code, english = cli("--lang", "en", *argv)
    assert english.startswith("usage: ") and "\noptions:\n" in english
