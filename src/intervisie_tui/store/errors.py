"""Errors of the encrypted file, told apart so the user knows what to do.

Each error has the exit code the command line uses for it and a message in the
current language. A ``reason`` is an English msgid marked with ``N_`` where it
is raised and translated when shown. Messages never contain file contents or
the passphrase.
"""

from __future__ import annotations

import errno
from datetime import datetime

from intervisie_tui.core.dates import moment_text
from intervisie_tui.core.sanitize import display_line
from intervisie_tui.i18n import N_, _


class VaultError(Exception):
    """Base class of every error about the encrypted file."""

    exit_code = 1

    def message(self) -> str:
        """A sentence for the user, in the current language."""
        return _("The file could not be opened.")

    def __str__(self) -> str:  # pragma: no cover - used in tracebacks only
        return self.message()


class WrongPassphrase(VaultError):
    """The passphrase does not open this file. Nothing is wrong with the file."""

    exit_code = 3

    def message(self) -> str:
        return _("Wrong passphrase. Try again.")


class DamagedFile(VaultError):
    """The file is ours but its bytes are not what was written: never shown in part."""

    exit_code = 4

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    def message(self) -> str:
        text = _("The file is damaged: {reason}. It was not changed; you can restore a backup.")
        return text.format(reason=_(self.reason) + (f" ({self.detail})" if self.detail else ""))


class UnsupportedFile(VaultError):
    """Not an intervisie file, or one this version cannot read. Nothing is touched."""

    exit_code = 5

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    def message(self) -> str:
        text = _("This file cannot be opened: {reason}. It was not changed.")
        return text.format(reason=_(self.reason) + (f" ({self.detail})" if self.detail else ""))


class VaultLocked(VaultError):
    """Another running copy of the app has this file open."""

    exit_code = 6

    def __init__(self, host: str = "", pid: int | None = None, since: datetime | None = None) -> None:
        super().__init__(host, pid, since)
        self.host = host
        self.pid = pid
        self.since = since

    def message(self) -> str:
        if not self.host:
            return _("This file is already open in another window or program.")
        since = moment_text(self.since) if self.since else "?"
        text = _("This file is already open on {host} (process {pid}) since {since}. Close it there first.")
        # The host comes from the owner note, a file anyone could have written.
        return text.format(host=display_line(self.host), pid=self.pid or "?", since=since)


class SaveFailed(VaultError):
    """A save did not reach the disk; the file on disk is unchanged."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    def message(self) -> str:
        text = _("Not saved: {reason}. Your change is kept on screen.")
        return text.format(reason=_(self.reason) + (f" ({self.detail})" if self.detail else ""))


class FileChangedOnDisk(SaveFailed):
    """The file on disk is not the one this app loaded or last saved."""

    def __init__(self) -> None:
        super().__init__(N_("the file was changed by another program since it was opened"))


class CannotAccess(VaultError):
    """The file or its folder cannot be read or written (permission, not a regular file, disk full).

    Nothing was changed. Exit code 7 (8 is kept free for "unrelated files").
    """

    exit_code = 7

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    def message(self) -> str:
        text = _("The file cannot be read or written: {reason}. Nothing was changed.")
        return text.format(reason=_(self.reason) + (f" ({self.detail})" if self.detail else ""))


class NoLockFile(CannotAccess):
    """The lock file cannot be made beside the file (a read-only folder, or one that is not ours).

    Writing is refused; a command that only reads may go on without the lock.
    """

    def message(self) -> str:
        text = _("The file cannot be opened for writing: its lock file cannot be made beside it ({reason}).")
        return text.format(reason=_(self.reason) + (f", {self.detail}" if self.detail else ""))


_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_NO_LOCKS = {errno.ENOSYS, errno.ENOLCK, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}
"""What a file system without file locks (some network drives) answers a lock."""


def access_error(error: OSError) -> CannotAccess:
    """An OS error of reading or writing a file, as a sentence a user can act on."""
    if error.errno in _FULL:
        return CannotAccess(N_("the disk is full"))
    if error.errno in _DENIED or isinstance(error, PermissionError):
        return CannotAccess(N_("no permission"))
    if error.errno == errno.EISDIR or isinstance(error, IsADirectoryError):
        return CannotAccess(N_("it is a folder, not a file"))
    if error.errno == errno.ENOENT:
        return CannotAccess(N_("it does not exist"))
    return CannotAccess(N_("the disk reported an error"), errno.errorcode.get(error.errno or 0, ""))


def lock_error(error: OSError) -> CannotAccess:
    """An OS error of taking a file's lock, as a sentence: as :func:`access_error`, and a drive that
    has no file locks said as such (only here: the same numbers from a write mean something else)."""
    if error.errno in _NO_LOCKS:
        return CannotAccess(N_("the drive of this folder cannot lock files"))
    return access_error(error)


_NOT_A_FILE = {
    "missing": N_("it does not exist"),
    "folder": N_("it is a folder, not a file"),
    "device": N_("it is a device, not a file"),
    "other": N_("it is not a regular file (a pipe or a socket)"),
}


def not_a_file(kind: str) -> CannotAccess:
    """The refusal for a path that is not a regular file (``kind`` as ``paths.kind_of`` says)."""
    return CannotAccess(_NOT_A_FILE.get(kind, _NOT_A_FILE["other"]))
