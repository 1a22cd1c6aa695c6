"""The garbage collector is held while the command line starts the app, and always given back."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from intervisie_tui import collector
from intervisie_tui.cli import main
from intervisie_tui.ui.screens.unlock import UnlockScreen
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import PASSPHRASE
from tests.ui.helpers import make_app, type_line, until


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    """Whatever a test does, the process's collector is back as it was."""
    was_enabled = gc.isenabled()
    yield
    collector.finish()  # released, nothing frozen, nothing managed for the tests after it
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


class _Cycle:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_settling_collects_the_start_ups_garbage_and_freezes_what_lives_on() -> None:
    gc.enable()
    collector.hold()
    garbage, kept = weakref.ref(_Cycle()), _Cycle()
    assert garbage() is not None  # held: nobody collected it
    collector.settle()
    assert garbage() is None
    assert gc.get_freeze_count() > 0
    assert gc.isenabled() and not collector.held()
    del kept.me  # frozen objects are not collected, but reference counting still frees them


def test_tidying_collects_only_once_an_opened_file_settled_the_collector() -> None:
    gc.enable()
    collector.hold()
    garbage = weakref.ref(_Cycle())
    collector.release()  # the unlock screen: released, not settled
    gc.disable()  # no automatic pass may take the cycle while this test looks
    collector.tidy()
    assert garbage() is not None
    collector.settle()
    later = weakref.ref(_Cycle())
    gc.disable()
    collector.tidy()
    assert later() is None


def test_tidying_does_nothing_where_the_command_line_does_not_manage_the_collector() -> None:
    gc.disable()
    garbage = weakref.ref(_Cycle())
    collector.tidy()
    assert garbage() is not None and not collector.managed()
    gc.collect()


def test_settling_freezes_nothing_where_the_command_line_does_not_manage_the_collector() -> None:
    gc.enable()
    collector.settle()
    assert gc.get_freeze_count() == 0


async def test_the_unlock_screen_only_releases_the_collector_and_the_opened_file_settles_it(tmp_path: Path) -> None:
    """A collection and a freeze before the unlock screen's field is drawn would hold the field back."""
    gc.enable()
    collector.hold()
    app = make_app(tmp_path, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, UnlockScreen) and not collector.held())
        assert gc.get_freeze_count() == 0
        await pilot.press("enter")  # the demo meeting runs: a curtain first, the field after a key
        await type_line(pilot, PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and gc.get_freeze_count() > 0)


def test_a_command_that_ends_gives_the_collector_back_with_nothing_frozen() -> None:
    gc.enable()
    collector.hold()
    collector.settle()
    collector.finish()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    collector.settle()  # no longer managed: nothing is frozen again
    assert gc.get_freeze_count() == 0


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
    assert gc.get_freeze_count() == 0


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


async def test_a_lock_lets_the_frozen_meeting_screen_go(tmp_path: Path) -> None:
    """The first screen is frozen with the start-up; after a lock nothing of it may stay in memory."""
    gc.enable()
    collector.hold()
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and not collector.held())
        assert gc.get_freeze_count() > 0
        await pilot.press("ctrl+l")
        await until(pilot, lambda: isinstance(app.screen, UnlockScreen))
        assert gc.get_freeze_count() == 0
        await until(pilot, lambda: not any(isinstance(thing, SessionScreen) for thing in _collected()))


def _collected() -> list[object]:
    """Every object tracked after a full collection."""
    gc.collect()
    return gc.get_objects()
