"""The floor: a bare Textual app with the session screen's kinds of widgets, gone after its first paint.

    python benchmarks/floor_app.py [WIDTH HEIGHT]

It mounts what the session screen mounts, without any of the app, and the kinds of widgets the issue
names for the floor (Digits, lists, a text area, header, footer): a Header, a timeline list, large
Digits, a few Static lines, two OptionLists and a ListView as the whiteboard, an Input, a TextArea and
a Footer with a handful of keys. It runs headless (like the app's measured run) and exits right after its
first frame; run.py starts it as a subprocess and times it exactly as it times the app
(see probe.py), so ``startup_ratio`` and ``rss_ratio`` compare the app with what Textual itself costs.
Prints one JSON line: monotonic time of the first line and of the first paint, peak and current RSS.
"""

import time

T0 = time.monotonic()  # first thing: the start of this script on the machine-wide clock

import sys  # noqa: E402

from textual.app import App, ComposeResult  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.containers import Horizontal, Vertical  # noqa: E402
from textual.widgets import (  # noqa: E402
    Digits,
    Footer,
    Header,
    Input,
    Label,
    ListItem,
    ListView,
    OptionList,
    Static,
    TextArea,
)

import probe  # noqa: E402

T_IMPORTED = time.monotonic()


class FloorApp(App[None]):
    """Textual's own cost for a screen like the session screen."""

    BINDINGS = [
        Binding("n", "noop", "Volgende"),
        Binding("space", "noop", "Pauze"),
        Binding("a", "noop", "Notitie"),
        Binding("m", "noop", "Werkvorm"),
        Binding("f1", "noop", "Help"),
        Binding("escape", "noop", "Groepen"),
    ]
    CSS = """
    #case-text { height: 4; }
    #timeline { width: 28; }
    #board { height: 1fr; }
    #board > * { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(*[f"{i + 1:2d}. Fase {i + 1}  10 min" for i in range(16)], id="timeline")
            with Vertical():
                yield Static("Fase 8 van 16 · Casus 1 · Kernkwadranten", markup=False)
                yield Digits("12:34")
                yield Static("2:00 gebruikt · 15 min gepland", markup=False)
                yield Static("Iedereen vult het kwadrant aan; de inbrenger luistert.", markup=False)
                with Horizontal(id="board"):
                    yield OptionList(*[f"Kwaliteit {i}" for i in range(6)])
                    yield OptionList(*[f"Valkuil {i}" for i in range(6)])
                    yield ListView(*[ListItem(Label(f"Uitdaging {i}", markup=False)) for i in range(6)])
                yield Input(placeholder="Nieuwe notitie — Enter bewaart, Esc annuleert")
                yield TextArea("Wat wil de inbrenger leren?\nHoe kan ik ...", id="case-text")
        yield Static("13:30–16:20 · voorzitter: begeleider · Opgeslagen", markup=False)
        yield Footer()

    def action_noop(self) -> None:
        """The keys are only there to fill the footer."""


def main() -> int:
    size = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) == 3 else (120, 40)
    result: dict[str, float] = {}
    app = FloorApp()
    t_app = time.monotonic()  # Textual imported and the app built (the app's "t_app" mark)

    def painted(screen: object, stamp: float) -> None:
        if "t_paint" not in result:
            result.update(t_paint=stamp, peak_rss_mib=probe.peak_rss_mib(), rss_at_paint_mib=probe.rss_mib())
            app.exit()

    probe.install_paint_hook()
    probe.on_paint(painted)
    app.run(headless=True, size=size)
    if "t_paint" not in result:
        print("the floor app never painted", file=sys.stderr)
        return 1
    # No file to open: the "imports before the file is opened" and "unlock" phases are empty, and
    # importing Textual counts where the app's does, in "importing and building the Textual app".
    probe.report(
        t0=T0, t_imported=T0, t_unlocked=T0, t_app=t_app, kdf_s=0.0, textual_import_s=T_IMPORTED - T0, **result
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
