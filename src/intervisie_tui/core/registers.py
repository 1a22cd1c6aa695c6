"""Professional registers and their norms for intervision hours, as validated data.

The norms live in ``intervisie_tui/registers.toml`` (never in code): each
register has an hours norm per period, the address where the norm is published
and the date the figures were last checked. The register decides what counts;
the app only adds up hours and says so.

:func:`parse_registers` is pure and names the register and field of every problem.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, NoReturn

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
    "aliases",
    "hours_are_points",
    "signed_statement",
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
    """The register's public web address, where the norm can be checked."""
    last_checked: date
    note_nl: str
    note_en: str
    aliases: tuple[str, ...] = ()
    """Other spellings members type in their register field ("V&VN", "CRT")."""
    hours_are_points: bool = False
    """Whether the register counts one hour as one point."""
    signed_statement: bool = False
    """Whether supervised meetings count only with a statement the supervisor signs (the hours statement
    then ends with a signature block)."""

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
    if not address.startswith("https://") or any(char.isspace() or char in '<>"' for char in address):
        fail("source", "expected a web address starting with https://")
    checked = raw.get("last_checked")
    if type(checked) is not date:  # a TOML datetime is a date subclass, and not what is meant
        fail("last_checked", "expected a date such as 2026-11-23")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(alias, str) and alias.strip() for alias in aliases):
        fail("aliases", "expected a list of non-empty texts")
    points = raw.get("hours_are_points", False)
    if not isinstance(points, bool):
        fail("hours_are_points", "expected true or false")
    signed = raw.get("signed_statement", False)
    if not isinstance(signed, bool):
        fail("signed_statement", "expected true or false")
    return Register(
        id=register_id,
        name=_text(raw, "name", fail),
        norm_hours=float(norm),
        period_years=years,
        source=address,
        last_checked=checked,
        note_nl=_text(raw, "note_nl", fail),
        note_en=_text(raw, "note_en", fail),
        aliases=tuple(alias.strip() for alias in aliases),
        hours_are_points=points,
        signed_statement=signed,
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


def note(register: Register, language: str | None = None) -> str:
    """What counts for ``register``, in ``language`` (default: the current language)."""
    return register.note_en if (language or current_language()) == "en" else register.note_nl
