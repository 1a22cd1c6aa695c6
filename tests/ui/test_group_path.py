"""From a new supervised group to a signed handover file and a self-run meeting with a proposed chair.

Keys only: the group and its members are created in the app, the group screen
plans each meeting from the programme, the first opens with the agreements, the chair
is handed over step by step (a phase, then whole meetings by rotation), the
supervisor signs, hands the group over in a file with the group's own
passphrase, and the next meeting runs self-run with the chair the rotation
proposes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.core.model import (
    GroupMode,
    MeetingStatus,
)
from intervisie_tui.store.errors import WrongPassphrase
from intervisie_tui.store.repository import Repository
from intervisie_tui.ui.screens.agreements import AgreementsScreen
from intervisie_tui.ui.screens.group import GroupScreen
from intervisie_tui.ui.session.chair_picker import ChairPicker
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import PASSPHRASE, FrozenClock
from tests.ui.helpers import begin, fill_form, hand_over, make_app, reopened, type_line

NAMES = ("Aya", "Bas", "Cor", "Dewi", "Eva")
GROUP_PASSPHRASE = "onze eigen zin voor de groep"


async def create_group_with_members(pilot) -> GroupScreen:
    """From an empty file: N creates the group (with its supervisor), G opens it, L adds the members."""
    await pilot.press("n")
    await pilot.pause()
    await fill_form(pilot, "Intervisie Noord", "wijkverpleging", "", "Ellen Smit")
    await pilot.press("g")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GroupScreen) and screen.group.mode is GroupMode.SUPERVISED
    await pilot.press("l")
    await pilot.pause()
    for name in NAMES:
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, name, "wijkverpleegkundige")
    await pilot.press("escape")
    await pilot.pause()
    assert [member.name for member in screen.members] == list(NAMES)
    return screen


async def hold_meeting(pilot, clock: FrozenClock, *, hand_phase_to: str = "", first: bool = False) -> SessionScreen:
    """From the group screen: B plans and opens the meeting, N starts it, X ends it; back to the group.

    The first meeting opens with the group's agreements: every member accepts them (space on each)."""
    await pilot.press("b")
    await pilot.pause()
    if first:
        agreements = pilot.app.screen
        assert isinstance(agreements, AgreementsScreen)
        await pilot.press("tab")
        for _ in NAMES:
            await pilot.press("space", "down")
        await pilot.press("escape")
        await pilot.pause()
    session = pilot.app.screen
    assert isinstance(session, SessionScreen)
    await begin(pilot)
    if hand_phase_to:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChairPicker)
        await pilot.press("home")
        for _ in range(NAMES.index(hand_phase_to)):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
    clock.advance(minutes=90)
    await pilot.press("x", "enter")
    await pilot.pause()
    assert session.meeting.status is MeetingStatus.CLOSED
    await pilot.press("escape")  # back to the group screen, which reads what the meeting changed
    await pilot.pause()
    clock.advance(days=21)
    return session


async def test_a_supervisor_takes_a_group_from_its_first_meeting_to_a_handover_and_self_run(tmp_path: Path) -> None:
    clock = FrozenClock()
    app = make_app(tmp_path, unlocked=True, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await create_group_with_members(pilot)
        group = screen.group
        ids = {member.name: member.id for member in screen.members}
        await pilot.press("p")  # programme: 4 supervised + 1 self-run + 1 closing
        await pilot.pause()
        assert screen.group.programme_id == "four_one_one"
        await pilot.press("c", "r", "enter", "escape")  # the usual agreements (a case is voluntary)
        await pilot.pause()
        assert len(screen.agreements) == 7

        # 1: the supervisor chairs.  2: Aya co-chairs the check-in.  3 and 4: whole meetings by rotation.
        first = await hold_meeting(pilot, clock, first=True)
        assert (first.meeting.supervised, first.meeting.handover_stage, first.meeting.chair_id) == (True, 1, "")
        second = await hold_meeting(pilot, clock, hand_phase_to="Aya")
        assert second.meeting.handover_stage == 2
        assert second.meeting.chair_id == "" and second.meeting.phases[0].chair_id == ids["Aya"]
        third = await hold_meeting(pilot, clock)
        assert (third.meeting.handover_stage, third.meeting.chair_id) == (3, ids["Aya"])  # fewest chaired, by name
        fourth = await hold_meeting(pilot, clock)
        assert (fourth.meeting.handover_stage, fourth.meeting.chair_id) == (4, ids["Bas"])

        # Sign off on the group screen.
        screen = app.screen
        assert isinstance(screen, GroupScreen)
        await pilot.press("t", "enter")
        await pilot.pause()
        assert screen.group.mode is GroupMode.SELF_RUN and screen.group.graduated_by == "Ellen Smit"
        [graduation] = app.repository.graduations(group.id)
        assert graduation.supervisor == "Ellen Smit"
        signed = {result.key: result.met for result in graduation.indicators}
        assert signed["agreements_accepted"] is True and signed["everyone_chaired"] is False

        # Hand over: a new file under the group's own passphrase.
        out = tmp_path / "noord-overdracht.ivt"
        status = await hand_over(pilot, out, GROUP_PASSPHRASE)
        assert "cannot be revoked" in status or "niet terughalen" in status or "niet worden ingetrokken" in status
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)

        # The group's next meeting: self-run, the chair proposed by rotation (Cor: never chaired, first by name).
        await pilot.press("b")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        assert (session.meeting.supervised, session.meeting.chair_id) == (False, ids["Cor"])
        assert session.session.show_prompts  # the chair's cues are on where no supervisor is present

    handed = Repository.unlock(out, GROUP_PASSPHRASE, clock=clock)
    try:
        [only] = handed.groups()
        assert only.id == group.id and only.mode is GroupMode.SELF_RUN
        assert len(handed.meetings(group.id)) == 4
        assert len(handed.graduations(group.id)) == 1
    finally:
        handed.close()
    with pytest.raises(WrongPassphrase):  # the supervisor's passphrase does not open the group's file
        Repository.unlock(out, PASSPHRASE, clock=clock)


async def test_private_notes_go_to_the_supervisors_notebook_and_never_into_the_group_file(tmp_path: Path) -> None:
    """N on the group screen creates the notebook (own passphrase, twice), keeps a note, and closes it on Esc."""
    from intervisie_tui.store.supervisor_notes import SupervisorNotebook
    from intervisie_tui.ui.screens.supervisor_notes import SupervisorNotesScreen

    clock = FrozenClock()
    notebook_path = tmp_path / "notities.ivt"
    app = make_app(tmp_path, unlocked=True, clock=clock, notebook=notebook_path)
    canary = "KANARIE-BEGELEIDER-4411"
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await create_group_with_members(pilot)
        await pilot.press("n")
        await pilot.pause()
        notes = app.screen
        assert isinstance(notes, SupervisorNotesScreen)
        await type_line(pilot, "mijn eigen notitiezin")
        await pilot.press("enter")
        await type_line(pilot, "mijn eigen notitiezin")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, f"Groep zoekt veiligheid {canary}")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        group_id = screen.group.id
        await pilot.press("ctrl+q")
    with SupervisorNotebook.unlock(notebook_path, "mijn eigen notitiezin", clock=clock) as notebook:
        [note] = notebook.notes(group_id)
        assert canary in note.text
    _opener, group_file = reopened(tmp_path, clock, app)
    try:
        dumped = repr(group_file.group_records(group_id))
        assert "Intervisie Noord" in dumped and canary not in dumped
    finally:
        group_file.close()
