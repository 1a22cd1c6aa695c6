"""Cues for the chair of a self-run meeting: what a supervisor would whisper.

Shown to the chair only, at most :data:`MAX_PROMPTS` at a time, the most
urgent first: time, then the question just asked, then the presenter's role,
then the round, then what the phase is for. Each cue is one short line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from intervisie_tui.core import rounds
from intervisie_tui.core.meeting import ClockReading
from intervisie_tui.core.methods import Activity, Step
from intervisie_tui.core.model import Question, Round
from intervisie_tui.core.questions import ADVICE, CLOSED
from intervisie_tui.i18n import N_, _, ngettext

MAX_PROMPTS = 3
NEAR_END_SECONDS = 120.0
"""From this many seconds before the end of a running phase, the chair is told how much is left."""

_ADVICE_QUESTION = N_("That sounded like advice: ask for it as an open question")
_CLOSED_QUESTION = N_("A closed question: invite an open one (what, how, which)")
_LISTEN_ONLY = N_("Remind the presenter to listen only")
_EVERYONE_ASKED = N_("Check that everyone has been able to ask an open question")
_PHASE_CUES = {
    Activity.INVENTORY: N_("Ask for the question as 'How can I …?'"),
    Activity.CHOICE: N_("Choose together: urgency, votes or who has not brought a case for a while"),
    Activity.FEEDBACK: N_("Tops first, then tips; the presenter listens"),
    Activity.CLOSING: N_("Plan the next date, chair and presenter together"),
}


def _time_cue(clock: ClockReading) -> str | None:
    """Over time, or the last two minutes of a running phase."""
    remaining = clock.remaining_seconds
    if remaining < 0:
        over = math.ceil(-remaining / 60)
        return _("The phase runs {minutes} min over: round off, or add a minute with +").format(minutes=over)
    if not clock.running or remaining > NEAR_END_SECONDS:
        return None
    if remaining < 60:
        return _("Less than a minute left")
    minutes = 2 if remaining >= 90 else 1
    return ngettext("{minutes} more minute for this phase", "{minutes} more minutes for this phase", minutes).format(
        minutes=minutes
    )


def _last_question_cue(questions: Sequence[Question]) -> str | None:
    """A closed or advice-like question just asked (the last by position; on equal positions, the last given)."""
    if not questions:
        return None
    _index, last = max(enumerate(questions), key=lambda pair: (pair[1].position, pair[0]))
    if last.kind == ADVICE:
        return _(_ADVICE_QUESTION)
    if last.kind == CLOSED:
        return _(_CLOSED_QUESTION)
    return None


def _someone_has_not_asked(round_: Round | None) -> bool:
    """Whether, after a full lap, the round goes on while a member who may still ask has asked nothing.

    Before the first lap is round everyone is still waiting for a turn, and a
    cue then would only be noise.
    """
    if round_ is None or rounds.is_complete(round_):
        return False
    present = [member for member in round_.order if member not in round_.absent]
    if len(round_.turns) < len(present):
        return False
    given = rounds.contributions(round_)
    return any(given[member] == 0 for member in round_.order if rounds.is_eligible(round_, member))


def prompts(
    step: Step | None,
    clock: ClockReading,
    round_: Round | None,
    questions: Sequence[Question],
    *,
    activity: Activity | None = None,
) -> list[str]:
    """The chair's cues for the current phase, translated, most urgent first (at most MAX_PROMPTS).

    ``activity`` overrides the step's own (and serves where there is no
    step); ``questions`` are the questions asked in this phase.
    """
    activity = activity if activity is not None else (step.activity if step is not None else None)
    cues = [_time_cue(clock), _last_question_cue(questions)]
    if step is not None and not step.inbrenger_may_respond:
        cues.append(_(_LISTEN_ONLY))
    if activity is Activity.QUESTIONS and _someone_has_not_asked(round_):
        cues.append(_(_EVERYONE_ASKED))
    if activity in _PHASE_CUES:
        cues.append(_(_PHASE_CUES[activity]))
    return [cue for cue in cues if cue is not None][:MAX_PROMPTS]
