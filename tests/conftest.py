"""Shared fixtures: a frozen clock, fast KDF parameters, files, repositories and apps.

Fast KDF parameters are an explicit test setting: tests pass
``ARGON2ID_FAST_FOR_TESTS`` to whatever creates a file. The app itself never
uses them; tests/store/test_real_kdf.py runs the recommended parameters.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import settings

from intervisie_tui import i18n
from intervisie_tui.cli import main
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS, KdfParams
from intervisie_tui.store.opener import FileOpener
from intervisie_tui.store.repository import Repository

PASSPHRASE = "correct horse battery staple"
FROZEN = datetime(2026, 11, 22, 14, 5, 0, tzinfo=timezone(timedelta(hours=1)))

# Hypothesis's default deadline (200 ms an example) measured the machine, not the code: on a loaded
# 2-core machine one example of the question coach's property took longer. Two seconds still catches
# a pattern that backtracks without end. Tests that write files set deadline=None themselves.
settings.register_profile("loaded_machine", deadline=timedelta(seconds=2))
settings.load_profile("loaded_machine")


class FrozenClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime = FROZEN) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move the clock forward, e.g. ``advance(minutes=5)``."""
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(autouse=True)
def _dutch_by_default() -> Iterator[None]:
    """Every test starts in Dutch (the app's default) and leaves it that way."""
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's config, data, state and cache folders point into a temp folder (platformdirs reads XDG_*).

    No test reads the developer's own settings.toml or writes into their folders.
    """
    root = tmp_path_factory.mktemp("user")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(root / variable.lower()))


@pytest.fixture
def clock() -> FrozenClock:
    """A frozen clock at 2026-11-22 14:05 (+01:00)."""
    return FrozenClock()


@pytest.fixture
def fast_kdf() -> KdfParams:
    """KDF parameters cheap enough for thousands of unlocks (tests only)."""
    return ARGON2ID_FAST_FOR_TESTS


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """Where a test's encrypted file lives (not created)."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "groep.ivt"


@pytest.fixture
def new_repository(data_file: Path, clock: FrozenClock, fast_kdf: KdfParams) -> Iterator[Callable[..., Repository]]:
    """Factory for a new repository on ``data_file``; closed at the end of the test."""
    opened: list[Repository] = []

    def make(path: Path = data_file, passphrase: str = PASSPHRASE) -> Repository:
        repository = Repository.create(path, passphrase, kdf=fast_kdf, clock=clock)
        opened.append(repository)
        return repository

    yield make
    for repository in opened:
        repository.close()


@pytest.fixture
def opener(data_file: Path, clock: FrozenClock, fast_kdf: KdfParams) -> Iterator[FileOpener]:
    """A file opener like the command line builds, with fast KDF parameters."""
    file_opener = FileOpener(data_file, clock=clock, kdf=fast_kdf)
    yield file_opener
    file_opener.release()


# -- the command line, driven in-process (tests/test_cli*.py) ---------------------------------


@pytest.fixture
def kdf_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every KDF run from here on, by the name of the thread it ran on (the real KDF still runs)."""
    from intervisie_tui.store import crypto

    runs: list[str] = []
    real = crypto.derive_master_key

    def derive(*args):
        runs.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(crypto, "derive_master_key", derive)
    return runs


@pytest.fixture
def dutch_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command reads the language from the environment: make it Dutch whatever the machine says.

    The CLI test modules use it for every test (``pytestmark``)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdin is not a terminal, so nothing can be typed."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], clock: FrozenClock, fast_kdf: KdfParams):
    """Run ``intervisie ARGS`` in-process; returns (exit code, stdout + stderr), argparse's exit included."""

    def run(*argv: str | Path) -> tuple[int, str]:
        try:
            code = main([str(arg) for arg in argv], kdf=fast_kdf, clock=clock)
        except SystemExit as exit_:  # argparse
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return run


@pytest.fixture
def secret(tmp_path: Path):
    """Write passphrase lines to a file and return its path."""

    def write(*lines: str) -> Path:
        path = tmp_path / f"pass-{len(list(tmp_path.glob('pass-*')))}.txt"
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return path

    return write


@pytest.fixture
def made(cli, secret, data_file: Path) -> Path:
    """A new file with the two demo groups, made by ``intervisie new --demo``."""
    code, output = cli("new", data_file, "--demo", "--passphrase-file", secret(PASSPHRASE))
    assert code == 0, output
    return data_file


_COACH_SCORES = {
    "classify_score": "question coach: {} of the example questions classified as expected",
    "held_out_score": "question coach, held-out set (never tuned on): {}",
}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show the question coach's scores on its example questions and its held-out set (tests/core/test_questions.py).

    Each score travels as a user property, which pytest-xdist passes on from its workers.
    """
    scores: dict[str, object] = {}
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, score in getattr(report, "user_properties", ()):
                scores.setdefault(name, score)
    for name, line in _COACH_SCORES.items():
        if name in scores:
            terminalreporter.write_line(line.format(scores[name]))
