"""The meeting and programme rules from the source articles, where the group sees them (issue 18).

Each rule itself is tested in tests/core; here: the screen it belongs to shows it.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from intervisie_tui.core import meeting as flow
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.next_meeting import PROPOSED, MeetingPlan
from intervisie_tui.core.programme import MeetingKind
from intervisie_tui.ui.dialogs.choice_picker import ChoicePicker
from intervisie_tui.ui.dialogs.form import TurnForm
from intervisie_tui.ui.dialogs.member_form import member_form
from intervisie_tui.ui.screens.agreements import AgreementsScreen
from intervisie_tui.ui.screens.group import GroupScreen
from intervisie_tui.ui.screens.group_view import plan_text
from intervisie_tui.ui.session.chair_picker import ChairPicker
from intervisie_tui.ui.session.method_chooser import MethodChooser
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import FrozenClock
from tests.ui.helpers import begin, choose_method, fill_form, group_file, group_with, to_phase, told, until


async def _meeting(pilot) -> SessionScreen:
    await pilot.press("enter")  # plan and open today's meeting
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    await begin(pilot)
    return screen


async def _highlight_in_chooser(pilot, method_id: str) -> MethodChooser:
    await pilot.press("m")
    await pilot.pause()
    chooser = pilot.app.screen
    assert isinstance(chooser, MethodChooser)
    chooser.query_one(OptionList).highlighted = [m.id for m in load_shipped().ordered()].index(method_id)
    await pilot.pause()
    return chooser


async def test_the_chooser_warns_that_balint_needs_five_when_four_are_here(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())  # four members
    async with app.run_test(size=(100, 30)) as pilot:
        await _meeting(pilot)
        chooser = await _highlight_in_chooser(pilot, "balint")
        warning = chooser.query_one("#chooser-warning", Static)
        assert warning.display and "5" in str(warning.render()) and "4" in str(warning.render())
        chooser.query_one(OptionList).highlighted = 0  # another method: no warning
        await pilot.pause()
        assert not warning.display


async def test_the_chooser_stays_quiet_about_balint_with_five_here(tmp_path: Path) -> None:
    app, _group = group_with(tmp_path, FrozenClock(), 5)
    async with app.run_test(size=(100, 30)) as pilot:
        await _meeting(pilot)
        chooser = await _highlight_in_chooser(pilot, "balint")
        assert not chooser.query_one("#chooser-warning", Static).display


async def test_the_case_form_shows_the_checklist_of_a_good_case(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _meeting(pilot)
        await to_phase(pilot, screen, "inventory")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TurnForm)
        intro = form.query_one("#form-intro", Static)
        text = str(intro.render())
        assert text.startswith("Een goede casus:") and "eigen aandeel" in text and "Hoe kan ik" in text
        assert intro.region.y >= 0 and intro.region.bottom <= form.query_one("#form-fields").region.y
        assert form.query_one("#form-help").region.bottom <= 23  # the form still fits above the footer


async def test_choosing_a_method_that_makes_the_meeting_short_warns_on_screen(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await _meeting(pilot)
        await choose_method(pilot, "kernkwadranten")  # 1:50 in all
        assert any("minstens 2 uur" in notice and "1:50" in notice for notice in told(app))


async def test_a_break_is_planned_for_the_next_meeting_in_the_closing_round(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _meeting(pilot)
        await to_phase(pilot, screen, "closing")
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TurnForm)
        field = form.query_one("#field-break", Input)
        assert field.value == "0"
        field.value = "15"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.meeting.next_plan is not None and screen.meeting.next_plan.break_minutes == 15


def test_the_group_screen_names_the_planned_break() -> None:
    plan = MeetingPlan(
        kind=MeetingKind.SELF_RUN,
        stage=0,
        chair_id="",
        chair_source=PROPOSED,
        inbrenger_id="",
        inbrenger_source=PROPOSED,
        on=None,
        break_minutes=15,
    )
    assert "pauze: 15 min" in plan_text(plan, {})


async def test_the_group_screen_names_a_year_with_too_few_meetings(tmp_path: Path) -> None:
    clock = FrozenClock()
    app, group = group_file(tmp_path, clock)
    group = dataclasses.replace(group, created_on=date(2024, 3, 1))
    held = []
    for day in (date(2025, 2, 3), date(2025, 9, 1)):  # 2025, a whole year: two meetings
        meeting = flow.new_meeting(group.id, day, load_shipped(), clock())
        held.append(flow.finish(flow.start(meeting, clock()), clock()))
    app.context.repository.put(group, *held)
    async with app.run_test(size=(80, 24)) as pilot:
        app.navigate.group(group)
        await until(pilot, lambda: isinstance(app.screen, GroupScreen))
        await pilot.pause()
        line = app.screen.query_one("#meeting-frequency", Static)
        assert line.display and str(line.render()) == "Bijeenkomsten per jaar buiten 4-8: 2025: 2"


async def test_the_usual_agreements_offer_a_shared_duty_to_bring_in_cases(tmp_path: Path) -> None:
    clock = FrozenClock()
    app, group = group_with(tmp_path, clock, 4)
    async with app.run_test(size=(80, 24)) as pilot:
        app.navigate.agreements(group, [], app.repository.members(group.id), clock().date())
        await until(pilot, lambda: isinstance(app.screen, AgreementsScreen))
        screen = app.screen
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ChoicePicker))
        options = app.screen.query_one(OptionList)
        assert [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)] == [
            "Vrijwillig: wie een casus heeft, brengt die in",
            "Een gedeelde plicht: iedereen brengt om de beurt een casus in",
        ]
        await pilot.press("down", "enter")
        await until(pilot, lambda: app.screen is screen and bool(screen.agreements))
        texts = [agreement.text for agreement in screen.agreements]
        assert "Een casus inbrengen is vrijwillig." not in texts
        assert texts[1].startswith("Iedereen brengt om de beurt een casus in")


async def test_at_check_in_l_chooses_the_timekeeper_and_note_taker_in_turn(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())  # Aya chairs the first meeting
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _meeting(pilot)
        names = {member.id: member.name for member in screen.session.records.members}
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, ChairPicker))
        options = app.screen.query_one(OptionList)
        labels = {
            options.get_option_at_index(i).id: str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)
        }
        turns = {key: label for key, label in labels.items() if "(aan de beurt)" in label}
        assert sorted(turns.values()) == [
            "Notulist (houdt het bord bij): Cor (aan de beurt)",
            "Tijdbewaker: Bas (aan de beurt)",
        ]
        timekeeper = next(key for key, label in turns.items() if label.startswith("Tijdbewaker"))
        options.highlighted = list(labels).index(timekeeper)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen)
        assert names[screen.meeting.timekeeper_id] == "Bas"
        await pilot.pause()
        assert "tijd Bas" in str(screen.query_one("#status-times", Static).render())


async def test_the_programmes_closing_meeting_looks_back_on_each_learning_goal(tmp_path: Path) -> None:
    clock = FrozenClock()
    app, group = group_file(tmp_path, clock)
    members = [
        dataclasses.replace(member, learning_goal=f"Doel van {member.name}")
        for member in app.context.repository.members(group.id)
    ]
    meeting = flow.new_meeting(
        group.id, clock().date(), load_shipped(), clock(), planned_start=clock(), supervised=True, handover_stage=6
    )
    app.context.repository.put(*members, meeting)
    async with app.run_test(size=(80, 24)) as pilot:
        app.navigate.meeting(meeting.id)
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        await to_phase(pilot, screen, "closing")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TurnForm))
        form = app.screen
        intro = str(form.query_one("#form-intro", Static).render())
        assert intro.startswith("Je leerdoel bij de start: Doel van ")
        speaker = intro.removeprefix("Je leerdoel bij de start: Doel van ")
        await fill_form(pilot, "Les", "Ik zeg nu eerder nee", "8")
        [evaluation] = screen.records.evaluations
        assert screen.session.member_names()[evaluation.member_id] == speaker
        assert evaluation.goal_review == "Ik zeg nu eerder nee"


def test_the_member_form_asks_for_the_learning_goal() -> None:
    (field,) = [field for field in member_form(None)._fields if field.key == "learning_goal"]
    assert field.label == "Leerdoel in het begeleide traject (mag leeg)"
