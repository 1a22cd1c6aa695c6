"""The form for one member: name, profession, register, registration number and learning goal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from intervisie_tui.core.model import Member, new_id, touch
from intervisie_tui.core.sanitize import LINE_MAX, NAME_MAX, clean_line
from intervisie_tui.i18n import _
from intervisie_tui.ui.dialogs.form import Field, TurnForm, Values

REGISTER_NUMBER_MAX = 40

LIMITS = {
    "name": NAME_MAX,
    "profession": NAME_MAX,
    "register": NAME_MAX,
    "register_number": REGISTER_NUMBER_MAX,
    "learning_goal": LINE_MAX,
}
"""Each field's length cap (the form's keys)."""


def clean_member_values(values: Values) -> dict[str, str]:
    """The form's values cleaned; TextRejected for refused text, ValueError when the name is empty."""
    cleaned = {key: clean_line(values.get(key, ""), limit) for key, limit in LIMITS.items()}
    if not cleaned["name"]:
        raise ValueError(_("The name is still empty."))
    return cleaned


def member_from_values(values: Values, member: Member | None, group_id: str, now: datetime) -> Member:
    """The member as the form describes them: a new one (joined today) or ``member`` changed.

    When nothing changed, ``member`` is returned as it was (nothing to save).
    """
    facts: dict[str, Any] = clean_member_values(values)
    if member is None:
        return Member(id=new_id(), group_id=group_id, joined_on=now.date(), updated_at=now, **facts)
    if all(getattr(member, key) == value for key, value in facts.items()):
        return member
    return touch(member, now, **facts)


def member_form(member: Member | None) -> TurnForm:
    """A form for a new member (``member`` None) or a member's facts; dismisses with the values typed or None."""
    fields = [
        # The label as placeholder too: a form taller than the screen may scroll the first label away.
        Field("name", _("Name"), member.name if member else "", _("Name"), max_length=LIMITS["name"]),
        Field(
            "profession",
            _("Profession"),
            member.profession if member else "",
            _("e.g. social worker"),
            max_length=LIMITS["profession"],
        ),
        Field(
            "register",
            _("Register"),
            member.register if member else "",
            _("e.g. SKJ, NVO, V&VN"),
            max_length=LIMITS["register"],
        ),
        Field(
            "register_number",
            _("Registration number"),
            member.register_number if member else "",
            max_length=LIMITS["register_number"],
        ),
        Field(
            "learning_goal",
            _("Learning goal in the supervised programme (optional)"),
            member.learning_goal if member else "",
            _("e.g. I want to set limits sooner"),
            max_length=LIMITS["learning_goal"],
        ),
    ]
    return TurnForm(_("New member") if member is None else _("Change the member"), fields, clean_member_values)
