"""Where a command-line passphrase comes from: a file, a file descriptor, or the terminal.

Never from the command line itself or the environment: both are visible to
other processes and end up in shell histories and crash reports.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from intervisie_tui.i18n import _


class PassphraseUnavailable(Exception):
    """No passphrase could be read (no terminal, unreadable file)."""


MAX_SOURCE_BYTES = 64 * 1024
"""A passphrase file or descriptor holds a few lines; reading stops here (``/dev/zero`` never ends)."""


def _capped(data: bytes) -> str:
    """The text of a passphrase source read up to one byte past the cap; too long or not UTF-8 is refused."""
    if len(data) > MAX_SOURCE_BYTES:
        raise PassphraseUnavailable(
            _("The passphrase file is longer than {n} KiB; it was not used.").format(n=MAX_SOURCE_BYTES // 1024)
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PassphraseUnavailable(_("The passphrase file is not UTF-8 text.")) from error


@dataclass(frozen=True)
class PassphraseSource:
    """Where to read passphrases: a file or fd yields one passphrase per line, in order."""

    file: Path | None = None
    fd: int | None = None

    def reader(self) -> PassphraseReader:
        """A reader that hands out the lines of this source, or prompts."""
        return PassphraseReader(self)


class PassphraseReader:
    """Hands out passphrases: line by line from a file or fd, else by prompting."""

    def __init__(self, source: PassphraseSource) -> None:
        self._source = source
        self._lines: list[str] | None = None

    def _load(self) -> list[str]:
        if self._lines is None:
            if self._source.file is not None:
                try:
                    with open(self._source.file, "rb") as handle:
                        text = _capped(handle.read(MAX_SOURCE_BYTES + 1))
                except OSError as error:
                    raise PassphraseUnavailable(_("The passphrase file cannot be read.")) from error
            elif self._source.fd is not None:
                if self._source.fd < 0:
                    raise PassphraseUnavailable(_("The passphrase file descriptor cannot be read."))
                try:
                    with os.fdopen(self._source.fd, "rb", closefd=False) as handle:
                        text = _capped(handle.read(MAX_SOURCE_BYTES + 1))
                except (OSError, ValueError) as error:
                    raise PassphraseUnavailable(_("The passphrase file descriptor cannot be read.")) from error
            else:
                text = ""
            self._lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return self._lines

    @property
    def interactive(self) -> bool:
        """Whether passphrases are typed at the terminal."""
        return self._source.file is None and self._source.fd is None

    def next(self, prompt: str) -> str:
        """The next passphrase: the next line of the source, or typed at a prompt."""
        if self.interactive:
            if not sys.stdin.isatty():
                raise PassphraseUnavailable(
                    _("No terminal to type a passphrase in; use --passphrase-file or --passphrase-fd.")
                )
            import getpass  # here: a prompt is rare (a passphrase file or the unlock screen is usual)

            return getpass.getpass(prompt)
        lines = self._load()
        if not lines or (len(lines) == 1 and not lines[0]):
            raise PassphraseUnavailable(_("The passphrase file has no more lines."))
        return lines.pop(0)


MIN_PASSPHRASE_LENGTH = 10


def passphrase_problem(first: str, second: str) -> str:
    """Why a new passphrase is not acceptable, or "" when it is."""
    if len(first) < MIN_PASSPHRASE_LENGTH:
        return _("Use at least {n} characters; a short sentence works well.").format(n=MIN_PASSPHRASE_LENGTH)
    if first != second:
        return _("The two passphrases are not the same.")
    return ""
