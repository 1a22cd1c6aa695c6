"""Short names tell members apart in the round tracker's order line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from intervisie_tui.core.names import short_names


def test_unique_first_names_are_enough() -> None:
    names = {"a": "Anouk de Vries", "b": "Bram Visser", "c": "Mehmet Yılmaz"}
    assert short_names(names) == {"a": "Anouk", "b": "Bram", "c": "Mehmet"}


def test_a_shared_first_name_gets_the_initial_of_the_last_word() -> None:
    names = {"a": "Sanne Mulder", "b": "Sanne de Boer", "c": "Joost Bakker"}
    assert short_names(names) == {"a": "Sanne M.", "b": "Sanne B.", "c": "Joost"}


def test_when_initials_collide_too_the_full_name_is_used() -> None:
    names = {"a": "Sanne Mulder", "b": "Sanne Meijer", "c": "sanne"}
    assert short_names(names) == {"a": "Sanne Mulder", "b": "Sanne Meijer", "c": "sanne"}


def test_single_word_and_empty_names_stay_as_they_are() -> None:
    assert short_names({"a": "Aya", "b": ""}) == {"a": "Aya", "b": ""}


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.text(max_size=20), max_size=8))
def test_distinct_full_names_keep_distinct_short_names(names: dict[str, str]) -> None:
    short = short_names(names)
    assert short.keys() == names.keys()
    for a in names:
        for b in names:
            if names[a].casefold() != names[b].casefold():
                assert short[a].casefold() != short[b].casefold()
