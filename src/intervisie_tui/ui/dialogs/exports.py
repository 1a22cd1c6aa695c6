"""Writing minutes, an attendance list or an hours statement as a plaintext file: what, where, in which format.

Every export goes through the export dialog (not encrypted, unsafe names
refused, synced folders named) and is written with ``write_plain_export``.
A failed write is shown; nothing is written half.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from intervisie_tui.core.attendance_list import attendance_csv, attendance_markdown
from intervisie_tui.core.methods import MethodLibrary
from intervisie_tui.core.minutes import minutes_markdown
from intervisie_tui.core.model import Group, MeetingContent, Member
from intervisie_tui.i18n import N_, _, current_language
from intervisie_tui.render.formats import HTML, MARKDOWN, format_of
from intervisie_tui.render.printable import printable_html
from intervisie_tui.store.errors import VaultError, access_error
from intervisie_tui.store.export_paths import files_of, name_part, write_plain_export
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.dialogs.export_dialog import ExportDialog
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.tick_list import TickList

if TYPE_CHECKING:
    from intervisie_tui.ui.app import IntervisieApp


def export_folder() -> Path:
    """Where an export is suggested: the user's documents folder, else the home folder (the user may type another)."""
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def protected_paths(app: IntervisieApp) -> list[Path]:
    """The encrypted file and everything beside it that belongs to it (backups, lock, owner)."""
    return files_of(app.context.opener.path)


def _write(app: IntervisieApp, path: Path, text: str, overwrite: bool = True) -> bool:
    if format_of(path) == HTML:  # the export's Markdown, as a page to print (render/printable.py)
        text = printable_html(text, current_language())
    try:
        write_plain_export(path, text, overwrite=overwrite)
    except VaultError as error:
        app.say(error.message(), severity="error", timeout=10)
        return False
    except OSError as error:  # a full disk, a folder gone read-only: said, never a crash
        app.say(access_error(error).message(), severity="error", timeout=10)
        return False
    return True


def ask_and_write(
    app: IntervisieApp, title: str, suggested_name: str, texts: Callable[[Path], list[tuple[Path, str]]]
) -> None:
    """Ask where and how to write (the dialog warns and checks), then write each (path, text) ``texts`` gives.

    ``texts`` gives Markdown (or CSV) for each path; a path ending in .html gets the printable page.
    """

    def chosen(path: Path | None) -> None:
        if path is None:
            return
        # The dialog asked before overwriting ``path``; a file written beside it never overwrites.
        written = [target for target, text in texts(path) if _write(app, target, text, overwrite=target == path)]
        if written:
            app.say(_("Written (not encrypted): {files}").format(files=", ".join(str(p) for p in written)))

    dialog = ExportDialog(title, export_folder() / suggested_name, protected_paths(app), formats=(MARKDOWN, HTML))
    app.push_screen(dialog, chosen)


