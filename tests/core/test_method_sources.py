"""Every method file is traceable: the pages it was read from, its own evaluation, its minutes.

Issue 18: the method files cited a design note that is not part of the project, "Tops en tips"
had replaced each method's own evaluation (and brought a tip back into methods built to withhold
advice), and some steps the sources name were missing. docs/METHODS.md says which page each step
and duration comes from.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from intervisie_tui.core.methods import (
    QUESTION_RULES,
    Activity,
    Method,
    MethodError,
    MethodLibrary,
    load_shipped,
    parse_method_toml,
)

ROOT = Path(__file__).resolve().parents[2]
METHOD_FILES = sorted((ROOT / "src" / "intervisie_tui" / "methods").glob("*.toml"))
METHODS_DOC = ROOT / "docs" / "METHODS.md"
READ_ON = date(2026, 12, 5)

WITHHOLD_ADVICE = ("balint", "roddel", "socratisch", "ret", "oplossingsgericht")
"""Methods built to withhold advice: no round of tips to the presenter by default."""


@pytest.fixture(scope="module")
def library() -> MethodLibrary:
    return load_shipped()


def _raw(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _method(library: MethodLibrary, method_id: str) -> Method:
    method = library.get(method_id)
    assert method is not None, method_id
    return method


def test_there_are_method_files() -> None:
    assert len(METHOD_FILES) >= 14
    assert any(path.name == "_frame.toml" for path in METHOD_FILES)


@pytest.mark.parametrize("path", METHOD_FILES, ids=lambda path: path.stem)
def test_every_file_cites_pages_with_a_read_date_or_says_it_has_none(path: Path) -> None:
    """A full https address beyond the home page and the day it was read, or ``sourced = false``."""
    raw = _raw(path)
    assert "source" not in raw, "a bare source line: cite [[sources]] with url and read_on"
    if raw.get("sourced") is False:
        assert not raw.get("sources")
        summary = raw["summary"]
        assert "zonder bron" in summary["nl"] and not summary["nl"].casefold().startswith("zonder bron")
        assert "without a source" in summary["en"] and not summary["en"].casefold().startswith("without")
        return
    sources = raw.get("sources")
    assert sources, path.name
    for source in sources:
        url = source["url"]
        assert url.startswith("https://"), url
        host, _, rest = url.removeprefix("https://").partition("/")
        assert "." in host and rest.strip("/"), f"{url}: a page, not a home page"
        assert source["read_on"] == READ_ON, url


@pytest.mark.parametrize("path", METHOD_FILES, ids=lambda path: path.stem)
def test_every_file_states_its_minutes_and_its_steps_add_up_to_them(path: Path) -> None:
    raw = _raw(path)
    assert sum(step["minutes"] for step in raw["steps"]) == pytest.approx(raw["minutes"])


@pytest.mark.parametrize("path", METHOD_FILES, ids=lambda path: path.stem)
def test_every_file_is_in_the_methods_doc(path: Path) -> None:
    """docs/METHODS.md names each file and every address the file cites."""
    doc = METHODS_DOC.read_text(encoding="utf-8")
    assert f"`{path.name}`" in doc, path.name
    for source in _raw(path).get("sources", []):
        assert source["url"] in doc, source["url"]


def test_every_method_ends_with_its_own_evaluation(library: MethodLibrary) -> None:
    """The last case step is the method's evaluation, not a round of tops and tips."""
    for method in library.methods.values():
        last = method.steps[-1]
        assert last.evaluation, f"{method.id}: last step {last.key}"
        assert last.activity is not Activity.FEEDBACK, method.id
        assert [step.key for step in method.steps if step.evaluation] == [last.key], method.id
    assert not any(step.evaluation for step in library.frame.steps)


def test_tops_and_tips_are_optional_and_absent_where_advice_is_withheld(library: MethodLibrary) -> None:
    for method in library.methods.values():
        for step in method.steps:
            if step.activity is Activity.FEEDBACK:
                assert step.optional, f"{method.id}.{step.key}"
                assert method.id not in WITHHOLD_ADVICE, f"{method.id}.{step.key}"


def test_the_frame_closing_is_about_the_meeting_not_the_case(library: MethodLibrary) -> None:
    closing = library.frame.step("closing")
    assert closing is not None
    assert "bijeenkomst" in closing.rule.nl and "meeting" in closing.rule.en


def test_the_short_incident_method_asks_factual_questions_only(library: MethodLibrary) -> None:
    step = _method(library, "incident_kort").step("informatieronde")
    assert step is not None and step.activity is Activity.QUESTIONS
    assert step.questions == "factual"
    assert "feitelijke" in step.rule.nl and "factual" in step.rule.en


def test_question_rules_are_only_on_question_rounds(library: MethodLibrary) -> None:
    for method in library.methods.values():
        for step in method.steps:
            assert step.questions in ("", *QUESTION_RULES), f"{method.id}.{step.key}"
            if step.questions:
                assert step.activity is Activity.QUESTIONS, f"{method.id}.{step.key}"


def test_ret_asks_for_the_desired_feeling_and_behaviour_before_disputing(library: MethodLibrary) -> None:
    keys = [step.key for step in _method(library, "ret").steps]
    assert keys.index("c_gevoel_gedrag") < keys.index("c_gewenst") < keys.index("d_uitdagen")


def test_solution_focused_asks_the_miracle_question_and_claims_no_preference(library: MethodLibrary) -> None:
    method = _method(library, "oplossingsgericht")
    miracle = method.step("wondervraag")
    assert miracle is not None and "wonder" in miracle.rule.nl and "miracle" in miracle.rule.en
    assert "voorkeur" not in method.summary.nl.casefold() and "preferred" not in method.summary.en.casefold()


