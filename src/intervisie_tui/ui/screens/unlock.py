"""Unlock: ask the passphrase, derive the key off the UI thread, open the file.

Wrong passphrases get a growing pause before the next try. A damaged file is
never shown in part: the screen offers the backups instead, and restoring one
moves the damaged file aside (never deletes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core.dates import moment_text
from intervisie_tui.i18n import N_, _
from intervisie_tui.store.errors import DamagedFile, VaultError, WrongPassphrase
from intervisie_tui.store.repository import Repository
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.passphrase import PassphraseInput
from intervisie_tui.ui.widgets.title_bar import TitleBar

MAX_DELAY_S = 30.0


def retry_delay(failures: int, base: float) -> float:
    """Seconds to wait after ``failures`` wrong tries: 0, base, 2·base, 4·base … capped."""
    if failures <= 0 or base <= 0:
        return 0.0
    return min(base * 2 ** (failures - 1), MAX_DELAY_S)


class UnlockScreen(Screen):
    """Asks for the passphrase of an existing file."""

    ALLOW_SELECT = False
    BINDINGS = [Binding("ctrl+q", "app.quit", N_("Quit"), id="quit")]

    @dataclass
    class Unlocked(Message):
        """The file opened (posted from the worker thread)."""

        repository: Repository

    @dataclass
    class Failed(Message):
        """The file did not open (posted from the worker thread)."""

        error: VaultError

    def __init__(self) -> None:
        super().__init__()
        self._failures = 0

    def compose(self) -> ComposeResult:
        yield TitleBar(_("Unlock"))
        with Center(), Vertical(id="unlock-box"):
            yield Static(_("intervisie"), id="unlock-heading", markup=False)
            yield Static(literal(_("Open {name}").format(name=self.app.context.opener.label)), id="unlock-file")
            yield PassphraseInput(placeholder=_("Passphrase"), id="passphrase")
            yield Static("", id="unlock-status", markup=False)
            yield OptionList(id="backups", classes="-hidden")
        yield KeyFooter()

    def on_mount(self) -> None:
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
        self._unlock(event.value)

    @work(thread=True, exclusive=True, group="unlock")
    def _unlock(self, passphrase: str) -> None:
        """Derive the key and decrypt in a worker thread; the screen keeps drawing."""
        try:
            repository = self.app.context.opener.unlock(passphrase)
        except VaultError as error:
            self.post_message(self.Failed(error))
            return
        self.post_message(self.Unlocked(repository))

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
        if isinstance(error, DamagedFile):
            self._offer_backups()
        else:
            field.disabled = False
            field.focus()

    def _enable_retry(self) -> None:
        field = self.query_one(PassphraseInput)
        field.disabled = False
        field.focus()

    def _offer_backups(self) -> None:
        backups = self.app.context.opener.backups()
        listing = self.query_one("#backups", OptionList)
        listing.clear_options()
        if not backups:
            self._status(_("The file is damaged and there is no backup beside it."), "-error")
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
        aside = self.app.context.opener.restore(Path(str(event.option.id)))
        listing = self.query_one("#backups", OptionList)
        listing.add_class("-hidden")
        moved = _("The damaged file was kept as {name}.").format(name=aside.name) if aside else ""
        self._status(_("Backup restored.") + " " + moved + " " + _("Type the passphrase."))
        self._enable_retry()
