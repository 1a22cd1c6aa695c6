"""Text for the merge screen: what came in, what a record is, and each side of a decision.

The values come from the file as stored (plain JSON: text, numbers, lists, small
dicts); a member's id is shown as the member's name. Every value is user text
or read from a file another laptop wrote, so it is only ever drawn literally.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.content import Content

from intervisie_tui.core.record_kinds import kind_count
from intervisie_tui.i18n import N_, _, ngettext
from intervisie_tui.store.merge import MergeReport
from intervisie_tui.store.review import FieldConflict, ReviewItem, both_values
from intervisie_tui.ui.text import literal

_KINDS = {
    "groups": N_("Group"),
    "members": N_("Member"),
    "agreements": N_("Agreement"),
    "methods": N_("Method"),
    "graduations": N_("Sign-off"),
    "meeting": N_("Meeting"),
    "case": N_("Case"),
    "question": N_("Question"),
    "note": N_("Note"),
    "feedback": N_("Feedback"),
    "attendance": N_("Attendance"),
    "round": N_("Round"),
    "evaluation": N_("Evaluation"),
}

_FIELDS = {
    "text": N_("text"),
    "name": N_("name"),
    "title": N_("title"),
    "question": N_("question"),
    "learning_goal": N_("learning goal"),
    "profession": N_("profession"),
    "register": N_("register"),
    "register_number": N_("register number"),
    "discipline": N_("discipline"),
    "organisation": N_("organisation"),
    "held_on": N_("date"),
    "chair_id": N_("chair"),
    "member_id": N_("member"),
    "status": N_("status"),
    "phases": N_("phases"),
    "remark": N_("remark"),
    "acceptances": N_("accepted by"),
    "accepted_on": N_("accepted on"),
    "active": N_("active"),
    "position": N_("place in the list"),
    "column": N_("column"),
}

_LABEL_FIELDS = ("name", "title", "question", "text")
"""The fields that say which record it is, in the order looked at."""

_HIDDEN = {"id", "_type", "updated_at", "group_id", "meeting_id", "case_id", "position", "phase_key", "step_key"}
"""Fields a reader cannot use to tell versions apart (ids, keys and bookkeeping)."""

LABEL_WIDTH = 32


def kind_name(kind: str) -> str:
    """A record's kind in words ("Note"); an unknown kind as stored."""
    return _(_KINDS[kind]) if kind in _KINDS else kind


def field_name(field: str) -> str:
    """A field's name in words ("learning goal"); an unknown one with spaces for underscores."""
    return _(_FIELDS[field]) if field in _FIELDS else field.replace("_", " ")


def can_keep_both(conflict: FieldConflict) -> bool:
    """Whether both versions of the field can be kept in one value."""
    return both_values(conflict.field, conflict.shown, conflict.others) is not None


def report_text(name: str, report: MergeReport) -> str:
    """One line on what merging ``name`` brought: the records that came in, the new meetings, the decisions."""
    if not report.changed:
        return _("{name}: nothing new; this file already held all of it.").format(name=name)
    came = ", ".join(kind_count(kind, count) for kind, count in report.incoming)
    parts = [_("{name}: came in or combined: {what}.").format(name=name, what=came)]
    if report.conflicts:
        count = len(report.conflicts)
        parts.append(ngettext("{n} decision waits.", "{n} decisions wait.", count).format(n=count))
    return " ".join(parts)


def replaced_text(report: MergeReport) -> str:
    """What the app says after merging the version of the file that a sync tool put in place of the open one."""
    parts = [_("Another laptop's version of this file arrived while it was open; it was merged and the work goes on.")]
    if not report.changed:
        parts.append(_("Nothing new came in."))
    else:
        came = ", ".join(kind_count(kind, count) for kind, count in report.incoming)
        parts.append(_("Came in or combined: {what}.").format(what=came))
    if report.conflicts:
        count = len(report.conflicts)
        parts.append(
            ngettext(
                "{n} decision waits: m on the groups screen opens it.",
                "{n} decisions wait: m on the groups screen opens them.",
                count,
            ).format(n=count)
        )
    return " ".join(parts)


def waiting_text(count: int) -> str:
    """The group screen's line while decisions wait after a merge."""
    return ngettext(
        "{n} decision waits after a merge: m opens it.", "{n} decisions wait after a merge: m opens them.", count
    ).format(n=count)


def item_label(item: ReviewItem, groups: Mapping[str, str]) -> Content:
    """One line of the list: the kind, the group (when ``groups`` names several) and which record."""
    record = item.record if item.record is not None else (item.kept or {})
    which = next((str(record[key]) for key in _LABEL_FIELDS if record.get(key)), "")
    which = which.split("\n", 1)[0]
    if len(which) > LABEL_WIDTH:
        which = which[: LABEL_WIDTH - 1] + "…"
    parts = [kind_name(item.kind), groups.get(item.group_id, "") if len(groups) > 1 else ""]
    if item.fields:
        parts.append(", ".join(field_name(conflict.field) for conflict in item.fields))
    else:
        parts.append(_("deleted, changed elsewhere"))
    if which:
        parts.append(f"“{which}”")
    return literal(" · ".join(part for part in parts if part))


def value_text(value: Any, names: Mapping[str, str]) -> str:
    """A stored value for reading: a member's id as the name, lists one item a line, "—" for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return "\n".join("• " + value_text(element, names).replace("\n", "\n  ") for element in value)
    if isinstance(value, dict):
        shown = [(key, element) for key, element in value.items() if key not in _HIDDEN]
        return ", ".join(f"{field_name(key)}: {value_text(element, names)}" for key, element in shown)
    return str(value)


def shown_side(item: ReviewItem, names: Mapping[str, str]) -> Content:
    """The left column: each conflicting field as it is shown now, or that the record is deleted."""
    if not item.fields:
        return literal(
            _("This record is deleted here; the other copy changed it without knowing of the deletion."), "italic"
        )
    return Content("\n\n").join(_field(conflict.field, value_text(conflict.shown, names)) for conflict in item.fields)


def other_side(item: ReviewItem, names: Mapping[str, str]) -> Content:
    """The right column: each conflicting field as the other copy has it, or the changed record kept."""
    if not item.fields:
        return Content("\n").join(
            _field(key, value_text(value, names)) for key, value in _telling(item.kept or {}, names)
        )
    return Content("\n\n").join(
        _field(conflict.field, "\n".join(value_text(other, names) for other in conflict.others))
        for conflict in item.fields
    )


def _field(field: str, text: str) -> Content:
    return Content.assemble(literal(field_name(field) + ":", "bold"), "\n", literal(text))


def _telling(record: Mapping[str, Any], names: Mapping[str, str]) -> list[tuple[str, Any]]:
    """The fields of a record that tell a reader something: no ids (but a member's, as the name), nothing empty."""
    fields = []
    for key, value in record.items():
        if key in _HIDDEN or key.startswith("_") or value is None or value is False or value in ("", [], {}):
            continue
        if key.endswith("_id") and value not in names:
            continue
        fields.append((key, value))
    return fields
