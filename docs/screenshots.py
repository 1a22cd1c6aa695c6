"""Regenerate the SVG screenshots in docs/ from the app itself (demo data, frozen clock).

    python docs/screenshots.py

The pictures in the README come from here, never from an editor.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))  # for tests.ui.helpers (the same app the snapshots use)


async def shoot(name: str, size: tuple[int, int], keys: tuple[str, ...] = (), **app_options) -> None:
    """Run the demo app headless at ``size`` and save ``docs/<name>.svg``."""
    from tests.ui.helpers import make_app

    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Path(folder), demo=True, unlocked=True, **app_options)
        async with app.run_test(size=size) as pilot:
            await pilot.press(*keys)
            await pilot.pause()
            app.saver.flush(timeout=5)
            refresh = getattr(app.screen, "refresh_now", None)
            if refresh is not None:
                refresh()
            await pilot.pause()
            svg = app.export_screenshot(title="intervisie")
        app.close_repository()
        app.context.opener.release()
    (DOCS / f"{name}.svg").write_text(svg, encoding="utf-8")
    print(f"docs/{name}.svg")


def main() -> None:
    from intervisie_tui import i18n

    i18n.set_language("nl")
    asyncio.run(shoot("screenshot-session", (120, 36)))
    asyncio.run(shoot("screenshot-home", (100, 30), keys=("escape",)))


if __name__ == "__main__":
    main()
