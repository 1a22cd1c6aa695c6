"""Register norms: the shipped file, its validation, and finding a member's register."""

from __future__ import annotations

from datetime import date
from importlib import resources
from urllib.parse import urlsplit

import pytest

from intervisie_tui.core.registers import (
    Register,
    RegisterFileError,
    counts,
    load_shipped_registers,
    note,
    parse_registers,
    register_by_id,
    signers,
    sources,
)

REGISTERS = load_shipped_registers()

GOOD = """
[[register]]
id = "skj"
name = "SKJ"
norm_hours = 60
period_years = 5
source = "https://skjeugd.nl/herregistratie/"
last_checked = 2026-11-23
note_nl = "Telt."
note_en = "Counts."
counts_nl = "reflectie"
counts_en = "reflection"
"""

# The day the pages behind registers.toml were read (docs/REGISTERS.md).
READ_ON = date(2026, 12, 5)


def test_shipped_registers_carry_the_norms_read_at_their_sources() -> None:
    """The norms as read on 2026-12-05, each by what it counts (0 = no hours norm in this app)."""
    norms = {
        register.id: (register.name, register.norm_hours, register.counts_nl, register.period_years)
        for register in REGISTERS
    }
    assert norms == {
        "skj": ("SKJ", 60.0, "reflectie", 5),
        "skj_jzw": ("SKJ Jeugdzorgwerker", 50.0, "reflectie", 5),
        "nvo": ("NVO", 40.0, "intervisie en/of supervisie", 5),
        "nip_ag": ("NIP A&G-psycholoog", 40.0, "intervisie", 5),
        "fgzpt": ("FGzPt", 50.0, "intercollegiale toetsing", 5),
        "venvn": ("V&VN Kwaliteitsregister", 0.0, "", 5),
        "registerplein": ("Registerplein", 0.0, "", 5),
        "big": ("BIG-register", 0.0, "", 5),
    }
    assert [register.id for register in REGISTERS if register.hours_are_points] == ["venvn"]
    assert [register.id for register in REGISTERS if register.signed_statement] == ["skj", "skj_jzw"]
    assert [register.id for register in REGISTERS if not register.counts_intervision] == ["big"]


@pytest.mark.parametrize("register", REGISTERS, ids=lambda register: register.id)
def test_every_register_cites_the_pages_read_and_the_day(register: Register) -> None:
    """A full https address of a page (never a bare home page), read on a day that has been."""
    for page in sources(register):
        parts = urlsplit(page)
        assert parts.scheme == "https" and parts.netloc, page
        assert parts.path not in ("", "/"), f"{page} is a home page, not the page read"
    assert register.last_checked == READ_ON
    assert register.last_checked <= date.today()
    assert register.note_nl and register.note_en and register.note_nl != register.note_en


def test_skj_is_at_skjeugd_nl() -> None:
    """SKJ's own pages are on skjeugd.nl (the file once pointed at skj.nl, another site)."""
    for register_id in ("skj", "skj_jzw"):
        register = register_by_id(REGISTERS, register_id)
        assert register is not None
        assert not any(urlsplit(page).netloc.endswith("skj.nl") for page in sources(register))
        assert any(urlsplit(page).netloc.endswith("skjeugd.nl") for page in sources(register))


@pytest.mark.parametrize("register", REGISTERS, ids=lambda register: register.id)
def test_no_norm_without_a_source_for_it(register: Register) -> None:
    """Only a register whose pages give a figure claims a norm; where none was read the note says so."""
    unsourced = "zonder bron" in register.note_nl
    assert unsourced == ("no source read" in register.note_en)
    if unsourced:
        assert not register.has_norm
    if register.has_norm:
        assert register.counts_nl and register.counts_en and register.counts_intervision


