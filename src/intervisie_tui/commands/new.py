"""``intervisie new FILE [--demo]``: create an encrypted file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intervisie_tui.commands.common import clock_of, new_passphrase
from intervisie_tui.i18n import _
from intervisie_tui.store.repository import Repository

if TYPE_CHECKING:
    from intervisie_tui.cli import Settings


def run_new(settings: Settings) -> int:
    """Create ``settings.file``; refuses to overwrite an existing file."""
    assert settings.file is not None
    if settings.file.exists():
        print(_("{path} already exists; nothing was changed.").format(path=settings.file))
        return 2
    passphrase = new_passphrase(settings.passphrases.reader())
    clock = clock_of(settings)
    settings.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    repository = Repository.create(settings.file, passphrase, kdf=settings.kdf, clock=clock)
    try:
        if settings.demo:
            from intervisie_tui.core.demo import demo_records

            repository.put(*demo_records(clock()))
    finally:
        repository.close()
    print(_("Created {path}.").format(path=settings.file))
    return 0
