"""Where to write a plaintext export: a path, checked before anything is written.

The dialog says plainly that the file will not be encrypted. Enter checks the
path (:func:`~intervisie_tui.store.export_paths.check_export_path`): a refused
path shows why and the dialog stays open; a synced folder or an existing file
each need a second Enter after a warning. Any change to the path asks again.
The dialog only chooses the path; the caller writes the file. Where the caller offers formats
(HTML to print, Markdown), choosing one sets the path's suffix, and the suffix is what is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, RadioButton, RadioSet, Static

from intervisie_tui.i18n import N_, _
from intervisie_tui.render.formats import CSV, HTML, MARKDOWN, SUFFIX, format_of
from intervisie_tui.store.export_paths import check_export_path
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.text_field import TextField

_SEPARATORS = ("/", "\\")
_FORMAT_LABELS = {
    HTML: N_("HTML: a page to print"),
    MARKDOWN: N_("Markdown: plain text"),
    CSV: N_("CSV: a spreadsheet"),
}


class ExportDialog(AppModal[Path | None]):
    """Asks for the path of a plaintext export; dismisses with the checked Path, or None on Esc."""

    DEFAULT_CSS = """
    ExportDialog #export-status { height: auto; }
    ExportDialog #export-status.-error {
        color: $text-error;
        text-style: bold;
    }
    ExportDialog #export-status.-warning { color: $text-warning; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"), id="export.cancel")]

    def __init__(self, title: str, suggested: Path, protected: Iterable[Path], formats: Sequence[str] = ()) -> None:
        super().__init__()
        self._formats = tuple(formats)
        """The formats offered (``render.formats``); none: the path alone decides."""
        self._title = title
        self._suggested = suggested
        self._protected = tuple(protected)
        self._confirmed: set[tuple[str, str]] = set()
        """Warnings already shown for a path ((path, kind)); the next Enter goes past them."""

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(literal(self._title), id="help-title")
            yield Static(
                literal(_("This file will NOT be encrypted: anyone with access to the folder can read it."), "bold"),
                id="export-warning",
            )
            yield TextField(str(self._suggested), id="export-path", select_on_focus=False)
            if self._formats:
                chosen = format_of(self._suggested)
                with RadioSet(id="export-format"):
                    for kind in self._formats:
                        yield RadioButton(_(_FORMAT_LABELS[kind]), value=kind == chosen, id=f"format-{kind}")
            yield Static("", id="export-status")
            hint = (
                _("Tab: format · Enter: write the file · Esc: cancel")
                if self._formats
                else _("Enter: write the file · Esc: cancel")
            )
            yield Static(hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _status(self, text: str, kind: str) -> None:
        status = self.query_one("#export-status", Static)
        status.update(literal(text))
        status.set_classes(kind)

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._confirmed.clear()
        self._status("", "")

    @on(RadioSet.Changed, "#export-format")
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        """A format chosen: the path gets its suffix (the path is what the caller writes by)."""
        event.stop()
        kind = (event.pressed.id or "").removeprefix("format-")
        field = self.query_one("#export-path", Input)
        path = Path(field.value.strip())
        if kind in SUFFIX and path.name and format_of(path) != kind:
            field.value = str(path.with_suffix(SUFFIX[kind]))

    @on(Input.Submitted, "#export-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        if raw.endswith(_SEPARATORS):
            self._status(_("The path ends with a folder separator; add a file name."), "-error")
            return
        path = Path(raw).expanduser().absolute()
        check = check_export_path(path, protected=self._protected)
        if check.refused:
            self._status(check.refused, "-error")
            return
        warnings: list[tuple[str, str]] = []
        if check.synced:
            warnings.append(
                (
                    "synced",
                    _(
                        "This folder is synced by {service}: the file would be copied to their servers. "
                        "Press Enter again to write it anyway, or change the path."
                    ).format(service=check.synced),
                )
            )
        if path.exists():
            warnings.append(
                (
                    "exists",
                    _("{path} already exists. Press Enter again to overwrite it, or change the path.").format(
                        path=path
                    ),
                )
            )
        for kind, text in warnings:
            if (str(path), kind) not in self._confirmed:
                self._confirmed.add((str(path), kind))
                self._status(text, "-warning")
                return
        self.dismiss(path)

    def action_cancel(self) -> None:
        """Close without a path."""
        self.dismiss(None)
