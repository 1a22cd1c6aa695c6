"""Building the app for Pilot and snapshot tests: frozen clock, no blink, no animation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from intervisie_tui.core.demo import demo_records
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS
from intervisie_tui.store.opener import FileOpener
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.context import AppContext

from tests.conftest import PASSPHRASE, FrozenClock


class AppUnderTest(IntervisieApp):
    """The real app with animation off (its inputs never blink anyway)."""

    def _on_mount(self) -> None:
        # Textual calls the mount handler of every class in the MRO; never chain with super() here.
        self.animation_level = "none"


def make_app(folder: Path, *, demo: bool = False, unlocked: bool = False, clock: FrozenClock | None = None,
             create: bool = True, **context: Any) -> IntervisieApp:
    """An app on ``folder/groep.ivt``: created (with the demo groups) and optionally already unlocked."""
    clock = clock or FrozenClock()
    opener = FileOpener(folder / "groep.ivt", clock=clock, kdf=ARGON2ID_FAST_FOR_TESTS)
    repository = None
    if create and not opener.path.exists():
        repository = opener.create(PASSPHRASE)
        if demo:
            repository.put(*demo_records(clock()))
        if not unlocked:
            repository.close()
            repository = None
            opener.release()
    elif unlocked:
        repository = opener.unlock(PASSPHRASE)
    context.setdefault("unlock_delay_s", 0.0)
    context.setdefault("config_dir", folder / "config")  # never the real user's settings or themes
    return AppUnderTest(AppContext(opener=opener, clock=clock, repository=repository, **context))
