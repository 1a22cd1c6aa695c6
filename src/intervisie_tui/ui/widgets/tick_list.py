"""Choices that are each on or off, drawn so that on and off never look alike.

Textual's Checkbox and SelectionList draw the same "X" for both states and tell them apart by
colour only; on a projector, or in the console theme, every box looked ticked (issue 17).
Here a ticked choice reads "[✓]" and an unticked one "[ ]", in any theme and in black and white.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from intervisie_tui.i18n import N_

TICKED = "[✓] "
UNTICKED = "[ ] "


def tick_prompt(label: Content, ticked: bool) -> Content:
    """A choice's line: its mark, then its label."""
    return Content.assemble(TICKED if ticked else UNTICKED, label)


class TickList(OptionList):
    """A list of choices; space or Enter ticks or unticks the highlighted one."""

    BINDINGS = [Binding("space", "tick", N_("Tick / untick"), id="ticks.toggle", show=False)]

    def __init__(
        self, choices: Iterable[tuple[Content, str]], ticked: Iterable[str] = (), *, id: str | None = None
    ) -> None:
        self._labels = dict((value, label) for label, value in choices)
        self._ticked = set(ticked) & set(self._labels)
        super().__init__(
            *[Option(tick_prompt(label, value in self._ticked), id=value) for value, label in self._labels.items()],
            id=id,
        )

    @property
    def ticked(self) -> tuple[str, ...]:
        """The ticked choices' values, in the list's order."""
        return tuple(value for value in self._labels if value in self._ticked)

    def is_ticked(self, value: str) -> bool:
        """Whether the choice ``value`` is ticked."""
        return value in self._ticked

    def action_tick(self) -> None:
        """Space: tick the highlighted choice, or untick it."""
        if self.highlighted is None:
            return
        value = self.get_option_at_index(self.highlighted).id
        if value is None:
            return
        self._ticked ^= {value}
        self.replace_option_prompt(value, tick_prompt(self._labels[value], value in self._ticked))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter ticks too, as on a checkbox; it never closes the dialog."""
        event.stop()
        self.action_tick()
