"""The group screen: its programme from supervised to self-run, readiness, the next meeting, and the
supervisor's actions (sign the graduation, hand the group over, private notes).

State flows down: the screen reads the group's records once, computes the
programme, readiness and next-meeting plan with core's rules, and redraws
after every change it makes.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from intervisie_tui.core.dates import day_text
from intervisie_tui.core.meeting_frequency import frequency_line, meetings_per_year, years_outside
from intervisie_tui.core.model import (
    Agreement,
    Graduation,
    Group,
    GroupMode,
    MeetingContent,
    Member,
    new_id,
    summarize,
    touch,
)
from intervisie_tui.core.names import short_names
from intervisie_tui.core.next_meeting import MeetingPlan, plan_next
from intervisie_tui.core.programme import (
    PROGRAMMES,
    mode_text,
    next_slot,
    programme_for,
    programme_name,
    progress,
)
from intervisie_tui.core.readiness import advice_summary, readiness
from intervisie_tui.i18n import N_, _
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.handover import forget_group
from intervisie_tui.store.review import open_items
from intervisie_tui.ui.base import AppHooks, AppScreen
from intervisie_tui.ui.dialogs.confirm import Confirm
from intervisie_tui.ui.dialogs.keys_help import KeysHelp, key_rows
from intervisie_tui.ui.meeting_start import group_history
from intervisie_tui.ui.screens.group_view import (
    plan_text,
    readiness_text,
    slot_row,
    stage_line,
)
from intervisie_tui.ui.screens.merge_view import waiting_text
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.title_bar import TitleBar

PROGRAMME_ORDER = ("", *PROGRAMMES)
"""The choices P cycles through: none, then the shipped programmes."""


CHAIR_ONLY = {"private_notes", "hand_over", "delete_group", "merge_review"}
"""The supervisor's own notes, the hand-over, deleting the group and the merge screen (any record, both
versions) never open in the room's view."""


