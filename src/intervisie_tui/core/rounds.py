"""The round-robin engine: whose turn it is in a round, and what each move does.

A :class:`Round` stores only its order, who left, the finished turns and the
contributions of the turn under way; the current speaker, the counts and whether
the round is complete are derived here. Every function is pure and returns a new
round, or the very same object when a move does not apply; ``now`` only sets
``updated_at``. Eligibility counts finished turns only: a member in the middle
of a turn keeps the floor until it ends (:func:`can_contribute` enforces the limits).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

from intervisie_tui.core.methods import Activity, Step
from intervisie_tui.core.model import Round, Turn, new_id, touch


def new_round(
    meeting_id: str,
    phase_key: str,
    members: Sequence[str],
    now: datetime,
    *,
    per_turn: int = 1,
    per_member: int = 0,
    laps: int = 1,
) -> Round:
    """A fresh round over ``members`` (duplicates dropped, first place kept); limits are clamped."""
    return Round(
        id=new_id(),
        meeting_id=meeting_id,
        phase_key=phase_key,
        order=tuple(dict.fromkeys(members)),
        per_turn=max(1, per_turn),
        per_member=max(0, per_member),
        laps=max(0, laps),
        updated_at=now,
    )


def laps_for(step: Step) -> int:
    """Turns per member for a step's round: questions go round until done (0), the rest once (1)."""
    return 0 if step.activity is Activity.QUESTIONS else 1


def for_step(
    meeting_id: str, phase_key: str, step: Step, present: Sequence[str], inbrenger_id: str, now: datetime
) -> Round:
    """The round of ``step`` over the present members; the inbrenger only where the step says so."""
    keep_inbrenger = step.inbrenger_in_round or not inbrenger_id
    members = [member for member in present if keep_inbrenger or member != inbrenger_id]
    return new_round(
        meeting_id, phase_key, members, now, per_turn=step.per_turn, per_member=step.per_member, laps=laps_for(step)
    )


def shuffled(round_: Round, seed: int, now: datetime) -> Round:
    """The round in a new order (the same for the same seed); only before anyone has spoken."""
    if round_.turns or round_.in_turn:
        return round_
    order = list(round_.order)
    random.Random(seed).shuffle(order)
    return touch(round_, now, order=tuple(order))


def _finished(round_: Round) -> tuple[Counter[str], Counter[str], dict[str, Turn]]:
    """Finished turns and contributions per member, and each member's most recent turn."""
    taken: Counter[str] = Counter()
    given: Counter[str] = Counter()
    last: dict[str, Turn] = {}
    for turn in round_.turns:
        taken[turn.member_id] += 1
        given[turn.member_id] += turn.contributions
        last[turn.member_id] = turn
    return taken, given, last


def _eligible(round_: Round) -> list[str]:
    """The members who may still get (or keep) the floor, in order."""
    taken, given, _last = _finished(round_)
    return [
        member
        for member in round_.order
        if member not in round_.absent
        and (round_.per_member == 0 or given[member] < round_.per_member)
        and (round_.laps == 0 or taken[member] < round_.laps)
    ]


def is_eligible(round_: Round, member_id: str) -> bool:
    """Whether ``member_id`` may still speak: in the order, not absent, under the limits (finished turns only)."""
    return member_id in _eligible(round_)


def is_complete(round_: Round) -> bool:
    """Whether the round is over: nobody eligible is left, or (for ``laps == 0``) everyone passed in a row."""
    eligible = _eligible(round_)
    if not eligible:
        return True
    if round_.laps == 0 and round_.in_turn == 0:
        # A question round dries up when every member who could still ask passed on their last turn.
        last = _finished(round_)[2]
        return all(member in last and last[member].passed for member in eligible)
    return False


def current_speaker(round_: Round) -> str | None:
    """Whose turn it is: the first eligible member after the last turn's member (cyclic); None when complete."""
    if is_complete(round_):
        return None
    eligible, order = set(_eligible(round_)), round_.order
    last = round_.turns[-1].member_id if round_.turns else None
    start = order.index(last) + 1 if last in order else 0
    cycle = (order[(start + step) % len(order)] for step in range(len(order)))
    return next((member for member in cycle if member in eligible), None)


def next_speaker(round_: Round) -> str | None:
    """Who would speak after the current speaker if their turn ended now (None when nobody would)."""
    if current_speaker(round_) is None:
        return None
    return current_speaker(next_turn(round_, round_.updated_at))


def contributions(round_: Round) -> dict[str, int]:
    """Contributions per member in order, the turn under way included."""
    given = _finished(round_)[1]
    speaker = current_speaker(round_) if round_.in_turn else None
    return {member: given[member] + (round_.in_turn if member == speaker else 0) for member in round_.order}


def turns_taken(round_: Round) -> dict[str, int]:
    """Finished turns per member in order; passes count as turns."""
    taken = _finished(round_)[0]
    return {member: taken[member] for member in round_.order}


