"""``intervisie [FILE] [--demo]``: open the app."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from intervisie_tui.commands.common import clock_of, require_file
from intervisie_tui.i18n import _
from intervisie_tui.locations import default_data_file
from intervisie_tui.store.opener import FileOpener
from intervisie_tui.store.paths import kind_of

if TYPE_CHECKING:
    from intervisie_tui.commands.options import CommandOptions
    from intervisie_tui.store.repository import Repository
    from intervisie_tui.ui.context import AppContext


def _run(context: AppContext) -> int:
    from intervisie_tui.ui.app import IntervisieApp

    app = IntervisieApp(context)
    try:
        result = app.run()
    finally:
        app.close_repository()
    return app.return_code if app.return_code else (result or 0)


def unlock_while_loading(opener: FileOpener, passphrase: str) -> Repository:
    """Unlock the file with its KDF running on another thread while this one loads the app's modules.

    The KDF releases the GIL (cryptography's Argon2id runs outside Python), so on a second core it
    overlaps the imports instead of coming before them, and the first screen appears that much
    sooner. Only the KDF runs there: the header is read here first, and the rest of the unlock
    follows the imports on this thread (``store/key_ahead.py``, docs/PERFORMANCE.md). Errors come
    out as from a plain unlock.
    """
    ahead = opener.derive_ahead(passphrase)
    import intervisie_tui.ui.app  # noqa: F401  (loaded now, used by _run)

    return opener.unlock(passphrase, ahead=ahead)


def run_open(settings: CommandOptions) -> int:
    """Open the named (or default) file in the app; the lock is taken before anything else."""
    from intervisie_tui.ui.context import AppContext, animation_off_requested

    if settings.demo:
        return run_demo(settings)
    clock = clock_of(settings)
    opener = FileOpener(settings.file or default_data_file(), clock=clock, kdf=settings.kdf)
    if kind_of(opener.path) not in ("file", "missing"):  # a folder or a pipe: said before the app starts
        return require_file(opener.path) or 0
    opener.acquire()
    try:
        repository = None
        reader = settings.passphrases.reader()
        if opener.exists() and not reader.interactive:
            repository = unlock_while_loading(opener, reader.next(_("Passphrase: ")))
        return _run(
            AppContext(
                opener=opener,
                clock=clock,
                repository=repository,
                language=settings.language,
                animation_off=animation_off_requested(os.environ),
                neutralised=settings.neutralised,
            )
        )
    finally:
        opener.release()


DEMO_PREFIX = "intervisie-demo-"


def remove_orphaned_demos(temp_root: Path) -> int:
    """Delete demo folders left by a demo that was killed (its file lock is free).

    A demo killed by a closed terminal never reaches its own clean-up; its
    folder holds only an encrypted file under a random, forgotten passphrase.
    """
    from intervisie_tui.store.errors import VaultLocked
    from intervisie_tui.store.lock import FileGuard

    removed = 0
    for folder in temp_root.glob(DEMO_PREFIX + "*"):
        demo_file = folder / "demo.ivt"
        if not folder.is_dir():
            continue
        guard = FileGuard(demo_file)
        try:
            guard.acquire()
        except VaultLocked:
            continue  # another demo is running
        except OSError:
            continue
        guard.release()
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


def run_demo(settings: CommandOptions) -> int:
    """Open the demo groups on a throw-away encrypted file, removed on exit."""
    from intervisie_tui.core.demo import demo_records
    from intervisie_tui.ui.context import AppContext, animation_off_requested

    clock = clock_of(settings)
    remove_orphaned_demos(Path(tempfile.gettempdir()))
    folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    try:
        opener = FileOpener(folder / "demo.ivt", clock=clock, kdf=settings.kdf)
        repository = opener.create(secrets.token_urlsafe(24))
        repository.put(*demo_records(clock()))
        try:
            return _run(
                AppContext(
                    opener=opener,
                    clock=clock,
                    repository=repository,
                    language=settings.language,
                    demo=True,
                    animation_off=animation_off_requested(os.environ),
                    neutralised=settings.neutralised,
                )
            )
        finally:
            opener.release()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
