"""The round-robin engine: whose turn it is, limits, passes, undo, late arrivals and leavers."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from intervisie_tui.core import rounds
from intervisie_tui.core.methods import Activity, load_shipped
from intervisie_tui.core.model import Round, Turn
from tests.conftest import FROZEN

LIBRARY = load_shipped()
QUESTION_STEP = LIBRARY.methods["incident_kort"].step("informatieronde")
CHECKIN_STEP = LIBRARY.frame.step("checkin")
LATER = FROZEN + timedelta(minutes=3)
A, B, C, D = "aya", "bas", "cor", "dirk"


def a_round(*members: str, per_turn: int = 1, per_member: int = 0, laps: int = 1) -> Round:
    return rounds.new_round(
        "m1", "case1.vragen", members or (A, B, C), FROZEN, per_turn=per_turn, per_member=per_member, laps=laps
    )


def speakers(round_: Round, limit: int = 20) -> list[str]:
    """Who speaks, turn after turn, when every turn ends at once (next_turn)."""
    seen = []
    while (speaker := rounds.current_speaker(round_)) is not None and len(seen) < limit:
        seen.append(speaker)
        round_ = rounds.next_turn(round_, FROZEN)
    return seen


# -- building a round ----------------------------------------------------------------------


def test_new_round_drops_duplicates_and_clamps_limits() -> None:
    """Members keep their first place; per_turn is at least 1, the others at least 0."""
    round_ = rounds.new_round("m1", "p", [B, A, B, C, A], FROZEN, per_turn=0, per_member=-2, laps=-1)
    assert round_.order == (B, A, C)
    assert (round_.per_turn, round_.per_member, round_.laps) == (1, 0, 0)
    assert (round_.meeting_id, round_.phase_key, round_.updated_at) == ("m1", "p", FROZEN)
    assert round_.id and round_.id != rounds.new_round("m1", "p", [A], FROZEN).id


def test_laps_for_questions_is_zero_and_one_elsewhere() -> None:
    """Question rounds go round until done; every other round goes round once."""
    assert QUESTION_STEP is not None and CHECKIN_STEP is not None
    assert QUESTION_STEP.activity is Activity.QUESTIONS and rounds.laps_for(QUESTION_STEP) == 0
    assert rounds.laps_for(CHECKIN_STEP) == 1


def test_for_step_leaves_the_inbrenger_out_of_the_question_round() -> None:
    """The question round is for the group; limits come from the step."""
    assert QUESTION_STEP is not None and not QUESTION_STEP.inbrenger_in_round
    round_ = rounds.for_step("m1", "case1.informatieronde", QUESTION_STEP, [A, B, C, D], B, FROZEN)
    assert round_.order == (A, C, D)
    assert (round_.per_turn, round_.per_member, round_.laps) == (QUESTION_STEP.per_turn, QUESTION_STEP.per_member, 0)
    assert round_.phase_key == "case1.informatieronde"


def test_for_step_keeps_the_inbrenger_where_the_step_says_so_or_there_is_none() -> None:
    """The check-in is for everyone; without an inbrenger nobody is left out."""
    assert CHECKIN_STEP is not None and CHECKIN_STEP.inbrenger_in_round
    assert rounds.for_step("m1", "checkin", CHECKIN_STEP, [A, B, C], B, FROZEN).order == (A, B, C)
    assert rounds.for_step("m1", "checkin", CHECKIN_STEP, [A, B, C], B, FROZEN).laps == 1
    assert QUESTION_STEP is not None
    assert rounds.for_step("m1", "q", QUESTION_STEP, [A, B, C], "", FROZEN).order == (A, B, C)


def test_shuffle_is_deterministic_per_seed() -> None:
    """The same seed gives the same order; some seed gives another; nobody is lost."""
    round_ = a_round(A, B, C, D)
    first = rounds.shuffled(round_, 7, LATER)
    assert first.order == rounds.shuffled(round_, 7, FROZEN).order
    assert sorted(first.order) == sorted(round_.order) and first.updated_at == LATER
    assert len({rounds.shuffled(round_, seed, FROZEN).order for seed in range(20)}) > 1


def test_shuffle_is_refused_once_the_round_has_started() -> None:
    """After a finished turn, or during the first one, the order stays (same object)."""
    started = rounds.next_turn(a_round(), FROZEN)
    assert rounds.shuffled(started, 3, LATER) is started
    mid_turn = rounds.contribute(a_round(per_turn=2), FROZEN)
    assert mid_turn.in_turn == 1 and rounds.shuffled(mid_turn, 3, LATER) is mid_turn


# -- one lap -------------------------------------------------------------------------------


def test_current_and_next_speaker_through_a_whole_lap() -> None:
    """A, B, C in order; then the round is complete and nobody speaks."""
    round_ = a_round()
    seen = []
    for expected_now, expected_next in ((A, B), (B, C), (C, None)):
        assert (rounds.current_speaker(round_), rounds.next_speaker(round_)) == (expected_now, expected_next)
        seen.append(rounds.current_speaker(round_))
        round_ = rounds.next_turn(round_, LATER)
    assert seen == [A, B, C]
    assert rounds.is_complete(round_) and rounds.current_speaker(round_) is None and rounds.next_speaker(round_) is None
    assert rounds.turns_taken(round_) == {A: 1, B: 1, C: 1} and round_.updated_at == LATER


def test_a_complete_round_refuses_every_move() -> None:
    """Nothing to contribute, end or pass once the lap is done (same object back)."""
    done = rounds.next_turn(rounds.next_turn(a_round(A, B), FROZEN), FROZEN)
    assert rounds.is_complete(done) and not rounds.can_contribute(done)
    for move in (rounds.contribute, rounds.next_turn, rounds.pass_turn):
        assert move(done, LATER) is done


def test_pass_counts_as_a_turn_and_is_remembered() -> None:
    """A pass ends the turn; it counts in turns_taken and passes, and shows in last_passed."""
    round_ = rounds.pass_turn(a_round(), LATER)
    assert round_.turns == (Turn(member_id=A, contributions=0, passed=True),)
    assert rounds.current_speaker(round_) == B
    assert rounds.passes(round_) == {A: 1, B: 0, C: 0} and rounds.turns_taken(round_)[A] == 1
    assert rounds.last_passed(round_) == frozenset({A})


def test_a_pass_mid_turn_keeps_the_contributions() -> None:
    """Passing after one of two questions records the pass with that question."""
    round_ = rounds.pass_turn(rounds.contribute(a_round(per_turn=2), FROZEN), FROZEN)
    assert round_.turns == (Turn(member_id=A, contributions=1, passed=True),)
    assert rounds.contributions(round_)[A] == 1


# -- contributions and limits ----------------------------------------------------------------


def test_per_turn_one_advances_by_itself() -> None:
    """One contribution ends the turn: the next member is current at once."""
    round_ = rounds.contribute(a_round(), LATER)
    assert round_.turns == (Turn(member_id=A, contributions=1),) and round_.in_turn == 0
    assert rounds.current_speaker(round_) == B and round_.updated_at == LATER


def test_per_turn_two_needs_two_contributions() -> None:
    """The first contribution keeps the speaker; the second ends the turn."""
    round_ = rounds.contribute(a_round(per_turn=2), FROZEN)
    assert (rounds.current_speaker(round_), round_.in_turn, round_.turns) == (A, 1, ())
    assert rounds.contributions(round_) == {A: 1, B: 0, C: 0}
    round_ = rounds.contribute(round_, FROZEN)
    assert rounds.current_speaker(round_) == B and round_.turns == (Turn(member_id=A, contributions=2),)


def test_per_member_three_over_a_round_without_laps() -> None:
    """Members drop out when they reach three; the round is complete when all have three."""
    round_ = a_round(A, B, per_member=3, laps=0)
    for _ in range(5):
        round_ = rounds.contribute(round_, FROZEN)
    assert rounds.contributions(round_) == {A: 3, B: 2} and not rounds.is_eligible(round_, A)
    assert rounds.current_speaker(round_) == B and rounds.next_speaker(round_) == B  # B goes on alone
    round_ = rounds.contribute(round_, FROZEN)
    assert rounds.contributions(round_) == {A: 3, B: 3}
    assert rounds.is_complete(round_) and rounds.current_speaker(round_) is None
    assert rounds.contribute(round_, LATER) is round_


def test_per_member_ends_the_turn_before_per_turn() -> None:
    """With two per turn but one in all, the first contribution ends the turn and the member."""
    round_ = rounds.contribute(a_round(A, B, per_turn=2, per_member=1), FROZEN)
    assert round_.turns == (Turn(member_id=A, contributions=1),) and not rounds.is_eligible(round_, A)


def test_everyone_passing_in_a_row_completes_a_question_round() -> None:
    """A single pass does not dry a round up; a pass by each in a row does."""
    round_ = rounds.pass_turn(a_round(laps=0), FROZEN)
    assert not rounds.is_complete(round_) and rounds.current_speaker(round_) == B
    round_ = rounds.contribute(round_, FROZEN)  # B asks: the round lives on
    round_ = rounds.pass_turn(rounds.pass_turn(round_, FROZEN), FROZEN)  # C and A pass
    assert rounds.current_speaker(round_) == B and not rounds.is_complete(round_)
    assert rounds.next_speaker(round_) == C
    round_ = rounds.pass_turn(round_, FROZEN)  # B passes too: C, A, B passed in a row
    assert rounds.is_complete(round_) and rounds.current_speaker(round_) is None
    assert rounds.last_passed(round_) == frozenset({A, B, C})


def test_next_speaker_assumes_a_normal_turn() -> None:
    """After two passes the third member is current; were their turn to end normally, A would follow."""
    round_ = rounds.pass_turn(rounds.pass_turn(a_round(laps=0), FROZEN), FROZEN)
    assert rounds.current_speaker(round_) == C and rounds.next_speaker(round_) == A
    assert rounds.is_complete(rounds.pass_turn(round_, FROZEN))


def test_a_question_round_keeps_going_round() -> None:
    """Without laps the order repeats until the round dries up."""
    assert speakers(a_round(A, B, laps=0), limit=5) == [A, B, A, B, A]
    assert speakers(a_round(A, B, laps=2)) == [A, B, A, B]


def test_the_speaker_mid_turn_stays_eligible() -> None:
    """The turn under way does not count: the speaker keeps the floor until it ends."""
    round_ = rounds.contribute(a_round(per_turn=2), FROZEN)
    assert rounds.is_eligible(round_, A) and rounds.current_speaker(round_) == A
    assert not rounds.is_eligible(round_, "stranger")
    assert not rounds.is_eligible(rounds.leave(round_, B, FROZEN), B)


# -- undo ----------------------------------------------------------------------------------


def test_undo_gives_the_floor_back_with_the_contributions() -> None:
    """The last turn is taken back: that member speaks again, their contributions still counted."""
    round_ = rounds.next_turn(rounds.contribute(a_round(per_turn=3), FROZEN), FROZEN)
    assert rounds.current_speaker(round_) == B and rounds.can_undo(round_)
    back = rounds.undo(round_, LATER)
    assert (rounds.current_speaker(back), back.in_turn, back.turns) == (A, 1, ())
    assert rounds.contributions(back)[A] == 1 and back.updated_at == LATER


def test_undo_a_pass() -> None:
    """A pass taken back is gone from the passes."""
    back = rounds.undo(rounds.pass_turn(a_round(), FROZEN), FROZEN)
    assert rounds.current_speaker(back) == A and rounds.passes(back)[A] == 0 and back.in_turn == 0


def test_undo_after_the_round_completed_reopens_it() -> None:
    """The last speaker of a finished lap gets the floor back."""
    done = rounds.contribute(rounds.contribute(rounds.contribute(a_round(), FROZEN), FROZEN), FROZEN)
    assert rounds.is_complete(done) and rounds.can_undo(done)
    back = rounds.undo(done, FROZEN)
    assert not rounds.is_complete(back) and rounds.current_speaker(back) == C and back.in_turn == 1
    # Their contribution reached per_turn already: they cannot add one, only end the turn again.
    assert not rounds.can_contribute(back) and rounds.contribute(back, FROZEN) is back
    assert rounds.next_turn(back, FROZEN).turns == done.turns


def test_undo_is_refused_mid_turn_and_before_any_turn() -> None:
    """With a contribution under way the chair deletes it instead; with no turns there is nothing to undo."""
    mid_turn = rounds.contribute(rounds.next_turn(a_round(per_turn=2), FROZEN), FROZEN)
    assert mid_turn.in_turn == 1 and mid_turn.turns
    assert not rounds.can_undo(mid_turn) and rounds.undo(mid_turn, LATER) is mid_turn
    fresh = a_round()
    assert not rounds.can_undo(fresh) and rounds.undo(fresh, LATER) is fresh
    first = rounds.contribute(a_round(per_turn=2), FROZEN)
    assert rounds.undo(first, LATER) is first


def test_undo_is_refused_when_that_member_has_left() -> None:
    """The floor cannot go back to someone who is no longer there."""
    round_ = rounds.leave(rounds.next_turn(a_round(), FROZEN), A, FROZEN)
    assert not rounds.can_undo(round_) and rounds.undo(round_, LATER) is round_


# -- arriving and leaving --------------------------------------------------------------------


def test_late_arrival_gets_a_turn_in_this_lap() -> None:
    """Appended after the current position, the newcomer speaks before the lap ends."""
    round_ = rounds.join(rounds.next_turn(a_round(), FROZEN), D, LATER)
    assert round_.order == (A, B, C, D) and round_.updated_at == LATER
    assert speakers(round_) == [B, C, D]


def test_late_arrival_reopens_a_finished_lap() -> None:
    """Someone arriving after everyone spoke still gets their turn."""
    done = rounds.next_turn(rounds.next_turn(a_round(A, B), FROZEN), FROZEN)
    assert speakers(rounds.join(done, C, FROZEN)) == [C]


def test_join_is_unchanged_for_someone_already_present() -> None:
    """Joining twice changes nothing (same object)."""
    round_ = a_round()
    assert rounds.join(round_, B, LATER) is round_ and rounds.join(round_, "", LATER) is round_


def test_late_arrival_does_not_take_the_floor_mid_turn() -> None:
    """A newcomer who would speak now waits until the turn under way has ended."""
    round_ = a_round(A, B, per_turn=2, laps=0)
    round_ = rounds.contribute(rounds.next_turn(rounds.next_turn(round_, FROZEN), FROZEN), FROZEN)
    assert rounds.current_speaker(round_) == A and round_.in_turn == 1  # A again, lap two
    joined = rounds.join(round_, C, LATER)
    assert rounds.current_speaker(joined) == A and rounds.contributions(joined) == {A: 1, C: 0, B: 0}
    assert joined.order == (A, C, B) and rounds.next_speaker(joined) == C


def test_late_arrival_ends_the_turn_of_the_only_speaker() -> None:
    """When the speaker is the only one left, the newcomer's arrival ends their turn first."""
    round_ = rounds.leave(a_round(A, B, per_turn=3, laps=0), B, FROZEN)
    round_ = rounds.contribute(rounds.next_turn(round_, FROZEN), FROZEN)
    assert rounds.current_speaker(round_) == A and round_.in_turn == 1
    joined = rounds.join(round_, C, FROZEN)
    assert joined.turns[-1] == Turn(member_id=A, contributions=1) and rounds.current_speaker(joined) == C


