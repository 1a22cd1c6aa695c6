"""The one way the app (and the tests) get at an encrypted file.

The command line builds a :class:`FileOpener` from its settings and hands it
to the app; tests build one with fast KDF parameters. The opener holds the
file's lock for the whole session, so locking the app (dropping the key and
the data) never lets a second instance in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from intervisie_tui.core.owner_note import OwnerNote
from intervisie_tui.store.errors import access_error
from intervisie_tui.store.lock import FileGuard
from intervisie_tui.store.paths import is_link, resolve

if TYPE_CHECKING:
    # Loaded when a file is opened, not to show the unlock screen: the encrypted store, TinyDB and
    # cryptography are most of the store's import time (docs/PERFORMANCE.md).
    from intervisie_tui.store import backups
    from intervisie_tui.store.fileformat import KdfParams
    from intervisie_tui.store.key_ahead import KeyAhead
    from intervisie_tui.store.repository import Repository
    from intervisie_tui.store.restore import RestoreReport
    from intervisie_tui.store.vault import Clock


@dataclass
class FileOpener:
    """Opens or creates one encrypted file for the app."""

    path: Path
    clock: Clock
    kdf: KdfParams | None = None
    """KDF for new files; ``None`` means the platform's recommended setting."""
    guard: FileGuard | None = field(default=None)
    """The file's lock, taken by :meth:`acquire` and held until :meth:`release`."""
    given: Path | None = field(default=None)
    """The name the file was given by (``path`` is where it really is: links resolved once, here)."""

    def __post_init__(self) -> None:
        self.given = self.given or self.path
        self.path = resolve(self.path)

    @property
    def is_link(self) -> bool:
        """Whether the name given is a link to the file (see ``paths.is_link``)."""
        return self.given is not None and is_link(self.given)

    @property
    def label(self) -> str:
        """The file's name for a screen: ``groep.ivt``, or ``groep.ivt → gedeeld/noord.ivt`` through a link.

        Names only, never whole paths: a projected path would show the user's login name.
        """
        if not self.is_link or self.given is None:
            return self.path.name
        return f"{self.given.name} → {self.path.parent.name}/{self.path.name}"

    def acquire(self) -> None:
        """Take the file's lock (raises ``VaultLocked`` naming the holder)."""
        if self.guard is None:
            guard = FileGuard(self.path)
            guard.acquire(self.clock())
            self.guard = guard

    @property
    def elsewhere(self) -> OwnerNote | None:
        """A fresh note found at :meth:`acquire` saying the file is open on another computer (until claimed)."""
        return self.guard.elsewhere if self.guard is not None else None

    def claim(self) -> None:
        """Open here anyway: our own note replaces the other computer's."""
        if self.guard is not None:
            self.guard.claim(self.clock())

    def refresh_owner(self) -> None:
        """Rewrite the owner note, so other laptops see the file is still open here."""
        if self.guard is not None:
            self.guard.refresh(self.clock())

    def release(self) -> None:
        """Let go of the file's lock."""
        if self.guard is not None:
            self.guard.release()
            self.guard = None

    def exists(self) -> bool:
        """Whether the file is there (else the app offers to create it)."""
        return self.path.exists()

    def unlock(self, passphrase: str, *, ahead: KeyAhead | None = None) -> Repository:
        """Open the file; runs the KDF once (or takes the key ``ahead`` derived for it). Blocking."""
        self.acquire()
        from intervisie_tui.store.filekey import FileKey
        from intervisie_tui.store.repository import Repository

        derive = ahead.derive if ahead is not None else FileKey.derive
        return Repository.unlock(self.path, passphrase, clock=self.clock, guard=self.guard, derive=derive)

    def derive_ahead(self, passphrase: str) -> KeyAhead | None:
        """Start the file's KDF on another thread now, for :meth:`unlock` to take (``store/key_ahead.py``).

        None when the header cannot be read: the unlock then says what is wrong.
        """
        from intervisie_tui.store.key_ahead import KeyAhead

        return KeyAhead.start(self.path, passphrase)

    def create(self, passphrase: str) -> Repository:
        """Create the file (its folder too, owner-only). Blocking: call from a worker thread."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.acquire()
        from intervisie_tui.store.repository import Repository

        return Repository.create(self.path, passphrase, kdf=self.kdf, clock=self.clock, guard=self.guard)

    def save_as(self, repository: Repository, new_path: Path) -> None:
        """Continue in a new file: the repository writes there, and this opener holds its lock from now on.

        The old file keeps its bytes; its lock is let go only once the new file is written.
        """
        guard = FileGuard(new_path)
        guard.acquire(self.clock())
        try:
            repository.save_as(new_path, guard=guard)
        except BaseException:
            guard.release()
            raise
        self.release()
        self.guard = guard
        self.path = self.given = resolve(new_path)

    def backups(self) -> list[backups.Backup]:
        """Backups of the file, newest first."""
        from intervisie_tui.store.backups import list_backups

        return list_backups(self.path)

    def restore(self, backup: Path, passphrase: str, now: datetime | None = None) -> RestoreReport:
        """Put a backup in place once it is verified with ``passphrase`` (see ``store/restore.py``).

        Blocking (the KDF runs): call from a worker thread.
        """
        from intervisie_tui.store.restore import restore_backup

        self.acquire()
        try:
            return restore_backup(self.path, backup, passphrase, now or self.clock())
        except OSError as error:
            raise access_error(error) from error
