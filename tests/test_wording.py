"""The wording the app ships: Dutch as a group says it, English without Dutch words.

Reads every Dutch text the app shows (the msgstrs of nl.po and the Dutch fields of the shipped TOML
files) and every English source text (the msgids and the English TOML fields).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from intervisie_tui.i18n import LOCALE_DIR, ngettext, parse_po
from intervisie_tui.package_data import PACKAGE_DIR

OLD_DUTCH = {
    "Ronde rond": "Iedereen is aan de beurt geweest",
    "Wat deed de vorige inbrenger": "Wat heeft de vorige inbrenger gedaan met wat we de vorige keer bespraken?",
    "Over de tijd": "Over tijd",
    "Balans": "Wie sprak hoe vaak",
    "U zet haar terug": "Druk op U om haar terug te zetten.",  # read as the polite "u"
    "luistert alleen": "luistert en reageert nog niet",
    "alleen te luisteren": "luisteren, nog niet reageren",
    "als open vraag stellen": "vraag om er een open vraag van te maken",
    ", nu {h}": ", al {h}",  # "nu 1:05 bezig"
    "zelfsturend": "zelfstandig",  # the word the group uses
    "akkoorden": "instemmingen",
    "voor de ruimte": "voor de zaal",  # one word for the room view
    "Weggaan komt na": "De vertrektijd moet na de aankomsttijd liggen.",
}
"""Old wording -> what replaced it (for the message)."""

DUTCH_WORDS_IN_ENGLISH = ("inbrenger", "intervisiecontract")


def _catalogue() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    return parse_po((LOCALE_DIR / "nl.po").read_text(encoding="utf-8"))


def _toml_fields(language: str) -> Iterator[tuple[str, str]]:
    """(where, text) for each field named ``language`` in the shipped TOML files."""

    def walk(value: object, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == language and isinstance(item, str):
                    yield where, item
                else:
                    yield from walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, f"{where}[{index}]")

    for path in sorted(PACKAGE_DIR.rglob("*.toml")):
        yield from walk(tomllib.loads(path.read_text(encoding="utf-8")), str(path.relative_to(PACKAGE_DIR)))


def dutch_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every Dutch text the app ships."""
    singulars, plurals = _catalogue()
    for msgid, msgstr in singulars.items():
        yield f"nl.po {msgid!r}", msgstr
    for msgid, forms in plurals.items():
        for form in forms:
            yield f"nl.po {msgid!r}", form
    yield from _toml_fields("nl")


def english_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every English source text: the msgids and the English TOML fields."""
    singulars, plurals = _catalogue()
    for msgid in singulars:
        yield "msgid", msgid
    for msgid in plurals:
        yield "msgid", msgid
    yield from _toml_fields("en")


def test_there_are_texts_to_read() -> None:
    assert sum(1 for _ in dutch_texts()) > 500
    assert sum(1 for where, _ in english_texts() if where != "msgid") > 100
    assert any(where.startswith("methods/_frame.toml") for where, _ in dutch_texts())


@pytest.mark.parametrize("old", sorted(OLD_DUTCH))
def test_no_dutch_text_keeps_the_old_wording(old: str) -> None:
    found = [f"{where}: {text}" for where, text in dutch_texts() if old.casefold() in text.casefold()]
    assert found == [], f"{old!r} should read {OLD_DUTCH[old]!r}"


def test_no_english_text_holds_a_dutch_word() -> None:
    found = [
        f"{where}: {text}"
        for where, text in english_texts()
        for word in DUTCH_WORDS_IN_ENGLISH
        if word in text.casefold()
    ]
    assert found == []


def test_one_meeting_is_one_bijeenkomst() -> None:
    """A count of one takes the singular: "1 bijeenkomst", never "1 bijeenkomsten"."""
    from intervisie_tui.store.handover import HandoverReport
    from intervisie_tui.ui.screens.handover import report_text

    text = report_text(HandoverReport(path=Path("noord.ivt"), group_id="g", members=1, meetings=1, records=9))
    assert "1 lid, 1 bijeenkomst;" in text
    assert "1 bijeenkomsten" not in text and "1 leden" not in text
    assert ngettext("{n} meeting held", "{n} meetings held", 1).format(n=1) == "1 bijeenkomst gehouden"


def test_minutes_with_decimals_take_a_decimal_comma_in_dutch() -> None:
    from intervisie_tui.core.meeting import ClockReading
    from intervisie_tui.i18n import set_language
    from intervisie_tui.ui.session.phase_clock import clock_caption

    reading = ClockReading(elapsed_seconds=60, planned_seconds=450, running=True)
    assert "7,5 min" in clock_caption(reading, paused=False, compact=True)
    set_language("en")
    try:
        assert "7.5 min" in clock_caption(reading, paused=False, compact=True)
    finally:
        set_language("nl")
