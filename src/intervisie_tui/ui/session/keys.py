"""The meeting screen's keys: the round keys and the meeting keys, each with its id for settings.toml.

The key bar shows them in this order; F1 lists the meeting keys first. Which round keys apply
follows the phase (``MeetingSession.applies``).
"""

from __future__ import annotations

from textual.binding import Binding

from intervisie_tui.i18n import N_

ROUND_BINDINGS = [
    Binding("w", "next_turn", N_("Next turn"), id="round.next"),
    Binding("p", "pass_turn", N_("Pass"), id="round.pass"),
    Binding("z", "undo_turn", N_("Turn back"), id="round.undo", show=False),
    Binding("r", "shuffle", N_("Shuffle the order"), id="round.shuffle", show=False),
    Binding("g", "balance", N_("Balance"), id="round.balance", show=False),
    Binding("k", "mark_question", N_("Mark question"), id="round.mark", show=False),
    Binding("k", "choose_case", N_("Choose case"), id="round.choose"),
    Binding("c", "cycle_kind", N_("Change kind"), id="round.kind", show=False),
    Binding("h", "toggle_verdicts", N_("Coach on/off"), id="round.coach", show=False),
    Binding("j", "vote(1)", N_("Vote"), id="round.vote"),
    Binding("J", "vote(-1)", N_("Vote back"), id="round.unvote", show=False),
    Binding("o", "order_cases", N_("Order by"), id="round.order", show=False),
    Binding("o", "plan_next", N_("Next meeting"), id="round.plan"),
]
"""The keys of a round phase; the key bar shows them before the meeting's own (they apply only then)."""

MEETING_BINDINGS = [
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
    Binding("asterisk,y", "keep_in_minutes", N_("In the minutes"), id="session.keep_note", show=False),
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
    Binding("t", "attendance", N_("Who is here"), id="session.attendance", show=False),
    Binding("f1", "help", N_("Help"), id="session.help"),
    Binding("escape", "leave", N_("Groups"), id="session.leave"),
]
"""The meeting's own keys; F1 lists them first (they are the everyday ones)."""
