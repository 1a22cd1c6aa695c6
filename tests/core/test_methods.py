"""The shipped method templates load, follow their sources (docs/METHODS.md), and broken templates are named precisely."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from intervisie_tui.core.method_copies import (
    STEP_MINUTES_MAX,
    STEP_MINUTES_MIN,
    GroupMethod,
    copy_method,
    move_step,
    remove_step,
    rename_method,
    rename_step,
    set_step_minutes,
)
from intervisie_tui.core.methods import (
    CASEWORK,
    FRAME_ID,
    QUESTION_KINDS,
    Activity,
    Board,
    Method,
    MethodError,
    MethodLibrary,
    Text,
    load_shipped,
    parse_method_toml,
)
from intervisie_tui.core.sanitize import TextRejected

REQUIRED_IDS = {
    "incident_kort",
    "incident_tien",
    "vijfstappen",
    "tienstappen",
    "balint",
    "roddel",
    "socratisch",
    "ret",
    "kernkwadranten",
    "oplossingsgericht",
    "actiegericht",
    "clinic",
}

# Planned minutes per method, without the meeting frame's own phases (check-in, look back,
# inventory, choosing the case, closing). Each file states its total (``minutes``) and the loader
# checks the steps add up to it; these ranges say what the sources allow (docs/METHODS.md):
TOTAL_MINUTES = {
    # Coachy: about 50 min with the introduction; the presenter's choice is the evaluation.
    "incident_kort": (40, 55),
    # No minutes in the source; ten rounds, the first (choosing) in the frame.
    "incident_tien": (60, 75),
    # No minutes in the sources; a short problem-solving method.
    "vijfstappen": (50, 65),
    # No minutes in the source ("relatively much time"); ten steps.
    "tienstappen": (75, 90),
    # Movisie: one to two hours, BP Opleidingen: an hour and a half per case, both with collecting
    # and choosing cases, which the frame holds (10-15 min).
    "balint": (60, 90),
    # Managementissues: the gossip alone is 15 min; five steps.
    "roddel": (45, 55),
    # HRD Academy: 5 + 10 + 1 + 10 for the first four steps; seven steps in all.
    "socratisch": (45, 75),
    # No minutes in the sources (they describe RET itself).
    "ret": (55, 65),
    # No minutes in the sources (they describe the quadrant itself).
    "kernkwadranten": (50, 60),
    # Progress: 45-60 minutes per case.
    "oplossingsgericht": (45, 60),
    # StudyMode: an hour of airtime per presenter, check-in and look back included.
    "actiegericht": (45, 60),
    # BP Opleidingen: about 50 minutes.
    "clinic": (45, 55),
    # Without a source; within the frame's 50-90 min per case.
    "u_procedure": (45, 75),
}

FRAME_ACTIVITIES = {
    Activity.CHECKIN,
    Activity.LOOKBACK,
    Activity.INVENTORY,
    Activity.CHOICE,
    Activity.CASEWORK,
    Activity.CLOSING,
}


@pytest.fixture(scope="module")
def library() -> MethodLibrary:
    """The shipped templates (read once)."""
    return load_shipped()


def _texts(method: Method) -> list[tuple[str, Text]]:
    """Every bilingual text of a method, with where it sits."""
    texts = [("name", method.name), ("summary", method.summary)]
    for step in method.steps:
        texts += [(f"{step.key}.name", step.name), (f"{step.key}.rule", step.rule)]
        texts += [(f"{step.key}.columns.{column.key}", column.label) for column in step.columns]
    return texts


def _method(library: MethodLibrary, method_id: str) -> Method:
    method = library.get(method_id)
    assert method is not None, method_id
    return method


# --- the shipped templates ----------------------------------------------------------------


def test_every_required_method_is_shipped(library: MethodLibrary) -> None:
    """The twelve methods of docs/METHODS.md are there, and the frame is not one of them."""
    assert REQUIRED_IDS <= set(library.methods)
    assert FRAME_ID not in library.methods
    assert len(library.ordered()) == len(library.methods)


def test_every_text_has_both_languages(library: MethodLibrary) -> None:
    """Names, summaries, step names, rules and column labels exist in Dutch and English."""
    for method in [library.frame, *library.methods.values()]:
        for where, text in _texts(method):
            assert text.nl.strip() and text.en.strip(), f"{method.id}: {where}"
            assert text("nl") == text.nl and text("en") == text.en


def test_english_texts_say_presenter(library: MethodLibrary) -> None:
    """English texts use "presenter", never the Dutch "inbrenger"."""
    for method in library.methods.values():
        for where, text in _texts(method):
            assert "inbrenger" not in text.en.casefold(), f"{method.id}: {where}"


def test_rules_are_short_enough_to_project(library: MethodLibrary) -> None:
    """The rule shown in large text during a step stays within about 70 characters."""
    for method in library.methods.values():
        for step in method.steps:
            for language in ("nl", "en"):
                assert len(step.rule(language)) <= 72, f"{method.id}.{step.key} ({language})"


def test_metadata_is_complete(library: MethodLibrary) -> None:
    """Every method names what it fits and where it comes from (or that it has no source)."""
    for method in library.methods.values():
        assert method.fits, method.id
        assert set(method.fits) <= set(QUESTION_KINDS), method.id
        assert bool(method.sources) == method.sourced, method.id
        assert not method.based_on, method.id


@pytest.mark.parametrize(
    ("method_id", "kind"),
    [
        ("incident_kort", "incident"),
        ("incident_kort", "beginners"),
        ("incident_tien", "incident"),
        ("vijfstappen", "knowledge"),
        ("tienstappen", "learning_to_ask"),
        ("balint", "emotional"),
        ("balint", "relationship"),
        ("roddel", "stuck"),
        ("socratisch", "ethical"),
        ("ret", "beliefs"),
        ("kernkwadranten", "friction"),
        ("oplossingsgericht", "desired"),
        ("clinic", "skills"),
        ("actiegericht", "recurring"),
    ],
)
def test_fits_follow_the_method_choice_guidance(library: MethodLibrary, method_id: str, kind: str) -> None:
    """The "which method fits" helper gets what each method's pages say it suits."""
    assert kind in _method(library, method_id).fits


