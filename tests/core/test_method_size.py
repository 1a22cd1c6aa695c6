"""Balint needs at least five members: the rule the method chooser warns with."""

from __future__ import annotations

from intervisie_tui.core.method_size import MIN_MEMBERS, size_warning, too_few


def test_balint_with_four_is_too_few_and_with_five_is_enough() -> None:
    assert MIN_MEMBERS["balint"] == 5
    assert too_few("balint", 4) == 5
    assert too_few("balint", 5) is None
    assert "5" in size_warning("balint", 4) and "4" in size_warning("balint", 4)
    assert size_warning("balint", 6) == ""


def test_a_method_without_a_minimum_never_warns() -> None:
    assert too_few("incident_kort", 2) is None
    assert size_warning("kernkwadranten", 1) == ""
