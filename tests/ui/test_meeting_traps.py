"""A meeting on the projector without traps: what a new chair ran into, driven with keys (issue 17).

The case stays in view, a key that cannot act says why, what is shown in a form is what is kept,
a method change asks first, the coach's remark leaves with its phase, the newest question stays
in view, every round record can be corrected, forms open at their top, the look-back starts at
its first case, and who is here today can be marked during the meeting.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from intervisie_tui.core.model import Case, CaseStatus, Meeting, MeetingStatus, new_id
from intervisie_tui.ui.dialogs.attendance_editor import AttendanceEditor
from intervisie_tui.ui.dialogs.confirm import Confirm
from intervisie_tui.ui.dialogs.form import TurnForm
from intervisie_tui.ui.session.method_chooser import MethodChooser
from intervisie_tui.ui.session.record_list import RecordList
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import FrozenClock
from tests.ui.helpers import (
    add_note,
    begin,
    choose_method,
    fill_form,
    group_file,
    phase_key,
    to_phase,
    told,
    type_line,
    until,
)


def drawn(app, widget: Static) -> str:
    """What the compositor draws in ``widget``'s region now, its lines joined by single spaces."""
    region = widget.region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    lines = ("".join(segment.text for segment in strip)[region.x : region.right] for strip in strips)
    return " ".join(" ".join(lines).split())


async def started(pilot) -> SessionScreen:
    """Plan and open today's meeting of the group, and begin it."""
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    await begin(pilot)
    return screen


async def through_inventory(pilot, screen: SessionScreen) -> None:
    """Every member brings a case in the inventory, Bas's is chosen, the method is core quadrants."""
    await to_phase(pilot, screen, "inventory")
    for title in ("Ruzie", "Grens", "Bellen", "Stilte"):
        await pilot.press("a")
        await pilot.pause()
        question = f"Hoe kan ik beter omgaan met {title.lower()} als een ouder mij steeds opnieuw belt en boos wordt?"
        await fill_form(pilot, title, question, "1")
    await to_phase(pilot, screen, "choice")
    bas = next(case for case in screen.records.cases if case.title == "Grens")
    records = screen.query_one(RecordList)
    records.highlighted = [option.id for option in records._options].index(bas.id)
    await pilot.press("k")  # chosen: its theme for the minutes is asked at once
    await type_line(pilot, "Grenzen stellen")
    await pilot.press("enter")
    await pilot.pause()
    assert next(case for case in screen.records.cases if case.id == bas.id).theme == "Grenzen stellen"
    await choose_method(pilot, "kernkwadranten")


