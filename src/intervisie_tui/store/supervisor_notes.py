"""The supervisor's private notebook: observations of groups, in a file of its own.

A :class:`~intervisie_tui.core.model.SupervisorNote` never goes into a group
file (which may be handed over to the group, ``store/handover.py``); a group
repository refuses it. The notebook is a separate encrypted file with its own
passphrase, in the same format with the same lock file, atomic saves and
rotating backups: it *is* a :class:`Repository` underneath, one that stores
only supervisor notes (table ``supervisor_notes``) and marks its ``meta`` with
``kind: supervisor-notebook``. It refuses to open a group file, and refuses
group records. ``intervisie check`` and ``intervisie passwd`` work on it as on
any file the app writes.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any, Self

from intervisie_tui.core.model import SupervisorNote
from intervisie_tui.i18n import N_
from intervisie_tui.store.codec import encode
from intervisie_tui.store.errors import UnsupportedFile
from intervisie_tui.store.fileformat import KdfParams
from intervisie_tui.store.repository import Repository
from intervisie_tui.store.vault import Clock

NOTES = "supervisor_notes"
NOTEBOOK_KIND = "supervisor-notebook"


class _NotebookFile(Repository):
    """A repository that holds supervisor notes and nothing else."""

    FILE_KIND = NOTEBOOK_KIND

    def _check_kind(self, kind: str) -> None:
        if kind != NOTEBOOK_KIND:
            raise UnsupportedFile(N_("it is not a supervisor's notebook"))

    def _place(self, item: Any) -> tuple[str, dict[str, Any]]:
        if type(item) is not SupervisorNote:
            raise TypeError(
                f"the supervisor's notebook holds only SupervisorNote records, not {type(item).__name__}; "
                "group records belong in the group's file (store.repository.Repository)"
            )
        return NOTES, encode(item)

    def all_notes(self) -> list[SupervisorNote]:
        return self._all(SupervisorNote, NOTES)


class SupervisorNotebook:
    """The supervisor's private notes, unlocked. Use as a context manager or call :meth:`close`."""

    def __init__(self, file: _NotebookFile) -> None:
        self._file = file

    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None, clock: Clock) -> SupervisorNotebook:
        """Create a new, empty notebook at ``path`` (which must not exist; its folder must)."""
        return cls(_NotebookFile.create(path, passphrase, kdf=kdf, clock=clock))

    @classmethod
    def unlock(cls, path: Path, passphrase: str, *, clock: Clock) -> SupervisorNotebook:
        """Open an existing notebook (takes its lock); a group file is refused (``UnsupportedFile``)."""
        return cls(_NotebookFile.unlock(path, passphrase, clock=clock))

    @property
    def path(self) -> Path:
        """The encrypted notebook file."""
        return self._file.path

    @property
    def repository(self) -> Repository:
        """The repository underneath (for re-keying with ``store.rekey``); it takes only notes."""
        return self._file

    def add(self, note: SupervisorNote) -> None:
        """Store a new note (one durable save); ``ValueError`` when a note with its id exists."""
        _check_note(note)
        with self._file.storage.locked():
            if self.note(note.id) is not None:
                raise ValueError(f"a note with id {note.id} is already in the notebook")
            self._file.put(note)

    def put(self, note: SupervisorNote) -> None:
        """Store ``note``, replacing the note with the same id (added when there is none)."""
        _check_note(note)
        self._file.put(note)

    def remove(self, note: SupervisorNote) -> None:
        """Delete the note with ``note``'s id (nothing happens when there is none)."""
        _check_note(note)
        if self.note(note.id) is not None:
            self._file.remove(note)

    def note(self, note_id: str) -> SupervisorNote | None:
        """One note by id."""
        return next((note for note in self._file.all_notes() if note.id == note_id), None)

    def notes(self, group_id: str | None = None) -> list[SupervisorNote]:
        """The notes (of one group when ``group_id`` is given), newest first."""
        found = [note for note in self._file.all_notes() if group_id is None or note.group_id == group_id]
        return sorted(found, key=lambda note: (note.written_at, note.id), reverse=True)

    def close(self) -> None:
        """Drop the key and the decrypted notes; release the lock. Safe to call twice."""
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _check_note(note: Any) -> None:
    if type(note) is not SupervisorNote:
        raise TypeError(f"the supervisor's notebook holds only SupervisorNote records, not {type(note).__name__}")