def test_u_procedure_is_marked_unsourced(library: MethodLibrary) -> None:
    """The optional U-procedure says it has no source, though not as the first words of its summary."""
    method = library.get("u_procedure")
    if method is None:
        pytest.skip("u_procedure is optional")
    assert not method.sourced and not method.sources
    assert "zonder bron" in method.summary.nl and not method.summary.nl.casefold().startswith("zonder bron")
    assert "without a source" in method.summary.en and not method.summary.en.startswith("A method without")
    assert "recurring" in method.fits


def test_every_shipped_method_has_a_total_range(library: MethodLibrary) -> None:
    """A new shipped method gets its own justified range below."""
    assert set(library.methods) <= set(TOTAL_MINUTES)


@pytest.mark.parametrize("method_id", sorted(TOTAL_MINUTES))
def test_total_minutes_are_realistic(library: MethodLibrary, method_id: str) -> None:
    """Planned minutes fall in the range the sources give (see TOTAL_MINUTES)."""
    method = library.get(method_id)
    if method is None:
        pytest.skip(f"{method_id} is not shipped")
    low, high = TOTAL_MINUTES[method_id]
    assert low <= method.minutes <= high, f"{method_id}: {method.minutes} min"


def test_methods_leave_the_meeting_frame_out(library: MethodLibrary) -> None:
    """Check-in, look back, inventory, choosing and closing belong to the frame, not to a method."""
    for method in library.methods.values():
        for step in method.steps:
            assert step.activity not in FRAME_ACTIVITIES, f"{method.id}.{step.key}"
            assert step.key.islower() and step.key.replace("_", "").isalnum(), f"{method.id}.{step.key}"


def test_every_method_has_a_question_round(library: MethodLibrary) -> None:
    """Every method lets the group ask questions in turn, with the app coaching them."""
    for method in library.methods.values():
        rounds = [step for step in method.steps if step.activity is Activity.QUESTIONS]
        assert rounds, method.id
        assert all(step.per_turn >= 1 for step in rounds), method.id


