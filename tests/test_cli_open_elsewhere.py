"""A command on a file open on another laptop says so in one line on standard error and goes on."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from intervisie_tui.store.lock import owner_path_for
from tests.conftest import PASSPHRASE, FrozenClock

NEW = "een nieuwe lange wachtzin"


def _note(path: Path, clock: FrozenClock, seen_ago: timedelta) -> str:
    since = clock() - timedelta(hours=1)
    text = json.dumps(
        {"host": "LAPTOP2\x1b[31m", "pid": 7, "since": since.isoformat(), "seen": (clock() - seen_ago).isoformat()}
    )
    owner_path_for(path).write_text(text, encoding="utf-8")
    return text


def test_a_fresh_note_from_another_host_is_a_warning_not_a_refusal(cli, secret, made: Path, clock: FrozenClock) -> None:
    written = _note(made, clock, timedelta(seconds=30))
    code, output = cli("passwd", made, "--passphrase-file", secret(PASSPHRASE, NEW))
    assert code == 0, output
    warnings = [line for line in output.splitlines() if "LAPTOP2" in line]
    assert len(warnings) == 1
    assert "\x1b" not in warnings[0]  # the host comes from a file anyone could write
    assert f"{(clock() - timedelta(hours=1)).astimezone():%H:%M}" in warnings[0]
    assert owner_path_for(made).read_text(encoding="utf-8") == written  # the other laptop's note stays


def test_a_stale_note_says_nothing(cli, secret, made: Path, clock: FrozenClock) -> None:
    _note(made, clock, timedelta(minutes=5))
    code, output = cli("passwd", made, "--passphrase-file", secret(PASSPHRASE, NEW))
    assert code == 0, output
    assert "LAPTOP2" not in output