def test_the_socratic_variant_does_not_claim_nelsons_dialogue(library: MethodLibrary) -> None:
    method = _method(library, "socratisch")
    assert "gesprek" not in method.name.nl.casefold() and "dialogue" not in method.name.en.casefold()
    assert "niet het socratisch gesprek" in method.summary.nl


def test_action_learning_asks_only_questions_and_ends_in_a_commitment(library: MethodLibrary) -> None:
    method = _method(library, "actiegericht")
    group_rounds = [step for step in method.steps if step.speaker == "group_in_turn"]
    assert group_rounds and all(step.activity is Activity.QUESTIONS for step in group_rounds)
    assert method.step("toezegging") is not None
    assert "terugblik" in method.summary.nl and "look back" in method.summary.en


def test_u_procedure_levels_mirror_each_other(library: MethodLibrary) -> None:
    """Down: facts, current way of working, values; up: desired values, new way of working, first step."""
    keys = [step.key for step in _method(library, "u_procedure").steps]
    assert "patronen" not in keys
    down = ["feiten", "werkwijze_nu", "waarden"]
    up = ["gewenste_waarden", "werkwijze", "eerste_stap"]
    assert [keys.index(key) for key in down + up] == sorted(keys.index(key) for key in down + up)


# --- the loader refuses what the tests above rely on ---------------------------------------

PROBE = """\
id = "probe"
fits = ["incident"]
{head}
[name]
nl = "Proef"
en = "Probe"
[summary]
nl = "{summary_nl}"
en = "{summary_en}"

[[steps]]
key = "vragen"
minutes = 10
speaker = "group_in_turn"
activity = "questions"
{extra}
[steps.name]
nl = "Vragen"
en = "Questions"
[steps.rule]
nl = "Open vragen"
en = "Open questions"

[[steps]]
key = "evaluatie"
minutes = 5
speaker = "group_free"
evaluation = true
[steps.name]
nl = "Evaluatie"
en = "Evaluation"
[steps.rule]
nl = "Hoe ging het?"
en = "How did it go?"
"""

GOOD_SOURCE = '[[sources]]\nurl = "https://www.example.org/werkvorm"\nread_on = 2026-12-05'


def _probe(
    head: str = GOOD_SOURCE, extra: str = "", summary_nl: str = "Een proef.", summary_en: str = "A probe."
) -> str:
    return PROBE.format(head=head, extra=extra, summary_nl=summary_nl, summary_en=summary_en)


def test_the_probe_parses_with_its_sources() -> None:
    method = parse_method_toml(_probe(head="minutes = 15\n" + GOOD_SOURCE), "methods/probe.toml")
    assert method.sourced and method.sources[0].url == "https://www.example.org/werkvorm"
    assert method.sources[0].read_on == READ_ON
    assert method.steps[-1].evaluation


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(_probe(head=""), "sources", id="no-sources"),
        pytest.param(_probe(head='source = "Naar Balint"\n' + GOOD_SOURCE), "source", id="bare-source-line"),
        pytest.param(_probe(head=GOOD_SOURCE.replace("/werkvorm", "/")), "sources[0].url", id="home-page"),
        pytest.param(_probe(head=GOOD_SOURCE.replace("https", "http")), "sources[0].url", id="http"),
        pytest.param(_probe(head=GOOD_SOURCE.replace("2026-12-05", '"5 dec"')), "sources[0].read_on", id="text-date"),
        pytest.param(_probe(head="minutes = 20\n" + GOOD_SOURCE), "minutes", id="minutes-do-not-add-up"),
        pytest.param(_probe(head="sourced = false"), "summary.nl", id="unsourced-unsaid"),
        pytest.param(
            _probe(
                head="sourced = false",
                summary_nl="Zonder bron: een proef.",
                summary_en="A probe without a source.",
            ),
            "summary.nl",
            id="unsourced-first-words",
        ),
        pytest.param(
            _probe(head="sourced = false\n" + GOOD_SOURCE, summary_nl="Proef zonder bron.", summary_en="Probe."),
            "sources",
            id="unsourced-with-sources",
        ),
        pytest.param(_probe(extra='questions = "suggestive"'), "steps[0].questions", id="unknown-question-rule"),
        pytest.param(_probe(extra="evaluation = true"), "steps[0].evaluation", id="evaluation-not-last"),
    ],
)
def test_the_loader_refuses_untraceable_files(text: str, where: str) -> None:
    with pytest.raises(MethodError) as caught:
        parse_method_toml(text, "methods/probe.toml")
    assert caught.value.where == where


def test_a_method_without_a_source_says_so_later_in_its_summary() -> None:
    method = parse_method_toml(
        _probe(
            head="sourced = false",
            summary_nl="Een proef. Werkvorm zonder bron.",
            summary_en="A probe. A method without a source.",
        ),
        "methods/probe.toml",
    )
    assert not method.sourced and method.sources == ()


# --- no file cites a document that is not in the project -----------------------------------

GONE_NOTE = "DOMAIN" + ".md"  # spelled in two parts so this file does not name it
_SKIPPED = {"__pycache__", "build", "dist", "node_modules"}


def test_no_file_of_the_project_cites_the_design_note() -> None:
    """The whole tree, method files included (what `git grep` would find)."""
    citing = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if not path.is_file() or any(part.startswith(".") or part in _SKIPPED for part in parts):
            continue
        if path.name == "snapshot_report.html":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if GONE_NOTE in text:
            citing.append(str(path.relative_to(ROOT)))
    assert citing == []