def test_rounds_are_for_the_group(library: MethodLibrary) -> None:
    """In question and contribution rounds the group speaks in turn; the inbrenger takes no turn."""
    for method in library.methods.values():
        for step in method.steps:
            if step.activity in (Activity.QUESTIONS, Activity.CONTRIBUTIONS):
                assert step.speaker == "group_in_turn", f"{method.id}.{step.key}"
                assert not step.inbrenger_in_round, f"{method.id}.{step.key}"


@pytest.mark.parametrize("method_id", ["roddel", "balint", "oplossingsgericht"])
def test_inbrenger_only_listens_somewhere(library: MethodLibrary, method_id: str) -> None:
    """Roddel phase, Balint's group judgement and OGW's ideas: the inbrenger does not respond."""
    method = _method(library, method_id)
    assert any(not step.inbrenger_may_respond for step in method.steps)


def test_listening_steps_are_the_documented_ones(library: MethodLibrary) -> None:
    """The steps where the inbrenger only listens are the ones the sources name (docs/METHODS.md)."""
    assert not _method(library, "roddel").step("roddelen").inbrenger_may_respond  # type: ignore[union-attr]
    assert not _method(library, "balint").step("groepsoordeel").inbrenger_may_respond  # type: ignore[union-attr]
    assert not _method(library, "oplossingsgericht").step("ideeen").inbrenger_may_respond  # type: ignore[union-attr]


@pytest.mark.parametrize(("method_id", "limit"), [("roddel", 3), ("socratisch", 3)])
def test_question_limits_per_member(library: MethodLibrary, method_id: str, limit: int) -> None:
    """Roddel and socratisch allow up to 3 questions per member."""
    limits = {step.per_member for step in _method(library, method_id).steps if step.activity is Activity.QUESTIONS}
    assert limit in limits


def test_ret_has_an_abcde_column_board(library: MethodLibrary) -> None:
    """RET's whiteboard has the five columns A to E."""
    boards = [step for step in _method(library, "ret").steps if step.board is Board.COLUMNS]
    assert boards
    keys = [column.key for column in boards[0].columns]
    assert keys == ["a", "b", "c", "d", "e"]
    labels = {column.key: column.label for column in boards[0].columns}
    assert labels["a"] == Text(nl="Situatie", en="Situation")
    assert labels["e"] == Text(nl="Helpende gedachte", en="Helpful thought")
    dispute = next(step for step in boards if step.key.startswith("d"))
    assert dispute.columns == boards[0].columns


def test_kernkwadranten_has_a_four_cell_grid(library: MethodLibrary) -> None:
    """Ofman's quadrant: core quality, pitfall, challenge, allergy."""
    grids = [step for step in _method(library, "kernkwadranten").steps if step.board is Board.GRID]
    assert grids
    assert [cell.key for cell in grids[0].columns] == ["kernkwaliteit", "valkuil", "uitdaging", "allergie"]


def test_oplossingsgericht_has_a_scale_step(library: MethodLibrary) -> None:
    """OGW asks the 0-10 scaling question."""
    scales = [step for step in _method(library, "oplossingsgericht").steps if step.board is Board.SCALE]
    assert scales
    assert "0" in scales[0].rule.nl and "10" in scales[0].rule.nl


def test_the_frame_loads_with_a_casework_step(library: MethodLibrary) -> None:
    """The meeting frame has the step the chosen method's steps replace."""
    assert library.frame.id == FRAME_ID
    casework = library.frame.step(CASEWORK)
    assert casework is not None
    assert casework.activity is Activity.CASEWORK
    assert [step.activity for step in library.frame.steps][0] is Activity.CHECKIN
    assert library.frame.steps[-1].activity is Activity.CLOSING


def test_copy_method_gets_a_new_id_and_remembers_its_origin(library: MethodLibrary) -> None:
    """A group's copy has its own id and name and points back to the shipped method."""
    original = _method(library, "roddel")
    copy = copy_method(original, "roddel_team", Text(nl="Roddel (ons team)", en="Gossip (our team)"))
    assert copy.id == "roddel_team"
    assert copy.name("en") == "Gossip (our team)"
    assert copy.based_on == "roddel"
    assert copy.steps == original.steps
    assert original.based_on == "" and original.id == "roddel"
    again = copy_method(copy, "roddel_kort", Text(nl="Roddel kort", en="Gossip short"))
    assert again.based_on == "roddel"
    merged = library.with_methods([copy])
    assert merged.get("roddel_team") is copy and merged.get("roddel") is original


