"""F4: the settings a group changes in the room (theme, language, idle lock, view); saved in settings.toml.

Remapped keys are not edited here: they live in the ``[keys]`` table of the
same file (see docs/SETTINGS.md), and the screen says where that file is.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Input, Select, Static

from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.settings import (
    CHAIR_VIEW,
    FILE_NAME,
    MAX_IDLE_MINUTES,
    ROOM_VIEW,
    Settings,
)
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.text_field import TextField


def shown_path(path: Path) -> str:
    """A path for the screen with the home folder as "~" (a projected home path would show a login name)."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def idle_minutes(typed: str) -> int | None:
    """The idle minutes typed, or None when they are not a whole number from 0 to the maximum."""
    text = typed.strip()
    if not (text.isascii() and text.isdecimal()):
        return None
    minutes = int(text)
    return minutes if minutes <= MAX_IDLE_MINUTES else None


class SettingsScreen(AppModal[Settings | None]):
    """Tab moves between the fields, Enter opens a list, Ctrl+S saves, Esc cancels."""

    DEFAULT_CSS = """
    SettingsScreen Grid {
        grid-size: 2;
        grid-columns: 36 1fr;
        grid-rows: 1;
        grid-gutter: 1 1;
        height: auto;
        margin: 1 0;
    }
    SettingsScreen #settings-problem {
        color: $text-error;
        height: auto;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="settings.save"),
        Binding("escape", "cancel", N_("Cancel"), id="settings.cancel"),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        app = self.app
        themes = [(literal(app.theme_set.label(theme.name)), theme.name) for theme in app.theme_set.themes]
        current_theme = app.theme if any(name == app.theme for _label, name in themes) else Select.NULL
        with Vertical(id="settings-box"):
            yield Static(_("Settings"), id="help-title", markup=False)
            with Grid(id="settings-grid"):
                yield Static(_("Theme"), markup=False)
                yield Select(
                    themes,
                    value=current_theme,
                    allow_blank=current_theme is Select.NULL,
                    prompt=_("Standard (dark)"),
                    id="setting-theme",
                    compact=True,
                )
                yield Static(_("Language"), markup=False)
                yield Select(
                    [(_("Dutch"), "nl"), (_("English"), "en")],
                    allow_blank=False,
                    value=self.app.context.language,
                    id="setting-language",
                    compact=True,
                )
                yield Static(_("Lock after idle minutes"), markup=False)
                yield TextField(
                    str(self.settings.idle_lock_minutes),
                    id="setting-idle",
                    max_length=3,
                    placeholder=_("0 = never"),
                    compact=True,
                )
                yield Static(_("Lock when the terminal loses focus"), markup=False)
                yield Select(
                    [(_("Yes"), True), (_("No"), False)],
                    allow_blank=False,
                    value=self.settings.lock_on_focus_loss,
                    id="setting-focus",
                    compact=True,
                )
                yield Static(_("View at the start"), markup=False)
                yield Select(
                    [(_("Chair's view"), CHAIR_VIEW), (_("Room view"), ROOM_VIEW)],
                    allow_blank=False,
                    value=self.settings.view,
                    id="setting-view",
                    compact=True,
                )
            folder = self.app.config_folder
            yield Static(
                literal(_("Keys can be changed in {file}, table [keys].").format(file=shown_path(folder / FILE_NAME))),
                classes="dialog-hint",
            )
            yield Static("", id="settings-problem", markup=False)
            yield Static(
                _("Tab: next field · Enter: open a list · Ctrl+S saves · Esc cancels"), id="help-hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#setting-theme", Select).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def chosen(self) -> Settings | None:
        """The settings as filled in, or None (with the reason on screen) when a value is wrong."""
        minutes = idle_minutes(self.query_one("#setting-idle", Input).value)
        if minutes is None:
            self.query_one("#settings-problem", Static).update(
                _("Idle minutes: a whole number from 0 (never) to {most}.").format(most=MAX_IDLE_MINUTES)
            )
            self.query_one("#setting-idle", Input).focus()
            return None
        theme = self.query_one("#setting-theme", Select).value
        return replace(
            self.settings,
            theme=theme if isinstance(theme, str) else self.settings.theme,
            language=str(self.query_one("#setting-language", Select).value),
            idle_lock_minutes=minutes,
            lock_on_focus_loss=bool(self.query_one("#setting-focus", Select).value),
            view=str(self.query_one("#setting-view", Select).value),
        )

    def action_save(self) -> None:
        """Ctrl+S (or Enter in the minutes): save and use the settings."""
        settings = self.chosen()
        if settings is not None:
            self.dismiss(settings)

    def action_cancel(self) -> None:
        """Leave everything as it was."""
        self.dismiss(None)

    def can_rebuild(self) -> bool:
        """The settings screen closes as the language changes; nothing to keep."""
        return True
