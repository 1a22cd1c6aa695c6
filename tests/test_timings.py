"""The benchmark's timings hook: off by default, one line per KDF when a file is named."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from intervisie_tui import timings
from intervisie_tui.store import crypto
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS


def test_a_kdf_notes_its_time_when_a_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "timings.jsonl"
    monkeypatch.setenv(timings.TIMINGS_VARIABLE, str(target))
    before = time.monotonic()
    crypto.derive_master_key("passphrase", ARGON2ID_FAST_FOR_TESTS, b"s" * 16)
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert len(lines) == 1
    line = lines[0]
    assert line["what"] == "kdf"
    assert before <= line["start"] <= line["end"] <= time.monotonic()
    assert line["main_thread"] is True
    assert "passphrase" not in target.read_text()


def test_nothing_is_written_without_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(timings.TIMINGS_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    crypto.derive_master_key("passphrase", ARGON2ID_FAST_FOR_TESTS, b"s" * 16)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_target_does_not_stop_the_kdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(timings.TIMINGS_VARIABLE, str(tmp_path / "missing-folder" / "timings.jsonl"))
    assert len(crypto.derive_master_key("passphrase", ARGON2ID_FAST_FOR_TESTS, b"s" * 16)) == crypto.KEY_LEN
