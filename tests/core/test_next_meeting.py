"""The plan for a group's next meeting: agreed at the last close first, then programme and rotation."""

from __future__ import annotations

from datetime import UTC, date, datetime

from intervisie_tui.core.model import Group, GroupMode, Meeting, MeetingContent, MeetingStatus, Member, NextPlan
from intervisie_tui.core.next_meeting import AGREED, NOBODY, PROPOSED, SUPERVISOR, plan_next
from intervisie_tui.core.programme import MeetingKind

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def group(mode: GroupMode = GroupMode.SUPERVISED, programme: str = "four_one_one") -> Group:
    return Group(id="g", name="Noord", mode=mode, programme_id=programme, updated_at=NOW)


MEMBERS = [
    Member(id=m, group_id="g", name=m.title(), joined_on=date(2026, 1, 1), updated_at=NOW)
    for m in ("aya", "bas", "cor", "dewi")
]


def held(day: int, *, chair: str = "", supervised: bool = True, plan: NextPlan | None = None) -> MeetingContent:
    meeting = Meeting(
        id=f"m{day}",
        group_id="g",
        held_on=date(2026, 1, day),
        chair_id=chair,
        supervised=supervised,
        status=MeetingStatus.CLOSED,
        next_plan=plan,
        updated_at=NOW,
    )
    return MeetingContent(meeting=meeting)


def test_a_new_supervised_group_starts_with_the_supervisor_in_the_chair() -> None:
    plan = plan_next(group(), MEMBERS, [], TODAY)
    assert (plan.kind, plan.stage, plan.chair_id, plan.chair_source) == (MeetingKind.SUPERVISED, 1, "", SUPERVISOR)
    assert plan.supervised


def test_the_third_supervised_meeting_has_a_member_in_the_chair_by_rotation() -> None:
    history = [held(5), held(12)]
    plan = plan_next(group(), MEMBERS, history, TODAY)
    assert (plan.stage, plan.chair_source) == (3, PROPOSED)
    assert plan.chair_id == "aya"  # nobody chaired yet: by name


def test_what_the_group_agreed_at_the_close_wins() -> None:
    agreed = NextPlan(on=date(2026, 12, 1), chair_id="cor", inbrenger_id="dewi")
    plan = plan_next(group(GroupMode.SELF_RUN, ""), MEMBERS, [held(5, chair="aya", plan=agreed)], TODAY)
    assert (plan.chair_id, plan.chair_source, plan.inbrenger_id, plan.inbrenger_source) == (
        "cor",
        AGREED,
        "dewi",
        AGREED,
    )
    assert plan.on == date(2026, 12, 1) and plan.kind is MeetingKind.SELF_RUN


def test_skipping_the_agreed_or_proposed_chair_proposes_the_next_in_rotation() -> None:
    agreed = NextPlan(chair_id="cor")
    history = [held(5, chair="aya", supervised=False, plan=agreed)]
    plan = plan_next(group(GroupMode.SELF_RUN, ""), MEMBERS, history, TODAY, skip={"cor"})
    assert plan.chair_source == PROPOSED and plan.chair_id == "bas"  # aya chaired; bas has not, by name


def test_a_self_run_groups_first_meeting_proposes_someone_although_everyone_is_new() -> None:
    plan = plan_next(group(GroupMode.SELF_RUN, ""), MEMBERS, [], TODAY)
    assert (plan.chair_id, plan.chair_source) == ("aya", PROPOSED)
    assert plan.inbrenger_id and plan.inbrenger_id != "aya"


def test_nobody_to_propose_when_every_member_is_skipped() -> None:
    plan = plan_next(group(GroupMode.SELF_RUN, ""), MEMBERS, [], TODAY, skip={m.id for m in MEMBERS})
    assert (plan.chair_id, plan.chair_source) == ("", NOBODY)
