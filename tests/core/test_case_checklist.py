"""The checklist for a good case: five points, in the language in use, shown not enforced."""

from __future__ import annotations

from intervisie_tui import i18n
from intervisie_tui.core.case_checklist import GOOD_CASE, checklist, checklist_line


def test_the_checklist_names_the_five_points_of_a_good_case() -> None:
    i18n.set_language("en")
    assert checklist() == list(GOOD_CASE)
    line = checklist_line()
    for point in ("own situation", "recent or coming up", "own part", "dilemma", "How can I"):
        assert point in line


def test_the_checklist_in_dutch() -> None:
    i18n.set_language("nl")
    line = checklist_line()
    assert "eigen situatie" in line and "Hoe kan ik" in line and "dilemma" in line
