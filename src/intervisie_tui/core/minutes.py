"""The minutes (verslag) of one meeting, as Markdown: a shared part and personal parts.

The shared part is what the group agrees to keep: the meeting's facts, each
worked case by its theme (else its title, else its question), what the
presenter takes along, the board notes the group marked for the minutes
(``Note.in_minutes``, without who wrote them), what the group learned (without
names) and the agreements. A personal part per participant holds their own
takeaway and the three SKJ reflection dimensions (docs/REGISTERS.md).
Questions and their coach verdicts, chair cues, unmarked notes and feedback are
never included. Clients stay anonymous, as the agreements say: what looks like a
BSN, a date or a postcode in the group's text is left out (``core.anonymise``),
and the minutes say so where it happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from intervisie_tui.core.anonymise import LEFT_OUT, anonymised
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
from intervisie_tui.core.meeting import step_of
from intervisie_tui.core.methods import MethodLibrary
from intervisie_tui.core.model import (
    Case,
    CaseStatus,
    Evaluation,
    Group,
    MeetingContent,
    Member,
    Note,
    PhaseRecord,
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


class _Free:
    """The group's own text as it may go into the minutes: anonymised, and whether anything was left out."""

    def __init__(self) -> None:
        self.left_out = False

    def __call__(self, text: str) -> str:
        """``text`` with its lines joined by " / " and what identifies a client left out."""
        kept = anonymised(" / ".join(line.strip() for line in text.splitlines() if line.strip()))
        self.left_out = self.left_out or LEFT_OUT in kept
        return kept


def _item(label: str, text: str, free: _Free | None = None) -> str:
    """A list item "label: text", escaped; ``free`` anonymises the group's own text (None: names, facts)."""
    if not text.strip():
        return f"- {label}: {NONE}"
    return f"- {label}: {md_escape(free(text) if free is not None else text)}"


def case_name(case: Case) -> str:
    """What the minutes call a case: its theme, else its title, else its question ("" when all are empty)."""
    return next((text.strip() for text in (case.theme, case.title, case.question) if text.strip()), "")


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


# -- the board notes the group keeps ----------------------------------------------------


def _phases(content: MeetingContent) -> dict[str, tuple[int, PhaseRecord]]:
    return {phase.key: (index, phase) for index, phase in enumerate(content.meeting.phases)}


def _case_of(note: Note, content: MeetingContent, phases: dict[str, tuple[int, PhaseRecord]]) -> str:
    """The id of the case a note belongs to ("" for the meeting's own phases)."""
    if note.case_id:
        return note.case_id
    found = phases.get(note.phase_key)
    slot = found[1].case_slot if found is not None else 0
    slots = content.meeting.slots
    return slots[slot - 1].case_id if 0 < slot <= len(slots) else ""


def _where(note: Note, library: MethodLibrary, phases: dict[str, tuple[int, PhaseRecord]], lang: str) -> str:
    """The step a note was written in, and its column: "Kernkwadrant invullen · Valkuil"."""
    found = phases.get(note.phase_key)
    if found is None:
        return ""
    phase = found[1]
    step = step_of(library, phase)
    name = step.name(lang) if step is not None else phase.name
    column = next((c.label(lang) for c in step.columns if c.key == note.column), "") if step is not None else ""
    return f"{name} · {column}" if column else name


def kept_notes(content: MeetingContent, library: MethodLibrary) -> list[Note]:
    """The board notes marked for the minutes, in the meeting's phase order, then the step's columns, then place."""
    phases = _phases(content)

    def order(note: Note) -> tuple[int, int, int, str]:
        index, phase = phases.get(note.phase_key, (len(phases), None))
        step = step_of(library, phase) if phase is not None else None
        columns = [column.key for column in step.columns] if step is not None else []
        column = columns.index(note.column) if note.column in columns else len(columns)
        return index, column, note.position, note.id

    return sorted((note for note in content.notes if note.in_minutes and note.text.strip()), key=order)


def _note_lines(
    notes: Iterable[Note],
    library: MethodLibrary,
    phases: dict[str, tuple[int, PhaseRecord]],
    lang: str,
    free: _Free,
    _: Translate,
) -> list[str]:
    lines = []
    for note in notes:
        where = _where(note, library, phases, lang)
        label = _("On the board ({where})").format(where=md_escape(where)) if where else _("On the board")
        lines.append(_item(label, note.text, free))
    return lines


