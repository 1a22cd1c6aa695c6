"""What the app is given from outside: the file opener, the clock, the settings.

The command line and the tests both build an :class:`AppContext`; the app has
no other way to reach files, the clock or the environment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from intervisie_tui.store.opener import FileOpener
    from intervisie_tui.store.repository import Repository


def system_clock() -> datetime:
    """The local time, timezone-aware."""
    return datetime.now(UTC).astimezone()


def animation_off_requested(environ: Mapping[str, str]) -> bool:
    """Whether the environment asks for no animation.

    Textual 8 reads ``TEXTUAL_ANIMATIONS`` (plural) itself; ``TEXTUAL_ANIMATION=none``,
    the spelling people also use, is honoured here as well.
    """
    return any(environ.get(name, "").strip().lower() == "none" for name in ("TEXTUAL_ANIMATION", "TEXTUAL_ANIMATIONS"))


@dataclass
class AppContext:
    """Everything the app needs to run."""

    opener: FileOpener
    clock: Callable[[], datetime] = system_clock
    repository: Repository | None = None
    """Already unlocked (demo, or a passphrase from --passphrase-file): skip the unlock screen."""
    language: str = "nl"
    unlock_delay_s: float = 1.0
    """Base of the growing delay after wrong passphrases (doubles per failure, capped)."""
    demo: bool = False
    notebook: Path | None = None
    """The supervisor's private notebook; None = the default file in the data folder."""
    config_dir: Path | None = None
    """Settings and the user's own themes; None = the user's config folder."""
    animation_off: bool = False
    """No animation at all (TEXTUAL_ANIMATION=none): weak machines and remote terminals."""
    neutralised: tuple[str, ...] = ()
    """Textual switches removed from the environment at start (see intervisie_tui.hardening)."""
