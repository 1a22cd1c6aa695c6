"""Pastes: a note keeps its lines, a one-line field joins them and says so, nothing is dropped silently.

Also what happens to an ESC inside a paste: Textual's input parser (private
code) turns the rest of the paste into key presses. That is pinned here as it
is today, see docs/TEXTUAL.md.
"""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual import events
from textual._xterm_parser import XTermParser
from textual.widgets import Input

from intervisie_tui.core.session_change import InputPurpose, InputRequest
from intervisie_tui.ui.dialogs.form import TurnForm
from intervisie_tui.ui.screens.unlock import UnlockScreen
from intervisie_tui.ui.session.screen import SessionScreen
from intervisie_tui.ui.session.whiteboard import Whiteboard
from intervisie_tui.ui.widgets.passphrase import PassphraseInput
from tests.conftest import PASSPHRASE, FrozenClock
from tests.ui.helpers import begin, group_file, group_with, make_app, open_members, stored, told

THREE_LINES = "Eerste regel\r\nTweede \x1b[31mregel\r\rDerde regel\r\n"
"""As a terminal may hand it over: CR LF and CR between lines, an escape sequence, a blank line, a last line end."""


async def open_note(pilot) -> tuple[SessionScreen, Input]:
    """The first meeting of the group begun (check-in) and A pressed: the note field, focused."""
    await pilot.press("enter")
    await begin(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    await pilot.press("a")
    await pilot.pause()
    field = screen.query_one("#note-input", Input)
    assert pilot.app.focused is field
    return screen, field


async def paste(pilot, text: str) -> None:
    """Hand ``text`` over as the terminal hands a bracketed paste to the app."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def drawn_input(screen, field: Input) -> str:
    """The field's line as drawn on screen."""
    return "".join(segment.text for segment in field.render_line(0)).rstrip()


async def test_a_pasted_note_of_three_lines_is_saved_and_shown_as_three_lines(tmp_path: Path) -> None:
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen, field = await open_note(pilot)
        notices = len(told(app))
        await paste(pilot, THREE_LINES)
        assert field.value == "Eerste regel\nTweede [31mregel\n\nDerde regel"  # the ESC is gone, the lines kept
        assert "Eerste regel↵Tweede [31mregel↵↵Derde regel" in drawn_input(screen, field)  # visible while editing
        assert field.border_subtitle == "↵ = nieuwe regel"  # on the field's edge, not in a notice over it
        assert told(app)[notices:] == []
        await pilot.press("enter")
        await pilot.pause()
        assert field.border_subtitle is None
        [note] = screen.notes
        assert note.text.split("\n") == ["Eerste regel", "Tweede [31mregel", "", "Derde regel"]
        [option] = screen.query_one(Whiteboard).lists()[0].options
        assert str(option.prompt) == "• Aya: Eerste regel\n  Tweede [31mregel\n  \n  Derde regel"
        assert app.saver.flush(timeout=5)
        [saved] = app.repository.meeting_content(screen.meeting.id).notes
        assert saved.text == note.text


async def test_the_cursor_sits_where_it_is_drawn_after_a_line_break(tmp_path: Path) -> None:
    """A line break is drawn as one cell (↵); the cursor counts it, so typing lands where the cursor shows."""
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen, field = await open_note(pilot)
        field.value = "ab\ncd"  # as E puts a stored note of two lines in the field
        field.cursor_position = 5
        assert field._cursor_offset == cell_len("ab↵cd") + 1  # just past the last character drawn
        await pilot.press("left", "left", "x")
        assert field.value == "ab\nxcd"
        assert "ab↵xcd" in drawn_input(screen, field)


async def test_a_round_line_joins_the_lines_of_a_paste_and_says_so(tmp_path: Path) -> None:
    """A question or takeaway is one line: the same field joins a paste's lines with spaces."""
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen, field = await open_note(pilot)
        await pilot.press("escape")
        screen.apply(screen.session.open_input(InputRequest(InputPurpose.QUESTION, "", "Vraag")))
        await pilot.pause()
        await paste(pilot, "Wat deed je\r toen\rzij belde?\r")
        assert field.value == "Wat deed je toen zij belde?"
        assert told(app)[-1].startswith("3 ") and "spaties" in told(app)[-1]
        assert screen.is_typing()  # no CR of the paste acted as Enter


async def test_a_form_field_joins_the_lines_of_a_paste_and_a_cr_does_not_submit(tmp_path: Path) -> None:
    app, group = group_with(tmp_path, FrozenClock(), 4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _results = await open_members(pilot, group)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TurnForm)
        field = form.query_one("#field-name", Input)
        await paste(pilot, "Bas\rde Vries\r")
        assert app.screen is form and field.value == "Bas de Vries"
        assert "2 " in told(app)[-1] and "spaties" in told(app)[-1]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "Bas de Vries" in [member.name for member in stored(app, "members", group)]


async def test_a_paste_of_one_line_goes_in_as_it_is_without_a_notice(tmp_path: Path) -> None:
    app, group = group_with(tmp_path, FrozenClock(), 4)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_members(pilot, group)
        await pilot.press("a", "B", "s")
        await pilot.pause()
        field = app.screen.query_one("#field-name", Input)
        await pilot.press("left")
        await paste(pilot, "a  ")
        assert field.value == "Ba  s" and not told(app)


async def test_a_passphrase_paste_of_several_lines_is_refused_and_said(tmp_path: Path) -> None:
    app = make_app(tmp_path)  # a file that exists and is locked: the unlock screen
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        field = app.screen.query_one(PassphraseInput)
        await paste(pilot, "eerste helft\rtweede helft")
        assert field.value == "" and told(app)
        await paste(pilot, PASSPHRASE + "\r\n")  # one line with its line end: taken
        assert field.value == PASSPHRASE


# -- an ESC inside a paste (Textual's parser) ----------------------------------------------------

ESC_PASTE = "\x1b[200~abc\x1bdef\rghi\x1b[201~"
"""A bracketed paste of "abc", ESC, "def", CR, "ghi"."""


def test_textual_turns_the_rest_of_a_paste_after_an_esc_into_key_presses() -> None:
    """Pinned: the parser (textual/_xterm_parser.py) reads ESC as the start of a sequence even inside a
    paste; what follows comes out as keys (the ESC as "^", CR as Enter) before the paste, which keeps
    only the text before the ESC. When Textual changes this, this test fails: update docs/TEXTUAL.md."""
    tokens = list(XTermParser().feed(ESC_PASTE))
    keys = [token.key for token in tokens if isinstance(token, events.Key)]
    assert keys == ["circumflex_accent", "d", "e", "f", "enter", "g", "h", "i"]
    assert isinstance(tokens[-1], events.Paste) and tokens[-1].text == "abc"
    assert [token.text for token in tokens if isinstance(token, events.Paste)] == ["abc"]
    # Without an ESC the lines arrive whole in one paste, CR between them, and no key at all.
    tokens = list(XTermParser().feed("\x1b[200~a\rb\r\x1b[201~"))
    assert len(tokens) == 1 and isinstance(tokens[0], events.Paste) and tokens[0].text == "a\rb\r"


async def test_an_esc_inside_a_paste_into_a_note_submits_it_as_typed_keys(tmp_path: Path) -> None:
    """Pinned, as the app receives it: the keys after the ESC are typed into the note and the CR submits
    it there (the field submits in key order); the keys after the CR and the paste's text before the
    ESC, which comes last, are kept in a new open note, said so, not acted on. The app cannot tell
    these keys from typed ones (only a change in Textual's parser can); what a real terminal does is
    the same (checked in tmux with paste-buffer -p, docs/TEXTUAL.md)."""
    app, _group = group_file(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen, field = await open_note(pilot)
        for token in XTermParser().feed(ESC_PASTE):
            app.post_message(token)  # as the driver hands the parsed events over: all at once
        await pilot.pause()
        assert [note.text for note in screen.notes] == ["^def"]
        assert screen.is_typing() and field.value == "ghiabc", field.value


async def test_an_esc_inside_a_paste_into_a_form_submits_the_form(tmp_path: Path) -> None:
    """Pinned: the same in a form: the CR after the ESC submits it, with the text out of order."""
    app, group = group_with(tmp_path, FrozenClock(), 4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _results = await open_members(pilot, group)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TurnForm)
        for token in XTermParser().feed("\x1b[200~Bas\x1bde Vries\r\x1b[201~"):
            app.post_message(token)
        await pilot.pause()
        assert app.screen is screen
        assert "^de VriesBas" in [member.name for member in stored(app, "members", group)]
