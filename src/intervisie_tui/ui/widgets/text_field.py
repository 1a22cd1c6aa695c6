"""A one-line text field for user text: drawn without control characters, and a paste that does not fit says so.

Textual's ``Input`` draws its value as it is: an escape sequence in a stored
name opened for editing, or in a paste, would reach the terminal. And a paste
longer than ``max_length`` is dropped whole with only a bell. This field draws
its value through :func:`~intervisie_tui.core.sanitize.display` (one character
for one, so the cursor stays where it was) and keeps what fits of a long paste,
with a notice. The value itself is untouched: the caller's cleaning
(``clean_line``) decides what is stored or refused.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input

from intervisie_tui.core.sanitize import display
from intervisie_tui.i18n import _


class TextField(Input):
    """``Input`` for names, notes, questions and paths."""

    def _watch_value(self, value: str) -> None:
        # Input stores the text's width as its virtual size through a layout reactive, so every key asked
        # for a layout of the whole screen. The field's size never follows its text (width: 100%), and the
        # scroll limits read the virtual size directly: store it without a layout (Input then sees no change).
        if not self.styles.auto_dimensions:
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    @property
    def _value(self) -> Text:
        """The value as drawn: control characters and bidi overrides shown as U+FFFD."""
        if self.password:
            return super()._value
        text = Text(display(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _on_paste(self, event: events.Paste) -> None:
        """Keep what fits of a paste that is too long, and say so (``Input`` would drop it with a bell)."""
        if not event.text or not self.max_length:
            return  # Input's own handler takes it
        line = event.text.splitlines()[0]  # as Input does: a one-line field takes the first line
        start, end = sorted(self.selection)
        room = max(self.max_length - (len(self.value) - (end - start)), 0)
        if len(line) <= room:
            return
        event.prevent_default()  # Input's handler would refuse the whole paste with a bell
        event.stop()
        if room:
            self.replace(line[:room], start, end)
            message = _("Too long: only the first {kept} characters were kept (this field holds {limit}).")
        else:
            message = _("Too long: the field is full (it holds {limit} characters); nothing was pasted.")
        self.app.say(message.format(kept=room, limit=self.max_length), severity="warning")  # type: ignore[attr-defined]
