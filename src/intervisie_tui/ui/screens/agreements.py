"""The group's agreements (intervisiecontract) and which members accepted them, with keys only.

Left: the agreements in order, each with how many active members accepted it.
Right: the active members, with the day each accepted all current agreements.
The screen changes its state with the pure functions of ``core.contract``,
hands the changed agreements to the app's background saver and dismisses with
the agreements as they are now.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core import contract
from intervisie_tui.core.agreements import CASE_RULE_CHOICES, default_agreements
from intervisie_tui.core.dates import day_text
from intervisie_tui.core.model import Agreement, Group, Member
from intervisie_tui.core.sanitize import LINE_MAX, display
from intervisie_tui.i18n import N_, _, ngettext
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.dialogs.form import Field, TurnForm, Values
from intervisie_tui.ui.dialogs.keys_help import KeysHelp, key_rows
from intervisie_tui.ui.text import cell, literal, wrapping
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.title_bar import TitleBar

LIST_ACTIONS = {"edit", "delete", "move"}
"""Actions on the highlighted agreement: only while the agreements have the focus."""


def agreement_form(agreement: Agreement | None) -> TurnForm:
    """One agreement's text; dismisses with ``{"text": ...}`` or None."""

    def check(values: Values) -> None:
        contract.agreement_text(values["text"])

    field = Field(
        "text", _("Agreement"), agreement.text if agreement else "", _("e.g. We start on time."), max_length=LINE_MAX
    )
    return TurnForm(_("New agreement") if agreement is None else _("Change the agreement"), [field], check)


