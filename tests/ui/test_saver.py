"""The background saver: newest version wins, failures keep records queued, nothing is dropped."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass

from intervisie_tui.store.errors import SaveFailed
from intervisie_tui.ui.saver import SaveOutcome, Saver


@dataclass(frozen=True)
class Item:
    id: str
    value: int


class FakeRepository:
    """Records what was saved; can be told to fail, or to block until released."""

    def __init__(self) -> None:
        self.stored: dict[str, int] = {}
        self.removed: list[str] = []
        self.saves = 0
        self.fail_with: Exception | None = None
        self.gate = threading.Event()
        self.gate.set()
        self._batch: dict[str, int] | None = None
        self._removals: list[str] = []

    @contextmanager
    def batch(self):
        self.gate.wait(5)
        self._batch, self._removals = {}, []
        yield
        if self.fail_with is not None:
            raise self.fail_with
        self.stored.update(self._batch)
        for key in self._removals:
            self.stored.pop(key, None)
        self.removed += self._removals
        self.saves += 1

    def put(self, *records: Item) -> None:
        for record in records:
            self._batch[record.id] = record.value

    def remove(self, *records: Item) -> None:
        self._removals += [record.id for record in records]


def make(repository: FakeRepository) -> tuple[Saver, list[SaveOutcome]]:
    outcomes: list[SaveOutcome] = []
    return Saver(repository, outcomes.append, retry_after_s=0.05), outcomes


def test_records_are_saved_and_reported() -> None:
    """Handed-in records reach the repository; the outcome says ok with nothing waiting."""
    repository = FakeRepository()
    saver, outcomes = make(repository)
    saver.put(Item("a", 1), Item("b", 2))
    assert saver.flush()
    assert repository.stored == {"a": 1, "b": 2}
    assert outcomes[-1].ok and outcomes[-1].waiting == 0
    assert saver.close()


def test_the_newest_version_of_a_record_wins() -> None:
    """Several versions handed in while a save runs end as the last one, saved in fewer saves."""
    repository = FakeRepository()
    repository.gate.clear()
    saver, _ = make(repository)
    for value in range(50):
        saver.put(Item("a", value))
    repository.gate.set()
    assert saver.flush()
    assert repository.stored == {"a": 49}
    assert repository.saves <= 2
    saver.close()


def test_a_failed_save_keeps_the_records_and_retries() -> None:
    """A disk-full save is reported, nothing is dropped, and the retry saves everything."""
    repository = FakeRepository()
    repository.fail_with = SaveFailed("the disk is full")
    saver, outcomes = make(repository)
    saver.put(Item("a", 1))
    assert not saver.flush(timeout=2)
    assert outcomes and not outcomes[0].ok
    assert outcomes[0].error is repository.fail_with
    assert saver.waiting == 1
    repository.fail_with = None
    saver.put(Item("b", 2))
    assert saver.flush(timeout=2)
    assert repository.stored == {"a": 1, "b": 2}
    assert outcomes[-1].ok
    saver.close()


def test_a_retry_happens_without_new_changes() -> None:
    """After a failure the saver tries again by itself."""
    repository = FakeRepository()
    repository.fail_with = SaveFailed("the disk is full")
    saver, outcomes = make(repository)
    saver.put(Item("a", 1))
    assert not saver.flush(timeout=2)
    repository.fail_with = None
    deadline = threading.Event()
    for _ in range(100):
        if repository.stored:
            break
        deadline.wait(0.02)
    assert repository.stored == {"a": 1}
    saver.close()


def test_an_unexpected_error_does_not_stop_the_saver() -> None:
    """A bug-like exception is reported as a failed save and the thread keeps going."""
    repository = FakeRepository()
    repository.fail_with = RuntimeError("boom")
    saver, outcomes = make(repository)
    saver.put(Item("a", 1))
    assert not saver.flush(timeout=2)
    assert isinstance(outcomes[0].error, SaveFailed)
    assert outcomes[0].error.detail == "RuntimeError"
    repository.fail_with = None
    saver.put(Item("a", 2))
    assert saver.flush(timeout=2)
    assert repository.stored == {"a": 2}
    saver.close()


def test_removals_and_puts_keep_the_last_word() -> None:
    """A record put and then removed is removed; removed and put again is stored."""
    repository = FakeRepository()
    repository.gate.clear()
    saver, _ = make(repository)
    saver.put(Item("a", 1))
    saver.remove(Item("a", 1))
    saver.remove(Item("b", 0))
    saver.put(Item("b", 3))
    repository.gate.set()
    assert saver.flush()
    assert repository.stored == {"b": 3}
    saver.close()


def test_close_saves_what_waits() -> None:
    """Closing waits for the queued records to be saved."""
    repository = FakeRepository()
    saver, _ = make(repository)
    saver.put(Item("a", 1))
    assert saver.close()
    assert repository.stored == {"a": 1}


def test_held_hands_out_the_failed_writes_and_counts_them_saved() -> None:
    """A merge of a replaced file takes the writes that failed in; the saver then writes them no more."""
    repository = FakeRepository()
    repository.fail_with = SaveFailed("the file was changed by another program")
    saver, outcomes = make(repository)
    saver.put(Item("a", 1))
    saver.remove(Item("b", 0))
    assert not saver.flush(timeout=2)
    repository.fail_with = None

    with saver.held() as waiting:
        assert waiting == [("put", Item("a", 1)), ("remove", Item("b", 0))]

    assert saver.waiting == 0 and outcomes[-1].ok
    assert saver.flush(timeout=2)
    assert repository.stored == {} and repository.removed == []  # not written again over the merge
    saver.close()


def test_held_puts_the_writes_back_when_the_merge_fails() -> None:
    repository = FakeRepository()
    repository.fail_with = SaveFailed("the file was changed by another program")
    saver, _outcomes = make(repository)
    saver.put(Item("a", 1))
    assert not saver.flush(timeout=2)

    try:
        with saver.held():
            raise SaveFailed("the disk is full")
    except SaveFailed:
        pass

    assert saver.waiting == 1
    repository.fail_with = None
    saver.put()  # as after any failed save: the next hand-in (or the retry) saves what waits
    assert saver.flush(timeout=2) and repository.stored == {"a": 1}
    saver.close()
