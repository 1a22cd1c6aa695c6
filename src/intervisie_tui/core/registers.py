"""Professional registers and their norms for intervision hours, as validated data.

The norms live in ``intervisie_tui/registers.toml`` (never in code): each
register has an hours norm per period and what it counts ("reflectie"), the
public page the norm was read at (a page, never a bare home page) and the day it
was read; docs/REGISTERS.md says what each page said. The register decides what
counts; the app only adds up hours and says so.

:func:`parse_registers` is pure and names the register and field of every problem.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, NoReturn
from urllib.parse import urlsplit

from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import current_language
from intervisie_tui.package_data import PACKAGE_DIR

_FIELDS = {
    "id",
    "name",
    "norm_hours",
    "period_years",
    "source",
    "last_checked",
    "note_nl",
    "note_en",
    "counts_nl",
    "counts_en",
    "also_read",
    "aliases",
    "hours_are_points",
    "counts_intervision",
    "signed_statement",
    "signers_nl",
    "signers_en",
}
_ID = re.compile(r"[a-z0-9_]+")


@value_class
class Register:
    """A professional register and its norm for intervision hours."""

    id: str
    name: str
    norm_hours: float
    """Hours needed per period; 0 means the register sets no fixed hours norm."""
    period_years: int
    source: str
    """The public page the norm and the notes were read at (a full address, not a home page)."""
    last_checked: date
    """The day the pages were read (statements print it beside the address)."""
    note_nl: str
    note_en: str
    counts_nl: str = ""
    counts_en: str = ""
    """What the norm counts, as the register names it ("reflectie", "intervisie"); set where there is a norm."""
    also_read: tuple[str, ...] = ()
    """Further public pages read the same day, for the notes beside the norm."""
    aliases: tuple[str, ...] = ()
    """Other spellings members type in their register field ("V&VN", "CRT")."""
    hours_are_points: bool = False
    """Whether the register counts one hour as one point."""
    counts_intervision: bool = True
    """False where intervision does not count toward re-registration at all (the BIG register)."""
    signed_statement: bool = False
    """Whether supervised meetings count only with a statement the supervisor signs (the hours statement
    then ends with a signature block)."""
    signers_nl: str = ""
    signers_en: str = ""
    """Who may sign that statement, as the register says; set where ``signed_statement`` is."""

    @property
    def has_norm(self) -> bool:
        """Whether the register sets a fixed number of hours."""
        return self.norm_hours > 0


class RegisterFileError(ValueError):
    """The registers file is broken; the message names the file, the register and the field."""

    def __init__(self, source: str, register: str, field: str, problem: str) -> None:
        super().__init__(f"{source}: register {register}: {field}: {problem}")
        self.source = source
        self.register = register
        self.field = field
        self.problem = problem


def _text(raw: Mapping[str, Any], key: str, fail: Callable[[str, str], NoReturn]) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        fail(key, "missing or empty text")
    return value.strip()


def _page(address: Any) -> bool:
    """Whether ``address`` is a full https address of a page: a host and a path beyond "/"."""
    if not isinstance(address, str) or any(char.isspace() or char in '<>"' for char in address):
        return False
    parts = urlsplit(address)
    return parts.scheme == "https" and bool(parts.netloc) and parts.path not in ("", "/")


def _flag(raw: Mapping[str, Any], key: str, default: bool, fail: Callable[[str, str], NoReturn]) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        fail(key, "expected true or false")
    return value


def _optional_text(raw: Mapping[str, Any], key: str, fail: Callable[[str, str], NoReturn]) -> str:
    return _text(raw, key, fail) if key in raw else ""


def _register(raw: Any, index: int, source: str) -> Register:
    label = f"[{index}]"
    if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
        label = repr(raw["id"])

    def fail(field: str, problem: str) -> NoReturn:
        raise RegisterFileError(source, label, field, problem)

    if not isinstance(raw, Mapping):
        fail("table", "expected a table")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        fail(unknown[0], "unknown field")
    register_id = _text(raw, "id", fail)
    if not _ID.fullmatch(register_id):
        fail("id", "expected lowercase letters, digits and _")
    norm = raw.get("norm_hours")
    if not isinstance(norm, int | float) or isinstance(norm, bool) or not 0 <= norm <= 1000:
        fail("norm_hours", "expected a number of hours from 0 to 1000 (0 = no fixed norm)")
    years = raw.get("period_years")
    if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= 20:
        fail("period_years", "expected a whole number of years from 1 to 20")
    address = _text(raw, "source", fail)
    if not _page(address):
        fail("source", "expected the https address of the page read, not a bare home page")
    also_read = raw.get("also_read", [])
    if not isinstance(also_read, list) or not all(_page(page) for page in also_read):
        fail("also_read", "expected a list of https addresses of pages read")
    checked = raw.get("last_checked")
    if type(checked) is not date:  # a TOML datetime is a date subclass, and not what is meant
        fail("last_checked", "expected a date such as 2026-11-23")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(alias, str) and alias.strip() for alias in aliases):
        fail("aliases", "expected a list of non-empty texts")
    points = _flag(raw, "hours_are_points", False, fail)
    counts_intervision = _flag(raw, "counts_intervision", True, fail)
    signed = _flag(raw, "signed_statement", False, fail)
    counted = {key: _optional_text(raw, key, fail) for key in ("counts_nl", "counts_en")}
    if norm > 0:
        for key, value in counted.items():
            if not value:
                fail(key, "a register with a norm says what the norm counts")
    signing = {key: _optional_text(raw, key, fail) for key in ("signers_nl", "signers_en")}
    if signed:
        for key, value in signing.items():
            if not value:
                fail(key, "a signed statement says who may sign it")
    return Register(
        id=register_id,
        name=_text(raw, "name", fail),
        norm_hours=float(norm),
        period_years=years,
        source=address,
        last_checked=checked,
        note_nl=_text(raw, "note_nl", fail),
        note_en=_text(raw, "note_en", fail),
        counts_nl=counted["counts_nl"],
        counts_en=counted["counts_en"],
        also_read=tuple(also_read),
        aliases=tuple(alias.strip() for alias in aliases),
        hours_are_points=points,
        counts_intervision=counts_intervision,
        signed_statement=signed,
        signers_nl=signing["signers_nl"],
        signers_en=signing["signers_en"],
    )


def parse_registers(text: str, source: str) -> list[Register]:
    """Parse and validate the registers in TOML ``text`` (``source`` names the file in errors)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RegisterFileError(source, "-", "toml", str(error)) from None
    extra = sorted(set(data) - {"register"})
    if extra:
        raise RegisterFileError(source, "-", extra[0], "unknown table; registers go in [[register]] tables")
    raws = data.get("register")
    if not isinstance(raws, list) or not raws:
        raise RegisterFileError(source, "-", "register", "expected one or more [[register]] tables")
    registers = [_register(raw, index, source) for index, raw in enumerate(raws)]
    seen: set[str] = set()
    for register in registers:
        if register.id in seen:
            raise RegisterFileError(source, repr(register.id), "id", "used by more than one register")
        seen.add(register.id)
    return registers


