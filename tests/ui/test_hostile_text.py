"""Hostile text is inert everywhere it is shown (README.md, "Security": names and notes are shown as typed).

Markup, escape sequences, bidi overrides, zero-width characters, emoji, wide and
combining characters and right-to-left text are put into every kind of user
text, and every screen that shows them is visited. Two ways in:

* through the UI, where input cleaning removes controls and bidi overrides
  before anything is stored (checked on the stored records);
* straight into the file through the repository, bypassing the input cleaning,
  as a file written by another tool or an older version would. This tests the
  display defence on its own: nothing that can steer a terminal may reach the
  screen, and markup must stay text.

On every screen the whole picture is checked twice: the text segments the
compositor hands to the terminal, and the SVG of ``export_screenshot``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, OptionList, Static

from intervisie_tui.core.demo import demo_id, demo_records
from intervisie_tui.core.method_copies import GroupMethod, copy_method
from intervisie_tui.core.methods import Activity, Text, load_shipped
from intervisie_tui.core.model import (
    Agreement,
    Case,
    CaseStatus,
    Evaluation,
    FeedbackItem,
    Group,
    Meeting,
    MeetingStatus,
    Member,
    Note,
    Question,
    Supervisor,
)
from intervisie_tui.core.sanitize import NAME_MAX
from intervisie_tui.i18n import _
from intervisie_tui.ui.dialogs.form import TurnForm
from intervisie_tui.ui.screens.members import MembersScreen
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import FrozenClock
from tests.ui.helpers import fill_form, group_with, make_app, open_members, stored, told

# -- the hostile strings ------------------------------------------------------------------------

CLICK = "[@click=app.quit]klik[/]"
LINK = '[link="https://x.invalid"]x[/link]'
BOLD = "[b]vet[/b]"
RED = "[red]x"
MARKUP = (CLICK, LINK, BOLD, RED)

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;TITEL\x07"
CLIPBOARD = "\x1b]52;c;Y2FuYXJ5\x07"
C1_CSI = "\x9b31m"
BELL = "\x07"
STEERING = CLEAR + TITLE + CLIPBOARD + C1_CSI + BELL

RLO = "\u202e"
ZWSP = "\u200b"
HEALTH_WORKER = "👩\u200d⚕\ufe0f"  # woman health worker: an emoji joined with a ZWJ
CJK = "张伟"
COMBINING = "Rene\u0301"  # e + combining acute: NFC makes it one "é"
ARABIC = "مريم"
HEBREW = "שרה"

# What must never reach the screen: C0 controls (ESC, BEL, ...), DEL and C1 controls (CSI, OSC, ...),
# and bidi overrides/isolates (they reorder what comes after them).
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The SVG is a text file: its own line breaks and tabs are fine, nothing else below 0x20.
FORBIDDEN_IN_SVG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

MEMBER_NAMES = (
    f"Anouk {CLICK}",
    f"Bram {LINK}",
    f"Fatima {BOLD} {RED}",
    f"Joost{CLEAR}{TITLE}",
    f"Sanne{CLIPBOARD}{C1_CSI}{BELL}{RLO}kcab{ZWSP}",
    f"{HEALTH_WORKER} {CJK} {COMBINING} {ARABIC} {HEBREW}",
)
GROUP_NAME = f"Team {CLICK} {TITLE}"
SUPERVISOR = f"Mira {BOLD}{CLEAR}"
METHOD_NAME = f"Eigen {CLICK}{TITLE}"


def hostile(label: str) -> str:
    """A text with every kind of markup and steering sequence around ``label``."""
    return f"{label} {CLICK} {LINK} {BOLD}{STEERING}{RLO}{ZWSP} {RED}"


# -- a demo file full of hostile text, written past the input cleaning -------------------------


def hostile_records(now) -> list[Any]:
    """The demo, with every user text made hostile, plus questions, feedback and closing turns.

    The demo's live meeting runs the group's own copy of kernkwadranten, named with markup
    and an escape sequence, so method and phase names are hostile too.
    """
    records = demo_records(now)
    youth_id = demo_id("Jeugdbescherming Team Oost")
    members = [record for record in records if isinstance(record, Member) and record.group_id == youth_id]
    renamed = {member.id: name for member, name in zip(members, MEMBER_NAMES, strict=True)}
    library = load_shipped()
    own = copy_method(library.methods["kernkwadranten"], "eigen-kk", Text(nl=METHOD_NAME, en=METHOD_NAME))
    steps = tuple(
        replace(step, name=Text(nl=hostile("Stap"), en=hostile("Stap"))) if step.key == "vragen" else step
        for step in own.steps
    )
    own = replace(own, steps=steps)
    out: list[Any] = []
    for record in records:
        if isinstance(record, Group):
            record = replace(
                record,
                name=GROUP_NAME if record.id == youth_id else f"Zuid {RED}{C1_CSI}",
                organisation=hostile("Organisatie"),
                supervisor=Supervisor(name=SUPERVISOR) if record.supervisor else None,
            )
        elif isinstance(record, Member) and record.id in renamed:
            record = replace(record, name=renamed[record.id], profession=hostile("beroep"))
        elif isinstance(record, Agreement):
            record = replace(record, text=hostile(f"Afspraak {record.position}"))
        elif isinstance(record, Case):
            record = replace(
                record,
                title=hostile("Casus"),
                question=hostile("Hulpvraag"),
                next_step=hostile("Stap"),
                takeaway=hostile("Meegenomen"),
                outcome=hostile("Uitkomst"),
            )
            if record.status is CaseStatus.CHOSEN:
                record = replace(record, method_id=own.id)
        elif isinstance(record, Note):
            record = replace(record, text=hostile("Notitie"))
        elif isinstance(record, Meeting) and record.status is MeetingStatus.RUNNING:
            phases = tuple(
                replace(phase, method_id=own.id, name=hostile("Fase")) if phase.method_id == "kernkwadranten" else phase
                for phase in record.phases
            )
            record = replace(
                record,
                method_id=own.id,
                phases=phases,
                slots=tuple(replace(slot, method_id=own.id) for slot in record.slots),
            )
        out.append(record)
    out.append(GroupMethod(id="gm-eigen-kk", group_id=youth_id, method=own, updated_at=now))
    live = next(r for r in out if isinstance(r, Meeting) and r.status is MeetingStatus.RUNNING)
    past = next(
        r for r in out if isinstance(r, Meeting) and r.status is MeetingStatus.CLOSED and r.group_id == youth_id
    )
    for meeting in (live, past):
        case = next(r for r in out if isinstance(r, Case) and r.meeting_id == meeting.id)
        for index, member in enumerate(members[:4]):
            out.append(
                Question(
                    id=f"q-{meeting.id}-{index}",
                    meeting_id=meeting.id,
                    case_id=case.id,
                    asker_id=member.id,
                    text=hostile("Vraag"),
                    position=index,
                    updated_at=now,
                )
            )
            out.append(
                FeedbackItem(
                    id=f"f-{meeting.id}-{index}",
                    meeting_id=meeting.id,
                    giver_id=member.id,
                    case_id=case.id,
                    top=hostile("Top"),
                    tip=hostile("Tip"),
                    updated_at=now,
                )
            )
            out.append(
                Evaluation(
                    id=f"e-{meeting.id}-{index}",
                    meeting_id=meeting.id,
                    member_id=member.id,
                    takeaway=hostile("Meegenomen"),
                    technical=hostile("Techniek"),
                    normative=hostile("Normen"),
                    personal=hostile("Persoonlijk"),
                    rating=8,
                    updated_at=now,
                )
            )
        out.append(
            Note(
                id=f"n-{meeting.id}",
                meeting_id=meeting.id,
                phase_key="checkin",
                text=hostile("Check-in"),
                author_id=members[3].id,
                updated_at=now,
            )
        )
    return out


def hostile_app(folder: Path, clock: FrozenClock | None = None, **context: Any):
    """An app on the hostile demo, unlocked; it opens on the live meeting."""
    clock = clock or FrozenClock()
    app = make_app(folder, unlocked=True, clock=clock, **context)
    app.context.repository.put(*hostile_records(clock()))
    return app


# -- what is on screen ----------------------------------------------------------------------------


def screen_lines(app) -> list[str]:
    """The text of every cell the compositor would send to the terminal now, line by line."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip if not segment.control) for strip in strips]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def widget_texts(app) -> list[str]:
    """What each text widget on the current screen renders: Static renders, table cells, option prompts."""
    texts: list[str] = []
    for widget in app.screen.query(Static):
        texts.append(str(widget.render()))
    for table in app.screen.query(DataTable):
        for row in range(table.row_count):
            texts.extend(str(value) for value in table.get_row_at(row))
    for listing in app.screen.query(OptionList):
        texts.extend(str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))
    return texts


