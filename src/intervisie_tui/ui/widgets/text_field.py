"""A one-line text field for user text: drawn without control characters, and a paste loses nothing silently.

Textual's ``Input`` draws its value as it is: an escape sequence in a stored
name opened for editing, or in a paste, would reach the terminal. It keeps only
the first line of a paste, and drops a paste longer than ``max_length`` whole
with only a bell. This field draws its value through
:func:`~intervisie_tui.core.sanitize.display` (one character for one, so the
cursor stays where it was) and takes a paste line by line
(:func:`~intervisie_tui.core.sanitize.paste_lines`, control characters gone):

* a note's field (``keeps_lines``) keeps the line breaks and draws each as
  ``↵`` (its edge says what ``↵`` means); the board shows the note as lines;
* every other field holds one line: the lines are joined with spaces, and a
  notice says so;
* a paste too long for the field keeps what fits, and a notice says so.

The value itself is not cleaned further: the caller's cleaning
(``clean_line`` / ``clean_text``) decides what is stored or refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from intervisie_tui.core.sanitize import LINE_MARK, TEXT_MAX, display, paste_lines
from intervisie_tui.i18n import _

if TYPE_CHECKING:
    from textual import getters

    from intervisie_tui.ui.app import IntervisieApp


def drawn(value: str) -> str:
    """``value`` as the field draws it: controls as U+FFFD, a line break as ↵ (one character for one)."""
    return display(value).replace("\n", LINE_MARK)


class TextField(Input):
    """``Input`` for names, notes, questions and paths.

    ``keeps_lines`` (may change while the field is open): a paste keeps its
    line breaks, for a note; otherwise its lines are joined with spaces.
    """

    _shows_lines = False
    """Whether the value holds a line break (the edge then says what ↵ means)."""

    if TYPE_CHECKING:
        app = getters.app(IntervisieApp)

    def __init__(self, *args: Any, keeps_lines: bool = False, catches_late_keys: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keeps_lines = keeps_lines
        self.catches_late_keys = catches_late_keys
        self._late: list[tuple[str, str]] = []  # ("key", letter), ("enter", ""), ("paste", text)
        self._submitted = False  # Enter was pressed; the owner has not taken the submission yet

    def _watch_value(self, value: str) -> None:
        # Input stores the text's width as its virtual size through a layout reactive, so every key asked
        # for a layout of the whole screen. The field's size never follows its text (width: 100%), and the
        # scroll limits read the virtual size directly: store it without a layout (Input then sees no change).
        if not self.styles.auto_dimensions:
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        shows_lines = "\n" in value
        if shows_lines != self._shows_lines:  # a new subtitle repaints the field: only when it changes
            self._shows_lines = shows_lines
            # Said on the field's own edge: a notice would cover the field being read.
            self.border_subtitle = Text(_("{mark} = a new line").format(mark=LINE_MARK)) if shows_lines else None
        super()._watch_value(value)

    @property
    def _value(self) -> Text:
        """The value as drawn: control characters and bidi overrides shown as U+FFFD, a line break as ↵."""
        if self.password:
            return super()._value
        value = self.value
        text = Text(drawn(value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        at = value.find("\n")
        while at >= 0:
            text.stylize("bold", at, at + 1)
            at = value.find("\n", at + 1)
        return text

    # Input measures the cursor and a click in the value's own cells, where a line break or a control
    # character takes none; measure the characters as drawn instead, so the cursor sits where it is drawn.
    def _position_to_cell(self, position: int) -> int:
        if self.password:
            return super()._position_to_cell(position)
        return cell_len(drawn(self.value[:position]))

    def _cell_offset_to_index(self, offset: int) -> int:
        if self.password:
            return super()._cell_offset_to_index(offset)
        shown = drawn(self.value)
        offset += self.scroll_offset.x
        cell = 0
        for index, char in enumerate(shown):
            width = get_character_cell_size(char)
            if cell <= offset < cell + width:
                return index
            cell += width
        return max(0, min(offset, len(shown)))

    class TypedWhileClosed(Message):
        """Keys reached a field that catches them while it waited for its owner (see :meth:`take_late`)."""

        def __init__(self, field: TextField) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> TextField:
            """The field that holds the keys."""
            return self.field

    async def _on_key(self, event: events.Key) -> None:
        """Enter submits at once, in the order the keys came; a field that waits for its owner keeps keys.

        Input leaves Enter to its binding, which runs only once the key has bubbled up to the app; keys
        that came in the same read from the terminal (a fast typist's next letters) were inserted
        first and submitted with the text. Now Enter submits in key order. A field that
        ``catches_late_keys`` then keeps the keys that reach it, letters and Enter, until its owner
        has taken the submission (:meth:`take_late`), and also while it is closed (disabled): they
        were forwarded while it had the focus and are meant for after the submission, not for this
        text. The first one kept is announced (:class:`TypedWhileClosed`).
        """
        if self.catches_late_keys and (self.disabled or self._submitted):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                self._keep("enter", "")
            elif event.is_printable and event.character:
                self._keep("key", event.character)
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()  # Input's own key handler has nothing to do for Enter
            self._submitted = self.catches_late_keys
            await self.action_submit()

    def _keep(self, kind: str, text: str) -> None:
        if not self._late:
            self.post_message(self.TypedWhileClosed(self))
        self._late.append((kind, text))

    def take_late(self) -> list[tuple[str, str]]:
        """What was kept since Enter or while closed, in order: ``("key", letter)``, ``("enter", "")``,
        ``("paste", text)``; the field takes keys again from now on."""
        late, self._late = self._late, []
        self._submitted = False
        return late

    def _on_paste(self, event: events.Paste) -> None:
        """Insert a paste with its lines kept or joined, cut to what fits; say what was changed."""
        event.prevent_default()  # Input's own handler would keep the first line only
        event.stop()
        if not event.text:
            return
        if self.catches_late_keys and (self.disabled or self._submitted):  # see _on_key
            self._keep("paste", event.text)
            return
        self.paste(event.text)

    def paste(self, pasted: str) -> None:
        """Insert ``pasted`` as a paste: its lines kept or joined, cut to what fits; say what was changed."""
        limit = self.max_length or TEXT_MAX
        # Only what could fit is cleaned, so a 10 MB paste costs no more than a full field.
        lines = paste_lines(pasted[: limit * 4])
        filled = [line.strip() for line in lines if line.strip()]
        if self.keeps_lines or len(lines) == 1:
            text = "\n".join(lines)
        else:
            text = " ".join(filled)
        start, end = sorted(self.selection)
        room = max(limit - (len(self.value) - (end - start)), 0)
        kept = text[:room]
        if kept:
            self.replace(kept, start, end)
        if len(filled) > 1 and not self.keeps_lines:
            self._say(
                _("{count} lines pasted; this field holds one line, so they were joined with spaces."),
                count=len(filled),
            )
        if len(text) > room or len(pasted) > limit * 4:
            if kept:
                self._say(
                    _("Too long: only the first {kept} characters were kept (this field holds {limit})."),
                    kept=len(kept),
                    limit=limit,
                )
            else:
                self._say(
                    _("Too long: the field is full (it holds {limit} characters); nothing was pasted."), limit=limit
                )

    def _say(self, message: str, **values: object) -> None:
        self.app.say(message.format(**values), severity="warning")
