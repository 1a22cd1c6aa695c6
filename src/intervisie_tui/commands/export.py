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

from intervisie_tui.commands.common import clock_of, open_for_reading, require_file, shown
from intervisie_tui.commands.handover import choose_group
from intervisie_tui.core.attendance_list import attendance_csv, attendance_markdown
from intervisie_tui.core.dates import parse_day, years_before
from intervisie_tui.core.hours import Period, member_hours
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.minutes import minutes_markdown
from intervisie_tui.core.model import MeetingContent, MeetingStatus, Member
from intervisie_tui.core.registers import load_shipped_registers, register_by_id
from intervisie_tui.core.sanitize import display
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
    from intervisie_tui.commands.options import CommandOptions

EXIT_USAGE = 2
KINDS = ("minutes", "attendance", "hours")
STDOUT = Path("-")


def choose_meeting(contents: list[MeetingContent], wanted: str | None) -> MeetingContent | None:
    """The held meeting named by id or date, or the newest held one; prints why when there is none."""
    held = [content for content in contents if content.meeting.status is not MeetingStatus.PLANNED]
    if not held:
        print(_("This group has held no meetings yet."), file=sys.stderr)
        return None
    if wanted is None:
        return max(held, key=lambda content: (content.meeting.held_on, content.meeting.id))
    by_id = [content for content in held if content.meeting.id == wanted]
    day = parse_day(wanted)
    found = by_id or [content for content in held if day is not None and content.meeting.held_on == day]
    if len(found) == 1:
        return found[0]
    print(_("No single meeting matches {wanted}. Held meetings:").format(wanted=display(wanted)), file=sys.stderr)
    for content in sorted(held, key=lambda c: c.meeting.held_on):
        print(f"  {content.meeting.held_on.isoformat()}  ({content.meeting.id})", file=sys.stderr)
    return None


def choose_member(members: list[Member], wanted: str | None) -> Member | None:
    """The member named by id or name (any case); prints the members when unclear."""
    if wanted:
        found = [m for m in members if m.id == wanted] or [
            m for m in members if m.name.casefold() == wanted.strip().casefold()
        ]
        if len(found) == 1:
            return found[0]
    print(_("Choose a member with --member NAME_OR_ID:"), file=sys.stderr)
    for member in members:
        print(f"  {display(member.name)}  ({member.id})", file=sys.stderr)
    return None


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
    if request.kind == "hours":
        member = choose_member(members, request.member)
        if member is None:
            return None
        registers = load_shipped_registers()
        register = register_by_id(registers, request.register or member.register)
        start, end = request.period_from, request.period_to or now.date()
        if start is None:
            start = years_before(end, register.period_years if register is not None else 1)
        hours = member_hours(contents, member.id, Period(start, end), joined_on=member.joined_on)
        return hours_statement_markdown(member, group, register, Period(start, end), hours, now)
    content = choose_meeting(contents, request.meeting)
    if content is None:
        return None
    if request.kind == "minutes":
        wanted = {name.casefold() for name in request.personal}
        personal = [m.id for m in members if m.name.casefold() in wanted or m.id in request.personal]
        return minutes_markdown(
            content, group, members, library, include_case_text=request.case_text, personal_for=personal
        )
    render = attendance_csv if as_csv else attendance_markdown
    return render(content, group, members, library)