def test_a_member_who_left_is_skipped() -> None:
    """Leaving puts them among the absent; their turn is passed over."""
    round_ = rounds.leave(a_round(), B, LATER)
    assert round_.absent == (B,) and round_.updated_at == LATER
    assert speakers(round_) == [A, C]
    assert rounds.leave(round_, B, FROZEN) is round_ and rounds.leave(round_, D, FROZEN) is round_


def test_leaving_while_speaking_ends_the_turn_first() -> None:
    """With a contribution under way, it is kept as a finished turn; without one, no turn is recorded."""
    round_ = rounds.leave(rounds.contribute(a_round(per_turn=2), FROZEN), A, FROZEN)
    assert round_.turns == (Turn(member_id=A, contributions=1),) and round_.in_turn == 0
    assert rounds.current_speaker(round_) == B and rounds.contributions(round_)[A] == 1
    quiet = rounds.leave(a_round(), A, FROZEN)
    assert quiet.turns == () and rounds.current_speaker(quiet) == B


def test_a_member_who_comes_back_gets_their_turn() -> None:
    """Back from absent, they take the turn they missed."""
    round_ = rounds.next_turn(rounds.leave(rounds.next_turn(a_round(), FROZEN), B, FROZEN), FROZEN)
    assert rounds.is_complete(round_)  # A and C spoke, B was away
    back = rounds.join(round_, B, FROZEN)
    assert back.absent == () and back.order == (A, B, C) and speakers(back) == [B]