def assert_inert(app, where: str) -> str:
    """Nothing on the screen can steer a terminal; returns the screen's text for further checks."""
    lines = screen_lines(app)
    bad = [line.strip() for line in lines if FORBIDDEN.search(line)]
    assert not bad, f"{where}: controls reach the terminal on {bad[:3]!r}"
    text = "\n".join(lines)
    for rendered in widget_texts(app):
        found = sorted({f"U+{ord(char):04X}" for char in FORBIDDEN.findall(rendered.replace("\n", ""))})
        assert not found, f"{where}: {found} in a widget's render {rendered[:60]!r}"
    svg = app.export_screenshot()
    found = sorted({f"U+{ord(char):04X}" for char in FORBIDDEN_IN_SVG.findall(svg)})
    assert not found, f"{where}: {found} in the screenshot"
    assert "TITEL\x07" not in text and "\x1b]" not in svg
    notices = [notice.message for notice in app._notifications if FORBIDDEN.search(notice.message)]
    assert not notices, f"{where}: a notice carries controls: {notices[:2]!r}"
    assert app.return_code is None and not app._exit, f"{where}: the app was asked to quit"
    return text


def literal_on_screen(app, *texts: str) -> None:
    """Each of ``texts`` is on screen, brackets and all (markup would have eaten them)."""
    picture = screen_text(app)
    rendered = "\n".join(widget_texts(app))
    for text in texts:
        assert text in picture or text in rendered, f"{text!r} is not shown literally"


