"""Choosing a record by the name a command line gives: whole names or ids only, never a guess."""

from __future__ import annotations

import pytest

from intervisie_tui import i18n
from intervisie_tui.commands.choose import NotChosen, choose

PEOPLE = [("p1", "Daan Bakker"), ("p2", "Daan de Wit"), ("p3", "Eva Smit"), ("p4", "Eva Smit")]


def pick(wanted: str) -> tuple[str, str]:
    return choose(wanted, PEOPLE, "member", name_of=lambda p: p[1], id_of=lambda p: p[0])


def test_a_whole_name_in_any_case_or_an_id_is_chosen() -> None:
    assert pick("daan  BAKKER") == ("p1", "Daan Bakker")
    assert pick("p4") == ("p4", "Eva Smit")


def test_part_of_a_name_names_the_candidates_in_one_line() -> None:
    i18n.set_language("en")
    with pytest.raises(NotChosen) as caught:
        pick("Daan")
    assert str(caught.value) == "There is no member Daan; choose from: Daan Bakker, Daan de Wit."


def test_a_name_two_share_asks_for_the_id() -> None:
    with pytest.raises(NotChosen) as caught:
        pick("Eva Smit")
    assert str(caught.value) == "Eva Smit past bij meer dan één lid: Eva Smit (p3), Eva Smit (p4); geef de id."


def test_a_name_that_fits_nothing_lists_everyone_and_shows_no_escape() -> None:
    with pytest.raises(NotChosen) as caught:
        pick("\x1b[2Jx")
    assert "\x1b" not in str(caught.value) and "Eva Smit" in str(caught.value) and "\n" not in str(caught.value)
