"""N on the group screen: the supervisor's private notes about this group, in their own encrypted notebook.

The notebook is a separate file with the supervisor's own passphrase (never
the group's file, so a handover cannot carry it). It is unlocked when this
screen opens and closed — key dropped — when it closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.core.dates import moment_text
from intervisie_tui.core.model import Group, SupervisorNote, new_id, touch
from intervisie_tui.core.sanitize import TEXT_MAX, clean_line
from intervisie_tui.i18n import N_, _
from intervisie_tui.locations import default_notebook_file, ensure_private_dir
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.supervisor_notes import SupervisorNotebook
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.dialogs.form import Field, TurnForm, Values
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.passphrase import PassphraseInput, refuse_new_passphrase
from intervisie_tui.ui.widgets.title_bar import TitleBar


def note_label(note: SupervisorNote) -> str:
    """A note in the list: when, then the text."""
    return f"{moment_text(note.written_at)}  {note.text}"


def note_form(note: SupervisorNote | None) -> TurnForm:
    """One observation about the group's process."""

    def check(values: Values) -> None:
        if not clean_line(values["text"], TEXT_MAX):
            raise ValueError(_("Write something, or press Esc."))

    fields = [Field("text", _("Observation"), note.text if note else "", max_length=TEXT_MAX)]
    return TurnForm(_("Private note") if note is None else _("Change the note"), fields, check)


