"""Unlock: ask the passphrase, derive the key off the UI thread, open the file.

After a lock during a meeting the screen opens veiled: a curtain (name and time) until a
key, so the projected room never sees a passphrase field appear unasked (docs/ROOM.md).
Wrong passphrases get a growing pause before the next try. A damaged file is
never shown in part: the screen offers the backups instead. Choosing one checks
it with the passphrase just typed, keeps the damaged file aside (never deletes
it), puts the backup in place and opens it (``store/restore.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core.dates import moment_text
from intervisie_tui.i18n import N_, _
from intervisie_tui.store.errors import DamagedFile, VaultError, WrongPassphrase
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.curtain_face import CurtainFace
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.passphrase import PassphraseInput
from intervisie_tui.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from intervisie_tui.store.repository import Repository
    from intervisie_tui.store.restore import RestoreReport

MAX_DELAY_S = 30.0
LOAD_STORE_AFTER_S = 0.25
"""When the store is loaded behind the unlock screen: after its first frames (the field and its
placeholder come in the frame after the first), long before a typed passphrase is complete."""


def load_store() -> None:
    """Load the encrypted store (TinyDB, cryptography) while the passphrase is typed.

    The unlock screen does not need it to be drawn, so it is not imported before the screen
    appears; loaded right after, it is ready by the time Enter is pressed (docs/PERFORMANCE.md).
    """
    import intervisie_tui.core.idle  # noqa: F401
    import intervisie_tui.core.meeting_time  # noqa: F401
    import intervisie_tui.store.repository  # noqa: F401
    import intervisie_tui.store.restore  # noqa: F401


def retry_delay(failures: int, base: float) -> float:
    """Seconds to wait after ``failures`` wrong tries: 0, base, 2·base, 4·base … capped."""
    if failures <= 0 or base <= 0:
        return 0.0
    return min(base * 2 ** (failures - 1), MAX_DELAY_S)


class UnlockScreen(AppScreen[None]):
    """Asks for the passphrase of an existing file."""

    DEFAULT_CSS = """
    UnlockScreen OptionList {
        height: auto;
        max-height: 8;
        margin-top: 1;
    }
    UnlockScreen #unlock-veil { display: none; }
    UnlockScreen.-veiled #unlock-veil { display: block; }
    UnlockScreen.-veiled #unlock-box, UnlockScreen.-veiled TitleBar { display: none; }
    """

    ALLOW_SELECT = False
    AUTO_FOCUS = ""  # none: on_mount focuses the field, unless the screen opens veiled
    BINDINGS = [Binding("ctrl+q", "app.quit", N_("Quit"), id="quit")]

    @dataclass
    class Unlocked(Message):
        """The file opened (posted from the worker thread)."""

        repository: Repository

    @dataclass
    class Failed(Message):
        """The file did not open (posted from the worker thread)."""

        error: VaultError

    @dataclass
    class Restored(Message):
        """A backup was put in place and opened (posted from the worker thread)."""

        repository: Repository
        report: RestoreReport

    @dataclass
    class RestoreFailed(Message):
        """The chosen backup could not be put in place; nothing was changed (from the worker thread)."""

        error: VaultError
        passphrase: str

    def __init__(self, *, veiled: bool = False) -> None:
        super().__init__(classes="-veiled" if veiled else None)
        self.veiled = veiled
        """Locked during a meeting: a curtain until a key, then the passphrase field."""
        self._failures = 0
        # The passphrase that met a damaged file, kept only until a backup is chosen (it checks
        # and then opens the backup, so it need not be typed again).
        self._passphrase = ""

    def compose(self) -> ComposeResult:
        yield TitleBar(_("Unlock"))
        yield CurtainFace(_("Locked. Press Enter to type the passphrase."), id="unlock-veil")
        with Center(), Vertical(id="unlock-box"):
            yield Static(_("intervisie"), id="unlock-heading", markup=False)
            yield Static(literal(_("Open {name}").format(name=self.app.context.opener.label)), id="unlock-file")
            yield PassphraseInput(placeholder=_("Passphrase"), id="passphrase")
            yield Static("", id="unlock-status", markup=False)
            yield OptionList(id="backups", classes="-hidden")
        yield KeyFooter()

    def on_mount(self) -> None:
        if not self.veiled:
            self.query_one(PassphraseInput).focus()
        self.set_timer(LOAD_STORE_AFTER_S, load_store)

    def on_key(self, event: events.Key) -> None:
        """Veiled: the first key lifts the curtain and shows the field; it is not typed into it."""
        if not self.veiled:
            return
        event.stop()
        event.prevent_default()
        self.veiled = False
        self.remove_class("-veiled")
        self.query_one(PassphraseInput).focus()

    def _status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#unlock-status", Static)
        status.update(literal(text))
        status.set_classes(kind)

    @on(PassphraseInput.Submitted, "#passphrase")
    def _submitted(self, event: PassphraseInput.Submitted) -> None:
        event.stop()
        if not event.value:
            self._status(_("Type the passphrase of this file."), "-error")
            return
        field = self.query_one(PassphraseInput)
        field.disabled = True
        self._status(_("Opening…"))
        self._passphrase = ""
        self._unlock(event.value)

    @work(thread=True, exclusive=True, group="unlock")
    def _unlock(self, passphrase: str) -> None:
        """Derive the key and decrypt in a worker thread; the screen keeps drawing."""
        try:
            repository = self.app.context.opener.unlock(passphrase)
        except VaultError as error:
            if isinstance(error, DamagedFile):
                self._passphrase = passphrase
            self.post_message(self.Failed(error))
            return
        self.post_message(self.Unlocked(repository))

    @work(thread=True, exclusive=True, group="unlock")
    def _restore_and_unlock(self, backup: Path, passphrase: str) -> None:
        """Check the backup, put it in place and open it, in a worker thread (the KDF runs)."""
        opener = self.app.context.opener
        try:
            report = opener.restore(backup, passphrase)
        except VaultError as error:
            self.post_message(self.RestoreFailed(error, passphrase))
            return
        try:
            repository = opener.unlock(passphrase)
        except VaultError as error:
            self.post_message(self.Failed(error))
            return
        self.post_message(self.Restored(repository, report))

    @on(RestoreFailed)
    def _on_restore_failed(self, message: RestoreFailed) -> None:
        error = message.error
        self._status(_("That backup was not restored: {problem}").format(problem=error.message()), "-error")
        if isinstance(error, WrongPassphrase):  # a backup from before a passphrase change
            self._status(
                _("That backup does not open with this passphrase. Type its passphrase, then choose it again."),
                "-error",
            )
            self._enable_retry()
            return
        self._passphrase = message.passphrase  # choose another backup
        self._offer_backups(keep_status=True)

    @on(Restored)
    def _on_restored(self, message: Restored) -> None:
        self._passphrase = ""
        report = message.report
        if report.kept is not None and report.damaged:
            kept = _("The damaged file was kept as {name}.").format(name=report.kept.name)
        elif report.kept is not None:
            kept = _("The file that was in place was kept as backup {name}.").format(name=report.kept.name)
        else:
            kept = ""
        self.app.say(" ".join(filter(None, [_("Backup restored."), kept])), timeout=15)
        self.app.open_repository(message.repository)

    @on(Unlocked)
    def _on_unlocked(self, message: Unlocked) -> None:
        self.query_one(PassphraseInput).clear()
        self.app.open_repository(message.repository)

    @on(Failed)
    def _on_failed(self, message: Failed) -> None:
        field = self.query_one(PassphraseInput)
        field.clear()
        error = message.error
        if isinstance(error, WrongPassphrase):
            self._failures += 1
            delay = retry_delay(self._failures, self.app.context.unlock_delay_s)
            self._status(error.message(), "-error")
            if delay:
                self.set_timer(delay, self._enable_retry)
            else:
                self._enable_retry()
            return
        self._status(error.message(), "-error")
        if isinstance(error, DamagedFile) and self._passphrase:
            self._offer_backups()
        else:
            field.disabled = False
            field.focus()

    def _enable_retry(self) -> None:
        field = self.query_one(PassphraseInput)
        field.disabled = False
        field.focus()

    def _offer_backups(self, keep_status: bool = False) -> None:
        backups = self.app.context.opener.backups()
        listing = self.query_one("#backups", OptionList)
        listing.clear_options()
        if not backups:
            if not keep_status:
                self._status(_("The file is damaged and there is no backup beside it."), "-error")
            self._enable_retry()
            return
        for backup in backups:
            label = _("Backup of {when}").format(when=moment_text(backup.taken_at) + backup.taken_at.strftime(":%S"))
            listing.add_option(Option(literal(label), id=str(backup.path)))
        listing.remove_class("-hidden")
        listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected, "#backups")
    def _restore(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        listing = self.query_one("#backups", OptionList)
        listing.add_class("-hidden")
        self._status(_("Checking the backup…"))
        passphrase, self._passphrase = self._passphrase, ""
        self._restore_and_unlock(Path(str(event.option.id)), passphrase)

    def can_rebuild(self) -> bool:
        """Built again while no file is open (after a lock the unlock screen is rebuilt as it is)."""
        return self.app.repository is None
