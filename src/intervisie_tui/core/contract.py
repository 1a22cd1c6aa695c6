"""The group's agreements (intervisiecontract) and who accepted them, as pure functions.

The agreements of a group have ``position`` 0..n-1 without gaps. A member has
accepted the contract when they accepted every current agreement; changing an
agreement's text clears its acceptances, so everyone accepts the new wording
again. Every change takes the time as a parameter and returns the records it
changed (touched at ``now``), so the caller saves exactly those.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime

from intervisie_tui.core.model import Acceptance, Agreement, new_id, touch
from intervisie_tui.core.sanitize import LINE_MAX, TextRejected, clean_line
from intervisie_tui.i18n import N_

EMPTY_AGREEMENT = N_("The agreement is still empty.")


def ordered(agreements: Iterable[Agreement]) -> list[Agreement]:
    """The agreements by position, then id."""
    return sorted(agreements, key=lambda agreement: (agreement.position, agreement.id))


def merged(agreements: Iterable[Agreement], changed: Iterable[Agreement]) -> list[Agreement]:
    """``agreements`` with the ``changed`` versions put in (new ones added), in order."""
    by_id = {agreement.id: agreement for agreement in agreements}
    by_id.update((agreement.id, agreement) for agreement in changed)
    return ordered(by_id.values())


def renumber(agreements: Iterable[Agreement], now: datetime) -> list[Agreement]:
    """Give the agreements, in the order given, positions 0..n-1; returns those whose position changed."""
    return [
        touch(agreement, now, position=position)
        for position, agreement in enumerate(agreements)
        if agreement.position != position
    ]


def agreement_text(text: str) -> str:
    """An agreement's text, cleaned as one line; refused (TextRejected) when empty or too long."""
    cleaned = clean_line(text, LINE_MAX)
    if not cleaned:
        raise TextRejected(EMPTY_AGREEMENT)
    return cleaned


# --- the list ------------------------------------------------------------------------------


def add(agreements: Iterable[Agreement], group_id: str, text: str, now: datetime) -> Agreement:
    """A new agreement at the end of the list (text refused like :func:`agreement_text`)."""
    position = len(list(agreements))
    return Agreement(id=new_id(), group_id=group_id, text=agreement_text(text), position=position, updated_at=now)


def edit_text(agreement: Agreement, text: str, now: datetime) -> Agreement:
    """The agreement with new text and no acceptances; unchanged (the same record) when the text is the same."""
    cleaned = agreement_text(text)
    if cleaned == agreement.text:
        return agreement
    return touch(agreement, now, text=cleaned, acceptances=())


def delete(agreements: Iterable[Agreement], agreement: Agreement, now: datetime) -> list[Agreement]:
    """Close the gap ``agreement`` leaves; returns the others whose position changed.

    The caller removes ``agreement`` itself from its store.
    """
    return renumber([other for other in ordered(agreements) if other.id != agreement.id], now)


def restore(agreements: Iterable[Agreement], agreement: Agreement, now: datetime) -> list[Agreement]:
    """Put a deleted agreement back at its old position (clamped to the end), acceptances and all.

    Returns the restored agreement first, then the others whose position changed.
    """
    others = [other for other in ordered(agreements) if other.id != agreement.id]
    at = max(0, min(agreement.position, len(others)))
    restored = touch(agreement, now, position=at)
    changed = renumber([*others[:at], restored, *others[at:]], now)
    return [restored, *(other for other in changed if other.id != agreement.id)]


def reorder(agreements: Iterable[Agreement], agreement_id: str, delta: int, now: datetime) -> list[Agreement]:
    """Move one agreement ``delta`` places up (negative) or down, clamped at the ends.

    Returns the agreements whose position changed; nothing when the id is unknown.
    """
    listed = ordered(agreements)
    index = next((i for i, agreement in enumerate(listed) if agreement.id == agreement_id), None)
    if index is None:
        return []
    moving = listed.pop(index)
    listed.insert(max(0, min(len(listed), index + delta)), moving)
    return renumber(listed, now)


# --- acceptance ----------------------------------------------------------------------------


def _accepted(agreement: Agreement, member_id: str) -> Acceptance | None:
    return next((acceptance for acceptance in agreement.acceptances if acceptance.member_id == member_id), None)


def accepted_on(agreements: Sequence[Agreement], member_id: str) -> date | None:
    """The day the member's acceptance of all current agreements was complete, or None.

    None when there are no agreements or one of them is not accepted by the member;
    otherwise the latest of their acceptance dates.
    """
    dates = [_accepted(agreement, member_id) for agreement in agreements]
    if not dates or any(acceptance is None for acceptance in dates):
        return None
    return max(acceptance.accepted_on for acceptance in dates if acceptance is not None)


def accepted_count(agreement: Agreement, member_ids: Collection[str]) -> int:
    """How many of ``member_ids`` (e.g. the active members) accepted this agreement."""
    return sum(1 for acceptance in agreement.acceptances if acceptance.member_id in member_ids)


def accept_all(agreements: Iterable[Agreement], member_id: str, on: date, now: datetime) -> list[Agreement]:
    """Record the member's acceptance of every agreement not yet accepted by them, dated ``on``.

    Acceptances the member gave before keep their date. Returns the agreements that changed.
    """
    return [
        touch(agreement, now, acceptances=(*agreement.acceptances, Acceptance(member_id=member_id, accepted_on=on)))
        for agreement in ordered(agreements)
        if _accepted(agreement, member_id) is None
    ]


def withdraw(agreements: Iterable[Agreement], member_id: str, now: datetime) -> list[Agreement]:
    """Take back the member's acceptances of every agreement; returns the agreements that changed."""
    return [
        touch(agreement, now, acceptances=tuple(a for a in agreement.acceptances if a.member_id != member_id))
        for agreement in ordered(agreements)
        if _accepted(agreement, member_id) is not None
    ]
