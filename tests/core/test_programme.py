"""Programmes and the handover plan: patterns, stages, and a group's progress through its programme."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intervisie_tui import i18n
from intervisie_tui.core import programme as prog
from intervisie_tui.core.model import Group, MeetingStatus, MeetingSummary
from intervisie_tui.core.programme import MeetingKind, ProgrammeSlot
from tests.conftest import FROZEN

S, U, C = MeetingKind.SUPERVISED, MeetingKind.SELF_RUN, MeetingKind.CLOSING
TODAY = date(2026, 11, 22)


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("nl")


def a_group(programme_id: str = prog.FOUR_ONE_ONE, custom: tuple[str, ...] = ()) -> Group:
    return Group(id="g1", name="Wijkteam", programme_id=programme_id, custom_programme=custom, updated_at=FROZEN)


def held(
    number: int,
    *,
    status: MeetingStatus = MeetingStatus.CLOSED,
    supervised: bool = True,
    on: date | None = None,
    group_id: str = "g1",
) -> MeetingSummary:
    """Meeting ``number`` of a series, four weeks apart from 2026-01-05."""
    held_on = on or date(2026, 1, 5) + timedelta(weeks=4 * number)
    return MeetingSummary(id=f"m{number}", group_id=group_id, held_on=held_on, status=status, supervised=supervised)


def meeting_ids(slots: list[ProgrammeSlot]) -> list[str | None]:
    return [slot.meeting.id if slot.meeting else None for slot in slots]


# -- programmes --------------------------------------------------------------------------


def test_the_shipped_programmes_have_the_patterns_of_practice() -> None:
    """4 supervised + 1 self-run + 1 closing (finite); 3 a year, two self-run between (repeating)."""
    assert prog.PROGRAMMES[prog.FOUR_ONE_ONE].pattern == (S, S, S, S, U, C)
    assert not prog.PROGRAMMES[prog.FOUR_ONE_ONE].repeats
    assert prog.PROGRAMMES[prog.THREE_A_YEAR].pattern == (S, U, U)
    assert prog.PROGRAMMES[prog.THREE_A_YEAR].repeats
    assert list(prog.PROGRAMMES) == [prog.FOUR_ONE_ONE, prog.THREE_A_YEAR, prog.CUSTOM]


def test_programme_for_knows_no_programme_for_an_empty_or_unknown_id() -> None:
    """An empty id means none chosen yet; an id from a newer version is not guessed at."""
    assert prog.programme_for(a_group("")) is None
    assert prog.programme_for(a_group("five_a_year")) is None
    assert prog.programme_for(a_group(prog.THREE_A_YEAR)) is prog.PROGRAMMES[prog.THREE_A_YEAR]


def test_custom_programme_takes_the_groups_kinds_and_drops_unknown_ones() -> None:
    """Unknown kind strings are left out; the order of the known ones is kept."""
    group = a_group(prog.CUSTOM, ("supervised", "coffee", "self_run", "SUPERVISED", "closing"))
    programme = prog.programme_for(group)
    assert programme is not None
    assert programme.id == prog.CUSTOM and programme.pattern == (S, U, C)
    assert not programme.repeats


def test_programme_name_is_translated(english: None) -> None:
    """The name comes from its msgid in the current language."""
    assert prog.programme_name(prog.PROGRAMMES[prog.FOUR_ONE_ONE]) == "4 supervised + 1 self-run + 1 closing supervised"
    assert prog.programme_name(prog.PROGRAMMES[prog.CUSTOM]) == "Custom"


# -- stages ------------------------------------------------------------------------------


def test_stage_for_counts_supervised_meetings_up_to_four() -> None:
    """Supervised meetings climb 1..4 and stay at 4; self-run is 5, closing 6."""
    kinds = (S, S, S, S, U, C)
    assert [prog.stage_for(kinds, index) for index in range(6)] == [1, 2, 3, 4, 5, 6]
    assert prog.stage_for((S, S, S, S, S, S), 5) == 4


def test_stage_for_counts_only_supervised_positions_before_it() -> None:
    """Self-run meetings in between do not move a supervised meeting's stage on."""
    kinds = (S, U, U, S, U, U, S)
    assert [prog.stage_for(kinds, index) for index in range(7)] == [1, 5, 5, 2, 5, 5, 3]


def test_who_chairs_per_stage() -> None:
    """The supervisor chairs stages 1, 2 and 6; a member co-chairs a phase in stage 2 only."""
    assert [stage for stage in range(1, 7) if prog.supervisor_chairs(stage)] == [1, 2, 6]
    assert [stage for stage in range(1, 7) if prog.member_chairs_phase(stage)] == [2]
    assert not prog.supervisor_chairs(0)


