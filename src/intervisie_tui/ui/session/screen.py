"""The session screen: one meeting, run by one person at the keyboard, read by the room.

The meeting's state and every rule of what a key does live in one object,
:class:`~intervisie_tui.core.meeting_session.MeetingSession` (core, tested without an app).
This screen keeps the bindings; each action asks the session, hands the
:class:`~intervisie_tui.core.session_change.Change` to :meth:`SessionScreen.apply` (records to
the app's background saver, the notice to the chair, a dialog to ``dialogs.py``) and draws the
session again. Nothing here waits for the disk.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from intervisie_tui.core import meeting as flow
from intervisie_tui.core.chair_prompts import prompts as chair_prompts
from intervisie_tui.core.meeting_records import MeetingRecords
from intervisie_tui.core.meeting_session import MeetingSession
from intervisie_tui.core.methods import Activity, MethodLibrary, Step
from intervisie_tui.core.model import (
    Case,
    Evaluation,
    FeedbackItem,
    Group,
    Meeting,
    MeetingStatus,
    Note,
    Question,
    Round,
)
from intervisie_tui.core.session_change import Change, Focus, InputRequest
from intervisie_tui.core.session_rounds import RECORD_ACTIVITIES
from intervisie_tui.core.whiteboard import next_column
from intervisie_tui.i18n import _
from intervisie_tui.ui.base import AppScreen
from intervisie_tui.ui.session.dialogs import open_dialog
from intervisie_tui.ui.session.keys import MEETING_BINDINGS, ROUND_BINDINGS
from intervisie_tui.ui.session.phase_clock import PhaseClock
from intervisie_tui.ui.session.record_lines import phase_lines
from intervisie_tui.ui.session.record_list import RecordList
from intervisie_tui.ui.session.round_tracker import RoundTracker, TrackerView
from intervisie_tui.ui.session.screen_style import SESSION_CSS
from intervisie_tui.ui.session.texts import speaker_text, status_line
from intervisie_tui.ui.session.timeline import PhaseTimeline, TimelineView
from intervisie_tui.ui.session.typed_ahead import TypedAhead
from intervisie_tui.ui.session.whiteboard import BoardView, Whiteboard
from intervisie_tui.ui.text import literal
from intervisie_tui.ui.widgets.footer import KeyFooter
from intervisie_tui.ui.widgets.text_field import TextField
from intervisie_tui.ui.widgets.title_bar import TitleBar

WIDE_COLUMNS = 120
WIDE_ROWS = 32
CHECKPOINT_EVERY_S = 60
RESUME_SAVE_AFTER_S = 0.1
"""The resumed clock of a meeting opened with the file is saved this long after the first frame."""


class SessionScreen(AppScreen[None]):
    """Runs one meeting: timeline, clock, rule, the round of the phase and the whiteboard."""

    # The widgets (timeline, clock, tracker, whiteboard, record list) style themselves; this is the
    # layout around them and what changes on a wide (projected) screen.
    DEFAULT_CSS = SESSION_CSS

    BINDINGS = [*ROUND_BINDINGS, *MEETING_BINDINGS]
    HELP_ORDER = [*MEETING_BINDINGS, *ROUND_BINDINGS]
    # No focus of Textual's choosing: it took the first focusable widget, the record list while
    # hidden, and the arrow keys went to it unseen. The board or the record list takes the focus
    # once it is filled (_focus_board, Whiteboard.watch_view).
    AUTO_FOCUS = ""

    def __init__(
        self,
        meeting: Meeting,
        group: Group,
        notes: list[Note],
        library: MethodLibrary,
        records: MeetingRecords,
        *,
        after_restart: bool = False,
    ) -> None:
        super().__init__()
        self.session = MeetingSession(meeting, group, notes, library, records)
        self._focus_coming: str | None = None  # the note a change just asked the board to highlight (_selected)
        self._typed_ahead = TypedAhead(self)
        self._after_restart = after_restart
        self._last_checkpoint: datetime | None = None
        self._shown_minute = -1
        self._shown_cues = ""
        self._shown_status = ("", "")
        self._resume_unsaved = False
        self._newest: str | None = None
        """A record just added or changed: the list highlights it and scrolls it into view."""

    @property
    def meeting(self) -> Meeting:
        """The meeting as it stands now."""
        return self.session.meeting

    @property
    def notes(self) -> list[Note]:
        """The whiteboard's notes as they stand now."""
        return self.session.notes

    @property
    def records(self) -> MeetingRecords:
        """What the rounds recorded so far."""
        return self.session.records

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The meeting as it runs now, and every class that follows from it, before anything is styled:
        # a class set on the screen once its widgets are there restyles all of them before the first frame.
        self._reopen()
        size = self.app.size
        self.set_class(self._wide(size), "-wide")
        case_line, coach = self._case_line(), self._coach()
        for name, applies in self._screen_classes(case_line, coach):
            self.set_class(applies, name)
        meeting = self.meeting
        clock = PhaseClock(
            flow.clock(meeting, self._now()),
            paused=meeting.paused_at is not None,
            compact=size.width < WIDE_COLUMNS,
            id="clock",
        )
        yield TitleBar(_("Meeting"), own_clock=False)  # its time follows this screen's tick
        # The timeline and the stage side by side on the screen itself (screen_style.py): a container
        # around them would keep every line it covers, cut at each widget's edge (docs/PERFORMANCE.md).
        yield PhaseTimeline(id="timeline")
        with Vertical(id="stage"):
            yield Static("", id="phase-heading", markup=False)
            with Horizontal(id="clock-row"):
                yield clock
                with Vertical(id="phase-info"):
                    yield Static("", id="phase-name", markup=False)
                    yield Static("", id="phase-speaker", markup=False)
            yield Static("", id="case-line", markup=False, classes="" if case_line else "-hidden")
            yield Static("", id="phase-rule", markup=False)
            yield Static("", id="chair-prompt", markup=False, classes="-hidden")
            yield RoundTracker(id="tracker")
            yield Static("", id="coach-line", markup=False, classes="" if coach else "-hidden")
            yield Whiteboard(id="board")
            yield RecordList(id="records", classes="-hidden")
            yield TextField(id="note-input", classes="-hidden", max_length=4000, disabled=True, catches_late_keys=True)
        with Horizontal(id="session-status"):
            yield Static("", id="status-times", markup=False)
            yield Static("", id="status-save", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show_all()
        self.set_interval(1, self._tick)
        self._focus_board()

    @staticmethod
    def _wide(size: Size) -> bool:
        return size.width >= WIDE_COLUMNS and size.height >= WIDE_ROWS

    def on_resize(self, event: Resize) -> None:
        self.set_class(self._wide(event.size), "-wide")
        self.query_one(PhaseClock).compact = event.size.width < WIDE_COLUMNS

    # -- applying what the session answers ---------------------------------------------------

    def _now(self) -> datetime:
        return self.app.clock()

    def apply(self, change: Change) -> None:
        """Hand a change of the session to the saver, say its notice, draw it, open what it asks for."""
        saver = self.app.saver
        if saver is not None and change.removed:
            saver.remove(*change.removed)
        if saver is not None and change.saved:
            saver.put(*change.saved)
            if any(isinstance(record, Meeting) for record in change.saved):
                self._resume_unsaved = False
        listed = (Question, Case, FeedbackItem, Evaluation)
        self._newest = next((record.id for record in reversed(change.saved) if isinstance(record, listed)), None)
        if change.notice:
            self.app.say(change.notice, severity="warning" if change.warning else "information")
        if change.close_input:
            self._close_input()
        if change.redraw:
            self._show_all()
        if change.input is not None:
            self._open_input(change.input)
        if change.focus is not None:
            self._focus_coming = change.focus.note_id
            self.call_after_refresh(self._focus, change.focus)
        if change.request is not None:
            open_dialog(self, change.request)

    def _reopen(self) -> None:
        """The meeting opened: its clock runs again where it stood, or the chair is asked what happened.

        A resumed clock is saved a moment after the first frame (or as soon as anything else about the
        meeting is): the first save after opening also writes the backup, and the first frame should
        not compete with it.
        """
        before = self.meeting
        change = self.session.reopen(self._now(), restarted=self._after_restart)
        if change.request is not None:
            self.call_after_refresh(open_dialog, self, change.request)
        elif self.meeting is not before:
            self._resume_unsaved = True
            self.call_after_refresh(self.set_timer, RESUME_SAVE_AFTER_S, self._save_resume)

    def _save_resume(self) -> None:
        if self._resume_unsaved:
            self._resume_unsaved = False
            if self.app.saver is not None:  # None once the file is closed (quit, lock): it stays as it was saved
                self.app.saver.put(self.meeting)

    def on_unmount(self) -> None:
        self._save_resume()  # left within the moment: the resumed clock is still saved

    # -- showing -----------------------------------------------------------------------

    def _show_all(self) -> None:
        session, meeting = self.session, self.meeting
        now = self._now()
        step = session.current_step()
        phase = meeting.phases[meeting.current] if meeting.phases else None
        heading = _("Phase {n} of {total}").format(n=meeting.current + 1, total=len(meeting.phases))
        if phase is not None and phase.case_slot:
            heading += " · " + session.case_heading(phase.case_slot)
        if meeting.status is MeetingStatus.PLANNED:
            heading = _("Not started yet — press N to begin")
        elif meeting.status is MeetingStatus.CLOSED:
            heading = _("The meeting has ended")
        self.query_one("#phase-heading", Static).update(literal(heading))  # a group's own method name
        self.query_one("#phase-name", Static).update(literal(session.phase_name(meeting.current)) if phase else "")
        self.query_one("#phase-speaker", Static).update(speaker_text(step))
        self.query_one("#phase-rule", Static).update(literal(step.rule()) if step else "")
        case_line, coach = self._case_line(), self._coach()
        self.query_one("#case-line", Static).update(literal(case_line))
        self.query_one("#case-line", Static).set_class(not case_line, "-hidden")
        self.query_one("#coach-line", Static).update(literal(coach))
        self.query_one("#coach-line", Static).set_class(not coach, "-hidden")
        for name, applies in self._screen_classes(case_line, coach):
            self.set_class(applies, name)
        self.query_one(PhaseTimeline).view = TimelineView(meeting, now, session.phase_name, session.case_heading)
        self._show_tracker(step, now)
        self._show_board(step)
        self._tick()
        self.refresh_bindings()  # which round keys apply depends on the phase

    def _case_line(self) -> str:
        return self.session.case_line() if self.session.is_open() else ""

    def _coach(self) -> str:
        return self.session.coach if not self.app.room_view else ""

    def _screen_classes(self, case_line: str, coach: str) -> tuple[tuple[str, bool], ...]:
        """The screen's classes that follow the meeting and the view, each with whether it applies."""
        return (("-room", self.app.room_view), ("-case", bool(case_line)), ("-coach", bool(coach)))

    def _show_tracker(self, step: Step | None, now: datetime) -> None:
        round_ = self.session.phase_round(now) if self.session.is_open() else None
        label = _("questions") if step is not None and step.activity is Activity.QUESTIONS else ""
        names = self.session.member_names()
        self.query_one(RoundTracker).view = TrackerView(round_, names, label) if round_ else None

    def _show_board(self, step: Step | None) -> None:
        session = self.session
        if not session.meeting.phases:
            return
        records = step is not None and step.activity in RECORD_ACTIVITIES
        self.query_one(Whiteboard).set_class(records, "-hidden")
        record_list = self.query_one(RecordList)
        record_list.set_class(not records, "-hidden")
        if records:
            assert step is not None
            record_list.show(
                phase_lines(
                    step.activity,
                    session.records,
                    meeting_id=session.meeting.id,
                    case_id=session.phase_case_id(),
                    names=session.member_names(),
                    show_verdicts=session.verdicts_visible(self.app.room_view),
                    case_order=session.case_order,
                ),
                newest=self._newest,
                first=step.activity is Activity.LOOKBACK,
            )
            self._newest = None
            return
        phase = session.meeting.phases[session.meeting.current]
        self.query_one(Whiteboard).view = BoardView.for_phase(phase, step, session.notes, session.member_names())

    def _tick(self) -> None:
        now = self._now()
        self.query_one(TitleBar).show_time()  # one timer for the screen: the title's time changes in the same frame
        meeting = self.meeting
        clock = self.query_one(PhaseClock)
        clock.reading = flow.clock(meeting, now)
        clock.paused = meeting.paused_at is not None
        self._show_cues(clock.reading, now)
        minute = int(flow.phase_seconds(meeting, meeting.current, now) // 60) if meeting.phases else 0
        if minute != self._shown_minute:
            self._shown_minute = minute
            session = self.session
            self.query_one(PhaseTimeline).view = TimelineView(meeting, now, session.phase_name, session.case_heading)
        self._show_status(now)
        self._checkpoint(now)

    def _show_cues(self, reading: flow.ClockReading, now: datetime) -> None:
        """The chair's cues for this moment (self-run meetings, or when switched on with I)."""
        session = self.session
        cues: list[str] = []
        if session.show_prompts and not self.app.room_view and session.is_open():
            step = session.current_step()
            cues = chair_prompts(
                step,
                reading,
                session.phase_round(now),
                session.phase_questions(),
                activity=step.activity if step else None,
            )
        text = "  ·  ".join(cues)
        if text != self._shown_cues:  # once a second: only touch the widget when the cues change
            self._shown_cues = text
            line = self.query_one("#chair-prompt", Static)
            line.update(text)
            line.set_class(not cues, "-hidden")

    def _show_status(self, now: datetime) -> None:
        # The save state has its own cell on the right, so a long line never hides it.
        # Called every second: the widgets are only touched when their text changes.
        times = status_line(self.meeting, now, self.session.chair_text())
        saved = self.app.save_state_text()
        if times != self._shown_status[0]:
            self.query_one("#status-times", Static).update(
                literal(times), layout=len(times) != len(self._shown_status[0])
            )
        save = self.query_one("#status-save", Static)
        if saved != self._shown_status[1]:
            save.update(saved)  # its width follows the text
        save.set_class(self.app.save_failed, "-failed")
        self._shown_status = (times, saved)

    def _checkpoint(self, now: datetime) -> None:
        """Now and then bank the clock in the file, so a crash loses at most a minute of it."""
        if self.meeting.clock_started_at is None:
            return
        if self._last_checkpoint is None:
            self._last_checkpoint = now
            return
        if (now - self._last_checkpoint).total_seconds() >= CHECKPOINT_EVERY_S:
            self._last_checkpoint = now
            self.apply(self.session.checkpoint(now))

    # -- the board, the record list and the input line ---------------------------------------

    def _board(self) -> Whiteboard:
        return self.query_one(Whiteboard)

    def _selected(self) -> str | None:
        """The highlighted record of the round's list, or note of the whiteboard.

        A note kept a moment ago is highlighted only after the next frame; until then it is the one
        meant (keys typed in one read right after Enter place the next note after it, as later would).
        """
        record_list = self.query_one(RecordList)
        if not record_list.has_class("-hidden"):
            return record_list.selected_id()
        return self._focus_coming or self._board().selected_note_id()

    def _active_column(self) -> str:
        active = self._board().active_list()
        return active.column if active is not None else ""

    def _focus_board(self) -> None:
        record_list = self.query_one(RecordList)
        if not record_list.has_class("-hidden"):
            record_list.focus()
            return
        lists = self._board().lists()
        if lists:
            lists[0].focus()

    def _focus(self, focus: Focus) -> None:
        self._focus_coming = None
        if self.session.editing is not None:
            # A key that came before this frame opened the field again (a fast typist): the board's
            # focus is stale, and taking it would send the next letters to the board, not the note.
            # The note it names is still highlighted: the next note is placed after it, as when slower.
            if focus.column is not None and focus.note_id:
                self._board().focus_column(focus.column, focus.note_id, focus=False)
            return
        if focus.column is None:
            self._focus_board()
        else:
            self._board().focus_column(focus.column, focus.note_id)

    def _open_input(self, request: InputRequest) -> None:
        field = self.query_one("#note-input", TextField)
        field.keeps_lines = request.purpose.keeps_lines  # a note keeps a paste's lines; a round's line joins them
        field.placeholder = request.placeholder
        field.value = request.text
        field.disabled = False
        field.remove_class("-hidden")
        field.focus()

    def refocus_field(self) -> None:
        """Give the note field the focus back, if a note is still open in it."""
        field = self.query_one("#note-input", TextField)
        if self.session.editing is not None and not field.disabled:
            field.focus()

    def _close_input(self) -> None:
        field = self.query_one("#note-input", Input)
        field.value = ""
        field.add_class("-hidden")
        field.disabled = True

    def is_typing(self) -> bool:
        """Whether a note or a round's line is being typed in the field at the bottom."""
        return self.session.editing is not None

    @on(Input.Submitted, "#note-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit_note_field(event.value)
        self._typed_ahead.keep(self.query_one("#note-input", TextField).take_late())

    def submit_note_field(self, text: str) -> None:
        """Enter in the field at the bottom: keep ``text`` for what the field was opened for."""
        self.apply(self.session.submit(text, self._selected(), self._now(), room_view=self.app.room_view))

    async def take_stray_key(self, event: Key) -> bool:
        """A key back from the board before the app's bindings: True when it was the open note's
        (ui/session/typed_ahead.py)."""
        return await self._typed_ahead.stray_key(event)

    @on(TextField.TypedWhileClosed, "#note-input")
    def _typed_while_closed(self, event: TextField.TypedWhileClosed) -> None:
        event.stop()
        field = self.query_one("#note-input", TextField)
        if field.disabled or self.session.editing is None:  # else Enter's submission takes them
            self._typed_ahead.keep(field.take_late())

    @on(OptionList.OptionSelected, "#records")
    def _record_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.session.activity() is Activity.CHOICE:
            self.action_choose_case()
        else:
            self.action_edit_note()

    @on(OptionList.OptionSelected, ".note-list")
    def _note_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_note()

    # -- the meeting's keys ----------------------------------------------------------------

    def action_next_phase(self) -> None:
        """Begin the meeting, go to the next phase, or (in the last phase) offer to end it."""
        self.apply(self.session.next_phase(self._now()))

    def action_previous_phase(self) -> None:
        """Go back a phase; everything typed there is still there."""
        self.apply(self.session.previous_phase(self._now()))

    def action_skip(self) -> None:
        """Skip the current phase."""
        self.apply(self.session.skip(self._now()))

    def action_toggle_pause(self) -> None:
        """Start a planned meeting, or pause and resume the clock (a break)."""
        self.apply(self.session.toggle_pause(self._now()))

    def action_extend(self, minutes: int) -> None:
        """One minute more (or less) for this phase."""
        self.apply(self.session.extend(minutes, self._now()))

    def action_scale(self, delta: int) -> None:
        """Move the marker on a 0-10 scale board."""
        self.apply(self.session.scale(delta, self._now()))

    def action_finish(self) -> None:
        """End the meeting (asks first)."""
        self.apply(self.session.ask_finish())

    def action_choose_method(self) -> None:
        """Choose the method for each case (one or two)."""
        self.apply(self.session.ask_method())

    def action_earlier_notes(self) -> None:
        """Read the notes of every phase."""
        self.apply(self.session.ask_earlier_notes())

    def action_hand_chair(self) -> None:
        """L: hand the chair to a member for this phase or the rest of the meeting, or take it back."""
        self.apply(self.session.ask_chair())

    def action_attendance(self) -> None:
        """T: who is here today (absent, arriving late, leaving early)."""
        self.apply(self.session.ask_attendance())

    def action_toggle_prompts(self) -> None:
        """I: the chair's cues on or off."""
        self.apply(self.session.toggle_prompts())

    def action_add_note(self) -> None:
        """Add: the speaker's contribution in a round, else a new note in the active column."""
        self.apply(self.session.add(self._active_column(), self._selected(), self._now()))

    def action_edit_note(self) -> None:
        """Change the highlighted note (or the round's highlighted record)."""
        self.apply(self.session.edit(self._selected(), self._now()))

    def action_delete_note(self) -> None:
        """Delete the highlighted note (U brings it back), or the round's highlighted record."""
        self.apply(self.session.delete(self._selected(), self._now()))

    def action_undo_delete(self) -> None:
        """Bring back the note deleted last."""
        self.apply(self.session.undo_delete(self._now()))

    def action_keep_in_minutes(self) -> None:
        """Mark the highlighted note for the minutes, or take the mark off."""
        self.apply(self.session.keep_in_minutes(self._selected(), self._now()))

    def action_move_note(self, delta: int) -> None:
        """Move the highlighted note up or down in its column."""
        self.apply(self.session.move_note(self._selected(), delta, self._now()))

    def action_note_to_column(self, delta: int) -> None:
        """Move the highlighted note to the next column left or right."""
        self.apply(self.session.note_to_column(self._selected(), self._board().column_order(), delta, self._now()))

    def action_column(self, delta: int) -> None:
        """Focus the column left or right of the active one."""
        active, keys = self._board().active_list(), self._board().column_order()
        if active is None or len(keys) < 2:
            self.app.say(
                _("This board has one column; ←/→ move between the columns of a board with several."),
                severity="warning",
            )
            return
        target = next_column(keys, active.column, delta)
        if target is not None:
            self._board().focus_column(target)

    # -- the round's keys -------------------------------------------------------------------

    def action_next_turn(self) -> None:
        """The speaker's turn ends; the next one is up."""
        self.apply(self.session.next_turn(self._now()))

    def action_pass_turn(self) -> None:
        """The speaker passes."""
        self.apply(self.session.pass_turn(self._now()))

    def action_undo_turn(self) -> None:
        """Back to the previous speaker (what they said stays)."""
        self.apply(self.session.undo_turn(self._now()))

    def action_shuffle(self) -> None:
        """A shuffled order, before the first turn."""
        self.apply(self.session.shuffle(self._now()))

    def action_balance(self) -> None:
        """Turns and questions per member in this meeting."""
        self.apply(self.session.ask_balance(self._now()))

    def action_mark_question(self) -> None:
        """The inbrenger's mark on the highlighted question (warm/cold/neutral, or relevance)."""
        self.apply(self.session.mark_question(self._selected(), self._now()))

    def action_cycle_kind(self) -> None:
        """The chair corrects the coach: open, closed or advice."""
        self.apply(self.session.cycle_kind(self._selected(), self._now()))

    def action_toggle_verdicts(self) -> None:
        """Show or hide the coach's verdicts (hide them when the room reads along)."""
        self.apply(self.session.toggle_verdicts())

    def action_vote(self, delta: int) -> None:
        """One vote more (J: one less) for the highlighted case."""
        self.apply(self.session.vote(self._selected(), delta, self._now()))

    def action_order_cases(self) -> None:
        """Order the candidates by votes or by urgency."""
        self.apply(self.session.order_cases())

    def action_choose_case(self) -> None:
        """Work the highlighted case (in the first case slot without one); then choose its method with M."""
        self.apply(self.session.choose_case(self._selected(), self._now()))

    def action_plan_next(self) -> None:
        """Record the next meeting's date, chair and inbrenger."""
        from intervisie_tui.core.session_rounds import ask_next_plan

        self.apply(ask_next_plan(self.session))

    # -- leaving, help and the app's hooks ---------------------------------------------------

    async def action_leave(self) -> None:
        """Esc: cancel typing, or go back to the groups (the meeting keeps running)."""
        if self.session.editing is not None:
            self.apply(self.session.cancel_input())
            return
        stack = self.app.screen_stack
        build = getattr(stack[-2], "ensure_built", None) if len(stack) > 1 and stack[-1] is self else None
        if build is not None:
            await build()  # the home screen under a meeting opened at start is built only now
        self.app.pop_screen()

    def action_help(self) -> None:
        """F1: the keys of this screen."""
        # A dialog: imported when first opened, not at start (docs/PERFORMANCE.md).
        from intervisie_tui.ui.dialogs.keys_help import KeysHelp, key_rows

        self.app.push_screen(KeysHelp(key_rows(self, self.HELP_ORDER), _("Keys of the meeting screen")))

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        """Every action of this screen for the command palette: (name, keys in effect, callback)."""
        from intervisie_tui.ui.dialogs.keys_help import palette_entries

        return palette_entries(self, self.HELP_ORDER)

    def can_rebuild(self) -> bool:
        """Built again only while nothing is being typed (a new language would drop it)."""
        return not self.is_typing()

    def reopen(self, below: Screen[Any]) -> None:
        """The meeting again, as stored now."""
        self.app.navigate.meeting(self.meeting.id)

    def view_changed(self) -> None:
        """F3 switched the view: verdicts, cues and the key bar follow."""
        self._show_all()  # sets the view's class and refreshes the bindings, so the key bar redraws too

    def refresh_now(self) -> None:
        """Redraw the clocks and the status at once (tests take pictures between ticks)."""
        self.query_one(TitleBar).show_time()
        self._tick()

    def refresh_save_state(self) -> None:
        """The app's saver reported: show it now rather than at the next tick."""
        self._show_status(self._now())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the input line is open, letters type into it instead of acting; round keys apply in rounds."""
        if self.session.editing is not None and action not in {"leave", "help"}:
            return False
        applies = self.session.applies(action, self._now())
        return True if applies is None else applies

    def phase_round(self) -> Round | None:
        """The current phase's round (tests and the key bar read it)."""
        return self.session.phase_round(self._now())
