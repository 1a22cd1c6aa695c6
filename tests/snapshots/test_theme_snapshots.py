"""The session screen in every shipped theme and both languages at 80x24 and 120x36.

Look at the report (snapshot_report.html) before ever running --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.snapshots.helpers import IDS, SIZES, in_question_round, settled, themed_demo

THEMES = ["projector", "light", "dark", "console"]
LANGUAGES = ["nl", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_session_in_each_theme(snap_compare, tmp_path: Path, size, theme: str, language: str) -> None:
    """Clock, rule, tracker and board legible in each theme, in Dutch and in English."""
    assert snap_compare(themed_demo(tmp_path, theme, language), terminal_size=size, run_before=in_question_round)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_session_in_the_room_view(snap_compare, tmp_path: Path, size) -> None:
    """What the room sees: no coach verdicts or cues, only F1 and F3 in the key bar."""
    app = themed_demo(tmp_path, "projector", view="room")
    assert snap_compare(app, terminal_size=size, run_before=in_question_round)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_settings_screen(snap_compare, tmp_path: Path, size, monkeypatch: pytest.MonkeyPatch) -> None:
    """F4 over the meeting; the settings file's folder shown from a home folder that is the same on every run."""
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))

    async def run(pilot) -> None:
        await pilot.press("f4")
        await settled(pilot)

    assert snap_compare(themed_demo(tmp_path, "projector"), terminal_size=size, run_before=run)
