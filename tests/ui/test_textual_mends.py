"""Textual's own faults, mended when the app is built (ui/textual_mends.py, docs/TEXTUAL.md)."""

from __future__ import annotations

import gc
from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style
from textual.timer import Timer

from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.textual_mends import (
    SKIPPING_TIMER_RUN_SHA256,
    _source_digest,
    mend_styles_cache,
    mend_timer_skip,
    next_slot,
)
from tests.conftest import FrozenClock
from tests.ui.helpers import group_file, until


def _styles_caches() -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, StylesCache))


def test_the_mended_method_gives_the_same_colours_and_keeps_no_widget(tmp_path) -> None:
    mend_styles_cache()
    base, background = Color(10, 20, 30), Color(200, 100, 50, 0.5)
    before = _styles_caches()
    cache = StylesCache()
    inner, outer = cache.get_inner_outer(base, background)
    assert inner.background == base + background
    assert outer.background == base
    del cache
    assert _styles_caches() == before


def test_mending_twice_changes_nothing() -> None:
    mend_styles_cache()
    method = StylesCache.get_inner_outer
    assert mend_styles_cache() is False
    assert StylesCache.get_inner_outer is method


def _as_textual_8_has_it(self: StylesCache, base_background: Color, background: Color) -> tuple[Style, Style]:
    """The fault: a method cached with lru_cache, its instance part of the key."""
    return Style(background=base_background + background), Style(background=base_background)


async def test_closed_screens_leave_no_drawn_lines_behind(tmp_path, clock, monkeypatch) -> None:
    """Opening and closing a group's screen again and again: the widgets' drawn lines go with it.

    Textual as it comes (the fault put back, whatever an earlier test mended): the app mends it.
    """
    monkeypatch.setattr(StylesCache, "get_inner_outer", lru_cache(1024)(_as_textual_8_has_it))
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        counts = []
        for _ in range(6):
            await pilot.press("g")
            await until(pilot, lambda: not isinstance(app.screen, HomeScreen))
            await pilot.pause()
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, HomeScreen))
            await pilot.pause()
            counts.append(_styles_caches())
        assert counts[-1] <= counts[1], counts


def test_a_timer_that_missed_its_slots_waits_at_most_one_interval_for_the_next() -> None:
    """Textual's own arithmetic waited up to two intervals: a frame up to 33 ms late after a still screen."""
    interval = 1 / 60
    for start in (0.0, 12.345, 52924.3509):
        for missed in range(1, 400):
            now = start + missed * interval * 1.37
            count, due = next_slot(start, interval, now)
            assert now <= due + 1e-9 and due - now <= interval + 1e-9
            assert due == start + (count + 1) * interval
            textual_count = int((now - start) / interval + 1)  # what Textual 8.0.0 to 8.2.8 set
            assert start + (textual_count + 1) * interval - now > interval - 1e-9  # its wait: over one interval


def test_the_timer_is_mended_once_and_only_from_the_faulty_source(monkeypatch) -> None:
    mend_timer_skip()  # the app's start mends it; here it may be the first time
    mended = Timer._run
    assert _source_digest(mended) != SKIPPING_TIMER_RUN_SHA256
    assert mend_timer_skip() is False and Timer._run is mended

    async def other(self) -> None:  # a Textual with a different loop: left alone
        pass

    monkeypatch.setattr(Timer, "_run", other)
    assert mend_timer_skip() is False and Timer._run is other


async def test_mended_timers_still_tick_pause_and_resume(tmp_path) -> None:
    """The app's own timers (the meeting clock, the screen's updates) run on the mended loop."""
    mend_timer_skip()
    app, _group = group_file(tmp_path, FrozenClock())
    ticks: list[int] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        timer = app.set_interval(0.01, lambda: ticks.append(1), repeat=3)
        await until(pilot, lambda: len(ticks) >= 3)
        paused = app.set_interval(0.01, lambda: ticks.append(2), pause=True)
        await pilot.pause(0.05)
        assert 2 not in ticks  # paused: nothing
        paused.resume()
        await until(pilot, lambda: 2 in ticks)
        paused.stop()
        timer.stop()
    assert ticks[:3] == [1, 1, 1]