async def test_the_presenter_and_the_question_stay_in_view_through_the_case_at_80x24(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(pilot)
        line = screen.query_one("#case-line", Static)
        assert line.has_class("-hidden")
        await through_inventory(pilot, screen)
        for key in ("case1.situatie", "case1.vragen", "case1.kwadrant", "case1.evaluatie"):
            await to_phase(pilot, screen, key)
            assert not line.has_class("-hidden"), key
            shown = str(line.render())
            assert shown.startswith("Vraag van Bas: Hoe kan ik"), shown
            whole = " ".join(shown.split())
            await until(pilot, lambda: drawn(app, line) == whole)  # the frame after the phase change
            assert 1 <= line.region.height <= 3 and line.region.bottom <= 24, key
        await to_phase(pilot, screen, "closing")
        assert line.has_class("-hidden")


async def test_a_in_a_first_look_back_says_why_and_opens_nothing(tmp_path: Path) -> None:
    """A did nothing in a first meeting's look-back, so the sentence typed next ran as keys."""
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(pilot)
        await to_phase(pilot, screen, "lookback")
        await pilot.press("a")
        await pilot.pause()
        assert not screen.is_typing()
        assert "eerdere bijeenkomst" in told(app)[-1]


async def test_the_next_meetings_date_is_a_real_value_and_enter_keeps_it(tmp_path: Path) -> None:
    """The date showed only as placeholder text, so Enter saved no date at all."""
    clock = FrozenClock()
    app, _group = group_file(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(pilot)
        await to_phase(pilot, screen, "closing")
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TurnForm)
        expected = clock().date() + timedelta(weeks=6)
        assert form.query_one("#field-date", Input).value == expected.strftime("%d-%m-%Y")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.meeting.next_plan is not None and screen.meeting.next_plan.on == expected


async def test_changing_the_method_of_a_worked_case_asks_first_and_keeps_the_notes(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await started(pilot)
        await through_inventory(pilot, screen)
        await to_phase(pilot, screen, "case1.kwadrant")
        await add_note(pilot, "Zorgvuldig", typed=False)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)  # asked first
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and screen.meeting.slots[0].method_id == "kernkwadranten"
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # yes: the chooser
        await pilot.pause()
        assert isinstance(app.screen, MethodChooser)
        await pilot.press("escape")
        await pilot.pause()
        assert [note.text for note in screen.notes] == ["Zorgvuldig"]


async def test_the_coachs_remark_leaves_with_its_phase(tmp_path: Path) -> None:
    """A remark ("that sounded like advice") stayed on screen into later phases."""
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await started(pilot)
        await through_inventory(pilot, screen)
        await to_phase(pilot, screen, "case1.vragen")
        await pilot.press("a")
        await type_line(pilot, "Heb je al eens geprobeerd te bellen?")
        await pilot.press("enter")
        await pilot.pause()
        coach = screen.query_one("#coach-line", Static)
        assert not coach.has_class("-hidden") and "advies" in str(coach.render())
        await pilot.press("n")
        await pilot.pause()
        assert coach.has_class("-hidden") and not any("advies" in notice for notice in told(app))


async def test_the_newest_question_stays_in_view_at_80x24(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(pilot)
        await through_inventory(pilot, screen)
        await to_phase(pilot, screen, "case1.vragen")
        for number in range(8):
            await pilot.press("a")
            await pilot.pause()
            screen.query_one("#note-input", Input).insert_text_at_cursor(f"Wat dacht je op moment {number}?")
            await pilot.press("enter")
            await pilot.pause()
        await pilot.pause()
        records = screen.query_one(RecordList)
        newest = screen.records.questions[-1]
        assert records.highlighted_option is not None and records.highlighted_option.id == newest.id
        assert records.max_scroll_y > 0  # eight questions do not fit in the list at 80x24
        assert records.scroll_y == records.max_scroll_y  # scrolled to its end: the newest is in view


async def test_a_recorded_top_and_tip_can_be_corrected_with_e(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await started(pilot)
        await through_inventory(pilot, screen)
        await to_phase(pilot, screen, "case1.tops_tips")
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, "Goed geluisterd", "Korter")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TurnForm)  # the top and tip in their form again, not the takeaway line
        assert form.query_one("#field-top", Input).value == "Goed geluisterd"
        await fill_form(pilot, "Heel goed geluisterd", "Korter")
        assert [item.top for item in screen.records.feedback] == ["Heel goed geluisterd"]


async def test_the_closing_form_opens_at_its_first_field(tmp_path: Path) -> None:
    """The closing round's form opened scrolled down, its first label out of view (at 120x40 too)."""
    for size in ((80, 24), (120, 40)):
        app, _group = group_file(tmp_path / f"{size[0]}", FrozenClock())
        async with app.run_test(size=size) as pilot:
            screen = await started(pilot)
            await to_phase(pilot, screen, "closing")
            await pilot.press("a")
            await pilot.pause()
            await pilot.pause()
            form = app.screen
            assert isinstance(form, TurnForm)
            assert form.query_one(VerticalScroll).scroll_y == 0, size


async def test_the_look_back_starts_at_the_first_earlier_case(tmp_path: Path) -> None:
    """The list started at the second case, so the outcome typed went to the wrong case."""
    clock = FrozenClock()
    app, group = group_file(tmp_path, clock)
    earlier = Meeting(
        id=new_id(),
        group_id=group.id,
        held_on=clock().date() - timedelta(days=42),
        status=MeetingStatus.CLOSED,
        updated_at=clock(),
    )
    members = app.context.repository.members(group.id)
    cases = [
        Case(
            id=new_id(),
            meeting_id=earlier.id,
            inbrenger_id=members[index].id,
            title=title,
            status=CaseStatus.DONE,
            next_step="bellen",
            updated_at=clock(),
        )
        for index, title in enumerate(("Eerste casus", "Tweede casus"))
    ]
    app.context.repository.put(earlier, *cases)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await started(pilot)
        await to_phase(pilot, screen, "lookback")
        records = screen.query_one(RecordList)
        assert records.highlighted == 0 and records.highlighted_option.id == cases[0].id  # type: ignore[union-attr]
        await pilot.press("a")
        await type_line(pilot, "Het ging goed")
        await pilot.press("enter")
        await pilot.pause()
        outcomes = {case.title: case.outcome for case in screen.records.previous_cases}
        assert outcomes == {"Eerste casus": "Het ging goed", "Tweede casus": ""}


async def test_t_marks_who_is_not_here_and_the_round_skips_them(tmp_path: Path) -> None:
    """Absent members stayed in every round and the attendance list said everyone came."""
    app, group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("n")  # the meeting begins with the question who is here
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, AttendanceEditor) and editor.live
        table = editor.query_one(DataTable)
        table.move_cursor(row=2)  # Cor
        await pilot.press("space", "enter")
        await pilot.pause()
        assert app.screen is screen
        cor = next(member.id for member in screen.records.members if member.name == "Cor")
        assert cor not in screen.records.present
        round_ = screen.phase_round()
        assert round_ is not None and cor in round_.absent
        assert app.saver.flush(timeout=5)
        stored = app.repository.meeting_content(screen.meeting.id)
        assert stored is not None
        assert [record.present for record in stored.attendance if record.member_id == cor] == [False]
        await pilot.press("t")  # later: T opens the same question again
        await pilot.pause()
        assert isinstance(app.screen, AttendanceEditor)
        await pilot.press("escape")
        await pilot.pause()
        assert phase_key(screen) == "checkin"
