"""One held meeting, read back: read-only, scrollable, with its exports."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from intervisie_tui.core.methods import MethodLibrary
from intervisie_tui.core.model import Group, MeetingContent, Member
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.dialogs.keys_help import KeysHelp, key_rows
from intervisie_tui.ui.screens.past_meeting_view import meeting_document
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.title_bar import TitleBar


class PastMeetingScreen(AppScreen[MeetingContent]):
    """Timeline, cases, questions, whiteboard, feedback and evaluation of a past meeting; nothing can change."""

    DEFAULT_CSS = """
    PastMeetingScreen VerticalScroll {
        height: 1fr;
        padding: 0 2;
    }
    """

    BINDINGS = [
        Binding("x", "export_minutes", N_("Minutes"), id="past.minutes"),
        Binding("a", "export_attendance", N_("Attendance list"), id="past.attendance"),
        Binding("p", "presence", N_("Who was there"), id="past.presence"),
        Binding("e", "reflection", N_("Reflection"), id="past.reflection"),
        Binding("f1", "help", N_("Help"), id="past.help"),
        Binding("escape", "back", N_("Back"), id="past.back"),
    ]

    def __init__(self, content: MeetingContent, group: Group, members: list[Member], library: MethodLibrary) -> None:
        super().__init__()
        self.content = content
        self.group = group
        self.members = members
        self.library = library

    def compose(self) -> ComposeResult:
        yield TitleBar(_("Past meeting"))
        with VerticalScroll(id="past-scroll"):
            yield Static(meeting_document(self.content, self.group, self.members, self.library), id="past-document")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#past-scroll").focus()

    def action_export_minutes(self) -> None:
        """X: this meeting's minutes as Markdown."""
        from intervisie_tui.ui.dialogs.exports import export_minutes

        export_minutes(self.app, self.content, self.group, self.members, self.library)

    def action_export_attendance(self) -> None:
        """A: this meeting's attendance list as Markdown and CSV."""
        from intervisie_tui.ui.dialogs.exports import export_attendance

        export_attendance(self.app, self.content, self.group, self.members, self.library)

    def action_presence(self) -> None:
        """P: correct who was there and when; saved, and the document shows it at once."""
        from dataclasses import replace

        from intervisie_tui.core.evidence import with_supervisor_present
        from intervisie_tui.ui.dialogs.attendance_editor import AttendanceAnswer, AttendanceEditor

        def saved(answer: AttendanceAnswer | None) -> None:
            if answer is None:
                return
            content = self.content
            if answer.supervisor_present is not None:
                meeting = with_supervisor_present(content.meeting, answer.supervisor_present, self.app.clock())
                self.app.current_saver.put(meeting)
                content = replace(content, meeting=meeting)
            if answer.records:
                self.app.current_saver.put(*answer.records)
                ids = {record.id for record in answer.records}
                kept = tuple(record for record in content.attendance if record.id not in ids)
                content = replace(content, attendance=kept + tuple(answer.records))
            self._keep(content)

        supervisor = self.group.supervisor
        editor = AttendanceEditor(
            self.content.meeting,
            self.members,
            list(self.content.attendance),
            self.app.clock(),
            supervisor=supervisor.name if supervisor is not None else "",
        )
        self.app.push_screen(editor, saved)

    def _keep(self, content: MeetingContent) -> None:
        self.content = content
        self.query_one("#past-document", Static).update(
            meeting_document(self.content, self.group, self.members, self.library)
        )

    def action_reflection(self) -> None:
        """E: a member's own reflection (what I learned; technical, normative, personal) for the minutes."""
        from dataclasses import replace

        from intervisie_tui.core.reflection import evaluation_of, with_reflection
        from intervisie_tui.ui.dialogs.form import Field, TurnForm, Values
        from intervisie_tui.ui.dialogs.member_picker import MemberPicker

        now = self.app.clock()

        def member_chosen(member_id: str | None) -> None:
            if member_id is None:
                return
            evaluation = evaluation_of(self.content.evaluations, self.content.meeting, member_id, now)

            def typed(values: Values | None) -> None:
                if values is None:
                    return
                changed = with_reflection(evaluation, values, now)
                self.app.current_saver.put(changed)
                kept = tuple(e for e in self.content.evaluations if e.id != changed.id)
                self._keep(replace(self.content, evaluations=kept + (changed,)))

            fields = [
                Field("takeaway", _("What I learned"), evaluation.takeaway),
                Field("technical", _("Technical-instrumental: methods and skills"), evaluation.technical),
                Field("normative", _("Normative: values, rules, what is right"), evaluation.normative),
                Field("personal", _("Personal: what it did to me, my pattern"), evaluation.personal),
            ]
            # The check refuses what cannot be kept (too long, NUL) with its reason, in the form.
            self.app.push_screen(
                TurnForm(_("Reflection"), fields, lambda v: with_reflection(evaluation, v, now)), typed
            )

        self.app.push_screen(MemberPicker(_("Whose reflection?"), self.members), member_chosen)

    def action_help(self) -> None:
        """F1: the keys of this screen."""
        self.app.push_screen(KeysHelp(key_rows(self), _("Keys of a past meeting")))

    def action_back(self) -> None:
        """Esc: back to the history, handing it the meeting as it now is (attendance may have changed)."""
        self.dismiss(self.content)
