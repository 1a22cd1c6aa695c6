"""Nothing a person needs is cut off at 80x24: dates, register numbers, the chair's name, minutes."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from rich.console import Console
from textual.widgets import DataTable

from intervisie_tui.core import meeting as flow
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.i18n import _
from intervisie_tui.ui.screens.agreements import AgreementsScreen
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.session.method_chooser import method_steps_text
from intervisie_tui.ui.session.texts import status_line
from tests.conftest import FROZEN
from tests.ui.helpers import make_app

STATUS_ROOM = 80 - 2 - 2 - len("Opgeslagen")
"""The meeting's status line at 80 columns: the bar's padding, then the save state's padding and text."""


def cut_columns(table: DataTable) -> list[str]:
    """The labels of the columns that do not fit: the table would scroll sideways."""
    room = table.scrollable_content_region.width
    used = 0
    cut = []
    for column in table.columns.values():
        used += column.get_render_width(table)
        if used > room:
            cut.append(str(column.label))
    return cut


async def test_agreement_dates_are_whole_at_80_columns(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "g", "c")
        await pilot.pause()
        assert isinstance(app.screen, AgreementsScreen)
        table = app.screen.query_one("#acceptance-table", DataTable)
        assert table.row_count == 6
        assert cut_columns(table) == []


async def test_register_numbers_are_whole_after_moving_to_another_group(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "down")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#members", DataTable)
        assert "V&VN VVN-33812" in [str(table.get_cell_at((row, 2))) for row in range(table.row_count)]
        assert cut_columns(table) == []


def test_the_status_line_keeps_the_chair_whole_when_the_meeting_runs_late() -> None:
    start = FROZEN
    meeting = flow.start(flow.new_meeting("g1", start.date(), load_shipped(), start, planned_start=start), start)
    late: datetime = meeting.planned_end + timedelta(minutes=-30)  # type: ignore[operator]
    meeting = flow.next_phase(meeting, late - timedelta(minutes=1))  # the first phase ran ~80 minutes
    chair = _("chair {name}").format(name="Mohammed")
    line = status_line(meeting, late, chair)
    assert "→" in line
    assert len(line) <= STATUS_ROOM, line
    assert line.endswith(chair)


def test_a_long_step_keeps_its_minutes_on_one_line() -> None:
    method = next(m for m in load_shipped().ordered() if max(len(step.name()) for step in m.steps) >= 20)
    console = Console(width=30, record=True, color_system=None)
    console.print(method_steps_text(method))
    lines = console.export_text().splitlines()
    assert not any(line.strip() == "min" for line in lines)
    assert sum(line.rstrip().endswith(" min") for line in lines) == len(method.steps)
