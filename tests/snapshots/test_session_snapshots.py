"""Snapshots of the session screen in each kind of phase, at 80x24 and 120x36.

Clock frozen, cursor blink and animation off, every save finished before the
picture is taken. Look at snapshot_report.html before ever running
--snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.core.methods import load_shipped
from tests.conftest import FrozenClock
from tests.snapshots.helpers import IDS, SIZES, settled
from tests.ui.helpers import add_note, begin, group_file, make_app

ORDER = [method.id for method in load_shipped().ordered()]


def in_step(method_id: str, step_number: int, clock: FrozenClock, notes: list[str] = (), extra=()):
    """A run_before that starts a meeting, chooses ``method_id`` and goes to its step ``step_number``."""

    async def run(pilot) -> None:
        await pilot.press("enter")
        await begin(pilot)
        for _ in range(3):
            clock.advance(minutes=10)
            await pilot.press("n")
        await pilot.press("m", "home", *(["down"] * ORDER.index(method_id)), "enter")
        for _ in range(step_number):
            clock.advance(minutes=5)
            await pilot.press("n")
        for text in notes:
            await add_note(pilot, text)
        for key in extra:
            await pilot.press(key)
        clock.advance(minutes=3, seconds=20)
        await settled(pilot)

    return run


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_demo_meeting_in_progress_with_a_grid(snap_compare, tmp_path: Path, size) -> None:
    """The demo opens here: core quadrants, the 2x2 grid filled clockwise, the clock running."""
    assert snap_compare(make_app(tmp_path, demo=True, unlocked=True), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_meeting_not_started(snap_compare, tmp_path: Path, size) -> None:
    """A planned meeting: the frame's phases, the clock still, how to begin."""
    app, _ = group_file(tmp_path, FrozenClock())

    async def run(pilot) -> None:
        await pilot.press("enter")
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_check_in_with_a_list_of_notes(snap_compare, tmp_path: Path, size) -> None:
    """A list board with notes, one of them looking like markup (shown as typed)."""
    clock = FrozenClock()
    app, _ = group_file(tmp_path, clock)

    async def run(pilot) -> None:
        await pilot.press("enter")
        await begin(pilot)
        for text in ("Moe maar blij", "[b]Drukke week[/b]", "Zin in vandaag"):
            await add_note(pilot, text)
        clock.advance(minutes=4)
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_columns_board_of_ret(snap_compare, tmp_path: Path, size) -> None:
    """RET's A-E columns, a note in the first."""
    clock = FrozenClock()
    app, _ = group_file(tmp_path, clock)
    assert snap_compare(app, terminal_size=size, run_before=in_step("ret", 1, clock, ["Teamoverleg"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_scale_board_of_ogw(snap_compare, tmp_path: Path, size) -> None:
    """The 0-10 scale: the first press puts the marker in the middle (5), the second moves it to 6."""
    clock = FrozenClock()
    app, _ = group_file(tmp_path, clock)
    run = in_step("oplossingsgericht", 4, clock, ["Nu een 5"], extra=["greater_than_sign"] * 2)
    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_question_round_running_over(snap_compare, tmp_path: Path, size) -> None:
    """A phase over its time: the clock shows +m:ss in the overrun colour."""
    clock = FrozenClock()
    app, _ = group_file(tmp_path, clock)

    async def run(pilot) -> None:
        await in_step("vijfstappen", 2, clock)(pilot)
        clock.advance(minutes=20)
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_paused_meeting(snap_compare, tmp_path: Path, size) -> None:
    """A break: the clock stands still and says so."""
    clock = FrozenClock()
    app, _ = group_file(tmp_path, clock)
    assert snap_compare(app, terminal_size=size, run_before=in_step("balint", 1, clock, extra=["space"]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_method_chooser(snap_compare, tmp_path: Path, size) -> None:
    """Choosing a method: the list and the steps with minutes of the highlighted one."""
    clock = FrozenClock()
    app, _ = group_file(tmp_path, clock)

    async def run(pilot) -> None:
        await pilot.press("enter")
        await begin(pilot)
        await pilot.press("n", "n", "n", "m", "home", *(["down"] * ORDER.index("kernkwadranten")))
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_keys_help(snap_compare, tmp_path: Path, size) -> None:
    """F1 on the session screen: every key in effect."""

    async def run(pilot) -> None:
        await pilot.pause()  # the meeting screen is opened on the app's first turn, its focus on its mount
        await pilot.press("f1")
        await settled(pilot)

    assert snap_compare(make_app(tmp_path, demo=True, unlocked=True), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_demo_meeting_in_english(snap_compare, tmp_path: Path, size) -> None:
    """The session screen with --lang en."""
    from intervisie_tui import i18n

    i18n.set_language("en")
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    assert snap_compare(app, terminal_size=size, run_before=settled)