class MinutesOptions(AppModal[tuple[bool, tuple[str, ...]] | None]):
    """What goes into the minutes: the full case text or only its theme, and whose personal parts."""

    DEFAULT_CSS = """
    MinutesOptions TickList {
        height: auto;
        max-height: 10;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "done", N_("Continue"), id="minutes.continue"),
        Binding("escape", "cancel", N_("Cancel"), id="minutes.cancel"),
    ]

    CASE_TEXT = "case-text"
    """The value of the first choice: the full case text."""

    def __init__(self, members: list[Member], present: list[str]) -> None:
        super().__init__()
        self.members = [member for member in members if member.id in present]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(_("Minutes"), id="help-title", markup=False)
            # Not Textual's Checkbox: it draws an X when off too (issue 17); a tick list shows [✓] or [ ].
            yield TickList(
                [(literal(_("Full case text (otherwise only the theme of each case)")), self.CASE_TEXT)],
                id="minutes-case-text",
            )
            yield Static(_("A personal part for (space marks):"), markup=False)
            yield TickList([(literal(member.name), member.id) for member in self.members], id="minutes-personal")
            yield Static(
                _("Tab: next · Space: mark · Ctrl+S: continue · Esc: cancel"), classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#minutes-case-text", TickList).focus()

    def action_done(self) -> None:
        """Ctrl+S: go on to where the file is written."""
        include = self.query_one("#minutes-case-text", TickList).is_ticked(self.CASE_TEXT)
        personal = self.query_one("#minutes-personal", TickList).ticked
        self.dismiss((include, personal))

    def action_cancel(self) -> None:
        """Esc: no minutes."""
        self.dismiss(None)


def export_minutes(
    app: IntervisieApp, content: MeetingContent, group: Group, members: list[Member], library: MethodLibrary
) -> None:
    """Ask what to include, then where to write the minutes of ``content`` (Markdown)."""
    from intervisie_tui.core.round_work import present_members

    day = content.meeting.held_on.isoformat()

    def options(choice: tuple[bool, tuple[str, ...]] | None) -> None:
        if choice is None:
            return
        include, personal = choice
        text = minutes_markdown(content, group, members, library, include_case_text=include, personal_for=personal)
        ask_and_write(app, _("Write the minutes"), f"{_('minutes')}-{day}.md", lambda path: [(path, text)])

    app.push_screen(MinutesOptions(members, present_members(members, content.attendance)), options)


def export_attendance(
    app: IntervisieApp, content: MeetingContent, group: Group, members: list[Member], library: MethodLibrary
) -> None:
    """Where to write the attendance list: Markdown to print, and a CSV with the same name beside it."""
    day = content.meeting.held_on.isoformat()
    markdown = attendance_markdown(content, group, members, library)
    table = attendance_csv(content, group, members, library)
    ask_and_write(
        app,
        _("Write the attendance list (Markdown and CSV)"),
        f"{_('attendance')}-{day}.md",
        lambda path: [(path, markdown), (path.with_suffix(".csv"), table)],
    )


def export_hours(app: IntervisieApp, contents: list[MeetingContent], group: Group, members: list[Member]) -> None:
    """Whose hours, over which period (the register's years up to today by default), then where to write them."""
    from intervisie_tui.core.dates import day_text, parse_day, years_before
    from intervisie_tui.core.hours import Period, member_hours
    from intervisie_tui.core.registers import load_shipped_registers, register_by_id
    from intervisie_tui.core.statement import hours_statement_markdown
    from intervisie_tui.ui.dialogs.form import Field, TurnForm, Values
    from intervisie_tui.ui.dialogs.member_picker import MemberPicker

    now = app.clock()
    registers = load_shipped_registers()

    def member_chosen(member_id: str | None) -> None:
        member = next((m for m in members if m.id == member_id), None)
        if member is None:
            return
        register = register_by_id(registers, member.register) if member.register else None
        start = years_before(now.date(), register.period_years if register is not None else 1)

        def check(values: Values) -> None:
            first, last = parse_day(values["from"]), parse_day(values["to"])
            if first is None or last is None:
                raise ValueError(_("A date is written as 23-11-2026."))
            if last < first:
                raise ValueError(_("The period ends before it starts."))

        def period_typed(values: Values | None) -> None:
            if values is None:
                return
            first, last = parse_day(values["from"]), parse_day(values["to"])
            assert first is not None and last is not None
            period = Period(first, last)
            hours = member_hours(contents, member.id, period, joined_on=member.joined_on)
            text = hours_statement_markdown(member, group, register, period, hours, now)
            # Whose statement it is, in its name: a folder of them stays readable (issue 17, item 19).
            name = "-".join(part for part in (_("hours"), name_part(member.name), last.isoformat()) if part)
            ask_and_write(app, _("Write the hours statement"), f"{name}.md", lambda path: [(path, text)])

        fields = [
            Field("from", _("From (day-month-year)"), day_text(start, "nl")),
            Field("to", _("To (day-month-year)"), day_text(now.date(), "nl")),
        ]
        app.push_screen(TurnForm(_("Period"), fields, check), period_typed)

    app.push_screen(MemberPicker(_("Whose hours?"), [m for m in members if m.active] or members), member_chosen)