async def click_every(pilot, word: str = "klik") -> int:
    """Click every place on screen where ``word`` shows (a markup action would fire there).

    Stops when a click changes the screen (a list row opened something): the caller checks
    that the app is still running either way."""
    screen = pilot.app.screen
    clicks = 0
    for y, line in enumerate(screen_lines(pilot.app)):
        start = line.find(word)
        while start != -1 and pilot.app.screen is screen:
            # Columns are cells, and wide characters before the word take two: count cells.
            x = cell_len(line[:start]) + 1
            await pilot.click(offset=(x, y))
            await pilot.pause()
            clicks += 1
            assert pilot.app.return_code is None and not pilot.app._exit, "a click on hostile text quit the app"
            start = line.find(word, start + 1)
        if pilot.app.screen is not screen:
            break
    return clicks


async def leave_typing(pilot, screen: SessionScreen) -> None:
    """A click on a note or record opens it for editing (a field or a form): checked, then closed with Esc."""
    while pilot.app.screen is not screen:
        assert_inert(pilot.app, f"opened by a click: {type(pilot.app.screen).__name__}")
        await pilot.press("escape")
        await pilot.pause()
    if screen.is_typing():
        await pilot.press("escape")
        await pilot.pause()
    assert not screen.is_typing()


async def visit(pilot, where: str, *keys: str) -> str:
    await pilot.press(*keys)
    await pilot.pause()
    return assert_inert(pilot.app, where)


# -- the checks themselves can fail --------------------------------------------------------------


class MarkupApp(App[None]):
    """A control: a plain Static that parses markup, as Label and Static do by default."""

    def compose(self) -> ComposeResult:
        yield Static(f"Anouk {CLICK} {TITLE}")


async def test_the_checks_catch_a_live_click_action_and_an_escape_sequence() -> None:
    """Without the app's defences the same strings quit on a click and reach the terminal."""
    app = MarkupApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        try:
            assert_inert(app, "control")
        except AssertionError as error:
            assert "controls reach the terminal" in str(error)
        else:
            raise AssertionError("an escape sequence in a plain Static was not noticed")
        assert CLICK not in screen_text(app)  # parsed: the brackets are gone
        try:
            await click_every(pilot)
        except AssertionError as error:
            assert "quit the app" in str(error)
        else:
            raise AssertionError("a click on live markup did not quit")


