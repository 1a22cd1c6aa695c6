"""The group's agreements and acceptances as pure functions (core.contract)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from intervisie_tui.core import contract
from intervisie_tui.core.model import Acceptance, Agreement
from intervisie_tui.core.sanitize import LINE_MAX, TextRejected
from tests.conftest import FROZEN

LATER = FROZEN + timedelta(minutes=5)
MONDAY = date(2026, 11, 23)


def agreements(*texts: str) -> list[Agreement]:
    return [
        Agreement(id=f"a{i}", group_id="g", text=text, position=i, updated_at=FROZEN) for i, text in enumerate(texts)
    ]


def accepted(agreement: Agreement, member_id: str, on: date = MONDAY) -> Agreement:
    return Agreement(
        id=agreement.id,
        group_id=agreement.group_id,
        text=agreement.text,
        position=agreement.position,
        acceptances=(*agreement.acceptances, Acceptance(member_id=member_id, accepted_on=on)),
        updated_at=agreement.updated_at,
    )


def texts(listed: list[Agreement]) -> list[str]:
    return [agreement.text for agreement in contract.ordered(listed)]


def test_add_puts_a_cleaned_agreement_at_the_end() -> None:
    listed = agreements("one", "two")
    added = contract.add(listed, "g", "  three\tnow ", LATER)
    assert (added.text, added.position, added.group_id, added.acceptances, added.updated_at) == (
        "three now",
        2,
        "g",
        (),
        LATER,
    )
    assert added.id not in {agreement.id for agreement in listed}


@pytest.mark.parametrize("text", ["", "   ", "\x07\u200b"])
def test_an_empty_agreement_is_refused(text: str) -> None:
    with pytest.raises(TextRejected):
        contract.add([], "g", text, LATER)


def test_a_too_long_agreement_is_refused() -> None:
    with pytest.raises(TextRejected) as refused:
        contract.agreement_text("x" * (LINE_MAX + 1))
    assert refused.value.limit == LINE_MAX


def test_markup_looking_text_is_kept_as_typed() -> None:
    assert contract.agreement_text("[b]Wij[/b] zijn op tijd") == "[b]Wij[/b] zijn op tijd"


def test_editing_the_text_clears_the_acceptances() -> None:
    agreement = accepted(agreements("We start on time.")[0], "m1")
    changed = contract.edit_text(agreement, "We start at nine.", LATER)
    assert (changed.text, changed.acceptances, changed.updated_at) == ("We start at nine.", (), LATER)


def test_editing_to_the_same_text_changes_nothing() -> None:
    agreement = accepted(agreements("We start on time.")[0], "m1")
    assert contract.edit_text(agreement, " We start  on time. ", LATER) is agreement


def test_delete_closes_the_gap_and_restore_puts_it_back_with_its_acceptances() -> None:
    listed = agreements("one", "two", "three")
    gone = accepted(listed[1], "m1")
    listed[1] = gone
    changed = contract.delete(listed, gone, LATER)
    assert [(a.id, a.position) for a in changed] == [("a2", 1)]
    remaining = contract.merged([a for a in listed if a.id != gone.id], changed)
    assert texts(remaining) == ["one", "three"]
    back = contract.restore(remaining, gone, LATER)
    assert back[0].id == gone.id and back[0].acceptances == gone.acceptances
    assert texts(contract.merged(remaining, back)) == ["one", "two", "three"]
    assert [a.position for a in contract.merged(remaining, back)] == [0, 1, 2]


def test_restore_after_the_list_shrank_goes_to_the_end() -> None:
    listed = agreements("one", "two", "three")
    back = contract.restore(listed[:1], listed[2], LATER)
    assert [(a.id, a.position) for a in back] == [("a2", 1)]


@pytest.mark.parametrize(
    ("agreement_id", "delta", "expected"),
    [
        ("a0", 1, ["two", "one", "three"]),
        ("a2", -1, ["one", "three", "two"]),
        ("a0", -1, ["one", "two", "three"]),
        ("a2", 1, ["one", "two", "three"]),
        ("a0", 5, ["two", "three", "one"]),
        ("unknown", 1, ["one", "two", "three"]),
    ],
)
def test_reorder_moves_one_agreement_clamped_at_the_ends(agreement_id: str, delta: int, expected: list[str]) -> None:
    listed = agreements("one", "two", "three")
    changed = contract.reorder(listed, agreement_id, delta, LATER)
    assert all(agreement.updated_at == LATER for agreement in changed)
    assert texts(contract.merged(listed, changed)) == expected


def test_a_member_accepts_every_agreement_on_one_day() -> None:
    listed = agreements("one", "two")
    assert contract.accepted_on(listed, "m1") is None
    changed = contract.accept_all(listed, "m1", MONDAY, LATER)
    assert len(changed) == 2 and all(a.updated_at == LATER for a in changed)
    assert contract.accepted_on(changed, "m1") == MONDAY
    assert contract.accepted_on(changed, "m2") is None


def test_accepting_again_keeps_earlier_dates_and_completes_the_rest() -> None:
    earlier = date(2026, 9, 1)
    listed = agreements("one", "two")
    listed[0] = accepted(listed[0], "m1", earlier)
    assert contract.accepted_on(listed, "m1") is None  # not every agreement yet
    changed = contract.accept_all(listed, "m1", MONDAY, LATER)
    assert [a.id for a in changed] == ["a1"]
    after = contract.merged(listed, changed)
    assert after[0].acceptances == (Acceptance(member_id="m1", accepted_on=earlier),)
    assert contract.accepted_on(after, "m1") == MONDAY


def test_withdraw_takes_back_only_that_members_acceptances() -> None:
    listed = [accepted(accepted(a, "m1"), "m2") for a in agreements("one", "two")]
    changed = contract.withdraw(listed, "m1", LATER)
    assert len(changed) == 2
    assert contract.accepted_on(changed, "m1") is None
    assert contract.accepted_on(changed, "m2") == MONDAY
    assert contract.withdraw(changed, "m1", LATER) == []


def test_no_agreements_means_nobody_accepted() -> None:
    assert contract.accepted_on([], "m1") is None
    assert contract.accept_all([], "m1", MONDAY, LATER) == []


def test_accepted_count_counts_only_the_given_members() -> None:
    agreement = accepted(accepted(agreements("one")[0], "m1"), "archived")
    assert contract.accepted_count(agreement, {"m1", "m2"}) == 1


def test_ordered_and_renumber() -> None:
    listed = agreements("one", "two", "three")
    shuffled = [listed[2], listed[0], listed[1]]
    assert [a.id for a in contract.ordered(shuffled)] == ["a0", "a1", "a2"]
    changed = contract.renumber(shuffled, LATER)
    assert [(a.id, a.position) for a in changed] == [("a2", 0), ("a0", 1), ("a1", 2)]