def load_shipped_registers() -> list[Register]:
    """Read and validate the registers file shipped inside the package."""
    entry = PACKAGE_DIR / "registers.toml"
    return parse_registers(entry.read_text(encoding="utf-8"), "registers.toml")


def _key(text: str) -> str:
    """What a register name is compared by: letters and digits only, case-folded ("V&VN" -> "vvn")."""
    return "".join(char for char in text.casefold() if char.isalnum())


def register_by_id(registers: Iterable[Register], register_id: str) -> Register | None:
    """The register named ``register_id``: its id, name or an alias, ignoring case, spaces and punctuation.

    Also reads a member's free-text register field ("SKJ", "skj", "V&VN"); None when nothing matches.
    """
    wanted = _key(register_id)
    if not wanted:
        return None
    for register in registers:
        if wanted in {_key(register.id), _key(register.name), *map(_key, register.aliases)}:
            return register
    return None


def _english(language: str | None) -> bool:
    return (language or current_language()) == "en"


def note(register: Register, language: str | None = None) -> str:
    """What counts for ``register``, in ``language`` (default: the current language)."""
    return register.note_en if _english(language) else register.note_nl


def counts(register: Register, language: str | None = None) -> str:
    """What the register's norm counts ("reflectie"), in ``language``; "" without a norm."""
    return register.counts_en if _english(language) else register.counts_nl


def signers(register: Register, language: str | None = None) -> str:
    """Who may sign the register's statement, in ``language``; "" where it asks for none."""
    return register.signers_en if _english(language) else register.signers_nl


def sources(register: Register) -> tuple[str, ...]:
    """Every page the register's figures were read at: the source first, then the further pages."""
    return (register.source, *register.also_read)
