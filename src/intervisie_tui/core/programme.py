"""Programmes: which meetings a group holds with its supervisor, and the handover plan.

A programme is a pattern of meeting kinds (supervised, self-run, closing
supervised), finite or repeating (docs/GROUPS.md). Every supervised
meeting follows a stage of the graduated handover, from "the supervisor chairs
and teaches" (1) to "the closing supervised meeting decides" (6).

:func:`progress` lays the meetings a group has held over its programme's
positions and adds the positions still to come. The programme says what a
position *should* be: a meeting held without a supervisor in a supervised
position keeps the supervised kind, so the UI can show the mismatch. A group
that runs itself (signed off, or never supervised) has no supervised meetings
to come: every position still ahead of it is self-run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from intervisie_tui.core.model import Group, GroupMode, MeetingStatus, MeetingSummary
from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_, _


class MeetingKind(StrEnum):
    """What a meeting in a programme is."""

    SUPERVISED = "supervised"
    SELF_RUN = "self_run"
    CLOSING = "closing"
    """The closing supervised meeting: readiness is evaluated and the group decides."""


@value_class
class Programme:
    """A programme template: its name and the pattern of meeting kinds."""

    id: str
    name_msgid: str
    """The English name, marked for translation; see :func:`programme_name`."""
    pattern: tuple[MeetingKind, ...]
    repeats: bool
    """Whether the pattern starts again after its last position (e.g. every year)."""
    supervised_per_year: int = 0
    """When above 0 the calendar decides, not the pattern: the year falls into this many equal runs of
    months, and the first meeting in each run is supervised, the others self-run (see :func:`calendar_kinds`)."""


FOUR_ONE_ONE = "four_one_one"
THREE_A_YEAR = "three_a_year"
CUSTOM = "custom"

_S, _U, _C = MeetingKind.SUPERVISED, MeetingKind.SELF_RUN, MeetingKind.CLOSING

PROGRAMMES: Mapping[str, Programme] = MappingProxyType(
    {
        FOUR_ONE_ONE: Programme(
            FOUR_ONE_ONE,
            N_("4 supervised + 1 self-run + 1 closing supervised"),
            (_S, _S, _S, _S, _U, _C),
            repeats=False,
        ),
        THREE_A_YEAR: Programme(
            THREE_A_YEAR,
            N_("3 supervised a year, self-run in between"),
            (_S, _U, _U),
            repeats=True,
            supervised_per_year=3,
        ),
        # The custom pattern lives in the group (Group.custom_programme); see programme_for.
        CUSTOM: Programme(CUSTOM, N_("Custom"), (), repeats=False),
    }
)
"""The programme templates by id, in the order a picker shows them."""


def programme_for(group: Group) -> Programme | None:
    """The programme ``group`` follows; None when none is chosen or the id is unknown.

    For "custom" the pattern comes from ``group.custom_programme``; strings
    that name no meeting kind are left out.
    """
    programme = PROGRAMMES.get(group.programme_id)
    if programme is None or programme.id != CUSTOM:
        return programme
    known = {kind.value for kind in MeetingKind}
    pattern = tuple(MeetingKind(kind) for kind in group.custom_programme if kind in known)
    return Programme(programme.id, programme.name_msgid, pattern, programme.repeats)


def programme_name(programme: Programme) -> str:
    """The programme's name in the current language."""
    return _(programme.name_msgid)


# -- the graduated handover --------------------------------------------------------------

FIRST_STAGE, LAST_SUPERVISED_STAGE, SELF_RUN_STAGE, CLOSING_STAGE = 1, 4, 5, 6

_STAGE_TEXTS = {
    1: N_("The supervisor chairs and teaches: agreements, a good case question, one method"),
    2: N_("The supervisor chairs; a member co-chairs a phase"),
    3: N_("A member chairs; the supervisor observes and gives feedback on the process"),
    4: N_("Another member chairs; the supervisor stays mostly silent and checks readiness"),
    5: N_("Self-run: the group chairs itself, in rotation"),
    6: N_("Closing supervised meeting: evaluate readiness and decide to continue self-run"),
}


def mode_text(mode: GroupMode) -> str:
    """The group's mode in words: supervised or self-run."""
    return _("supervised") if mode is GroupMode.SUPERVISED else _("self-run")


def stage_text(stage: int) -> str:
    """One short line on what happens in handover ``stage`` (1-6), translated; "" for any other number."""
    text = _STAGE_TEXTS.get(stage)
    return _(text) if text is not None else ""


def stage_for(kinds: Sequence[MeetingKind], index: int) -> int:
    """The handover stage of position ``index`` in a programme of ``kinds``.

    The n-th supervised meeting (counting supervised positions up to and
    including ``index``) gets stage n, at most 4; a self-run meeting 5; the
    closing supervised meeting 6.
    """
    kind = kinds[index]
    if kind is MeetingKind.SELF_RUN:
        return SELF_RUN_STAGE
    if kind is MeetingKind.CLOSING:
        return CLOSING_STAGE
    supervised_so_far = sum(1 for earlier in kinds[: index + 1] if earlier is MeetingKind.SUPERVISED)
    return min(supervised_so_far, LAST_SUPERVISED_STAGE)


