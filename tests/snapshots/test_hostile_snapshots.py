"""Snapshots of the home screen and the session screen with names that are hard to lay out, at 80x24.

An emoji joined with a zero-width joiner, Chinese (two cells per character), a
combining accent (e + U+0301, stored decomposed as another tool might write it),
Arabic and Hebrew (right-to-left) and a name near the 80-character cap. The
layout must hold: borders in their columns, nothing spilling into the next
column or line. Look at snapshot_report.html before ever running --snapshot-update.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from intervisie_tui.core.model import Group, GroupMode, Member
from tests.conftest import FrozenClock
from tests.snapshots.helpers import settled
from tests.ui.helpers import add_note, begin, make_app

NAMES = (
    "👩\u200d⚕\ufe0f Zoë de Vries",
    "张伟",
    "Rene\u0301 Dubois",
    "مريم حداد",
    "שרה כהן",
    "Maximiliaan Alexander Johannes van der Heijden-Vermeulen tot Oud-Beijerland",
)


def group_file(folder: Path, clock: FrozenClock):
    """One self-run group whose members have the names above (written straight to the file)."""
    app = make_app(folder, unlocked=True, clock=clock)
    group = Group(
        id="g-wereld",
        name="Intervisie 世界 🌍",
        mode=GroupMode.SELF_RUN,
        discipline="Wijkteam",
        created_on=date(2026, 1, 5),
        updated_at=clock(),
    )
    members = [
        Member(
            id=f"m{index}",
            group_id=group.id,
            name=name,
            profession="Wijkverpleegkundige 🩺",
            register="V&VN",
            joined_on=date(2026, 1, 5),
            updated_at=clock(),
        )
        for index, name in enumerate(NAMES)
    ]
    app.context.repository.put(group, *members)
    return app


def test_home_with_wide_combining_and_right_to_left_names(snap_compare, tmp_path: Path) -> None:
    """The group list and the member table: every name in its own cell, cut with an ellipsis where too long."""
    assert snap_compare(group_file(tmp_path, FrozenClock()), terminal_size=(80, 24), run_before=settled)


def test_check_in_with_wide_combining_and_right_to_left_names(snap_compare, tmp_path: Path) -> None:
    """The check-in round names the speaker and the order; notes in Chinese and Arabic on the board."""
    clock = FrozenClock()
    app = group_file(tmp_path, clock)

    async def run(pilot) -> None:
        await pilot.press("enter")
        await begin(pilot)
        for text in ("今天很累 🙂", "أسبوع مزدحم", "Goed, e\u0301n moe"):
            await add_note(pilot, text, typed=False)
        clock.advance(minutes=4)
        await settled(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run)