# --- broken templates ---------------------------------------------------------------------

SOURCE = "methods/broken.toml"

HEAD = """\
id = "probe"
fits = ["incident"]
[[sources]]
url = "https://www.example.org/werkvorm"
read_on = 2026-12-05
[name]
nl = "Proef"
en = "Probe"
[summary]
nl = "Een proefmethode."
en = "A probe method."
"""


def _step(
    key: str = "vragen",
    *,
    minutes: str = "10",
    speaker: str = "group_in_turn",
    extra: str = "",
    rule_en: bool = True,
    columns: str = "",
) -> str:
    rule_line = 'en = "Open questions only"\n' if rule_en else ""
    return (
        f'\n[[steps]]\nkey = "{key}"\nminutes = {minutes}\nspeaker = "{speaker}"\nactivity = "questions"\n{extra}'
        '[steps.name]\nnl = "Vragenronde"\nen = "Question round"\n'
        f'[steps.rule]\nnl = "Alleen open vragen"\n{rule_line}{columns}'
    )


def _board(board: str, *keys: str) -> str:
    """A step with a ``board`` whose columns (or cells) are ``keys``."""
    columns = "".join(f'[[steps.columns]]\nkey = "{k}"\n[steps.columns.label]\nnl = "{k}"\nen = "{k}"\n' for k in keys)
    return _step(extra=f'board = "{board}"\n', columns=columns)


def test_the_probe_template_itself_is_valid() -> None:
    """The base the broken cases start from parses."""
    method = parse_method_toml(HEAD + _step() + _step("ideeen"), SOURCE)
    assert method.id == "probe" and [step.key for step in method.steps] == ["vragen", "ideeen"]
    assert method.minutes == 20


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(HEAD.replace('id = "probe"\n', "") + _step(), "id", id="missing-id"),
        pytest.param(HEAD.replace('id = "probe"', 'id = "met spatie"') + _step(), "id", id="bad-id"),
        pytest.param(HEAD, "steps", id="no-steps"),
        pytest.param(HEAD.replace("[name]", "steps = []\n[name]"), "steps", id="empty-steps"),
        pytest.param(HEAD + _step(minutes="0"), "steps[0].minutes", id="minutes-0"),
        pytest.param(HEAD + _step(minutes="500"), "steps[0].minutes", id="minutes-500"),
        pytest.param(HEAD + _step() + _step("b", minutes='"tien"'), "steps[1].minutes", id="minutes-text"),
        pytest.param(HEAD + _step(speaker="audience"), "steps[0].speaker", id="unknown-speaker"),
        pytest.param(HEAD + _step(rule_en=False), "steps[0].rule.en", id="missing-en-rule"),
        pytest.param(HEAD.replace('en = "Probe"\n', "") + _step(), "name.en", id="missing-en-name"),
        pytest.param(HEAD + _board("columns", "a"), "steps[0].columns", id="one-column"),
        pytest.param(HEAD + _board("columns", *"abcdefg"), "steps[0].columns", id="seven-columns"),
        pytest.param(HEAD + _board("grid", "a", "b", "c"), "steps[0].columns", id="grid-3"),
        pytest.param(HEAD + _step(extra='board = "circle"\n'), "steps[0].board", id="unknown-board"),
        pytest.param(HEAD + _step(extra="per_member = 11\n"), "steps[0].per_member", id="per-member-11"),
        pytest.param(
            HEAD + _step(extra='inbrenger_may_respond = "nee"\n'), "steps[0].inbrenger_may_respond", id="bool-text"
        ),
        pytest.param(HEAD + _step("vragen") + _step("vragen"), "steps", id="duplicate-keys"),
        pytest.param(HEAD + _step(key="met spatie"), "steps[0].key", id="bad-step-key"),
        pytest.param(HEAD + _step() + "\nminutes = = 3\n", "toml", id="invalid-toml"),
        pytest.param(HEAD.replace('"incident"]', '"incident", "astrology"]') + _step(), "fits", id="unknown-fit"),
    ],
)
def test_broken_templates_name_file_and_field(text: str, where: str) -> None:
    """Every problem raises a MethodError naming the file and the field."""
    with pytest.raises(MethodError) as caught:
        parse_method_toml(text, SOURCE)
    assert caught.value.source == SOURCE
    assert caught.value.where == where
    assert caught.value.problem
    assert str(caught.value).startswith(f"{SOURCE}: {where}: ")


