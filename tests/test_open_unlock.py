"""``intervisie FILE --passphrase-file``: the KDF runs in a thread while the app's modules load."""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.commands import open_app
from intervisie_tui.store.errors import WrongPassphrase
from intervisie_tui.store.opener import FileOpener
from tests.conftest import PASSPHRASE


def test_the_kdf_runs_beside_the_imports_and_the_repository_comes_back(
    made: Path, clock, kdf_threads: list[str]
) -> None:
    opener = FileOpener(made, clock=clock)
    opener.acquire()
    try:
        repository = open_app.unlock_while_loading(opener, PASSPHRASE)
        try:
            assert repository.groups()
        finally:
            repository.close()
    finally:
        opener.release()
    assert kdf_threads == ["intervisie-key-ahead"]  # once, and not on this thread


def test_a_wrong_passphrase_comes_out_as_before(made: Path, clock) -> None:
    opener = FileOpener(made, clock=clock)
    opener.acquire()
    try:
        with pytest.raises(WrongPassphrase):
            open_app.unlock_while_loading(opener, "not the passphrase at all")
    finally:
        opener.release()
