"""At unlock the app says which copies a sync tool set aside beside the file and offers to merge them."""

from __future__ import annotations

from pathlib import Path

from intervisie_tui.ui.dialogs.merge_offer import MergeOffer
from tests.ui.helpers import make_app, until


async def test_a_conflict_copy_beside_the_file_is_offered_at_open_and_left_alone_for_later(tmp_path: Path) -> None:
    copy = tmp_path / "groep.sync-conflict-20261205-101500-ABC1234.ivt"
    copy.write_bytes(b"the other laptop's version")
    (tmp_path / "notities.txt").write_text("not a copy", encoding="utf-8")
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MergeOffer))
        offer = str(app.screen.query_one("#confirm-question").render())
        assert "sync tool set aside 1 copy" in offer
        assert copy.name in offer and "notities.txt" not in offer
        await pilot.press("escape")  # later
        await until(pilot, lambda: not isinstance(app.screen, MergeOffer))
    app.context.opener.release()
    assert copy.read_bytes() == b"the other laptop's version"