def agreement_prompt(number: int, text: str, count: str, total: int) -> Table:
    """One agreement of ``total``: its number, then its text (wrapped under itself) and the count below it."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(justify="right", width=len(str(total)) + 1, no_wrap=True)
    grid.add_column(ratio=1)
    body = wrapping(text)
    body.append("\n" + count, style="dim")
    grid.add_row(f"{number}.", body)
    return grid


class AgreementsScreen(AppScreen[list[Agreement]]):
    """One group's agreements and acceptances; dismisses with the agreements as now, in order."""

    DEFAULT_CSS = """
    AgreementsScreen #agreements-screen {
        height: 1fr;
        padding: 0 1;
    }
    AgreementsScreen #agreements-heading {
        height: auto;
        text-style: bold;
        color: $accent;
    }
    AgreementsScreen #agreements-panels { height: 1fr; }
    AgreementsScreen #agreement-column { width: 1fr; }
    AgreementsScreen #acceptance-column {
        width: 36%;
        /* A member's name and "✓ 05-12-2026" whole at 80 columns. */
        min-width: 34;
        max-width: 44;
        padding-left: 1;
        border-left: vkey $primary;
    }
    AgreementsScreen .admin-title {
        height: auto;
        text-style: bold;
        color: $primary;
    }
    /* By id: a type selector would lose the border to OptionList:focus in Textual's own CSS. */
    AgreementsScreen #agreement-list {
        height: 1fr;
        border: none;
    }
    AgreementsScreen #agreements-empty {
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }
    AgreementsScreen DataTable { height: 1fr; }
    AgreementsScreen #agreements-next {
        height: auto;
        text-style: bold;
        color: $text-primary;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Over a first meeting Esc goes on to it: said first in the key bar, so it shows at 80 columns.
        Binding("escape", "to_meeting", N_("To the meeting"), id="agreements.to_meeting"),
        Binding("a", "add", N_("Add"), id="agreements.add"),
        Binding("e,enter", "edit", N_("Change"), id="agreements.edit"),
        Binding("d,delete", "delete", N_("Delete"), id="agreements.delete"),
        Binding("u", "undo_delete", N_("Undo delete"), id="agreements.undo"),
        Binding("ctrl+up", "move(-1)", N_("Move up"), id="agreements.up", show=False),
        Binding("ctrl+down", "move(1)", N_("Move down"), id="agreements.down", show=False),
        Binding("space", "toggle_acceptance", N_("Accepted / not"), id="agreements.accept"),
        Binding("r", "defaults", N_("Usual agreements"), id="agreements.defaults"),
        Binding("tab", "switch_panel", N_("Other panel"), id="agreements.switch"),
        Binding("f1", "help", N_("Help"), id="agreements.help"),
        Binding("escape", "back", N_("Back"), id="agreements.back"),
    ]

    agreements: reactive[tuple[Agreement, ...]] = reactive((), init=False)
    """The group's agreements in order."""

    def __init__(
        self,
        group: Group,
        agreements: list[Agreement],
        members: list[Member],
        today: date,
        *,
        before_meeting: bool = False,
    ) -> None:
        super().__init__()
        self.group = group
        self.before_meeting = before_meeting
        """Shown over a first meeting: Esc goes on to it."""
        self.members = tuple(member for member in members if member.active)
        """The active members, who accept the agreements."""
        self.today = today
        self.deleted: Agreement | None = None
        """The agreement deleted last, which U brings back."""
        self.set_reactive(AgreementsScreen.agreements, tuple(contract.ordered(agreements)))

    def compose(self) -> ComposeResult:
        yield TitleBar(_("Agreements"))
        with Vertical(id="agreements-screen"):
            heading = literal(self.group.name) + literal(
                " · " + _("group agreements (intervision contract)"), "not bold"
            )
            yield Static(heading, id="agreements-heading")
            with Horizontal(id="agreements-panels"):
                with Vertical(id="agreement-column"):
                    yield OptionList(id="agreement-list")
                    yield Static(
                        _("No agreements yet. R fills in the usual ones, A adds one."),
                        id="agreements-empty",
                        markup=False,
                    )
                with Vertical(id="acceptance-column"):
                    yield Static("", id="acceptance-title", classes="admin-title", markup=False)
                    table: DataTable = DataTable(id="acceptance-table", cursor_type="row")
                    table.add_columns(_("Member"), _("Accepted"))
                    yield table
            if self.before_meeting:
                yield Static(
                    _("Esc: on to the meeting (the agreements stay under C on the group screen)."),
                    id="agreements-next",
                    markup=False,
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#agreement-list", OptionList).focus()

    def watch_agreements(self) -> None:
        self._show()

    # -- drawing -----------------------------------------------------------------------

    def _member_ids(self) -> set[str]:
        return {member.id for member in self.members}

    def _show(self) -> None:
        listing = self.query_one("#agreement-list", OptionList)
        highlighted = listing.highlighted
        ids = self._member_ids()
        options = []
        for number, agreement in enumerate(self.agreements, 1):
            count = _("accepted by {n} of {m}").format(n=contract.accepted_count(agreement, ids), m=len(ids))
            prompt = agreement_prompt(number, agreement.text, count, len(self.agreements))
            options.append(Option(prompt, id=agreement.id))
        listing.set_options(options)
        if options:
            listing.highlighted = min(highlighted or 0, len(options) - 1)
        self.query_one("#agreements-empty", Static).set_class(bool(self.agreements), "-hidden")
        self._show_members()
        self.refresh_bindings()

    def _show_members(self) -> None:
        table = self.query_one("#acceptance-table", DataTable)
        row = table.cursor_row
        table.clear()
        accepted = 0
        for member in self.members:
            on = contract.accepted_on(self.agreements, member.id)
            accepted += on is not None
            mark = cell(f"✓ {day_text(on)}", "bold") if on else cell(_("not yet"), "dim")
            table.add_row(cell(member.name), mark, key=member.id)
        if self.members:
            table.move_cursor(row=min(row, len(self.members) - 1))
        total = len(self.members)
        title = ngettext("Accepted by {n} of {m} member", "Accepted by {n} of {m} members", total).format(
            n=accepted, m=total
        )
        self.query_one("#acceptance-title", Static).update(title if self.members else _("No active members"))

    def highlighted(self) -> Agreement | None:
        """The highlighted agreement."""
        index = self.query_one("#agreement-list", OptionList).highlighted
        return self.agreements[index] if index is not None and index < len(self.agreements) else None

    def selected_member(self) -> Member | None:
        """The highlighted member in the acceptance panel."""
        table = self.query_one("#acceptance-table", DataTable)
        return self.members[table.cursor_row] if self.members and table.cursor_row < len(self.members) else None

    def _highlight(self, agreement_id: str) -> None:
        index = next((i for i, agreement in enumerate(self.agreements) if agreement.id == agreement_id), None)
        if index is not None:
            self.query_one("#agreement-list", OptionList).highlighted = index

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys apply where they make sense: list keys on the agreements, space on a member."""
        on_members = isinstance(self.focused, DataTable) and self.focused.id == "acceptance-table"
        if action in LIST_ACTIONS:
            return bool(self.agreements) and not on_members
        if action == "toggle_acceptance":
            return bool(self.agreements) and bool(self.members) and on_members
        if action == "undo_delete":
            return self.deleted is not None
        if action == "defaults":
            return not self.agreements
        if action in ("back", "to_meeting"):  # two bindings share Esc: the one that names where it leads
            return (action == "to_meeting") == self.before_meeting
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # -- changes -------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self.app.clock()

    def _save(self, changed: list[Agreement]) -> None:
        if changed:
            self.app.current_saver.put(*changed)
            self.agreements = tuple(contract.merged(self.agreements, changed))

    def _say(self, message: str) -> None:
        self.app.say(message)

    def action_add(self) -> None:
        """A: a new agreement at the end; nobody has accepted it yet."""

        def kept(values: Values | None) -> None:
            if values is None:
                return
            agreement = contract.add(self.agreements, self.group.id, values["text"], self._now())
            self._save([agreement])
            self._focus_list(agreement.id)
            self._say(_("Agreement added. Each member accepts it on the right: Tab, then space."))

        self.app.push_screen(agreement_form(None), kept)

    def action_edit(self) -> None:
        """E or Enter: change the highlighted agreement's text (which clears its acceptances)."""
        agreement = self.highlighted()
        if agreement is None:
            return

        def kept(values: Values | None) -> None:
            if values is None:
                return
            changed = contract.edit_text(agreement, values["text"], self._now())
            if changed is agreement:
                return
            self._save([changed])
            if agreement.acceptances:
                self._say(_("Agreement changed; its acceptances were cleared. Members accept the new text again."))
            else:
                self._say(_("Agreement changed."))

        self.app.push_screen(agreement_form(agreement), kept)

    @on(OptionList.OptionSelected, "#agreement-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        """D: delete the highlighted agreement; U brings it back."""
        agreement = self.highlighted()
        if agreement is None:
            return
        changed = contract.delete(self.agreements, agreement, self._now())
        self.app.current_saver.remove(agreement)
        self.deleted = agreement
        self.agreements = tuple(contract.merged([a for a in self.agreements if a.id != agreement.id], changed))
        if changed:
            self.app.current_saver.put(*changed)
        self._say(_("Agreement deleted. U brings it back."))

    def action_undo_delete(self) -> None:
        """U: bring back the agreement deleted last, in its place, with its acceptances."""
        agreement = self.deleted
        if agreement is None:
            return
        self.deleted = None
        self._save(contract.restore(self.agreements, agreement, self._now()))
        self._focus_list(agreement.id)

    def action_move(self, delta: int) -> None:
        """Ctrl+↑/↓: move the highlighted agreement up or down."""
        agreement = self.highlighted()
        if agreement is not None:
            self._save(contract.reorder(self.agreements, agreement.id, delta, self._now()))
            self._highlight(agreement.id)

    def action_defaults(self) -> None:
        """R: fill an empty list with the usual agreements, asking first whether bringing in a case is
        voluntary or a shared duty."""
        if self.agreements:
            return
        from intervisie_tui.ui.dialogs.choice_picker import ChoicePicker

        def chosen(case_rule: str | None) -> None:
            if case_rule is None or self.agreements:
                return
            self._save(default_agreements(self.group.id, self._now(), case_rule))
            self._focus_list(self.agreements[0].id)
            self._say(_("The usual agreements are filled in; change them to fit the group."))

        choices = [(key, _(text)) for key, text in CASE_RULE_CHOICES.items()]
        self.app.push_screen(ChoicePicker(_("Bringing in a case:"), choices), chosen)

    def action_toggle_acceptance(self) -> None:
        """Space: the highlighted member accepts every agreement today, or takes it back."""
        member = self.selected_member()
        if member is None or not self.agreements:
            return
        if contract.accepted_on(self.agreements, member.id) is None:
            self._save(contract.accept_all(self.agreements, member.id, self.today, self._now()))
            message = _("{name} accepted the agreements on {day}. Space again takes it back.")
        else:
            self._save(contract.withdraw(self.agreements, member.id, self._now()))
            message = _("{name} has not accepted the agreements any more. Space records it again.")
        self._say(message.format(name=display(member.name), day=day_text(self.today)))

    @on(DataTable.RowSelected, "#acceptance-table")
    def _member_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_toggle_acceptance()

    # -- focus, leaving and help ---------------------------------------------------------

    def _focus_list(self, agreement_id: str) -> None:
        self.query_one("#agreement-list", OptionList).focus()
        self._highlight(agreement_id)

    def action_switch_panel(self) -> None:
        """Tab: between the agreements and the members."""
        listing = self.query_one("#agreement-list", OptionList)
        table = self.query_one("#acceptance-table", DataTable)
        (listing if self.focused is table else table).focus()

    def action_back(self) -> None:
        """Esc: back, with the agreements as they are now."""
        self.dismiss(list(self.agreements))

    def action_to_meeting(self) -> None:
        """Esc over a first meeting: on to the meeting."""
        self.action_back()

    def action_help(self) -> None:
        """F1: the keys of this screen."""
        self.app.push_screen(KeysHelp(key_rows(self), _("Keys of the agreements screen")))
