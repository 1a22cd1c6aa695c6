"""Create a new encrypted file: the passphrase twice, with plain warnings."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.message import Message
from textual.widgets import Static

from intervisie_tui.i18n import N_, _
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.repository import Repository
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.passphrase import PassphraseInput, refuse_new_passphrase
from intervisie_tui.ui.widgets.title_bar import TitleBar


class CreateScreen(AppScreen[None]):
    """Asks for a new passphrase (twice) and creates the file."""

    DEFAULT_CSS = """
    CreateScreen #create-warning {
        width: 100%;
        margin-bottom: 1;
        color: $text-warning;
    }
    """

    ALLOW_SELECT = False
    BINDINGS = [Binding("ctrl+q", "app.quit", N_("Quit"), id="quit")]

    @dataclass
    class Created(Message):
        """The new file exists and is open."""

        repository: Repository

    @dataclass
    class Failed(Message):
        """Creating the file failed."""

        error: Exception

    def compose(self) -> ComposeResult:
        yield TitleBar(_("New file"))
        with Center(), Vertical(id="unlock-box"):
            yield Static(_("intervisie"), id="unlock-heading", markup=False)
            yield Static(literal(_("Create {name}").format(name=self.app.context.opener.label)), id="unlock-file")
            yield Static(
                _(
                    "Everything is stored encrypted. Without the passphrase nobody can read it — not even you: "
                    "there is no way to recover a forgotten passphrase."
                ),
                id="create-warning",
                markup=False,
            )
            yield PassphraseInput(placeholder=_("New passphrase"), id="first")
            yield PassphraseInput(placeholder=_("Same passphrase again"), id="second")
            yield Static("", id="unlock-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#first", PassphraseInput).focus()

    def _status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#unlock-status", Static)
        status.update(literal(text))
        status.set_classes(kind)

    @on(PassphraseInput.Submitted, "#first")
    def _first_done(self, event: PassphraseInput.Submitted) -> None:
        event.stop()
        self.query_one("#second", PassphraseInput).focus()

    @on(PassphraseInput.Submitted, "#second")
    def _second_done(self, event: PassphraseInput.Submitted) -> None:
        event.stop()
        first = self.query_one("#first", PassphraseInput)
        second = self.query_one("#second", PassphraseInput)
        problem = refuse_new_passphrase(first, second)
        if problem:
            self._status(problem, "-error")
            return
        first.disabled = second.disabled = True
        self._status(_("Creating the file…"))
        self._create(first.value)

    @work(thread=True, exclusive=True, group="create")
    def _create(self, passphrase: str) -> None:
        try:
            repository = self.app.context.opener.create(passphrase)
        except (VaultError, OSError) as error:
            self.post_message(self.Failed(error))
            return
        self.post_message(self.Created(repository))

    @on(Created)
    def _on_created(self, message: Created) -> None:
        for field in self.query(PassphraseInput):
            field.clear()
        self.app.open_repository(message.repository)

    @on(Failed)
    def _on_failed(self, message: Failed) -> None:
        error = message.error
        text = error.message() if isinstance(error, VaultError) else _("The file could not be created.")
        self._status(text, "-error")
        for field in self.query(PassphraseInput):
            field.disabled = False
        self.query_one("#first", PassphraseInput).focus()
