"""Value classes: frozen, slotted dataclasses whose equality, hash and repr are written once.

``dataclasses`` generates ``__eq__``, ``__hash__`` and ``__repr__`` for every
class by compiling source text when the class is created, paid at every start
for each value class the app loads (docs/PERFORMANCE.md). These shared
versions behave the same: field by field, in order, and never equal to an
instance of another class.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, cast, dataclass_transform, overload

C = TypeVar("C", bound=type)

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    """The dataclass fields of ``cls`` in order (inherited ones included), looked up once per class."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(field.name for field in dataclasses.fields(cls))
    return names


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return all(getattr(self, name) == getattr(other, name) for name in _names(self.__class__))


def _hash(self: Any) -> int:
    return hash(tuple(getattr(self, name) for name in _names(self.__class__)))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _names(self.__class__))
    return f"{self.__class__.__qualname__}({shown})"


@overload
@dataclass_transform(frozen_default=True)
def value_class(cls: C, /) -> C: ...
@overload
@dataclass_transform(frozen_default=True)
def value_class(*, kw_only: bool = False) -> Callable[[C], C]: ...
@dataclass_transform(frozen_default=True)
def value_class(cls: Any = None, /, *, kw_only: bool = False) -> Any:
    """Make ``cls`` a frozen, slotted dataclass compared by value (``@value_class`` or ``@value_class(kw_only=True)``).

    A method the class defines itself is kept.
    """

    def make(cls: C) -> C:
        for name, shared in (("__eq__", _eq), ("__hash__", _hash), ("__repr__", _repr)):
            if name not in cls.__dict__:
                setattr(cls, name, shared)
        # dataclass() returns the class it was given (slots=True: a new class of the same kind).
        return cast(C, dataclasses.dataclass(frozen=True, slots=True, kw_only=kw_only, eq=False, repr=False)(cls))

    return make if cls is None else make(cls)
