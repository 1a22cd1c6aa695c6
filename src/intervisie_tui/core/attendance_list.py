"""The attendance list of one meeting, as registers ask for it (docs/REGISTERS.md).

A printable Markdown list with an empty signature column, and a CSV file with
the meeting's fields on every row so a spreadsheet can collect many meetings.
Hours are net hours (``core.hours``); the register decides what counts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from intervisie_tui.core.dates import day_text, long_day_text, time_text
from intervisie_tui.core.evidence import attending_supervisor, supervisor_attended, supervisor_chaired
from intervisie_tui.core.hours import PAPER_DECIMALS, net_minutes
from intervisie_tui.core.hours import hours_text as hours_in_text
from intervisie_tui.core.markdown import md_escape, md_table
from intervisie_tui.core.methods import MethodLibrary
from intervisie_tui.core.model import Attendance, Group, Meeting, MeetingContent, Member, Supervisor
from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import LANGUAGES, _, current_language, load_translations

Translate = Callable[[str], str]
NONE = "—"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def language_of(language: str | None) -> str:
    """``language``, or the current UI language when None; refuses unknown codes."""
    chosen = language or current_language()
    if chosen not in LANGUAGES:
        raise ValueError(f"unsupported language: {chosen!r}")
    return chosen


def translator(language: str | None) -> Translate:
    """``_`` for the UI language, or the texts of ``language`` when another one is asked for."""
    chosen = language_of(language)
    return _ if chosen == current_language() else load_translations(chosen).gettext


def hours_text(minutes: float, language: str | None = None) -> str:
    """``minutes`` as hours, as the hours statement writes them: "2,50" in Dutch, "2.50" in English."""
    return hours_in_text(minutes / 60, language_of(language), decimals=PAPER_DECIMALS)


def register_text(register: str, number: str) -> str:
    """Register and number, e.g. "SKJ 123456"; either one alone, or "" when neither is known."""
    return " ".join(part for part in (register.strip(), number.strip()) if part)


def chair_name(meeting: Meeting, group: Group, members: Iterable[Member], _: Translate = _) -> str:
    """Who chaired: the chairing member; the supervisor only when they chaired and were there; else "—"."""
    if meeting.chair_id:
        return next((member.name for member in members if member.id == meeting.chair_id), NONE)
    if supervisor_chaired(meeting):
        return group.supervisor.name if group.supervisor and group.supervisor.name else _("the supervisor")
    return NONE


def method_names(meeting: Meeting, library: MethodLibrary, language: str | None = None) -> list[str]:
    """The names of the methods worked with, in slot order, each once (an unknown id as itself)."""
    ids = [slot.method_id for slot in meeting.slots if slot.method_id]
    if not ids and meeting.method_id:
        ids = [meeting.method_id]
    names: list[str] = []
    for method_id in dict.fromkeys(ids):
        method = library.get(method_id)
        names.append(method.name(language_of(language)) if method else method_id)
    return names


@value_class
class AttendanceRow:
    """One participant's line on the attendance list."""

    member_id: str
    name: str
    profession: str
    register: str
    register_number: str
    present: bool
    arrived: datetime | None = None
    left: datetime | None = None
    minutes: float = 0.0
    """Net minutes this participant was there (0 when absent)."""


def _record_of(member_id: str, attendance: Iterable[Attendance]) -> Attendance | None:
    records = [record for record in attendance if record.member_id == member_id]
    return max(records, key=lambda record: record.updated_at) if records else None  # the latest edit wins


def attendance_rows(content: MeetingContent, members: Sequence[Member]) -> list[AttendanceRow]:
    """A row per member who has an attendance record for the meeting or was an active member then.

    Present per the attendance record; without one, an active member counts as
    present (and one who joined after the meeting's date is left out).
    """
    meeting = content.meeting
    rows = []
    for member in members:
        record = _record_of(member.id, content.attendance)
        if record is None and not (member.active and (member.joined_on is None or member.joined_on <= meeting.held_on)):
            continue
        present = record.present if record is not None else True
        rows.append(
            AttendanceRow(
                member_id=member.id,
                name=member.name,
                profession=member.profession,
                register=member.register,
                register_number=member.register_number,
                present=present,
                arrived=record.arrived if record else None,
                left=record.left if record else None,
                minutes=net_minutes(meeting, record) if present else 0.0,
            )
        )
    return rows


