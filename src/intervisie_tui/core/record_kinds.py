"""Names for the kinds of stored records, as a merge reports them ("3 notes", "1 member")."""

from __future__ import annotations

from collections.abc import Callable

from intervisie_tui.i18n import _, ngettext

# Literal texts in each call, so the catalogue tool finds them (tests/i18n_tool.py).
_COUNTS: dict[str, Callable[[int], str]] = {
    "groups": lambda n: ngettext("{n} group", "{n} groups", n),
    "members": lambda n: ngettext("{n} member", "{n} members", n),
    "agreements": lambda n: ngettext("{n} agreement", "{n} agreements", n),
    "methods": lambda n: ngettext("{n} method of the group's own", "{n} methods of the group's own", n),
    "graduations": lambda n: ngettext("{n} graduation", "{n} graduations", n),
    "meeting": lambda n: ngettext("{n} meeting", "{n} meetings", n),
    "case": lambda n: ngettext("{n} case", "{n} cases", n),
    "question": lambda n: ngettext("{n} question", "{n} questions", n),
    "note": lambda n: ngettext("{n} note", "{n} notes", n),
    "feedback": lambda n: ngettext("{n} feedback item", "{n} feedback items", n),
    "attendance": lambda n: ngettext("{n} attendance record", "{n} attendance records", n),
    "round": lambda n: ngettext("{n} round", "{n} rounds", n),
    "evaluation": lambda n: ngettext("{n} evaluation", "{n} evaluations", n),
    "deletion": lambda n: ngettext("{n} deletion", "{n} deletions", n),
}


def kind_count(kind: str, count: int) -> str:
    """``count`` records of ``kind`` (a record's ``_type`` or its table), e.g. "3 notes"."""
    if kind in _COUNTS:
        return _COUNTS[kind](count).format(n=count)
    return _("{n} × {kind}").format(n=count, kind=kind)
