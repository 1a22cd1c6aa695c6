"""Domain records <-> JSON documents, driven by the dataclasses' type hints.

Supported field types: str, int, float, bool, None unions, ``date``,
``datetime`` (ISO 8601 with offset), ``StrEnum`` subclasses, nested records,
and ``tuple[X, ...]`` of any of these. Unknown keys in a document are ignored
and missing keys take the field's default, so an older app can read a newer
file's known fields and a newer app can read an older file.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


def _optional_inner(hint: Any) -> Any | None:
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if (origin is typing.Union or origin is types.UnionType) and type(None) in args:
        rest = [arg for arg in args if arg is not type(None)]
        return rest[0] if len(rest) == 1 else None
    return None


def encode(value: Any) -> Any:
    """Turn a record (or any supported value) into JSON-compatible data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: encode(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    return value


Converter = Callable[[Any], Any]


def _converter(hint: Any) -> Converter | None:
    """How a raw JSON value becomes a value of type ``hint``; ``None`` when it is used as it is."""
    inner = _optional_inner(hint)
    if inner is not None:
        convert_inner = _converter(inner)
        if convert_inner is None:
            return None
        return lambda raw: None if raw is None else convert_inner(raw)
    if typing.get_origin(hint) is tuple:
        (item_hint, *_rest) = typing.get_args(hint)
        convert_item = _converter(item_hint)
        if convert_item is None:
            return tuple
        return lambda raw: tuple(map(convert_item, raw))
    if hint is datetime:
        return datetime.fromisoformat
    if hint is date:
        return date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return functools.partial(decode, hint)
    if hint is float:
        return lambda raw: float(raw) if isinstance(raw, int) else raw
    return None


@functools.cache
def _field_converters(cls: type) -> tuple[tuple[str, Converter | None], ...]:
    """Each field of ``cls`` with its converter, worked out once per class from its type hints."""
    hints = typing.get_type_hints(cls)
    return tuple((field.name, _converter(hints[field.name])) for field in dataclasses.fields(cls))


def decode(cls: type[T], document: dict[str, Any]) -> T:
    """Build a record of type ``cls`` from a document."""
    kwargs = {}
    for name, convert in _field_converters(cls):  # type: ignore[arg-type]  # classes hash; mypy sees type[T]
        if name in document:
            raw = document[name]
            kwargs[name] = raw if convert is None else convert(raw)
    return cls(**kwargs)
