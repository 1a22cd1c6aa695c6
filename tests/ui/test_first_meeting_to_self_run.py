"""A new group's whole way, with keys only, and every paper it produces (issue 17).

From an empty file: the supervisor creates the group and its five members, holds the first meeting
(Eva is not there, Dewi comes twenty minutes late, the supervisor is marked present at the check-in),
signs the group off and hands it over in a file with the group's own passphrase. In that file the
group holds its next meeting without a supervisor. Every export of both meetings is read: who was
there, supervised or not, the hours of each member and the next meeting's date.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable

from intervisie_tui.core.model import GroupMode, MeetingStatus
from intervisie_tui.ui.dialogs.attendance_editor import AttendanceEditor
from intervisie_tui.ui.dialogs.confirm import Confirm
from intervisie_tui.ui.screens.agreements import AgreementsScreen
from intervisie_tui.ui.screens.group import GroupScreen
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import PASSPHRASE
from tests.ui.helpers import (
    answer_check_in,
    choose_method,
    fill_form,
    hand_over,
    make_app,
    phase_key,
    to_phase,
    type_line,
    until,
)

NAMES = ("Aya Bakker", "Bas de Wit", "Cor Smit", "Dewi Visser", "Eva Jansen")
SUPERVISOR = "Ellen Smit"
GROUP_PASSPHRASE = "onze eigen zin voor de groep"

pytestmark = pytest.mark.usefixtures("dutch_environment")


async def create_group(pilot) -> GroupScreen:
    """N: the group with its supervisor; G opens it; L adds the members (with SKJ); P a programme; C R agreements."""
    await pilot.press("n")
    await pilot.pause()
    await fill_form(pilot, "Intervisie Noord", "jeugdzorg", "", SUPERVISOR)
    await pilot.press("g")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GroupScreen) and screen.group.mode is GroupMode.SUPERVISED
    await pilot.press("l")
    await pilot.pause()
    for name in NAMES:
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, name, "jeugdzorgwerker", "SKJ")
    await pilot.press("escape")
    await pilot.pause()
    assert [member.name for member in screen.members] == list(NAMES)
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("c", "r", "enter", "escape")  # the usual agreements, bringing in a case voluntary
    await pilot.pause()
    return screen


def row_of(editor: AttendanceEditor, label: str) -> int:
    """The row of the attendance dialog whose first cell starts with ``label``."""
    table = editor.query_one(DataTable)
    return next(index for index in range(table.row_count) if str(table.get_row_at(index)[0]).startswith(label))


async def work_a_case(pilot, screen: SessionScreen, clock, *, title: str, theme: str) -> None:
    """Check-in to closing: Aya brings a case, it is chosen with its theme, worked with the short incident method."""
    await to_phase(pilot, screen, "inventory")
    clock.advance(minutes=10)
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, title, "Hoe kan ik rustig blijven als een ouder boos wordt?", "2")
    await to_phase(pilot, screen, "choice")
    await pilot.press("home", "k")
    await type_line(pilot, theme)
    await pilot.press("enter")
    await pilot.pause()
    await choose_method(pilot, "incident_kort")
    while phase_key(screen) != "closing":
        clock.advance(minutes=10)
        await pilot.press("n")
        await pilot.pause()


async def close_meeting(pilot, screen: SessionScreen, clock) -> None:
    """The closing round: O plans the next meeting on the date it suggests (Enter keeps it); X ends the meeting."""
    await pilot.press("o")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert screen.meeting.next_plan is not None and screen.meeting.next_plan.on is not None
    clock.advance(minutes=10)
    await pilot.press("x", "enter")
    await pilot.pause()
    assert screen.meeting.status is MeetingStatus.CLOSED
    if isinstance(pilot.app.screen, Confirm):  # past the plan: yes, the time counts
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.screen is screen)
        assert screen.meeting.overrun_confirmed


def read_exports(cli, secret, path: Path, passphrase: str, day: str, out: Path) -> dict[str, str]:
    """Every export of the meeting held on ``day`` (and each member's hours), through the command line."""
    key = ["--passphrase-file", str(secret(passphrase))]
    asked: dict[str, list[str | Path]] = {}
    for suffix in ("md", "csv", "html"):
        asked[f"attendance.{suffix}"] = ["attendance", path, "--meeting", day, "--out", out / f"lijst-{day}.{suffix}"]
    for suffix in ("md", "html"):
        asked[f"minutes.{suffix}"] = ["minutes", path, "--meeting", day, "--out", out / f"verslag-{day}.{suffix}"]
        for name in NAMES:
            target = out / f"uren-{name.split()[0]}-{day}.{suffix}"
            asked[f"hours {name}.{suffix}"] = [
                "hours",
                path,
                "--member",
                name,
                "--from",
                day,
                "--to",
                day,
                "--out",
                target,
            ]
    texts = {}
    for what, arguments in asked.items():
        code, said = cli("export", *arguments, *key)
        assert code == 0, (what, said)
        texts[what] = Path(arguments[-1]).read_text(encoding="utf-8")
    return texts


def hours_of(statement: str) -> str:
    """The net hours of the one meeting in an hours statement (Markdown)."""
    row = next(line for line in statement.splitlines() if line.startswith("| ") and line[2].isdigit())
    return row.strip("| ").split(" | ")[-1]


async def test_a_new_group_from_its_first_meeting_to_a_self_run_meeting_and_every_paper(
    tmp_path: Path, clock, cli, secret
) -> None:
    first_day = clock().date().isoformat()
    app = make_app(tmp_path, unlocked=True, clock=clock)
    handed = tmp_path / "eigen" / "groep.ivt"
    handed.parent.mkdir()
    async with app.run_test(size=(100, 32)) as pilot:
        group_screen = await create_group(pilot)
        ids = {member.name: member.id for member in group_screen.members}

        # The first meeting: the agreements, then the check-in asks who is here.
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, AgreementsScreen)
        await pilot.press("tab")
        for _ in NAMES:
            await pilot.press("space", "down")
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.meeting.supervised
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, AttendanceEditor))
        editor = app.screen
        supervisor_row = row_of(editor, SUPERVISOR)
        assert editor.supervisor_present  # expected at a supervised meeting's check-in, and shown
        table = editor.query_one(DataTable)
        table.move_cursor(row=row_of(editor, "Eva"))
        await pilot.press("space")
        table.move_cursor(row=row_of(editor, "Dewi"))
        await pilot.press("space")
        assert supervisor_row == len(NAMES)
        await answer_check_in(pilot)
        assert screen.meeting.supervisor_present
        assert set(screen.records.present) == {ids[name] for name in NAMES[:3]}
        assert set(screen.phase_round().absent) == {ids["Dewi Visser"], ids["Eva Jansen"]}  # the round skips them

        clock.advance(minutes=20)  # Dewi comes in: T, her row, L (arrives now), Enter
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, AttendanceEditor))
        late = app.screen
        late.query_one(DataTable).move_cursor(row=row_of(late, "Dewi"))
        await answer_check_in(pilot, "l")
        assert ids["Dewi Visser"] in screen.records.present and ids["Eva Jansen"] not in screen.records.present
        assert set(screen.phase_round().absent) == {ids["Eva Jansen"]}

        await work_a_case(pilot, screen, clock, title="Boze vader", theme="Rustig blijven bij boosheid")
        await close_meeting(pilot, screen, clock)
        first_next = screen.meeting.next_plan.on
        assert first_next == clock().date() + timedelta(weeks=6)
        await pilot.press("escape")
        await pilot.pause()

        # Sign-off and handover, in a file with the group's own passphrase.
        assert app.screen is group_screen
        await pilot.press("t", "enter")
        await pilot.pause()
        assert group_screen.group.mode is GroupMode.SELF_RUN
        status = await hand_over(pilot, handed, GROUP_PASSPHRASE)
        assert "niet terughalen" in status or "niet worden ingetrokken" in status, status
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    app.context.opener.release()

    # The group's own file, three weeks on: a self-run meeting, everyone there, no supervisor.
    clock.advance(days=21)
    second_day = clock().date().isoformat()
    own = make_app(handed.parent, unlocked=True, clock=clock, passphrase=GROUP_PASSPHRASE)
    async with own.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = own.screen
        assert isinstance(screen, SessionScreen) and not screen.meeting.supervised
        await pilot.press("n")
        await until(pilot, lambda: isinstance(own.screen, AttendanceEditor))
        assert not own.screen.supervisor_present  # not expected at a self-run meeting: marked only if they came
        await answer_check_in(pilot)
        assert not screen.meeting.supervisor_present and len(screen.records.present) == len(NAMES)
        await work_a_case(pilot, screen, clock, title="Stille moeder", theme="Contact houden")
        await close_meeting(pilot, screen, clock)
        await pilot.press("ctrl+q")
    own.context.opener.release()

    out = tmp_path / "papers"
    out.mkdir()
    first = read_exports(cli, secret, tmp_path / "groep.ivt", PASSPHRASE, first_day, out)
    second = read_exports(cli, secret, handed, GROUP_PASSPHRASE, second_day, out)

    # The first meeting: supervised, with the supervisor named; Eva absent; Dewi's hours shorter.
    assert "- Begeleid: Ja" in first["attendance.md"] and SUPERVISOR in first["attendance.md"]
    assert "- Begeleid: Ja" in first["minutes.md"]
    rows = {line.split(" | ")[0].strip("| "): line for line in first["attendance.md"].splitlines() if "|" in line}
    assert "| Nee |" in rows["Eva Jansen"] and "| Ja |" in rows["Dewi Visser"] and "| Ja |" in rows["Aya Bakker"]
    assert "Totaal: 0,00 uur" in first["hours Eva Jansen.md"] and "22-11-2026 |" not in first["hours Eva Jansen.md"]
    assert hours_of(first["hours Dewi Visser.md"]) < hours_of(first["hours Aya Bakker.md"])
    assert "Rustig blijven bij boosheid" in first["minutes.md"]
    assert (
        first_next.isoformat() == "2027-01-03" and "Volgende bijeenkomst: zondag 3 januari 2027" in first["minutes.md"]
    )
    assert "| Ja |" in first["hours Aya Bakker.md"] and "Verklaring van de begeleider" in first["hours Aya Bakker.md"]
    header, *lines = first["attendance.csv"].splitlines()
    csv_rows = [dict(zip(header.split(";"), line.split(";"), strict=True)) for line in lines if line.strip()]
    assert {row["Begeleid"] for row in csv_rows} == {"Ja"}
    assert "Begeleid: Ja" in first["attendance.html"] and SUPERVISOR in first["attendance.html"]

    # The self-run meeting: no supervisor anywhere, everyone there, its own next date.
    for name, text in second.items():
        assert SUPERVISOR not in text and "Ellen" not in text, name
        assert "Begeleid: Ja" not in text, name
    assert "- Begeleid: Nee" in second["attendance.md"] and "- Begeleid: Nee" in second["minutes.md"]
    assert "Begeleid: Nee" in second["attendance.html"] and "Begeleid: Nee" in second["minutes.html"]
    assert all(hours_of(second[f"hours {name}.md"]) == hours_of(second["hours Aya Bakker.md"]) for name in NAMES)
    assert "| Nee |" in second["hours Aya Bakker.md"]
    assert "Contact houden" in second["minutes.md"] and "Volgende bijeenkomst: —" not in second["minutes.md"]
