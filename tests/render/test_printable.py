"""The printable HTML export: one self-contained page from an export's Markdown, with no way in for markup."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from intervisie_tui.core.attendance_list import attendance_markdown
from intervisie_tui.core.hours import member_hours
from intervisie_tui.core.minutes import minutes_markdown
from intervisie_tui.core.statement import hours_statement_markdown
from intervisie_tui.render.formats import format_of
from intervisie_tui.render.printable import printable_html
from tests.core import test_statement as statement
from tests.core.history_fixture import history

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "<https://evil.example/x>",
    "[r]: javascript:alert(1)",
    "<style>body{background:url(http://evil/x)}</style>",
]


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li"}
ALLOWED_TAGS |= {"table", "thead", "tbody", "tr", "th", "td", "em", "strong", "code", "pre", "blockquote", "hr", "br"}


class _Tags(HTMLParser):
    """Every element and attribute of a page, and the text of its style elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def assert_inert(page: str) -> None:
    """Nothing in ``page`` runs, loads or links: only plain elements, no address anywhere in an attribute."""
    lowered = page.casefold()
    assert "<script" not in lowered and "<img" not in lowered and "<a " not in lowered
    parsed = _Tags()
    parsed.feed(page)
    assert {tag for tag, _attrs in parsed.tags} <= ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert name in {"lang", "charset", "http-equiv", "content", "name"}, (tag, name)
            assert not re.search(r"(javascript|https?|data):", value or "", re.IGNORECASE), (tag, value)
    assert len(parsed.styles) == 1 and "url(" not in parsed.styles[0] and "@import" not in parsed.styles[0]


def test_a_page_is_whole_and_says_its_language_and_title() -> None:
    page = printable_html("# Presentielijst: Team \\[Noord\\]\n\nTekst & meer.\n", "nl")
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "<title>Presentielijst: Team [Noord]</title>" in page
    assert "<h1>Presentielijst: Team [Noord]</h1>" in page and "Tekst &amp; meer." in page
    assert "@page" in page and "A4" in page
    assert "default-src 'none'" in page  # even a slip could load nothing
    assert page.rstrip().endswith("</html>")


def test_tables_print_with_room_to_sign() -> None:
    """An empty cell (a signature, a date) is a box to write in; the header repeats on every page."""
    page = printable_html("| Naam | Handtekening |\n| --- | --- |\n| Ann |  |\n", "nl")
    assert "<table>" in page and "<td></td>" in page
    assert "td:empty" in page and "table-header-group" in page


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_written_raw_cannot_add_markup(hostile: str) -> None:
    """Even unescaped text (which no export writes) stays text: raw HTML, links, images are off."""
    page = printable_html(f"# Kop\n\n{hostile}\n\n- {hostile}\n\n| a |\n| --- |\n| {hostile} |\n", "en")
    assert_inert(page)
    assert escape(hostile, quote=False) in page  # shown as text, not dropped: nothing is lost silently


@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_export_with_hostile_user_text_is_inert(hostile: str) -> None:
    """Names, notes, themes and the group's name carry the attack; each export's page stays inert."""
    h = history()
    group = replace(h.group, name=hostile)
    members = [replace(member, name=f"{member.name} {hostile}", profession=hostile) for member in h.members]
    cases = tuple(replace(case, title=hostile, theme=hostile, question=hostile) for case in h.content.cases)
    notes = tuple(replace(note, text=hostile) for note in h.content.notes)
    content = replace(h.content, cases=cases, notes=notes)
    pages = [
        attendance_markdown(content, group, members, h.library),
        minutes_markdown(content, group, members, h.library, include_case_text=True, personal_for=[members[0].id]),
    ]
    ann = replace(statement.ANN, name=hostile, profession=hostile, register_number=hostile)
    hours = member_hours(
        [statement._content("m1", date(2026, 9, 14), (19, 0), (21, 0), supervised=True)], "ann", statement.PERIOD
    )
    pages.append(
        hours_statement_markdown(
            ann,
            replace(statement.SUPERVISED_GROUP, name=hostile),
            statement.SKJ,
            statement.PERIOD,
            hours,
            statement.FROZEN,
        )
    )
    for markdown in pages:
        assert_inert(printable_html(markdown, "nl"))


def test_the_register_address_is_text_not_a_link() -> None:
    """The statement's <https://skjeugd.nl/…> prints as text: a printed page has nothing to click."""
    markdown = (statement.GOLDEN / "statement_nl.md").read_text(encoding="utf-8")
    page = printable_html(markdown, "nl")
    assert "&lt;https://skjeugd.nl/herregistratie/jeugd-en-gezinsprofessionals/&gt;" in page
    assert_inert(page)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.md", "md"), ("a.HTML", "html"), ("a.htm", "html"), ("a.csv", "csv"), ("a", "md"), ("a.txt", "md")],
)
def test_the_format_follows_the_file_name(name: str, expected: str) -> None:
    assert format_of(Path(name)) == expected
