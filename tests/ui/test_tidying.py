"""A moment after a screen is shown the app collects the closed screens' garbage (ui/tidying.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from intervisie_tui.ui.dialogs.keys_help import KeysHelp
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.tidying import TIDY_AFTER_S, Tidier
from tests.ui.helpers import make_app, until


class _Timer:
    def __init__(self, delay: float, callback: Any) -> None:
        self.delay, self.callback, self.stopped = delay, callback, False

    def stop(self) -> None:
        self.stopped = True


class _App:
    """Just what the tidier asks of the app: timers."""

    def __init__(self) -> None:
        self.timers: list[_Timer] = []

    def set_timer(self, delay: float, callback: Any, name: str | None = None) -> _Timer:
        self.timers.append(_Timer(delay, callback))
        return self.timers[-1]


def test_a_screen_shown_collects_once_a_moment_later_and_a_newer_screen_moves_it_on() -> None:
    app, collected = _App(), []
    tidier = Tidier(app, collect=lambda: collected.append(1), managed=lambda: True)  # type: ignore[arg-type]
    tidier.screen_shown()
    tidier.screen_shown()
    first, second = app.timers
    assert first.stopped and not second.stopped
    assert second.delay == TIDY_AFTER_S
    assert collected == []
    second.callback()
    assert collected == [1]
    tidier.screen_shown()  # the timer that fired is not stopped again
    assert not second.stopped and len(app.timers) == 3


def test_nothing_is_scheduled_where_the_command_line_does_not_manage_the_collector() -> None:
    app = _App()
    Tidier(app, collect=lambda: None, managed=lambda: False).screen_shown()  # type: ignore[arg-type]
    assert app.timers == []


async def test_opening_and_closing_a_dialog_each_collect(tmp_path: Path) -> None:
    app, collected = make_app(tmp_path, unlocked=True), []
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.tidier = Tidier(app, after_s=0.01, collect=lambda: collected.append(type(app.screen)), managed=lambda: True)
        await pilot.press("f1")
        await until(pilot, lambda: KeysHelp in collected)
        await pilot.press("escape")
        await until(pilot, lambda: collected[-1] is HomeScreen)


async def test_a_test_app_does_not_collect_on_its_own(tmp_path: Path) -> None:
    """Not under the command line the tidier stays out of the way (``collector.managed`` is false)."""
    app = make_app(tmp_path, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, KeysHelp))
        assert app.tidier._timer is None


def test_tidying_hands_the_heap_back_only_after_a_collection(monkeypatch) -> None:
    from intervisie_tui import allocator, collector
    from intervisie_tui.ui import tidying

    given: list[int] = []
    monkeypatch.setattr(allocator, "give_back", lambda: given.append(1) or True)
    monkeypatch.setattr(collector, "tidy", lambda: False)
    tidying.tidy_memory()
    assert given == []
    monkeypatch.setattr(collector, "tidy", lambda: True)
    tidying.tidy_memory()
    assert given == [1]
