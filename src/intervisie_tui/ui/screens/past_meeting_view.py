"""A held meeting as one readable document: facts, timeline, cases, questions, whiteboard, feedback, evaluation.

Built as Rich ``Text`` (user text always literal) so the read-only screen is a
single scrollable widget. No coach verdicts: the record of a meeting is the
group's, the coach was a help for the chair at the time.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from intervisie_tui.core.dates import long_day_text, time_text
from intervisie_tui.core.evidence import supervisor_attended, supervisor_chaired
from intervisie_tui.core.hours import hours_text, net_minutes
from intervisie_tui.core.meeting import step_of
from intervisie_tui.core.methods import MethodLibrary
from intervisie_tui.core.model import (
    FeedbackAbout,
    Group,
    MeetingContent,
    Member,
    PhaseStatus,
)
from intervisie_tui.core.round_work import present_members
from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import _
from intervisie_tui.ui.text import indented


def _heading(document: Text, title: str) -> None:
    document.append("\n" + title + "\n", "bold underline")


def _line(document: Text, label: str, value: str, style: str = "") -> None:
    document.append(f"{label}: ", "bold")
    document.append(display(value) + "\n", style)


def method_names(content: MeetingContent, library: MethodLibrary) -> str:
    """The methods of the meeting's cases, by name ("—" when none was chosen)."""
    ids = [slot.method_id for slot in content.meeting.slots if slot.method_id] or [content.meeting.method_id]
    methods = [(method_id, library.get(method_id)) for method_id in ids if method_id]
    names = [method.name() if method is not None else method_id for method_id, method in methods]
    return ", ".join(names) or "—"


def meeting_document(content: MeetingContent, group: Group, members: list[Member], library: MethodLibrary) -> Text:
    """Everything recorded in one meeting, for reading back."""
    meeting = content.meeting
    names: Mapping[str, str] = {member.id: member.name for member in members}
    name = lambda member_id: names.get(member_id, "?")  # noqa: E731 - a one-line lookup
    document = Text()
    document.append(display(long_day_text(meeting.held_on)) + "\n", "bold")
    start, end = time_text(meeting.actual_start), time_text(meeting.actual_end)
    hours = hours_text(net_minutes(meeting) / 60)
    _line(document, _("Time"), _("{start}–{end}, {hours} h net").format(start=start, end=end, hours=hours))
    if supervisor_attended(meeting):
        supervisor = group.supervisor.name if group.supervisor else "?"
        _line(document, _("Supervised by"), supervisor)
    _line(
        document,
        _("Chair"),
        name(meeting.chair_id) if meeting.chair_id else (_("the supervisor") if supervisor_chaired(meeting) else "—"),
    )
    _line(document, _("Method"), method_names(content, library))
    present = present_members(members, content.attendance)
    _line(document, _("Present"), ", ".join(name(member_id) for member_id in present) or "—")

    _heading(document, _("Timeline"))
    for phase in meeting.phases:
        step = step_of(library, phase)
        title = step.name() if step is not None else phase.name
        if phase.status is PhaseStatus.SKIPPED:
            document.append(f"  – {display(title)}  ({_('skipped')})\n", "dim")
            continue
        spent = round(phase.spent_seconds / 60)
        planned = round(phase.planned_minutes + phase.extra_minutes)
        document.append(f"  ✓ {display(title)}  {spent}/{planned} min\n")
    if not meeting.phases:
        document.append("  —\n", "dim")

    cases_by_id = {case.id: case for case in content.cases}
    _heading(document, _("Cases"))
    for case in content.cases or ():
        document.append(f"  {display(case.title)}", "bold")
        document.append(f"  — {display(name(case.inbrenger_id))}\n")
        for label, text in (
            (_("Question"), case.question),
            (_("Theme"), case.theme),
            (_("Takeaway"), case.takeaway),
            (_("Next step"), case.next_step),
            (_("Outcome"), case.outcome),
        ):
            if text:
                document.append(f"    {label}: ", "italic")
                document.append(display(text) + "\n")
    if not content.cases:
        document.append("  —\n", "dim")

    _heading(document, _("Questions"))
    for question in sorted(content.questions, key=lambda q: (q.case_id, q.position)):
        asked_about = cases_by_id.get(question.case_id)
        prefix = f"[{display(asked_about.title)}] " if asked_about is not None and len(content.cases) > 1 else ""
        document.append(f"  {prefix}")
        document.append(display(name(question.asker_id)), "bold")
        document.append(": " + display(question.text) + "\n")
    if not content.questions:
        document.append("  —\n", "dim")

    _heading(document, _("Whiteboard"))
    steps = [(phase, step_of(library, phase)) for phase in meeting.phases]
    phase_titles = {phase.key: step.name() if step is not None else phase.name for phase, step in steps}
    for note in sorted(content.notes, key=lambda n: (n.phase_key, n.column, n.position)):
        document.append(f"  {display(phase_titles.get(note.phase_key, note.phase_key))}: ", "italic")
        document.append(indented(note.text, "    ") + "\n")  # a note's lines under its first
    if not content.notes:
        document.append("  —\n", "dim")

    _heading(document, _("Feedback"))
    for item in content.feedback:
        about = _("to the chair") if item.about is FeedbackAbout.CHAIR else _("to the presenter")
        document.append(f"  {display(name(item.giver_id))} {about}: ", "bold")
        parts = [
            f"{_('top')}: {display(item.top)}" if item.top else "",
            f"{_('tip')}: {display(item.tip)}" if item.tip else "",
        ]
        document.append(" · ".join(part for part in parts if part) + "\n")
    if not content.feedback:
        document.append("  —\n", "dim")

    _heading(document, _("Evaluation"))
    for evaluation in content.evaluations:
        document.append(f"  {display(name(evaluation.member_id))}", "bold")
        if evaluation.rating is not None:
            document.append(f" ({evaluation.rating}/10)")
        document.append(": " + display(evaluation.takeaway or "—") + "\n")
    if not content.evaluations:
        document.append("  —\n", "dim")
    return document
