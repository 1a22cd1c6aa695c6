"""The phase clock: time left in large digits, its colour telling how it goes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Static

from intervisie_tui.core.meeting import ClockLevel, ClockReading
from intervisie_tui.i18n import _, decimal_text
from intervisie_tui.ui.session.large_digits import LargeDigits


def clock_face(reading: ClockReading) -> str:
    """What the digits show: time left as m:ss, or +m:ss once the phase runs over."""
    remaining = reading.remaining_seconds
    seconds = int(abs(remaining)) if remaining >= 0 else int(-remaining) + (1 if -remaining % 1 else 0)
    minutes, seconds = divmod(seconds, 60)
    return f"{'+' if remaining < 0 else ''}{minutes:02d}:{seconds:02d}"


def minutes_text(seconds: float) -> str:
    """Seconds as m:ss for captions."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def clock_caption(reading: ClockReading, paused: bool, compact: bool = False) -> str:
    """The line under the digits; ``compact`` for narrow screens, where every column counts."""
    minutes = decimal_text(reading.planned_seconds / 60)
    time = minutes_text(reading.elapsed_seconds)
    if compact:
        used = _("{time} of {minutes} min").format(time=time, minutes=minutes)
    else:
        used = _("{time} used").format(time=time) + " · " + _("{minutes} min planned").format(minutes=minutes)
    if paused:
        return _("Paused") + f" · {used}"
    if reading.level is ClockLevel.OVERRUN:
        return _("Over time") + f" · {used}"
    return used


def level_classes(reading: ClockReading, paused: bool) -> tuple[tuple[str, bool], ...]:
    """The clock's colour classes for ``reading``, each with whether it applies."""
    level = reading.level
    return (
        ("-near-end", level is ClockLevel.NEAR_END),
        ("-overrun", level is ClockLevel.OVERRUN),
        ("-stopped", level is ClockLevel.STOPPED or paused),
    )


class PhaseClock(Vertical):
    """Large digits of the time left in the phase and a caption.

    Colour classes: ``-near-end`` in the last minutes, ``-overrun`` past the
    planned time, ``-stopped`` while the clock stands still.
    """

    # The session screen shows the large digits instead of the small ones on a wide screen.
    DEFAULT_CSS = """
    PhaseClock {
        width: auto;
        min-width: 20;
        height: auto;
        padding: 0 1;
    }
    PhaseClock > Digits {
        width: auto;
        color: $success;
        text-style: bold;
    }
    PhaseClock > LargeDigits {
        display: none;
        color: $success;
    }
    PhaseClock > #clock-caption {
        width: auto;
        color: $text-muted;
    }
    PhaseClock.-near-end > Digits, PhaseClock.-near-end > LargeDigits { color: $warning; }
    PhaseClock.-overrun > Digits, PhaseClock.-overrun > LargeDigits { color: $text-error; }
    PhaseClock.-stopped > Digits, PhaseClock.-stopped > LargeDigits { color: $text-muted; }
    PhaseClock.-overrun > #clock-caption {
        color: $text-error;
        text-style: bold;
    }
    """

    reading: reactive[ClockReading] = reactive(ClockReading(0.0, 0.0, False), init=False)
    """The clock to show (set by the session screen once a second)."""
    paused: reactive[bool] = reactive(False, init=False)
    """Whether the meeting is on a break."""
    compact: reactive[bool] = reactive(False, init=False)
    """Whether to use the short caption (narrow screens)."""

    def __init__(self, reading: ClockReading, *, paused: bool, compact: bool, id: str | None = None) -> None:
        # The first reading and its colour class are there before the clock is styled: a class
        # set after mounting restyles the clock and its digits once more before the first frame.
        super().__init__(id=id, classes=" ".join(name for name, on in level_classes(reading, paused) if on))
        self.set_reactive(PhaseClock.reading, reading)
        self.set_reactive(PhaseClock.paused, paused)
        self.set_reactive(PhaseClock.compact, compact)

    def compose(self) -> ComposeResult:
        face = clock_face(self.reading)
        yield Digits(face, id="clock-digits")
        yield LargeDigits(face, id="clock-large")
        yield Static("", id="clock-caption", markup=False)

    def watch_reading(self) -> None:
        self._show()

    def watch_paused(self) -> None:
        self._show()

    def watch_compact(self) -> None:
        self._show()

    def on_mount(self) -> None:
        self._show()

    _shown: tuple[str, str] = ("", "")

    def _show(self) -> None:
        reading = self.reading
        face = clock_face(reading)
        caption = clock_caption(reading, self.paused, self.compact)
        # Once a second: touch only what changed; a weak laptop should spend its idle time idle.
        if face != self._shown[0]:
            self.query_one("#clock-digits", Digits).update(face)
            self.query_one("#clock-large", LargeDigits).update(face)
        if caption != self._shown[1]:
            # Its width follows the text: a new layout only when the length changes (rarely; not each second).
            self.query_one("#clock-caption", Static).update(caption, layout=len(caption) != len(self._shown[1]))
        self._shown = (face, caption)
        for name, on in level_classes(reading, self.paused):
            self.set_class(on, name)
