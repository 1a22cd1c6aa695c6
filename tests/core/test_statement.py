"""The hours statement as Markdown, and the Markdown escaping it relies on."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from intervisie_tui.core.hours import MeetingHours, MemberHours, Period, member_hours
from intervisie_tui.core.markdown import md_escape, md_table
from intervisie_tui.core.model import (
    Attendance,
    Group,
    Interval,
    Meeting,
    MeetingContent,
    MeetingStatus,
    Member,
    Supervisor,
)
from intervisie_tui.core.registers import load_shipped_registers, register_by_id
from intervisie_tui.core.statement import hours_statement_markdown
from tests.conftest import FROZEN

GOLDEN = Path(__file__).parent / "golden"
TZ = timezone(timedelta(hours=1))
REGISTERS = load_shipped_registers()
SKJ = register_by_id(REGISTERS, "SKJ")
PERIOD = Period(date(2024, 1, 1), date(2028, 12, 31))
GROUP = Group(id="g1", name="Intervisie Noord", updated_at=FROZEN)
ANN = Member(
    id="ann",
    group_id="g1",
    name="Ann de Vries",
    profession="Jeugdzorgwerker",
    register="skj",
    register_number="110012345",
    updated_at=FROZEN,
)


def _content(
    meeting_id: str,
    day: date,
    start: tuple[int, int],
    end: tuple[int, int],
    *,
    supervised: bool = False,
    breaks: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (),
    attendance: tuple[Attendance, ...] = (),
) -> MeetingContent:
    def at(hour_minute: tuple[int, int]) -> datetime:
        return datetime(day.year, day.month, day.day, *hour_minute, tzinfo=TZ)

    meeting = Meeting(
        id=meeting_id,
        group_id="g1",
        held_on=day,
        actual_start=at(start),
        actual_end=at(end),
        breaks=tuple(Interval(start=at(low), end=at(high)) for low, high in breaks),
        status=MeetingStatus.CLOSED,
        supervised=supervised,
        supervisor_present=supervised,
        updated_at=FROZEN,
    )
    return MeetingContent(meeting=meeting, attendance=attendance)


def _ann_hours() -> MemberHours:
    """Three meetings: supervised 2 h less a 15-minute break, 1 h 45, and one Ann left 30 minutes early."""
    left = Attendance(
        id="a3", meeting_id="m3", member_id="ann", left=datetime(2026, 11, 9, 21, tzinfo=TZ), updated_at=FROZEN
    )
    contents = [
        _content("m1", date(2026, 9, 14), (19, 0), (21, 0), supervised=True, breaks=(((20, 0), (20, 15)),)),
        _content("m2", date(2026, 10, 12), (19, 0), (20, 45)),
        _content("m3", date(2026, 11, 9), (19, 0), (21, 30), attendance=(left,)),
    ]
    return member_hours(contents, "ann", PERIOD)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_statement_matches_golden(language: str) -> None:
    """The whole statement, compared exactly. The Dutch one needs the Dutch texts merged into nl.po."""
    text = hours_statement_markdown(ANN, GROUP, SKJ, PERIOD, _ann_hours(), FROZEN, language)
    assert text == (GOLDEN / f"statement_{language}.md").read_text(encoding="utf-8")


def test_statement_in_the_current_language_without_a_language_argument() -> None:
    """Without ``language`` the current language decides (Dutch dates in tests)."""
    text = hours_statement_markdown(ANN, GROUP, SKJ, PERIOD, _ann_hours(), FROZEN)
    assert "| 14-09-2026 |" in text and "| 1,75 |" in text


def test_user_text_cannot_add_headings_or_break_the_table() -> None:
    """Names with Markdown specials and newlines stay literal, on their own line."""
    member = Member(
        id="ann",
        group_id="g1",
        name="# Ann | de Vries\n# kop",
        profession="- *zorg*",
        register="SKJ",
        register_number="12|34",
        updated_at=FROZEN,
    )
    group = Group(id="g1", name="[Noord](https://example.org)", updated_at=FROZEN)
    text = hours_statement_markdown(member, group, SKJ, PERIOD, _ann_hours(), FROZEN, "en")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["# Intervision hours statement", "## Supervisor's statement"]
    assert "- Member: \\# Ann \\| de Vries # kop" in text  # mid-line "#" is plain text
    assert "- Profession: \\- \\*zorg\\*" in text
    assert "- Register: SKJ, number 12\\|34" in text
    assert "- Group: \\[Noord\\](https://example.org)" in text
    tables = text.split("## Supervisor's statement")
    meetings = [line for line in tables[0].splitlines() if line.startswith("|")]
    assert meetings and all(line.count("|") - line.count("\\|") == 4 for line in meetings)
    signature = [line for line in tables[1].splitlines() if line.startswith("|")]
    assert len(signature) == 3 and all(line.count("|") == 5 for line in signature)
    assert "I declare that \\# Ann \\| de Vries # kop attended" in text


def test_statement_without_register_or_meetings() -> None:
    """An unknown register shows the member's own text; no norm line; no table."""
    member = Member(id="bob", group_id="g1", name="Bob", register="NIP", updated_at=FROZEN)
    empty = MemberHours("bob", (), 0)
    text = hours_statement_markdown(member, GROUP, None, PERIOD, empty, FROZEN, "en")
    assert "- Register: NIP" in text and "- Profession: —" in text
    assert "No meetings count in this period." in text and "|" not in text
    assert "Total: 0.00 h" in text
    assert "Your register decides what counts toward your registration." in text
    assert " of " not in text


