"""The rule for an ``.owner`` note left by another computer: is the file open there right now?

The OS lock guards one machine only. A sync tool carries the note to the other laptops, so a
note written by another host and refreshed recently means the file is open there; opening it
here as well would make two copies that went separate ways (docs/SYNC.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

REFRESH_EVERY = timedelta(minutes=1)
"""How often an open app rewrites its note."""

FRESH_FOR = timedelta(minutes=2)
"""A note younger than this is taken as "open there now": two refreshes, so one late sync does not
hide it. A note from a clock that runs ahead counts as fresh: a warning too many beats one missed."""


@dataclass(frozen=True)
class OwnerNote:
    """What an ``.owner`` note says: who holds the file, since when, and when it was last refreshed."""

    host: str
    pid: int | None
    since: datetime
    seen: datetime
    """When the note was last written (``since`` for notes from before refreshing existed)."""


def open_elsewhere(note: OwnerNote | None, here: str, now: datetime) -> bool:
    """Whether ``note`` says the file is open on another computer than ``here`` at ``now``."""
    if note is None or not note.host or note.host == here:
        return False  # on this computer the OS lock is the truth
    return now - note.seen < FRESH_FOR