# -- (a) + (b): every screen, stored text bypassing the input cleaning ---------------------------


async def test_the_session_shows_hostile_text_inert_in_every_phase(tmp_path: Path) -> None:
    """Back to the first phase, then forward through every phase to the closing round; dialogs on the way."""
    app = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert_inert(app, "session, live phase")
        literal_on_screen(app, CLICK, LINK, BOLD)  # the grid's notes
        assert await click_every(pilot) > 0
        await leave_typing(pilot, screen)
        await visit(pilot, "session, a hostile note in the edit field", "e")
        assert screen.is_typing() and "\x1b" in app.focused.value  # the stored text, as it is, in the field
        await leave_typing(pilot, screen)
        for _step in range(screen.meeting.current):
            await visit(pilot, f"session, back to phase {screen.meeting.current}", "b")
        assert screen.meeting.current == 0
        kinds = set()
        while True:
            step = screen.session.current_step()
            kinds.add(step.activity if step else None)
            text = assert_inert(app, f"session, phase {screen.meeting.phases[screen.meeting.current].key}")
            assert "Anouk " + CLICK in text or "Anouk" not in text  # a name on screen is whole and literal
            await click_every(pilot)
            await leave_typing(pilot, screen)
            assert app.screen is screen
            if step is not None and step.activity is Activity.CHOICE:  # choose the hostile case: a notice names it
                await visit(pilot, "session, case chosen", "home", "k")
                assert any("Casus" in message for message in told(app))
                await pilot.press("escape")  # its theme: later
                await pilot.pause()
            if screen.meeting.current == len(screen.meeting.phases) - 1:
                break
            await pilot.press("n")
            await pilot.pause()
            if app.screen is not screen:  # a question before leaving a round: answer no, then skip on
                await visit(pilot, "session, a question")
                await pilot.press("escape")
                await pilot.pause()
                await pilot.press("s")
                await pilot.pause()
        assert {
            Activity.CHECKIN,
            Activity.INVENTORY,
            Activity.CHOICE,
            Activity.QUESTIONS,
            Activity.FEEDBACK,
            Activity.CLOSING,
            Activity.TALK,
        } <= kinds
        # The closing round shows the takeaways; the earlier notes, the keys, the chair and the method lists.
        literal_on_screen(app, CLICK)
        await visit(pilot, "earlier notes", "v")
        literal_on_screen(app, CLICK, LINK, BOLD)
        await visit(pilot, "session", "escape")
        await visit(pilot, "keys help on the session", "f1")
        await visit(pilot, "session", "escape")
        await visit(pilot, "chair picker", "l")
        literal_on_screen(app, "Anouk " + CLICK, "Bram " + LINK)
        await pilot.press("enter")  # Enter on a hostile name: hands over the chair, nothing more
        await pilot.pause()
        assert_inert(app, "after handing over the chair to a hostile name")
        # The chair to the name with escape sequences: the status line and the picker's "now" line name them.
        await visit(pilot, "chair picker", "l")
        listing = app.screen.query_one(OptionList)
        listing.highlighted = next(
            i
            for i in range(listing.option_count)
            if "Joost" in str(listing.get_option_at_index(i).prompt)
            and str(listing.get_option_at_index(i).id).startswith("meeting:")
        )
        await visit(pilot, "chair of the meeting handed to Joost", "enter")
        assert "Joost" in str(screen.query_one("#status-times", Static).render())
        await visit(pilot, "chair picker naming Joost as chair", "l")
        await visit(pilot, "session", "escape")
        # The closing round's form asks for a top and a tip for the chair, by name.
        assert screen.session.current_step().activity is Activity.CLOSING
        await visit(pilot, "closing round form", "a")
        assert isinstance(app.screen, TurnForm)
        assert any("Joost" in str(label.render()) for label in app.screen.query(".form-label"))
        await visit(pilot, "session", "escape")
        await visit(pilot, "method chooser", "b", "m")
        await visit(pilot, "session", "escape")


