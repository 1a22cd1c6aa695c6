"""How many members a method needs, kept here rather than in the method files.

Balint work lives on the many associations of the group around the presenter; a small circle
gives too few. The floor of five is this app's rule (docs/RULES.md says where it comes from and
that no public page names a Balint minimum); the chooser warns, it never refuses.
"""

from __future__ import annotations

from types import MappingProxyType

from intervisie_tui.i18n import _

MIN_MEMBERS = MappingProxyType({"balint": 5})
"""Method id -> the fewest members present (presenter included) the method works with."""


def too_few(method_id: str, present: int) -> int | None:
    """The method's minimum when ``present`` members are fewer than it needs, else None."""
    minimum = MIN_MEMBERS.get(method_id)
    return minimum if minimum is not None and present < minimum else None


def size_warning(method_id: str, present: int) -> str:
    """A warning line when ``present`` members are too few for the method, else ""."""
    minimum = too_few(method_id, present)
    if minimum is None:
        return ""
    return _("This method needs at least {minimum} members; {present} are here.").format(
        minimum=minimum, present=present
    )