def test_statement_for_a_register_without_norm() -> None:
    """V&VN: hours are points; the member's number alone when there is no register at all."""
    venvn = register_by_id(REGISTERS, "V&VN")
    assert venvn is not None
    hours = MemberHours("ann", (MeetingHours("m1", date(2025, 3, 2), 720, False),), 720)
    year = Period(date(2025, 1, 1), date(2025, 12, 31))
    text = hours_statement_markdown(ANN, GROUP, venvn, year, hours, FROZEN, "en")
    assert "V&VN Kwaliteitsregister: 12.00 h in 2025 (1 hour = 1 point)" in text
    assert "Pages read on 5 Dec 2026: <https://www.venvn.nl/registers/kwaliteitsregister/leren/oda/>, <" in text
    no_register = Member(id="c", group_id="g1", name="C", register_number="77", updated_at=FROZEN)
    assert "- Register: 77" in hours_statement_markdown(no_register, GROUP, None, year, hours, FROZEN, "en")


# -- md_escape and md_table ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text.", "plain text."),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. first", "1\\. first"),
        ("12) twelfth", "12\\) twelfth"),
        ("1.75", "1.75"),
        ("a | b", "a \\| b"),
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("`code`", "\\`code\\`"),
        ("[link](x)", "\\[link\\](x)"),
        ("<b>", "\\<b\\>"),
        ("a\\b", "a\\\\b"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("===", "\\==="),
        ("&amp; V&VN", "\\&amp; V&VN"),
        ("one\ntwo\r\nthree", "one two three"),
        ("    indented", "indented"),
        ("", ""),
        ("2024 – 2028", "2024 – 2028"),
    ],
)
def test_md_escape(text: str, expected: str) -> None:
    """Specials are escaped, line starts cannot open a block, newlines become spaces."""
    assert md_escape(text) == expected


def test_md_table_escapes_every_cell() -> None:
    """Header and rows alike; the separator has one column per header cell."""
    assert md_table(["A|", "B"], [["x|y", "# z"], ["", "1"]]) == (
        "| A\\| | B |\n| --- | --- |\n| x\\|y | \\# z |\n|  | 1 |"
    )


def test_md_table_refuses_rows_of_the_wrong_width() -> None:
    """A row with a missing cell would shift the columns."""
    with pytest.raises(ValueError):
        md_table(["A", "B"], [["only one"]])


