"""A group's own copy of a method: copying a template and editing the copy.

Groups copy a shipped method (:func:`copy_method`) and change it with the
edit functions below; a copy is stored in the group's file as a
:class:`GroupMethod`. Every function is pure: it returns a new method.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from intervisie_tui.core.methods import Method, Text
from intervisie_tui.core.sanitize import TITLE_MAX, TextRejected, clean_line
from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_


def copy_method(method: Method, new_id: str, name: Text) -> Method:
    """A group's own copy of ``method`` under a new id and name."""
    return replace(method, id=new_id, name=name, based_on=method.based_on or method.id)


STEP_MINUTES_MIN = 1
STEP_MINUTES_MAX = 240


@value_class(kw_only=True)
class GroupMethod:
    """A group's own copy of a method, stored in its file.

    ``id`` is the record's stable id; ``method.id`` is what meetings refer to
    (``Meeting.method_id``) and what the group's library is keyed by.
    """

    id: str
    group_id: str
    method: Method
    updated_at: datetime


def _clean_name(name: Text) -> Text:
    """Both languages of a user-given name cleaned to one line; empty is refused (TextRejected)."""
    cleaned = Text(nl=clean_line(name.nl, TITLE_MAX), en=clean_line(name.en, TITLE_MAX))
    if not cleaned.nl or not cleaned.en:
        raise TextRejected(N_("The text is empty and was not accepted."))
    return cleaned


def _step_index(method: Method, step_key: str) -> int:
    """Where the step ``step_key`` is in ``method``; KeyError when it has none."""
    for index, step in enumerate(method.steps):
        if step.key == step_key:
            return index
    raise KeyError(f"method {method.id!r} has no step {step_key!r}")


def _with_step(method: Method, step_key: str, **changes: Any) -> Method:
    """``method`` with ``changes`` applied to one of its steps."""
    index = _step_index(method, step_key)
    steps = list(method.steps)
    steps[index] = replace(steps[index], **changes)
    return replace(method, steps=tuple(steps))


def rename_method(method: Method, name: Text) -> Method:
    """The method under a new name (cleaned; TextRejected when unusable or empty)."""
    return replace(method, name=_clean_name(name))


def rename_step(method: Method, step_key: str, name: Text) -> Method:
    """The method with one step renamed (cleaned like :func:`rename_method`); the key stays."""
    return _with_step(method, step_key, name=_clean_name(name))


def set_step_minutes(method: Method, step_key: str, minutes: float) -> Method:
    """The method with one step's planned minutes changed.

    Raises ValueError unless ``minutes`` is a number from STEP_MINUTES_MIN to
    STEP_MINUTES_MAX (fractions such as 7.5 are allowed).
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        raise ValueError(f"minutes must be a number, not {minutes!r}")
    if not STEP_MINUTES_MIN <= minutes <= STEP_MINUTES_MAX:  # also refuses NaN
        raise ValueError(f"minutes must be from {STEP_MINUTES_MIN} to {STEP_MINUTES_MAX}, not {minutes}")
    return _with_step(method, step_key, minutes=float(minutes))


def move_step(method: Method, step_key: str, delta: int) -> Method:
    """The method with one step moved ``delta`` places earlier (negative) or later, clamped."""
    index = _step_index(method, step_key)
    steps = list(method.steps)
    step = steps.pop(index)
    steps.insert(max(0, min(len(steps), index + delta)), step)
    return replace(method, steps=tuple(steps))


def remove_step(method: Method, step_key: str) -> Method:
    """The method without one step; ValueError for its last remaining step."""
    index = _step_index(method, step_key)
    if len(method.steps) == 1:
        raise ValueError(f"method {method.id!r} needs at least one step")
    return replace(method, steps=method.steps[:index] + method.steps[index + 1 :])
