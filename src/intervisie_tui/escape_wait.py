"""How long a lone Esc byte is waited on before it is read as the Esc key (docs/TEXTUAL.md).

A terminal sends Esc as the byte ESC, and also begins the escape sequences of other keys (arrows,
F1, Alt+letter) with it; a reader can only tell them apart by waiting a moment for more bytes.
Textual waits ``ESCDELAY`` milliseconds (its default 100). A terminal on the same machine sends a
key's sequence in one write, so a much shorter wait is safe there; tmux made 10 ms its default
in version 3.5 (https://github.com/tmux/tmux/issues/3844). This app is run on the chair's own
laptop, and Esc is the key that goes back on every screen, so it waits 25 ms unless the user set
``ESCDELAY`` themselves. Plain standard library, run before Textual is imported: Textual reads
``ESCDELAY`` once, when ``textual.constants`` is first imported.
"""

from __future__ import annotations

from collections.abc import MutableMapping

ESCAPE_WAIT_VARIABLE = "ESCDELAY"
ESCAPE_WAIT_MS = 25


def choose_escape_wait(environ: MutableMapping[str, str]) -> int:
    """Set ``ESCDELAY`` to :data:`ESCAPE_WAIT_MS` in ``environ`` unless a value is there; the ms in force.

    A value the user set is left as it is (Textual falls back to 100 ms for one that is not a number).
    """
    value = environ.setdefault(ESCAPE_WAIT_VARIABLE, str(ESCAPE_WAIT_MS))
    try:
        return max(1, int(value))
    except ValueError:
        return 100
