"""Pilot tests of the rounds: check-in, inventory and choice, the question round with its coach,
tops and tips, the closing round with the next meeting; all with keys only, then the stored result."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Static

from intervisie_tui.core import rounds
from intervisie_tui.core.model import (
    CaseStatus,
    FeedbackAbout,
    Group,
    GroupMode,
    MeetingStatus,
    Member,
    new_id,
)
from intervisie_tui.ui.dialogs.form import TurnForm
from intervisie_tui.ui.session.record_list import RecordList
from intervisie_tui.ui.session.round_dialogs import BalanceScreen
from intervisie_tui.ui.session.round_tracker import RoundTracker
from intervisie_tui.ui.session.screen import SessionScreen
from tests.conftest import FrozenClock
from tests.ui.helpers import begin, choose_method, fill_form, make_app, phase_key, reopened, to_phase, type_line

NAMES = ("Aya", "Bas", "Cor", "Dewi", "Eva")


def five_members(folder: Path, clock: FrozenClock):
    """An app on a file with one self-run group of five, no meetings yet."""
    app = make_app(folder, unlocked=True, clock=clock)
    group = Group(
        id=new_id(), name="Intervisie Noord", mode=GroupMode.SELF_RUN, created_on=date(2026, 1, 5), updated_at=clock()
    )
    members = [Member(id=f"m-{name.lower()}", group_id=group.id, name=name, updated_at=clock()) for name in NAMES]
    app.context.repository.put(group, *members)
    return app, {name: f"m-{name.lower()}" for name in NAMES}


def speaker(screen: SessionScreen) -> str | None:
    round_ = screen.phase_round()
    return rounds.current_speaker(round_) if round_ is not None else None


async def start_meeting(pilot) -> SessionScreen:
    await pilot.press("enter")  # the highlighted group: plan today's meeting and open it
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    await begin(pilot)  # check-in, with its question who is here
    return screen


async def test_a_whole_meeting_runs_through_every_round_and_is_stored(tmp_path: Path) -> None:
    """Check-in, inventory, choice, questions with the coach, tops and tips, closing and the next meeting."""
    clock = FrozenClock()
    app, ids = five_members(tmp_path, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_meeting(pilot)
        assert phase_key(screen) == "checkin"
        assert screen.query_one(RoundTracker).display
        # Check-in: Aya says a line, Bas speaks without a note, the others pass.
        assert speaker(screen) == ids["Aya"]
        await pilot.press("a")
        await type_line(pilot, "Moe maar blij")
        await pilot.press("enter")
        await pilot.pause()
        assert speaker(screen) == ids["Bas"]
        await pilot.press("w", "p", "p", "p")
        await pilot.pause()
        assert rounds.is_complete(screen.phase_round())

        # Inventory: Aya and Cor bring a case; Bas, Dewi and Eva pass.
        await to_phase(pilot, screen, "inventory")
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, "Huisbezoek", "Moeder belt steeds af", "1")
        await pilot.press("p")  # Bas
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, "Overdracht", "Hoe kan ik eerder aan de bel trekken", "3")
        await pilot.press("p", "p")
        await pilot.pause()
        assert rounds.is_complete(screen.phase_round())
        assert [case.title for case in screen.records.cases] == ["Huisbezoek", "Overdracht"]

        # Choice: two votes for Cor's case, choose it with K, method with M.
        await to_phase(pilot, screen, "choice")
        records = screen.query_one(RecordList)
        assert not records.has_class("-hidden")
        await pilot.press("home", "down")  # ordered by votes, then urgency: Overdracht (3) first
        await pilot.press("home")
        await pilot.press("j", "j", "k")
        await type_line(pilot, "Overdracht bij ziekte")  # the theme for the minutes, asked as the case is chosen
        await pilot.press("enter")
        await pilot.pause()
        chosen = [case for case in screen.records.cases if case.status is CaseStatus.CHOSEN]
        assert [case.title for case in chosen] == ["Overdracht"] and chosen[0].votes == 2
        assert chosen[0].theme == "Overdracht bij ziekte"
        await choose_method(pilot, "incident_kort")
        assert screen.meeting.slots[0].case_id == chosen[0].id

        # Question round: the inbrenger (Cor) is left out; Aya asks hidden advice, Bas an open question,
        # Dewi passes, Eva asks, then an undo brings Eva back; the chair marks the verdict by hand.
        await to_phase(pilot, screen, "case1.informatieronde")
        assert screen.phase_round().order == (ids["Aya"], ids["Bas"], ids["Dewi"], ids["Eva"])
        await pilot.press("a")
        await type_line(pilot, "Heb je al eens geprobeerd te bellen?")
        await pilot.press("enter")
        await pilot.pause()
        coach = str(screen.query_one("#coach-line", Static).render())
        assert "Heb je al eens geprobeerd" in coach and "advies" in coach
        await pilot.press("a")
        await type_line(pilot, "Wat deed je toen")
        await pilot.press("enter", "p")
        await pilot.pause()
        assert speaker(screen) == ids["Eva"]
        await pilot.press("a")
        await type_line(pilot, "Is het geen idee om te stoppen")
        await pilot.press("enter")
        await pilot.pause()
        assert speaker(screen) == ids["Aya"]  # second lap
        await pilot.press("z")
        await pilot.pause()
        assert speaker(screen) == ids["Eva"]
        assert [(q.asker_id, q.kind) for q in screen.records.questions] == [
            (ids["Aya"], "advice"),
            (ids["Bas"], "open"),
            (ids["Eva"], "advice"),
        ]
        await pilot.press("w")  # Eva's turn ends again
        await pilot.press("home", "c", "c")  # the chair: Aya's question is closed (advice → open → closed)
        await pilot.pause()
        await pilot.press("k")  # the inbrenger marks it relevant
        await pilot.pause()
        await pilot.press("p", "p", "p", "p")  # everybody passes: the round has dried up
        await pilot.pause()
        assert rounds.is_complete(screen.phase_round())
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, BalanceScreen)
        await pilot.press("escape")

        # Diagnosis: one contribution each onto the whiteboard, signed.
        await pilot.press("n")
        await pilot.pause()
        assert phase_key(screen) == "case1.diagnose"
        await pilot.press("a")
        await type_line(pilot, "Twijfel over de regie")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.notes[-1].author_id == ids["Aya"]

        # Tops and tips for Cor, then Cor's takeaway.
        await to_phase(pilot, screen, "case1.afronding")
        for giver in ("Aya", "Bas", "Dewi", "Eva"):
            assert speaker(screen) == ids[giver]
            await pilot.press("a")
            await pilot.pause()
            await fill_form(pilot, f"Top van {giver}", f"Tip van {giver}")
        assert rounds.is_complete(screen.phase_round())
        await pilot.press("a")
        await type_line(pilot, "Eerder bellen")
        await pilot.press("enter")
        await pilot.pause()

        # Closing: everybody in turn, then the next meeting.
        await to_phase(pilot, screen, "closing")
        for index, name in enumerate(NAMES):
            await pilot.press("a")
            await pilot.pause()
            await fill_form(pilot, f"Les {name}", str(6 + index % 4), "", "9", "", "")
        assert rounds.is_complete(screen.phase_round())
        await pilot.press("o")
        await pilot.pause()
        await fill_form(pilot, "14-01-2027", "dew", "Aya")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert screen.meeting.status is MeetingStatus.CLOSED
        meeting_id = screen.meeting.id

    _opener, repository = reopened(tmp_path, clock, app)
    try:
        content = repository.meeting_content(meeting_id)
        assert content is not None
        stored = content.meeting
        assert stored.next_plan is not None
        assert (stored.next_plan.on, stored.next_plan.chair_id, stored.next_plan.inbrenger_id) == (
            date(2027, 1, 14),
            ids["Dewi"],
            ids["Aya"],
        )
        notes = {note.phase_key: note for note in content.notes}
        assert (notes["checkin"].author_id, notes["checkin"].text) == (ids["Aya"], "Moe maar blij")
        case = next(case for case in content.cases if case.title == "Overdracht")
        assert (case.status, case.method_id, case.votes, case.takeaway) == (
            CaseStatus.CHOSEN,
            "incident_kort",
            2,
            "Eerder bellen",
        )
        questions = sorted(content.questions, key=lambda q: q.position)
        assert [(q.asker_id, q.kind, q.kind_by_chair, q.mark) for q in questions] == [
            (ids["Aya"], "closed", True, "relevant"),
            (ids["Bas"], "open", False, ""),
            (ids["Eva"], "advice", False, ""),
        ]
        assert all(q.case_id == case.id for q in questions)
        assert sorted((item.giver_id, item.top, item.tip) for item in content.feedback) == sorted(
            (ids[name], f"Top van {name}", f"Tip van {name}") for name in ("Aya", "Bas", "Dewi", "Eva")
        )
        assert all(item.about is FeedbackAbout.INBRENGER and item.case_id == case.id for item in content.feedback)
        evaluations = {e.member_id: e for e in content.evaluations}
        assert len(evaluations) == 5 and evaluations[ids["Aya"]].rating == 6
        assert evaluations[ids["Bas"]].safety_rating == 9 and evaluations[ids["Bas"]].method_rating is None
        by_phase = {round_.phase_key: round_ for round_ in content.rounds}
        question_round = by_phase["case1.informatieronde"]
        assert rounds.passes(question_round)[ids["Dewi"]] == 2
        assert rounds.contributions(question_round) == {ids["Aya"]: 1, ids["Bas"]: 1, ids["Dewi"]: 0, ids["Eva"]: 1}
        assert rounds.is_complete(by_phase["closing"]) and rounds.is_complete(by_phase["checkin"])
    finally:
        repository.close()


async def test_the_inventory_hints_softly_at_a_question_not_about_ones_own_action(tmp_path: Path) -> None:
    """ "Moeder belt steeds af" gets the "Hoe kan ik …" hint; "Hoe kan ik …" does not; neither is blocked."""
    app, _ids = five_members(tmp_path, FrozenClock())
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_meeting(pilot)
        await to_phase(pilot, screen, "inventory")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TurnForm)
        await type_line(pilot, "Huisbezoek")
        await pilot.press("down")
        await type_line(pilot, "Moeder belt steeds af")
        await pilot.pause()
        hint = form.query_one("#hint-question").render()
        assert "Hoe kan ik" in str(hint)
        form.query_one("#field-question", Input).value = "Hoe kan ik haar bereiken"
        await pilot.pause()
        assert str(form.query_one("#hint-question").render()).strip() == ""
        await pilot.press("enter")
        await pilot.pause()
        assert [case.question for case in screen.records.cases] == ["Hoe kan ik haar bereiken"]


async def test_the_footer_follows_the_phase_and_always_keeps_f1_at_80_columns(tmp_path: Path) -> None:
    """Round keys appear in a round and leave after it; F1 stays even when the keys do not all fit."""
    from textual.widgets._footer import FooterKey

    app, _ids = five_members(tmp_path, FrozenClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_meeting(pilot)

        def footer_keys() -> list[str]:
            return [key.key for key in screen.query(FooterKey)]

        assert screen.phase_round() is not None
        assert {"w", "p", "f1"} <= set(footer_keys())
        while screen.phase_round() is not None:
            await pilot.press("n")
            await pilot.pause()
        await pilot.pause()
        assert "w" not in footer_keys() and "f1" in footer_keys()
        await pilot.press("b")  # back into the round
        await pilot.pause()
        assert screen.phase_round() is not None
        assert "w" in footer_keys()


async def test_stepping_back_into_a_round_from_a_resumed_meeting_shows_the_round_keys(tmp_path: Path) -> None:
    """The demo resumes in a free phase; B steps back into a round and its keys reach the footer."""
    from textual.widgets._footer import FooterKey

    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.phase_round() is None
        await pilot.press("b")
        await pilot.pause()
        assert screen.phase_round() is not None
        assert "w" in [key.key for key in screen.query(FooterKey)]