def test_an_empty_round_is_complete() -> None:
    """Nobody in the order: nobody speaks and every move is refused."""
    empty = rounds.new_round("m1", "p", [], FROZEN)
    assert rounds.is_complete(empty) and rounds.current_speaker(empty) is None
    assert rounds.next_speaker(empty) is None and not rounds.can_contribute(empty) and not rounds.can_undo(empty)
    for move in (rounds.contribute, rounds.next_turn, rounds.pass_turn, rounds.undo):
        assert move(empty, LATER) is empty
    assert rounds.contributions(empty) == {} and rounds.balance([empty]) == {}
    assert rounds.is_complete(rounds.new_round("m1", "p", [], FROZEN, laps=0))


# -- balance -------------------------------------------------------------------------------


def test_balance_over_two_rounds() -> None:
    """Turns (passes not counted) and contributions add up per member over the rounds."""
    first = rounds.contribute(rounds.contribute(rounds.pass_turn(a_round(), FROZEN), FROZEN), FROZEN)  # A passes
    second = a_round(A, B, per_turn=2)
    for move in (rounds.contribute, rounds.contribute, rounds.contribute, rounds.next_turn):  # A twice, B once
        second = move(second, FROZEN)
    assert rounds.balance([first, second]) == {A: (1, 2), B: (2, 2), C: (1, 1)}
    assert rounds.balance([first])[A] == (0, 0)