def supervisor_chairs(stage: int) -> bool:
    """Whether the supervisor chairs a meeting of this stage (stages 1, 2 and 6)."""
    return stage in (1, 2, CLOSING_STAGE)


def member_chairs_phase(stage: int) -> bool:
    """Whether a member co-chairs a phase in a meeting of this stage (stage 2)."""
    return stage == 2


# -- progress through a programme ------------------------------------------------------


@value_class
class ProgrammeSlot:
    """One position of a programme: its kind and stage, and the meeting held in it (None: still to come)."""

    index: int
    """0-based position in the programme (counting on through the cycles of a repeating one)."""
    kind: MeetingKind
    """What the programme says this meeting is (not what the meeting record says)."""
    stage: int
    meeting: MeetingSummary | None


def _held(group: Group, summaries: Sequence[MeetingSummary], today: date) -> list[MeetingSummary]:
    """The group's meetings held by ``today`` (closed, or under way), oldest first."""
    held = [
        summary
        for summary in summaries
        if summary.group_id == group.id
        and summary.held_on <= today
        and summary.status in (MeetingStatus.CLOSED, MeetingStatus.RUNNING)
    ]
    return sorted(held, key=lambda summary: (summary.held_on, summary.id))


AHEAD_SPACING = timedelta(weeks=6)
"""How far apart meetings still to come are assumed when the calendar decides their kind (the spacing
``core.next_meeting`` suggests at the close)."""


def period_of(day: date, per_year: int) -> tuple[int, int]:
    """The run of months ``day`` falls in when a year holds ``per_year`` runs: (year, 0-based run)."""
    months = 12 // per_year
    return day.year, (day.month - 1) // months


def calendar_kinds(days: Sequence[date], per_year: int) -> list[MeetingKind]:
    """The kinds of meetings on ``days`` (in date order) when ``per_year`` are supervised each year.

    The first meeting in each run of months (January-April, May-August, September-December for
    three) is supervised and the others self-run, so "3 supervised a year" holds for any number of
    meetings a year instead of assuming the group meets nine times.
    """
    seen: set[tuple[int, int]] = set()
    kinds = []
    for day in days:
        period = period_of(day, per_year)
        kinds.append(MeetingKind.SELF_RUN if period in seen else MeetingKind.SUPERVISED)
        seen.add(period)
    return kinds


def _coming_days(held: Sequence[MeetingSummary], today: date, count: int) -> list[date]:
    """Assumed dates of ``count`` meetings still to come: the next today (or after the last held),
    then every :data:`AHEAD_SPACING`."""
    first = today if not held or held[-1].held_on < today else held[-1].held_on + AHEAD_SPACING
    return [first + AHEAD_SPACING * number for number in range(count)]


def _positions(programme: Programme, held: int, ahead: int) -> int:
    """How many positions the progress shows: all of a finite programme, or the held ones plus ``ahead``."""
    if not programme.repeats:
        return len(programme.pattern)
    return held + max(0, ahead) if programme.pattern else 0


def progress(group: Group, summaries: Sequence[MeetingSummary], today: date, *, ahead: int = 3) -> list[ProgrammeSlot]:
    """The group's programme position by position, with the meeting held in each.

    Meetings held on or before ``today`` (closed ones, and one under way)
    fill the positions in date order; the positions still to come follow
    without a meeting: all remaining ones of a finite programme, ``ahead``
    more of a repeating one. A finite programme shows no meetings beyond its
    last position. A programme with ``supervised_per_year`` takes each kind from the
    calendar (:func:`calendar_kinds`; meetings still to come assumed :data:`AHEAD_SPACING`
    apart). A slot's kind is the programme's, even when the meeting
    held in it was, say, not supervised: the UI shows that mismatch. The
    positions still to come of a group that runs itself are self-run. Empty
    without a programme.
    """
    programme = programme_for(group)
    if programme is None or not programme.pattern:
        return []
    held = _held(group, summaries, today)
    count = _positions(programme, len(held), ahead)
    if programme.supervised_per_year:
        days = [summary.held_on for summary in held] + _coming_days(held, today, count - len(held))
        kinds = calendar_kinds(days, programme.supervised_per_year)
    else:
        kinds = [programme.pattern[index % len(programme.pattern)] for index in range(count)]
    if group.mode is not GroupMode.SUPERVISED:
        # No supervisor comes to a group that runs itself: what is still ahead is self-run (issue 17).
        kinds[len(held) :] = [MeetingKind.SELF_RUN] * len(kinds[len(held) :])
    return [
        ProgrammeSlot(
            index=index,
            kind=kinds[index],
            stage=stage_for(kinds, index),
            meeting=held[index] if index < len(held) else None,
        )
        for index in range(count)
    ]


def next_slot(slots: Sequence[ProgrammeSlot]) -> ProgrammeSlot | None:
    """The first position without a meeting; None when every position shown is filled."""
    return next((slot for slot in slots if slot.meeting is None), None)


def is_finished(programme: Programme, slots: Sequence[ProgrammeSlot]) -> bool:
    """Whether a finite programme is complete: every position holds a closed meeting.

    A repeating programme, and one without positions, is never finished.
    """
    if programme.repeats or not programme.pattern or len(slots) < len(programme.pattern):
        return False
    return all(slot.meeting is not None and slot.meeting.status is MeetingStatus.CLOSED for slot in slots)