def test_duplicate_key_error_names_the_key() -> None:
    """The message of a duplicate says which key is used twice."""
    with pytest.raises(MethodError, match="'vragen'"):
        parse_method_toml(HEAD + _step("vragen") + _step("vragen"), SOURCE)


def test_method_error_is_a_value_error() -> None:
    """Callers that only know ValueError still catch it."""
    with pytest.raises(ValueError):
        parse_method_toml("id = ", SOURCE)


# --- a group's own copy -------------------------------------------------------------------


@pytest.fixture
def own_copy(library: MethodLibrary) -> Method:
    """The group's copy of kernkwadranten, not changed yet."""
    return copy_method(_method(library, "kernkwadranten"), "kk_ons", Text(nl="Kernkwadranten (ons)", en="Ours"))


def _keys(method: Method) -> list[str]:
    return [step.key for step in method.steps]


def test_rename_method_cleans_the_name_and_keeps_the_rest(own_copy: Method) -> None:
    """A new name in both languages, cleaned to one line; steps and origin stay."""
    renamed = rename_method(own_copy, Text(nl="  Ons\n kwadrant\u202e ", en="Our [b]quadrant[/b]"))
    assert renamed.name == Text(nl="Ons kwadrant", en="Our [b]quadrant[/b]")
    assert renamed.steps == own_copy.steps
    assert (renamed.id, renamed.based_on) == ("kk_ons", "kernkwadranten")
    assert own_copy.name.nl == "Kernkwadranten (ons)"


def test_rename_step_changes_one_step_only(own_copy: Method) -> None:
    """The step keeps its key, minutes and board; other steps are the same objects."""
    renamed = rename_step(own_copy, "kwadrant", Text(nl="Ons kwadrant", en="Our quadrant"))
    step, before = renamed.step("kwadrant"), own_copy.step("kwadrant")
    assert step is not None and before is not None
    assert step.name == Text(nl="Ons kwadrant", en="Our quadrant")
    assert dataclasses.replace(step, name=before.name) == before
    assert [s for s in renamed.steps if s.key != "kwadrant"] == [s for s in own_copy.steps if s.key != "kwadrant"]


@pytest.mark.parametrize("name", [Text(nl="", en="x"), Text(nl="x", en="  "), Text(nl="\u200b", en="x")])
def test_empty_names_are_refused(own_copy: Method, name: Text) -> None:
    """A method or step needs a name in both languages."""
    with pytest.raises(TextRejected):
        rename_method(own_copy, name)
    with pytest.raises(TextRejected):
        rename_step(own_copy, "kwadrant", name)


def test_over_long_or_unstorable_names_are_refused(own_copy: Method) -> None:
    """The sanitizer's refusals apply to names too."""
    with pytest.raises(TextRejected):
        rename_method(own_copy, Text(nl="x" * 500, en="x"))
    with pytest.raises(TextRejected):
        rename_step(own_copy, "kwadrant", Text(nl="a\x00b", en="x"))


@pytest.mark.parametrize("minutes", [STEP_MINUTES_MIN, 7.5, 25, STEP_MINUTES_MAX])
def test_set_step_minutes_within_bounds(own_copy: Method, minutes: float) -> None:
    """Minutes from 1 to 240 are taken (as float); the method's total follows."""
    before = own_copy.step("kwadrant")
    assert before is not None
    changed = set_step_minutes(own_copy, "kwadrant", minutes)
    assert changed.step("kwadrant").minutes == float(minutes)  # type: ignore[union-attr]
    assert changed.minutes == pytest.approx(own_copy.minutes - before.minutes + minutes)


@pytest.mark.parametrize("minutes", [0, 0.5, -5, 241, 1000, float("nan"), float("inf"), True, "10"])
def test_set_step_minutes_out_of_bounds_is_refused(own_copy: Method, minutes: object) -> None:
    """Anything but a number from 1 to 240 raises ValueError."""
    with pytest.raises(ValueError):
        set_step_minutes(own_copy, "kwadrant", minutes)  # type: ignore[arg-type]