def test_signed_statements_say_who_may_sign() -> None:
    """SKJ: a supervisor from the supervisor registers it names; the jeugdzorgwerker room: one SKJ recognises."""
    skj, jzw = register_by_id(REGISTERS, "SKJ"), register_by_id(REGISTERS, "SKJ Jeugdzorgwerker")
    assert skj is not None and jzw is not None
    assert signers(skj, "nl").endswith("LVSC, VGCT, NIP, NVO of NVRG")
    assert signers(skj, "en").endswith("LVSC, VGCT, NIP, NVO or NVRG")
    assert "door SKJ erkend supervisorregister" in signers(jzw, "nl")
    nvo = register_by_id(REGISTERS, "nvo")
    assert nvo is not None and signers(nvo) == ""


def test_the_registers_say_what_the_member_must_do_now() -> None:
    """FGzPt: the moderator enters the intervision; BIG: intervision is not asked; Registerplein: a minimum."""
    fgzpt, big, plein = (register_by_id(REGISTERS, name) for name in ("FGzPt", "BIG", "Registerplein"))
    assert fgzpt is not None and "moderator" in note(fgzpt, "nl") and "1 juli 2022" in note(fgzpt, "nl")
    assert big is not None and "intervisie hoort niet bij de eisen" in note(big, "nl")
    assert plein is not None and "verplichte categorie" in note(plein, "nl")
    assert counts(fgzpt, "en") == "peer review"


def test_shipped_file_says_where_the_figures_come_from() -> None:
    """The file opens with where the figures were read, and no longer with design notes."""
    text = (resources.files("intervisie_tui") / "registers.toml").read_text(encoding="utf-8")
    opening = text.split("[[register]]")[0]
    assert "design notes" not in opening
    assert "docs/REGISTERS.md" in opening and "zonder bron" in opening


def test_good_file_parses() -> None:
    """Whole numbers of hours are read as floats; optional fields have defaults."""
    (register,) = parse_registers(GOOD, "test.toml")
    assert register == Register(
        id="skj",
        name="SKJ",
        norm_hours=60.0,
        period_years=5,
        source="https://skjeugd.nl/herregistratie/",
        last_checked=date(2026, 11, 23),
        note_nl="Telt.",
        note_en="Counts.",
        counts_nl="reflectie",
        counts_en="reflection",
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
        ("source", 'source = "http://skjeugd.nl/herregistratie/"'),
        ("source", 'source = "https://skjeugd.nl/a b"'),
        ("source", 'source = "https://skjeugd.nl"'),
        ("source", 'source = "https://skjeugd.nl/"'),
        ("source", ""),
        ("also_read", 'also_read = "https://skjeugd.nl/a/"'),
        ("also_read", 'also_read = ["https://skjeugd.nl"]'),
        ("counts_nl", ""),
        ("counts_en", 'counts_en = " "'),
        ("counts_intervision", 'counts_intervision = "no"'),
        ("signers_nl", "signed_statement = true"),
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
        ("NIP A&G", "nip_ag"),
        ("A&G-psycholoog", "nip_ag"),
        ("SKJ Jeugdzorgwerker", "skj_jzw"),
        ("skj jzw", "skj_jzw"),
        ("Registerplein", "registerplein"),
        ("BIG", "big"),
    ],
)
def test_register_by_id_reads_what_members_type(text: str, expected: str) -> None:
    """Case, spaces and punctuation do not matter; aliases count."""
    found = register_by_id(REGISTERS, text)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("text", ["", "  ", "NIP", "SKJ-NIP", "&"])
def test_register_by_id_finds_nothing_for_unknown_text(text: str) -> None:
    """Unknown or empty register fields have no register; "NIP" alone names none of its registers' rules."""
    assert register_by_id(REGISTERS, text) is None


def test_note_follows_the_language() -> None:
    """Dutch by default (as in tests), English on request."""
    skj = register_by_id(REGISTERS, "skj")
    assert skj is not None
    assert note(skj) == skj.note_nl and "supervisorenregister" in note(skj)
    assert note(skj, "en") == skj.note_en and "supervisor" in note(skj, "en")
