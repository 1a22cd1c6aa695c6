"""The minutes of a meeting: golden files, what the shared part leaves out, personal parts, hostile text."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from intervisie_tui import i18n
from intervisie_tui.core.minutes import minutes_markdown, worked_cases
from intervisie_tui.core.model import CaseSlot, NextPlan
from tests.conftest import FROZEN
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


def test_a_case_is_named_by_its_theme_then_its_title_then_its_question() -> None:
    """No theme: the title names the case; no title either: the question; nothing: the minutes say so.

    A chairing member is named; no next plan is said to be not agreed."""
    i18n.set_language("en")
    h = history()
    blanks = {"case-1": {"theme": ""}, "case-2": {"theme": "", "title": ""}}
    cases = tuple(replace(case, **blanks.get(case.id, {})) for case in h.content.cases)
    meeting = replace(h.content.meeting, chair_id="p1", supervised=False, supervisor_present=False, next_plan=None)
    content = replace(h.content, cases=cases, meeting=meeting)
    text = minutes_markdown(content, h.group, h.members, h.library)
    assert "### Case 1: Moeder van J. belt elke dag" in text
    assert "### Case 2: Hoe kan ik mijn twijfel over een melding bespreekbaar maken?" in text
    assert "theme not recorded" not in text
    assert "- Chair: Anouk Jansen" in text
    assert "- Supervised: No" in text
    assert "- Next meeting: not agreed yet" in text
    full = minutes_markdown(content, h.group, h.members, h.library, include_case_text=True)
    assert full.count("Moeder van J. belt elke dag") == 1  # the heading is the title: not said twice
    assert "- Question: Hoe kan ik grenzen stellen zonder het contact te verliezen?" in full
    nothing = tuple(replace(case, theme="", title="", question="") for case in h.content.cases)
    assert "### Case 1: theme not recorded" in minutes_markdown(
        replace(h.content, cases=nothing), h.group, h.members, h.library
    )


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
    """A note not marked for the minutes stays out, however many lines; a line break in any text that is
    (a marked note, or a field an older file could hold) stays inside its list item: no line of the minutes
    starts with the user's text."""
    i18n.set_language("en")
    h = history()
    note = replace(h.content.notes[0], text="Notitie een\n# Kop uit een notitie\n| a | b |")
    marked = replace(h.content.notes[1], id="n3", text="Gemarkeerd\n# Kop\n- lijst", in_minutes=True)
    evaluations = tuple(replace(e, takeaway=e.takeaway + "\n# Kop\n- lijst") for e in h.content.evaluations)
    cases = tuple(replace(case, takeaway="Meenemen\n## Kop\n1. stap") for case in h.content.cases)
    content = replace(h.content, notes=(note, marked), evaluations=evaluations, cases=cases)
    text = minutes_markdown(content, h.group, h.members, h.library, include_case_text=True, personal_for=["p1"])
    assert "Notitie een" not in text and "Kop uit een notitie" not in text
    assert "- The presenter takes along: Meenemen / \\#\\# Kop / 1. stap" not in text  # not even escaped mid-line
    assert "- The presenter takes along: Meenemen / ## Kop / 1. stap" in text
    assert "- On the board: Gemarkeerd / # Kop / - lijst" in text
    assert all(line == "" or line.startswith(("# ", "## ", "### ", "- ")) for line in text.splitlines())


def test_board_notes_marked_for_the_minutes_go_under_their_case_without_their_author() -> None:
    """Marked notes: a case's under that case in phase and column order, named by step and column; the
    meeting's own phases under "From the board"; never who wrote them. Unmarked notes stay out."""
    from intervisie_tui.core.meeting import plan_phases
    from intervisie_tui.core.model import Note

    i18n.set_language("en")
    h = history()
    phases = plan_phases(h.library, h.content.meeting.slots)
    meeting = replace(h.content.meeting, phases=phases)

    def note(key: str, phase: str, text: str, *, column: str = "", case_id: str = "", marked: bool = True) -> Note:
        return Note(
            id=key,
            meeting_id=meeting.id,
            phase_key=phase,
            text=text,
            column=column,
            case_id=case_id,
            author_id="p4",
            in_minutes=marked,
            updated_at=meeting.updated_at,
        )

    keys = [phase.key for phase in phases]
    case_phase = next(key for key in keys if key.startswith("case1."))
    later_phase = next(key for key in reversed(keys) if key.startswith("case1."))
    notes = (
        note("a", later_phase, "Later stap"),
        note("b", case_phase, "Eerste stap", case_id=""),  # no case id: the phase tells the case
        note("c", "checkin", "Iedereen is er"),
        note("d", case_phase, "Niet gemarkeerd", marked=False),
    )
    content = replace(h.content, meeting=meeting, notes=notes)
    text = minutes_markdown(content, h.group, h.members, h.library)
    case_1 = text.split("### Case 1:")[1].split("### Case 2:")[0]
    assert case_1.index("Eerste stap") < case_1.index("Later stap")
    assert "- On the board (" in case_1
    board = text.split("## From the board")[1].split("## What we learned")[0]
    assert "Iedereen is er" in board and "Eerste stap" not in board
    assert "Niet gemarkeerd" not in text
    assert "Daan Bakker" not in text.split("## What we learned")[0].split("- Present:")[1].split("\n", 1)[1]


def test_what_identifies_a_client_is_left_out_and_the_minutes_say_so() -> None:
    """A BSN, a birth date and a postcode in the group's text become […]; one line at the end says why."""
    i18n.set_language("en")
    h = history()
    cases = tuple(
        replace(case, takeaway="J. (BSN 123456782, geboren 03-04-2015, 1234 AB) eerst bellen in 2024 en 2025")
        if case.id == "case-1"
        else case
        for case in h.content.cases
    )
    text = minutes_markdown(replace(h.content, cases=cases), h.group, h.members, h.library)
    assert "123456782" not in text and "03-04-2015" not in text and "1234 AB" not in text
    assert "in 2024 en 2025" in text  # a year and a word is not a postcode
    assert text.rstrip().endswith("so clients stay anonymous.")
    assert "anonymous" not in _minutes(h)  # nothing left out: nothing said


def test_the_demo_meetings_minutes_say_what_its_board_holds() -> None:
    """The demo's meeting under way: its case by title and the notes its group marked, not "Nothing recorded"."""
    from intervisie_tui.core.demo import demo_records
    from intervisie_tui.core.methods import load_shipped
    from intervisie_tui.core.model import Case, Group, Meeting, MeetingContent, Member, Note

    records = demo_records(FROZEN)
    live = next(r for r in records if isinstance(r, Meeting) and r.actual_end is None)
    group = next(r for r in records if isinstance(r, Group) and r.id == live.group_id)
    members = [r for r in records if isinstance(r, Member) and r.group_id == group.id]
    content = MeetingContent(
        meeting=live,
        cases=tuple(r for r in records if isinstance(r, Case) and r.meeting_id == live.id),
        notes=tuple(r for r in records if isinstance(r, Note) and r.meeting_id == live.id),
    )
    text = minutes_markdown(content, group, members, load_shipped())
    assert "Niets vastgelegd" not in text and "thema niet vastgelegd" not in text
    assert "### Casus 1: Ouder die elke afspraak afzegt" in text
    assert text.count("- Op het bord (") >= 4
