"""F6 when saving keeps failing: write everything to a new encrypted file (same passphrase) and go on there."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from intervisie_tui.i18n import N_, _
from intervisie_tui.store.export_paths import unsafe_name_reason
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.text_field import TextField


def save_as_problem(path: Path) -> str | None:
    """Why the new file cannot go at ``path`` (in the UI language), or None."""
    reason = unsafe_name_reason(path.name)
    if reason:
        return reason
    if path.exists():
        return _("{path} exists already; choose a new name.").format(path=path)
    if not path.parent.is_dir():
        return _("The folder {folder} does not exist.").format(folder=path.parent)
    return None


class SaveAsDialog(AppModal[Path | None]):
    """Where the new file goes; Enter writes it, Esc keeps trying the old place."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="save_as.cancel")]

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self._suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(_("Save as a new file"), id="help-title", markup=False)
            yield Static(
                _(
                    "The file cannot be saved where it is. Everything on screen is written to a new "
                    "encrypted file; your passphrase opens it. The old file is left as it is."
                ),
                markup=False,
            )
            yield TextField(str(self._suggested), id="save-as-path", select_on_focus=False)
            yield Static("", id="save-as-problem", markup=False)
            yield Static(_("Enter: write the new file · Esc: cancel"), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = Path(event.value.strip()).expanduser().absolute()
        problem = save_as_problem(path)
        if problem:
            self.query_one("#save-as-problem", Static).update(literal(problem))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        """Keep trying to save in the old place."""
        self.dismiss(None)
