"""The meetings the repository decoded last, kept until their table changes.

Opening a group reads every meeting it held (readiness, the chair rotation, the
programme); on a supervisor's file that is tens of meetings of ~100 records each,
decoded again on each visit. This cache keeps the decoded :class:`MeetingContent`
(immutable values, safe to share) beside the storage's stamp of the table it came
from (:meth:`VaultStorage.content_stamp`), so an entry is used only while the table
is exactly as it was. It is bounded and emptied when the file is closed or locked.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from intervisie_tui.core.model import MeetingContent


class ContentCache:
    """Meeting id -> (table stamp, decoded content), least recently used first."""

    def __init__(self, limit: Callable[[], int]) -> None:
        self._entries: OrderedDict[str, tuple[int, MeetingContent | None]] = OrderedDict()
        self._limit = limit  # read at each store, so a test can lower it

    def get(self, meeting_id: str, stamp: int | None) -> tuple[bool, MeetingContent | None]:
        """``(True, content)`` when ``meeting_id`` was decoded from the table as it is at ``stamp``."""
        entry = self._entries.get(meeting_id)
        if stamp is None or entry is None or entry[0] != stamp:
            return False, None
        self._entries.move_to_end(meeting_id)
        return True, entry[1]

    def put(self, meeting_id: str, stamp: int | None, content: MeetingContent | None) -> None:
        """Keep ``content`` as decoded at ``stamp`` (nothing is kept without a stamp)."""
        if stamp is None:
            self._entries.pop(meeting_id, None)
            return
        self._entries[meeting_id] = (stamp, content)
        self._entries.move_to_end(meeting_id)
        while len(self._entries) > max(self._limit(), 0):
            self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every decoded meeting (the file was closed)."""
        self._entries.clear()

    def ids(self) -> list[str]:
        """The cached meetings' ids, least recently used first (for tests)."""
        return list(self._entries)
