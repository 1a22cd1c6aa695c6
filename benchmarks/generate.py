"""Synthetic encrypted files for the benchmarks, built through the real Repository.

    python benchmarks/generate.py OUT.ivt [--size small|large] [--meetings N] [--fast-kdf]

* ``small``: one group, one year of 8 meetings.
* ``large``: a supervisor's file, 12 groups x 5 years x 8 meetings (480), about 10 MB of JSON.
* ``--meetings N``: the large layout with N meetings spread over the 12 groups (the growth files
  of 1, 3, 10 and 30 MB scale this number).

Every meeting is fully filled: two worked cases and a candidate, 30 questions, 40 notes, a top and
a tip from every member for the inbrenger and the chair, attendance, rounds and closing turns. The
newest meeting of the first group (the newest in the file) is left RUNNING in a whiteboard phase,
so the app opens it on start like a meeting that was going on when the laptop was closed a few
minutes earlier (its clock last ran when the file was generated).

Deterministic: the records (ids, texts, dates) depend only on the seed, except when the running
meeting's clock last ran. The encryption salt and the file's own seed (docs/FORMAT.md) are fresh
random bytes, as in the app, so the file's bytes differ between runs.
The file is written with the platform's real default KDF (``crypto.default_kdf()``) unless the
caller passes other parameters (``--fast-kdf``: the tests' cheap parameters, for ``--quick``).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from intervisie_tui.core.meeting import plan_phases
from intervisie_tui.core.methods import MethodLibrary, load_shipped
from intervisie_tui.core.model import (
    Acceptance,
    Agreement,
    Attendance,
    Case,
    CaseSlot,
    CaseStatus,
    Evaluation,
    FeedbackAbout,
    FeedbackItem,
    Group,
    GroupMode,
    Meeting,
    MeetingStatus,
    Member,
    Note,
    PhaseStatus,
    Question,
    Round,
    Supervisor,
    Turn,
)
from intervisie_tui.store import crypto
from intervisie_tui.store.fileformat import ARGON2ID_FAST_FOR_TESTS, KdfParams
from intervisie_tui.store.repository import Repository

PASSPHRASE = "benchmark: correct horse battery staple"
SEED = 20260101
GROUPS = 12
YEARS = 5
MEETINGS_PER_YEAR = 8
MEMBERS_PER_GROUP = 6
QUESTIONS = 30
NOTES = 40
LAST_DAY = date(2025, 12, 15)
"""The newest meeting's date (fixed, so the file does not depend on the day it is generated)."""
_NAMESPACE = uuid.UUID("0b5e7a2c-9d41-4f3e-8a61-6c2d1e0f4b37")
_TZ = timezone(timedelta(hours=1))
_METHODS = ("oplossingsgericht", "balint", "incident_kort", "socratisch", "roddel", "actiegericht")
_LIVE_METHOD, _LIVE_PHASE = "kernkwadranten", "case1.kwadrant"

_WORDS = (
    "cliënt moeder vader jongere gesprek afspraak huisbezoek collega plan veiligheid zorg twijfel grens "
    "verwachting houding contact vertrouwen situatie overleg team leidinggevende dossier signaal rapportage "
    "school wijk huisarts gedrag spanning gevoel ruimte tijd keuze stap doel vraag antwoord verhaal reactie "
    "ervaring rol taak afweging besluit weerstand betrokkenheid motivatie netwerk steun zorgen ouder kind"
).split()
_VERBS = "merk voel denk zie wil probeer vraag zeg twijfel herken bespreek kies houd geef neem".split()
_OPENERS = ("Hoe", "Wat", "Wanneer", "Waarom", "Wie", "Welke", "Hoe vaak", "Wat gebeurde er toen")
_DISCIPLINES = ("jeugdbescherming", "wijkverpleging", "maatschappelijk werk", "GGZ", "onderwijs", "huisartsenzorg")
_FIRST = (
    "Anouk Bram Fatima Joost Sanne Mehmet Ingrid Kees Lotte Noor Daan Eva Ruben Yara Tim Sara Bas Iris "
    "Thijs Lieke Omar Femke Jesse Nina"
).split()
_LAST = (
    "de Vries",
    "Visser",
    "El Amrani",
    "Bakker",
    "Mulder",
    "Yılmaz",
    "Smit",
    "van Dam",
    "Hendriks",
    "Bos",
    "de Jong",
    "Jansen",
    "Peters",
    "van Leeuwen",
    "Kaya",
    "Meijer",
)


