"""Choosing a record by what a command line names: an id or a whole name, or a one-line refusal.

A name that fits nothing, fits only in part ("Daan" for "Daan Bakker") or fits several records is
never guessed and never ignored: the command stops with exit 2 and one line naming the candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from intervisie_tui.core.sanitize import display_line
from intervisie_tui.i18n import N_, _

T = TypeVar("T")

WHAT = {"member": N_("member"), "group": N_("group"), "register": N_("register"), "meeting": N_("meeting")}
"""The kinds of record an option names, as they read inside the messages below."""


class NotChosen(Exception):
    """What was named fits no single record; ``str()`` is the one line to print."""


def _listed(items: Sequence[T], name_of: Callable[[T], str], id_of: Callable[[T], str] | None) -> str:
    if id_of is None:
        return ", ".join(display_line(name_of(item)) for item in items) or "—"
    return ", ".join(f"{display_line(name_of(item))} ({display_line(id_of(item))})" for item in items) or "—"


def choose(
    wanted: str,
    items: Sequence[T],
    what: str,
    name_of: Callable[[T], str],
    id_of: Callable[[T], str] | None = None,
    also: Callable[[T, str], bool] | None = None,
) -> T:
    """The one item whose id is ``wanted``, or whose name is it (any case), or that ``also`` accepts.

    Raises :class:`NotChosen`: several fit (they are named with their ids), or none does (the names
    that contain ``wanted`` are named, else all of them). ``what`` is a key of :data:`WHAT`.
    """
    folded = " ".join(wanted.split()).casefold()
    found = [item for item in items if id_of is not None and id_of(item) == wanted]
    found = found or [item for item in items if " ".join(name_of(item).split()).casefold() == folded]
    found = found or [item for item in items if also is not None and also(item, wanted)]
    if len(found) == 1:
        return found[0]
    kind = _(WHAT[what])
    if found:
        raise NotChosen(
            _("{name} fits more than one {what}: {candidates}; give the id.").format(
                name=display_line(wanted), what=kind, candidates=_listed(found, name_of, id_of)
            )
        )
    partly = [item for item in items if folded and folded in name_of(item).casefold()]
    raise NotChosen(
        _("There is no {what} {name}; choose from: {candidates}.").format(
            what=kind, name=display_line(wanted), candidates=_listed(partly or items, name_of, None)
        )
    )
