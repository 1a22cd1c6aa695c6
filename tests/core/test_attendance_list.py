"""The attendance list: golden files, who is on it, hours per member, hostile text and the CSV formula guard."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from intervisie_tui import i18n
from intervisie_tui.core.attendance_list import (
    attendance_csv,
    attendance_markdown,
    attendance_rows,
    csv_cell,
    hours_text,
)
from intervisie_tui.core.model import Attendance, Member
from tests.core.history_fixture import GROUP_ID, MEETING_ID, STAMP, History, history

GOLDEN = Path(__file__).parent / "golden"


def _golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def _args(h: History) -> tuple:
    return (h.content, h.group, h.members, h.library)


@pytest.mark.parametrize(("language", "name"), [("en", "attendance_en.md"), ("nl", "attendance_nl.md")])
def test_markdown_matches_the_golden_file(language: str, name: str) -> None:
    """The printable list in both languages (Dutch passes once the new texts are in nl.po)."""
    i18n.set_language(language)
    assert attendance_markdown(*_args(history())) == _golden(name)


@pytest.mark.parametrize(("language", "name"), [("en", "attendance_en.csv"), ("nl", "attendance_nl.csv")])
def test_csv_matches_the_golden_file(language: str, name: str) -> None:
    """The CSV in both languages (Dutch passes once the new texts are in nl.po)."""
    i18n.set_language(language)
    with (GOLDEN / name).open(encoding="utf-8", newline="") as golden:
        assert attendance_csv(*_args(history())) == golden.read()


def test_rows_follow_the_attendance_records() -> None:
    """Absent Daan has no hours; Carmen, late, has 2.0; the rest the meeting's net 2.5."""
    rows = attendance_rows(history().content, history().members)
    assert [(row.name, row.present, row.minutes) for row in rows] == [
        ("Anouk Jansen", True, 150.0),
        ("Bram de Wit", True, 150.0),
        ("Carmen Ortiz", True, 120.0),
        ("Daan Bakker", False, 0.0),
        ("Eva Smit", True, 150.0),
    ]
    assert rows[2].arrived is not None and rows[2].arrived.hour == 19 and rows[2].arrived.minute == 30


def test_who_is_on_the_list() -> None:
    """Archived members only with a record; members who joined after the meeting are left out."""
    h = history()
    archived_with_record = replace(h.members[3], active=False)  # Daan has a record (absent)
    archived_without = replace(h.members[4], active=False)
    joined_later = Member(id="p6", group_id=GROUP_ID, name="Fenna Later", joined_on=date(2027, 1, 1), updated_at=STAMP)
    members = [*h.members[:3], archived_with_record, archived_without, joined_later]
    assert [row.member_id for row in attendance_rows(h.content, members)] == ["p1", "p2", "p3", "p4"]
    back_late = Attendance(id="a6", meeting_id=MEETING_ID, member_id="p6", present=True, updated_at=STAMP)
    content = replace(h.content, attendance=(*h.content.attendance, back_late))
    assert "p6" in [row.member_id for row in attendance_rows(content, members)]


def test_hours_use_a_decimal_comma_in_dutch() -> None:
    """Two decimals, as on the hours statement: 2,50 in Dutch, 2.50 in English."""
    assert hours_text(150) == "2,50"
    assert hours_text(150, "en") == "2.50"
    assert hours_text(0, "nl") == "0,00"


def test_hours_round_as_the_statement_does() -> None:
    """The same minutes read the same on both papers: 15 minutes are 0,25 (once 0,2), 8 minutes 0,13."""
    assert hours_text(15) == "0,25"
    assert hours_text(8, "en") == "0.13"


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_hostile_name_cannot_break_the_table() -> None:
    """A name with # | [link]( ) and newlines stays one literal cell of one row."""
    i18n.set_language("en")
    h = history()
    hostile = "# Kop | x [link](http://a)"
    members = [
        replace(member, name=hostile, profession="Zorg\n| a | b |\n# kop") if member.id == "p1" else member
        for member in h.members
    ]
    group = replace(h.group, name="## Groep [x](http://c)")
    text = attendance_markdown(h.content, group, members, h.library)
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 5
    assert all(_unescaped_pipes(line) == 7 for line in table)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert len(headings) == 1 and headings[0].startswith("# Attendance list: \\#")
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", text)
    assert "\\# Kop \\| x \\[link\\](http://a)" in table[2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Anouk", "Anouk"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_csv_cell_guards_against_formulas(value: str, expected: str) -> None:
    """Cells starting with = + - @ tab or CR get an apostrophe; others stay as they are."""
    assert csv_cell(value) == expected


def test_csv_rows_guard_every_user_cell() -> None:
    """Names, professions, register numbers and the group name are guarded in the CSV itself."""
    i18n.set_language("en")
    h = history()
    members = [
        replace(member, name="=cmd|' /C calc'!A0", profession="+Zorg", register_number="@1")
        if member.id == "p2"
        else member
        for member in h.members
    ]
    group = replace(h.group, name="-Team")
    rows = list(csv.reader(io.StringIO(attendance_csv(h.content, group, members, h.library))))
    assert len(rows) == 1 + 5
    assert all(len(row) == len(rows[0]) for row in rows)
    bram = rows[2]
    assert bram[10:14] == ["'=cmd|' /C calc'!A0", "'+Zorg", "SKJ", "'@1"]
    assert {row[4] for row in rows[1:]} == {"'-Team"}
    assert rows[0][-1] == "Signature" and all(row[-1] == "" for row in rows[1:])


def test_dutch_csv_uses_semicolons() -> None:
    """Dutch spreadsheets expect ';' between cells when numbers have a decimal comma."""
    rows = list(csv.reader(io.StringIO(attendance_csv(*_args(history()))), delimiter=";"))
    assert rows[1][3] == "2,50"
    assert rows[4][14:18] == [i18n._("No"), "", "", "0,00"]
