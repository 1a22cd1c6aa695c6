"""Bringing copies of the open file together: conflict copies found at unlock, and a file replaced while open.

:class:`Merger` is a collaborator of the app. The merging itself is the store's
(``store/merged_copies.py``, ``store/replaced.py``); this module asks what the store
cannot know (merge now?, another copy's passphrase), runs the store's work off the
UI thread, says what came in, opens the merge screen when something waits for a
decision, and builds the open screens again from the merged file (docs/SYNC.md).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.timer import Timer

from intervisie_tui.i18n import _
from intervisie_tui.store.errors import FileChangedOnDisk, VaultError, WrongPassphrase
from intervisie_tui.store.sync_copies import sync_copies_beside
from intervisie_tui.ui.base import AppHooks

if TYPE_CHECKING:
    from intervisie_tui.store.merge import MergeReport
    from intervisie_tui.store.repository import Repository
    from intervisie_tui.ui.app import IntervisieApp

T = TypeVar("T")

SAVED_WITHIN_S = 5.0
"""How long a merge waits for the app's own waiting changes to be saved (before, and after it)."""

REBUILD_CHECK_S = 0.5
"""While something is typed when a merge ends, how often to look whether the screens can show it now."""


class Merger:
    """Offers, runs and reports merges of the open file with its other copies."""

    def __init__(self, app: IntervisieApp) -> None:
        self._app = app
        self.came_in: tuple[str, ...] = ()
        """What the last merge of conflict copies brought, one line a copy (the merge screen shows it)."""
        self._busy = False
        self._given_up: Repository | None = None
        """The file whose replacement the user chose not to merge (no passphrase, or another file)."""
        self._waiting: Timer | None = None
        """Looks whether the screens can show a merge yet (something was typed when it ended)."""

    @property
    def busy(self) -> bool:
        """Whether a merge is under way (a question may be open)."""
        return self._busy

    def file_opened(self) -> None:
        """A file was opened (at start, or after a lock): start afresh, then offer the copies beside it.

        A merge of the file before (its question left open when the app locked) is let go: its
        screens went with the lock, and the file is read anew.
        """
        self._app.workers.cancel_group(self._app, "merge")
        self._busy = False
        self._given_up = None
        self.came_in = ()
        if self._waiting is not None:
            self._waiting.stop()
            self._waiting = None
        self.offer_copies()

    # -- conflict copies beside the file ---------------------------------------------------

    def offer_copies(self, then: Callable[[], None] | None = None) -> bool:
        """Say which copies a sync tool set aside beside the file and offer to merge them (one key).

        ``then`` runs when the user leaves them for later. False when there are none.
        """
        repository = self._app.repository
        if repository is None:
            return False
        found = [repository.path.with_name(copy.name) for copy in sync_copies_beside(repository.path)]
        if not found:
            return False
        # A worker, so the question belongs to the app: the screen that opened the file (unlock) is
        # taken down meanwhile, and an answer handed back to it would never arrive.
        self._start(self._offer(repository, found, then))
        return True

    async def _offer(self, repository: Repository, copies: list[Path], then: Callable[[], None] | None) -> None:
        from intervisie_tui.ui.dialogs.merge_offer import MergeOffer

        try:
            merge = await self._app.push_screen_wait(MergeOffer([path.name for path in copies], repository.path.name))
            if merge:
                await self._merge_copies(repository, copies)
        finally:
            self._busy = False
        if not merge and then is not None:
            then()

    def open_review(self, group_id: str | None = None, back: Callable[[object], None] | None = None) -> None:
        """The merge key: offer the copies beside the file, else open the merge screen, else say why not.

        ``group_id``: from a group's screen, that group's decisions only (copies are offered at home).
        ``back`` is called when the merge screen closes.
        """
        app = self._app
        repository = app.repository
        if repository is None:
            return
        if self._busy:
            app.say(_("A merge is under way: press the key again when it is done."))
            return

        from intervisie_tui.store.review import open_items

        def to_show() -> bool:
            return bool(open_items(repository, group_id)) or (bool(self.came_in) and group_id is None)

        def review() -> None:
            if to_show():
                app.navigate.merge_review(group_id, self.came_in, back)

        if group_id is None and self.offer_copies(then=review):
            return
        if to_show():
            review()
        elif group_id is not None:
            app.say(_("No decision waits for this group."))
        else:
            app.say(
                _(
                    "Nothing to merge: no copy that a sync tool set aside is beside the file, "
                    "and no decision waits from an earlier merge."
                )
            )

    async def _merge_copies(self, repository: Repository, copies: list[Path]) -> None:
        from intervisie_tui.store.review import open_items

        app = self._app
        if app.saver is not None:  # what waits to be saved goes in first
            await asyncio.to_thread(app.saver.flush, SAVED_WITHIN_S)
        lines = [await self._merge_copy(repository, copy) for copy in copies]
        if app.repository is not repository:
            return  # locked or closed meanwhile
        self.came_in = tuple(lines)
        self.show_merged()
        if open_items(repository) and not app.room_view:  # it shows what came in, at its top
            app.navigate.merge_review(None, self.came_in)
        else:  # never opened in the room's view: it shows records of every group, both versions
            app.say("\n".join(lines), timeout=20)

    async def _merge_copy(self, repository: Repository, copy: Path) -> str:
        """One copy merged (its line for the report), or why it was left as it was."""
        from intervisie_tui.store.merge import UnrelatedFiles
        from intervisie_tui.store.merged_copies import merge_copy
        from intervisie_tui.ui.screens.merge_view import report_text

        name = copy.name
        try:
            merged = await self._with_passphrase(name, lambda phrase: merge_copy(repository, copy, phrase))
        except UnrelatedFiles:
            return _("{name}: not a copy of this file (another file under a similar name); left as it was.").format(
                name=name
            )
        except VaultError as error:
            return _("{name}: not merged, left as it was: {reason}").format(name=name, reason=error.message())
        except OSError as error:
            return _("{name}: not merged, left as it was: {reason}").format(name=name, reason=error.strerror or "")
        if merged is None:
            return _("{name}: not merged (no passphrase); left as it was.").format(name=name)
        return report_text(name, merged.report) + " " + _("Kept as {kept}.").format(kept=merged.kept.name)

    # -- the file replaced under the running app -----------------------------------------

    def take_replaced(self) -> bool:
        """A save failed: when the file on disk was replaced (a sync tool brought another laptop's
        version), merge it and save again. True when that is under way (the merger tells the user)."""
        repository = self._app.repository
        if self._busy or repository is None or repository is self._given_up:
            return False
        if not repository.storage.vault.on_disk_changed():
            return False
        self._start(self._merge_replaced(repository))
        return True

    def _merge_with_waiting(self, repository: Repository, phrase: str | None) -> MergeReport:
        """Merge the replacing file, taking in the writes the saver could not make (see store/replaced.py)."""
        from intervisie_tui.store.replaced import merge_replaced

        saver = self._app.saver
        if saver is None:
            return merge_replaced(repository, phrase)
        with saver.held() as waiting:
            return merge_replaced(repository, phrase, pending=waiting)

    async def _merge_replaced(self, repository: Repository) -> None:
        from intervisie_tui.store.merge import UnrelatedFiles
        from intervisie_tui.ui.screens.merge_view import replaced_text

        app = self._app
        try:
            report = await self._with_passphrase(
                repository.path.name, lambda phrase: self._merge_with_waiting(repository, phrase)
            )
        except UnrelatedFiles:
            self._given_up = repository
            app.say(
                _(
                    "Another file took this file's place (not a copy of it): nothing was merged and your changes "
                    "are not saved. F6 saves everything to a new file."
                ),
                severity="error",
                timeout=20,
            )
            return
        except FileChangedOnDisk as error:  # replaced once more meanwhile: the next failed save tries again
            app.say(error.message(), severity="error")
            return
        except (VaultError, OSError) as error:  # not a file this app can read (damaged, another program's)
            self._given_up = repository
            reason = error.message() if isinstance(error, VaultError) else str(error.strerror)
            app.say(
                _(
                    "The file now in this file's place cannot be merged: {reason} Your changes are not saved; "
                    "F6 saves everything to a new file."
                ).format(reason=reason),
                severity="error",
                timeout=20,
            )
            return
        finally:
            self._busy = False
        if report is None:
            self._given_up = repository
            app.say(
                _("Not merged: your changes are not saved. F6 saves everything to a new file."),
                severity="error",
                timeout=20,
            )
            return
        app.say(replaced_text(report), timeout=20)
        saver = app.saver
        if saver is None or app.repository is not repository:
            return
        saver.put()  # anything handed in while the merge ran: saved on the merged file
        if await asyncio.to_thread(saver.flush, SAVED_WITHIN_S) and app.repository is repository:
            self.show_merged()

    # -- shared ----------------------------------------------------------------------------

    def _start(self, work: Coroutine[Any, Any, None]) -> None:
        self._busy = True
        self._app.run_worker(work, group="merge")

    async def _with_passphrase(self, name: str, merge: Callable[[str | None], T]) -> T | None:
        """``merge`` off the UI thread; when the copy has a passphrase of its own, ask for it (None: not given)."""
        from intervisie_tui.store.replaced import NeedsPassphrase
        from intervisie_tui.ui.dialogs.passphrase_dialog import AskPassphrase

        passphrase: str | None = None
        problem = ""
        while True:
            try:
                return await asyncio.to_thread(merge, passphrase)
            except (NeedsPassphrase, WrongPassphrase) as error:
                if isinstance(error, WrongPassphrase):
                    problem = error.message()
                question = _("{name} was saved under another passphrase. Type that passphrase to merge it.")
                passphrase = await self._app.push_screen_wait(AskPassphrase(question.format(name=name), problem))
                if passphrase is None:
                    return None

    def show_merged(self) -> None:
        """Build the open screens again from the merged file, as a new language does (``reopen``).

        Not while a screen holds something typed or a dialog is open (it would be lost): then
        as soon as none does, looked at every ``REBUILD_CHECK_S``.
        """
        if self._rebuild():
            return
        if self._waiting is None:
            self._waiting = self._app.set_interval(REBUILD_CHECK_S, self._rebuild_when_free)

    def _rebuild_when_free(self) -> None:
        if self._rebuild() and self._waiting is not None:
            self._waiting.stop()
            self._waiting = None

    def _rebuild(self) -> bool:
        """Build the stack again now if nothing on it would be lost; True when done (or nothing is open)."""
        app = self._app
        if app.repository is None:
            return True  # locked or closed meanwhile: it opens from the file anyway
        screens = list(app.screen_stack[1:])
        if not all(isinstance(screen, AppHooks) and screen.can_rebuild() for screen in screens):
            return False
        if app.saver is not None and not app.saver.flush(timeout=SAVED_WITHIN_S):
            return False  # a save is failing: what is on screen is the only copy
        app.navigate.home()
        for screen in screens:
            assert isinstance(screen, AppHooks)
            screen.reopen(app.screen)
        return True
