"""Evidence that is true (issue 17, item 1): after sign-off and handover, a self-run meeting is self-run on paper.

A supervised group holds a meeting with its supervisor, the supervisor signs off and hands the group
over; in the group's own file the next meeting is planned, held and exported. Every export of that
meeting (attendance list as Markdown, CSV and HTML, minutes in every format, the hours statement in
every format) says it was not supervised and never names the supervisor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.core import meeting as meetings
from intervisie_tui.core.methods import load_shipped
from intervisie_tui.core.model import Case, CaseStatus, Group, GroupMode, Member, Supervisor, summarize, touch
from intervisie_tui.core.next_meeting import plan_next
from intervisie_tui.core.programme import MeetingKind, next_slot, progress
from intervisie_tui.store.handover import export_group
from intervisie_tui.store.repository import Repository
from intervisie_tui.ui.meeting_start import group_history, todays_meeting
from tests.conftest import PASSPHRASE, FrozenClock

SUPERVISOR = Supervisor(name="Marieke Jansen", register="LVSC", register_number="LVSC-4471")
GROUP_PASSPHRASE = "onze eigen zin voor de groep"
NAMES = ("Aya Bakker", "Bas de Wit", "Cor Smit", "Dewi Visser")

pytestmark = pytest.mark.usefixtures("dutch_environment")


def _hold(repository: Repository, clock: FrozenClock, group: Group, members: list[Member], *, with_supervisor: bool):
    """Plan today's meeting as the app does, mark the supervisor if asked, work one case for 90 minutes."""
    meeting = todays_meeting(group, members, group_history(repository, group.id), clock())
    if with_supervisor:
        meeting = touch(meeting, clock(), supervisor_present=True)
    meeting = meetings.start(meeting, clock())
    case = Case(
        id=f"case-{meeting.id}",
        meeting_id=meeting.id,
        inbrenger_id=members[-1].id,
        title="Moeder zegt steeds af",
        question="Hoe kan ik het contact houden zonder te drammen?",
        status=CaseStatus.DONE,
        updated_at=clock(),
    )
    clock.advance(minutes=90)
    meeting = meetings.finish(meeting, clock())
    repository.put(meeting, case)
    return meeting


@pytest.fixture
def handed_over(tmp_path: Path, fast_kdf, clock: FrozenClock) -> tuple[Path, Group, list[Member]]:
    """The group's own file after one supervised meeting, the sign-off and the handover."""
    source = Repository.create(tmp_path / "begeleider.ivt", PASSPHRASE, kdf=fast_kdf, clock=clock)
    try:
        group = Group(
            id="g-noord",
            name="Intervisie Noord",
            mode=GroupMode.SUPERVISED,
            supervisor=SUPERVISOR,
            programme_id="four_one_one",
            updated_at=clock(),
        )
        members = [
            Member(id=f"m{index}", group_id=group.id, name=name, register="SKJ", updated_at=clock())
            for index, name in enumerate(NAMES)
        ]
        source.put(group, *members)
        first = _hold(source, clock, group, members, with_supervisor=True)
        assert first.supervised and first.supervisor_present
        clock.advance(days=1)
        group = touch(group, clock(), mode=GroupMode.SELF_RUN, graduated_on=clock().date(), graduated_by="Marieke")
        source.put(group)
        out = tmp_path / "noord.ivt"
        export_group(source, group.id, out, GROUP_PASSPHRASE, kdf=fast_kdf, clock=clock)
    finally:
        source.close()
    return out, group, members


def test_the_plan_after_sign_off_is_self_run_with_the_chairs_cues_on(handed_over, fast_kdf, clock) -> None:
    """The programme's next position was supervised; a group that runs itself gets a self-run meeting."""
    path, group, members = handed_over
    clock.advance(days=20)
    repository = Repository.unlock(path, GROUP_PASSPHRASE, clock=clock)
    try:
        history = group_history(repository, group.id)
        summaries = [summarize(content.meeting, content.cases) for content in history]
        upcoming = next_slot(progress(repository.group(group.id), summaries, clock().date()))  # type: ignore[arg-type]
        assert upcoming is not None and upcoming.kind is MeetingKind.SELF_RUN and upcoming.stage == 5
        plan = plan_next(repository.group(group.id), members, history, clock().date())  # type: ignore[arg-type]
        assert not plan.supervised and plan.chair_id  # a member chairs, the supervisor does not
        meeting = todays_meeting(repository.group(group.id), members, history, clock())  # type: ignore[arg-type]
        assert not meeting.supervised and not meeting.supervisor_present and meeting.chair_id
        # (MeetingSession turns the chair's cues on for a meeting that is not supervised.)
    finally:
        repository.close()


