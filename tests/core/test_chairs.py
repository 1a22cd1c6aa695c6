"""Chair rotation and the presenter rota over a group's history."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from intervisie_tui.core import chairs
from intervisie_tui.core.chairs import ChairStats, RotaLine
from intervisie_tui.core.model import (
    Attendance,
    Case,
    CaseStatus,
    Meeting,
    MeetingContent,
    MeetingStatus,
    Member,
    PhaseRecord,
)
from tests.conftest import FROZEN

JAN, FEB, MAR, APR = date(2026, 1, 12), date(2026, 2, 9), date(2026, 3, 9), date(2026, 4, 13)


def member(member_id: str, name: str = "", *, active: bool = True, joined_on: date | None = None) -> Member:
    return Member(
        id=member_id,
        group_id="g1",
        name=name or member_id.title(),
        active=active,
        joined_on=joined_on,
        updated_at=FROZEN,
    )


def meeting(
    held_on: date,
    chair_id: str = "",
    *,
    status: MeetingStatus = MeetingStatus.CLOSED,
    phase_chairs: tuple[str, ...] = (),
    present: dict[str, bool] | None = None,
    cases: tuple[tuple[str, CaseStatus], ...] = (),
) -> MeetingContent:
    """A meeting with one phase per entry of ``phase_chairs``, attendance from ``present``, and cases."""
    meeting_id = f"m-{held_on.isoformat()}"
    phases = tuple(
        PhaseRecord(key=f"p{index}", name="Fase", planned_minutes=10, chair_id=chair)
        for index, chair in enumerate(phase_chairs)
    )
    attendance = tuple(
        Attendance(id=f"a-{meeting_id}-{who}", meeting_id=meeting_id, member_id=who, present=there, updated_at=FROZEN)
        for who, there in (present or {}).items()
    )
    worked = tuple(
        Case(
            id=f"c-{meeting_id}-{index}",
            meeting_id=meeting_id,
            inbrenger_id=who,
            title="Casus",
            status=case_status,
            updated_at=FROZEN,
        )
        for index, (who, case_status) in enumerate(cases)
    )
    record = Meeting(
        id=meeting_id,
        group_id="g1",
        held_on=held_on,
        chair_id=chair_id,
        status=status,
        phases=phases,
        updated_at=FROZEN,
    )
    return MeetingContent(meeting=record, cases=worked, attendance=attendance)


# -- attendance and newcomers --------------------------------------------------------------


def test_an_attendance_record_decides() -> None:
    """Present or absent as recorded, whatever the joining date says."""
    content = meeting(FEB, present={"ann": True, "bob": False})
    assert chairs.attended(member("ann", joined_on=APR), content)
    assert not chairs.attended(member("bob"), content)


def test_without_a_record_a_member_attended_once_they_had_joined() -> None:
    """No attendance taken: joined by the meeting's date (or unknown) counts as present; archived or not."""
    content = meeting(FEB)
    assert chairs.attended(member("ann"), content)
    assert chairs.attended(member("bob", joined_on=FEB), content)
    assert chairs.attended(member("cas", joined_on=JAN, active=False), content)
    assert not chairs.attended(member("dee", joined_on=MAR), content)


def test_a_member_without_a_record_in_a_meeting_with_attendance_falls_back_to_joining() -> None:
    """Records for others do not decide for this member."""
    content = meeting(FEB, present={"ann": True})
    assert chairs.attended(member("bob", joined_on=JAN), content)
    assert not chairs.attended(member("cas", joined_on=MAR), content)


def test_newcomer_until_a_closed_meeting_before_the_date_was_attended() -> None:
    """Only closed meetings held strictly before ``on`` count; absence keeps a member new."""
    history = [meeting(JAN, present={"ann": True, "bob": False}), meeting(FEB, status=MeetingStatus.RUNNING)]
    assert not chairs.is_newcomer(member("ann"), history, FEB)
    assert chairs.is_newcomer(member("ann"), history, JAN)
    assert chairs.is_newcomer(member("bob"), history, MAR)
    assert chairs.is_newcomer(member("ann"), [], MAR)


# -- chair record --------------------------------------------------------------------------


def test_chair_record_counts_meetings_and_handed_over_phases_of_closed_meetings() -> None:
    """Meetings for the chair, phases for whom they were handed to; planned/running meetings and "" count not."""
    history = [
        meeting(JAN, "ann", phase_chairs=("", "bob", "bob")),
        meeting(FEB, "ann", phase_chairs=("ann",)),
        meeting(MAR, "", phase_chairs=("cas",)),
        meeting(APR, "bob", status=MeetingStatus.RUNNING, phase_chairs=("cas",)),
    ]
    assert chairs.chair_record(history) == {
        "ann": ChairStats(meetings=2, phases=0, last=FEB),
        "bob": ChairStats(meetings=0, phases=2, last=None),
        "cas": ChairStats(meetings=0, phases=1, last=None),
    }


def test_chair_record_of_an_empty_history_is_empty() -> None:
    assert chairs.chair_record([]) == {}


def test_last_is_the_latest_date_whatever_the_order_of_the_history() -> None:
    """History need not come sorted."""
    assert chairs.chair_record([meeting(MAR, "ann"), meeting(JAN, "ann")])["ann"].last == MAR


# -- proposing a chair ---------------------------------------------------------------------


def test_propose_chair_picks_who_chaired_fewest_meetings() -> None:
    """Two meetings for ann, one for bob, none for cas: cas."""
    members = [member("ann"), member("bob"), member("cas")]
    history = [meeting(JAN, "ann"), meeting(FEB, "bob"), meeting(MAR, "ann")]
    assert chairs.propose_chair(members, history, APR) == "cas"


