"""Every user-visible string has a Dutch and an English text."""

from __future__ import annotations

import ast
import re
import string

import pytest

from intervisie_tui import i18n
from intervisie_tui.i18n import language_from_environment, parse_po
from tests import i18n_tool


def _catalogue() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    return parse_po(i18n_tool.CATALOGUE.read_text(encoding="utf-8"))


def test_catalogue_is_in_step_with_the_code() -> None:
    """nl.po lists exactly the strings the code marks (run tests/i18n_tool.py to update)."""
    assert i18n_tool.main(["--check"]) == 0


def test_every_string_has_a_dutch_text() -> None:
    """No msgid without msgstr: a missing translation fails here."""
    singulars, plurals = _catalogue()

    def translated(msgid: str) -> bool:
        forms = plurals.get(msgid)
        return bool(singulars.get(msgid)) or (bool(forms) and all(forms))

    missing = [msgid for msgid in i18n_tool.extract() if not translated(msgid)]
    assert missing == []


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_placeholders_match() -> None:
    """A Dutch text uses exactly the {placeholders} of its English source."""
    singulars, plurals = _catalogue()
    wrong = [msgid for msgid, dutch in singulars.items() if dutch and _fields(dutch) != _fields(msgid)]
    wrong += [msgid for msgid, forms in plurals.items() if any(_fields(f) != _fields(msgid) for f in forms if f)]
    assert wrong == []


def test_english_is_the_source_and_dutch_the_default() -> None:
    """Switching language changes what _() returns."""
    i18n.set_language("en")
    assert i18n._("Groups") == "Groups"
    i18n.set_language("nl")
    assert i18n._("Groups") == "Groepen"


def test_unknown_language_is_refused() -> None:
    """Only nl and en exist."""
    with pytest.raises(ValueError):
        i18n.set_language("de")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "fr_FR"}, "nl"),
        ({"LANGUAGE": "en", "LANG": "nl_NL"}, "en"),
        ({"LC_ALL": "C"}, "nl"),
    ],
)
def test_language_from_environment(environ: dict[str, str], expected: str) -> None:
    """English only when the system asks for it; Dutch otherwise."""
    assert language_from_environment(environ) == expected


def test_po_parser_handles_multiline_escapes_and_fuzzy() -> None:
    """The runtime .po reader understands what gettext tools write."""
    text = (
        'msgid ""\nmsgstr ""\n"Language: nl\\n"\n\n'
        'msgid "a\\nb"\nmsgstr ""\n"x\\n"\n"y \\"z\\""\n\n'
        '#, fuzzy\nmsgid "fuzzy one"\nmsgstr "niet gebruiken"\n\n'
        'msgid "one file"\nmsgid_plural "{n} files"\nmsgstr[0] "een bestand"\nmsgstr[1] "{n} bestanden"\n'
    )
    singulars, plurals = parse_po(text)
    assert singulars["a\nb"] == 'x\ny "z"'
    assert "fuzzy one" not in singulars
    assert plurals["one file"] == ("een bestand", "{n} bestanden")


def test_po_strings_are_read_as_python_would_read_them() -> None:
    """The hand-written unquoting agrees with Python's own reading of every line of the catalogue."""
    checked = 0
    for line in i18n_tool.CATALOGUE.read_text(encoding="utf-8").splitlines():
        token = line.partition(" ")[2].strip() if line.startswith("msg") else line.strip()
        if token.startswith('"'):
            assert i18n._unquote(token) == ast.literal_eval(token), line
            checked += 1
    assert checked > 1000
    assert i18n._unquote(r'"tab\there \\ \"q\" \r"') == 'tab\there \\ "q" \r'


@pytest.mark.parametrize("token", ['"unknown \\q escape"', "no quotes", '"open', '"'])
def test_a_malformed_po_string_is_refused(token: str) -> None:
    """A damaged catalogue is an error, not silently wrong text."""
    with pytest.raises(ValueError):
        i18n._unquote(token)


def test_no_msgid_is_built_by_formatting() -> None:
    """_() must get a literal: an f-string inside _() cannot be translated."""
    offenders = []
    for path in i18n_tool.SOURCE.rglob("*.py"):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\b_\(f[\"']", line):
                offenders.append(f"{path.name}:{lineno}")
    assert offenders == []


def test_setting_the_language_again_does_not_read_the_catalogue_again(monkeypatch) -> None:
    """The command line sets the language up to three times before the app draws."""
    read: list[str] = []
    real = i18n.parse_po
    monkeypatch.setattr(i18n, "_LOADED", {})
    monkeypatch.setattr(i18n, "parse_po", lambda text: read.append("nl") or real(text))
    for _round in range(3):
        i18n.set_language("nl")
        assert i18n._("Groups") == "Groepen"
    assert read == ["nl"]
