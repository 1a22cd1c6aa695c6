"""The Linux/macOS input loop: every key as Textual's own loop reads it, a lone Esc once its wait is over."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import AsyncIterator
from typing import Any

import pytest
from textual import constants, events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

from intervisie_tui.escape_wait import ESCAPE_WAIT_MS, choose_escape_wait
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.input_driver import IDLE_WAKE_S, PromptEscapeDriver
from tests.ui.helpers import make_app

WAIT_S = 10.0
"""Only a bound on a wait for an event that should come at once; never a timing asserted."""


class _Collecting(PromptEscapeDriver):
    """The driver reading a pipe instead of the terminal, keeping what it would hand the app."""

    def __init__(self, fileno: int) -> None:
        super().__init__(App())
        self.fileno = fileno
        self.received: queue.Queue[Any] = queue.Queue()

    def process_message(self, message: Any) -> None:
        self.received.put(message)

    def next_key(self) -> str:
        while True:
            message = self.received.get(timeout=WAIT_S)
            if isinstance(message, events.Key):
                return message.key


@pytest.fixture
async def driver() -> AsyncIterator[tuple[_Collecting, int, threading.Thread]]:
    read_end, write_end = os.pipe()
    reader = _Collecting(read_end)
    thread = threading.Thread(target=reader.run_input_thread, daemon=True)
    thread.start()
    yield reader, write_end, thread
    reader.exit_event.set()
    thread.join(WAIT_S)
    for end in (read_end, write_end):
        try:
            os.close(end)
        except OSError:
            pass


async def test_a_lone_esc_is_read_as_the_escape_key(driver) -> None:
    reader, write_end, _thread = driver
    os.write(write_end, b"\x1b")
    assert reader.next_key() == "escape"
    os.write(write_end, b"g")  # and the loop goes on reading
    assert reader.next_key() == "g"


async def test_escape_sequences_and_characters_split_over_reads_arrive_whole(driver) -> None:
    reader, write_end, _thread = driver
    os.write(write_end, b"\x1b[A")  # up
    assert reader.next_key() == "up"
    os.write(write_end, b"\x1bOP")  # F1 as most terminals send it
    assert reader.next_key() == "f1"
    os.write(write_end, "é".encode()[:1])
    os.write(write_end, "é".encode()[1:])
    assert reader.next_key() == "é"


async def test_the_loop_ends_when_the_driver_stops_and_at_the_end_of_input(driver) -> None:
    reader, write_end, thread = driver
    os.close(write_end)  # a pipe that closed: nothing more will come
    thread.join(WAIT_S)
    assert not thread.is_alive()
    second_read, second_write = os.pipe()
    stopping = _Collecting(second_read)
    loop = threading.Thread(target=stopping.run_input_thread, daemon=True)
    loop.start()
    stopping.exit_event.set()
    loop.join(WAIT_S)
    assert not loop.is_alive()
    os.close(second_read)
    os.close(second_write)


def test_the_loop_sleeps_only_as_long_as_a_pending_esc_has_left_to_wait() -> None:
    parser = XTermParser()
    assert PromptEscapeDriver._wait(parser) == IDLE_WAKE_S
    assert list(parser.feed("\x1b")) == []  # may begin a sequence: the parser waits
    assert 0 <= PromptEscapeDriver._wait(parser) <= constants.ESCAPE_DELAY


async def test_the_app_uses_the_prompt_driver_only_where_textual_would_use_its_linux_driver(
    tmp_path, monkeypatch
) -> None:
    app = make_app(tmp_path)
    monkeypatch.setattr(App, "get_driver_class", lambda self: LinuxDriver)
    assert IntervisieApp.get_driver_class(app) is PromptEscapeDriver

    class WindowsLike(LinuxDriver):  # Windows, the web, or a driver named in TEXTUAL_DRIVER: left alone
        pass

    monkeypatch.setattr(App, "get_driver_class", lambda self: WindowsLike)
    assert IntervisieApp.get_driver_class(app) is WindowsLike


def test_the_escape_wait_is_25_ms_unless_the_user_chose_one() -> None:
    environ: dict[str, str] = {}
    assert choose_escape_wait(environ) == ESCAPE_WAIT_MS == 25
    assert environ == {"ESCDELAY": "25"}
    chosen = {"ESCDELAY": "60"}
    assert choose_escape_wait(chosen) == 60 and chosen == {"ESCDELAY": "60"}
    odd = {"ESCDELAY": "soon"}
    assert choose_escape_wait(odd) == 100 and odd == {"ESCDELAY": "soon"}  # Textual's own fallback