def test_stage_text_has_one_line_per_stage(english: None) -> None:
    """Six distinct one-line texts; any other number gives ""."""
    texts = [prog.stage_text(stage) for stage in range(1, 7)]
    assert len(set(texts)) == 6 and all(text and "\n" not in text for text in texts)
    assert "supervisor chairs and teaches" in texts[0]
    assert "co-chairs a phase" in texts[1]
    assert texts[4].startswith("Self-run")
    assert prog.stage_text(0) == "" and prog.stage_text(7) == ""


# -- progress ----------------------------------------------------------------------------


def test_progress_without_a_programme_is_empty() -> None:
    """No programme chosen: nothing to show, nothing next."""
    slots = prog.progress(a_group(""), [held(0)], TODAY)
    assert slots == [] and prog.next_slot(slots) is None


def test_progress_of_a_new_group_lists_the_whole_finite_programme() -> None:
    """Empty history: six positions to come, the first of them next."""
    slots = prog.progress(a_group(), [], TODAY)
    assert [(slot.index, slot.kind, slot.stage) for slot in slots] == [
        (0, S, 1),
        (1, S, 2),
        (2, S, 3),
        (3, S, 4),
        (4, U, 5),
        (5, C, 6),
    ]
    assert meeting_ids(slots) == [None] * 6
    assert prog.next_slot(slots) == slots[0]


def test_held_meetings_fill_positions_in_date_order() -> None:
    """Closed and running meetings fill the first positions oldest first, whatever order they come in."""
    summaries = [held(2, status=MeetingStatus.RUNNING), held(0), held(1)]
    slots = prog.progress(a_group(), summaries, TODAY)
    assert meeting_ids(slots) == ["m0", "m1", "m2", None, None, None]
    assert prog.next_slot(slots) == slots[3]


def test_planned_meetings_and_other_groups_do_not_fill_positions() -> None:
    """Only meetings held (closed or running) by this group count."""
    summaries = [held(0), held(1, status=MeetingStatus.PLANNED), held(2, group_id="g2")]
    slots = prog.progress(a_group(), summaries, TODAY)
    assert meeting_ids(slots) == ["m0", None, None, None, None, None]


def test_meetings_after_today_are_not_held_yet() -> None:
    """``today`` is the cut-off: progress as it stood on a date."""
    summaries = [held(0, on=date(2026, 3, 1)), held(1, on=date(2026, 5, 1))]
    assert meeting_ids(prog.progress(a_group(), summaries, date(2026, 4, 1)))[:2] == ["m0", None]
    assert meeting_ids(prog.progress(a_group(), summaries, date(2026, 5, 1)))[:2] == ["m0", "m1"]


def test_a_position_keeps_the_programmes_kind_when_the_meeting_differs() -> None:
    """A supervised position held without a supervisor stays supervised: the UI shows the mismatch."""
    slots = prog.progress(a_group(), [held(0, supervised=False)], TODAY)
    assert slots[0].kind is S and slots[0].stage == 1
    assert slots[0].meeting is not None and not slots[0].meeting.supervised


def test_a_group_that_runs_itself_has_only_self_run_positions_ahead() -> None:
    """Signed off after one meeting: the positions still to come are self-run (stage 5), the held one stays."""
    from dataclasses import replace

    from intervisie_tui.core.model import GroupMode

    graduated = replace(a_group(), mode=GroupMode.SELF_RUN, graduated_on=date(2026, 2, 1))
    slots = prog.progress(graduated, [held(0)], TODAY)
    assert [(slot.kind, slot.stage) for slot in slots] == [(S, 1)] + [(U, 5)] * 5
    assert prog.next_slot(slots) == slots[1]


def test_meetings_beyond_a_finite_programme_are_not_shown() -> None:
    """After the closing meeting the programme is done; later meetings are no part of it."""
    summaries = [held(number) for number in range(8)]
    programme = prog.PROGRAMMES[prog.FOUR_ONE_ONE]
    slots = prog.progress(a_group(), summaries, TODAY)
    assert meeting_ids(slots) == ["m0", "m1", "m2", "m3", "m4", "m5"]
    assert prog.next_slot(slots) is None
    assert prog.is_finished(programme, slots)


def test_a_finite_programme_is_finished_only_when_every_position_is_closed() -> None:
    """Five of six, or the last still running, is not finished."""
    programme = prog.PROGRAMMES[prog.FOUR_ONE_ONE]
    five = [held(number) for number in range(5)]
    assert not prog.is_finished(programme, prog.progress(a_group(), five, TODAY))
    running_last = [*five, held(5, status=MeetingStatus.RUNNING)]
    assert not prog.is_finished(programme, prog.progress(a_group(), running_last, TODAY))
    assert prog.is_finished(programme, prog.progress(a_group(), [*five, held(5)], TODAY))
    assert not prog.is_finished(programme, [])


