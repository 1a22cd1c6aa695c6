"""A file's key derived on another thread ahead of the unlock (store/key_ahead.py)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from intervisie_tui.store import crypto
from intervisie_tui.store.errors import UnsupportedFile, WrongPassphrase
from intervisie_tui.store.fileformat import HEADER_LEN, parse_header
from intervisie_tui.store.filekey import FileKey
from intervisie_tui.store.key_ahead import KeyAhead
from intervisie_tui.store.opener import FileOpener
from tests.conftest import PASSPHRASE


def _header(path: Path):
    return parse_header(path.read_bytes()[:HEADER_LEN], path.stat().st_size)


def test_the_key_derived_ahead_is_the_key_of_the_file(made: Path, kdf_threads: list[str]) -> None:
    header = _header(made)
    ahead = KeyAhead.start(made, PASSPHRASE)
    assert ahead is not None
    key = ahead.derive(PASSPHRASE, header.kdf, header.salt)
    assert key == FileKey.derive(PASSPHRASE, header.kdf, header.salt)
    assert kdf_threads[0] == "intervisie-key-ahead"
    key.check(header)  # the header's MAC matches: the right key


def test_another_passphrase_is_derived_anew_and_refused(made: Path, clock, kdf_threads: list[str]) -> None:
    opener = FileOpener(made, clock=clock)
    ahead = opener.derive_ahead(PASSPHRASE)
    try:
        with pytest.raises(WrongPassphrase):
            opener.unlock("not the passphrase at all", ahead=ahead)
    finally:
        opener.release()
    assert kdf_threads.count("intervisie-key-ahead") == 1
    assert kdf_threads.count(threading.current_thread().name) == 1  # the other passphrase, on the unlock's thread


def test_a_wrong_passphrase_ahead_is_refused_by_the_unlock(made: Path, clock) -> None:
    opener = FileOpener(made, clock=clock)
    ahead = opener.derive_ahead("not the passphrase at all")
    try:
        with pytest.raises(WrongPassphrase):
            opener.unlock("not the passphrase at all", ahead=ahead)
    finally:
        opener.release()


def test_the_key_ahead_is_given_once(made: Path, kdf_threads: list[str]) -> None:
    header = _header(made)
    ahead = KeyAhead.start(made, PASSPHRASE)
    assert ahead is not None
    first = ahead.derive(PASSPHRASE, header.kdf, header.salt)
    before = len(kdf_threads)
    second = ahead.derive(PASSPHRASE, header.kdf, header.salt)
    assert second == first
    assert kdf_threads[before:] == [threading.current_thread().name]  # derived again, here: nothing kept ahead


@pytest.mark.parametrize("content", [None, b"{}", b"INTERVIS"])
def test_no_key_ahead_for_a_file_without_a_readable_header(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "file.ivt"
    if content is not None:
        path.write_bytes(content)
    assert KeyAhead.start(path, PASSPHRASE) is None


def test_the_unlock_still_names_what_is_wrong_without_a_key_ahead(tmp_path: Path, clock) -> None:
    path = tmp_path / "file.ivt"
    path.write_bytes(b'{"_default": {}}')
    opener = FileOpener(path, clock=clock)
    ahead = opener.derive_ahead(PASSPHRASE)
    assert ahead is None
    try:
        with pytest.raises(UnsupportedFile):
            opener.unlock(PASSPHRASE, ahead=ahead)
    finally:
        opener.release()


def test_a_kdf_that_fails_ahead_fails_the_unlock(made: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args):
        raise MemoryError("no memory for the KDF")

    monkeypatch.setattr(crypto, "derive_master_key", broken)
    header = _header(made)
    ahead = KeyAhead.start(made, PASSPHRASE)
    assert ahead is not None
    with pytest.raises(MemoryError, match="no memory for the KDF"):
        ahead.derive(PASSPHRASE, header.kdf, header.salt)


def test_the_wait_for_the_key_is_noted_for_the_benchmark(
    made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "timings.jsonl"
    monkeypatch.setenv("INTERVISIE_TIMINGS", str(target))
    header = _header(made)
    ahead = KeyAhead.start(made, PASSPHRASE)
    assert ahead is not None
    ahead.derive(PASSPHRASE, header.kdf, header.salt)
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    kdf = [line for line in lines if line["what"] == "kdf"]
    waits = [line for line in lines if line["what"] == "kdf_wait"]
    assert len(kdf) == 1 and not kdf[0]["main_thread"]
    assert len(waits) == 1 and waits[0]["main_thread"]
    assert waits[0]["end"] >= kdf[0]["end"] - 0.001  # the wait ended when the key was there
