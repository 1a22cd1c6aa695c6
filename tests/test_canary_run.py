"""No plaintext at rest (docs/HARDENING.md): a full run with canary strings, then a grep of every file.

One Pilot-driven run puts a different canary in every place a user types something
confidential: the passphrase (typed into the create screen), the group and its
supervisor, the members, a case's title and question, the check-in, the question
round, the whiteboard, tops and tips, the takeaway, the closing evaluations, and
the supervisor's private notebook (its own passphrase too). Curtain (F2), room
view (F3), settings (F4, a new theme saved), lock (Ctrl+L) and unlock run as well,
then Ctrl+Q flushes every save.

Everything the app could write to points into a sandbox under ``tmp_path``: HOME,
the XDG folders, the temp folder, the working directory, the data file and the
config folder. Afterwards every file in the sandbox, and every new entry in the
real temp folders, is read as raw bytes and searched for each canary as UTF-8,
UTF-16 (LE and BE), NFD and in its JSON-escaped form (``\\u00eb``). Only the
encrypted group file, its encrypted backups and the encrypted notebook may exist
beside the lock, owner and settings files, and even they must not show a canary.
Finally the encrypted files are opened with their passphrases to prove the
canaries really were stored (otherwise the search proves nothing).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import Input

from intervisie_tui import locations
from intervisie_tui.core.model import MeetingStatus
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS
from intervisie_tui.store.opener import FileOpener
from intervisie_tui.store.supervisor_notes import SupervisorNotebook
from intervisie_tui.ui.screens.agreements import AgreementsScreen
from intervisie_tui.ui.screens.create import CreateScreen
from intervisie_tui.ui.screens.curtain import CurtainScreen
from intervisie_tui.ui.screens.group import GroupScreen
from intervisie_tui.ui.screens.home import HomeScreen
from intervisie_tui.ui.screens.settings_screen import SettingsScreen
from intervisie_tui.ui.screens.supervisor_notes import SupervisorNotesScreen
from intervisie_tui.ui.screens.unlock import UnlockScreen
from intervisie_tui.ui.session.screen import SessionScreen
from intervisie_tui.ui.settings import load_settings
from tests.conftest import FrozenClock
from tests.ui.helpers import begin, choose_method, fill_form, make_app, phase_key, to_phase, type_line

# Every canary is distinct, so a hit names the place it came from. "ë" and "ü" make the
# JSON-escaped form (\u00eb, \u00fc) and the NFD form differ from the UTF-8 bytes.
PASSPHRASE_CANARY = "KNRpass-Zoë-sleutel-4821"
NOTEBOOK_PASSPHRASE_CANARY = "KNRzin-Müller-boekje-9120"
GROUP_CANARY = "KNRgroep-Noord-3390"
SUPERVISOR_CANARY = "KNRbegeleider-Ellen-3391"
MEMBER_CANARIES = ("KNRlidAya-2201", "KNRlidBas-2202", "KNRlidCor-2203", "KNRlidDewi-2204", "KNRlidZoë-2205")
CASE_TITLE_CANARY = "KNRcasus-titel-5521"
CASE_QUESTION_CANARY = "Hoe kan ik KNRcasus-vraag-5522 eerder bellen"
CHECKIN_CANARY = "KNRcheckin-moe-1203"
QUESTION_CANARIES = (
    "Wat deed je toen KNRvraag-7701?",
    "Hoe reageerde zij KNRvraag-7702?",
    "Wie belde er KNRvraag-7703?",
    "Wat voelde je KNRvraag-7704?",
)
WHITEBOARD_CANARIES = ("KNRbord-twijfel-über-8813", "KNRbord-regie-8814")
TOP_CANARY = "KNRtop-4490"
TIP_CANARY = "KNRtip-4491"
TAKEAWAY_CANARY = "KNRmeenemen-4492"
LESSON_CANARY = "KNRles-geleerd-4493"
PRIVATE_NOTE_CANARY = "KNRprivé-notitie-Zoë-9121"
LATE_MEMBER_CANARY = "KNRlidNa-slot-2206"
"""Added after the unlock: the first save of a session takes a backup, so backups are searched too."""
SECOND_PRIVATE_NOTE_CANARY = "KNRprivé-tweede-9122"

GROUP_FILE_CANARIES = (
    GROUP_CANARY,
    SUPERVISOR_CANARY,
    *MEMBER_CANARIES,
    LATE_MEMBER_CANARY,
    CASE_TITLE_CANARY,
    CASE_QUESTION_CANARY,
    CHECKIN_CANARY,
    *QUESTION_CANARIES,
    *WHITEBOARD_CANARIES,
    TOP_CANARY,
    TIP_CANARY,
    TAKEAWAY_CANARY,
    LESSON_CANARY,
)
NOTEBOOK_CANARIES = (PRIVATE_NOTE_CANARY, SECOND_PRIVATE_NOTE_CANARY)
CANARIES = (PASSPHRASE_CANARY, NOTEBOOK_PASSPHRASE_CANARY, *GROUP_FILE_CANARIES, *NOTEBOOK_CANARIES)

DATA_FILE = "groep.ivt"
NOTEBOOK_FILE = locations.NOTEBOOK_FILE_NAME
_STORED = rf"(?:{re.escape(DATA_FILE)}|{re.escape(NOTEBOOK_FILE)})"
_BACKUP = r"\.backup-(?:\d{6}-\d{8}T\d{6}|\d{8}T\d{12})"  # numbered, or named before numbering
ENCRYPTED = re.compile(rf"^{_STORED}(?:{_BACKUP})?$")
"""The only files that may hold confidential content: encrypted, each one."""
EXPECTED = re.compile(rf"^{_STORED}(?:{_BACKUP}|\.lock|\.owner)?$|^settings\.toml$|^machine-id$")
"""Every file the run may leave behind (names only); ``machine-id`` is 32 random hex digits (store/replica.py)."""

REAL_TEMP_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")
RUN_LIMIT_S = 240
"""A stuck run fails with a traceback instead of hanging (a normal run takes well under a minute)."""


def needles(canary: str) -> dict[str, bytes]:
    """The byte patterns a canary leaves in a file, by encoding (duplicates removed)."""
    forms = {
        "utf-8": canary.encode("utf-8"),
        "utf-16-le": canary.encode("utf-16-le"),
        "utf-16-be": canary.encode("utf-16-be"),
        "json-escaped": json.dumps(canary)[1:-1].encode("ascii"),
        "nfd": unicodedata.normalize("NFD", canary).encode("utf-8"),
    }
    unique: dict[str, bytes] = {}
    for name, pattern in forms.items():
        if pattern not in unique.values():
            unique[name] = pattern
    return unique


READ_LIMIT = 256 * 1024 * 1024
"""Bytes read of a file in the real temp folders (someone else's huge file must not stall the test)."""


def canary_hits(path: Path, *, others: bool = False) -> list[str]:
    """``canary (encoding)`` for every canary found in the file's raw bytes.

    ``others``: a file in the real temp folders, which other programs may own: one that is gone,
    unreadable or not a regular file (a FIFO would block) is skipped rather than reported.
    """
    try:
        if others and not stat.S_ISREG(os.lstat(path).st_mode):
            return []
        with open(path, "rb") as handle:
            data = handle.read(READ_LIMIT if others else -1)
    except OSError as error:
        return [] if others else [f"<unreadable: {error.strerror}>"]
    return [
        f"{canary!r} ({form})" for canary in CANARIES for form, pattern in needles(canary).items() if pattern in data
    ]


def files_under(root: Path) -> Iterator[Path]:
    """Every file (not folder) below ``root``; symlinks are listed, never followed."""
    for folder, folders, names in os.walk(root, followlinks=False):
        for name in names + [entry for entry in folders if os.path.islink(os.path.join(folder, entry))]:
            yield Path(folder, name)


def temp_entries(folders: Iterable[str]) -> dict[str, set[str]]:
    """The entries of the real temp folders, to spot writes that escape the sandbox."""
    found: dict[str, set[str]] = {}
    for folder in folders:
        try:
            found[folder] = set(os.listdir(folder))
        except OSError:
            continue
    return found


def escaped_files(before: dict[str, set[str]], sandbox: Path) -> list[Path]:
    """Files in entries of the real temp folders that appeared during the run, the sandbox left out."""
    found: list[Path] = []
    for folder, names in temp_entries(before).items():
        for name in sorted(names - before.get(folder, set())):
            entry = Path(folder, name)
            if entry.is_dir() and not entry.is_symlink():
                found.extend(path for path in files_under(entry) if not path.is_relative_to(sandbox))
            elif not entry.is_relative_to(sandbox):
                found.append(entry)
    return found


@dataclass
class Sandbox:
    """The folder everything is pointed into, and the real temp folders' entries before the run."""

    root: Path
    temp_before: dict[str, set[str]]


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    """Point every place the app could write to into ``tmp_path/sandbox``; remember the real temp folders."""
    real_temp = {tempfile.gettempdir(), *REAL_TEMP_FOLDERS}  # before TMPDIR points into the sandbox
    root = tmp_path / "sandbox"
    for name in ("home", "config", "data", "state", "cache", "runtime", "temp", "cwd"):
        (root / name).mkdir(parents=True, mode=0o700)
    monkeypatch.setenv("HOME", str(root / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(root / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(root / "runtime"))
    for variable in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(variable, str(root / "temp"))
    monkeypatch.delenv("TEXTUAL_LOG", raising=False)  # Textual would write its log there
    monkeypatch.delenv("TEXTUAL_SCREENSHOT", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again; restored afterwards
    monkeypatch.chdir(root / "cwd")
    assert tempfile.gettempdir() == str(root / "temp")
    assert locations.data_dir().is_relative_to(root) and locations.config_dir().is_relative_to(root)
    return Sandbox(root, temp_entries(real_temp))


async def paste(pilot, text: str) -> None:
    """Put ``text`` in the focused field as a paste does (typing key by key is covered for the passphrase)."""
    field = pilot.app.focused
    assert isinstance(field, Input), field
    field.insert_text_at_cursor(text)


async def say(pilot, text: str) -> None:
    """A, the text, Enter: a line in a round or a note on the whiteboard."""
    await pilot.press("a")
    await pilot.pause()
    await paste(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def create_file(pilot, passphrase: str) -> None:
    """The create screen: the passphrase typed key by key, twice."""
    app = pilot.app
    assert isinstance(app.screen, CreateScreen)
    await type_line(pilot, passphrase)
    await pilot.press("enter")
    await type_line(pilot, passphrase)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen), app.screen


async def create_group(pilot) -> GroupScreen:
    """N: the group and its supervisor; G opens it, L adds the members; P a programme, C R the agreements."""
    await pilot.press("n")
    await pilot.pause()
    await fill_form(pilot, GROUP_CANARY, "wijkverpleging", "", SUPERVISOR_CANARY)
    await pilot.press("g")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GroupScreen)
    await pilot.press("l")
    await pilot.pause()
    for name in MEMBER_CANARIES:
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, name, "wijkverpleegkundige")
    await pilot.press("escape")
    await pilot.pause()
    assert sorted(member.name for member in screen.members) == sorted(MEMBER_CANARIES)
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("c", "r", "enter", "escape")  # the usual agreements (a case is voluntary)
    await pilot.pause()
    return screen


async def hold_meeting(pilot, clock: FrozenClock) -> SessionScreen:
    """B: the first meeting (agreements accepted), then every round with a canary; X ends it, Esc to the group."""
    app = pilot.app
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(app.screen, AgreementsScreen)
    await pilot.press("tab")
    for _ in MEMBER_CANARIES:
        await pilot.press("space", "down")
    await pilot.press("escape")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    await begin(pilot)  # check-in, with its question who is here
    assert phase_key(screen) == "checkin"
    await say(pilot, CHECKIN_CANARY)
    await pilot.press(*["p"] * (len(MEMBER_CANARIES) - 1))
    await pilot.pause()

    await to_phase(pilot, screen, "inventory")  # the first speaker brings the case, the others pass
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, CASE_TITLE_CANARY, CASE_QUESTION_CANARY, "2")
    await pilot.press(*["p"] * (len(MEMBER_CANARIES) - 1))
    await pilot.pause()
    assert [case.title for case in screen.records.cases] == [CASE_TITLE_CANARY]

    await to_phase(pilot, screen, "choice")
    await pilot.press("home", "j", "k")
    await pilot.pause()
    await pilot.press("enter")  # no theme: the minutes name the case by its title
    await pilot.pause()
    await choose_method(pilot, "incident_kort")

    await to_phase(pilot, screen, "case1.informatieronde")  # everybody but the inbrenger asks, then all pass
    for question in QUESTION_CANARIES:
        await say(pilot, question)
    await pilot.press(*["p"] * len(QUESTION_CANARIES))
    await pilot.pause()
    assert len(screen.records.questions) == len(QUESTION_CANARIES)

    await to_phase(pilot, screen, "case1.diagnose")  # the whiteboard
    for note in WHITEBOARD_CANARIES:
        await say(pilot, note)
    assert {note.text for note in screen.notes} >= set(WHITEBOARD_CANARIES)

    await to_phase(pilot, screen, "case1.afronding")  # tops and tips, then the inbrenger's takeaway
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, TOP_CANARY, TIP_CANARY)
    await pilot.press(*["p"] * (len(MEMBER_CANARIES) - 2))
    await pilot.pause()
    await say(pilot, TAKEAWAY_CANARY)

    await to_phase(pilot, screen, "closing")
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, LESSON_CANARY, "8", "", "9", "", "")
    clock.advance(minutes=90)
    await pilot.press("x", "enter")
    await pilot.pause()
    assert screen.meeting.status is MeetingStatus.CLOSED
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, GroupScreen)
    return screen


