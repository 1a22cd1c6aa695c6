"""Register norms: the shipped file, its validation, and finding a member's register."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest

from intervisie_tui.core.registers import (
    Register,
    RegisterFileError,
    load_shipped_registers,
    note,
    parse_registers,
    register_by_id,
)

REGISTERS = load_shipped_registers()

GOOD = """
[[register]]
id = "skj"
name = "SKJ"
norm_hours = 60
period_years = 5
source = "https://skj.nl"
last_checked = 2026-11-23
note_nl = "Telt."
note_en = "Counts."
"""


def test_shipped_registers_carry_the_norms_of_the_design_notes() -> None:
    """Six registers with their hours per period (0 = no fixed norm)."""
    norms = {register.id: (register.name, register.norm_hours, register.period_years) for register in REGISTERS}
    assert norms == {
        "skj": ("SKJ", 60.0, 5),
        "nvo": ("NVO", 40.0, 5),
        "nip": ("NIP", 40.0, 5),
        "fgzpt": ("FGzPt", 50.0, 5),
        "venvn": ("V&VN Kwaliteitsregister", 0.0, 5),
        "registerplein": ("Registerplein", 0.0, 5),
    }


def test_shipped_registers_name_their_source_and_when_they_were_checked() -> None:
    """Every register has a web address, a check date and a note in both languages."""
    for register in REGISTERS:
        assert register.source.startswith("https://")
        assert register.last_checked == date(2026, 11, 23)
        assert register.note_nl and register.note_en and register.note_nl != register.note_en
    assert [register.id for register in REGISTERS if register.hours_are_points] == ["venvn"]
    assert [register.id for register in REGISTERS if register.signed_statement] == ["skj"]


def test_shipped_file_warns_that_the_figures_must_be_checked() -> None:
    """The file opens with a comment on where the figures come from."""
    text = (resources.files("intervisie_tui") / "registers.toml").read_text(encoding="utf-8")
    opening = text.split("[[register]]")[0]
    assert "design notes" in opening and "check" in opening.lower()


def test_good_file_parses() -> None:
    """Whole numbers of hours are read as floats; optional fields have defaults."""
    (register,) = parse_registers(GOOD, "test.toml")
    assert register == Register(
        id="skj",
        name="SKJ",
        norm_hours=60.0,
        period_years=5,
        source="https://skj.nl",
        last_checked=date(2026, 11, 23),
        note_nl="Telt.",
        note_en="Counts.",
    )
    assert register.has_norm


def _with(line: str, field: str) -> str:
    """GOOD with the line of ``field`` replaced by ``line`` ("" drops it); a new field is added at the end."""
    lines = GOOD.splitlines()
    if not any(existing.startswith(f"{field} =") for existing in lines):
        return GOOD + line + "\n"
    return "\n".join(line if existing.startswith(f"{field} =") else existing for existing in lines)


@pytest.mark.parametrize(
    ("field", "line"),
    [
        ("name", ""),
        ("name", 'name = "  "'),
        ("norm_hours", "norm_hours = -1"),
        ("norm_hours", 'norm_hours = "60"'),
        ("norm_hours", "norm_hours = true"),
        ("period_years", "period_years = 0"),
        ("period_years", "period_years = 2.5"),
        ("source", 'source = "http://skj.nl"'),
        ("source", 'source = "https://skj.nl/a b"'),
        ("source", ""),
        ("last_checked", 'last_checked = "2026-11-23"'),
        ("last_checked", "last_checked = 2026-11-23T10:00:00"),
        ("last_checked", ""),
        ("note_nl", ""),
        ("note_en", 'note_en = ""'),
        ("id", 'id = "S K J"'),
        ("aliases", 'aliases = "SKJ"'),
        ("aliases", 'aliases = [""]'),
        ("hours_are_points", 'hours_are_points = "yes"'),
        ("signed_statement", "signed_statement = 1"),
        ("norm", "norm = 60"),
    ],
)
def test_every_broken_field_is_named(field: str, line: str) -> None:
    """The error names the file, the register and the field."""
    with pytest.raises(RegisterFileError) as caught:
        parse_registers(_with(line, field), "test.toml")
    assert caught.value.field == field
    assert caught.value.source == "test.toml"
    assert str(caught.value).startswith("test.toml: register ")
    if field != "id":
        assert caught.value.register == "'skj'"


def test_duplicate_ids_are_refused() -> None:
    """Two registers may not share an id."""
    with pytest.raises(RegisterFileError, match="more than one"):
        parse_registers(GOOD + GOOD, "test.toml")


@pytest.mark.parametrize("text", ["", "[[register]\n", "name = 'x'\n", "[skj]\nid = 'skj'\n"])
def test_broken_or_empty_files_are_refused(text: str) -> None:
    """Bad TOML, no registers, or registers outside [[register]] tables."""
    with pytest.raises(RegisterFileError):
        parse_registers(text, "test.toml")


def test_register_that_is_not_a_table_is_refused() -> None:
    """register = [1] is not a list of tables."""
    with pytest.raises(RegisterFileError) as caught:
        parse_registers("register = [1]\n", "test.toml")
    assert caught.value.register == "[0]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("skj", "skj"),
        ("SKJ", "skj"),
        (" Skj ", "skj"),
        ("V&VN", "venvn"),
        ("v & vn", "venvn"),
        ("V&VN Kwaliteitsregister", "venvn"),
        ("CRT", "fgzpt"),
        ("fgzpt", "fgzpt"),
        ("NIP", "nip"),
        ("Registerplein", "registerplein"),
    ],
)
def test_register_by_id_reads_what_members_type(text: str, expected: str) -> None:
    """Case, spaces and punctuation do not matter; aliases count."""
    found = register_by_id(REGISTERS, text)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("text", ["", "  ", "BIG", "SKJ-NIP", "&"])
def test_register_by_id_finds_nothing_for_unknown_text(text: str) -> None:
    """Unknown or empty register fields have no register."""
    assert register_by_id(REGISTERS, text) is None


def test_note_follows_the_language() -> None:
    """Dutch by default (as in tests), English on request."""
    skj = register_by_id(REGISTERS, "skj")
    assert skj is not None
    assert note(skj) == skj.note_nl and "begeleider" in note(skj)
    assert note(skj, "en") == skj.note_en and "supervisor" in note(skj, "en")
