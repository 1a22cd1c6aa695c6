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
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


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


def _decode_value(hint: Any, raw: Any) -> Any:
    inner = _optional_inner(hint)
    if inner is not None:
        return None if raw is None else _decode_value(inner, raw)
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item_hint, *_rest) = typing.get_args(hint)
        return tuple(_decode_value(item_hint, item) for item in raw)
    if hint is datetime:
        return datetime.fromisoformat(raw)
    if hint is date:
        return date.fromisoformat(raw)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(raw)
    if dataclasses.is_dataclass(hint):
        return decode(hint, raw)
    if hint is float and isinstance(raw, int):
        return float(raw)
    return raw


def decode(cls: type[T], document: dict[str, Any]) -> T:
    """Build a record of type ``cls`` from a document."""
    hints = _hints(cls)
    kwargs = {
        field.name: _decode_value(hints[field.name], document[field.name])
        for field in dataclasses.fields(cls)  # type: ignore[arg-type]
        if field.name in document
    }
    return cls(**kwargs)
