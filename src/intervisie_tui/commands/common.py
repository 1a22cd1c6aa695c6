"""Small helpers shared by the commands."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import _
from intervisie_tui.passphrases import PassphraseReader, PassphraseUnavailable
from intervisie_tui.passphrases import passphrase_problem
from intervisie_tui.store.paths import is_link, resolve

if TYPE_CHECKING:
    from intervisie_tui.cli import Settings


def clock_of(settings: Settings) -> Callable[[], datetime]:
    """The settings' clock, or the local system time."""
    return settings.clock or (lambda: datetime.now(timezone.utc).astimezone())


def new_passphrase(reader: PassphraseReader) -> str:
    """Ask for a new passphrase: typed twice at a terminal, one line from a file."""
    first = reader.next(_("New passphrase: "))
    second = reader.next(_("Same passphrase again: ")) if reader.interactive else first
    problem = passphrase_problem(first, second)
    if problem:
        raise PassphraseUnavailable(problem)
    return first


def resolve_file(settings: Settings) -> Settings:
    """``settings`` with its file resolved to where it really is; a link is named on standard error."""
    assert settings.file is not None
    real = resolve(settings.file)
    if is_link(settings.file):
        print(_("{link} is a link to {path}; working on that file.").format(
            link=display(str(settings.file)), path=display(str(real))), file=sys.stderr)  # fmt: skip
    return dataclasses.replace(settings, file=real)
