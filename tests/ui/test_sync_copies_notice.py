"""At unlock the app says which copies a sync tool set aside beside the file, and leaves them alone."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import make_app, told


async def test_a_conflict_copy_beside_the_file_is_told_at_open(tmp_path: Path) -> None:
    copy = tmp_path / "groep.sync-conflict-20261205-101500-ABC1234.ivt"
    copy.write_bytes(b"the other laptop's version")
    (tmp_path / "notities.txt").write_text("not a copy", encoding="utf-8")
    app = make_app(tmp_path, demo=True, unlocked=True, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notices = [text for text in told(app) if "sync tool set aside" in text]
        assert len(notices) == 1
        assert copy.name in notices[0] and "notities.txt" not in notices[0]
    app.context.opener.release()
    assert copy.read_bytes() == b"the other laptop's version"