def test_a_repeating_programme_goes_on_beyond_one_cycle() -> None:
    """Three a year: the calendar decides, so four meetings from January to March hold one supervised
    one; the next (today, in September-December) and the first of the new year are supervised."""
    group = a_group(prog.THREE_A_YEAR)
    summaries = [held(number) for number in range(4)]  # 5 Jan, 2 Feb, 2 Mar, 30 Mar 2026
    slots = prog.progress(group, summaries, TODAY, ahead=3)
    assert [slot.kind for slot in slots] == [S, U, U, U, S, S, U]
    assert [slot.stage for slot in slots] == [1, 5, 5, 5, 2, 3, 5]
    assert meeting_ids(slots) == ["m0", "m1", "m2", "m3", None, None, None]
    assert prog.next_slot(slots) == slots[4]
    assert not prog.is_finished(prog.PROGRAMMES[prog.THREE_A_YEAR], slots)


@pytest.mark.parametrize("per_year", [4, 6, 9, 12])
def test_three_a_year_is_three_supervised_in_a_calendar_year_however_often_the_group_meets(per_year: int) -> None:
    """The old S-U-U pattern gave two supervised meetings to a group meeting six times, four to one meeting
    twelve times: it assumed nine meetings a year. Tied to the calendar it is three (issue 18)."""
    days = [date(2026, 1, 10) + timedelta(days=round(365 * number / per_year)) for number in range(per_year)]
    kinds = prog.calendar_kinds(days, 3)
    assert kinds.count(S) == 3 and kinds[0] is S


def test_the_calendar_runs_are_january_may_and_september() -> None:
    assert prog.period_of(date(2026, 4, 30), 3) == (2026, 0)
    assert prog.period_of(date(2026, 5, 1), 3) == (2026, 1)
    assert prog.period_of(date(2026, 12, 31), 3) == (2026, 2)
    assert prog.calendar_kinds([date(2026, 4, 30), date(2026, 5, 1), date(2026, 5, 2)], 3) == [S, S, U]


def test_ahead_sets_how_far_a_repeating_programme_looks_forward() -> None:
    """ahead=0 shows only what was held; a negative ahead counts as 0."""
    group = a_group(prog.THREE_A_YEAR)
    assert len(prog.progress(group, [held(0)], TODAY, ahead=0)) == 1
    assert len(prog.progress(group, [held(0)], TODAY, ahead=-2)) == 1
    assert len(prog.progress(group, [], TODAY)) == 3


def test_custom_programme_progress_uses_the_known_kinds_only() -> None:
    """A custom pattern with an unknown kind: positions for the known kinds, stages from them."""
    group = a_group(prog.CUSTOM, ("supervised", "retreat", "supervised", "self_run", "closing"))
    slots = prog.progress(group, [held(0)], TODAY)
    assert [(slot.kind, slot.stage) for slot in slots] == [(S, 1), (S, 2), (U, 5), (C, 6)]
    assert meeting_ids(slots) == ["m0", None, None, None]


def test_custom_programme_without_known_kinds_has_no_positions() -> None:
    """Nothing to follow: no slots, nothing next, never finished."""
    group = a_group(prog.CUSTOM, ("retreat",))
    programme = prog.programme_for(group)
    assert programme is not None and programme.pattern == ()
    assert prog.progress(group, [held(0)], TODAY) == []
    assert not prog.is_finished(programme, [])


@settings(max_examples=60, deadline=None)
@given(
    programme_id=st.sampled_from([prog.FOUR_ONE_ONE, prog.THREE_A_YEAR]),
    days=st.lists(st.integers(min_value=0, max_value=400), max_size=12),
    statuses=st.lists(st.sampled_from(list(MeetingStatus)), min_size=12, max_size=12),
    ahead=st.integers(min_value=-1, max_value=5),
)
def test_progress_never_puts_one_meeting_in_two_slots(
    programme_id: str, days: list[int], statuses: list[MeetingStatus], ahead: int
) -> None:
    """Each held meeting appears at most once, filled slots come first and in date order, indexes count up."""
    summaries = [
        MeetingSummary(
            id=f"m{index}", group_id="g1", held_on=date(2026, 1, 1) + timedelta(days=day), status=statuses[index]
        )
        for index, day in enumerate(days)
    ]
    slots = prog.progress(a_group(programme_id), summaries, date(2026, 6, 1), ahead=ahead)
    filled = [slot.meeting for slot in slots if slot.meeting is not None]
    assert len({meeting.id for meeting in filled}) == len(filled)
    assert all(meeting.status is not MeetingStatus.PLANNED for meeting in filled)
    assert [slot.index for slot in slots] == list(range(len(slots)))
    assert meeting_ids(slots) == [meeting.id for meeting in filled] + [None] * (len(slots) - len(filled))
    assert [meeting.held_on for meeting in filled] == sorted(meeting.held_on for meeting in filled)
