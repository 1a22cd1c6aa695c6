"""The session screen in every shipped theme, in English, in the room view, and the settings over it.

Each picture proves one thing. The themes change colours, not the layout: each theme is pictured
once, at 80x24 in Dutch. English texts are longer and do change the layout: the projector theme in
English at both sizes. Look at the report (snapshot_report.html) before ever running
--snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.snapshots.helpers import IDS, SIZES, in_question_round, settled, themed_demo

THEMES = ["projector", "light", "dark", "console"]


@pytest.mark.parametrize("theme", THEMES)
def test_session_in_each_theme(snap_compare, tmp_path: Path, theme: str) -> None:
    """Clock, rule, tracker and board legible in each theme's colours."""
    assert snap_compare(themed_demo(tmp_path, theme, "nl"), terminal_size=(80, 24), run_before=in_question_round)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_question_round_in_english(snap_compare, tmp_path: Path, size) -> None:
    """The English texts, longer than the Dutch, at both sizes."""
    assert snap_compare(themed_demo(tmp_path, "projector", "en"), terminal_size=size, run_before=in_question_round)


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
