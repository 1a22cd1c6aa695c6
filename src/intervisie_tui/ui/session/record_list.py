"""A list of a phase's records (questions, candidate cases, tops and tips, closing turns, look-back).

The session screen turns records into lines (:mod:`record_lines`) and hands
them down; the list keeps the highlighted record where it still exists.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class RecordList(OptionList):
    """One line (or a few) per record; option ids are record ids."""

    DEFAULT_CSS = """
    RecordList {
        height: 1fr;
        margin-top: 1;
        border: round $panel;
        background: $background;
    }
    RecordList:focus { border: round $primary; }
    """

    def show(self, lines: Sequence[tuple[str, Text]], *, newest: str | None = None, first: bool = False) -> None:
        """Replace the options, keeping the highlighted record if it is still there.

        ``newest`` (a record just added) is highlighted and scrolled into view, so the newest
        question never hides below the list's edge. Without a kept or newest record the list starts
        at its first record (``first``: a list read from the top, as the look-back) or its last.
        """
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self.clear_options()
        self.add_options([Option(text, id=record_id) for record_id, text in lines])
        ids = [record_id for record_id, _text in lines]
        if newest in ids:
            self.highlighted = ids.index(newest)
        elif keep in ids:
            self.highlighted = ids.index(keep)
        elif ids:
            self.highlighted = 0 if first else len(ids) - 1
        if self.highlighted is not None:
            self.call_after_refresh(self.scroll_to_highlight)

    def selected_id(self) -> str | None:
        """The id of the highlighted record."""
        option = self.highlighted_option
        return option.id if option is not None else None