# -- the parts -------------------------------------------------------------------------------


def _case_lines(
    number: int, case: Case, notes: list[str], include_case_text: bool, free: _Free, _: Translate
) -> list[str]:
    name = case_name(case)
    heading = md_escape(free(name)) if name else _("theme not recorded")
    lines = ["", "### " + _("Case {number}: {theme}").format(number=number, theme=heading), ""]
    if include_case_text:
        for label, text in ((_("Case"), case.title), (_("Question"), case.question)):
            if not name or text.strip() != name:  # the heading says it already
                lines.append(_item(label, text, free))
    lines += notes
    if case.takeaway.strip():
        lines.append(_item(_("The presenter takes along"), case.takeaway, free))
    if case.next_step.strip():
        lines.append(_item(_("Next step"), case.next_step, free))
    if len(lines) == 3:
        lines.append("- " + _("Nothing recorded."))
    return lines


def _agreements(
    content: MeetingContent, cases: list[Case], members: Sequence[Member], lang: str, free: _Free, _: Translate
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
            lines.append(_item(_("Next step, case {number}").format(number=number), case.next_step, free))
    return lines


def _personal(member: Member, evaluation: Evaluation | None, free: _Free, _: Translate) -> list[str]:
    takeaway, technical, normative, personal = (
        (evaluation.takeaway, evaluation.technical, evaluation.normative, evaluation.personal)
        if evaluation
        else ("", "", "", "")
    )
    lines = [
        "",
        "## " + _("Personal part: {name}").format(name=md_escape(member.name)),
        "",
        _item(_("What I learned"), takeaway, free),
        _item(_("Technical-instrumental"), technical, free),
        _item(_("Normative"), normative, free),
        _item(_("Personal"), personal, free),
    ]
    # The learning goal of a supervised programme, and the look back on it where one was given.
    review = evaluation.goal_review if evaluation else ""
    if member.learning_goal.strip() or review.strip():
        lines.append(_item(_("My learning goal"), member.learning_goal, free))
    if review.strip():
        lines.append(_item(_("Looking back on my learning goal"), review, free))
    return lines


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

    The shared part names each case by :func:`case_name`; ``include_case_text``
    adds its title and question (where the name is not already one of them).
    Board notes marked for the minutes go under their case, or under "From the
    board" for the meeting's own phases, without their author. ``personal_for``
    lists the member ids whose personal part is added (in that order). What the
    group learned is listed without names, sorted, so its order does not tell
    who said what. ``language`` picks the texts, dates and numbers (default:
    the UI language).
    """
    _ = translator(language)
    lang = language_of(language)
    free = _Free()
    cases = worked_cases(content)
    phases = _phases(content)
    by_case: dict[str, list[Note]] = {}
    for note in kept_notes(content, library):
        by_case.setdefault(_case_of(note, content, phases), []).append(note)
    lines = _facts(content, group, members, library, lang, _)
    lines += ["", "## " + _("Cases")]
    for number, case in enumerate(cases, start=1):
        notes = _note_lines(by_case.pop(case.id, []), library, phases, lang, free, _)
        lines += _case_lines(number, case, notes, include_case_text, free, _)
    if not cases:
        lines += ["", "- " + _("No case was worked.")]
    rest = [note for notes in by_case.values() for note in notes]  # the meeting's own phases (and lost cases)
    if rest:
        lines += ["", "## " + _("From the board"), ""] + _note_lines(rest, library, phases, lang, free, _)
    learned = sorted((e.takeaway.strip() for e in content.evaluations if e.takeaway.strip()), key=str.casefold)
    lines += ["", "## " + _("What we learned"), ""]
    lines += [f"- {md_escape(free(text))}" for text in learned] or [f"- {NONE}"]
    lines += ["", "## " + _("Agreements"), ""] + _agreements(content, cases, members, lang, free, _)
    evaluations = {evaluation.member_id: evaluation for evaluation in content.evaluations}
    for member_id in dict.fromkeys(personal_for):
        member = next((member for member in members if member.id == member_id), None)
        if member is not None:
            lines += _personal(member, evaluations.get(member_id), free, _)
    if free.left_out:
        lines += [
            "",
            md_escape(LEFT_OUT)
            + " "
            + _("marks what looked like a BSN, a date or a postcode: left out, so clients stay anonymous."),
        ]
    return "\n".join(lines) + "\n"
