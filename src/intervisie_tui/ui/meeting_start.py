"""Open a group's meeting of today, or plan one from the group's records and rules."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from intervisie_tui.core.meeting import new_meeting
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import Group, Meeting, MeetingContent, MeetingStatus, Member
from intervisie_tui.core.next_meeting import plan_next
from intervisie_tui.i18n import _
from intervisie_tui.store.errors import VaultError

if TYPE_CHECKING:
    from intervisie_tui.store.repository import Repository
    from intervisie_tui.ui.app import IntervisieApp


def group_history(repository: Repository, group_id: str) -> list[MeetingContent]:
    """Every meeting of the group with its records, oldest first."""
    contents = [repository.meeting_content(summary.id) for summary in repository.meetings(group_id)]
    found = [content for content in contents if content is not None]
    return sorted(found, key=lambda content: (content.meeting.held_on, content.meeting.id))


def todays_meeting(
    group: Group,
    members: Sequence[Member],
    history: Sequence[MeetingContent],
    now: datetime,
    *,
    skip: Collection[str] = (),
) -> Meeting:
    """Today's meeting as the group's records and rules plan it (``core.next_meeting``), starting now.

    A supervised meeting is planned as such, but the supervisor is not yet marked present: the
    evidence comes from the meeting (``core.evidence``), never from the plan.
    """
    plan = plan_next(group, members, history, now.date(), skip=skip)
    return new_meeting(
        group.id,
        now.date(),
        load_shipped(),
        now,
        planned_start=now.replace(second=0, microsecond=0),
        chair_id=plan.chair_id,
        supervised=plan.supervised,
        supervisor_present=False,
        handover_stage=plan.stage,
        break_minutes=plan.break_minutes,
    )


def open_or_plan(app: IntervisieApp, group: Group, *, skip: Collection[str] = ()) -> None:
    """Open the group's running meeting or today's planned one; else plan today's meeting and open it."""
    repository = app.repository
    assert repository is not None
    now = app.clock()
    today = [
        summary
        for summary in repository.meetings(group.id)
        if summary.status is MeetingStatus.RUNNING
        or (summary.held_on == now.date() and summary.status is MeetingStatus.PLANNED)
    ]
    if today:
        app.navigate.meeting(today[0].id)
        return
    history = group_history(repository, group.id)
    members = repository.members(group.id)
    meeting = todays_meeting(group, members, history, now, skip=skip)
    try:
        repository.put(meeting)
    except VaultError as error:
        app.say(error.message(), severity="error")
        return
    app.navigate.meeting(meeting.id)
    if not any(content.meeting.status is MeetingStatus.CLOSED for content in history):
        show_agreements_first(app, group, members)


def show_agreements_first(app: IntervisieApp, group: Group, members: list) -> None:
    """A group's first meeting opens with its agreements (intervisiecontract) over the session screen.

    Without agreements yet, a notice points to where the group makes them.
    """
    assert app.repository is not None
    agreements = app.repository.agreements(group.id)
    if not agreements:
        app.say(_("A first meeting: the group has no agreements yet. C on the group screen (G) makes them."))
        return
    app.navigate.agreements(group, agreements, members, app.clock().date(), before_meeting=True)
