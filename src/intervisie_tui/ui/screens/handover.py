"""O on the group screen: hand the group over in a new encrypted file with the group's own passphrase.

The export runs in a worker thread (the new file's key derivation takes a
moment). Afterwards the screen says plainly what the new file holds, that
copies taken earlier cannot be revoked, and what the supervisor can do with
their own copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from intervisie_tui.core.model import Group
from intervisie_tui.i18n import N_, _, ngettext
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.handover import HandoverReport, export_group
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.passphrase import PassphraseInput, refuse_new_passphrase
from intervisie_tui.ui.widgets.text_field import TextField


def suggested_path(source: Path, group: Group) -> Path:
    """Next to the supervisor's file: ``<group name>-overdracht.ivt`` with only safe characters."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", group.name).strip("-").lower() or "groep"
    return source.parent / f"{stem[:40]}-overdracht.ivt"


def report_text(report: HandoverReport, delete_key: str = "d") -> str:
    """What was handed over, what cannot be undone, and how to delete the group here (``delete_key``)."""
    return "\n".join(
        [
            _("Written: {path}").format(path=report.path),
            _("In it: {members}, {meetings}; {records} in all.").format(
                members=ngettext("{n} member", "{n} members", report.members).format(n=report.members),
                meetings=ngettext("{n} meeting", "{n} meetings", report.meetings).format(n=report.meetings),
                records=ngettext("{n} record", "{n} records", report.records).format(n=report.records),
            ),
            _("Your private notes are not in it."),
            _("Copies of your own file taken earlier (backups, USB sticks, mail) cannot be revoked."),
            _(
                "You can now give your own file a new passphrase (intervisie passwd), or delete the group from it: "
                "{key} on the group screen (the backups beside the file keep it until newer ones replace them)."
            ).format(key=delete_key.upper()),
        ]
    )


class HandoverScreen(AppModal[HandoverReport | None]):
    """Where to write the group's file and its new passphrase (twice); dismisses with the report or None."""

    DEFAULT_CSS = """
    HandoverScreen #handover-intro {
        color: $text-muted;
        margin-bottom: 1;
    }
    HandoverScreen #handover-status {
        height: auto;
        margin-top: 1;
    }
    HandoverScreen #handover-status.-error { color: $text-error; }
    HandoverScreen #handover-status.-done { color: $text-success; }
    """

    CHAIR_ONLY = True

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="handover.cancel")]

    @dataclass
    class Done(Message):
        """The export finished."""

        report: HandoverReport

    @dataclass
    class Failed(Message):
        """The export failed."""

        text: str

    def __init__(self, group: Group, source: Path) -> None:
        super().__init__()
        self._group = group
        self._source = source
        self._report: HandoverReport | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(literal(_("Hand over {group}").format(group=self._group.name)), id="form-title")
            yield Static(
                _(
                    "A new encrypted file for the group: its members, agreements, methods and meetings. "
                    "Your private notes stay out. The group chooses the passphrase."
                ),
                id="handover-intro",
                markup=False,
            )
            yield TextField(str(suggested_path(self._source, self._group)), id="handover-path")
            yield PassphraseInput(placeholder=_("The group's new passphrase"), id="first")
            yield PassphraseInput(placeholder=_("Same passphrase again"), id="second")
            yield Static("", id="handover-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#handover-path", Input).focus()

    def _status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#handover-status", Static)
        status.update(literal(text))
        status.set_classes(kind)

    @on(Input.Submitted, "#handover-path")
    def _path_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#first", PassphraseInput).focus()

    @on(PassphraseInput.Submitted, "#first")
    def _first_done(self, event: PassphraseInput.Submitted) -> None:
        event.stop()
        self.query_one("#second", PassphraseInput).focus()

    @on(PassphraseInput.Submitted, "#second")
    def _second_done(self, event: PassphraseInput.Submitted) -> None:
        event.stop()
        if self._report is not None:
            self.dismiss(self._report)
            return
        first = self.query_one("#first", PassphraseInput)
        second = self.query_one("#second", PassphraseInput)
        problem = refuse_new_passphrase(first, second)
        if problem:
            self._status(problem, "-error")
            return
        path = Path(self.query_one("#handover-path", Input).value.strip()).expanduser()
        for field in self.query(Input):
            field.disabled = True
        self._status(_("Writing the group's file…"))
        self._export(path, first.value)

    @work(thread=True, exclusive=True, group="handover")
    def _export(self, path: Path, passphrase: str) -> None:
        app = self.app
        try:
            report = export_group(
                app.current_repository, self._group.id, path, passphrase, kdf=app.context.opener.kdf, clock=app.clock
            )
        except VaultError as error:
            self.post_message(self.Failed(error.message()))
            return
        except OSError as error:
            self.post_message(self.Failed(_("The file could not be written: {reason}").format(reason=error.strerror)))
            return
        self.post_message(self.Done(report))

    @on(Done)
    def _on_done(self, message: Done) -> None:
        self._report = message.report
        for field in self.query(PassphraseInput):
            field.clear()
        self._status(report_text(message.report, self._delete_key()) + "\n" + _("Enter or Esc closes."), "-done")
        self.focus()

    def _delete_key(self) -> str:
        """The key that deletes the group on the group screen below, as bound now (settings may remap it)."""
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if below is not None:
            for active in below.active_bindings.values():
                if active.binding.id == "group.delete":
                    return self.app.get_key_display(active.binding)
        return "d"

    @on(Failed)
    def _on_failed(self, message: Failed) -> None:
        self._status(message.text, "-error")
        for field in self.query(Input):
            field.disabled = False
        self.query_one("#handover-path", Input).focus()

    def key_enter(self) -> None:
        """After the export, Enter closes."""
        if self._report is not None:
            self.dismiss(self._report)

    def action_cancel(self) -> None:
        """Close; after an export, with its report."""
        self.dismiss(self._report)
