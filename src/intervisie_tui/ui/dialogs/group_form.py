"""The form for a group's facts: name, discipline, organisation and its supervisor.

A new group is supervised when a supervisor's name is given and self-run
otherwise; an existing group's mode is never changed here (the supervisor's
signed graduation does that, on the group screen).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from intervisie_tui.core.model import Group, GroupMode, Supervisor, new_id, touch
from intervisie_tui.core.sanitize import NAME_MAX, TITLE_MAX, clean_line
from intervisie_tui.i18n import _
from intervisie_tui.ui.dialogs.form import Field, TurnForm, Values

REGISTER_NUMBER_MAX = 40

LIMITS = {
    "name": NAME_MAX,
    "discipline": NAME_MAX,
    "organisation": TITLE_MAX,
    "supervisor": NAME_MAX,
    "register": NAME_MAX,
    "register_number": REGISTER_NUMBER_MAX,
}
"""Each field's length cap (the form's keys)."""


def clean_group_values(values: Values) -> dict[str, str]:
    """The form's values cleaned; TextRejected for refused text, ValueError for what is missing."""
    cleaned = {key: clean_line(values.get(key, ""), limit) for key, limit in LIMITS.items()}
    if not cleaned["name"]:
        raise ValueError(_("The group's name is still empty."))
    if not cleaned["supervisor"] and (cleaned["register"] or cleaned["register_number"]):
        raise ValueError(_("Fill in the supervisor's name, or leave the register empty."))
    return cleaned


def group_from_values(values: Values, group: Group | None, now: datetime) -> Group:
    """The group as the form describes it: a new one (``group`` None) or ``group`` changed.

    A new group gets a new id, ``created_on`` today and is supervised when a
    supervisor is named, self-run otherwise. An existing group keeps its mode;
    when nothing changed it is returned as it was (nothing to save).
    """
    cleaned = clean_group_values(values)
    supervisor = None
    if cleaned["supervisor"]:
        supervisor = Supervisor(
            name=cleaned["supervisor"], register=cleaned["register"], register_number=cleaned["register_number"]
        )
    facts: dict[str, Any] = {
        "name": cleaned["name"],
        "discipline": cleaned["discipline"],
        "organisation": cleaned["organisation"],
        "supervisor": supervisor,
    }
    if group is None:
        mode = GroupMode.SUPERVISED if supervisor is not None else GroupMode.SELF_RUN
        return Group(id=new_id(), mode=mode, created_on=now.date(), updated_at=now, **facts)
    if all(getattr(group, key) == value for key, value in facts.items()):
        return group
    return touch(group, now, **facts)


def group_form(group: Group | None) -> TurnForm:
    """A form for a new group (``group`` None) or a group's facts; dismisses with the values typed or None."""
    supervisor = group.supervisor if group is not None else None
    fields = [
        # The label as placeholder too: a form taller than the screen may scroll the first label away.
        Field(
            "name",
            _("Name of the group"),
            group.name if group else "",
            _("Name of the group"),
            max_length=LIMITS["name"],
        ),
        Field(
            "discipline",
            _("Discipline"),
            group.discipline if group else "",
            _("e.g. youth care"),
            max_length=LIMITS["discipline"],
        ),
        Field(
            "organisation", _("Organisation"), group.organisation if group else "", max_length=LIMITS["organisation"]
        ),
        Field(
            "supervisor",
            _("Supervisor (empty: the group runs itself)"),
            supervisor.name if supervisor else "",
            max_length=LIMITS["supervisor"],
        ),
        Field(
            "register",
            _("Supervisor's register"),
            supervisor.register if supervisor else "",
            _("e.g. LVSC"),
            max_length=LIMITS["register"],
        ),
        Field(
            "register_number",
            _("Supervisor's registration number"),
            supervisor.register_number if supervisor else "",
            max_length=LIMITS["register_number"],
        ),
    ]
    return TurnForm(_("New group") if group is None else _("Change the group"), fields, clean_group_values)


def ask_group(app: Any, group: Group | None, done: Callable[[Group], object] | None = None) -> None:
    """Open the group form on ``app``; a kept form is saved through the app's saver, then ``done`` is called.

    Nothing is saved when the form is cancelled or nothing changed.
    """

    def kept(values: Values | None) -> None:
        if values is None:
            return
        changed = group_from_values(values, group, app.clock())
        if changed is not group:
            app.saver.put(changed)
            app.say(_("Group added.") if group is None else _("Group changed."))
        if done is not None:
            done(changed)

    app.push_screen(group_form(group), kept)