def test_move_step_is_clamped(own_copy: Method) -> None:
    """A step moves earlier or later; at either end it stays."""
    keys = _keys(own_copy)
    assert len(keys) >= 3
    assert _keys(move_step(own_copy, keys[1], -1)) == [keys[1], keys[0], *keys[2:]]
    assert _keys(move_step(own_copy, keys[0], 1)) == [keys[1], keys[0], *keys[2:]]
    assert _keys(move_step(own_copy, keys[0], -3)) == keys
    assert _keys(move_step(own_copy, keys[-1], 1)) == keys
    assert _keys(move_step(own_copy, keys[0], 99)) == [*keys[1:], keys[0]]
    assert _keys(move_step(own_copy, keys[-1], -99)) == [keys[-1], *keys[:-1]]
    assert sorted(_keys(move_step(own_copy, keys[2], -1))) == sorted(keys)


def test_remove_step_never_removes_the_last(own_copy: Method) -> None:
    """Steps can be removed one by one until one is left."""
    method = own_copy
    while len(method.steps) > 1:
        key = method.steps[0].key
        method = remove_step(method, key)
        assert method.step(key) is None
    with pytest.raises(ValueError):
        remove_step(method, method.steps[0].key)
    assert len(own_copy.steps) > 1


def test_edits_name_an_unknown_step(own_copy: Method) -> None:
    """Editing a step the method does not have raises KeyError."""
    for edit in (
        lambda: rename_step(own_copy, "nope", Text(nl="x", en="x")),
        lambda: set_step_minutes(own_copy, "nope", 10),
        lambda: move_step(own_copy, "nope", 1),
        lambda: remove_step(own_copy, "nope"),
    ):
        with pytest.raises(KeyError, match="nope"):
            edit()


def test_group_method_is_a_frozen_record(own_copy: Method) -> None:
    """A GroupMethod holds the copy for one group; it is changed by replacing, never in place."""
    record = GroupMethod(id="r1", group_id="g", method=own_copy, updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.group_id = "h"  # type: ignore[misc]
    with pytest.raises(TypeError):
        GroupMethod("r1", "g", own_copy, record.updated_at)  # type: ignore[misc]


# --- reading the shipped files on first use ------------------------------------------------


def test_shipped_method_files_are_read_when_first_asked_for(tmp_path) -> None:
    """Only the method asked for is read; a file whose id differs from its name is refused when read."""
    from intervisie_tui.core.methods import ShippedMethods

    good = tmp_path / "balint.toml"
    good.write_text((Path(__file__).parents[2] / "src/intervisie_tui/methods/balint.toml").read_text("utf-8"), "utf-8")
    wrong = tmp_path / "verkeerd.toml"
    wrong.write_text(good.read_text("utf-8"), "utf-8")  # says id = "balint"
    broken = tmp_path / "kapot.toml"
    broken.write_text("dit is = = geen toml", "utf-8")
    shipped = ShippedMethods({"balint": good, "verkeerd": wrong, "kapot": broken})
    assert list(shipped) == ["balint", "verkeerd", "kapot"] and len(shipped) == 3
    assert shipped["balint"].id == "balint"  # the broken files were not read for this
    assert shipped["balint"] is shipped["balint"]  # read once
    with pytest.raises(MethodError, match="file name"):
        shipped["verkeerd"]
    with pytest.raises(MethodError):
        shipped["kapot"]
    with pytest.raises(KeyError):
        shipped["onbekend"]


def test_a_groups_copies_are_a_layer_over_the_shipped_methods(library: MethodLibrary) -> None:
    """A copy wins on its id, the shipped methods stay as they were, and no copies means the same library."""
    own = copy_method(_method(library, "balint"), "eigen-balint", Text(nl="Onze Balint", en="Our Balint"))
    changed = replace(own, id="balint", name=Text(nl="Balint bij ons", en="Balint here"))
    layered = library.with_methods([own, changed])
    assert layered.get("eigen-balint") == own
    assert layered.get("balint") == changed
    assert library.get("balint") != changed
    assert len(layered.ordered()) == len(library.ordered()) + 1
    assert library.with_methods([]) is library
    assert load_shipped() is load_shipped()  # read once per process