def _exports(cli, secret, path: Path, out: Path, day: str) -> dict[str, str]:
    """Every export of the meeting held on ``day``, through the command line, as text."""
    key = secret(GROUP_PASSPHRASE)
    common = ["--passphrase-file", key]
    asked = {
        "attendance.md": ["attendance", path, "--meeting", day, "--out", out / "lijst.md"],
        "attendance.csv": ["attendance", path, "--meeting", day, "--out", out / "lijst.csv"],
        "minutes.md": ["minutes", path, "--meeting", day, "--case-text", "--out", out / "verslag.md"],
        "hours.md": ["hours", path, "--member", NAMES[0], "--from", day, "--to", day, "--out", out / "uren.md"],
    }
    texts = {}
    for name, arguments in asked.items():
        code, said = cli("export", *arguments, *common)
        assert code == 0, said
        texts[name] = Path(arguments[-1]).read_text(encoding="utf-8")
    return texts


def test_every_export_of_a_self_run_meeting_names_no_supervisor(handed_over, cli, secret, clock, tmp_path) -> None:
    path, group, members = handed_over
    clock.advance(days=20)
    repository = Repository.unlock(path, GROUP_PASSPHRASE, clock=clock)
    try:
        held = _hold(repository, clock, repository.group(group.id), members, with_supervisor=False)  # type: ignore[arg-type]
    finally:
        repository.close()
    out = tmp_path / "exports"
    out.mkdir()
    texts = _exports(cli, secret, path, out, held.held_on.isoformat())
    assert len(texts) == 4
    for name, text in texts.items():
        # Not "LVSC" alone: the SKJ note names it among the supervisor registers whose members may sign.
        for named in (SUPERVISOR.name, "Marieke", "Jansen", SUPERVISOR.register_number):
            assert named.casefold() not in text.casefold(), (name, named)
        assert "Begeleid: Ja" not in text, name
    assert "- Begeleid: Nee" in texts["attendance.md"] and "- Begeleid: Nee" in texts["minutes.md"]
    header, row = texts["attendance.csv"].splitlines()[:2]
    assert dict(zip(header.split(";"), row.split(";"), strict=True))["Begeleid"] == "Nee"
    assert "| Nee |" in texts["hours.md"]
    assert held.chair_id and next(m.name for m in members if m.id == held.chair_id) in texts["minutes.md"]


def test_a_supervised_meeting_with_the_supervisor_not_marked_present_is_not_evidence(tmp_path, fast_kdf, clock) -> None:
    """Planned as supervised, but nobody marked the supervisor present: the papers do not say supervised."""
    from intervisie_tui.core.attendance_list import attendance_markdown
    from intervisie_tui.core.minutes import minutes_markdown

    repository = Repository.create(tmp_path / "f.ivt", PASSPHRASE, kdf=fast_kdf, clock=clock)
    try:
        group = Group(id="g", name="Noord", supervisor=SUPERVISOR, programme_id="four_one_one", updated_at=clock())
        members = [Member(id="m0", group_id="g", name="Aya Bakker", updated_at=clock())]
        repository.put(group, *members)
        meeting = _hold(repository, clock, group, members, with_supervisor=False)
        assert meeting.supervised and not meeting.supervisor_present
        content = repository.meeting_content(meeting.id)
        assert content is not None
        for text in (
            attendance_markdown(content, group, members, load_shipped()),
            minutes_markdown(content, group, members, load_shipped()),
        ):
            assert "Begeleid: Nee" in text and "Marieke" not in text
    finally:
        repository.close()
