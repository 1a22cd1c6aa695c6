"""Shared by the Pilot and snapshot tests: the app (frozen clock, no blink, no animation), files to
start from, keys to type and what the app holds. Test modules import from here, never from each other."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.widgets import Input

from intervisie_tui.core.demo import demo_records
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import Agreement, Group, GroupMode, Member, new_id
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS
from intervisie_tui.store.opener import FileOpener
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.context import AppContext
from intervisie_tui.ui.dialogs.form import TurnForm
from intervisie_tui.ui.screens.members import MembersScreen
from tests.conftest import PASSPHRASE, FrozenClock

if TYPE_CHECKING:
    from intervisie_tui.ui.session.screen import SessionScreen


class AppUnderTest(IntervisieApp):
    """The real app with animation off (its inputs never blink anyway)."""

    def _on_mount(self) -> None:
        # Textual calls the mount handler of every class in the MRO; never chain with super() here.
        self.animation_level = "none"


def make_app(
    folder: Path,
    *,
    demo: bool = False,
    unlocked: bool = False,
    clock: FrozenClock | None = None,
    create: bool = True,
    passphrase: str = PASSPHRASE,
    **context: Any,
) -> IntervisieApp:
    """An app on ``folder/groep.ivt``: created (with the demo groups) and optionally already unlocked."""
    clock = clock or FrozenClock()
    opener = FileOpener(folder / "groep.ivt", clock=clock, kdf=ARGON2ID_FAST_FOR_TESTS)
    repository = None
    if create and not opener.path.exists():
        repository = opener.create(passphrase)
        if demo:
            repository.put(*demo_records(clock()))
        if not unlocked:
            repository.close()
            repository = None
            opener.release()
    elif unlocked:
        repository = opener.unlock(passphrase)
    context.setdefault("unlock_delay_s", 0.0)
    context.setdefault("config_dir", folder / "config")  # never the real user's settings or themes
    return AppUnderTest(AppContext(opener=opener, clock=clock, repository=repository, **context))


# -- files to start from ------------------------------------------------------------------------

MEMBER_NAMES = ("Aya", "Bas", "Cor", "Dewi", "Eva", "Fenna", "Gijs", "Hans", "Ilse")


def group_file(folder: Path, clock: FrozenClock):
    """An app on a file with one self-run group of four and no meetings."""
    app = make_app(folder, unlocked=True, clock=clock)
    group = Group(
        id=new_id(), name="Intervisie Noord", mode=GroupMode.SELF_RUN, created_on=date(2026, 1, 5), updated_at=clock()
    )
    members = [
        Member(id=new_id(), group_id=group.id, name=name, updated_at=clock()) for name in ("Aya", "Bas", "Cor", "Dewi")
    ]
    app.context.repository.put(group, *members)
    return app, group


def group_with(
    folder: Path,
    clock: FrozenClock,
    count: int = 5,
    *,
    texts: tuple[str, ...] = (),
    names: tuple[str, ...] = MEMBER_NAMES,
):
    """An app on a file with one group of ``count`` members and the agreements ``texts``."""
    app = make_app(folder, unlocked=True, clock=clock)
    group = Group(
        id=new_id(), name="Intervisie Noord", mode=GroupMode.SELF_RUN, created_on=date(2026, 1, 5), updated_at=clock()
    )
    members = [
        Member(id=f"m-{name.lower()}", group_id=group.id, name=name, updated_at=clock()) for name in names[:count]
    ]
    agreements = [
        Agreement(id=f"a{i}", group_id=group.id, text=text, position=i, updated_at=clock())
        for i, text in enumerate(texts)
    ]
    app.context.repository.put(group, *members, *agreements)
    return app, group


def reopened(folder: Path, clock: FrozenClock, app=None):
    """The file opened again, as a new app run would (after the app's run let go of it)."""
    if app is not None:  # as quitting does: the file is closed (its own lock goes) and let go
        app.close_repository()
        app.context.opener.release()
    opener = FileOpener(folder / "groep.ivt", clock=clock, kdf=ARGON2ID_FAST_FOR_TESTS)
    return opener, opener.unlock(PASSPHRASE)


# -- what the app holds and says ----------------------------------------------------------------


def stored(app, method: str, group: Group | None = None) -> list:
    """What the file holds, once the saver wrote everything handed to it."""
    assert app.saver.flush(timeout=5)
    read = getattr(app.repository, method)
    return read() if group is None else read(group.id)


def told(app) -> list[str]:
    """The notices the app shows now."""
    return [notice.message for notice in app._notifications]


# -- keys ---------------------------------------------------------------------------------------

KEY_NAMES = {" ": "space", "-": "minus", "?": "question_mark", ",": "comma", ".": "full_stop", "'": "apostrophe"}


async def type_text(pilot, text: str) -> None:
    """Type ``text`` key by key (a space as "space")."""
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def type_line(pilot, text: str) -> None:
    """Type into the focused field character by character, as a person would."""
    for char in text:
        await pilot.press(KEY_NAMES.get(char, char))


async def add_note(pilot, text: str, *, typed: bool = True) -> None:
    """A, the text, Enter. ``typed=False`` puts the text in the field at once (as a paste
    does) for sweeps where key-by-key typing is tested elsewhere and only costs time."""
    await pilot.press("a")
    if typed:
        await type_text(pilot, text)
    else:
        field = pilot.app.focused
        assert isinstance(field, Input) and field.id == "note-input"
        field.insert_text_at_cursor(text)
    await pilot.press("enter")
    await pilot.pause()


async def fill_form(pilot, *values: str) -> None:
    """Put each value in its field (↓ to the next field), then Enter.

    The values are pasted rather than typed key by key: Pilot is slow on
    every key, and typing into a form's fields is covered by the inventory test."""
    assert isinstance(pilot.app.screen, TurnForm)
    for index, value in enumerate(values):
        if index:
            await pilot.press("down")
        focused = pilot.app.focused
        assert isinstance(focused, Input)
        focused.value = ""
        focused.insert_text_at_cursor(value)
    await pilot.press("enter")
    await pilot.pause()


async def open_members(pilot, group: Group) -> tuple[MembersScreen, list]:
    """The members screen of ``group`` pushed; the list its results are added to."""
    results: list = []
    screen = MembersScreen(group, pilot.app.repository.members(group.id))
    pilot.app.push_screen(screen, results.append)
    await pilot.pause()
    return screen, results


# -- the meeting --------------------------------------------------------------------------------


async def choose_method(pilot, method_id: str) -> None:
    """M, then the method ``method_id`` in the chooser."""
    await pilot.press("m")
    await pilot.pause()
    target = [method.id for method in load_shipped().ordered()].index(method_id)
    await pilot.press("home", *(["down"] * target), "enter")
    await pilot.pause()


def phase_key(screen: SessionScreen) -> str:
    """The key of the phase the meeting is in."""
    return screen.meeting.phases[screen.meeting.current].key


async def until(pilot, ready) -> None:
    """Let the app run until ``ready()`` holds (a screen up, a save done); fail if it never does."""
    for _ in range(200):
        if ready():
            return
        await pilot.pause()
    raise AssertionError("the app never reached the state waited for")


async def answer_check_in(pilot, *keys: str) -> None:
    """The question who is here that opens as a meeting begins: ``keys`` in it, then Enter keeps it."""
    from intervisie_tui.ui.dialogs.attendance_editor import AttendanceEditor

    await until(pilot, lambda: isinstance(pilot.app.screen, AttendanceEditor))
    editor = pilot.app.screen
    if keys:
        await pilot.press(*keys)
    await pilot.press("enter")
    await until(pilot, lambda: pilot.app.screen is not editor)


async def begin(pilot) -> None:
    """N begins the planned meeting; who is here is kept as the check-in's question shows it."""
    await pilot.press("n")
    await answer_check_in(pilot)


async def to_phase(pilot, screen: SessionScreen, key: str) -> None:
    """N until the meeting is in the phase ``key`` (answering the check-in's question if it begins)."""
    from intervisie_tui.core.model import MeetingStatus

    while phase_key(screen) != key:
        if screen.meeting.status is MeetingStatus.PLANNED:
            await begin(pilot)
        else:
            await pilot.press("n")
        await pilot.pause()


async def hand_over(pilot, out: Path, passphrase: str) -> str:
    """O on the group screen: the handover to ``out`` under ``passphrase`` (typed twice); the dialog's last word.

    The dialog is left open on its result, so the caller reads it and closes it (Enter)."""
    from intervisie_tui.ui.screens.handover import HandoverScreen

    await pilot.press("o")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, HandoverScreen)
    dialog.query_one("#handover-path").value = str(out)
    await pilot.press("enter")
    await type_line(pilot, passphrase)
    await pilot.press("enter")
    await type_line(pilot, passphrase)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return str(dialog.query_one("#handover-status").render())
