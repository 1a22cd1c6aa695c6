"""Short forms of members' names, for lines where every column counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def short_names(names: Mapping[str, str]) -> dict[str, str]:
    """Member id -> the shortest form that still tells the group's members apart.

    A first name where it is unique in the group; where two members share it,
    the first name and the initial of the last word ("Sanne M."); where even
    that is shared, the full name.
    """
    first = {member: _first_word(name) for member, name in names.items()}
    first_counts = Counter(name.casefold() for name in first.values())
    result: dict[str, str] = {}
    for member, name in names.items():
        short = first[member]
        if first_counts[short.casefold()] > 1:
            short = _with_initial(name)
        result[member] = short
    initial_counts = Counter(short.casefold() for short in result.values())
    return {
        member: (names[member] if initial_counts[short.casefold()] > 1 else short) for member, short in result.items()
    }


def _first_word(name: str) -> str:
    words = name.split()
    return words[0] if words else name


def _with_initial(name: str) -> str:
    words = name.split()
    if len(words) < 2:
        return name
    return f"{words[0]} {words[-1][0]}."
