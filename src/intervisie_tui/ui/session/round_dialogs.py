"""The forms and overviews of the rounds: a candidate case, a top and a tip, a closing turn,
the next meeting, and the balance of turns for the chair."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from intervisie_tui.core import rounds
from intervisie_tui.core.case_checklist import checklist_line
from intervisie_tui.core.dates import parse_day
from intervisie_tui.core.learning_goals import goal_intro
from intervisie_tui.core.meeting_length import parse_break
from intervisie_tui.core.model import Case, Evaluation, FeedbackItem, NextPlan
from intervisie_tui.core.questions import frames_own_action
from intervisie_tui.core.round_work import URGENCY_MAX, parse_rating
from intervisie_tui.core.sanitize import LINE_MAX, TITLE_MAX, clean_line
from intervisie_tui.i18n import N_, _, current_language
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.dialogs.form import Field, TurnForm, Values
from intervisie_tui.ui.text import cell

if TYPE_CHECKING:
    from intervisie_tui.core.meeting_records import MeetingRecords

DATE_FORMAT = "%d-%m-%Y"


def _required(value: str, what: str) -> None:
    if not value.strip():
        raise ValueError(_("{what} is still empty.").format(what=what))


def _urgency(text: str) -> int:
    text = text.strip()
    if not text:
        return 0
    if not text.isdigit() or int(text) > URGENCY_MAX:
        raise ValueError(_("Urgency is a number from 0 to {n}.").format(n=URGENCY_MAX))
    return int(text)


def own_action_hint(question: str) -> str:
    """A gentle nudge when a case question is not about the presenter's own action."""
    if not question.strip() or frames_own_action(question, current_language()):
        return ""
    return _('Tip: a question about your own action works best — "How can I …?"')


def candidate_form(case: Case | None) -> TurnForm:
    """A case brought in: short title, its question, urgency 0-3; the checklist of a good case above."""

    def check(values: Values) -> None:
        _required(values["title"], _("The title"))
        clean_line(values["title"], TITLE_MAX)
        clean_line(values["question"], LINE_MAX)
        _urgency(values["urgency"])

    fields = [
        Field("title", _("Short title (no names of clients)"), case.title if case else "", max_length=TITLE_MAX),
        Field("question", _("The question"), case.question if case else "", _("How can I …?"), own_action_hint),
        Field("urgency", _("Urgency (0-{n})").format(n=URGENCY_MAX), str(case.urgency) if case else "", max_length=1),
    ]
    title = _("Bring in a case") if case is None else _("Change the case")
    return TurnForm(title, fields, check, intro=checklist_line())


def feedback_form(item: FeedbackItem | None = None) -> TurnForm:
    """One top and one tip for the presenter (``item``: the ones given, to correct)."""

    def check(values: Values) -> None:
        _required(values["top"], _("The top"))
        _required(values["tip"], _("The tip"))
        clean_line(values["top"], LINE_MAX)
        clean_line(values["tip"], LINE_MAX)

    fields = [
        Field("top", _("Top: what went well (what did you see?)"), item.top if item else ""),
        Field("tip", _("Tip: one concrete suggestion"), item.tip if item else ""),
    ]
    return TurnForm(_("Tops and tips") if item is None else _("Change the top and tip"), fields, check)


RATING_FIELDS = (
    ("rating", N_("Mark for the meeting (1-10)")),
    ("method_rating", N_("Method (1-10, optional)")),
    ("safety_rating", N_("Safety (1-10, optional)")),
    ("yield_rating", N_("Yield (1-10, optional)")),
    ("time_rating", N_("Time (1-10, optional)")),
)


def evaluation_form(
    chair_name: str = "",
    evaluated: Evaluation | None = None,
    to_chair: FeedbackItem | None = None,
    goal: str = "",
) -> TurnForm:
    """What I take with me, and marks for the meeting; with a member chair also a top and a tip for them.

    ``evaluated`` (and the ``to_chair`` top and tip given with it): a closing turn to correct. ``goal``: the
    speaker's learning goal, in the programme's closing meeting: shown above, with a field to look back on it.
    """

    def check(values: Values) -> None:
        clean_line(values["takeaway"], LINE_MAX)
        clean_line(values.get("goal_review", ""), LINE_MAX)
        clean_line(values.get("chair_top", ""), LINE_MAX)
        clean_line(values.get("chair_tip", ""), LINE_MAX)
        for key, label in RATING_FIELDS:
            try:
                parse_rating(values[key])
            except ValueError:
                raise ValueError(_("{what}: a whole number from 1 to 10, or empty.").format(what=_(label))) from None

    def given(key: str) -> str:
        value = getattr(evaluated, key, None) if evaluated is not None else None
        return "" if value is None else str(value)

    fields = [Field("takeaway", _("What do you take with you?"), given("takeaway"))]
    if goal.strip():
        fields.append(Field("goal_review", _("How far did you get with your learning goal?"), given("goal_review")))
    fields += [Field(key, _(label), given(key), max_length=4) for key, label in RATING_FIELDS]
    if chair_name:
        fields += [
            Field(
                "chair_top",
                _("A top for the chair, {name}").format(name=chair_name),
                to_chair.top if to_chair else "",
                max_length=LINE_MAX,
            ),
            Field(
                "chair_tip",
                _("A tip for the chair, {name}").format(name=chair_name),
                to_chair.tip if to_chair else "",
                max_length=LINE_MAX,
            ),
        ]
    title = _("Closing round") if evaluated is None else _("Change the closing turn")
    return TurnForm(title, fields, check, intro=goal_intro(goal))