async def keep_private_note(pilot, note: str, *, new: bool) -> None:
    """N on the group screen: the notebook's own passphrase (typed; twice when it is new), one note, Esc."""
    app = pilot.app
    group_screen = app.screen
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, SupervisorNotesScreen)
    for _ in range(2 if new else 1):
        await type_line(pilot, NOTEBOOK_PASSPHRASE_CANARY)
        await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, note)
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is group_screen


async def add_member_after_unlock(pilot) -> GroupScreen:
    """G opens the group again, L A adds one member: the session's first save, which takes a backup."""
    await pilot.press("g")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GroupScreen)
    await pilot.press("l", "a")
    await pilot.pause()
    await fill_form(pilot, LATE_MEMBER_CANARY, "wijkverpleegkundige")
    await pilot.press("escape")
    await pilot.pause()
    assert LATE_MEMBER_CANARY in [member.name for member in screen.members]
    return screen


async def curtain_room_settings_lock(pilot, passphrase: str) -> None:
    """F2 twice, F3 twice, F4 with a new theme saved (Ctrl+S), Ctrl+L and the passphrase again."""
    app = pilot.app
    below = app.screen
    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(app.screen, CurtainScreen)
    await pilot.press("f2")
    await pilot.pause()
    assert app.screen is below
    await pilot.press("f3")
    await pilot.pause()
    assert app.room_view
    await pilot.press("f3")
    await pilot.pause()
    assert not app.room_view
    theme_before = app.theme
    await pilot.press("f4")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    await pilot.press("enter", "down", "enter")  # the theme list opens on the current theme: the next one
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert app.screen is below
    assert app.theme != theme_before
    await pilot.press("ctrl+l")
    await pilot.pause()
    assert isinstance(app.screen, UnlockScreen) and app.repository is None
    await type_line(pilot, passphrase)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.repository is not None


