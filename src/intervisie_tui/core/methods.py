"""Method templates (werkvormen) and the meeting frame, as validated data.

A method is a list of steps; every step says how long it takes, who speaks,
whether the inbrenger may respond, the rule shown on screen, how the
whiteboard is laid out and which round (if any) runs in it. The shipped
templates live in ``intervisie_tui/methods/*.toml`` (one file per method, texts
in Dutch and English); ``_frame.toml`` is the meeting frame around them.
Groups copy a method and change it; that lives in ``core/method_copies.py``.

Every shipped file names the public pages its steps come from and the day they
were read (``[[sources]]``), or says it has none (``sourced = false``, and then
its summary says "zonder bron", never as its first words). docs/METHODS.md
gives, per method and step, which page each step and duration comes from.

:func:`parse_method` is pure and names the file and field of every problem.
"""

from __future__ import annotations

import re
import tomllib
from collections import ChainMap
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, cast

from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import current_language
from intervisie_tui.package_data import PACKAGE_DIR

FRAME_ID = "_frame"
CASEWORK = "casework"


class Speaker(StrEnum):
    """Who speaks in a step."""

    INBRENGER = "inbrenger"
    GROUP_IN_TURN = "group_in_turn"
    GROUP_FREE = "group_free"
    CHAIR = "chair"
    SILENT_WRITING = "silent_writing"


class Board(StrEnum):
    """How the whiteboard of a step is laid out."""

    LIST = "list"
    COLUMNS = "columns"
    GRID = "grid"
    SCALE = "scale"


class Activity(StrEnum):
    """What the session screen runs in a step besides the clock and the whiteboard."""

    TALK = "talk"
    QUESTIONS = "questions"
    CONTRIBUTIONS = "contributions"
    FEEDBACK = "feedback"
    CHECKIN = "checkin"
    LOOKBACK = "lookback"
    INVENTORY = "inventory"
    CHOICE = "choice"
    CASEWORK = "casework"
    CLOSING = "closing"


@value_class
class Text:
    """A text in both languages."""

    nl: str
    en: str

    def __call__(self, language: str | None = None) -> str:
        """The text in ``language`` (default: the current language)."""
        return self.en if (language or current_language()) == "en" else self.nl


@value_class
class Column:
    """One column (or grid cell) of a whiteboard."""

    key: str
    label: Text


@value_class
class Step:
    """One step of a method (or of the meeting frame)."""

    key: str
    name: Text
    minutes: float
    speaker: Speaker
    rule: Text
    inbrenger_may_respond: bool = True
    board: Board = Board.LIST
    columns: tuple[Column, ...] = ()
    activity: Activity = Activity.TALK
    per_turn: int = 1
    """Contributions (questions) per turn in a round."""
    per_member: int = 0
    """Contributions per member in the whole step; 0 means no limit."""
    inbrenger_in_round: bool = False
    """Whether the inbrenger takes turns in this step's round."""
    questions: str = ""
    """What a question round asks for: "" (any open question), or one of :data:`QUESTION_RULES`."""
    evaluation: bool = False
    """The method's own closing evaluation of the case work (only ever its last step)."""
    optional: bool = False
    """A step a group may leave out (skip it, or remove it from its own copy)."""


QUESTION_RULES = ("open", "factual")
"""Per-step question rules a coach can check against: open questions, or factual questions only."""


@value_class
class Source:
    """A public page a method's steps come from, and the day someone read it."""

    url: str
    read_on: date
    title: str = ""


@value_class
class Method:
    """A method template: its name, what it fits, and its steps."""

    id: str
    name: Text
    summary: Text
    steps: tuple[Step, ...]
    fits: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    sourced: bool = True
    """False for a method no public description was found for (its summary says "zonder bron")."""
    based_on: str = ""
    """For a group's copy: the id of the method it was copied from."""

    @property
    def minutes(self) -> float:
        """Planned minutes of all steps."""
        return sum(step.minutes for step in self.steps)

    def step(self, key: str) -> Step | None:
        """The step with ``key``, if any."""
        return next((step for step in self.steps if step.key == key), None)


# Kinds of question a method fits (what each method's pages say it suits: docs/METHODS.md).
QUESTION_KINDS = (
    "incident",
    "beginners",
    "knowledge",
    "emotional",
    "relationship",
    "stuck",
    "ethical",
    "beliefs",
    "friction",
    "desired",
    "skills",
    "recurring",
    "learning_to_ask",
)


class MethodError(ValueError):
    """A method template is broken; the message names the file and the field."""

    def __init__(self, source: str, where: str, problem: str) -> None:
        super().__init__(f"{source}: {where}: {problem}")
        self.source = source
        self.where = where
        self.problem = problem


def _text(value: Any, source: str, where: str) -> Text:
    if not isinstance(value, Mapping):
        raise MethodError(source, where, "expected a table with 'nl' and 'en'")
    for language in ("nl", "en"):
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise MethodError(source, f"{where}.{language}", "missing or empty text")
    return Text(nl=value["nl"].strip(), en=value["en"].strip())


