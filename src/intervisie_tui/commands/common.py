"""Small helpers shared by the commands."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from intervisie_tui.core.sanitize import display_line
from intervisie_tui.i18n import _
from intervisie_tui.passphrases import PassphraseReader, PassphraseUnavailable, passphrase_problem
from intervisie_tui.store.errors import NoLockFile, not_a_file
from intervisie_tui.store.paths import is_link, kind_of, resolve

if TYPE_CHECKING:
    from intervisie_tui.commands.options import CommandOptions
    from intervisie_tui.store.repository import Repository

EXIT_USAGE = 2


def shown(path: Path | str) -> str:
    """A path or file name as a command prints it: cleaned like user text (no escape sequences, one line)."""
    return display_line(str(path))


def require_file(path: Path) -> int | None:
    """``None`` when ``path`` is a regular file; otherwise say why it cannot be used and return the exit code.

    A missing file is a usage error (2); a folder, a device or a pipe cannot be read as a file (7).
    Nothing is opened (a pipe would wait) and no lock file is made.
    """
    kind = kind_of(path)
    if kind == "file":
        return None
    if kind == "missing":
        print(_("{path} does not exist.").format(path=shown(path)), file=sys.stderr)
        return EXIT_USAGE
    error = not_a_file(kind)
    print(f"{shown(path)}: {error.message()}", file=sys.stderr)
    return error.exit_code


def clock_of(settings: CommandOptions) -> Callable[[], datetime]:
    """The settings' clock, or the local system time."""
    return settings.clock or (lambda: datetime.now(UTC).astimezone())


def new_passphrase(reader: PassphraseReader) -> str:
    """Ask for a new passphrase: typed twice at a terminal, one line from a file."""
    first = reader.next(_("New passphrase: "))
    second = reader.next(_("Same passphrase again: ")) if reader.interactive else first
    problem = passphrase_problem(first, second)
    if problem:
        raise PassphraseUnavailable(problem)
    return first


def warn_if_open_elsewhere(path: Path, clock: Callable[[], datetime]) -> None:
    """Say on standard error, in one line, when another computer has ``path`` open (its fresh ``.owner`` note).

    A warning, never a refusal: the command goes on (docs/SYNC.md).
    """
    from intervisie_tui.core.dates import time_text
    from intervisie_tui.store.lock import open_on_another_host

    note = open_on_another_host(path, clock())
    if note is None:
        return
    text = _("{path} is open on {host} since {since}: what is saved there and here becomes two copies.")
    since = time_text(note.since.astimezone())
    print(text.format(path=shown(path.name), host=shown(note.host), since=since), file=sys.stderr)


def open_for_reading(path: Path, passphrase: str, clock: Callable[[], datetime]) -> Repository:
    """Unlock ``path`` for a command that only reads it (export, handover's source).

    The lock is taken as usual; in a folder where its lock file cannot be made (read-only, or not
    ours) the file is read without it: reading needs no lock, since every read sees one whole commit.
    """
    from intervisie_tui.store.repository import Repository

    warn_if_open_elsewhere(path, clock)
    try:
        return Repository.unlock(path, passphrase, clock=clock)
    except NoLockFile:
        return Repository.unlock(path, passphrase, clock=clock, lock=False)


def resolve_file(settings: CommandOptions) -> CommandOptions:
    """``settings`` with its file resolved to where it really is; a link is named on standard error."""
    assert settings.file is not None
    real = resolve(settings.file)
    if is_link(settings.file):
        print(
            _("{link} is a link to {path}; working on that file.").format(link=shown(settings.file), path=shown(real)),
            file=sys.stderr,
        )
    return dataclasses.replace(settings, file=real)
