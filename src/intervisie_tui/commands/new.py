"""``intervisie new FILE [--demo]``: create an encrypted file."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from intervisie_tui.commands.common import clock_of, new_passphrase, shown
from intervisie_tui.i18n import _
from intervisie_tui.store.errors import access_error
from intervisie_tui.store.lock import discard_new_file
from intervisie_tui.store.repository import Repository

if TYPE_CHECKING:
    from intervisie_tui.commands.options import CommandOptions


def run_new(settings: CommandOptions) -> int:
    """Create ``settings.file``; refuses to overwrite an existing file."""
    assert settings.file is not None
    if os.path.lexists(settings.file):
        print(_("{path} already exists; nothing was changed.").format(path=shown(settings.file)))
        return 2
    passphrase = new_passphrase(settings.passphrases.reader())
    clock = clock_of(settings)
    try:
        settings.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise access_error(error) from error
    repository = Repository.create(settings.file, passphrase, kdf=settings.kdf, clock=clock)
    try:
        if settings.demo:
            from intervisie_tui.core.demo import demo_records

            repository.put(*demo_records(clock()))
    except BaseException:
        # A file without the demo groups it was asked for is not what was made: none is left.
        repository.close()
        discard_new_file(settings.file)
        raise
    repository.close()
    print(_("Created {path}.").format(path=shown(settings.file)))
    return 0
