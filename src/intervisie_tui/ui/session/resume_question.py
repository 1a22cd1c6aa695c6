"""The chair's say over meeting time: a meeting found still running later, and how long things took.

:class:`ResumeQuestion` asks what happened to a meeting whose clock stood
still long or since an earlier day (``core.meeting_time.reopening``): go on
now, or it ended when its clock last ran. The question whether time past the
plan counts is asked in ``dialogs.py``. Rules and why: ``core/meeting_time.py``,
docs/HISTORY_AND_EXPORTS.md.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core.dates import long_day_text, time_text
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal

CONTINUE, ENDED = "continue", "ended"


def duration_text(seconds: float) -> str:
    """A length of time in whole minutes: "1 h 53 min", or "7 min" under an hour."""
    minutes = int(seconds // 60)
    if minutes < 60:
        return _("{m} min").format(m=minutes)
    return _("{h} h {m} min").format(h=minutes // 60, m=minutes % 60)


def moment_words(moment: datetime) -> str:
    """ "on Sunday 22 November 2026 at 16:00", for the question."""
    return _("on {day} at {time}").format(day=long_day_text(moment.date()), time=time_text(moment))


class ResumeQuestion(AppModal[str | None]):
    """Go on with a meeting found still running, or close it when its clock last ran.

    Dismisses with :data:`CONTINUE`, :data:`ENDED`, or None (Esc: decide later).
    """

    DEFAULT_CSS = """
    ResumeQuestion #resume-options {
        height: auto;
        margin: 1 0;
    }
    """
    BINDINGS = [Binding("escape", "later", N_("Back to the groups"), id="resume.later")]

    def __init__(self, last_run: datetime) -> None:
        super().__init__()
        self._last_run = last_run

    def compose(self) -> ComposeResult:
        when = moment_words(self._last_run)
        with Vertical(id="help-box"):
            yield Static(_("This meeting was still running"), id="help-title", markup=False)
            yield Static(
                _("Its clock last ran {when}. The time since then does not count. What happened?").format(when=when),
                id="resume-detail",
                markup=False,
            )
            yield OptionList(
                Option(_("Continue the meeting now"), id=CONTINUE),
                Option(_("The meeting ended {when}").format(when=when), id=ENDED),
                id="resume-options",
            )
            yield Static(
                _("↑↓ and Enter choose · Esc: back to the groups (asked again next time)"), id="help-hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_later(self) -> None:
        """Decide later: the meeting stays as it was."""
        self.dismiss(None)
