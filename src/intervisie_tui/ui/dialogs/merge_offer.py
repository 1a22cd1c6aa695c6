"""At unlock: a sync tool set copies of the file aside. One key merges them; Esc leaves them for later."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from intervisie_tui.i18n import N_, _, ngettext
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import literal


class MergeOffer(AppModal[bool]):
    """Names the copies found beside the file; dismisses with True (merge now) or False (later)."""

    DEFAULT_CSS = """
    MergeOffer #confirm-detail { margin: 1 0; }
    """

    BINDINGS = [
        Binding("m", "answer(True)", N_("Merge now"), id="merge_offer.merge"),
        Binding("escape", "answer(False)", N_("Later"), id="merge_offer.later"),
    ]

    def __init__(self, names: list[str], file_name: str) -> None:
        super().__init__()
        self._names = names
        self._file_name = file_name

    def compose(self) -> ComposeResult:
        count = len(self._names)
        found = ngettext(
            "A sync tool set aside {n} copy of this file: {names}.",
            "A sync tool set aside {n} copies of this file: {names}.",
            count,
        ).format(n=count, names=", ".join(self._names))
        detail = _(
            "They hold what was saved on another laptop while the two were apart. Merging brings it in: "
            "nothing is lost, what was changed on both waits for your decision, and each copy is kept "
            "as {file}.merged-N."
        ).format(file=self._file_name)
        with Vertical(id="confirm-box"):
            yield Static(literal(found), id="confirm-question")  # file names: never markup
            yield Static(literal(detail), id="confirm-detail")
            yield Static(_("m: merge them now · Esc: later"), id="confirm-keys", markup=False)

    def action_answer(self, merge: bool) -> None:
        """Close with the answer."""
        self.dismiss(merge)