# -- any sequence of moves ----------------------------------------------------------------

MOVES = ("contribute", "next_turn", "pass_turn", "undo", "join", "leave")
POOL = (A, B, C, D, "eva", "fer")


@settings(max_examples=300, deadline=None)
@given(
    members=st.lists(st.sampled_from(POOL[:4]), max_size=4),
    per_turn=st.integers(1, 3),
    per_member=st.integers(0, 3),
    laps=st.integers(0, 2),
    moves=st.lists(st.tuples(st.sampled_from(MOVES), st.sampled_from(POOL)), max_size=40),
)
def test_any_sequence_of_moves_keeps_the_round_sound(
    members: list[str], per_turn: int, per_member: int, laps: int, moves: list[tuple[str, str]]
) -> None:
    """Nothing raises; a speaker exists unless complete; limits hold; undo reverses next_turn; the floor stays put."""
    round_ = rounds.new_round("m1", "p", members, FROZEN, per_turn=per_turn, per_member=per_member, laps=laps)
    for move, member in moves:
        before, speaker = round_, rounds.current_speaker(round_)
        if move in ("join", "leave"):
            round_ = getattr(rounds, move)(round_, member, LATER)
        else:
            round_ = getattr(rounds, move)(round_, LATER)
        current, counts = rounds.current_speaker(round_), rounds.contributions(round_)
        assert (current is None) == rounds.is_complete(round_)
        assert round_.in_turn == 0 or current is not None
        assert per_member == 0 or all(count <= per_member for count in counts.values())
        assert sum(counts.values()) >= sum(rounds.contributions(before).values())  # nothing is ever lost
        assert len(set(round_.order)) == len(round_.order)
        if move == "contribute":
            assert (round_ is not before) == rounds.can_contribute(before)
        if move in ("join", "leave") and before.in_turn and member != speaker and current != speaker:
            # Only an arrival when the speaker was the only one left ends their turn (kept, not lost).
            ended = Turn(member_id=speaker or "", contributions=before.in_turn)
            assert move == "join" and round_.turns == (*before.turns, ended)
        if move == "next_turn" and round_ is not before:
            back = rounds.undo(round_, LATER)
            assert rounds.current_speaker(back) == speaker and back.in_turn == before.in_turn
            assert rounds.contributions(back) == rounds.contributions(before)
            assert rounds.turns_taken(back) == rounds.turns_taken(before)
