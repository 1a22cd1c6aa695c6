"""The garbage collector is held while the command line starts the app, and always given back."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from intervisie_tui import collector
from intervisie_tui.cli import main
from tests.ui.helpers import make_app


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    """Whatever a test does, the process's collector is back as it was."""
    was_enabled = gc.isenabled()
    yield
    collector.release()
    if was_enabled:
        gc.enable()


def test_hold_stops_automatic_collections_and_release_restarts_them() -> None:
    gc.enable()
    collector.hold()
    assert not gc.isenabled() and collector.held()
    collector.release()
    assert gc.isenabled() and not collector.held()
    collector.release()  # a second release changes nothing
    assert gc.isenabled()


def test_release_leaves_a_collector_someone_else_switched_off_alone() -> None:
    gc.disable()
    collector.hold()
    assert not collector.held()
    collector.release()
    assert not gc.isenabled()


def test_the_command_line_gives_the_collector_back_when_a_command_fails(tmp_path: Path, capsys) -> None:
    gc.enable()
    code = main(["check", str(tmp_path / "bestaat-niet.ivt")])
    printed = capsys.readouterr()
    assert code != 0 and (printed.out + printed.err).strip()
    assert gc.isenabled() and not collector.held()


def test_the_command_line_gives_the_collector_back_on_a_usage_error(capsys) -> None:
    gc.enable()
    with pytest.raises(SystemExit):
        main(["--geen-optie"])
    capsys.readouterr()
    assert gc.isenabled()


async def test_the_app_releases_the_collector_after_its_first_frame(tmp_path: Path) -> None:
    gc.enable()
    collector.hold()
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled() and not collector.held()
