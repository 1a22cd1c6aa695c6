"""Snapshots of the rounds: the question round with the coach's verdicts, and tops and tips.

The meeting is written into the file before the app opens it (the app resumes
a running meeting), so the picture depends on nothing typed. Look at
snapshot_report.html before ever running --snapshot-update.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from intervisie_tui.core import meeting as flow
from intervisie_tui.core import round_work as work
from intervisie_tui.core import rounds
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import Case, CaseSlot, CaseStatus, Group, GroupMode, Member
from tests.conftest import FrozenClock
from tests.snapshots.helpers import IDS, SIZES, settled
from tests.ui.helpers import make_app

LIBRARY = load_shipped()
NAMES = ("Aya", "Bas", "Cor", "Dewi", "Eva")


def meeting_in(tmp_path: Path, clock: FrozenClock, method_id: str, phase_key: str, fill) -> object:
    """An app whose file holds a running meeting of five, case by Cor, in ``phase_key``; ``fill`` adds records."""
    app = make_app(tmp_path, unlocked=True, clock=clock)
    repository = app.context.repository
    group = Group(
        id="g", name="Intervisie Noord", mode=GroupMode.SELF_RUN, created_on=date(2026, 1, 5), updated_at=clock()
    )
    members = [Member(id=name.lower(), group_id="g", name=name, updated_at=clock()) for name in NAMES]
    meeting = flow.new_meeting("g", clock().date(), LIBRARY, clock(), planned_start=clock())
    case = Case(
        id="case",
        meeting_id=meeting.id,
        inbrenger_id="cor",
        title="Overdracht",
        question="Hoe kan ik eerder aan de bel trekken?",
        status=CaseStatus.CHOSEN,
        method_id=method_id,
        updated_at=clock(),
    )
    meeting = flow.start(meeting, clock())
    meeting = flow.set_slots(meeting, LIBRARY, [CaseSlot(method_id=method_id, case_id=case.id)], clock())
    target = [phase.key for phase in meeting.phases].index(phase_key)
    meeting = flow.go_to(meeting, target, clock() + timedelta(minutes=40))
    step = flow.step_of(LIBRARY, meeting.phases[target])
    round_ = rounds.for_step(meeting.id, phase_key, step, [m.id for m in members], "cor", clock())
    round_, records = fill(round_, clock())
    repository.put(group, *members, meeting, case, round_, *records)
    clock.advance(minutes=46)
    return app


def questions(round_, now):
    asked = []
    for position, (text, passes) in enumerate(
        [
            ("Wat deed je op het moment dat de moeder afzegde?", 0),
            ("Heb je al eens geprobeerd haar 's avonds te bellen?", 0),
            ("Was je boos?", 1),
            ("[b]Hoe[/b] reageerde je collega?", 0),
        ]
    ):
        round_, question = work.ask(round_, case_id="case", text=text, lang="nl", position=position, now=now)
        asked.append(question)
        for _ in range(passes):
            round_ = rounds.pass_turn(round_, now)
    asked[0] = work.cycle_mark(asked[0], work.marks_for("incident_kort"), now)
    return round_, asked


def tops_and_tips(round_, now):
    given = []
    for top, tip in [
        ("Je vertelde het helder en eerlijk.", "Zeg wat het met jou doet."),
        ("Goed dat je dit inbracht.", "Bel de moeder zelf terug."),
    ]:
        round_, item = work.give_feedback(round_, case_id="case", top=top, tip=tip, now=now)
        given.append(item)
    return round_, given


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_question_round_with_the_coach(snap_compare, tmp_path: Path, size) -> None:
    """The asker big, the order with a pass, each question with its asker, verdict and mark; markup literal."""
    app = meeting_in(tmp_path, FrozenClock(), "incident_kort", "case1.informatieronde", questions)
    assert snap_compare(app, terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_feedback_round(snap_compare, tmp_path: Path, size) -> None:
    """Tops and tips for Cor (the presenter, not in the round): two given, Dewi next."""
    app = meeting_in(tmp_path, FrozenClock(), "incident_kort", "case1.afronding", tops_and_tips)
    assert snap_compare(app, terminal_size=size, run_before=settled)