@dataclass(frozen=True, slots=True)
class Layout:
    """How many groups and meetings a file holds."""

    groups: int
    meetings: int
    """Meetings in the whole file, spread evenly over the groups (the first groups get one more)."""


SMALL = Layout(groups=1, meetings=MEETINGS_PER_YEAR)
LARGE = Layout(groups=GROUPS, meetings=GROUPS * YEARS * MEETINGS_PER_YEAR)


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(map(str, parts))))


class _Text:
    """Seeded Dutch-looking sentences (content does not matter, only sizes and characters do)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(_WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int = 6, high: int = 14) -> str:
        text = f"Ik {self.rng.choice(_VERBS)} {self.words(low, high)}."
        return text[0].upper() + text[1:]

    def question(self) -> str:
        return f"{self.rng.choice(_OPENERS)} {self.rng.choice(_VERBS)} je {self.words(4, 10)}?"


def _group_records(index: int, rng: random.Random, now: datetime, first_day: date) -> tuple[Group, list[Any]]:
    name = f"Intervisie {_DISCIPLINES[index % len(_DISCIPLINES)]} {index + 1:02d}"
    group = Group(
        id=_id("group", index),
        name=name,
        discipline=_DISCIPLINES[index % len(_DISCIPLINES)],
        organisation=f"Organisatie {index + 1} (fictief)",
        mode=GroupMode.SUPERVISED,
        supervisor=Supervisor(name="Marieke Jansen", register="LVSC", register_number="LVSC-4471"),
        programme_id="4-1-1",
        created_on=first_day,
        updated_at=now,
    )
    members = [
        Member(
            id=_id(group.id, "member", m),
            group_id=group.id,
            name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            profession=group.discipline,
            register="SKJ",
            register_number=f"1100{rng.randrange(10**5):05d}",
            joined_on=first_day,
            updated_at=now,
        )
        for m in range(MEMBERS_PER_GROUP)
    ]
    acceptances = tuple(Acceptance(member_id=member.id, accepted_on=first_day) for member in members)
    agreements = [
        Agreement(
            id=_id(group.id, "agreement", a),
            group_id=group.id,
            text=text,
            position=a,
            acceptances=acceptances,
            updated_at=now,
        )
        for a, text in enumerate(
            (
                "Wat in de groep gedeeld wordt, blijft in de groep.",
                "Een casus inbrengen is vrijwillig.",
                "Cliënten blijven anoniem: geen namen, geboortedata, adressen of BSN.",
            )
        )
    ]
    return group, [group, *members, *agreements]


def _meeting_records(
    library: MethodLibrary,
    group: Group,
    members: list[Member],
    number: int,
    held_on: date,
    text: _Text,
    now: datetime,
    *,
    running: bool,
    live: datetime,
) -> list[Any]:
    """One fully filled meeting: cases, 30 questions, 40 notes, feedback, attendance, rounds, closing turns."""
    rng = text.rng
    meeting_id = _id(group.id, "meeting", number)
    start = datetime.combine(held_on, clock_time(13, 30), tzinfo=_TZ)
    methods = (
        (_LIVE_METHOD, _METHODS[number % len(_METHODS)])
        if running
        else (_METHODS[number % len(_METHODS)], _METHODS[(number + 3) % len(_METHODS)])
    )
    inbrengers = rng.sample(members, 3)
    cases = [
        Case(
            id=_id(meeting_id, "case", c),
            meeting_id=meeting_id,
            inbrenger_id=inbrengers[c].id,
            title=text.words(3, 6).capitalize(),
            question=text.question(),
            theme=text.words(1, 3),
            status=(CaseStatus.CHOSEN if running else CaseStatus.DONE) if c < 2 else CaseStatus.CANDIDATE,
            method_id=methods[c] if c < 2 else "",
            urgency=rng.randint(1, 5),
            votes=rng.randint(0, 6),
            next_step=text.sentence(),
            scale_score=rng.randint(3, 9),
            takeaway=text.sentence(),
            outcome=text.sentence() if not running else "",
            updated_at=now,
        )
        for c in range(3)
    ]
    slots = tuple(CaseSlot(method_id=methods[c], case_id=cases[c].id) for c in range(2))
    phases = list(plan_phases(library, slots))
    current = len(phases) - 1
    if running:
        current = next(i for i, phase in enumerate(phases) if phase.key == _LIVE_PHASE)
    for i, phase in enumerate(phases):
        if i < current or not running:
            phases[i] = replace(
                phase, spent_seconds=phase.planned_minutes * 60 * rng.uniform(0.7, 1.3), status=PhaseStatus.DONE
            )
    if running:
        phases[current] = replace(phases[current], status=PhaseStatus.CURRENT, spent_seconds=120.0)
    meeting = Meeting(
        id=meeting_id,
        group_id=group.id,
        held_on=held_on,
        planned_start=start,
        planned_end=start + timedelta(minutes=sum(phase.planned_minutes for phase in phases)),
        actual_start=start,
        actual_end=None if running else start + timedelta(hours=2, minutes=25),
        chair_id="",
        supervised=True,
        supervisor_present=True,
        method_id=methods[0],
        phases=tuple(phases),
        status=MeetingStatus.RUNNING if running else MeetingStatus.CLOSED,
        slots=slots,
        current=current,
        clock_started_at=live if running else None,
        updated_at=live if running else now,
    )
    questions = [
        Question(
            id=_id(meeting_id, "question", q),
            meeting_id=meeting_id,
            case_id=cases[q % 2].id,
            asker_id=members[q % len(members)].id,
            text=text.question(),
            kind=("open", "closed", "advice")[q % 3],
            mark=("warm", "cold", "neutral", "")[q % 4],
            position=q,
            updated_at=now,
        )
        for q in range(QUESTIONS)
    ]
    board_phases = [phase for phase in phases if phase.case_slot] or phases
    if running:
        board_phases = [phases[current]] + board_phases
    notes = []
    for n in range(NOTES):
        phase = board_phases[n % len(board_phases)]
        columns = ("kernkwaliteit", "valkuil", "uitdaging", "allergie") if phase.key.endswith("kwadrant") else ("",)
        notes.append(
            Note(
                id=_id(meeting_id, "note", n),
                meeting_id=meeting_id,
                phase_key=phase.key,
                text=text.words(3, 8).capitalize(),
                case_id=cases[phase.case_slot - 1].id if phase.case_slot else "",
                position=n // len(board_phases),
                column=columns[n % len(columns)],
                author_id=members[n % len(members)].id,
                updated_at=now,
            )
        )
    feedback = [
        FeedbackItem(
            id=_id(meeting_id, "feedback", about, f),
            meeting_id=meeting_id,
            giver_id=giver.id,
            about=about,
            case_id=cases[0].id if about is FeedbackAbout.INBRENGER else "",
            top=text.sentence(4, 10),
            tip=text.sentence(4, 10),
            updated_at=now,
        )
        for about in FeedbackAbout
        for f, giver in enumerate(members)
    ]
    absent = number % len(members)
    attendance = [
        Attendance(
            id=_id(meeting_id, member.id),
            meeting_id=meeting_id,
            member_id=member.id,
            present=m != absent,
            arrived=start if m != absent else None,
            updated_at=now,
        )
        for m, member in enumerate(members)
    ]
    order = tuple(member.id for member in members)
    rounds = [
        Round(
            id=_id(meeting_id, "round", phase.key),
            meeting_id=meeting_id,
            phase_key=phase.key,
            order=order,
            turns=tuple(Turn(member_id=member_id, contributions=rng.randint(0, 3)) for member_id in order),
            per_turn=1,
            updated_at=now,
        )
        for phase in phases[:4]
    ]
    evaluations = (
        []
        if running
        else [
            Evaluation(
                id=_id(meeting_id, "evaluation", member.id),
                meeting_id=meeting_id,
                member_id=member.id,
                takeaway=text.sentence(),
                technical=text.sentence(),
                normative=text.sentence(),
                personal=text.sentence(),
                rating=rng.randint(6, 10),
                method_rating=rng.randint(5, 10),
                safety_rating=rng.randint(6, 10),
                yield_rating=rng.randint(5, 10),
                time_rating=rng.randint(5, 10),
                updated_at=now,
            )
            for member in members
        ]
    )
    return [meeting, *cases, *questions, *notes, *feedback, *attendance, *rounds, *evaluations]


def build_records(layout: Layout, seed: int = SEED, live: datetime | None = None) -> list[list[Any]]:
    """Every record of a file, as lists: first the groups' own records, then one list per meeting.

    The running meeting's clock last ran at ``live`` (default: now), as when a chair quit a few
    minutes before the app is started again: it resumes without asking what happened, as it would
    after a short stop (a clock that stood since another day makes the app ask first).
    """
    live = live or datetime.now(_TZ)
    rng = random.Random(seed)
    text = _Text(rng)
    library = load_shipped()
    now = datetime.combine(LAST_DAY, clock_time(15, 0), tzinfo=_TZ)
    per_group = [
        layout.meetings // layout.groups + (1 if g < layout.meetings % layout.groups else 0)
        for g in range(layout.groups)
    ]
    batches: list[list[Any]] = []
    for g in range(layout.groups):
        count = per_group[g]
        # Eight meetings a year, every ~6.5 weeks, ending on LAST_DAY (a day earlier per group after the first).
        last = LAST_DAY - timedelta(days=g)
        days = [last - timedelta(days=45 * (count - 1 - k)) for k in range(count)]
        group, shared = _group_records(g, rng, now, (days[0] if days else last) - timedelta(days=30))
        members = [record for record in shared if isinstance(record, Member)]
        batches.append(shared)
        for k, held_on in enumerate(days):
            batches.append(
                _meeting_records(
                    library, group, members, k, held_on, text, now, running=(g == 0 and k == count - 1), live=live
                )
            )
    return batches


def generate(
    path: Path, layout: Layout, *, kdf: KdfParams | None = None, seed: int = SEED, passphrase: str = PASSPHRASE
) -> dict[str, float]:
    """Write a new file at ``path`` (it must not exist); returns sizes and the time it took.

    ``kdf`` None means the platform's real default (``crypto.default_kdf()``).
    """
    started = time.perf_counter()
    batches = build_records(layout, seed)
    now = datetime.combine(LAST_DAY, clock_time(15, 0), tzinfo=_TZ)
    repository = Repository.create(path, passphrase, kdf=kdf or crypto.default_kdf(), clock=lambda: now)
    try:
        with repository.batch():  # one durable save for the whole file
            for records in batches:
                repository.put(*records)
    finally:
        repository.close()
    return {
        "meetings": float(layout.meetings),
        "file_mib": path.stat().st_size / 2**20,
        "seconds": time.perf_counter() - started,
    }


def layout_for(size: str, meetings: int | None = None) -> Layout:
    """The layout named ``size`` ("small" or "large"), or the large one with ``meetings`` meetings."""
    if meetings is not None:
        return Layout(groups=GROUPS, meetings=meetings)
    return SMALL if size == "small" else LARGE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", choices=("small", "large"), default="large")
    parser.add_argument("--meetings", type=int, default=None)
    parser.add_argument("--fast-kdf", action="store_true", help="the tests' cheap KDF (only for --quick runs)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    info = generate(
        args.out,
        layout_for(args.size, args.meetings),
        kdf=ARGON2ID_FAST_FOR_TESTS if args.fast_kdf else None,
        seed=args.seed,
    )
    print(f"{args.out}: {info['meetings']:.0f} meetings, {info['file_mib']:.2f} MiB, {info['seconds']:.1f} s")
    print(f"passphrase: {PASSPHRASE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