def test_every_hours_figure_has_one_format() -> None:
    """8 minutes are 0,13 h in the table, the norm line and the total alike (once "0,1" beside "0,13")."""
    short = member_hours([_content("m1", date(2026, 9, 14), (19, 0), (19, 8))], "ann", PERIOD)
    text = hours_statement_markdown(ANN, GROUP, SKJ, PERIOD, short, FROZEN, "nl")
    figures = re.findall(r"\b\d+,\d+\b", text)
    assert figures == ["0,13", "0,13", "0,13"], figures
    english = hours_statement_markdown(ANN, GROUP, SKJ, PERIOD, short, FROZEN, "en")
    assert re.findall(r"\b\d+\.\d+\b", english) == ["0.13", "0.13", "0.13"]


# -- the supervisor's signature, where the register asks for a signed statement ---------------

SUPERVISED_GROUP = Group(
    id="g1",
    name="Intervisie Noord",
    supervisor=Supervisor(name="Marieke Jansen", register="LVSC", register_number="4471"),
    updated_at=FROZEN,
)


def test_skj_statement_ends_with_the_supervisors_signature_block() -> None:
    """SKJ counts supervised meetings with a statement signed by the supervisor: name, register, date, signature."""
    text = hours_statement_markdown(ANN, SUPERVISED_GROUP, SKJ, PERIOD, _ann_hours(), FROZEN, "nl")
    block = text.split("## Verklaring van de begeleider", 1)[1]
    assert "Ann de Vries" in block and "als begeleid" in block
    assert "| Naam begeleider | Register en nummer | Datum | Handtekening |" in block
    assert "| Marieke Jansen | LVSC 4471 |  |  |" in block
    assert "Mag ondertekenen: een supervisor die geregistreerd is in het supervisorenregister van LVSC," in block


def test_the_statement_names_the_pages_read_and_the_day() -> None:
    """Which pages the register's rules were read at, and when: the auditor can open them."""
    assert SKJ is not None
    text = hours_statement_markdown(ANN, GROUP, SKJ, PERIOD, _ann_hours(), FROZEN, "nl")
    assert "Pagina's gelezen op 05-12-2026: <https://timacademie.nl/" in text
    assert "<https://skjeugd.nl/herregistratie/jeugd-en-gezinsprofessionals/>" in text
    assert "skj.nl>" not in text and "laatst gecontroleerd" not in text


def test_a_register_where_intervision_does_not_count_says_so() -> None:
    """BIG: no hours against a norm, the line says intervision does not count, the note says what does."""
    big = register_by_id(REGISTERS, "BIG")
    assert big is not None
    text = hours_statement_markdown(ANN, GROUP, big, PERIOD, _ann_hours(), FROZEN, "nl")
    assert "BIG-register: intervisie telt niet voor de herregistratie" in text
    assert "intervisie hoort niet bij de eisen" in text
    assert "Verklaring van de begeleider" not in text


def test_the_signature_block_leaves_the_name_open_without_a_supervisor_on_record() -> None:
    """A group without a supervisor on record: the lines are there, to be filled in by hand."""
    text = hours_statement_markdown(ANN, GROUP, SKJ, PERIOD, _ann_hours(), FROZEN, "en")
    assert "## Supervisor's statement" in text and "|  |  |  |  |" in text


def test_no_signature_block_where_nobody_can_sign_or_nobody_asks() -> None:
    """Without a supervised meeting there is nothing to sign; NVO asks for no signed statement."""
    unsupervised = member_hours([_content("m2", date(2026, 10, 12), (19, 0), (20, 45))], "ann", PERIOD)
    text = hours_statement_markdown(ANN, SUPERVISED_GROUP, SKJ, PERIOD, unsupervised, FROZEN, "en")
    assert "Supervisor's statement" not in text and "Marieke" not in text
    nvo = register_by_id(REGISTERS, "nvo")
    text = hours_statement_markdown(ANN, SUPERVISED_GROUP, nvo, PERIOD, _ann_hours(), FROZEN, "en")
    assert "Supervisor's statement" not in text
