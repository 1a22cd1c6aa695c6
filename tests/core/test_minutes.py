"""The minutes of a meeting: golden files, what the shared part leaves out, personal parts, hostile text."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from intervisie_tui import i18n
from intervisie_tui.core.minutes import minutes_markdown, worked_cases
from intervisie_tui.core.model import CaseSlot, NextPlan
from tests.core.history_fixture import History, history

GOLDEN = Path(__file__).parent / "golden"


def _golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def _minutes(h: History, **options: object) -> str:
    return minutes_markdown(h.content, h.group, h.members, h.library, **options)  # type: ignore[arg-type]


def test_minutes_in_english_match_the_golden_file() -> None:
    """Shared part plus the personal parts of Anouk and Bram, in English."""
    i18n.set_language("en")
    assert _minutes(history(), personal_for=["p1", "p2"]) == _golden("minutes_en.md")


def test_minutes_in_dutch_match_the_golden_file() -> None:
    """The same in Dutch (passes once the new texts are in nl.po)."""
    assert _minutes(history(), personal_for=["p1", "p2"]) == _golden("minutes_nl.md")


def test_minutes_with_case_text_match_the_golden_file() -> None:
    """With the case texts: each case's title and question under its theme."""
    i18n.set_language("en")
    assert _minutes(history(), include_case_text=True) == _golden("minutes_with_case_text_en.md")


def test_language_argument_overrides_the_ui_language() -> None:
    """language="en" gives the English minutes while the UI speaks Dutch."""
    assert i18n.current_language() == "nl"
    assert _minutes(history(), personal_for=["p1", "p2"], language="en") == _golden("minutes_en.md")
    assert i18n.current_language() == "nl"


def test_case_title_and_question_only_with_case_text() -> None:
    """Without include_case_text the minutes name a case by its theme only."""
    h = history()
    worked = worked_cases(h.content)
    texts = [case.title for case in worked] + [case.question for case in worked]
    assert not any(text in _minutes(h) for text in texts)
    full = _minutes(h, include_case_text=True)
    assert all(text in full for text in texts)


def test_personal_part_only_for_the_members_asked() -> None:
    """Only the members in personal_for get a personal part; without an evaluation it shows dashes."""
    i18n.set_language("en")
    h = history()
    text = _minutes(h, personal_for=["p5"])
    assert text.count("## Personal part:") == 1
    assert "## Personal part: Eva Smit" in text
    assert "- Technical-instrumental: —" in text
    for private in ("De schaalvraag hielp", "Bereikbaarheid is geen plicht", "Ik draag te veel alleen"):
        assert private not in text
    assert "Personal part" not in _minutes(h)
    assert "Personal part" not in _minutes(h, personal_for=["nobody"])


def test_shared_part_leaves_out_verdicts_notes_feedback_and_candidates() -> None:
    """Questions, coach verdicts, notes, feedback and cases that were not worked never appear."""
    h = history()
    text = _minutes(h, include_case_text=True).casefold()
    hidden = [q.text for q in h.content.questions] + [n.text for n in h.content.notes]
    hidden += [f.top for f in h.content.feedback] + [f.tip for f in h.content.feedback]
    hidden += ["Samenwerking", "Collega die nooit terugbelt", "advice", "advies", "closed", "gesloten"]
    assert [item for item in hidden if item.casefold() in text] == []
    assert [case.id for case in worked_cases(h.content)] == ["case-1", "case-2"]


def test_learned_has_no_names() -> None:
    """'What we learned' lists takeaways only: no member's name in that section."""
    i18n.set_language("en")
    h = history()
    text = _minutes(h)
    section = text.split("## What we learned")[1].split("## Agreements")[0]
    assert "Een grens kan ook warm zijn" in section
    assert not any(member.name in section for member in h.members)


def test_theme_not_recorded_and_member_chair() -> None:
    """An empty theme says so; a chairing member is named; no next plan is said to be not agreed."""
    i18n.set_language("en")
    h = history()
    cases = tuple(replace(case, theme="") if case.id == "case-2" else case for case in h.content.cases)
    meeting = replace(h.content.meeting, chair_id="p1", supervised=False, supervisor_present=False, next_plan=None)
    text = minutes_markdown(replace(h.content, cases=cases, meeting=meeting), h.group, h.members, h.library)
    assert "### Case 2: theme not recorded" in text
    assert "- Chair: Anouk Jansen" in text
    assert "- Supervised: No" in text
    assert "- Next meeting: not agreed yet" in text


def test_hostile_text_stays_literal() -> None:
    """Names and themes with Markdown specials and newlines cannot add headings, links or lines."""
    i18n.set_language("en")
    h = history()
    hostile = "# Kop | x [link](http://a)"
    members = [replace(member, name=hostile) if member.id == "p1" else member for member in h.members]
    cases = tuple(
        replace(case, theme="Thema\n# Nep-kop\n- lijst\n[x](http://b)") if case.id == "case-1" else case
        for case in h.content.cases
    )
    meeting = replace(h.content.meeting, next_plan=NextPlan(chair_id="p1"))
    content = replace(h.content, cases=cases, meeting=meeting)
    text = minutes_markdown(content, h.group, members, h.library, personal_for=["p1"])
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert len(headings) == 1 + 1 + 2 + 1 + 1 + 1  # title, Cases, two cases, learned, agreements, personal
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", text)  # no unescaped [text](url)
    assert "Nep-kop" in next(line for line in headings if line.startswith("### Case 1:"))
    assert "## Personal part: \\# Kop \\| x \\[link\\](http://a)" in text


def test_slot_order_decides_case_numbers() -> None:
    """Cases are numbered in the order of the meeting's slots."""
    h = history()
    slots = tuple(reversed(h.content.meeting.slots))
    content = replace(h.content, meeting=replace(h.content.meeting, slots=slots))
    assert [case.id for case in worked_cases(content)] == ["case-2", "case-1"]
    empty = replace(h.content, meeting=replace(h.content.meeting, slots=(CaseSlot(),)), cases=())
    i18n.set_language("en")
    assert "- No case was worked." in minutes_markdown(empty, h.group, h.members, h.library)


def test_a_note_of_several_lines_stays_out_and_line_breaks_cannot_add_markdown() -> None:
    """Notes are never in the minutes, however many lines; a line break in any text that is (as an older
    file could hold) stays inside its list item: no line of the minutes starts with the user's text."""
    i18n.set_language("en")
    h = history()
    note = replace(h.content.notes[0], text="Notitie een\n# Kop uit een notitie\n| a | b |")
    evaluations = tuple(replace(e, takeaway=e.takeaway + "\n# Kop\n- lijst") for e in h.content.evaluations)
    cases = tuple(replace(case, takeaway="Meenemen\n## Kop\n1. stap") for case in h.content.cases)
    content = replace(h.content, notes=(note,), evaluations=evaluations, cases=cases)
    text = minutes_markdown(content, h.group, h.members, h.library, include_case_text=True, personal_for=["p1"])
    assert "Notitie een" not in text and "Kop uit een notitie" not in text
    assert "- The presenter takes along: Meenemen \\#\\# Kop 1. stap" not in text  # not even escaped mid-line
    assert "- The presenter takes along: Meenemen ## Kop 1. stap" in text
    assert all(line == "" or line.startswith(("# ", "## ", "### ", "- ")) for line in text.splitlines())