@pytest.mark.slow  # drives a whole meeting by keys (its duration: docs/PERFORMANCE.md)
async def test_a_full_run_leaves_no_canary_in_any_file_but_the_encrypted_ones(sandbox: Sandbox) -> None:
    root = sandbox.root
    clock = FrozenClock()
    data_folder = locations.data_dir()
    config_folder = locations.config_dir()
    app = make_app(data_folder, create=False, clock=clock, config_dir=config_folder)
    try:
        async with asyncio.timeout(RUN_LIMIT_S), app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await create_file(pilot, PASSPHRASE_CANARY)
            group_screen = await create_group(pilot)
            group_id = group_screen.group.id
            meeting = await hold_meeting(pilot, clock)
            meeting_id = meeting.meeting.id
            await keep_private_note(pilot, PRIVATE_NOTE_CANARY, new=True)
            await curtain_room_settings_lock(pilot, PASSPHRASE_CANARY)
            assert isinstance(app.screen, HomeScreen)
            await add_member_after_unlock(pilot)
            await keep_private_note(pilot, SECOND_PRIVATE_NOTE_CANARY, new=False)
            await pilot.press("ctrl+q")
            await pilot.pause()

        # What the run wrote, while the app's lock and owner note are still in place.
        written = sorted(files_under(root))
        names = sorted(str(path.relative_to(root)) for path in written)
        print("files written:", *names, sep="\n  ")
        leaks = {str(path.relative_to(root)): hits for path in written if (hits := canary_hits(path))}
        plaintext_leaks = {name: hits for name, hits in leaks.items() if not ENCRYPTED.match(Path(name).name)}
        assert not plaintext_leaks, f"canaries in plaintext files: {plaintext_leaks}\nfiles written: {names}"
        assert not leaks, f"canaries readable in the encrypted files: {leaks}\nfiles written: {names}"
        escaped = escaped_files(sandbox.temp_before, root)
        print("new entries in the real temp folders:", *escaped, sep="\n  ")
        escaped_leaks = {str(path): hits for path in escaped if (hits := canary_hits(path, others=True))}
        assert not escaped_leaks, f"canaries in files outside the sandbox: {escaped_leaks}"

        unexpected = [name for name in names if not EXPECTED.match(Path(name).name)]
        assert not unexpected, f"files nobody expected: {unexpected}\nfiles written: {names}"
        assert {path.parent for path in written} <= {data_folder, config_folder}, names
        assert (data_folder / DATA_FILE).is_file() and (data_folder / NOTEBOOK_FILE).is_file(), names
        assert any(name.startswith(f"{DATA_FILE}.backup-") for name in map(os.path.basename, names)), names
        assert any(name.startswith(f"{NOTEBOOK_FILE}.backup-") for name in map(os.path.basename, names)), names
        settings, problem = load_settings(config_folder)
        assert problem == "" and settings.theme == app.theme, names
    finally:
        app.context.opener.release()

    # The canaries really are in the encrypted files (else the search above proves nothing).
    opener = FileOpener(data_folder / DATA_FILE, clock=clock, kdf=ARGON2ID_FAST_FOR_TESTS)
    repository = opener.unlock(PASSPHRASE_CANARY)
    try:
        stored = repr(repository.group_records(group_id))
        assert repository.meeting_content(meeting_id) is not None
    finally:
        repository.close()
        opener.release()
    missing = [canary for canary in GROUP_FILE_CANARIES if canary not in stored]
    assert not missing, f"never stored, so never searched for: {missing}"
    assert not [canary for canary in NOTEBOOK_CANARIES if canary in stored]  # never in the group's file
    with SupervisorNotebook.unlock(data_folder / NOTEBOOK_FILE, NOTEBOOK_PASSPHRASE_CANARY, clock=clock) as notebook:
        assert sorted(note.text for note in notebook.notes(group_id)) == sorted(NOTEBOOK_CANARIES)


