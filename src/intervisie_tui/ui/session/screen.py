"""The session screen: one meeting, run by one person at the keyboard, read by the room.

State flows down: the screen holds the meeting and its notes, changes them
with the pure functions of ``core.meeting`` and ``core.whiteboard``, hands
the result to its widgets, and gives the changed records to the app's
background saver. Nothing here waits for the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import Static

from intervisie_tui.core import meeting as flow
from intervisie_tui.core.meeting_time import Reopening, reopening
from intervisie_tui.core.methods import Activity, MethodLibrary, Step
from intervisie_tui.core.model import (
    Group,
    Meeting,
    MeetingStatus,
    Note,
)
from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.session.phase_clock import PhaseClock
from intervisie_tui.ui.session.phase_keys import PhaseScreen
from intervisie_tui.ui.session.record_lines import phase_lines
from intervisie_tui.ui.session.record_list import RecordList
from intervisie_tui.ui.session.round_keys import MeetingRecords, RoundScreen
from intervisie_tui.ui.session.round_records import RECORD_ACTIVITIES
from intervisie_tui.ui.session.round_tracker import RoundTracker, TrackerView
from intervisie_tui.ui.session.texts import meeting_open, speaker_text, status_line
from intervisie_tui.ui.session.timeline import PhaseTimeline, TimelineView
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


class SessionScreen(PhaseScreen):
    """Runs one meeting: timeline, clock, rule, the round of the phase and the whiteboard."""

    BINDINGS = [
        Binding("n", "next_phase", N_("Next"), id="session.next"),
        Binding("b", "previous_phase", N_("Back"), id="session.back", show=False),
        Binding("space", "toggle_pause", N_("Pause"), id="session.pause"),
        Binding("plus,equals_sign", "extend(1)", N_("+1 min"), id="session.extend", show=False),
        Binding("minus", "extend(-1)", N_("-1 min"), id="session.shorten", show=False),
        Binding("s", "skip", N_("Skip phase"), id="session.skip", show=False),
        Binding("a", "add_note", N_("Note"), id="session.add_note"),
        Binding("e", "edit_note", N_("Edit note"), id="session.edit_note", show=False),
        Binding("delete,d", "delete_note", N_("Delete note"), id="session.delete_note", show=False),
        Binding("u", "undo_delete", N_("Undo delete"), id="session.undo_delete", show=False),
        Binding("ctrl+up", "move_note(-1)", N_("Note up"), id="session.note_up", show=False),
        Binding("ctrl+down", "move_note(1)", N_("Note down"), id="session.note_down", show=False),
        Binding("ctrl+left", "note_to_column(-1)", N_("Note to the left"), id="session.note_left", show=False),
        Binding("ctrl+right", "note_to_column(1)", N_("Note to the right"), id="session.note_right", show=False),
        Binding("left", "column(-1)", N_("Column left"), id="session.column_left", show=False),
        Binding("right", "column(1)", N_("Column right"), id="session.column_right", show=False),
        Binding("less_than_sign,comma", "scale(-1)", N_("Scale down"), id="session.scale_down", show=False),
        Binding("greater_than_sign,full_stop", "scale(1)", N_("Scale up"), id="session.scale_up", show=False),
        Binding("m", "choose_method", N_("Method"), id="session.method"),
        Binding("v", "earlier_notes", N_("Earlier notes"), id="session.earlier", show=False),
        Binding("x", "finish", N_("End meeting"), id="session.finish", show=False),
        Binding("l", "hand_chair", N_("Hand over the chair"), id="session.chair", show=False),
        Binding("i", "toggle_prompts", N_("Chair cues on/off"), id="session.prompts", show=False),
        Binding("f1", "help", N_("Help"), id="session.help"),
        Binding("escape", "leave", N_("Groups"), id="session.leave"),
    ]

    def __init__(self, meeting: Meeting, group: Group, notes: list[Note], library: MethodLibrary,
                 records: MeetingRecords, *, after_restart: bool = False) -> None:  # fmt: skip
        super().__init__()
        self._after_restart = after_restart
        self.meeting = meeting
        self.group = group
        self.notes = list(notes)
        self.library = library
        self.records = records
        self._last_checkpoint: datetime | None = None
        self.show_prompts = not meeting.supervised
        """Cues for the chair: on by default where no supervisor is there to give them."""
        self._shown_minute = -1
        self._resume_unsaved = False
        self._shown_status = ("", "")

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The size classes before anything is styled: set at the first resize, they restyled every widget.
        size = self.app.size
        self.set_class(self._wide(size), "-wide")
        clock = PhaseClock(id="clock")
        clock.set_reactive(PhaseClock.compact, size.width < WIDE_COLUMNS)
        yield TitleBar(_("Meeting"), own_clock=False)  # its time follows this screen's tick
        with Horizontal(id="session"):
            yield PhaseTimeline(id="timeline")
            with Vertical(id="stage"):
                yield Static("", id="phase-heading", markup=False)
                with Horizontal(id="clock-row"):
                    yield clock
                    with Vertical(id="phase-info"):
                        yield Static("", id="phase-name", markup=False)
                        yield Static("", id="phase-speaker", markup=False)
                yield Static("", id="phase-rule", markup=False)
                yield Static("", id="chair-prompt", markup=False, classes="-hidden")
                yield RoundTracker(id="tracker")
                yield Whiteboard(id="board")
                yield RecordList(id="records", classes="-hidden")
                yield TextField(id="note-input", classes="-hidden", max_length=4000, disabled=True)
        with Horizontal(id="session-status"):
            yield Static("", id="status-times", markup=False)
            yield Static("", id="status-save", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_class(self.app.room_view, "-room")  # type: ignore[attr-defined]
        self._resume_clock()
        self._show_all()
        self.set_interval(1, self._tick)
        self._focus_board()

    @staticmethod
    def _wide(size: Size) -> bool:
        return size.width >= WIDE_COLUMNS and size.height >= WIDE_ROWS

    def on_resize(self, event: Resize) -> None:
        self.set_class(self._wide(event.size), "-wide")
        self.query_one(PhaseClock).compact = event.size.width < WIDE_COLUMNS

    # -- state -------------------------------------------------------------------------

    @property
    def phase_index(self) -> int:
        """Index of the current phase."""
        return self.meeting.current

    def current_step(self) -> Step | None:
        """The method step of the current phase."""
        if not self.meeting.phases:
            return None
        return flow.step_of(self.library, self.meeting.phases[self.meeting.current])

    def phase_name(self, index: int) -> str:
        """A phase's name in the current language (its stored name when its method is gone)."""
        phase = self.meeting.phases[index]
        step = flow.step_of(self.library, phase)
        return step.name() if step is not None else phase.name

    def case_heading(self, slot: int) -> str:
        """"Case 1 · Balint" for the timeline and the phase heading."""
        method_id = self.meeting.slots[slot - 1].method_id if slot <= len(self.meeting.slots) else ""
        method = self.library.get(method_id)
        heading = _("Case {n}").format(n=slot)
        return f"{heading} · {method.name()}" if method is not None else heading

    def _set_meeting(self, meeting: Meeting) -> None:
        """Take a new meeting state: show it and save it (unless nothing changed)."""
        if meeting is self.meeting:
            return
        self.meeting = meeting
        self.app.saver.put(meeting)  # type: ignore[attr-defined]
        self._resume_unsaved = False
        self._show_all()

    def _save_notes(self, changed: list[Note]) -> None:
        by_id = {note.id: note for note in changed}
        self.notes = [by_id.pop(note.id, note) for note in self.notes] + list(by_id.values())
        if changed:
            self.app.saver.put(*changed)  # type: ignore[attr-defined]

    def _now(self) -> datetime:
        return self.app.clock()  # type: ignore[attr-defined]

    def _resume_clock(self) -> None:
        """A running meeting opened with the file: its clock runs again from where it stood.

        Saved a moment later (or as soon as anything else about the meeting is): the first save after
        opening also writes the backup, and the first frame should not compete with it. A clock that
        stood still long or since an earlier day: the chair is asked what happened (core/meeting_time.py).
        """
        kind = reopening(self.meeting, self._now(), restarted=self._after_restart)
        if kind is Reopening.ASK:
            from intervisie_tui.ui.session.resume_question import ask_what_happened

            ask_what_happened(self)
            return
        if kind is not Reopening.RESUME:
            return
        resumed = flow.resume_after_restart(self.meeting, self._now())
        if resumed is not self.meeting:
            self.meeting = resumed
            self._resume_unsaved = True
            self.call_after_refresh(self.set_timer, RESUME_SAVE_AFTER_S, self._save_resume)

    def _save_resume(self) -> None:
        if self._resume_unsaved:
            self._resume_unsaved = False
            saver = getattr(self.app, "saver", None)
            if saver is not None:  # None once the file is closed (quit, lock): it stays as it was saved
                saver.put(self.meeting)

    def on_unmount(self) -> None:
        self._save_resume()  # left within the moment: the resumed clock is still saved

    # -- showing -----------------------------------------------------------------------

    def _show_all(self) -> None:
        now = self._now()
        meeting = self.meeting
        step = self.current_step()
        total = len(meeting.phases)
        phase = meeting.phases[meeting.current] if meeting.phases else None
        heading = _("Phase {n} of {total}").format(n=meeting.current + 1, total=total)
        if phase is not None and phase.case_slot:
            heading += " · " + self.case_heading(phase.case_slot)
        if meeting.status is MeetingStatus.PLANNED:
            heading = _("Not started yet — press N to begin")
        elif meeting.status is MeetingStatus.CLOSED:
            heading = _("The meeting has ended")
        self.query_one("#phase-heading", Static).update(literal(heading))  # a group's own method name
        self.query_one("#phase-name", Static).update(literal(self.phase_name(meeting.current)) if phase else "")
        self.query_one("#phase-speaker", Static).update(speaker_text(step))
        self.query_one("#phase-rule", Static).update(literal(step.rule()) if step else "")
        self.query_one(PhaseTimeline).view = TimelineView(meeting, now, self.phase_name, self.case_heading)
        self._show_tracker(step)
        self._show_board(step)
        self._tick()
        self.refresh_bindings()  # which round keys apply depends on the phase

    def _show_tracker(self, step: Step | None) -> None:
        round_ = self.phase_round() if meeting_open(self.meeting) else None
        label = _("questions") if step is not None and step.activity is Activity.QUESTIONS else ""
        self.query_one(RoundTracker).view = TrackerView(round_, self.member_names(), label) if round_ else None

    def _record_lines(self, activity: Activity) -> list:
        return phase_lines(activity, self.records, meeting_id=self.meeting.id, case_id=self.phase_case_id(),
                           names=self.member_names(), show_verdicts=self.verdicts_visible,
                           case_order=self.case_order)  # fmt: skip

    def _show_board(self, step: Step | None) -> None:
        if not self.meeting.phases:
            return
        records = step is not None and step.activity in RECORD_ACTIVITIES
        self.query_one(Whiteboard).set_class(records, "-hidden")
        record_list = self.query_one(RecordList)
        record_list.set_class(not records, "-hidden")
        if records:
            assert step is not None
            record_list.show(self._record_lines(step.activity))
            return
        phase = self.meeting.phases[self.meeting.current]
        self.query_one(Whiteboard).view = BoardView.for_phase(phase, step, self.notes, self.member_names())

    def _tick(self) -> None:
        now = self._now()
        self.query_one(TitleBar).show_time()  # one timer for the screen: the title's time changes in the same frame
        meeting = self.meeting
        clock = self.query_one(PhaseClock)
        clock.reading = flow.clock(meeting, now)
        clock.paused = meeting.paused_at is not None
        self._show_prompts(clock.reading)
        minute = int(flow.phase_seconds(meeting, meeting.current, now) // 60) if meeting.phases else 0
        if minute != self._shown_minute:
            self._shown_minute = minute
            self.query_one(PhaseTimeline).view = TimelineView(meeting, now, self.phase_name, self.case_heading)
        self._show_status(now)
        self._checkpoint(now)

    def _show_status(self, now: datetime) -> None:
        # The save state has its own cell on the right, so a long line never hides it.
        # Called every second: the widgets are only touched when their text changes.
        times = status_line(self.meeting, now, self.chair_text())
        saved = self.app.save_state_text()  # type: ignore[attr-defined]
        if times != self._shown_status[0]:
            self.query_one("#status-times", Static).update(literal(times), layout=len(times) != len(self._shown_status[0]))
        save = self.query_one("#status-save", Static)
        if saved != self._shown_status[1]:
            save.update(saved)  # its width follows the text
        save.set_class(self.app.save_failed, "-failed")  # type: ignore[attr-defined]
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
            self.meeting = flow.checkpoint(self.meeting, now)
            self.app.saver.put(self.meeting)  # type: ignore[attr-defined]
            self._resume_unsaved = False

    def _focus_board(self) -> None:
        record_list = self.query_one(RecordList)
        if not record_list.has_class("-hidden"):
            record_list.focus()
            return
        lists = self.query_one(Whiteboard).lists()
        if lists:
            lists[0].focus()

    # -- leaving and help ----------------------------------------------------------------

    async def action_leave(self) -> None:
        """Esc: cancel typing, or go back to the groups (the meeting keeps running)."""
        if self._editing is not None:
            self._cancel_editing()
            self._focus_board()
            return
        stack = self.app.screen_stack
        build = getattr(stack[-2], "ensure_built", None) if len(stack) > 1 and stack[-1] is self else None
        if build is not None:
            await build()  # the home screen under a meeting opened at start is built only now
        self.app.pop_screen()

    def action_help(self) -> None:
        """F1: the keys of this screen."""
        # A dialog: imported when first opened, not at start (docs/PERFORMANCE.md).
        from intervisie_tui.ui.screens.keys_help import KeysHelp, key_rows

        self.app.push_screen(KeysHelp(key_rows(self), _("Keys of the meeting screen")))

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """Every action of this screen for the command palette: (name, keys in effect, callback)."""
        from intervisie_tui.ui.screens.keys_help import palette_entries

        return palette_entries(self, [*RoundScreen.BINDINGS, *self.BINDINGS])

    def view_changed(self) -> None:
        """F3 switched the view: verdicts, cues and the key bar follow (see ChairScreen, RoundScreen)."""
        self.set_class(self.app.room_view, "-room")  # type: ignore[attr-defined]
        self._show_all()  # refreshes the bindings, so the key bar redraws too

    def refresh_now(self) -> None:
        """Redraw the clocks and the status at once (tests take pictures between ticks)."""
        self.query_one(TitleBar).show_time()
        self._tick()

    def refresh_save_state(self) -> None:
        """The app's saver reported: show it now rather than at the next tick."""
        self._show_status(self._now())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the note field is open, letters type into it instead of acting."""
        if self._editing is not None and action not in {"leave", "help"}:
            return False
        applies = self.round_check_action(action)
        return True if applies is None else applies
