"""Keys a terminal delivers in one read with a note's Enter or its add key, kept for the note.

A busy app or a fast typist gets several keys in one read from the terminal, and Textual forwards
them all to whatever had the focus then: the letters after a note's Enter to the note's field, the
letters after the add key to the board. They used to go into the note just kept, into the closed
field (cleared when the next note opened), or to the board's own keys, unseen (e opened the last
note for editing). The note field keeps what reaches it after Enter or once closed
(``TextField.take_late``), and the screen hands it here, with the keys that come back from the
board while a note is open. Acted on as they would have been a moment later, except that nothing
acts on the board unseen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.events import Key

from intervisie_tui.i18n import _
from intervisie_tui.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from intervisie_tui.ui.session.screen import SessionScreen

NOTE_FIELD = "#note-input"


class TypedAhead:
    """What the meeting screen does with keys typed ahead of its note field."""

    def __init__(self, screen: SessionScreen) -> None:
        self._screen = screen

    def _field(self) -> TextField:
        return self._screen.query_one(NOTE_FIELD, TextField)

    def _note_open(self) -> bool:
        return self._screen.session.editing is not None and not self._field().disabled

    async def stray_key(self, event: Key) -> bool:
        """A key back from the board while a note is open but its field has no focus yet: its
        letters go into the note and Enter keeps it. True when the key was taken."""
        field = self._field()
        if not self._note_open() or self._screen.app.focused is field:
            return False
        if event.key == "enter":
            await field.action_submit()
            return True
        if event.is_printable and event.character:
            field.insert_text_at_cursor(event.character)
            return True
        return False

    def keep(self, kept: list[tuple[str, str]]) -> None:
        """What the field kept after Enter, in order (see ``TextField.take_late``).

        The key that adds a note opens the next note; letters are the open note's text, or, with no
        note open, start a new one that says so; Enter keeps the open note; a paste is pasted.
        """
        if not kept:  # every Enter asks; almost always nothing came after it
            return
        screen = self._screen
        adds = {key for key, active in screen.active_bindings.items() if active.binding.action == "add_note"}
        for kind, text in kept:
            field = self._field()
            if kind == "enter":
                if self._note_open():
                    screen.submit_note_field(field.value)
            elif self._note_open():
                _put(field, kind, text)
            elif kind == "key" and text in adds:
                self._open_note(text)
            else:
                self._open_note(text)
                if self._note_open():
                    _put(field, kind, text)
                    screen.app.say(
                        _("What was typed right after Enter is in a new note: Enter keeps it, Esc drops it.")
                    )

    def _open_note(self, text: str) -> None:
        """A new note, as the add key opens one; ``text`` is said if no note can open here."""
        screen = self._screen
        screen.action_add_note()
        if not self._note_open():
            screen.app.say(_("Typed after Enter and not kept: {text}").format(text=text), severity="warning")
            return
        # The field was closed a moment ago and Textual moves the focus off a closed field after this
        # handler: the field takes it back after the next frame, while it is still open.
        screen.call_after_refresh(screen.refocus_field)


def _put(field: TextField, kind: str, text: str) -> None:
    """A kept key's letter, or a kept paste, into the open note."""
    if kind == "paste":
        field.paste(text)
    else:
        field.insert_text_at_cursor(text)
