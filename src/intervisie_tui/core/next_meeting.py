"""What the next meeting of a group will be: supervised or not, its handover stage, chair and presenter.

Agreements made at the last close (``Meeting.next_plan``) come first; where
the group agreed nothing, the programme and the rotation rules propose. The
group can skip a proposed chair (``skip``), and the chair can still change
during the meeting.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta

from intervisie_tui.core import chairs
from intervisie_tui.core.model import (
    Group,
    GroupMode,
    MeetingContent,
    MeetingStatus,
    Member,
    summarize,
)
from intervisie_tui.core.programme import (
    MeetingKind,
    next_slot,
    programme_for,
    progress,
    supervisor_chairs,
)
from intervisie_tui.core.values import value_class

AGREED, PROPOSED, SUPERVISOR, NOBODY = "agreed", "proposed", "supervisor", "nobody"


@value_class
class MeetingPlan:
    """The next meeting as the group's records and rules have it."""

    kind: MeetingKind
    stage: int
    """Handover stage (``core.programme``); 0 without a programme."""
    chair_id: str
    """"" when the supervisor chairs or nobody qualifies (see ``chair_source``)."""
    chair_source: str
    inbrenger_id: str
    inbrenger_source: str
    on: date | None
    """The date agreed at the last close, if any."""
    break_minutes: int = 0
    """The break agreed at the last close (0: none)."""

    @property
    def supervised(self) -> bool:
        """Whether a supervisor leads this meeting."""
        return self.kind is not MeetingKind.SELF_RUN


def last_closed(history: Sequence[MeetingContent]) -> MeetingContent | None:
    """The most recent closed meeting."""
    closed = [content for content in history if content.meeting.status is MeetingStatus.CLOSED]
    return max(closed, key=lambda content: (content.meeting.held_on, content.meeting.id), default=None)


def plan_next(
    group: Group,
    members: Sequence[Member],
    history: Sequence[MeetingContent],
    today: date,
    *,
    skip: Collection[str] = (),
) -> MeetingPlan:
    """The plan for the group's next meeting on ``today`` (or the agreed date)."""
    summaries = [summarize(content.meeting, content.cases) for content in history]
    programme = programme_for(group)
    slot = next_slot(progress(group, summaries, today)) if programme is not None else None
    if slot is not None:
        kind, stage = slot.kind, slot.stage
    else:
        kind = MeetingKind.SUPERVISED if group.mode is GroupMode.SUPERVISED else MeetingKind.SELF_RUN
        stage = 0
    active = {member.id for member in members if member.active}
    agreed = last_closed(history)
    plan = agreed.meeting.next_plan if agreed is not None else None

    if plan is not None and plan.chair_id in active and plan.chair_id not in skip:
        chair_id, chair_source = plan.chair_id, AGREED
    elif kind is not MeetingKind.SELF_RUN and (stage == 0 or supervisor_chairs(stage)):
        chair_id, chair_source = "", SUPERVISOR
    else:
        proposed = chairs.propose_chair(members, history, today, skip=skip)
        if proposed is None and agreed is None:
            # A group's very first meeting: everyone is new, so the newcomer rule cannot apply.
            first = sorted((m for m in members if m.active and m.id not in skip), key=lambda m: m.name.casefold())
            proposed = first[0].id if first else None
        chair_id, chair_source = (proposed, PROPOSED) if proposed else ("", NOBODY)

    if plan is not None and plan.inbrenger_id in active:
        inbrenger_id, inbrenger_source = plan.inbrenger_id, AGREED
    else:
        suggested = chairs.suggest_inbrenger(members, history, exclude={chair_id} if chair_id else ())
        inbrenger_id, inbrenger_source = (suggested, PROPOSED) if suggested else ("", NOBODY)
    return MeetingPlan(
        kind=kind,
        stage=stage,
        chair_id=chair_id,
        chair_source=chair_source,
        inbrenger_id=inbrenger_id,
        inbrenger_source=inbrenger_source,
        on=plan.on if plan is not None else None,
        break_minutes=plan.break_minutes if plan is not None else 0,
    )


NEXT_MEETING_WEEKS = 6
"""A group meets some eight times a year: the next meeting is suggested six weeks on, on the same weekday."""


def suggested_date(held_on: date) -> date:
    """The next meeting's date to offer in the closing round (a real value the chair can change)."""
    return held_on + timedelta(weeks=NEXT_MEETING_WEEKS)