async def test_home_group_members_agreements_history_and_past_meeting_show_hostile_text_inert(tmp_path: Path) -> None:
    app = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await visit(pilot, "home", "escape")
        from intervisie_tui.ui.screens.home import HomeScreen

        assert isinstance(app.screen, HomeScreen)
        literal_on_screen(
            app,
            GROUP_NAME.split(" \x1b")[0],
            "Anouk " + CLICK,
            "Bram " + LINK,
            f"Fatima {BOLD} {RED}",
            f"{HEALTH_WORKER} {CJK} {COMBINING} {ARABIC} {HEBREW}",
        )
        listing = app.screen.query_one("#group-list", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any(CLICK in prompt for prompt in prompts)
        await click_every(pilot)
        await visit(pilot, "home", "home")
        await visit(pilot, "home, Enter on the hostile group", "enter")
        # Wherever Enter led, the app still runs; back to the home screen.
        while not isinstance(app.screen, HomeScreen):
            await pilot.press("escape")
            await pilot.pause()
        await visit(pilot, "keys help on home", "f1")
        await visit(pilot, "home", "escape")

        await visit(pilot, "group", "home", "g")
        literal_on_screen(app, CLICK)
        await click_every(pilot)
        await visit(pilot, "keys help on the group", "f1")
        await visit(pilot, "group", "escape")
        await visit(pilot, "private notes naming the group", "n")
        await visit(pilot, "group", "escape")
        await visit(pilot, "sign-off question naming the group", "t")
        from intervisie_tui.ui.dialogs.confirm import Confirm

        assert isinstance(app.screen, Confirm)
        literal_on_screen(app, "Team " + CLICK)
        await visit(pilot, "group", "escape")

        await visit(pilot, "members", "l")
        table = app.screen.query_one(DataTable)
        cells = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert "Anouk " + CLICK in cells and f"Fatima {BOLD} {RED}" in cells
        await click_every(pilot)
        while not isinstance(app.screen, MembersScreen):  # a click on a row opens the member's form
            await visit(pilot, "a form opened by a click", "escape")
        for row in range(len(MEMBER_NAMES)):  # each stored hostile name in the edit form's field
            await visit(pilot, f"members: edit form of row {row}", "home", *(["down"] * row), "e")
            assert isinstance(app.screen, TurnForm)
            await visit(pilot, "members", "escape")
        await visit(pilot, "members, archived a hostile name (X)", "home", "x")
        await visit(pilot, "members, brought back (X)", "x")
        await visit(pilot, "keys help on members", "f1")
        await visit(pilot, "members", "escape")
        await visit(pilot, "group", "escape")

        await visit(pilot, "agreements", "c")
        literal_on_screen(app, "Afspraak 0 " + CLICK, LINK, BOLD)
        agreements = app.screen
        await click_every(pilot)
        while app.screen is not agreements:  # a click on a row or a footer key opens its form
            await visit(pilot, "a form opened by a click", "escape")
        await visit(pilot, "agreements, a hostile member accepts (Tab, space)", "tab", "space")
        assert app.screen is agreements
        await visit(pilot, "keys help on agreements", "f1")
        await visit(pilot, "agreements", "escape")
        await visit(pilot, "group", "escape")

        await visit(pilot, "history", "h")
        history = app.screen
        await click_every(pilot)
        while app.screen is not history:  # a click on a footer key opens its dialog (an export form)
            await visit(pilot, "a dialog opened by a click", "escape")
        await visit(pilot, "history, searched", "slash")
        app.screen.query_one("#history-search", Input).value = "klik"
        await pilot.pause()
        text = assert_inert(app, "history, search hits")
        assert CLICK in text
        await visit(pilot, "history", "enter")
        await visit(pilot, "keys help on history", "f1")
        await visit(pilot, "history", "escape")
        await visit(pilot, "hours: whose", "u")
        literal_on_screen(app, "Anouk " + CLICK)
        await visit(pilot, "history", "escape")
        for row in range(app.screen.query_one(DataTable).row_count):
            await visit(pilot, f"history row {row}", "home", *(["down"] * row))
            await visit(pilot, f"past meeting {row}", "r")
            await click_every(pilot)
            for key, what in (("p", "who was there"), ("e", "whose reflection"), ("x", "minutes: whose part")):
                await visit(pilot, f"past meeting {row}: {what}", key)
                await visit(pilot, f"past meeting {row}", "escape")
            await visit(pilot, "keys help on a past meeting", "f1")
            await visit(pilot, "past meeting", "escape")
            await visit(pilot, "history", "escape")
        # The meeting with the hostile questions, tops, tips and takeaways was read.
        assert app.return_code is None


async def test_the_past_meeting_document_shows_every_kind_of_text_literally(tmp_path: Path) -> None:
    app = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await visit(pilot, "group", "escape", "home", "g")
        await visit(pilot, "history", "h")
        rows = app.screen.query_one(DataTable).row_count
        documents = []
        for row in range(rows):
            await visit(pilot, "past meeting", "home", *(["down"] * row), "r")
            documents.append(str(app.screen.query_one("#past-document", Static).render()))
            await visit(pilot, "history", "escape")
        document = "\n".join(documents)
        for label in ("Casus", "Hulpvraag", "Vraag", "Top", "Tip", "Meegenomen"):
            assert f"{label} {CLICK} {LINK} {BOLD}" in document, label
        assert not FORBIDDEN.findall(document.replace("\n", ""))


async def test_a_hostile_theme_label_is_shown_literally_in_the_settings(tmp_path: Path) -> None:
    themes = tmp_path / "config" / "themes"
    themes.mkdir(parents=True)
    (themes / "boos.toml").write_text(
        'name = "boos"\n[colors]\nprimary = "#336699"\n'
        '[label]\nnl = "Boos [@click=app.quit]klik[/] \\u001b]0;TITEL\\u0007 \\u009b31m"\n'
        'en = "Boos [@click=app.quit]klik[/] \\u001b]0;TITEL\\u0007 \\u009b31m"\n',
        encoding="utf-8",
    )
    app = hostile_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await visit(pilot, "settings", "escape", "f4")
        await visit(pilot, "theme list open", "enter")
        literal_on_screen(app, "Boos " + CLICK)
        await click_every(pilot)
        await visit(pilot, "settings", "escape")
        await visit(pilot, "home", "escape")


async def test_a_notice_naming_hostile_stored_text_is_inert(tmp_path: Path) -> None:
    """Notices (toasts) that name a stored member or case: archiving a member, accepting for them, choosing."""
    app = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await visit(pilot, "group", "escape", "home", "g")
        await visit(pilot, "members", "l")
        for row in range(len(MEMBER_NAMES)):
            await visit(pilot, f"members: archive row {row}", "home", *(["down"] * row), "x")
            await visit(pilot, f"members: bring back row {row}", "x")
        await visit(pilot, "group", "escape")
        await visit(pilot, "agreements", "c", "tab", "home")
        for row in range(len(MEMBER_NAMES)):
            await visit(pilot, f"agreements: accept for row {row}", "space", "down")
        notices = told(app)
        assert notices and not [n for n in notices if FORBIDDEN.search(n)], notices


# -- (c): names typed or pasted into the UI are cleaned when stored ------------------------------


async def test_names_lose_controls_bidi_and_zero_width_but_keep_emoji_cjk_combining_and_rtl(tmp_path: Path) -> None:
    clock = FrozenClock()
    app, group = group_with(tmp_path, clock, 4)
    typed = {
        f"{RLO}Fenna{ZWSP}": "Fenna",
        f"Zo{ZWSP}e\u0301 {HEALTH_WORKER}": f"Zoé {HEALTH_WORKER}",
        CJK: CJK,
        f"{ARABIC} \u2067{HEBREW}\u2069": f"{ARABIC} {HEBREW}",
        f"Dewi{CLEAR}{TITLE}{C1_CSI}": "Dewi[2J]0;TITEL31m",
        f"Eva {CLICK}": f"Eva {CLICK}",
    }
    async with app.run_test(size=(120, 40)) as pilot:
        screen, _results = await open_members(pilot, group)
        for name in typed:
            await pilot.press("a")
            await fill_form(pilot, name)
            assert app.screen is screen, f"{name!r} was not accepted"
        assert_inert(app, "members after adding")
        literal_on_screen(app, f"Eva {CLICK}", f"Zoé {HEALTH_WORKER}", f"{ARABIC} {HEBREW}")
        names = {m.name for m in stored(app, "members", group)}
        for name in typed.values():
            assert name in names, name
        assert not [name for name in names if FORBIDDEN.search(name) or ZWSP in name]


# -- (d): NUL and lone surrogates are refused with a message, nothing stored ---------------------


def refusals() -> set[str]:
    """The two refusals, in the current language (Dutch in these tests)."""
    return {
        _("The text contains a NUL character and was not accepted."),
        _("The text contains an invalid character and was not accepted."),
    }


async def test_nul_and_a_lone_surrogate_in_a_name_are_refused_with_a_message(tmp_path: Path) -> None:
    clock = FrozenClock()
    app, group = group_with(tmp_path, clock, 4)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_members(pilot, group)
        for bad in ("Bas\x00", "Bas\ud800"):
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, TurnForm)
            field = form.query_one("#field-name", Input)
            field.post_message(events.Paste(bad))  # as the terminal hands over a paste
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is form, f"{bad!r} was accepted"
            message = str(form.query_one("#form-error", Static).render()).strip()
            assert message in refusals() and "niet overgenomen" in message
            assert message in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
        assert len(stored(app, "members", group)) == 4


