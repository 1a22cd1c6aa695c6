"""``intervisie FILE --passphrase-file``: the file is unlocked in a thread while the app's modules load."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from intervisie_tui.commands import open_app
from intervisie_tui.store.errors import WrongPassphrase
from intervisie_tui.store.opener import FileOpener
from tests.conftest import PASSPHRASE


def test_the_unlock_runs_beside_the_imports_and_hands_back_the_repository(made: Path, clock, monkeypatch) -> None:
    opener = FileOpener(made, clock=clock)
    opener.acquire()
    threads: list[str] = []
    real_unlock = opener.unlock

    def unlock(passphrase: str):
        threads.append(threading.current_thread().name)
        return real_unlock(passphrase)

    monkeypatch.setattr(opener, "unlock", unlock)
    try:
        repository = open_app.unlock_while_loading(opener, PASSPHRASE)
        try:
            assert repository.groups()
        finally:
            repository.close()
    finally:
        opener.release()
    assert threads and threads[0] != threading.main_thread().name


def test_a_wrong_passphrase_comes_out_as_before(made: Path, clock) -> None:
    opener = FileOpener(made, clock=clock)
    opener.acquire()
    try:
        with pytest.raises(WrongPassphrase):
            open_app.unlock_while_loading(opener, "not the passphrase at all")
    finally:
        opener.release()
