"""The default agreements come with either rule for bringing in a case: voluntary, or in turn."""

from __future__ import annotations

from intervisie_tui.core.agreements import (
    CASE_RULE_CHOICES,
    CASE_RULE_POSITION,
    CASE_RULES,
    DEFAULT_AGREEMENTS,
    IN_TURN,
    VOLUNTARY,
    default_agreements,
    default_texts,
)
from tests.conftest import FROZEN


def test_voluntary_is_one_of_two_choices_and_the_rest_stays_the_same() -> None:
    assert set(CASE_RULES) == set(CASE_RULE_CHOICES) == {VOLUNTARY, IN_TURN}
    assert default_texts() == DEFAULT_AGREEMENTS == default_texts(VOLUNTARY)
    in_turn = default_texts(IN_TURN)
    assert in_turn[CASE_RULE_POSITION] == CASE_RULES[IN_TURN] and "voluntary" not in in_turn[CASE_RULE_POSITION]
    assert [t for i, t in enumerate(in_turn) if i != CASE_RULE_POSITION] == [
        t for i, t in enumerate(DEFAULT_AGREEMENTS) if i != CASE_RULE_POSITION
    ]


def test_the_agreements_made_carry_the_rule_chosen_in_dutch() -> None:
    made = default_agreements("g", FROZEN, IN_TURN)
    assert made[CASE_RULE_POSITION].text.startswith("Iedereen brengt om de beurt een casus in")
    assert [agreement.position for agreement in made] == list(range(len(DEFAULT_AGREEMENTS)))
    assert default_agreements("g", FROZEN)[CASE_RULE_POSITION].text == "Een casus inbrengen is vrijwillig."
