"""The merge screen: what came in from another copy, and every record that waits for a decision.

A merge keeps both versions of a field that two copies changed, and keeps a record
that one copy deleted while the other changed it (store/review.py). Here the chair
sees the highlighted record's two versions side by side and keeps one, the other,
or both; each decision is one save through the store, and a failed save leaves the
record waiting (docs/SYNC.md).
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intervisie_tui.i18n import N_, _, ngettext
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.review import (
    KEEP_BOTH,
    KEEP_OTHER,
    KEEP_SHOWN,
    ReviewItem,
    open_items,
    resolve_deleted,
    resolve_field,
)
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.screens.merge_view import can_keep_both, field_name, item_label, other_side, shown_side
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.title_bar import TitleBar

_KEPT = {
    KEEP_SHOWN: N_("kept as it was shown"),
    KEEP_OTHER: N_("kept as the other copy had it"),
    KEEP_BOTH: N_("both versions kept"),
}


class MergeReviewScreen(AppScreen[None]):
    """Incoming records, and each waiting decision with its two versions side by side."""

    CHAIR_ONLY = True  # it shows any record of any group in the file

    DEFAULT_CSS = """
    MergeReviewScreen #review { height: 1fr; padding: 0 1; }
    MergeReviewScreen #review-came-in { height: auto; max-height: 4; color: $text-muted; }
    MergeReviewScreen #review-count { height: auto; text-style: bold; color: $accent; }
    MergeReviewScreen #review-items { height: auto; max-height: 6; border: none; }
    MergeReviewScreen #review-compare { height: 1fr; border-top: hkey $primary; }
    MergeReviewScreen .review-side { width: 1fr; height: 1fr; padding: 0 1; }
    MergeReviewScreen #review-shown { border-right: vkey $primary; }
    MergeReviewScreen .review-side-title { text-style: bold; color: $primary; }
    MergeReviewScreen #review-status { height: auto; }
    MergeReviewScreen #review-status.-error { color: $text-error; }
    """

    BINDINGS = [
        Binding("1", "keep('shown')", N_("Keep shown"), id="review.keep_shown"),
        Binding("2", "keep('other')", N_("Keep other"), id="review.keep_other"),
        Binding("b", "keep('both')", N_("Keep both"), id="review.keep_both"),
        Binding("r", "deleted(True)", N_("Bring back"), id="review.bring_back"),
        Binding("d", "deleted(False)", N_("Let it go"), id="review.let_go"),
        Binding("escape", "back", N_("Back"), id="review.back"),
    ]

    def __init__(self, group_id: str | None = None, came_in: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.group_id = group_id
        """Only this group's decisions (from its screen); None: every group's."""
        self.came_in = came_in
        """What the last merge in this run brought, one line a copy."""
        self.items: list[ReviewItem] = []
        self._groups: dict[str, str] = {}
        self._names: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar(_("Merge"))
        with Vertical(id="review"):
            yield Static(literal("\n".join(self.came_in)), id="review-came-in")
            yield Static("", id="review-count", markup=False)
            yield OptionList(id="review-items")
            with Horizontal(id="review-compare"):
                with VerticalScroll(id="review-shown", classes="review-side"):
                    yield Static("", id="review-shown-title", classes="review-side-title", markup=False)
                    yield Static("", id="review-shown-text")
                with VerticalScroll(id="review-other", classes="review-side"):
                    yield Static("", id="review-other-title", classes="review-side-title", markup=False)
                    yield Static("", id="review-other-text")
            yield Static("", id="review-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#review-came-in", Static).display = bool(self.came_in)
        self._reload()

    # -- state -------------------------------------------------------------------------

    def _reload(self, at: int = 0) -> None:
        """Read the waiting decisions again and show the one at ``at`` (or the last)."""
        repository = self.app.current_repository
        groups = repository.groups()
        self._groups = {group.id: group.name for group in groups}
        self._names = {member.id: member.name for group in groups for member in repository.members(group.id)}
        self.items = open_items(repository, self.group_id)
        # The group's name only when the list holds records of several groups.
        named = {item.group_id: self._groups.get(item.group_id, "") for item in self.items}
        count = len(self.items)
        self.query_one("#review-count", Static).update(
            ngettext("{n} decision waits.", "{n} decisions wait.", count).format(n=count)
            if count
            else _("Nothing waits for a decision.")
        )
        listing = self.query_one("#review-items", OptionList)
        listing.clear_options()
        listing.add_options(Option(item_label(item, named), id=str(index)) for index, item in enumerate(self.items))
        listing.display = bool(self.items)
        self.query_one("#review-compare").display = bool(self.items)
        if self.items:
            listing.highlighted = min(at, count - 1)
            listing.focus()
        self._show(self.current())

    def current(self) -> ReviewItem | None:
        """The highlighted record (None when nothing waits)."""
        if not self.items:
            return None
        at = self.query_one("#review-items", OptionList).highlighted
        return self.items[at] if at is not None and at < len(self.items) else None

    def _show(self, item: ReviewItem | None) -> None:
        if item is not None:
            deleted = not item.fields
            self.query_one("#review-shown-title", Static).update(
                _("Deleted on one copy") if deleted else _("Shown now")
            )
            self.query_one("#review-other-title", Static).update(
                _("Changed on the other") if deleted else _("Other copy")
            )
            self.query_one("#review-shown-text", Static).update(shown_side(item, self._names))
            self.query_one("#review-other-text", Static).update(other_side(item, self._names))
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted, "#review-items")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show(self.current())

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#review-status", Static)
        status.update(literal(text))
        status.set_class(error, "-error")

    # -- decisions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """1, 2 and b for a field changed on both copies; r and d for a record deleted on one."""
        if action in ("keep", "deleted"):
            item = self.current() if self.is_mounted else None
            if item is None:
                return False
            return bool(item.fields) if action == "keep" else not item.fields
        return True

    def on_key(self, event: events.Key) -> None:
        """A decision key the highlighted record has no use for (hidden from the key bar) says which keys do."""
        item = self.current()
        if item is None or event.key not in ("1", "2", "b", "r", "d"):
            return
        if item.fields and event.key in ("r", "d"):
            self._status(_("Nothing was deleted here: keep one version with 1 or 2, or both with b."), error=True)
        elif not item.fields and event.key in ("1", "2", "b"):
            self._status(_("This record was deleted here: r brings it back, d lets it go."), error=True)

    def action_keep(self, choice: str) -> None:
        """Keep the shown version of every conflicting field of the record, the other, or both."""
        item = self.current()
        if item is None or not item.fields:
            return
        if choice == KEEP_BOTH:
            single = [conflict.field for conflict in item.fields if not can_keep_both(conflict)]
            if single:
                self._status(
                    _(
                        "Both cannot be kept: {fields} holds one value (a name, a date, a number or a choice). Keep one: 1 or 2."
                    ).format(fields=", ".join(field_name(field) for field in single)),
                    error=True,
                )
                return
        repository = self.app.current_repository
        try:
            for conflict in item.fields:
                resolve_field(repository, item, conflict.field, choice)
        except VaultError as error:
            self._failed(error)
            return
        self._decided(_(_KEPT[choice]))

    def action_deleted(self, bring_back: bool) -> None:
        """A record deleted on one copy and changed on the other: bring the changed version back, or let it go."""
        item = self.current()
        if item is None or item.fields or item.kept is None:
            return
        try:
            resolve_deleted(self.app.current_repository, item, bring_back=bring_back)
        except VaultError as error:
            self._failed(error)
            return
        self._decided(_("brought back as the other copy had it") if bring_back else _("left deleted"))

    def _decided(self, what: str) -> None:
        at = self.query_one("#review-items", OptionList).highlighted or 0
        self._reload(at)
        done = _("Decided: {what}.").format(what=what)
        self._status(done if self.items else done + " " + _("Every decision is made."))

    def _failed(self, error: VaultError) -> None:
        """The decision was not saved: say so; the record stays in the list (as the file has it now)."""
        message = _("Not decided: {reason}").format(reason=error.message())
        self.app.say(message, severity="error")
        self._reload(self.query_one("#review-items", OptionList).highlighted or 0)
        self._status(message, error=True)

    # -- the app's hooks -------------------------------------------------------------------

    def can_rebuild(self) -> bool:
        """Nothing is typed here: it can be built again."""
        return True

    def reopen(self, below: Screen[Any]) -> None:
        """The merge screen again, as the file is now."""
        self.app.navigate.merge_review(self.group_id, self.came_in)

    def action_back(self) -> None:
        """Back to the screen it was opened from."""
        self.dismiss()
