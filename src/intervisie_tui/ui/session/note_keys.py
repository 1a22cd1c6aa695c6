"""Whiteboard notes on the session screen: add, edit, delete and undo, move, and the input line.

:class:`NoteScreen` sits between the round keys and the session screen. The
A/E/D keys first offer the phase's round a chance to take the line (a
question, a check-in line, a candidate) and otherwise work on the
whiteboard's notes through the pure functions of ``core.whiteboard``.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input, OptionList

from intervisie_tui.core import round_work as work
from intervisie_tui.core import rounds
from intervisie_tui.core import whiteboard as board_ops
from intervisie_tui.core.methods import Activity, Step
from intervisie_tui.core.model import Note
from intervisie_tui.core.sanitize import TextRejected
from intervisie_tui.i18n import _
from intervisie_tui.ui.session.record_list import RecordList
from intervisie_tui.ui.session.round_keys import RoundScreen
from intervisie_tui.ui.session.whiteboard import Whiteboard
from intervisie_tui.ui.widgets.text_field import TextField


class NoteScreen(RoundScreen):
    """Note actions and the note input, for the session screen.

    The keys that call these actions are declared with the session screen's
    own, so the footer and F1 list them in one deliberate order.
    """

    notes: list[Note]

    # Provided by the session screen.
    def _show_board(self, step: Step | None) -> None: ...  # pragma: no cover
    def _show_tracker(self, step: Step | None) -> None: ...  # pragma: no cover
    def _save_notes(self, changed: list[Note]) -> None: ...  # pragma: no cover
    def _focus_board(self) -> None: ...  # pragma: no cover

    def __init__(self) -> None:
        super().__init__()
        self._editing: tuple[str, str, str | None] | None = None
        """(mode "add" or "edit", column, note id) while the note input is open."""
        self._deleted: Note | None = None

    def _board(self) -> Whiteboard:
        return self.query_one(Whiteboard)

    def _note(self, note_id: str | None) -> Note | None:
        return next((note for note in self.notes if note.id == note_id), None)

    def action_add_note(self) -> None:
        """Add: the speaker's contribution in a round, else a new note in the active column."""
        if not self.meeting.phases or self.round_add():
            return
        active = self._board().active_list()
        self._open_input("add", active.column if active else "", None, "")

    def action_edit_note(self) -> None:
        """Change the highlighted note (or the round's highlighted record)."""
        if self.round_edit():
            return
        note = self._note(self._board().selected_note_id())
        if note is not None:
            self._open_input("edit", note.column, note.id, note.text)

    def open_line_input(self, mode: str, text: str, placeholder: str) -> None:
        """Type one line for the round (a question, the takeaway, how it went)."""
        self._open_input(mode, "", None, text, placeholder)

    def selected_record_id(self) -> str | None:
        """The highlighted record of the round's list (or note of the whiteboard)."""
        record_list = self.query_one(RecordList)
        if not record_list.has_class("-hidden"):
            return record_list.selected_id()
        return self._board().selected_note_id()

    def _open_input(self, mode: str, column: str, note_id: str | None, text: str, placeholder: str = "") -> None:
        self._editing = (mode, column, note_id)
        field = self.query_one("#note-input", TextField)
        field.keeps_lines = mode in ("add", "edit")  # a note keeps a paste's lines; a round's line joins them
        field.placeholder = placeholder or (_("New note — Enter keeps it, Esc cancels") if mode == "add" else _(
            "Edit the note — Enter keeps it, Esc cancels"))
        field.value = text
        field.disabled = False
        field.remove_class("-hidden")
        field.focus()

    def is_typing(self) -> bool:
        """Whether a note or record is being typed in the field at the bottom."""
        return self._editing is not None

    def _cancel_editing(self) -> None:
        self._editing = None
        field = self.query_one("#note-input", Input)
        field.value = ""
        field.add_class("-hidden")
        field.disabled = True

    @on(Input.Submitted, "#note-input")
    def _note_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._editing is None:
            return
        mode, column, note_id = self._editing
        now = self._now()
        if mode not in ("add", "edit"):
            try:
                self.submit_line(mode, event.value)
            except TextRejected as error:
                self.app.say(error.message(), severity="warning")  # type: ignore[attr-defined]
                return
            self._cancel_editing()
            self.call_after_refresh(self._focus_board)
            return
        try:
            round_ = self.phase_round()
            if mode == "add" and round_ is not None and rounds.can_contribute(round_):
                phase = self.meeting.phases[self.meeting.current]
                round_, changed = work.add_turn_note(round_, self.notes, text=event.value, column=column,
                                                     case_id=work.case_id_of(self.meeting, phase), now=now)  # fmt: skip
                note_id = changed[0].id
                self.records.rounds[round_.phase_key] = round_
                self.app.saver.put(round_)  # type: ignore[attr-defined]
                self._show_tracker(self.current_step())
            elif mode == "add":
                phase = self.meeting.phases[self.meeting.current]
                after = self._note(self._board().selected_note_id())
                if after is not None and after.column != column:
                    after = None
                note, changed = board_ops.add_note(
                    self.notes, meeting_id=self.meeting.id, phase_key=phase.key, text=event.value, now=now,
                    column=column, after=after,
                )  # fmt: skip
                note_id = note.id
            else:
                note = self._note(note_id)
                if note is None:
                    self._cancel_editing()
                    return
                changed = [board_ops.edit_note(note, event.value, now)]
        except TextRejected as error:
            self.app.say(error.message(), severity="warning")  # type: ignore[attr-defined]
            return  # the text stays in the field to be corrected
        self._save_notes(changed)
        self._cancel_editing()
        self._show_board(self.current_step())
        self.call_after_refresh(self._board().focus_column, column, note_id)

    def action_delete_note(self) -> None:
        """Delete the highlighted note (U brings it back), or the round's highlighted record."""
        if self.round_delete():
            return
        note = self._note(self._board().selected_note_id())
        if note is None:
            return
        changed = board_ops.delete_note(self.notes, note, self._now())
        self.notes = [n for n in self.notes if n.id != note.id]
        self.app.saver.remove(note)  # type: ignore[attr-defined]
        self._save_notes(changed)
        self._deleted = note
        self._show_board(self.current_step())
        self.app.say(_("Note deleted. Press U to bring it back."))  # type: ignore[attr-defined]

    def action_undo_delete(self) -> None:
        """Bring back the note deleted last."""
        note = self._deleted
        if note is None:
            return
        self._deleted = None
        changed = board_ops.restore_note(self.notes, note, self._now())
        self._save_notes(changed)
        self._show_board(self.current_step())

    def action_move_note(self, delta: int) -> None:
        """Move the highlighted note up or down in its column."""
        note = self._note(self._board().selected_note_id())
        if note is None:
            return
        self._save_notes(board_ops.move_note(self.notes, note, delta, self._now()))
        self._show_board(self.current_step())
        self._board().focus_column(note.column, note.id)

    def action_note_to_column(self, delta: int) -> None:
        """Move the highlighted note to the next column left or right."""
        note = self._note(self._board().selected_note_id())
        keys = self._board().column_order()
        target = board_ops.next_column(keys, note.column, delta) if note else None
        if note is None or target is None or target == note.column:
            return
        self._save_notes(board_ops.move_to_column(self.notes, note, target, self._now()))
        self._show_board(self.current_step())
        self.call_after_refresh(self._board().focus_column, target, note.id)

    def action_column(self, delta: int) -> None:
        """Focus the column left or right of the active one."""
        active = self._board().active_list()
        keys = self._board().column_order()
        if active is None or len(keys) < 2:
            return
        target = board_ops.next_column(keys, active.column, delta)
        if target is not None:
            self._board().focus_column(target)

    @on(OptionList.OptionSelected, "#records")
    def _record_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.activity() is Activity.CHOICE:
            self.action_choose_case()
        else:
            self.action_edit_note()

    @on(OptionList.OptionSelected, ".note-list")
    def _note_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_note()

