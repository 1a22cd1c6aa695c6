"""Textual's Linux and macOS driver, with an input loop that reads a lone Esc when its wait is over.

Textual's own input thread (``LinuxDriver.run_input_thread``) selects on the terminal with a fixed
timeout of 0.1 s and only then asks its parser whether a pending Esc has waited long enough. So
whatever ``ESCDELAY`` says, a lone Esc reaches the app up to 0.1 s after the key, and each screen
closed by Esc came that much later (``benchmarks/open_screens.py``). This loop sleeps exactly as
long as the parser's pending wait has left, and otherwise does what Textual's loop does: read
what the terminal sent, decode it as UTF-8 across reads, parse it into events and hand each to the
driver. Windows has its own driver, left as it is. The private names used are listed in
docs/TEXTUAL.md.
"""

from __future__ import annotations

import codecs
import os
import selectors

from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

IDLE_WAKE_S = 0.1
"""How long the loop sleeps with no Esc pending: Textual's own interval, to notice the end."""
READ_BYTES = 4096


class PromptEscapeDriver(LinuxDriver):
    """``LinuxDriver`` whose input thread wakes when a pending Esc's wait is over."""

    def run_input_thread(self) -> None:
        """Read the terminal until the driver stops; parse and hand on every event."""
        parser = XTermParser()  # no key logging to Textual's devtools, whatever the debug switch
        decoder = codecs.getincrementaldecoder("utf-8")()
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        try:
            while not self.exit_event.is_set():
                if selector.select(self._wait(parser)):
                    data = os.read(self.fileno, READ_BYTES)
                    if not data:
                        break  # end of input: nothing more will come (stdin was a pipe that closed)
                    text = decoder.decode(data)
                    # Only what decoded: the parser reads an empty feed as the end of input, and the
                    # first bytes of a character split over two reads decode to nothing yet.
                    for event in parser.feed(text) if text else ():
                        self.process_message(event)
                for event in parser.tick():  # a pending Esc whose wait is over
                    self.process_message(event)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):  # end the parser; what it still held is dropped
                    pass
            except (EOFError, ParseError):
                pass

    @staticmethod
    def _wait(parser: XTermParser) -> float:
        """Seconds until the parser's pending wait is over (an Esc that may begin a sequence), or the idle wake."""
        deadline = parser._timeout_time
        if deadline is None:
            return IDLE_WAKE_S
        return min(IDLE_WAKE_S, max(0.0, deadline - get_time()))