def test_propose_chair_breaks_a_tie_by_longest_ago_then_by_name() -> None:
    """Equal counts: who chaired longest ago; equal again: by name, case ignored."""
    members = [member("ann"), member("bob"), member("cas", "cas")]
    history = [meeting(JAN, "bob"), meeting(FEB, "ann"), meeting(MAR, "cas")]
    assert chairs.propose_chair(members, history, APR) == "bob"
    never = [member("zed", "Zed"), member("amy", "amy"), member("Bo", "Bo")]
    assert chairs.propose_chair(never, [meeting(JAN)], APR) == "amy"


def test_a_phase_chaired_does_not_count_as_a_meeting_chaired() -> None:
    """bob chaired a phase only, ann a meeting: bob's turn."""
    members = [member("ann"), member("bob")]
    history = [meeting(JAN, "ann", phase_chairs=("bob",))]
    assert chairs.propose_chair(members, history, FEB) == "bob"


def test_propose_chair_leaves_out_archived_skipped_and_new_members() -> None:
    """Archived, skipped and newcomers never chair; when nobody is left, None."""
    history = [meeting(JAN, present={"ann": True, "bob": True, "cas": True})]
    members = [member("ann", active=False), member("bob"), member("cas"), member("dee", joined_on=FEB)]
    assert chairs.propose_chair(members, history, FEB, skip={"bob"}) == "cas"
    assert chairs.propose_chair(members, history, FEB, skip={"bob", "cas"}) is None
    assert chairs.propose_chair(members, [], FEB) is None


def test_propose_chair_counts_a_meeting_without_attendance_by_joining_dates() -> None:
    """No attendance taken in January: everyone who had joined by then is no newcomer in February."""
    members = [member("ann", joined_on=JAN), member("bob", joined_on=FEB)]
    assert chairs.propose_chair(members, [meeting(JAN, "ann")], FEB) == "ann"


@settings(max_examples=80, deadline=None)
@given(
    flags=st.lists(st.tuples(st.booleans(), st.sampled_from([None, JAN, MAR])), min_size=1, max_size=6),
    chaired=st.lists(st.integers(min_value=0, max_value=5), max_size=6),
    skip=st.sets(st.integers(min_value=0, max_value=5)),
)
def test_propose_chair_never_returns_a_newcomer_an_archived_or_a_skipped_member(
    flags: list[tuple[bool, date | None]], chaired: list[int], skip: set[int]
) -> None:
    """Whatever the history: an active, not skipped member who attended an earlier closed meeting, or None."""
    members = [member(f"m{index}", joined_on=joined, active=active) for index, (active, joined) in enumerate(flags)]
    history = [meeting(FEB + timedelta(weeks=week), f"m{who}") for week, who in enumerate(chaired)]
    on = FEB + timedelta(weeks=3)
    skipped = {f"m{index}" for index in skip}
    proposed = chairs.propose_chair(members, history, on, skip=skipped)
    qualifying = [
        one for one in members if one.active and one.id not in skipped and not chairs.is_newcomer(one, history, on)
    ]
    if proposed is None:
        assert qualifying == []
    else:
        chosen = next(one for one in members if one.id == proposed)
        assert chosen in qualifying
        record = chairs.chair_record(history)
        fewest = min(record.get(one.id, ChairStats()).meetings for one in qualifying)
        assert record.get(proposed, ChairStats()).meetings == fewest


# -- the presenter rota --------------------------------------------------------------------


def test_rota_counts_chosen_and_done_cases_of_closed_meetings_only() -> None:
    """Candidates, deferred cases and cases of a running meeting do not count."""
    history = [
        meeting(JAN, cases=(("ann", CaseStatus.DONE), ("bob", CaseStatus.CANDIDATE))),
        meeting(FEB, cases=(("ann", CaseStatus.CHOSEN), ("bob", CaseStatus.DEFERRED))),
        meeting(MAR, status=MeetingStatus.RUNNING, cases=(("bob", CaseStatus.DONE),)),
    ]
    rota = chairs.inbrenger_rota([member("ann"), member("bob")], history)
    assert rota == [RotaLine("bob", 0, None), RotaLine("ann", 2, FEB)]


def test_rota_orders_by_cases_then_longest_ago_then_name() -> None:
    """One case each: January's before March's; never beats any date; equal: by name."""
    members = [member("ann"), member("bob"), member("cas"), member("dee"), member("eve")]
    history = [
        meeting(JAN, cases=(("bob", CaseStatus.DONE),)),
        meeting(MAR, cases=(("ann", CaseStatus.DONE),)),
        meeting(FEB, cases=(("eve", CaseStatus.DONE), ("eve", CaseStatus.DONE))),
    ]
    rota = chairs.inbrenger_rota(members, history)
    assert [line.member_id for line in rota] == ["cas", "dee", "bob", "ann", "eve"]
    assert rota[-1] == RotaLine("eve", 2, FEB)


def test_rota_of_an_empty_history_is_by_name() -> None:
    rota = chairs.inbrenger_rota([member("b2", "bram"), member("a2", "Anne")], [])
    assert rota == [RotaLine("a2", 0, None), RotaLine("b2", 0, None)]


def test_suggest_inbrenger_skips_archived_and_excluded_members() -> None:
    """The first active, not excluded line of the rota; None when nobody is left."""
    members = [member("ann", active=False), member("bob"), member("cas")]
    history = [meeting(JAN, cases=(("cas", CaseStatus.DONE),))]
    assert chairs.suggest_inbrenger(members, history) == "bob"
    assert chairs.suggest_inbrenger(members, history, exclude={"bob"}) == "cas"
    assert chairs.suggest_inbrenger(members, history, exclude={"bob", "cas"}) is None
    assert chairs.suggest_inbrenger([], history) is None
