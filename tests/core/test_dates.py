"""Dates and times in the style of the UI language."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from intervisie_tui import i18n
from intervisie_tui.core.dates import (
    NO_DATE,
    day_text,
    long_day_text,
    moment_text,
    parse_day,
    time_text,
    years_before,
)

MONDAY = date(2026, 11, 23)
EVENING = datetime(2026, 3, 5, 19, 7)


def test_dutch_dates_are_day_month_year_with_dashes() -> None:
    assert day_text(MONDAY, "nl") == "23-11-2026"
    assert day_text(date(2027, 1, 4), "nl") == "04-01-2027"


def test_english_dates_name_the_month() -> None:
    assert day_text(MONDAY, "en") == "23 Nov 2026"


def test_long_dates_carry_the_weekday_in_the_language() -> None:
    assert long_day_text(MONDAY, "nl") == "maandag 23 november 2026"
    assert long_day_text(MONDAY, "en") == "Monday 23 November 2026"


def test_times_use_the_24_hour_clock() -> None:
    assert time_text(EVENING) == "19:07"
    assert moment_text(EVENING, "nl") == "05-03-2026 19:07"
    assert moment_text(EVENING, "en") == "5 Mar 2026 19:07"


def test_the_current_language_is_used_when_none_is_named() -> None:
    assert day_text(MONDAY) == "23-11-2026"
    i18n.set_language("en")
    assert day_text(MONDAY) == "23 Nov 2026"


@pytest.mark.parametrize("show", [day_text, long_day_text, moment_text])
def test_a_missing_date_is_a_dash(show) -> None:
    assert show(None) == NO_DATE
    assert time_text(None) == "–"


def test_typed_dates_are_day_month_year_or_iso() -> None:
    assert parse_day(" 23-11-2026 ") == MONDAY == parse_day("2026-11-23")
    assert parse_day("23/11/2026") is None and parse_day("31-02-2026") is None and parse_day("") is None


def test_a_registers_period_ends_today_and_starts_the_day_after_years_back() -> None:
    assert years_before(date(2026, 11, 23), 5) == date(2021, 11, 24)
    assert years_before(date(2028, 2, 29), 1) == date(2027, 3, 1)
