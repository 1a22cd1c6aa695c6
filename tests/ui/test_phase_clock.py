"""The phase clock's face and caption (pure text, no app needed)."""

from __future__ import annotations

import pytest

from intervisie_tui.core.meeting import ClockReading
from intervisie_tui.i18n import current_language, set_language
from intervisie_tui.ui.session.phase_clock import clock_caption, clock_face


@pytest.fixture
def dutch():
    before = current_language()
    set_language("nl")
    yield
    set_language(before)


@pytest.mark.parametrize(
    ("elapsed", "planned", "face"),
    [(0, 600, "10:00"), (59.5, 600, "09:00"), (600, 600, "00:00"), (600.2, 600, "+00:01"), (725, 600, "+02:05")],
)
def test_the_face_counts_down_then_shows_the_overrun(elapsed: float, planned: float, face: str) -> None:
    assert clock_face(ClockReading(elapsed, planned, True)) == face


def test_the_wide_caption_names_time_used_and_planned(dutch) -> None:
    assert clock_caption(ClockReading(75, 900, True), paused=False) == "1:15 verstreken · 15 min gepland"


def test_the_compact_caption_fits_beside_the_digits_on_80_columns(dutch) -> None:
    caption = clock_caption(ClockReading(75, 900, True), paused=False, compact=True)
    assert caption == "1:15 van 15 min"
    assert len(clock_caption(ClockReading(75, 900, True), paused=True, compact=True)) <= 24


def test_overrun_and_pause_are_named_first(dutch) -> None:
    assert clock_caption(ClockReading(960, 900, True), paused=False, compact=True).startswith("Over tijd · ")
    assert clock_caption(ClockReading(60, 900, False), paused=True).startswith("Pauze · ")
