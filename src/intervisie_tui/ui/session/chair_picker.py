"""L: hand the chair to a member for this phase or for the rest of the meeting, or take it back;
at check-in also choose the timekeeper and the note-taker (core/roles.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core.roles import ROLES, role_line
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal

PHASE, MEETING = "phase", "meeting"
Choice = tuple[str, str]
"""(scope "phase", "meeting" or a role, member id; "" = back to the supervisor or the meeting's chair)."""


def chair_options(
    members: Sequence[str], names: Mapping[str, str], *, supervised: bool, phase_name: str
) -> list[tuple[str, str]]:
    """(option id, label) for every way to hand the chair: per member this phase, per member the meeting, back."""
    options = [
        (
            f"{PHASE}:{member}",
            _("Chair of \u201c{phase}\u201d: {name}").format(phase=phase_name, name=names.get(member, "?")),
        )
        for member in members
    ]
    options += [
        (f"{MEETING}:{member}", _("Chair of the rest of the meeting: {name}").format(name=names.get(member, "?")))
        for member in members
    ]
    options.append((f"{PHASE}:", _("This phase back to the meeting's chair")))
    if supervised:
        options.append((f"{MEETING}:", _("The chair back to the supervisor")))
    return options


def role_options(
    members: Sequence[str], names: Mapping[str, str], proposed: Mapping[str, str | None]
) -> list[tuple[str, str]]:
    """(option id, label) to give the timekeeper and note-taker roles: per role the member whose turn it is
    first (marked), then the others present."""
    options = []
    for role in ROLES:
        turn = proposed.get(role) or ""
        ordered = ([turn] if turn in members else []) + [member for member in members if member != turn]
        for member in ordered:
            label = role_line(role, names.get(member, "?"))
            if member == turn:
                label += " " + _("(their turn)")
            options.append((f"{role}:{member}", label))
    return options


class ChairPicker(AppModal[Choice | None]):
    """A list of the ways to hand the chair; Enter picks, Esc cancels."""

    DEFAULT_CSS = """
    ChairPicker #chair-current { color: $text-muted; }
    ChairPicker OptionList {
        height: auto;
        max-height: 14;
    }
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="chair.cancel")]

    def __init__(self, options: list[tuple[str, str]], current: str, title: str = "") -> None:
        super().__init__()
        self._options = options
        self._current = current
        self._title = title or _("Hand over the chair")

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(self._title, id="help-title", markup=False)
            yield Static(literal(self._current), id="chair-current")  # names the chair: stored text
            yield OptionList(*[Option(literal(label), id=key) for key, label in self._options], id="chair-options")
            yield Static(_("Enter hands over · Esc cancels"), id="help-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        scope, _sep, member = (event.option.id or "").partition(":")
        self.dismiss((scope, member))

    def action_cancel(self) -> None:
        """Keep the chair as it is."""
        self.dismiss(None)
