"""Textual's own faults, mended when the app is built (ui/textual_mends.py, docs/TEXTUAL.md)."""

from __future__ import annotations

import gc
from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style

from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.textual_mends import mend_styles_cache
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
