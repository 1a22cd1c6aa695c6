"""The minutes (verslag) of one meeting, as Markdown: a shared part and personal parts.

The shared part is what the group agrees to keep: the meeting's facts, each
worked case by its anonymised theme, what the group learned (without names)
and the agreements. A personal part per participant holds their own takeaway
and the three SKJ reflection dimensions (DOMAIN.md section 5). Questions and
their coach verdicts, chair cues, notes and feedback are never included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from intervisie_tui.core.attendance_list import (
    NONE,
    Translate,
    attendance_rows,
    chair_name,
    language_of,
    method_names,
    translator,
)
from intervisie_tui.core.dates import day_text, long_day_text, time_text
from intervisie_tui.core.evidence import supervisor_attended
from intervisie_tui.core.markdown import md_escape
from intervisie_tui.core.methods import MethodLibrary
from intervisie_tui.core.model import (
    Case,
    CaseStatus,
    Evaluation,
    Group,
    MeetingContent,
    Member,
)


def worked_cases(content: MeetingContent) -> list[Case]:
    """The cases worked in the meeting: those in its slots in slot order, then other chosen or done ones."""
    by_id = {case.id: case for case in content.cases}
    slot_ids = list(dict.fromkeys(slot.case_id for slot in content.meeting.slots if slot.case_id in by_id))
    others = [
        case
        for case in content.cases
        if case.id not in slot_ids and case.status in (CaseStatus.CHOSEN, CaseStatus.DONE)
    ]
    return [by_id[case_id] for case_id in slot_ids] + others


def _item(label: str, text: str) -> str:
    return f"- {label}: {md_escape(text) if text.strip() else NONE}"


def _name_of(member_id: str, members: Sequence[Member]) -> str:
    return next((member.name for member in members if member.id == member_id), NONE) if member_id else NONE


def _facts(
    content: MeetingContent, group: Group, members: Sequence[Member], library: MethodLibrary, lang: str, _: Translate
) -> list[str]:
    meeting = content.meeting
    start = meeting.actual_start or meeting.planned_start
    end = meeting.actual_end or meeting.planned_end
    present = [row.name for row in attendance_rows(content, members) if row.present]
    return [
        "# " + _("Minutes: {group}, {date}").format(group=md_escape(group.name), date=day_text(meeting.held_on, lang)),
        "",
        _item(_("Date"), long_day_text(meeting.held_on, lang)),
        _item(_("Time"), f"{time_text(start)}–{time_text(end)}"),
        _item(_("Chair"), chair_name(meeting, group, members, _)),
        _item(_("Supervised"), _("Yes") if supervisor_attended(meeting) else _("No")),
        _item(_("Method"), ", ".join(method_names(meeting, library, lang))),
        _item(_("Present"), ", ".join(present)),
    ]


def _case_lines(number: int, case: Case, include_case_text: bool, _: Translate) -> list[str]:
    theme = case.theme.strip() or _("theme not recorded")
    lines = ["", "### " + _("Case {number}: {theme}").format(number=number, theme=md_escape(theme)), ""]
    if include_case_text:
        lines += [_item(_("Case"), case.title), _item(_("Question"), case.question)]
    if case.takeaway.strip():
        lines.append(_item(_("The presenter takes along"), case.takeaway))
    if case.next_step.strip():
        lines.append(_item(_("Next step"), case.next_step))
    if len(lines) == 3:
        lines.append("- " + _("Nothing recorded."))
    return lines


def _agreements(
    content: MeetingContent, cases: list[Case], members: Sequence[Member], lang: str, _: Translate
) -> list[str]:
    plan = content.meeting.next_plan
    if plan is None:
        lines = ["- " + _("Next meeting: not agreed yet")]
    else:
        lines = [
            "- "
            + _("Next meeting: {date}; chair: {chair}; presenter: {presenter}").format(
                date=long_day_text(plan.on, lang),
                chair=md_escape(_name_of(plan.chair_id, members)),
                presenter=md_escape(_name_of(plan.inbrenger_id, members)),
            )
        ]
    for number, case in enumerate(cases, start=1):
        if case.next_step.strip():
            lines.append(_item(_("Next step, case {number}").format(number=number), case.next_step))
    return lines


def _personal(member: Member, evaluation: Evaluation | None, _: Translate) -> list[str]:
    takeaway, technical, normative, personal = (
        (evaluation.takeaway, evaluation.technical, evaluation.normative, evaluation.personal)
        if evaluation
        else ("", "", "", "")
    )
    return [
        "",
        "## " + _("Personal part: {name}").format(name=md_escape(member.name)),
        "",
        _item(_("What I learned"), takeaway),
        _item(_("Technical-instrumental"), technical),
        _item(_("Normative"), normative),
        _item(_("Personal"), personal),
    ]


def minutes_markdown(
    content: MeetingContent,
    group: Group,
    members: list[Member],
    library: MethodLibrary,
    *,
    include_case_text: bool = False,
    personal_for: Iterable[str] = (),
    language: str | None = None,
) -> str:
    """The minutes of ``content``'s meeting as Markdown.

    The shared part names cases by their theme only; ``include_case_text``
    adds each case's title and question. ``personal_for`` lists the member ids
    whose personal part is added (in that order). What the group learned is
    listed without names, sorted, so its order does not tell who said what.
    ``language`` picks the texts, dates and numbers (default: the UI language).
    """
    _ = translator(language)
    lang = language_of(language)
    cases = worked_cases(content)
    lines = _facts(content, group, members, library, lang, _)
    lines += ["", "## " + _("Cases")]
    for number, case in enumerate(cases, start=1):
        lines += _case_lines(number, case, include_case_text, _)
    if not cases:
        lines += ["", "- " + _("No case was worked.")]
    learned = sorted((e.takeaway.strip() for e in content.evaluations if e.takeaway.strip()), key=str.casefold)
    lines += ["", "## " + _("What we learned"), ""]
    lines += [f"- {md_escape(text)}" for text in learned] or [f"- {NONE}"]
    lines += ["", "## " + _("Agreements"), ""] + _agreements(content, cases, members, lang, _)
    evaluations = {evaluation.member_id: evaluation for evaluation in content.evaluations}
    for member_id in dict.fromkeys(personal_for):
        member = next((member for member in members if member.id == member_id), None)
        if member is not None:
            lines += _personal(member, evaluations.get(member_id), _)
    return "\n".join(lines) + "\n"