async def test_nul_and_a_lone_surrogate_in_a_note_are_refused_with_a_message(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        before = len(screen.notes)
        for bad in ("vet\x00", "vet\udc80"):
            await pilot.press("a")
            await pilot.pause()
            field = screen.query_one("#note-input", Input)
            assert app.focused is field
            field.post_message(events.Paste(bad))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert told(app)[-1] in refusals()
            assert len(screen.notes) == before
            await pilot.press("escape")
            await pilot.pause()
        assert_inert(app, "session after refusals")
        assert app.saver.flush(timeout=5)
        content = app.repository.meeting_content(screen.meeting.id)
        assert len(content.notes) == before


# -- (e): a 10 MB paste is capped with a message, the app stays responsive -----------------------


async def test_a_10_mb_paste_into_a_note_is_capped_with_a_message_and_the_app_keeps_working(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("a")
        await pilot.pause()
        field = screen.query_one("#note-input", Input)
        pilot.app.screen.focused.post_message(events.Paste("x" * 10_000_000))
        await pilot.pause()
        assert len(field.value) == field.max_length  # the first part is kept, not nothing
        assert "4000" in told(app)[-1]  # and the notice says how much
        await pilot.press("backspace", "!")  # the field still takes keys
        await pilot.pause()
        assert field.value.endswith("x!") and len(field.value) == field.max_length
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.is_typing()
        assert any(len(note.text) == field.max_length for note in screen.notes)
        assert_inert(app, "session after a huge paste")


async def test_a_long_paste_into_a_form_field_is_capped_with_a_message(tmp_path: Path) -> None:
    clock = FrozenClock()
    app, group = group_with(tmp_path, clock, 4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _results = await open_members(pilot, group)
        await pilot.press("a")
        await pilot.pause()
        field = app.screen.query_one("#field-name", Input)
        field.post_message(events.Paste("Bas" + "s" * 1_000_000))
        await pilot.pause()
        assert field.value == ("Bas" + "s" * NAME_MAX)[:NAME_MAX]
        assert str(NAME_MAX) in told(app)[-1]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert len(stored(app, "members", group)) == 5


async def test_a_paste_that_fits_is_taken_whole_without_a_message(tmp_path: Path) -> None:
    app, group = group_with(tmp_path, FrozenClock(), 4)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_members(pilot, group)
        await pilot.press("a")
        await pilot.pause()
        field = app.screen.query_one("#field-name", Input)
        field.post_message(events.Paste("x" * NAME_MAX))
        await pilot.pause()
        assert field.value == "x" * NAME_MAX and not told(app)
        field.post_message(events.Paste("y"))  # full: nothing fits, and it says so
        await pilot.pause()
        assert field.value == "x" * NAME_MAX and told(app)


async def test_every_notice_is_cleaned_at_the_one_place_notices_are_made(tmp_path) -> None:
    """app.say cleans its text, so a theme file named with ESC (or any future caller) cannot steer the terminal."""
    from tests.ui.helpers import make_app as plain_app

    app = plain_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.say("Thema \x1b]0;GEHACKT\x07x.toml \x9b31m overgeslagen")
        await pilot.pause()
        message = app._notifications and list(app._notifications)[-1].message
        assert message and "\x1b" not in message and "\x07" not in message and "\x9b" not in message
        assert "GEHACKT" in message  # shown, not executed
