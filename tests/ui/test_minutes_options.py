"""The minutes' options show plainly what is ticked, and the minutes follow them (issue 17, item 7).

Textual's Checkbox drew an X whether ticked or not; minutes came out without case text or
personal parts although every box looked ticked.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.minutes import minutes_markdown
from intervisie_tui.core.model import MeetingStatus
from intervisie_tui.core.round_work import present_members
from intervisie_tui.ui.dialogs.export_dialog import ExportDialog
from intervisie_tui.ui.dialogs.exports import MinutesOptions, export_minutes
from tests.conftest import FrozenClock
from tests.ui.helpers import make_app


def marks(app, list_id: str) -> list[str]:
    """Each line of a tick list as drawn on screen."""
    listing = app.screen.query_one(list_id, OptionList)
    return [listing.render_line(row).text.strip() for row in range(listing.option_count)]


async def test_ticks_show_on_and_off_differently_and_the_minutes_follow_them(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True, clock=FrozenClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        repository = app.repository
        group = next(
            g for g in repository.groups() if any(s.status is MeetingStatus.CLOSED for s in repository.meetings(g.id))
        )
        closed = next(s for s in repository.meetings(group.id) if s.status is MeetingStatus.CLOSED)
        content = repository.meeting_content(closed.id)
        members = repository.members(group.id)
        library = repository.library(load_shipped(), group.id)
        export_minutes(app, content, group, members, library)
        await pilot.pause()
        assert isinstance(app.screen, MinutesOptions)
        present = present_members(members, content.attendance)
        first = next(m for m in members if m.id in present)

        # Nothing ticked yet, and it looks so: every line starts with an empty box.
        assert [line[:3] for line in marks(app, "#minutes-case-text")] == ["[ ]"]
        personal = marks(app, "#minutes-personal")
        assert personal and all(line.startswith("[ ]") for line in personal)

        await pilot.press("space")  # the full case text
        assert marks(app, "#minutes-case-text")[0].startswith("[✓]")
        await pilot.press("space")  # and off again: no X left behind
        assert marks(app, "#minutes-case-text")[0].startswith("[ ]")
        await pilot.press("enter")  # Enter ticks too, as on a checkbox
        assert marks(app, "#minutes-case-text")[0].startswith("[✓]")
        await pilot.press("tab", "space")  # the first present member's personal part
        personal = marks(app, "#minutes-personal")
        assert personal[0].startswith("[✓]") and first.name in personal[0]
        assert all(line.startswith("[ ]") for line in personal[1:])

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        target = tmp_path / "notulen.md"
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        written = target.read_text(encoding="utf-8")
        ticked = minutes_markdown(content, group, members, library, include_case_text=True, personal_for=[first.id])
        unticked = minutes_markdown(content, group, members, library)
        assert written == ticked
        assert written != unticked
