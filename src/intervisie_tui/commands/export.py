"""``intervisie export minutes|attendance|hours FILE --out PATH [--format html|md|csv]``: the app's exports.

For organisations that collect attendance lists and hours statements. The
same rules as in the app: the output is named explicitly (``-`` is standard
output), it is said to be unencrypted, unsafe names and the encrypted file
itself are refused, a synced folder needs ``--allow-synced`` and an existing
file ``--overwrite``. Nothing is written to FILE.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from intervisie_tui.commands.choose import NotChosen, choose
from intervisie_tui.commands.common import clock_of, open_for_reading, require_file, shown
from intervisie_tui.commands.handover import choose_group
from intervisie_tui.core.attendance_list import attendance_csv, attendance_markdown
from intervisie_tui.core.dates import parse_day, years_before
from intervisie_tui.core.hours import Period, member_hours
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.minutes import minutes_markdown
from intervisie_tui.core.model import Group, MeetingContent, MeetingStatus, Member
from intervisie_tui.core.registers import Register, load_shipped_registers, register_by_id
from intervisie_tui.core.sanitize import display_line
from intervisie_tui.core.statement import hours_statement_markdown
from intervisie_tui.i18n import _
from intervisie_tui.render.formats import CSV, HTML, MARKDOWN, format_of
from intervisie_tui.render.printable import printable_html
from intervisie_tui.store.export_paths import (
    check_export_path,
    files_of,
    write_plain_export,
)
from intervisie_tui.store.repository import Repository

if TYPE_CHECKING:
    from intervisie_tui.commands.options import CommandOptions, ExportRequest

EXIT_USAGE = 2
KINDS = ("minutes", "attendance", "hours")
STDOUT = Path("-")


def choose_meeting(contents: list[MeetingContent], wanted: str | None) -> MeetingContent:
    """The held meeting named by id or date, or the newest held one; :class:`NotChosen` when there is none."""
    held = [content for content in contents if content.meeting.status is not MeetingStatus.PLANNED]
    if not held:
        raise NotChosen(_("This group has held no meetings yet."))
    if wanted is None:
        return max(held, key=lambda content: (content.meeting.held_on, content.meeting.id))
    return choose(
        wanted,
        sorted(held, key=lambda content: content.meeting.held_on),
        "meeting",
        name_of=lambda content: content.meeting.held_on.isoformat(),
        id_of=lambda content: content.meeting.id,
        also=lambda content, text: parse_day(text) == content.meeting.held_on,
    )


def choose_member(members: list[Member], wanted: str | None) -> Member:
    """The member named by id or whole name (any case); :class:`NotChosen` naming the members when unclear."""
    if not wanted:
        names = ", ".join(display_line(member.name) for member in members)
        raise NotChosen(f"{_('Choose a member with --member NAME_OR_ID:')} {names}")
    return choose(wanted, members, "member", name_of=lambda m: m.name, id_of=lambda m: m.id)


def _output_refused(settings: CommandOptions, protected: list[Path]) -> str | None:
    request = settings.export
    assert request is not None and settings.out is not None
    if settings.out == STDOUT:
        return None
    check = check_export_path(settings.out, protected=protected)
    if check.refused:
        return check.refused
    if check.synced and not request.allow_synced:
        return _(
            "{path} is in a folder synced by {service}: the file would be copied to their servers. "
            "Add --allow-synced to write it there anyway."
        ).format(path=shown(settings.out), service=check.synced)
    if settings.out.exists() and not request.overwrite:
        return _("{path} exists already; add --overwrite to replace it.").format(path=shown(settings.out))
    return None


def chosen_format(settings: CommandOptions) -> tuple[str, str | None]:
    """The format to write (``render.formats``) and why it cannot be, if so (one line).

    ``--format`` wins; ``--csv`` means csv and may not contradict it; else the name of ``--out``
    decides (standard output: Markdown). Only the attendance list has a CSV form.
    """
    request = settings.export
    assert request is not None and settings.out is not None
    chosen = request.format
    if request.csv:
        if chosen not in (None, CSV):
            return chosen, _("--csv and --format {format} contradict each other; give one.").format(format=chosen)
        chosen = CSV
    if chosen is None:
        chosen = MARKDOWN if settings.out == STDOUT else format_of(settings.out)
    if chosen == CSV and request.kind != "attendance":
        return chosen, _("Only the attendance list can be written as CSV; use --format html or md.")
    return chosen, None


def run_export(settings: CommandOptions) -> int:
    """Write one export; exit 2 when what to export or where is unclear or refused."""
    request, source = settings.export, settings.file
    assert request is not None and source is not None and settings.out is not None
    refused = require_file(source)
    if refused is not None:
        return refused
    protected = files_of(source)
    written_as, reason = chosen_format(settings)
    reason = reason or _output_refused(settings, protected)
    if reason:  # before any passphrase is asked
        print(reason, file=sys.stderr)
        return EXIT_USAGE
    clock = clock_of(settings)
    repository = open_for_reading(source, settings.passphrases.reader().next(_("Passphrase: ")), clock)
    try:
        text = _render(settings, repository, clock(), as_csv=written_as == CSV)
    finally:
        repository.close()
    if text is None:
        return EXIT_USAGE
    if written_as == HTML:
        text = printable_html(text, settings.language)
    if settings.out == STDOUT:
        sys.stdout.write(text)
        return 0
    write_plain_export(settings.out, text, overwrite=request.overwrite)
    print(
        _("Written to {path}. This file is NOT encrypted: keep it where only you can read it.").format(
            path=shown(settings.out)
        ),
        file=sys.stderr,
    )
    return 0


def _render(settings: CommandOptions, repository: Repository, now: datetime, *, as_csv: bool) -> str | None:
    """The export's Markdown (or the attendance list's CSV); None when what to export is unclear (said why)."""
    request = settings.export
    assert request is not None and settings.file is not None
    group = choose_group(repository.groups(), settings.group, settings.file)
    if group is None:
        return None
    members = repository.members(group.id)
    contents = [c for c in (repository.meeting_content(s.id) for s in repository.meetings(group.id)) if c]
    library = repository.library(load_shipped(), group.id)
    try:
        if request.kind == "hours":
            return _hours(request, group, members, contents, now)
        content = choose_meeting(contents, request.meeting)
        if request.kind == "minutes":
            personal = [
                choose(name, members, "member", name_of=lambda m: m.name, id_of=lambda m: m.id).id
                for name in request.personal
            ]
            return minutes_markdown(
                content, group, members, library, include_case_text=request.case_text, personal_for=personal
            )
    except NotChosen as refusal:
        print(refusal, file=sys.stderr)
        return None
    render = attendance_csv if as_csv else attendance_markdown
    return render(content, group, members, library)


def _hours(
    request: ExportRequest, group: Group, members: list[Member], contents: list[MeetingContent], now: datetime
) -> str:
    member = choose_member(members, request.member)
    registers = load_shipped_registers()
    register: Register | None
    if request.register:
        register = choose(
            request.register,
            registers,
            "register",
            name_of=lambda r: r.name,
            also=lambda r, text: register_by_id([r], text) is not None,
        )
    else:
        register = register_by_id(registers, member.register)
    start, end = request.period_from, request.period_to or now.date()
    if start is None:
        start = years_before(end, register.period_years if register is not None else 1)
    hours = member_hours(contents, member.id, Period(start, end), joined_on=member.joined_on)
    return hours_statement_markdown(member, group, register, Period(start, end), hours, now)
