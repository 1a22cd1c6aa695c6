"""The command line under OS faults and hostile names: one clear line, a documented exit code.

Exit code 7 is "the file or its folder cannot be read or written" (permission, not a regular
file, disk full); a missing file stays a usage error (2). Every path and name printed is cleaned
like user text, so no escape sequence reaches the terminal. Nothing is left behind by a command
that failed (no half-made file, no lock file).
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from intervisie_tui.store import atomic, lock
from intervisie_tui.store.lock import FileGuard, owner_path_for
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE

HOSTILE = "x\x1b]0;PWNED\x07y\x1b[31m"
CONTROLS = ("\x1b", "\x07", "\x9b")

# The Dutch environment, cli, secret and made are shared fixtures (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("dutch_environment")


def one_clean_line(output: str) -> None:
    """No traceback, no crash text, and nothing that could steer the terminal."""
    assert "Traceback" not in output and "Foutcode" not in output, output
    assert not any(char in output for char in CONTROLS), repr(output)


# -- exit code 7: not a file, no permission, disk full ---------------------------------------


@pytest.mark.parametrize("command", ["check", "passwd", "export", "handover", "restore"])
def test_a_folder_given_as_the_file_is_named_as_a_folder(cli, secret, tmp_path: Path, command: str) -> None:
    """`check` used to say a folder "does not exist"; now every command says it is a folder (exit 7)."""
    folder = tmp_path / "map.ivt"
    folder.mkdir()
    extra = {"export": ["--out", "-"], "handover": [tmp_path / "uit.ivt"], "restore": ["--backup", "1"]}
    argv = [command, folder, *extra.get(command, []), "--passphrase-file", secret(PASSPHRASE)]
    if command == "export":
        argv = ["export", "attendance", *argv[1:]]
    code, output = cli(*argv)
    assert code == 7, output
    assert "het is een map" in output
    one_clean_line(output)


def test_a_device_is_named_as_a_device(cli, secret) -> None:
    """`check /dev/null` names a device, not a missing file."""
    code, output = cli("check", "/dev/null", "--passphrase-file", secret(PASSPHRASE))
    assert code == 7 and "apparaat" in output, output


def test_passwd_on_a_missing_path_says_so_and_leaves_no_lock_file(cli, secret, tmp_path: Path) -> None:
    """Exit 2 with the name, and nothing is created beside it (it used to leave ``.lock``)."""
    missing = tmp_path / "nergens.ivt"
    code, output = cli("passwd", missing, "--passphrase-file", secret(PASSPHRASE, "een nieuwe zin hier"))
    assert code == 2 and "bestaat niet" in output, output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pass-0.txt"]


def test_an_unreadable_file_is_exit_7_not_a_crash(cli, secret, made: Path, monkeypatch) -> None:
    """Permission denied on the file (simulated: tests may run as root, who may read anything)."""
    real_open = os.open

    def denied(path, flags, *rest):
        if Path(path) == made:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *rest)

    monkeypatch.setattr(os, "open", denied)
    code, output = cli("passwd", made, "--passphrase-file", secret(PASSPHRASE, "een nieuwe zin hier"))
    assert code == 7 and "geen toestemming" in output, output
    one_clean_line(output)


class _NoLockFile:
    """Stands in for the OS lock in a read-only folder: the lock file cannot be created."""

    def __init__(self, *_args, **_kwargs) -> None:
        self.is_locked = False

    def acquire(self) -> None:
        raise PermissionError(errno.EROFS, "Read-only file system")


def test_a_read_only_folder_still_exports_but_refuses_writing(cli, secret, made: Path, monkeypatch) -> None:
    """In a folder where the lock file cannot be made, reading needs no lock (export works), and a
    command that writes is refused with exit 7 instead of the crash text."""
    monkeypatch.setattr(lock, "OsLock", _NoLockFile)
    code, output = cli(
        "export",
        "attendance",
        made,
        "--group",
        "Wijkverpleging Zuid",
        "--out",
        "-",
        "--passphrase-file",
        secret(PASSPHRASE),
    )
    assert code == 0, output
    assert "Wijkverpleging Zuid" in output
    code, output = cli("passwd", made, "--passphrase-file", secret(PASSPHRASE, "een nieuwe zin hier"))
    assert code == 7 and "slotbestand" in output, output
    one_clean_line(output)


def test_export_on_a_full_disk_says_so_and_writes_nothing(cli, secret, made: Path, tmp_path: Path, monkeypatch) -> None:
    def full(_path, _chunks):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "write_new_file", full)
    out = tmp_path / "lijst.md"
    code, output = cli(
        "export",
        "attendance",
        made,
        "--group",
        "Wijkverpleging Zuid",
        "--out",
        out,
        "--passphrase-file",
        secret(PASSPHRASE),
    )
    assert code == 7 and "schijf is vol" in output, output
    assert not out.exists()
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".tmp")]


# -- passphrase sources ----------------------------------------------------------------------


def test_a_negative_passphrase_descriptor_is_a_usage_error(cli, made: Path) -> None:
    code, output = cli("check", made, "--passphrase-fd", "-1")
    assert code == 2 and "-1" in output, output
    one_clean_line(output)


def test_an_endless_passphrase_file_is_refused_after_a_bounded_read(made: Path, tmp_path: Path) -> None:
    """`--passphrase-file /dev/zero` used to read until MemoryError; the read is capped."""
    result = subprocess.run(
        [sys.executable, "-m", "intervisie_tui", "check", str(made), "--passphrase-file", "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LANG": "en_US.UTF-8"},
    )
    assert result.returncode == 2, result.stderr
    assert "longer than 64 KiB" in result.stderr


# -- a FIFO in the file's place (opening it would wait for ever) -----------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
@pytest.mark.parametrize("command", [["check"], ["passwd"], []])
def test_a_fifo_as_the_file_is_refused_without_hanging(tmp_path: Path, secret, command: list[str]) -> None:
    fifo = tmp_path / "pijp.ivt"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "intervisie_tui", *command, str(fifo), "--passphrase-file", str(secret(PASSPHRASE))],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LANG": "nl_NL.UTF-8"},
    )
    assert result.returncode == 7, result.stderr
    assert "geen gewoon bestand" in result.stderr


def test_a_fifo_put_in_place_after_the_check_is_not_waited_for(data_file: Path, clock) -> None:
    """The vault opens without waiting (O_NONBLOCK) and refuses what is not a regular file."""
    from intervisie_tui.store import vault as vault_module

    os.mkfifo(data_file)
    monkeypatch_kind = vault_module.kind_of
    try:
        vault_module.kind_of = lambda _path: "file"  # the file was a file when it was looked at
        with pytest.raises(Exception) as raised:
            Vault.unlock(data_file, PASSPHRASE, clock=clock, lock=False)
    finally:
        vault_module.kind_of = monkeypatch_kind
    assert raised.value.exit_code == 7  # type: ignore[attr-defined]


# -- leftovers and wording -------------------------------------------------------------------


def test_new_demo_on_a_nearly_full_disk_leaves_nothing(cli, secret, data_file: Path, monkeypatch) -> None:
    """The file was created, then filling in the demo groups failed: it used to stay, empty. Now
    nothing is left (no file, no lock file), and the message has no "kept on screen" (no screen)."""
    from intervisie_tui.store.errors import SaveFailed

    def full(self, *_args, **_kwargs):
        raise SaveFailed("the disk is full")

    monkeypatch.setattr(Vault, "save", full)
    code, output = cli("new", data_file, "--demo", "--passphrase-file", secret(PASSPHRASE))
    assert code == 7 and "schijf is vol" in output, output
    assert "scherm" not in output and "screen" not in output
    assert list(data_file.parent.iterdir()) == []


def test_a_failed_handover_leaves_no_lock_file(cli, secret, made: Path, tmp_path: Path, monkeypatch) -> None:
    """The new file could not be written (a full disk): neither it nor its lock file stays."""
    from intervisie_tui.store import logfile

    out = tmp_path / "uit" / "noord.ivt"
    out.parent.mkdir()
    real = logfile.write_fresh

    def full(target, *args, **kwargs):
        if Path(target) == out:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, *args, **kwargs)

    monkeypatch.setattr(logfile, "write_fresh", full)
    code, output = cli(
        "handover",
        made,
        out,
        "--group",
        "Wijkverpleging Zuid",
        "--passphrase-file",
        secret(PASSPHRASE),
        "--new-passphrase-file",
        secret("de eigen zin van de groep"),
    )
    assert code == 7, output
    assert list(out.parent.iterdir()) == []


def test_passwd_refuses_the_current_passphrase_as_the_new_one(cli, secret, made: Path) -> None:
    before = made.read_bytes()
    code, output = cli("passwd", made, "--passphrase-file", secret(PASSPHRASE, PASSPHRASE))
    assert code == 2 and "dezelfde als de huidige" in output, output
    assert made.read_bytes() == before


# -- names and paths are printed clean -------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "passwd", "restore", "export", "handover"])
def test_a_hostile_file_name_never_reaches_the_terminal_raw(cli, secret, tmp_path: Path, command: str) -> None:
    """`intervisie check $'x\\e]0;PWNED\\ay.ivt'` used to send ESC and BEL to the terminal."""
    name = tmp_path / f"{HOSTILE}.ivt"
    argv: list[str | Path] = [command, name, "--passphrase-file", secret(PASSPHRASE)]
    if command == "export":
        argv = ["export", "attendance", name, "--out", "-", "--passphrase-file", secret(PASSPHRASE)]
    if command == "handover":
        argv = ["handover", name, tmp_path / f"{HOSTILE}-uit.ivt", "--passphrase-file", secret(PASSPHRASE)]
    _code, output = cli(*argv)
    one_clean_line(output)
    assert "PWNED" in output  # the name is shown, made harmless


def test_hostile_names_in_a_working_command_are_printed_clean(cli, secret, tmp_path: Path) -> None:
    """A file that exists under a hostile name: `new`, `check`, `restore` list and `handover` print it clean."""
    name = tmp_path / f"{HOSTILE}.ivt"
    outputs = [cli("new", name, "--demo", "--passphrase-file", secret(PASSPHRASE))]
    outputs.append(cli("check", name, "--passphrase-file", secret(PASSPHRASE)))
    outputs.append(
        cli(
            "handover",
            name,
            tmp_path / f"{HOSTILE}-uit.ivt",
            "--group",
            "Wijkverpleging Zuid",
            "--passphrase-file",
            secret(PASSPHRASE),
            "--new-passphrase-file",
            secret("zin van de groep"),
        )
    )
    for code, output in outputs:
        assert code == 0, output
        one_clean_line(output)


def test_unknown_arguments_are_quoted_clean(cli) -> None:
    """argparse quotes what it did not understand; that text is cleaned too."""
    code, output = cli("check", "groep.ivt", HOSTILE)
    assert code == 2
    one_clean_line(output)


def test_the_holder_named_in_a_lock_refusal_is_clean(cli, secret, made: Path) -> None:
    """The owner note beside a locked file is written by whoever holds it: its host is cleaned."""
    guard = FileGuard(made)
    guard.acquire()
    try:
        note = {"host": HOSTILE, "pid": 1, "since": "2026-12-05T10:00:00+01:00"}
        owner_path_for(made).write_text(json.dumps(note), encoding="utf-8")
        code, output = cli("passwd", made, "--passphrase-file", secret(PASSPHRASE, "een nieuwe zin hier"))
    finally:
        guard.release()
    assert code == 6, output
    one_clean_line(output)
    assert "PWNED" in output


def test_reading_a_repository_without_a_lock_is_possible(made: Path, clock) -> None:
    """Control for the read-only folder: a whole read needs no lock."""
    Repository.unlock(made, PASSPHRASE, clock=clock, lock=False).close()
