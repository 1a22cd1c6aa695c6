"""Value classes: frozen, slotted dataclasses whose methods are written once, not per class.

``dataclasses`` generates ``__init__``, ``__setattr__``, ``__delattr__``, ``__eq__``, ``__hash__``
and ``__repr__`` for every frozen class by compiling source text when the class is created, paid
at every start for each value class the app loads (docs/PERFORMANCE.md). Here ``dataclasses``
only collects the fields and makes the slots; equality, hash and repr are shared functions, the
refusal to change a field is one shared ``__setattr__``, and ``__init__`` is compiled once, with
the fields set as a frozen dataclass sets them. They behave the same: field by field, in order,
never equal to an instance of another class, :class:`dataclasses.FrozenInstanceError` on a change.
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


def _refuse_change(self: Any, name: str, value: Any = None) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, name) for name in _names(self.__class__)]


def _setstate(self: Any, state: list[Any]) -> None:
    for name, value in zip(_names(self.__class__), state, strict=True):
        object.__setattr__(self, name, value)


_NOT_GIVEN = object()
"""The default of a field with a default factory: the factory is called when nothing was given."""


def _init_for(cls: type, kw_only: bool) -> Callable[..., None]:
    """``__init__`` of a frozen dataclass with these fields: each set with ``object.__setattr__``.

    Only what value classes use: fields with a default, a default factory or neither, and
    ``__post_init__``; anything else is refused when the class is made.
    """
    namespace: dict[str, Any] = {"__set": object.__setattr__, "__not_given": _NOT_GIVEN}
    parameters, body = [], []
    for field in dataclasses.fields(cls):
        if not field.init:
            raise TypeError(f"{cls.__qualname__}.{field.name}: a value class sets every field in __init__")
        value = field.name
        if field.default_factory is not dataclasses.MISSING:
            namespace[f"__factory_{field.name}"] = field.default_factory
            parameters.append(f"{field.name}=__not_given")
            value = f"__factory_{field.name}() if {field.name} is __not_given else {field.name}"
        elif field.default is not dataclasses.MISSING:
            namespace[f"__default_{field.name}"] = field.default
            parameters.append(f"{field.name}=__default_{field.name}")
        else:
            parameters.append(field.name)
        body.append(f"__set(self, {field.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    signature = ", ".join(["self", *(["*"] if kw_only and parameters else []), *parameters])
    exec(f"def __init__({signature}):\n    " + "\n    ".join(body or ["pass"]), namespace)  # noqa: S102
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


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
        # Fields and slots only (slots=True returns a new class of the same kind); the rest is set below.
        made: type = dataclasses.dataclass(init=False, slots=True, kw_only=kw_only, eq=False, repr=False)(cls)
        # __getstate__ and __setstate__: copy and pickle would otherwise set the slots through __setattr__.
        for name, method in (
            ("__init__", _init_for(made, kw_only)),
            ("__setattr__", _refuse_change),
            ("__delattr__", _refuse_delete),
            ("__getstate__", _getstate),
            ("__setstate__", _setstate),
        ):
            setattr(made, name, method)
        return cast(C, made)

    return make if cls is None else make(cls)
