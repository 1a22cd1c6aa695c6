"""Records as lines for the record list: literal user text, soft verdicts, names.

Every user text goes through ``display`` and into ``rich.text.Text`` by
``append``, so it is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.text import Text

from intervisie_tui.core.methods import Activity
from intervisie_tui.core.model import (
    Case,
    CaseStatus,
    Evaluation,
    FeedbackAbout,
    FeedbackItem,
    Question,
)
from intervisie_tui.core.questions import ADVICE, kind_label
from intervisie_tui.core.round_work import ranked
from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import N_, _

if TYPE_CHECKING:
    from intervisie_tui.core.meeting_records import MeetingRecords

Lines = list[tuple[str, Text]]

MARK_LABELS = {
    "warm": N_("warm"),
    "cold": N_("cold"),
    "neutral": N_("neutral"),
    "relevant": N_("relevant"),
    "not_relevant": N_("not relevant"),
}


def _name(names: Mapping[str, str], member_id: str) -> str:
    return display(names.get(member_id, "?"))


def question_lines(questions: Iterable[Question], names: Mapping[str, str], *, show_verdicts: bool) -> Lines:
    """ "Bas: Wat deed je toen?  · gesloten · warm" per question, in order."""
    lines = []
    for number, question in enumerate(questions, start=1):
        text = Text()
        text.append(f"{number:>2}. ")
        text.append(_name(names, question.asker_id), "bold")
        text.append(": " + display(question.text))
        if show_verdicts and question.kind:
            style = "bold" if question.kind == ADVICE else "dim italic"
            label = kind_label(question.kind) + (" ✎" if question.kind_by_chair else "")
            text.append("  · " + label, style)
        if question.mark in MARK_LABELS:
            text.append("  · " + _(MARK_LABELS[question.mark]), "bold")
        lines.append((question.id, text))
    return lines


def candidate_lines(cases: Iterable[Case], names: Mapping[str, str]) -> Lines:
    """Title, inbrenger, urgency and votes over the case question, per candidate case."""
    lines = []
    for case in cases:
        text = Text()
        if case.status is CaseStatus.CHOSEN:
            text.append("✓ " + _("chosen") + " · ", "bold")
        text.append(display(case.title), "bold")
        text.append(" — " + _name(names, case.inbrenger_id))
        details = [_("urgency {n}").format(n=case.urgency)] if case.urgency else []
        if case.votes:
            details.append(_("{n} votes").format(n=case.votes) if case.votes != 1 else _("1 vote"))
        if details:
            text.append("  · " + " · ".join(details), "dim")
        if case.question:
            text.append("\n   " + display(case.question), "italic")
        lines.append((case.id, text))
    return lines


def feedback_lines(items: Iterable[FeedbackItem], names: Mapping[str, str], takeaway: str = "") -> Lines:
    """A top and a tip per member; the inbrenger's takeaway last."""
    lines = []
    for item in items:
        text = Text()
        text.append(_name(names, item.giver_id), "bold")
        text.append("\n   " + _("top") + ": ", "bold")
        text.append(display(item.top))
        text.append("\n   " + _("tip") + ": ", "bold")
        text.append(display(item.tip))
        lines.append((item.id, text))
    if takeaway:
        text = Text()
        text.append(_("The presenter takes along") + ": ", "bold")
        text.append(display(takeaway))
        lines.append(("takeaway", text))
    return lines


def evaluation_lines(
    evaluations: Iterable[Evaluation], names: Mapping[str, str], to_chair: Mapping[str, FeedbackItem] | None = None
) -> Lines:
    """What each participant takes with them and their marks, and their top and tip for the chair."""
    aspects = (
        ("method_rating", N_("method")),
        ("safety_rating", N_("safety")),
        ("yield_rating", N_("yield")),
        ("time_rating", N_("time")),
    )
    lines = []
    for evaluation in evaluations:
        text = Text()
        text.append(_name(names, evaluation.member_id), "bold")
        if evaluation.rating is not None:
            text.append(f"  {evaluation.rating}", "bold")
        marks = [
            f"{_(label)} {getattr(evaluation, key)}" for key, label in aspects if getattr(evaluation, key) is not None
        ]
        if marks:
            text.append("  (" + ", ".join(marks) + ")", "dim")
        if evaluation.takeaway:
            text.append("\n   " + display(evaluation.takeaway))
        item = (to_chair or {}).get(evaluation.member_id)
        if item is not None:
            text.append("\n   " + _("chair") + ": ", "bold")
            text.append("+ " + display(item.top) if item.top else "")
            text.append(("  ↗ " + display(item.tip)) if item.tip else "")
        lines.append((evaluation.id, text))
    return lines


def lookback_lines(cases: Iterable[Case], names: Mapping[str, str]) -> Lines:
    """The previous meeting's cases: question, the chosen next step, scale score and how it went."""
    lines = []
    for case in cases:
        text = Text()
        text.append(display(case.title), "bold")
        text.append(" — " + _name(names, case.inbrenger_id))
        if case.next_step:
            text.append("\n   " + _("Next step") + ": ", "bold")
            text.append(display(case.next_step))
        if case.scale_score is not None:
            text.append("\n   " + _("On the scale") + f": {case.scale_score}/10", "bold")
        text.append("\n   " + _("How it went") + ": ", "bold")
        text.append(
            display(case.outcome) if case.outcome else _("(not yet told — press A)"),
            "" if case.outcome else "dim italic",
        )
        lines.append((case.id, text))
    return lines


def phase_lines(
    activity: Activity,
    records: MeetingRecords,
    *,
    meeting_id: str,
    case_id: str,
    names: Mapping[str, str],
    show_verdicts: bool,
    case_order: str,
) -> Lines:
    """The records a round phase lists: questions, candidates, tops and tips, closing turns, or the look-back."""
    if activity is Activity.QUESTIONS:
        asked = [question for question in records.questions if question.case_id == case_id]
        return question_lines(asked, names, show_verdicts=show_verdicts)
    if activity in (Activity.INVENTORY, Activity.CHOICE):
        cases = [case for case in records.cases if case.meeting_id == meeting_id]
        return candidate_lines(ranked(cases, case_order) if activity is Activity.CHOICE else cases, names)
    if activity is Activity.FEEDBACK:
        items = [item for item in records.feedback if item.case_id == case_id and item.about is FeedbackAbout.INBRENGER]
        case = next((case for case in records.cases if case.id == case_id), None)
        return feedback_lines(items, names, case.takeaway if case else "")
    if activity is Activity.CLOSING:
        to_chair = {item.giver_id: item for item in records.feedback if item.about is FeedbackAbout.CHAIR}
        return evaluation_lines(records.evaluations, names, to_chair)
    return lookback_lines(records.previous_cases, names)
