"""The floor: a bare Textual app of Header, Digits, DataTable (16 rows), TextArea and Footer.

    python benchmarks/floor_app.py

An ordinary terminal program, run and timed by the pty harness exactly as the app is (pty_run.py):
from the harness's clock before the start to the last row of its table appearing in the terminal
output (FLOOR_MARKER), to idle, its memory, and ctrl+q (Textual's own quit key) to end it. It does
nothing a bare app would not do: no garbage-collector settings, no deferred work, no extra widgets.
Why these five widgets: docs/PERFORMANCE.md ("The floor").
"""

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Digits, Footer, Header, TextArea

ROWS = 16
FLOOR_MARKER = f"Fase {ROWS} van {ROWS}"
"""The text of the table's last row, which the harness waits for."""


class FloorApp(App[None]):
    """What Textual itself costs for a screen of the kinds of widgets the meeting screen shows."""

    TITLE = "Vloer"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Digits("12:34")
        yield DataTable()
        yield TextArea("Wat wil de inbrenger leren?")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Fase", "Tijd")
        table.add_rows([(f"Fase {row} van {ROWS}", f"{row} min") for row in range(1, ROWS + 1)])


if __name__ == "__main__":
    FloorApp().run()