def _enum(kind: type[StrEnum], value: Any, source: str, where: str, default: Any = None) -> Any:
    if value is None and default is not None:
        return default
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise MethodError(source, where, f"{value!r} is not one of: {allowed}") from None


def _int(value: Any, source: str, where: str, default: int, low: int, high: int) -> int:
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise MethodError(source, where, f"expected a whole number from {low} to {high}")
    return value


def _bool(value: Any, source: str, where: str, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise MethodError(source, where, "expected true or false")
    return value


def _step(raw: Any, index: int, source: str) -> Step:
    where = f"steps[{index}]"
    if not isinstance(raw, Mapping):
        raise MethodError(source, where, "expected a table")
    key = raw.get("key")
    if not isinstance(key, str) or not key.replace("_", "").isalnum():
        raise MethodError(source, f"{where}.key", "expected a short name of letters, digits and _")
    minutes = raw.get("minutes")
    if not isinstance(minutes, int | float) or isinstance(minutes, bool) or not 0 < minutes <= 240:
        raise MethodError(source, f"{where}.minutes", "expected minutes between 0 and 240")
    board = _enum(Board, raw.get("board"), source, f"{where}.board", Board.LIST)
    columns_raw = raw.get("columns", [])
    if not isinstance(columns_raw, list):
        raise MethodError(source, f"{where}.columns", "expected a list")
    columns = tuple(
        Column(key=str(column.get("key", "")), label=_text(column.get("label"), source, f"{where}.columns[{i}].label"))
        for i, column in enumerate(columns_raw)
        if isinstance(column, Mapping)
    )
    if len(columns) != len(columns_raw) or any(not column.key for column in columns):
        raise MethodError(source, f"{where}.columns", "every column needs a key and a label")
    if board is Board.COLUMNS and not 2 <= len(columns) <= 6:
        raise MethodError(source, f"{where}.columns", "a columns board needs 2 to 6 columns")
    if board is Board.GRID and len(columns) != 4:
        raise MethodError(source, f"{where}.columns", "a grid board needs exactly 4 cells")
    return Step(
        key=key,
        name=_text(raw.get("name"), source, f"{where}.name"),
        minutes=float(minutes),
        speaker=_enum(Speaker, raw.get("speaker"), source, f"{where}.speaker"),
        rule=_text(raw.get("rule"), source, f"{where}.rule"),
        inbrenger_may_respond=_bool(raw.get("inbrenger_may_respond"), source, f"{where}.inbrenger_may_respond", True),
        board=board,
        columns=columns,
        activity=_enum(Activity, raw.get("activity"), source, f"{where}.activity", Activity.TALK),
        per_turn=_int(raw.get("per_turn"), source, f"{where}.per_turn", 1, 1, 5),
        per_member=_int(raw.get("per_member"), source, f"{where}.per_member", 0, 0, 10),
        inbrenger_in_round=_bool(raw.get("inbrenger_in_round"), source, f"{where}.inbrenger_in_round", False),
        questions=_question_rule(raw.get("questions"), source, f"{where}.questions"),
        evaluation=_bool(raw.get("evaluation"), source, f"{where}.evaluation", False),
        optional=_bool(raw.get("optional"), source, f"{where}.optional", False),
    )


def _question_rule(value: Any, source: str, where: str) -> str:
    if value is None:
        return ""
    if value not in QUESTION_RULES:
        raise MethodError(source, where, f"expected one of: {', '.join(QUESTION_RULES)}")
    return str(value)


_ADDRESS = re.compile(r"https://[^/\s]+\.[^/\s]+/\S+")
"""A full public address: https, a host with a dot, and a path beyond "/"."""

UNSOURCED_NL = "zonder bron"
UNSOURCED_EN = "without a source"


def _sources(data: Mapping[str, Any], summary: Text, source: str) -> tuple[tuple[Source, ...], bool]:
    """The pages a method cites, or none when it says ``sourced = false`` (and its summary says so)."""
    if "source" in data:
        raise MethodError(source, "source", "cite pages as [[sources]] with url and read_on")
    sourced = _bool(data.get("sourced"), source, "sourced", True)
    raw = data.get("sources", [])
    if not isinstance(raw, list):
        raise MethodError(source, "sources", "expected a list of tables")
    if not sourced:
        if raw:
            raise MethodError(source, "sources", "a method without a source lists none")
        for language, words in (("nl", UNSOURCED_NL), ("en", UNSOURCED_EN)):
            text = summary(language).casefold()
            if words not in text or text.startswith(words):
                raise MethodError(source, f"summary.{language}", f"must say {words!r}, not as its first words")
        return (), False
    if not raw:
        raise MethodError(source, "sources", "name the pages read, or say sourced = false")
    found = []
    for index, entry in enumerate(raw):
        where = f"sources[{index}]"
        if not isinstance(entry, Mapping):
            raise MethodError(source, where, "expected a table")
        url, read_on, title = entry.get("url"), entry.get("read_on"), entry.get("title", "")
        if not isinstance(url, str) or not _ADDRESS.fullmatch(url):
            raise MethodError(source, f"{where}.url", "expected a full https address beyond the home page")
        if not isinstance(read_on, date) or isinstance(read_on, datetime):
            raise MethodError(source, f"{where}.read_on", "expected the date the page was read (YYYY-MM-DD)")
        if not isinstance(title, str):
            raise MethodError(source, f"{where}.title", "expected text")
        found.append(Source(url=url, read_on=read_on, title=title.strip()))
    return tuple(found), True


def _check_total(data: Mapping[str, Any], steps: tuple[Step, ...], source: str) -> None:
    """The file's ``minutes`` (when given) is what its steps add up to."""
    total = data.get("minutes")
    if total is None:
        return
    if not isinstance(total, int | float) or isinstance(total, bool):
        raise MethodError(source, "minutes", "expected the planned minutes of all steps")
    added = sum(step.minutes for step in steps)
    if abs(added - total) > 1e-9:
        raise MethodError(source, "minutes", f"the steps add up to {added:g}, not {total:g}")


def parse_method(data: Mapping[str, Any], source: str) -> Method:
    """Validate a parsed TOML document; raises :class:`MethodError` naming file and field."""
    method_id = data.get("id")
    if not isinstance(method_id, str) or not method_id.replace("_", "").replace("-", "").isalnum():
        raise MethodError(source, "id", "expected a short name of letters, digits, - and _")
    steps_raw = data.get("steps")
    if not isinstance(steps_raw, list) or not steps_raw:
        raise MethodError(source, "steps", "a method needs at least one step")
    steps = tuple(_step(raw, index, source) for index, raw in enumerate(steps_raw))
    keys = [step.key for step in steps]
    duplicate = next((key for key in keys if keys.count(key) > 1), None)
    if duplicate:
        raise MethodError(source, "steps", f"step key {duplicate!r} is used twice")
    early = next((index for index, step in enumerate(steps[:-1]) if step.evaluation), None)
    if early is not None:
        raise MethodError(source, f"steps[{early}].evaluation", "only the last step is the method's evaluation")
    _check_total(data, steps, source)
    fits = data.get("fits", [])
    if not isinstance(fits, list) or any(kind not in QUESTION_KINDS for kind in fits):
        raise MethodError(source, "fits", f"expected a list from: {', '.join(QUESTION_KINDS)}")
    summary = _text(data.get("summary"), source, "summary")
    sources, sourced = _sources(data, summary, source)
    return Method(
        id=method_id,
        name=_text(data.get("name"), source, "name"),
        summary=summary,
        steps=steps,
        fits=tuple(fits),
        sources=sources,
        sourced=sourced,
        based_on=str(data.get("based_on", "")),
    )


def parse_method_toml(text: str, source: str) -> Method:
    """Parse a method from TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MethodError(source, "toml", str(error)) from None
    return parse_method(data, source)


@dataclass(frozen=True)
class MethodLibrary:
    """The shipped methods, the frame, and a group's own copies."""

    frame: Method
    methods: Mapping[str, Method] = field(default_factory=dict)

    def get(self, method_id: str) -> Method | None:
        """A method by id (group copies included)."""
        return self.methods.get(method_id)

    def ordered(self) -> list[Method]:
        """Every method, by name in the current language."""
        return sorted(self.methods.values(), key=lambda method: method.name().casefold())

    def with_methods(self, extra: list[Method]) -> MethodLibrary:
        """The library plus a group's own copies (copies win on equal ids).

        A layer over the shipped methods rather than a merged dict, so opening a
        meeting reads only the method files it uses.
        """
        if not extra:
            return self
        shipped = cast(MutableMapping[str, Method], self.methods)  # ChainMap only ever reads its later maps
        return replace(self, methods=ChainMap({method.id: method for method in extra}, shipped))


class ShippedMethods(Mapping[str, Method]):
    """The method files shipped in the package, by id; each is read and checked on first use.

    Start-up needs the frame and the running meeting's method, not all fourteen
    files, and parsing them all is a measurable part of the start. The test
    suite reads every file.
    """

    def __init__(self, files: Mapping[str, Path]) -> None:
        self._files = dict(files)
        self._read: dict[str, Method] = {}

    def __getitem__(self, method_id: str) -> Method:
        method = self._read.get(method_id)
        if method is None:
            method = _read_method_file(self._files[method_id])
            self._read[method_id] = method
        return method

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def _read_method_file(entry: Path) -> Method:
    method = parse_method_toml(entry.read_text(encoding="utf-8"), f"methods/{entry.name}")
    if method.id != entry.name.removesuffix(".toml"):
        raise MethodError(f"methods/{entry.name}", "id", "must equal the file name")
    return method


@cache
def load_shipped() -> MethodLibrary:
    """The methods shipped inside the package (read once per process; each file on first use)."""
    folder = PACKAGE_DIR / "methods"
    files = {
        entry.name.removesuffix(".toml"): entry
        for entry in sorted(folder.iterdir(), key=lambda item: item.name)
        if entry.name.endswith(".toml")
    }
    frame = files.pop(FRAME_ID, None)
    if frame is None:
        raise MethodError("methods/_frame.toml", "file", "the meeting frame is missing")
    return MethodLibrary(frame=_read_method_file(frame), methods=ShippedMethods(files))