def passes(round_: Round) -> dict[str, int]:
    """Passes per member in order."""
    passed = Counter(turn.member_id for turn in round_.turns if turn.passed)
    return {member: passed[member] for member in round_.order}


def last_passed(round_: Round) -> frozenset[str]:
    """The members whose most recent turn was a pass."""
    return frozenset(member for member, turn in _finished(round_)[2].items() if turn.passed)


def can_contribute(round_: Round) -> bool:
    """Whether the current speaker may add a contribution (under ``per_turn`` and ``per_member``)."""
    speaker = current_speaker(round_)
    if speaker is None or round_.in_turn >= round_.per_turn:
        return False
    return round_.per_member == 0 or contributions(round_)[speaker] < round_.per_member


def _end_turn(round_: Round, now: datetime, *, passed: bool) -> Round:
    speaker = current_speaker(round_)
    if speaker is None:
        return round_
    turn = Turn(member_id=speaker, contributions=round_.in_turn, passed=passed)
    return touch(round_, now, turns=(*round_.turns, turn), in_turn=0)


def contribute(round_: Round, now: datetime) -> Round:
    """The current speaker adds one contribution; at ``per_turn`` or ``per_member`` their turn ends by itself."""
    speaker = current_speaker(round_)
    if speaker is None or not can_contribute(round_):
        return round_
    added = touch(round_, now, in_turn=round_.in_turn + 1)
    full = round_.per_member > 0 and contributions(added)[speaker] >= round_.per_member
    return _end_turn(added, now, passed=False) if added.in_turn >= round_.per_turn or full else added


def next_turn(round_: Round, now: datetime) -> Round:
    """The current speaker's turn ends (with the contributions made in it); unchanged when complete."""
    return _end_turn(round_, now, passed=False)


def pass_turn(round_: Round, now: datetime) -> Round:
    """The current speaker passes (a pass keeps any contributions made in the turn); unchanged when complete."""
    return _end_turn(round_, now, passed=True)


def _undone(round_: Round, now: datetime) -> Round | None:
    if not round_.turns or round_.in_turn:
        return None  # mid-turn the chair deletes the contribution instead
    last = round_.turns[-1]
    back = touch(round_, now, turns=round_.turns[:-1], in_turn=last.contributions)
    # The floor must go back to that member: not so if they left, or someone rejoined in between.
    return back if current_speaker(back) == last.member_id else None


def can_undo(round_: Round) -> bool:
    """Whether :func:`undo` would change the round."""
    return _undone(round_, round_.updated_at) is not None


def undo(round_: Round, now: datetime) -> Round:
    """Take back the last finished turn: that member speaks again, their contributions still counted.

    Unchanged without a finished turn, while a turn is under way (``in_turn > 0``), or when the
    floor cannot go back to that member (say they left since).
    """
    return _undone(round_, now) or round_


def join(round_: Round, member_id: str, now: datetime) -> Round:
    """A member arrives late (appended to the order) or comes back (no longer absent).

    Unchanged when they are present already. A newcomer never takes the floor from a turn under
    way: they are seated right after its speaker instead, and where even that cannot help (the
    speaker is the only one left to speak) the speaker's turn ends first.
    """
    if not member_id or (member_id in round_.order and member_id not in round_.absent):
        return round_
    absent = tuple(member for member in round_.absent if member != member_id)
    order = round_.order if member_id in round_.order else (*round_.order, member_id)
    joined = touch(round_, now, order=order, absent=absent)
    speaker = current_speaker(round_)
    if not round_.in_turn or speaker is None or current_speaker(joined) == speaker:
        return joined
    rest = [member for member in order if member != member_id]
    seat = rest.index(speaker) + 1
    seated = touch(joined, now, order=(*rest[:seat], member_id, *rest[seat:]))
    if current_speaker(seated) == speaker:
        return seated
    return join(next_turn(round_, now), member_id, now)


def leave(round_: Round, member_id: str, now: datetime) -> Round:
    """A member leaves and is skipped from now on (a turn of theirs under way ends first); unchanged if not present."""
    if member_id not in round_.order or member_id in round_.absent:
        return round_
    if round_.in_turn and current_speaker(round_) == member_id:
        round_ = next_turn(round_, now)
    return touch(round_, now, absent=(*round_.absent, member_id))


def balance(rounds: Iterable[Round]) -> dict[str, tuple[int, int]]:
    """Member id -> (turns taken but not passed, contributions) over ``rounds``; everyone in an order appears."""
    totals: dict[str, tuple[int, int]] = {}
    for round_ in rounds:
        given = contributions(round_)
        spoke = Counter(turn.member_id for turn in round_.turns if not turn.passed)
        for member in round_.order:
            turns, said = totals.get(member, (0, 0))
            totals[member] = (turns + spoke[member], said + given[member])
    return totals
