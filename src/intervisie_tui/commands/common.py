"""Small helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from intervisie_tui.i18n import _
from intervisie_tui.passphrases import PassphraseReader, PassphraseUnavailable
from intervisie_tui.passphrases import passphrase_problem

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
