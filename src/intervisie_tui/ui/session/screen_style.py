"""The meeting screen's stylesheet (its ``DEFAULT_CSS``), kept apart from the screen's logic.

Projector first: strong contrast through theme variables only, the clock and the case large; the
``-wide`` class (120×32 and more) gives the room more air. Why styles sit in DEFAULT_CSS:
docs/PERFORMANCE.md.
"""

SESSION_CSS = """
    SessionScreen { layout: horizontal; }
    SessionScreen #stage {
        width: 1fr;
        padding: 0 1;
    }
    SessionScreen #phase-heading {
        color: $text-muted;
        height: 1;
    }
    SessionScreen #clock-row { height: auto; }
    SessionScreen #phase-info {
        width: 1fr;
        height: auto;
        padding: 0 1;
    }
    SessionScreen #phase-name {
        text-style: bold;
        color: $accent;
    }
    SessionScreen #phase-speaker { color: $foreground; }
    SessionScreen #phase-rule {
        background: $primary;
        color: $text;
        text-style: bold;
        padding: 0 1;
        margin: 1 0 0 0;
        width: 100%;
        height: auto;
        content-align: center middle;
        text-align: center;
    }
    SessionScreen #case-line {
        color: $accent;
        text-style: bold;
        height: auto;
        max-height: 3;
        padding: 0 1;
    }
    SessionScreen.-case #phase-rule { margin: 0; }
    SessionScreen #coach-line {
        color: $text-muted;
        text-style: italic;
        height: 1;
        margin-top: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SessionScreen.-coach RecordList { margin-top: 0; }
    SessionScreen #chair-prompt {
        color: $text-muted;
        text-style: italic;
        padding: 0 1;
        height: auto;
    }
    SessionScreen TextField { dock: bottom; }
    /* Docked over the key bar, which docks at the bottom too: docks at one edge overlap, the margin
       lifts the status line one row. */
    SessionScreen #session-status {
        dock: bottom;
        margin-bottom: 1;
        height: 1;
        width: 100%;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    SessionScreen #status-times {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SessionScreen #status-save {
        width: auto;
        padding-left: 2;
    }
    SessionScreen #status-save.-failed {
        background: $error;
        color: $text;
        text-style: bold;
    }

    /* Wide (projected) screens: a bigger clock, rule and speaker. */
    SessionScreen.-wide PhaseClock > Digits { display: none; }
    SessionScreen.-wide PhaseClock > LargeDigits {
        display: block;
        width: 44;
    }
    SessionScreen.-wide PhaseTimeline { width: 36; }
    SessionScreen.-wide #phase-rule { padding: 1 2; }
    SessionScreen.-wide #phase-name { padding-top: 1; }
    SessionScreen.-wide #case-line { margin-top: 1; }
    SessionScreen.-wide RoundTracker > #tracker-speaker { padding: 1 2; }
    """