def _yes_no(value: bool, _: Translate) -> str:
    return _("Yes") if value else _("No")


def _supervisor_text(supervisor: Supervisor) -> str:
    registered = register_text(supervisor.register, supervisor.register_number)
    return f"{supervisor.name} ({registered})" if registered else supervisor.name


def attendance_markdown(
    content: MeetingContent,
    group: Group,
    members: Sequence[Member],
    library: MethodLibrary,
    language: str | None = None,
) -> str:
    """The printable attendance list: the meeting's fields, a table with an empty signature column."""
    _ = translator(language)
    lang = language_of(language)
    meeting = content.meeting
    lines = [
        "# "
        + _("Attendance list: {group}, {date}").format(
            group=md_escape(group.name), date=day_text(meeting.held_on, lang)
        ),
        "",
        "- " + _("Date: {date}").format(date=long_day_text(meeting.held_on, lang)),
        "- " + _("Start time: {time}").format(time=time_text(meeting.actual_start)),
        "- " + _("End time: {time}").format(time=time_text(meeting.actual_end)),
        "- " + _("Net hours: {hours}").format(hours=hours_text(net_minutes(meeting), lang)),
        "- " + _("Supervised: {answer}").format(answer=_yes_no(supervisor_attended(meeting), _)),
    ]
    supervisor = attending_supervisor(meeting, group)
    if supervisor is not None:
        lines.append("- " + _("Supervisor: {name}").format(name=md_escape(_supervisor_text(supervisor))))
    lines += [
        "- " + _("Chair: {name}").format(name=md_escape(chair_name(meeting, group, members, _))),
        "- " + _("Method: {names}").format(names=md_escape(", ".join(method_names(meeting, library, lang)) or NONE)),
        "",
    ]
    header = [_("Name"), _("Profession"), _("Register and number"), _("Present"), _("Hours"), _("Signature")]
    rows = [
        [
            row.name,
            row.profession or NONE,
            register_text(row.register, row.register_number) or NONE,
            _yes_no(row.present, _),
            hours_text(row.minutes, lang),
            "",
        ]
        for row in attendance_rows(content, members)
    ]
    lines += [md_table(header, rows).rstrip("\n"), "", _("The register decides which hours count.")]
    return "\n".join(lines) + "\n"


def csv_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: an apostrophe before = + - @ tab or CR."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def attendance_csv(
    content: MeetingContent,
    group: Group,
    members: Sequence[Member],
    library: MethodLibrary,
    language: str | None = None,
) -> str:
    """The attendance list as CSV: a header in the UI language and a row per participant.

    Every row repeats the meeting's fields, so rows of many meetings can be
    gathered in one sheet. Dutch uses ";" between cells and a decimal comma
    (what a Dutch spreadsheet expects); English "," and a decimal point.
    """
    _ = translator(language)
    lang = language_of(language)
    meeting = content.meeting
    supervisor = attending_supervisor(meeting, group)
    meeting_cells = [
        meeting.held_on.isoformat(),
        time_text(meeting.actual_start),
        time_text(meeting.actual_end),
        hours_text(net_minutes(meeting), lang),
        group.name,
        _yes_no(supervisor_attended(meeting), _),
        supervisor.name if supervisor else "",
        register_text(supervisor.register, supervisor.register_number) if supervisor else "",
        chair_name(meeting, group, members, _),
        ", ".join(method_names(meeting, library, lang)),
    ]
    header = [
        _("Date"),
        _("Start time"),
        _("End time"),
        _("Net hours of the meeting"),
        _("Group"),
        _("Supervised"),
        _("Supervisor"),
        _("Supervisor's register and number"),
        _("Chair"),
        _("Method"),
        _("Name"),
        _("Profession"),
        _("Register"),
        _("Register number"),
        _("Present"),
        _("Arrived at"),
        _("Left at"),
        _("Hours"),
        _("Signature"),
    ]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "nl" else ",", lineterminator="\n")
    writer.writerow([csv_cell(cell) for cell in header])
    for row in attendance_rows(content, members):
        cells = [
            *meeting_cells,
            row.name,
            row.profession,
            row.register,
            row.register_number,
            _yes_no(row.present, _),
            time_text(row.arrived) if row.arrived else "",
            time_text(row.left) if row.left else "",
            hours_text(row.minutes, lang),
            "",
        ]
        writer.writerow([csv_cell(cell) for cell in cells])
    return out.getvalue()
