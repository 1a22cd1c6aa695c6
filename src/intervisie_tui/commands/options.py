"""What one run of the ``intervisie`` command was asked to do, built by ``cli.py`` from its arguments.

The commands (this package) take a :class:`CommandOptions`; living beside them, it keeps the
command line above the commands and the commands free of the argument parser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from intervisie_tui.passphrases import PassphraseSource
from intervisie_tui.store.fileformat import KdfParams


@dataclass(frozen=True)
class ExportRequest:
    """``export``: what to write and the rules for where."""

    kind: str
    meeting: str | None = None
    member: str | None = None
    register: str | None = None
    period_from: date | None = None
    period_to: date | None = None
    case_text: bool = False
    personal: tuple[str, ...] = ()
    csv: bool = False
    """``--csv``: the same as ``format="csv"``."""
    format: str | None = None
    """``--format``: html, md or csv; None: from the output's name (``render.formats.format_of``)."""
    overwrite: bool = False
    allow_synced: bool = False


@dataclass(frozen=True)
class CommandOptions:
    """Everything a command needs, built from the arguments (and tests' overrides).

    Named apart from ``ui.settings.Settings`` (what the app remembers between runs).
    """

    command: str
    file: Path | None
    language: str
    passphrases: PassphraseSource
    demo: bool = False
    backup: int | None = None
    kdf: KdfParams | None = None
    """KDF for new files: ``None`` is the recommended setting; tests pass fast parameters."""
    clock: Callable[[], datetime] | None = None
    out: Path | None = None
    """``handover``: the new file for the group."""
    group: str | None = None
    """``handover``: the group's name or id."""
    new_passphrases: PassphraseSource = field(default_factory=PassphraseSource)
    """``handover``: where the new file's passphrase comes from (nothing given: typed twice)."""
    export: ExportRequest | None = None
    """``export``: what to export."""
    other: Path | None = None
    """``merge``: the other copy."""
    other_passphrases: PassphraseSource = field(default_factory=PassphraseSource)
    """``merge``: where the other copy's passphrase comes from (nothing given: FILE's, else asked)."""
    import_groups: bool = False
    """``merge``: copy an unrelated file's groups in."""
    neutralised: tuple[str, ...] = ()
    """Textual switches removed from the environment at start; the app names them."""
