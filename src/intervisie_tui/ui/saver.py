"""Saving in the background, so typing never waits for the disk.

The screen changes its state at once and hands the changed records to a
:class:`Saver`. One thread writes them: everything handed in since the last
save goes into one durable save (the newest version of each record wins).
A failed save keeps its records queued and is retried; the screen is told
either way and shows "unsaved" until a save succeeds. Nothing is dropped.

Plain threading rather than a Textual worker: the saver is tested without an
app, and a quit can wait for it (:meth:`flush`) after the app's loop ended.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_
from intervisie_tui.store.errors import SaveFailed, VaultError

RETRY_AFTER_S = 5.0


class Writes(Protocol):
    """What the saver needs of the repository."""

    def batch(self) -> Any: ...
    def put(self, *records: Any) -> None: ...
    def remove(self, *records: Any) -> None: ...


@value_class
class SaveOutcome:
    """What the last save attempt did."""

    ok: bool
    waiting: int
    """Records still waiting to be saved (0 after a successful save with nothing new)."""
    error: VaultError | None = None


class Saver:
    """Write records in one background thread, in the order given, newest version winning."""

    def __init__(
        self, repository: Writes, report: Callable[[SaveOutcome], None], *, retry_after_s: float = RETRY_AFTER_S
    ) -> None:
        self._repository = repository
        self._report = report
        self._retry_after_s = retry_after_s
        self._lock = threading.Condition()
        self._pending: dict[str, tuple[str, Any]] = {}
        self._busy = False
        self._closing = False
        self._failed = False
        self._thread = threading.Thread(target=self._run, name="intervisie-saver", daemon=True)
        self._thread.start()

    # -- handing in -------------------------------------------------------------------

    def put(self, *records: Any) -> None:
        """Queue records to be stored (by id; a later version replaces an earlier one)."""
        self._queue("put", records)

    def remove(self, *records: Any) -> None:
        """Queue records to be deleted."""
        self._queue("remove", records)

    def _queue(self, operation: str, records: tuple[Any, ...]) -> None:
        with self._lock:
            for record in records:
                key = f"{type(record).__name__}:{record.id}"
                self._pending.pop(key, None)  # keep the order of the newest hand-in
                self._pending[key] = (operation, record)
            self._failed = False
            self._lock.notify_all()

    @property
    def waiting(self) -> int:
        """How many records are not yet durable."""
        with self._lock:
            return len(self._pending) + (1 if self._busy else 0)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything handed in is saved; False if a save failed or time ran out."""
        with self._lock:
            self._lock.notify_all()
            done = self._lock.wait_for(lambda: (not self._pending and not self._busy) or self._failed, timeout)
            return bool(done) and not self._pending and not self._busy

    def close(self, timeout: float = 10.0) -> bool:
        """Save what is waiting, then stop the thread; False if something stayed unsaved."""
        saved = self.flush(timeout)
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        self._thread.join(timeout)
        return saved

    @contextmanager
    def held(self, timeout: float = 10.0) -> Iterator[list[tuple[str, Any]]]:
        """The writes waiting (``("put" | "remove", record)``), taken out while the caller saves them
        another way (a merge of a replaced file takes them in); put back if the block raises.

        Waits for a save under way to end first; meanwhile the thread writes nothing. When the
        block ends normally the writes count as saved (reported like a save).
        """
        with self._lock:
            self._lock.wait_for(lambda: not self._busy, timeout)
            work = list(self._pending.items())
            self._pending.clear()
            self._busy = True
        try:
            yield [item for _, item in work]
        except BaseException:
            with self._lock:
                for key, item in work:  # put back what no newer hand-in replaced
                    self._pending.setdefault(key, item)
                self._busy = False
                self._lock.notify_all()
            raise
        with self._lock:
            self._busy = False
            self._failed = False
            waiting = len(self._pending)
            self._lock.notify_all()
        self._report(SaveOutcome(ok=True, waiting=waiting))

    # -- the thread -------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._pending or self._closing)
                if self._closing and (not self._pending or self._failed):
                    return
                work = list(self._pending.items())
                self._pending.clear()
                self._busy = True
            outcome = self._write([item for _, item in work])
            with self._lock:
                self._busy = False
                if outcome is not None:
                    for key, item in work:  # put back what no newer hand-in replaced
                        self._pending.setdefault(key, item)
                    self._failed = True
                waiting = len(self._pending)
                self._lock.notify_all()
            self._report(SaveOutcome(ok=outcome is None, waiting=waiting, error=outcome))
            if outcome is not None:
                with self._lock:
                    self._lock.wait_for(lambda: self._closing or not self._failed, self._retry_after_s)
                    self._failed = False

    def _write(self, items: list[tuple[str, Any]]) -> VaultError | None:
        try:
            with self._repository.batch():
                for operation, record in items:
                    if operation == "put":
                        self._repository.put(record)
                    else:
                        self._repository.remove(record)
        except VaultError as error:
            return error
        except Exception as error:  # noqa: BLE001 - a save must never kill the thread silently
            return SaveFailed(N_("an unexpected error"), type(error).__name__)
        return None