class GroupScreen(AppScreen[None]):
    """One group: programme timeline, readiness, next meeting; keys for the group's administration."""

    DEFAULT_CSS = """
    GroupScreen #group-screen {
        height: 1fr;
        padding: 0 1;
    }
    GroupScreen #group-heading {
        text-style: bold;
        color: $accent;
        height: auto;
    }
    GroupScreen #group-programme-name {
        color: $text-muted;
        height: auto;
    }
    GroupScreen #meeting-frequency {
        color: $text-warning;
        height: auto;
    }
    GroupScreen #group-panels {
        height: 1fr;
        margin-top: 1;
    }
    GroupScreen #programme-column {
        width: 1fr;
        height: 1fr;
    }
    GroupScreen DataTable { height: 1fr; }
    GroupScreen #programme-stage {
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }
    GroupScreen #readiness-box {
        width: 42%;
        min-width: 32;
        height: 1fr;
        padding: 0 1;
        border-left: vkey $primary;
    }
    GroupScreen #readiness-title {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    GroupScreen #merge-waiting {
        height: auto;
        color: $text-warning;
        text-style: bold;
    }
    GroupScreen #next-meeting {
        height: auto;
        background: $panel;
        padding: 0 1;
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("b,enter", "open_meeting", N_("Meeting"), id="group.meeting"),
        Binding("s", "skip_chair", N_("Other chair"), id="group.skip_chair"),
        Binding("h", "history", N_("History"), id="group.history"),
        Binding("l", "members", N_("Members"), id="group.members"),
        Binding("c", "agreements", N_("Agreements"), id="group.agreements"),
        Binding("e", "edit_group", N_("Edit group"), id="group.edit", show=False),
        Binding("p", "next_programme", N_("Programme"), id="group.programme"),
        Binding("t", "sign", N_("Sign off"), id="group.sign"),
        Binding("o", "hand_over", N_("Hand over"), id="group.handover"),
        Binding("n", "private_notes", N_("Private notes"), id="group.notes"),
        Binding("d", "delete_group", N_("Delete group"), id="group.delete", show=False),
        # Not in the key bar: the line that says decisions wait names the key.
        Binding("m", "merge_review", N_("Decisions after a merge"), id="group.merge", show=False),
        Binding("f1", "help", N_("Help"), id="group.help"),
        Binding("escape", "back", N_("Groups"), id="group.back"),
    ]

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group
        self.members: list[Member] = []
        self.agreements: list[Agreement] = []
        self.history: list[MeetingContent] = []
        self.skip: set[str] = set()
        self.plan: MeetingPlan | None = None
        self._fresh = False

    def compose(self) -> ComposeResult:
        yield TitleBar(_("Group"))
        with Vertical(id="group-screen"):
            yield Static("", id="group-heading", markup=False)
            yield Static("", id="group-programme-name", markup=False)
            yield Static("", id="meeting-frequency", markup=False)
            yield Static("", id="merge-waiting", markup=False)
            with Horizontal(id="group-panels"):
                table: DataTable = DataTable(id="programme", cursor_type="row", zebra_stripes=True)
                with Vertical(id="programme-column"):
                    table.add_columns("", "#", _("Date"), _("Kind"), _("Chair"))
                    yield table
                    yield Static("", id="programme-stage", markup=False)
                with VerticalScroll(id="readiness-box"):
                    yield Static(_("Ready to run itself?"), id="readiness-title", markup=False)
                    yield Static("", id="readiness", markup=False)
            yield Static("", id="next-meeting", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self._fresh = True  # the resume that follows this mount finds everything just read

    def on_screen_resume(self) -> None:
        if self._fresh:  # opened just now: reading the whole history twice doubled the opening's time
            self._fresh = False
            return
        # Back from a meeting: read what it changed (the session saves in the background; flush first).
        saver = getattr(self.app, "saver", None)
        if saver is not None and saver.waiting:
            saver.flush(timeout=2.0)
        self.reload()

    # -- state -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the group's records again and redraw."""
        repository = self.app.current_repository
        self.group = repository.group(self.group.id) or self.group
        self.members = repository.members(self.group.id)
        self.agreements = repository.agreements(self.group.id)
        self.history = group_history(repository, self.group.id)
        self._show_waiting(len(open_items(repository, self.group.id)))
        self._recompute()

    def _recompute(self) -> None:
        """The plan and the view from the state held (editors hand back their lists; the saver writes them)."""
        today = self.app.clock().date()
        self.plan = plan_next(self.group, self.members, self.history, today, skip=self.skip)
        self._show()

    def names(self) -> dict[str, str]:
        """Member id -> name, archived members included."""
        return {member.id: member.name for member in self.members}

    def _show(self) -> None:
        group = self.group
        heading = f"{group.name} · {mode_text(group.mode)}"
        if group.supervisor is not None and group.supervisor.name:
            heading += " · " + _("supervisor: {name}").format(name=group.supervisor.name)
        if group.graduated_on is not None:
            heading += " · " + _("runs itself since {day}").format(day=day_text(group.graduated_on))
        self.query_one("#group-heading", Static).update(literal(heading))
        programme = programme_for(group)
        table = self.query_one("#programme", DataTable)
        table.clear()
        stage = ""
        if programme is None:
            label = _("No programme chosen — P chooses one")
        else:
            label = _("Programme: {name}").format(name=programme_name(programme)) + "  " + _("(P: another)")
            summaries = [summarize(content.meeting, content.cases) for content in self.history]
            slots = progress(group, summaries, self.app.clock().date())
            upcoming = next_slot(slots)
            short = short_names(self.names())
            for slot in slots:
                table.add_row(*slot_row(slot, short, upcoming.index if upcoming else None))
            stage = stage_line(upcoming)
        self.query_one("#programme-stage", Static).update(stage)
        self.query_one("#group-programme-name", Static).update(literal(label))
        self._show_frequency()
        results = readiness(self.members, self.agreements, self.history)
        met, unmet, unknown = advice_summary(results)
        self.query_one("#readiness-title", Static).update(
            literal(
                _("Ready to run itself? {met} met, {unmet} not yet, {unknown} for the supervisor").format(
                    met=met, unmet=unmet, unknown=unknown
                )
            )
        )
        self.query_one("#readiness", Static).update(readiness_text(results))
        self.query_one("#next-meeting", Static).update(literal(plan_text(self.plan, self.names())) if self.plan else "")
        self.refresh_bindings()

    def _show_frequency(self) -> None:
        """The years the group met fewer than 4 or more than 8 times; the line is gone when there are none."""
        summaries = [summarize(content.meeting, content.cases) for content in self.history]
        outside = years_outside(meetings_per_year(summaries), self.group.created_on, self.app.clock().date())
        line = self.query_one("#meeting-frequency", Static)
        line.update(frequency_line(outside))
        line.display = bool(outside)

    def _show_waiting(self, count: int) -> None:
        """The decisions a merge left for this group; the line is gone when there are none."""
        line = self.query_one("#merge-waiting", Static)
        line.update(waiting_text(count) if count else "")
        line.display = bool(count)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Signing off is for supervised groups only; passing over a chair needs a proposed one."""
        if action in CHAIR_ONLY:
            return not self.app.room_view
        if action == "sign":
            return self.group.mode is GroupMode.SUPERVISED
        if action == "skip_chair":  # only a member proposed by the rotation (or agreed) can be passed over
            return self.plan is not None and bool(self.plan.chair_id)
        return True

    def view_changed(self) -> None:
        """F3: the chair-only keys come and go."""
        self.refresh_bindings()

    def _save(self, *records: object) -> bool:
        try:
            self.app.current_repository.put(*records)
        except VaultError as error:
            self.app.say(error.message(), severity="error")
            return False
        return True

    # -- actions -----------------------------------------------------------------------

    def action_open_meeting(self) -> None:
        """Open today's meeting, or plan it with the proposed chair."""
        self.app.navigate.todays_meeting(self.group, skip=self.skip)

    def action_skip_chair(self) -> None:
        """The group passes over the proposed chair; the next one in the rotation is proposed."""
        plan = self.plan
        if plan is None or not plan.chair_id:
            self.app.say(_("There is no proposed chair to pass over."))
            return
        self.skip.add(plan.chair_id)
        self._recompute()
        if self.plan is not None and not self.plan.chair_id:
            self.skip.clear()  # everyone was passed over: start the rotation again
            self._recompute()

    def action_next_programme(self) -> None:
        """Cycle the group's programme: none, then each shipped programme."""
        at = PROGRAMME_ORDER.index(self.group.programme_id) if self.group.programme_id in PROGRAMME_ORDER else 0
        chosen = PROGRAMME_ORDER[(at + 1) % len(PROGRAMME_ORDER)]
        if self._save(touch(self.group, self.app.clock(), programme_id=chosen)):
            self.reload()

    def action_sign(self) -> None:
        """The supervisor signs the graduation: the group runs itself from today."""
        results = readiness(self.members, self.agreements, self.history)
        met, unmet, unknown = advice_summary(results)
        supervisor = self.group.supervisor.name if self.group.supervisor else ""

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            now = self.app.clock()
            graduation = Graduation(
                id=new_id(),
                group_id=self.group.id,
                signed_on=now.date(),
                supervisor=supervisor,
                indicators=results,
                updated_at=now,
            )
            group = touch(self.group, now, mode=GroupMode.SELF_RUN, graduated_on=now.date(), graduated_by=supervisor)
            if self._save(graduation, group):
                self.app.say(_("Signed: the group runs itself from today."))
                self.reload()

        self.app.push_screen(
            Confirm(
                _("Sign off: does {group} run itself from today?").format(group=self.group.name),
                _(
                    "Readiness: {met} met, {unmet} not yet, {unknown} to judge yourself. The indicators advise; "
                    "you decide."
                ).format(met=met, unmet=unmet, unknown=unknown),
            ),
            answered,
        )

    def action_history(self) -> None:
        """H: the group's past meetings: read back, search, export minutes and attendance lists."""
        self.app.navigate.history(self.group)

    def action_members(self) -> None:
        """Add, change and archive the group's members."""

        def back(members: list[Member] | None) -> None:
            if members is not None:
                self.members = list(members)
                self._recompute()

        self.app.navigate.members(self.group, list(self.members), back)

    def action_agreements(self) -> None:
        """The group's agreements and who accepted them."""

        def back(agreements: list[Agreement] | None) -> None:
            if agreements is not None:
                self.agreements = list(agreements)
                self._recompute()

        self.app.navigate.agreements(
            self.group, list(self.agreements), list(self.members), self.app.clock().date(), back
        )

    def action_edit_group(self) -> None:
        """Name, discipline, organisation and supervisor."""
        from intervisie_tui.ui.dialogs.group_form import ask_group

        def changed(group: Group) -> None:
            self.group = group
            self._recompute()

        ask_group(self.app, self.group, changed)

    def action_hand_over(self) -> None:
        """Write the group into a new encrypted file under the group's own passphrase."""
        self.app.navigate.handover(self.group)

    def action_delete_group(self) -> None:
        """D: take the group and everything recorded for it out of this file, after a question naming it.

        The backups beside the file still hold it (until newer ones replace them), and the question
        and the notice say so: after a handover that is the supervisor's way back, or to lose it.
        """
        group = self.group

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            # What the saver still holds for the group must be written first, or it would bring records back.
            if not self.app.current_saver.flush(timeout=5):
                self.app.say(_("Not deleted: earlier changes are not saved yet."), severity="error")
                return
            try:
                removed = forget_group(self.app.current_repository, group.id)
            except VaultError as error:
                self.app.say(error.message(), severity="error")
                return
            self.app.say(
                _(
                    "{group} was deleted from this file ({n} records). The backups beside the file still hold it "
                    "until newer backups replace them (intervisie restore brings one back)."
                ).format(group=group.name, n=removed),
                timeout=15,
            )
            self.dismiss()

        self.app.push_screen(
            Confirm(
                _("Delete {group} from this file?").format(group=group.name),
                _(
                    "Its members, agreements, meetings and everything recorded in them leave this file. "
                    "The backups beside the file still hold the group until newer backups replace them. "
                    "Your private notes about it stay in your notebook."
                ),
            ),
            answered,
        )

    def action_merge_review(self) -> None:
        """M: the decisions a merge left for this group, each with its two versions side by side."""
        self.app.merger.open_review(self.group.id)

    def action_private_notes(self) -> None:
        """The supervisor's own notes about this group, in their private notebook."""
        self.app.navigate.supervisor_notes(self.group)

    def action_help(self) -> None:
        """F1: the keys of this screen."""
        self.app.push_screen(KeysHelp(key_rows(self), _("Keys of the group screen")))

    def can_rebuild(self) -> bool:
        """A group's screen holds nothing typed: it can be built again."""
        return True

    def reopen(self, below: Screen[Any]) -> None:
        """The group's screen again, as stored now, over ``below`` (the groups)."""
        assert self.app.repository is not None
        group = self.app.current_repository.group(self.group.id)
        if group is not None:
            self.app.navigate.group(group, below.child_closed if isinstance(below, AppHooks) else None)

    def action_back(self) -> None:
        """Back to the groups."""
        self.dismiss()
