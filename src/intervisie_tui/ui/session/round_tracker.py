"""Whose turn it is, big, and the order of the round with who has spoken, passed or left.

The session screen builds a :class:`TrackerView` from the phase's round and
hands it down; the widget only draws it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from intervisie_tui.core import rounds
from intervisie_tui.core.model import Round
from intervisie_tui.core.names import short_names
from intervisie_tui.core.sanitize import display
from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import _


@value_class
class TrackerView:
    """A round and the names to show it with."""

    round: Round
    names: dict[str, str]
    count_label: str = ""
    """What a contribution is called in the counts ("questions"); "" shows no counts."""


def speaker_line(view: TrackerView) -> str:
    """ "Aan de beurt: Bas · daarna: Cor", or that the round is complete."""
    current = rounds.current_speaker(view.round)
    if current is None:
        return _("Round complete") if view.round.order else _("Nobody in this round")
    line = _("Turn: {name}").format(name=view.names.get(current, "?"))
    following = rounds.next_speaker(view.round)
    if following is not None and following != current:
        short = short_names(view.names)
        line += "   · " + _("then: {name}").format(name=short.get(following, "?"))
    return display(line)


def order_text(view: TrackerView) -> Text:
    """Everyone in order: ▶ current, ✓ spoke, – passed, ✗ left; with counts where asked.

    Names are shortened to what tells the group apart, so the line stays one or
    two rows at 80 columns; the speaker line above keeps the full name.
    """
    round_ = view.round
    names = short_names(view.names)
    current = rounds.current_speaker(round_)
    taken = rounds.turns_taken(round_)
    passed = rounds.last_passed(round_)
    counts = rounds.contributions(round_)
    text = Text(no_wrap=False)
    for index, member in enumerate(round_.order):
        if index:
            text.append("  ")
        name = display(names.get(member, "?"))
        if member in round_.absent:
            text.append(f"✗ {name}", "dim strike")
            continue
        if member == current:
            mark, style = "▶", "bold reverse"
        elif member in passed:
            mark, style = "–", "dim italic"
        elif taken.get(member):
            mark, style = "✓", "dim"
        else:
            mark, style = "·", ""
        text.append(f"{mark} {name}", style)
        if view.count_label:
            text.append(f" {counts.get(member, 0)}", "bold")
    if view.count_label:
        text.append("   (" + view.count_label + ")", "dim")
    return text


class RoundTracker(Vertical):
    """The current speaker in large type over the order of the round."""

    DEFAULT_CSS = """
    RoundTracker {
        height: auto;
        margin-top: 1;
    }
    RoundTracker > #tracker-speaker {
        background: $current-speaker;
        color: $text;
        text-style: bold;
        padding: 0 1;
        width: 100%;
    }
    RoundTracker > #tracker-speaker.-complete {
        background: $panel;
        color: $text-muted;
    }
    RoundTracker > #tracker-order {
        padding: 0 1;
        height: auto;
    }
    """

    view: reactive[TrackerView | None] = reactive(None, init=False, always_update=True)
    """Set by the session screen; None hides the tracker."""

    def compose(self) -> ComposeResult:
        yield Static("", id="tracker-speaker", markup=False)
        yield Static("", id="tracker-order", markup=False)

    def watch_view(self, view: TrackerView | None) -> None:
        self.display = view is not None
        if view is None:
            return
        complete = rounds.is_complete(view.round)
        speaker = self.query_one("#tracker-speaker", Static)
        speaker.update(speaker_line(view))
        speaker.set_class(complete, "-complete")
        self.query_one("#tracker-order", Static).update(order_text(view))
