"""Text for the group screen: the programme's meetings, readiness, the next meeting's plan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from rich.text import Text

from intervisie_tui.core.dates import day_text
from intervisie_tui.core.model import IndicatorResult, MeetingStatus
from intervisie_tui.core.next_meeting import AGREED, SUPERVISOR, MeetingPlan
from intervisie_tui.core.programme import MeetingKind, ProgrammeSlot, stage_text
from intervisie_tui.core.readiness import indicator_label
from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import _


def short_date(day: date | None) -> str:
    """The date in the style of the UI language (23-11-2026 / 23 Nov 2026), or a dash."""
    return day_text(day)


def kind_label(kind: MeetingKind) -> str:
    """A meeting kind in words."""
    return {
        MeetingKind.SUPERVISED: _("supervised"),
        MeetingKind.SELF_RUN: _("self-run"),
        MeetingKind.CLOSING: _("closing"),
    }[kind]


def chair_name(chair_id: str, names: Mapping[str, str], supervised: bool) -> str:
    """Who chaired or chairs: a member's name, the supervisor, or a dash."""
    if chair_id:
        return display(names.get(chair_id, "?"))
    return _("supervisor") if supervised else "—"


def slot_row(slot: ProgrammeSlot, short: Mapping[str, str], next_index: int | None) -> tuple[Text, ...]:
    """One programme line: ✓ held, ▶ running, → next, · later; number, date, kind, chair (``short`` names)."""
    meeting = slot.meeting
    if meeting is not None and meeting.status is MeetingStatus.CLOSED:
        mark, style = "✓", "dim"
    elif meeting is not None:
        mark, style = "▶", "bold"
    elif slot.index == next_index:
        mark, style = "→", "bold"
    else:
        mark, style = "·", ""
    held = meeting.held_on if meeting is not None else None
    chair = chair_name(meeting.chair_id, short, meeting.supervised) if meeting is not None else ""
    return (
        Text(mark, style=style),
        Text(str(slot.index + 1), style=style),
        Text(short_date(held) if held else "", style=style),
        Text(kind_label(slot.kind), style=style),
        Text(chair, style=style),
    )


def stage_line(slot: ProgrammeSlot | None) -> str:
    """What the handover plan asks of the next meeting, in one line."""
    if slot is None or not slot.stage:
        return ""
    return _("Meeting {n}: {what}").format(n=slot.index + 1, what=stage_text(slot.stage))


def readiness_text(results: Sequence[IndicatorResult]) -> Text:
    """Each indicator on a line: ✓ met, ✗ not yet, ? for the supervisor to judge."""
    text = Text()
    for index, result in enumerate(results):
        if index:
            text.append("\n")
        if result.met is True:
            text.append("✓ ", style="bold green")
        elif result.met is False:
            text.append("✗ ", style="bold red")
        else:
            text.append("? ", style="bold")
        text.append(indicator_label(result.key))
        if result.value:
            text.append(f"  {result.value}", style="dim")
    return text


def plan_text(plan: MeetingPlan, names: Mapping[str, str]) -> str:
    """The next meeting in one or two lines: date, kind, chair and presenter with where they come from."""
    parts = [_("Next meeting: {day}").format(day=short_date(plan.on) if plan.on else _("not agreed yet"))]
    parts.append(kind_label(plan.kind))
    if plan.chair_source == SUPERVISOR:
        parts.append(_("chair: the supervisor"))
    elif plan.chair_id:
        source = _("agreed") if plan.chair_source == AGREED else _("proposed")
        parts.append(_("chair: {name} ({source})").format(name=display(names.get(plan.chair_id, "?")), source=source))
    else:
        parts.append(_("chair: nobody proposed"))
    if plan.inbrenger_id:
        source = _("agreed") if plan.inbrenger_source == AGREED else _("longest without a case")
        parts.append(
            _("presenter: {name} ({source})").format(name=display(names.get(plan.inbrenger_id, "?")), source=source)
        )
    if plan.break_minutes:
        parts.append(_("break: {minutes} min").format(minutes=plan.break_minutes))
    return " · ".join(parts)
