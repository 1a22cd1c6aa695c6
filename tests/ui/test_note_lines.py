"""A note of several lines is shown as lines wherever notes are read: the board, earlier notes, a past meeting."""

from __future__ import annotations

from dataclasses import replace

from intervisie_tui.core.model import Note, PhaseRecord
from intervisie_tui.ui.screens.past_meeting_view import meeting_document
from intervisie_tui.ui.session.earlier_notes import notes_by_phase
from intervisie_tui.ui.session.whiteboard import note_line
from tests.core.history_fixture import MEETING_ID, STAMP, history

TEXT = "Eerste regel\nTweede \x1b]0;x\x07regel\n- geen lijst"
"""Three lines; the second with a control sequence as an older file could hold it."""


def note(**changes) -> Note:
    return replace(Note(id="n9", meeting_id=MEETING_ID, phase_key="checkin", text=TEXT, updated_at=STAMP), **changes)


def test_the_board_shows_each_line_of_a_note_under_the_first() -> None:
    assert note_line(note(), {}).plain == "• Eerste regel\n  Tweede \ufffd]0;x\ufffdregel\n  - geen lijst"
    signed = note_line(note(author_id="p1"), {"p1": "Anouk"})
    assert signed.plain.splitlines() == ["• Anouk: Eerste regel", "  Tweede \ufffd]0;x\ufffdregel", "  - geen lijst"]


def test_earlier_notes_and_the_past_meeting_show_the_lines_indented() -> None:
    h = history()
    meeting = replace(h.content.meeting, phases=(PhaseRecord(key="checkin", name="Check-in", planned_minutes=10),))
    content = replace(h.content, meeting=meeting, notes=(note(),))
    text = notes_by_phase(content.meeting, content.notes, lambda index: f"fase {index}").plain
    assert "  • Eerste regel\n    Tweede \ufffd]0;x\ufffdregel\n    - geen lijst\n" in text
    document = meeting_document(content, h.group, h.members, h.library).plain
    lines = document.splitlines()
    at = next(index for index, line in enumerate(lines) if line.endswith(": Eerste regel"))
    assert lines[at + 1 : at + 3] == ["    Tweede \ufffd]0;x\ufffdregel", "    - geen lijst"]