class SupervisorNotesScreen(AppScreen[None]):
    """Unlock (or create) the notebook, then list, add, change and delete this group's notes."""

    DEFAULT_CSS = """
    SupervisorNotesScreen #notes-screen {
        height: 1fr;
        padding: 0 1;
    }
    SupervisorNotesScreen #notes-intro {
        color: $text-muted;
        margin-bottom: 1;
    }
    SupervisorNotesScreen #notes-unlock {
        height: auto;
        max-width: 72;
    }
    SupervisorNotesScreen OptionList { height: 1fr; }
    """

    CHAIR_ONLY = True
    """The room's view is refused while the notebook is open (see IntervisieApp.action_toggle_view)."""

    BINDINGS = [
        Binding("a", "add", N_("Note"), id="notes.add"),
        Binding("e", "edit", N_("Edit"), id="notes.edit"),
        Binding("d,delete", "delete", N_("Delete"), id="notes.delete"),
        Binding("escape", "close", N_("Close"), id="notes.close"),
    ]

    @dataclass
    class Opened(Message):
        """The notebook is unlocked."""

        notebook: SupervisorNotebook

    @dataclass
    class Failed(Message):
        """Unlocking or creating failed."""

        text: str

    def __init__(self, group: Group) -> None:
        super().__init__()
        self._group = group
        self._notebook: SupervisorNotebook | None = None

    def _path(self) -> Path:
        return self.app.context.notebook or default_notebook_file()

    def compose(self) -> ComposeResult:
        yield TitleBar(_("Private notes"))
        with Vertical(id="notes-screen"):
            yield Static(
                literal(
                    _("Your notes about {group} — only in your own notebook, never in the group's file.").format(
                        group=self._group.name
                    )
                ),
                id="notes-intro",
            )
            with Vertical(id="notes-unlock"):
                new = not self._path().exists()
                yield Static(
                    _("Create your notebook: a passphrase of your own, twice.")
                    if new
                    else _("Passphrase of your notebook:"),
                    id="notes-ask",
                    markup=False,
                )
                yield PassphraseInput(placeholder=_("Passphrase"), id="first")
                if new:
                    yield PassphraseInput(placeholder=_("Same passphrase again"), id="second")
                yield Static("", id="notes-status", markup=False)
            yield OptionList(id="notes-list", classes="-hidden")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#first", PassphraseInput).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Note keys only once the notebook is open."""
        return action == "close" or self._notebook is not None

    @on(PassphraseInput.Submitted)
    def _typed(self, event: PassphraseInput.Submitted) -> None:
        event.stop()
        first = self.query_one("#first", PassphraseInput)
        seconds = list(self.query("#second").results(PassphraseInput))
        if seconds and event.input is first:
            seconds[0].focus()
            return
        if seconds:
            problem = refuse_new_passphrase(first, seconds[0])
            if problem:
                self.query_one("#notes-status", Static).update(problem)
                return
        for field in self.query(PassphraseInput):
            field.disabled = True
        self.query_one("#notes-status", Static).update(_("Opening…"))
        self._open(first.value, create=bool(seconds))

    @work(thread=True, exclusive=True, group="notebook")
    def _open(self, passphrase: str, *, create: bool) -> None:
        app = self.app
        path = self._path()
        try:
            if create:
                ensure_private_dir(path.parent)
                notebook = SupervisorNotebook.create(path, passphrase, kdf=app.context.opener.kdf, clock=app.clock)
            else:
                notebook = SupervisorNotebook.unlock(path, passphrase, clock=app.clock)
        except VaultError as error:
            self.post_message(self.Failed(error.message()))
            return
        except OSError as error:
            self.post_message(self.Failed(str(error.strerror or error)))
            return
        self.post_message(self.Opened(notebook))

    @on(Opened)
    def _on_opened(self, message: Opened) -> None:
        self._notebook = message.notebook
        for field in self.query(PassphraseInput):
            field.clear()
        self.query_one("#notes-unlock").display = False
        listing = self.query_one("#notes-list", OptionList)
        listing.remove_class("-hidden")
        self._show()
        listing.focus()
        self.refresh_bindings()

    @on(Failed)
    def _on_failed(self, message: Failed) -> None:
        self.query_one("#notes-status", Static).update(literal(message.text))
        for field in self.query(PassphraseInput):
            field.disabled = False
            field.clear()
        self.query_one("#first", PassphraseInput).focus()

    def _show(self) -> None:
        assert self._notebook is not None
        listing = self.query_one("#notes-list", OptionList)
        listing.clear_options()
        notes = self._notebook.notes(self._group.id)
        for note in notes:
            listing.add_option(Option(literal(note_label(note)), id=note.id))
        if not notes:
            listing.add_option(Option(_("No notes yet — A writes one."), id="", disabled=True))

    def _selected(self) -> SupervisorNote | None:
        option = self.query_one("#notes-list", OptionList).highlighted_option
        return self._notebook.note(option.id) if self._notebook and option and option.id else None

    def _keep(self, note: SupervisorNote) -> None:
        assert self._notebook is not None
        try:
            self._notebook.put(note)
        except VaultError as error:
            self.app.say(error.message(), severity="error")
        self._show()

    def action_add(self) -> None:
        """Write a new note."""

        def typed(values: Values | None) -> None:
            if values:
                now = self.app.clock()
                self._keep(
                    SupervisorNote(
                        id=new_id(),
                        group_id=self._group.id,
                        group_name=self._group.name,
                        written_at=now,
                        text=clean_line(values["text"], TEXT_MAX),
                        updated_at=now,
                    )
                )

        self.app.push_screen(note_form(None), typed)

    def action_edit(self) -> None:
        """Change the highlighted note."""
        note = self._selected()
        if note is None:
            return

        def typed(values: Values | None) -> None:
            if values:
                self._keep(touch(note, self.app.clock(), text=clean_line(values["text"], TEXT_MAX)))

        self.app.push_screen(note_form(note), typed)

    def action_delete(self) -> None:
        """Delete the highlighted note."""
        note = self._selected()
        if note is None or self._notebook is None:
            return
        try:
            self._notebook.remove(note)
        except VaultError as error:
            self.app.say(error.message(), severity="error")
        self._show()

    def action_close(self) -> None:
        """Close the notebook (its key is dropped) and go back."""
        if self._notebook is not None:
            self._notebook.close()
            self._notebook = None
        self.dismiss()

    def on_unmount(self) -> None:
        if self._notebook is not None:
            self._notebook.close()
            self._notebook = None