def find_member(text: str, names: Mapping[str, str]) -> str:
    """The id of the one member whose name starts with ``text`` ("" for empty text); ValueError otherwise."""
    wanted = text.strip().casefold()
    if not wanted:
        return ""
    exact = [member for member, name in names.items() if name.casefold() == wanted]
    found = exact or [member for member, name in names.items() if name.casefold().startswith(wanted)]
    if len(found) != 1:
        raise ValueError(_('No single member is called "{text}".').format(text=text.strip()))
    return found[0]


def _member_hint(names: Mapping[str, str]):
    def hint(text: str) -> str:
        try:
            member = find_member(text, names)
        except ValueError as error:
            return str(error)
        return f"→ {names[member]}" if member else ""

    return hint


def parse_date(typed: str) -> date | None:
    """A date typed as day-month-year (None when empty); ValueError with a message otherwise."""
    typed = typed.strip()
    if not typed:
        return None
    day = parse_day(typed)
    if day is None:
        raise ValueError(_("Type the date as day-month-year, e.g. 14-01-2027."))
    return day


def parse_next_plan(values: Values, names: Mapping[str, str]) -> NextPlan:
    """The next meeting from the form's values; ValueError with a message for what cannot be read."""
    on = parse_date(values["date"])
    return NextPlan(
        on=on,
        chair_id=find_member(values["chair"], names),
        inbrenger_id=find_member(values["inbrenger"], names),
        break_minutes=parse_break(values["break"]),
    )


def next_meeting_form(plan: NextPlan | None, names: Mapping[str, str], suggested: date) -> TurnForm:
    """Date, chair, presenter and a planned break of the next meeting; names may be typed in part.

    The date field holds a real date (the plan's, or ``suggested``), never only a placeholder: what
    is shown is what is kept when the chair presses Enter.
    """

    def check(values: Values) -> None:
        parse_next_plan(values, names)

    plan = plan or NextPlan()
    on: date | None = plan.on
    fields = [
        Field(
            "date",
            _("Date (day-month-year; change it or keep it)"),
            (on or suggested).strftime(DATE_FORMAT),
            "14-01-2027",
            max_length=10,
        ),
        Field("chair", _("Chair"), names.get(plan.chair_id, ""), hint=_member_hint(names)),
        Field("inbrenger", _("Presenter"), names.get(plan.inbrenger_id, ""), hint=_member_hint(names)),
        Field("break", _("Break in minutes (0: none)"), str(plan.break_minutes), max_length=2),
    ]
    return TurnForm(_("The next meeting"), fields, check)


class BalanceScreen(AppModal[None]):
    """Turns and questions per member in this meeting, for the chair."""

    BINDINGS = [Binding("escape,g,q", "close", N_("Close"), id="balance.close")]

    def __init__(self, records: MeetingRecords, names: Mapping[str, str]) -> None:
        super().__init__()
        self._records = records
        self._names = names

    def compose(self) -> ComposeResult:
        balance = rounds.balance(self._records.rounds.values())
        asked: dict[str, int] = {}
        for question in self._records.questions:
            asked[question.asker_id] = asked.get(question.asker_id, 0) + 1
        with Vertical(id="help-box"):
            yield Static(_("Balance of this meeting"), id="help-title", markup=False)
            table: DataTable = DataTable(id="balance-table", cursor_type="row", show_cursor=False)
            table.add_columns(_("Member"), _("Turns"), _("Contributions"), _("Questions"))
            for member in self._records.present:
                turns, contributions = balance.get(member, (0, 0))
                table.add_row(
                    cell(self._names.get(member, "?")), str(turns), str(contributions), str(asked.get(member, 0))
                )
            yield table
            yield Static(_("Esc closes this overview."), id="help-hint", markup=False)

    def action_close(self) -> None:
        """Back to the meeting."""
        self.dismiss(None)
