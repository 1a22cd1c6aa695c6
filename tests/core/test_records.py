"""Domain records behave as values: equal field by field, hashable, immutable, readable in a test report."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import UTC, date, datetime

import pytest

from intervisie_tui.core.model import Group, Meeting, Supervisor, record, touch
from intervisie_tui.core.values import value_class

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def _group(**changes) -> Group:
    base = Group(id="g1", name="Wijkteam Noord", supervisor=Supervisor(name="Ellen"), updated_at=NOW)
    return dataclasses.replace(base, **changes)


def test_records_with_equal_fields_are_equal_and_hash_alike() -> None:
    assert _group() == _group()
    assert hash(_group()) == hash(_group())
    assert len({_group(), _group()}) == 1


@pytest.mark.parametrize(
    "changes",
    [{"name": "Wijkteam Zuid"}, {"supervisor": Supervisor(name="Anouk")}, {"updated_at": NOW.replace(hour=15)}],
)
def test_one_different_field_makes_records_different(changes) -> None:
    assert _group() != _group(**changes)


def test_records_of_different_kinds_are_never_equal() -> None:
    @record
    class First:
        id: str
        text: str

    @record
    class Second:
        id: str
        text: str

    assert First(id="x", text="t") != Second(id="x", text="t")
    assert First(id="x", text="t") != ("x", "t")
    assert First(id="x", text="t") == First(id="x", text="t")


def test_records_cannot_be_changed_in_place() -> None:
    group = _group()
    with pytest.raises(dataclasses.FrozenInstanceError):
        group.name = "anders"  # type: ignore[misc]
    assert touch(group, NOW.replace(hour=16), name="anders").name == "anders"
    assert group.name == "Wijkteam Noord"


def test_repr_names_the_kind_and_every_field_in_order() -> None:
    meeting = Meeting(id="m1", group_id="g1", held_on=date(2026, 11, 23), updated_at=NOW)
    shown = repr(meeting)
    assert shown.startswith("Meeting(id='m1', group_id='g1', held_on=datetime.date(2026, 11, 23)")
    assert shown.endswith(")")
    assert all(f"{field.name}=" in shown for field in dataclasses.fields(meeting))


def test_a_value_class_built_on_another_compares_the_inherited_fields_too() -> None:
    @value_class
    class Base:
        a: int

    @value_class
    class Derived(Base):
        b: int

    assert Derived(1, 2) == Derived(1, 2)
    assert Derived(1, 2) != Derived(3, 2)
    assert hash(Derived(1, 2)) != hash(Derived(3, 2))
    assert (
        repr(Derived(1, 2))
        == "test_a_value_class_built_on_another_compares_the_inherited_fields_too.<locals>.Derived(a=1, b=2)"
    )


def test_a_method_the_class_writes_itself_is_kept() -> None:
    @value_class
    class Shown:
        a: int

        def __repr__(self) -> str:
            return "eigen"

    assert repr(Shown(1)) == "eigen"
    assert Shown(1) == Shown(1)


def test_a_default_factory_gives_each_record_its_own_value() -> None:
    @value_class(kw_only=True)
    class Holder:
        names: dict[str, str] = dataclasses.field(default_factory=dict)

    first, second = Holder(), Holder()
    assert first.names == {} and first.names is not second.names
    given = {"a": "b"}
    assert Holder(names=given).names is given


def test_post_init_runs_after_every_field_is_set() -> None:
    @value_class
    class Span:
        start: int
        end: int

        def __post_init__(self) -> None:
            if self.end < self.start:
                raise ValueError("ends before it starts")

    assert Span(1, 2) == Span(1, 2)
    with pytest.raises(ValueError, match="ends before it starts"):
        Span(2, 1)


def test_a_field_cannot_be_deleted_and_copies_and_pickles_are_equal() -> None:
    group = _group()
    with pytest.raises(dataclasses.FrozenInstanceError):
        del group.name  # type: ignore[misc]
    for again in (copy.copy(group), copy.deepcopy(group), pickle.loads(pickle.dumps(group))):
        assert again == group and hash(again) == hash(group) and again is not group


def test_a_field_left_out_of_init_is_refused_when_the_class_is_made() -> None:
    class Odd:
        a: int = dataclasses.field(default=0, init=False)

    with pytest.raises(TypeError, match="sets every field in __init__"):
        value_class(Odd)
