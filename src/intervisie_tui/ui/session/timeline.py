"""The phase timeline: every phase in order, done / current / to come, with minutes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.text import Text
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from intervisie_tui.core.meeting import overrun_seconds, phase_seconds, planned_seconds
from intervisie_tui.core.model import Meeting, PhaseStatus
from intervisie_tui.core.sanitize import display
from intervisie_tui.core.values import value_class

MARKERS = {
    PhaseStatus.DONE: "✓",
    PhaseStatus.CURRENT: "▶",
    PhaseStatus.PENDING: "·",
    PhaseStatus.SKIPPED: "↷",
}


@value_class
class TimelineView:
    """What the timeline draws: the meeting, the time, and how to name things."""

    meeting: Meeting
    now: datetime
    phase_name: Callable[[int], str]
    """The name of phase ``index`` in the current language."""
    case_heading: Callable[[int], str]
    """The heading above the phases of case ``slot``."""


def _minutes(seconds: float) -> str:
    return f"{round(seconds / 60):d}"


class TimelineLines(Widget):
    """The lines of the timeline, drawn to the width they get."""

    COMPONENT_CLASSES = {
        "timeline--done",
        "timeline--current",
        "timeline--pending",
        "timeline--skipped",
        "timeline--overrun",
        "timeline--case",
    }

    DEFAULT_CSS = """
    TimelineLines { height: auto; width: 1fr; }
    TimelineLines > .timeline--done { color: $phase-done; }
    TimelineLines > .timeline--current {
        background: $phase-active;
        color: $text;
        text-style: bold;
    }
    TimelineLines > .timeline--pending { color: $phase-next; }
    TimelineLines > .timeline--skipped {
        color: $text-muted;
        text-style: italic;
    }
    TimelineLines > .timeline--overrun {
        color: $overrun;
        text-style: bold;
    }
    TimelineLines > .timeline--case {
        color: $accent;
        text-style: bold;
    }
    """

    view: reactive[TimelineView | None] = reactive(None, init=False, always_update=True, layout=True)
    """What to draw."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        view = self.view
        if view is None:
            return 0
        cases = len({phase.case_slot for phase in view.meeting.phases if phase.case_slot})
        return len(view.meeting.phases) + cases

    def render(self) -> Text:
        if self.view is None:
            return Text()
        return self.lines(self.view, max(8, self.size.width))[0]

    def lines(self, view: TimelineView, width: int) -> tuple[Text, int]:
        """The timeline as text ``width`` cells wide, and the line the current phase is on."""
        meeting = view.meeting
        text = Text(no_wrap=True, overflow="crop", end="")
        current_line = 0
        line = 0
        last_slot = 0
        styles = {status: self.get_component_rich_style(f"timeline--{status.value}") for status in PhaseStatus}
        for index, phase in enumerate(meeting.phases):
            if phase.case_slot and phase.case_slot != last_slot:
                text.append(
                    display(view.case_heading(phase.case_slot))[:width] + "\n",
                    self.get_component_rich_style("timeline--case"),
                )
                line += 1
            last_slot = phase.case_slot
            if index == meeting.current:
                current_line = line
            used = phase_seconds(meeting, index, view.now)
            minutes = f"{_minutes(used)}/{_minutes(planned_seconds(phase))}"
            name_width = max(3, width - len(minutes) - 3)
            name = display(view.phase_name(index))
            if len(name) > name_width:
                name = name[: name_width - 1] + "…"
            style = styles[phase.status]
            text.append(f"{MARKERS[phase.status]} {name.ljust(name_width)} ", style)
            over = overrun_seconds(meeting, index, view.now) > 0
            text.append(minutes, self.get_component_rich_style("timeline--overrun") if over else style)
            text.append("\n")
            line += 1
        text.rstrip()
        return text, current_line


class PhaseTimeline(VerticalScroll, can_focus=False):
    """All phases, one line each: marker, name, used/planned minutes; the current one kept in view."""

    DEFAULT_CSS = """
    PhaseTimeline {
        width: 28;
        padding: 0 1;
        border-right: vkey $primary;
        scrollbar-size-vertical: 1;
    }
    """

    view: reactive[TimelineView | None] = reactive(None, init=False, always_update=True)
    """Set by the session screen on every change and once a minute."""

    def compose(self):
        yield TimelineLines()

    def watch_view(self, view: TimelineView | None) -> None:
        if view is None:
            return
        lines = self.query_one(TimelineLines)
        lines.view = view
        current_line = view.meeting.current + len(
            {phase.case_slot for phase in view.meeting.phases[: view.meeting.current + 1] if phase.case_slot}
        )
        self.call_after_refresh(self.scroll_to, y=max(0, current_line - 3), animate=False)


def phase_names(names: Sequence[str]) -> Callable[[int], str]:
    """A ``phase_name`` over a fixed list (for tests and previews)."""
    return lambda index: names[index]
