"""Choose the method for each case (one or two cases), seeing each method's steps and minutes."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core.method_choice import suggest
from intervisie_tui.core.method_size import size_warning
from intervisie_tui.core.methods import Method, MethodLibrary
from intervisie_tui.core.model import CaseSlot
from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import N_, _, decimal_text
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.footer import KeyFooter


def method_steps_text(method: Method) -> Group:
    """A method's summary and its steps with minutes, for the preview.

    The steps are a grid: a long step name wraps in its own column, so its minutes stay on one line
    ("5 min", never "5" over "min") in a narrow preview.
    """
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", no_wrap=True, style="bold")
    steps.add_column(ratio=1)
    steps.add_column(justify="right", no_wrap=True)
    for number, step in enumerate(method.steps, start=1):
        steps.add_row(f"{number}.", Text(display(step.name())), f"{decimal_text(step.minutes)} min")
    total = Text(_("In all: {minutes} minutes").format(minutes=decimal_text(method.minutes)), "bold")
    return Group(Text(display(method.summary()) + "\n"), steps, Text(""), total)


class MethodChooser(AppModal[tuple[CaseSlot, ...] | None]):
    """Pick a method per case; dismisses with the new case slots, or None when cancelled."""

    DEFAULT_CSS = """
    MethodChooser #chooser-box {
        width: 100%;
        height: 1fr;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    MethodChooser #chooser-body { height: 1fr; }
    MethodChooser OptionList {
        width: 34;
        height: 1fr;
    }
    MethodChooser VerticalScroll {
        width: 1fr;
        padding: 0 1;
    }
    MethodChooser #chooser-warning {
        color: $text-warning;
        text-style: bold;
    }
    MethodChooser #chooser-warning.-hidden { display: none; }
    """

    BINDINGS = [
        Binding("enter", "choose", N_("Choose"), id="choose", priority=True),
        Binding("t", "toggle_two", N_("One or two cases"), id="two_cases"),
        Binding("escape", "cancel", N_("Cancel"), id="cancel"),
    ]

    def __init__(
        self,
        library: MethodLibrary,
        slots: tuple[CaseSlot, ...],
        questions: dict[str, str] | None = None,
        present: int | None = None,
    ) -> None:
        super().__init__()
        self._present = present
        """How many members are here (None: unknown, no size warning)."""
        self._library = library
        self._slots = list(slots) or [CaseSlot()]
        self._slot = 0
        self._questions = questions or {}
        """Case id -> its question, so methods that fit it can be suggested."""

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser-box"):
            yield Static("", id="chooser-heading", markup=False)
            with Horizontal(id="chooser-body"):
                yield OptionList(id="chooser-methods")
                with VerticalScroll(id="chooser-preview"):
                    yield Static("", id="chooser-warning", classes="-hidden", markup=False)
                    yield Static("", id="chooser-steps")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show_slot()

    def _show_slot(self) -> None:
        heading = _("Method for case {n} of {total}").format(n=self._slot + 1, total=len(self._slots))
        question = self._questions.get(self._slots[self._slot].case_id, "")
        suggested = suggest(question, [method.id for method in self._library.ordered()])
        if question:
            heading += "\n" + display(question)
        if suggested:
            heading += "\n" + _("★ fits this kind of question")
        self.query_one("#chooser-heading", Static).update(heading)
        listing = self.query_one("#chooser-methods", OptionList)
        listing.clear_options()
        listing.add_options(
            [
                Option(literal(("★ " if method.id in suggested else "  ") + method.name()), id=method.id)
                for method in self._library.ordered()
            ]
        )
        ids = [method.id for method in self._library.ordered()]
        chosen = self._slots[self._slot].method_id or (suggested[0] if suggested else "")
        listing.highlighted = ids.index(chosen) if chosen in ids else 0
        listing.focus()

    @on(OptionList.OptionHighlighted, "#chooser-methods")
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        method = self._library.get(event.option.id or "")
        if method is not None:
            self.query_one("#chooser-steps", Static).update(method_steps_text(method))
            warning = size_warning(method.id, self._present) if self._present is not None else ""
            line = self.query_one("#chooser-warning", Static)
            line.update("⚠ " + warning if warning else "")
            line.set_class(not warning, "-hidden")

    @on(OptionList.OptionSelected, "#chooser-methods")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        """Take the highlighted method for this case; after the last case, close."""
        option = self.query_one("#chooser-methods", OptionList).highlighted_option
        if option is None:
            return
        slot = self._slots[self._slot]
        self._slots[self._slot] = CaseSlot(method_id=option.id or "", case_id=slot.case_id)
        if self._slot + 1 < len(self._slots):
            self._slot += 1
            self._show_slot()
            return
        self.dismiss(tuple(self._slots))

    def action_toggle_two(self) -> None:
        """Work one case or two in this meeting."""
        if len(self._slots) == 1:
            self._slots.append(CaseSlot())
        else:
            del self._slots[1:]
            self._slot = 0
        self._show_slot()

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