def test_the_search_finds_a_canary_in_every_form_it_looks_for(tmp_path: Path) -> None:
    """The grep above can fail: each canary is found as UTF-8, UTF-16, NFD and JSON-escaped, in the middle of noise."""
    for index, canary in enumerate((PASSPHRASE_CANARY, NOTEBOOK_PASSPHRASE_CANARY, PRIVATE_NOTE_CANARY, GROUP_CANARY)):
        forms = needles(canary)
        for form, pattern in forms.items():
            path = tmp_path / f"{index}-{form}.bin"
            path.write_bytes(os.urandom(64) + pattern + os.urandom(64))
            assert f"{canary!r} ({form})" in canary_hits(path)
    assert set(needles(PASSPHRASE_CANARY)) == {"utf-8", "utf-16-le", "utf-16-be", "json-escaped", "nfd"}
    assert b"\\u00eb" in needles(PASSPHRASE_CANARY)["json-escaped"]
    assert b"\\u00fc" in needles(NOTEBOOK_PASSPHRASE_CANARY)["json-escaped"]
    assert needles(GROUP_CANARY).keys() == {"utf-8", "utf-16-le", "utf-16-be"}  # ASCII: one byte form is enough
    (tmp_path / "plain.txt").write_text(f"nothing here but {GROUP_CANARY[:-1]}", encoding="utf-8")
    assert canary_hits(tmp_path / "plain.txt") == []
    allowed = [
        "groep.ivt",
        "groep.ivt.backup-20261122T140500000001",
        NOTEBOOK_FILE,
        f"{NOTEBOOK_FILE}.backup-20261122T140500000000",
        "groep.ivt.backup-000012-20261122T140500",
    ]
    assert all(ENCRYPTED.match(name) for name in allowed)
    assert all(EXPECTED.match(name) for name in [*allowed, "groep.ivt.lock", "groep.ivt.owner", "settings.toml"])
    refused = [
        "groep.ivt.tmp",
        ".groep.ivt.a1b2c3.tmp",
        "groep.ivt.damaged-20261122T140500000000",
        "groep.json",
        "settings.toml.tmp",
        ".settings-x.tmp",
        "groep.ivt.lock.backup-20261122T140500000000",
    ]
    assert not any(ENCRYPTED.match(name) for name in refused)
    assert not any(EXPECTED.match(name) for name in refused)


def test_a_file_left_in_a_new_temp_entry_is_found(tmp_path: Path) -> None:
    """Writes that escape the sandbox: a new file or folder in a watched temp folder is listed, the sandbox is not."""
    watched = tmp_path / "temp"
    (watched / "sandbox").mkdir(parents=True)
    before = temp_entries([str(watched)])
    (watched / "sandbox" / "inside").write_bytes(b"x")
    (watched / "loose.txt").write_bytes(b"x")
    (watched / "folder" / "deeper").mkdir(parents=True)
    (watched / "folder" / "deeper" / "note").write_bytes(b"x")
    assert sorted(escaped_files(before, watched / "sandbox")) == [
        watched / "folder" / "deeper" / "note",
        watched / "loose.txt",
    ]
