"""A small modal form for one turn: a few labelled fields, Enter to keep, Esc to cancel.

Used for a candidate case (title, question, urgency), a top and a tip, a
closing turn (what I take with me, marks) and the next meeting's plan.
Fields are checked by the caller's ``check`` function, which raises
``ValueError`` with a message to show; the form then stays open with
everything typed still in it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from intervisie_tui.core.sanitize import TextRejected
from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.text_field import TextField

Values = dict[str, str]


@value_class
class Field:
    """One line of the form."""

    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    hint: Callable[[str], str] | None = None
    """A soft remark under the field while typing (never blocks)."""
    max_length: int = 500


class TurnForm(AppModal[Values | None]):
    """Ask for a few values; dismisses with them (as typed) or None."""

    DEFAULT_CSS = """
    TurnForm VerticalScroll {
        height: auto;
        max-height: 16;
    }
    TurnForm .form-label {
        color: $foreground;
        margin-top: 1;
    }
    TurnForm .form-hint {
        color: $text-warning;
        height: auto;
    }
    TurnForm #form-intro {
        color: $text-muted;
        height: auto;
    }
    TurnForm #form-help {
        color: $text-muted;
        margin-top: 1;
    }
    TurnForm #form-error {
        color: $text-error;
        text-style: bold;
        height: auto;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
        # Priority: the scrolling field container would otherwise take the arrows to scroll.
        Binding("down", "app.focus_next", N_("Next field"), id="form.next", show=False, priority=True),
        Binding("up", "app.focus_previous", N_("Previous field"), id="form.previous", show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        check: Callable[[Values], object] | None = None,
        intro: str = "",
    ) -> None:
        super().__init__()
        self._title = title
        self._intro = intro
        """A line of guidance above the fields ("" for none)."""
        self._fields = fields
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(literal(self._title), id="form-title")
            if self._intro:
                yield Static(self._intro, id="form-intro", markup=False)
            with VerticalScroll(id="form-fields", can_focus=False):
                for field in self._fields:
                    yield Static(literal(field.label), classes="form-label")  # may name a member
                    yield TextField(
                        field.value,
                        placeholder=field.placeholder,
                        id=f"field-{field.key}",
                        max_length=field.max_length,
                        select_on_focus=False,
                    )
                    if field.hint is not None:
                        yield Static("", id=f"hint-{field.key}", classes="form-hint", markup=False)
            yield Static(
                _("Enter keeps it, ↑/↓ or Tab move between fields, Esc cancels."), id="form-help", markup=False
            )
            yield Static("", id="form-error", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        for field in self._fields:
            self._show_hint(field, field.value)
        # No scrolling on focus: the first field's label would scroll out of view on a tall form.
        self.query_one(f"#field-{self._fields[0].key}", Input).focus(scroll_visible=False)
        # Textual still brings a focused field into view once laid out: start at the top again.
        self.call_after_refresh(self.query_one(VerticalScroll).scroll_home, animate=False)

    def values(self) -> Values:
        """What is typed in each field, by key."""
        return {field.key: self.query_one(f"#field-{field.key}", Input).value for field in self._fields}

    def _show_hint(self, field: Field, text: str) -> None:
        if field.hint is not None:
            self.query_one(f"#hint-{field.key}", Static).update(field.hint(text))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("field-")
        field = next((field for field in self._fields if field.key == key), None)
        if field is not None:
            self._show_hint(field, event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = self.values()
        if self._check is not None:
            try:
                self._check(values)
            except TextRejected as error:
                self._error(error.message())
                return
            except ValueError as error:
                self._error(str(error))
                return
        self.dismiss(values)

    def _error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(message)

    def action_cancel(self) -> None:
        """Close without keeping anything."""
        self.dismiss(None)
