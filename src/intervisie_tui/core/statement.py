"""A member's statement of intervision hours over a register period, as plain Markdown.

The statement lists the closed meetings the member attended with their net
hours, the total against the register's norm, and says plainly that the
register decides what counts. User text (names, group, register number) is
escaped, so it cannot add headings or break the table.
"""

from __future__ import annotations

from datetime import datetime

from intervisie_tui.core.attendance_list import register_text
from intervisie_tui.core.dates import NO_DATE, day_text
from intervisie_tui.core.hours import (
    PAPER_DECIMALS,
    MemberHours,
    Period,
    hours_text,
    in_language,
    norm_line,
    period_text,
)
from intervisie_tui.core.markdown import md_escape, md_table
from intervisie_tui.core.model import Group, Member
from intervisie_tui.core.registers import Register, note, signers, sources
from intervisie_tui.i18n import N_


def _field(label: str, value: str, language: str | None) -> str:
    return f"- {in_language(label, language)}: {md_escape(value) or NO_DATE}"


def _register_value(member: Member, register: Register | None, language: str | None) -> str:
    name = register.name if register is not None else member.register.strip()
    number = member.register_number.strip()
    if name and number:
        return in_language(N_("{register}, number {number}"), language).format(register=name, number=number)
    return name or number


def _table(hours: MemberHours, language: str | None) -> str:
    if not hours.meetings:
        return in_language(N_("No meetings count in this period."), language)
    header = [
        in_language(N_("Date"), language),
        in_language(N_("Supervised"), language),
        in_language(N_("Net hours"), language),
    ]
    yes, no = in_language(N_("Yes"), language), in_language(N_("No"), language)
    rows = [
        [
            day_text(item.held_on, language),
            yes if item.supervised else no,
            hours_text(item.minutes / 60, language, decimals=PAPER_DECIMALS),
        ]
        for item in hours.meetings
    ]
    return md_table(header, rows)


def _register_rule(register: Register | None, language: str | None) -> str:
    if register is None:
        return in_language(N_("Your register decides what counts toward your registration."), language)
    rule = in_language(N_("{register} decides what counts: {note} Pages read on {checked}: {sources}."), language)
    return rule.format(
        register=md_escape(register.name),
        note=md_escape(note(register, language)),
        sources=", ".join(f"<{page}>" for page in sources(register)),
        checked=day_text(register.last_checked, language),
    )


def _signature_block(member: Member, group: Group, register: Register, language: str | None) -> str:
    """The supervisor's statement on the supervised meetings above: who may sign, name, register, date, signature.

    The group's supervisor is filled in (each supervised meeting is one they were marked present at:
    ``core.evidence``); without one on record the cells stay empty, to be written by hand. Date and
    signature are always empty: they are the signer's.
    """
    supervisor = group.supervisor if group.supervisor is not None and group.supervisor.name.strip() else None
    header = [
        in_language(N_("Supervisor's name"), language),
        in_language(N_("Register and number"), language),
        in_language(N_("Date"), language),
        in_language(N_("Signature"), language),
    ]
    row = ["", "", "", ""]
    if supervisor is not None:
        row[:2] = [supervisor.name, register_text(supervisor.register, supervisor.register_number)]
    declaration = in_language(
        N_("I declare that {member} attended the meetings marked as supervised above, under my supervision."),
        language,
    )
    who = in_language(N_("May sign: {signers}."), language).format(signers=md_escape(signers(register, language)))
    return "\n\n".join(
        [
            "## " + in_language(N_("Supervisor's statement"), language),
            declaration.format(member=md_escape(member.name)),
            who,
            md_table(header, [row]),
        ]
    )


def hours_statement_markdown(
    member: Member,
    group: Group,
    register: Register | None,
    period: Period,
    hours: MemberHours,
    now: datetime,
    language: str | None = None,
) -> str:
    """The hours statement of ``member`` in ``group`` over ``period``, as Markdown ending in a newline.

    ``hours`` is :func:`core.hours.member_hours` for the member and period;
    ``register`` is the member's register, if known (see ``core.registers.register_by_id``).
    Where the register counts supervised meetings only with a signed statement and some are listed,
    the statement ends with a block for the supervisor to sign.
    """
    parts = [
        "# " + in_language(N_("Intervision hours statement"), language),
        "\n".join(
            [
                _field(N_("Member"), member.name, language),
                _field(N_("Profession"), member.profession, language),
                _field(N_("Register"), _register_value(member, register, language), language),
                _field(N_("Group"), group.name, language),
                _field(N_("Period"), period_text(period, language), language),
            ]
        ),
    ]
    if register is not None:
        parts.append(md_escape(norm_line(register, hours, period, language)))
    parts.append(_table(hours, language))
    total = in_language(N_("Total: {hours} h"), language)
    parts.append(total.format(hours=hours_text(hours.total_minutes / 60, language, decimals=PAPER_DECIMALS)))
    parts.append(_register_rule(register, language))
    parts.append(in_language(N_("Made on {date}."), language).format(date=day_text(now.date(), language)))
    if register is not None and register.signed_statement and any(item.supervised for item in hours.meetings):
        parts.append(_signature_block(member, group, register, language))
    return "\n\n".join(parts) + "\n"
