"""Going from screen to screen: every screen asks the app's navigator, none imports another.

:class:`Navigator` is a collaborator of the app. A screen that opens another (the groups open a
group, a group opens its history …) calls ``self.app.navigate``; the navigator knows the
screens, imports each when it is first opened (docs/PERFORMANCE.md) and hands back what the
opened screen returns. So the screens stay independent of each other, which the import
contracts in pyproject.toml check.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.widget import AwaitMount

from intervisie_tui.i18n import _

if TYPE_CHECKING:
    from intervisie_tui.core.methods import MethodLibrary
    from intervisie_tui.core.model import Agreement, Group, MeetingContent, Member
    from intervisie_tui.ui.app import IntervisieApp

Back = Callable[[Any], None]


class Navigator:
    """Opens the app's screens."""

    def __init__(self, app: IntervisieApp) -> None:
        self._app = app

    # -- the file ---------------------------------------------------------------------------

    def unlock(self, *, veiled: bool = False) -> AwaitMount:
        """The unlock screen as the only screen (at start, after a lock or a language switch).

        ``veiled``: locked during a meeting, it shows a curtain until a key (docs/ROOM.md).
        """
        from intervisie_tui.ui.screens.unlock import UnlockScreen

        return self._app.replace_stack(UnlockScreen(veiled=veiled))

    def create(self) -> AwaitMount:
        """The screen that makes a new file."""
        from intervisie_tui.ui.screens.create import CreateScreen

        return self._app.push_screen(CreateScreen())

    def home(self) -> AwaitMount:
        """The groups, as the only screen."""
        from intervisie_tui.ui.screens.home import HomeScreen

        return self._app.replace_stack(HomeScreen())

    # -- a group ----------------------------------------------------------------------------

    def group(self, group: Group, back: Back | None = None) -> None:
        """One group's screen; ``back`` is called when it closes."""
        from intervisie_tui.ui.screens.group import GroupScreen

        self._app.push_screen(GroupScreen(group), back)

    def history(self, group: Group) -> None:
        """The group's past meetings."""
        from intervisie_tui.ui.screens.history import HistoryScreen

        self._app.push_screen(HistoryScreen(group))

    def past_meeting(
        self, content: MeetingContent, group: Group, members: list[Member], library: MethodLibrary, back: Back
    ) -> None:
        """One past meeting read back; ``back`` gets the meeting as changed (or None)."""
        from intervisie_tui.ui.screens.past_meeting import PastMeetingScreen

        self._app.push_screen(PastMeetingScreen(content, group, members, library), back)

    def members(self, group: Group, members: list[Member], back: Back) -> None:
        """The group's members; ``back`` gets them as changed (or None)."""
        from intervisie_tui.ui.screens.members import MembersScreen

        self._app.push_screen(MembersScreen(group, members), back)

    def agreements(
        self,
        group: Group,
        agreements: list[Agreement],
        members: list[Member],
        today: date,
        back: Back | None = None,
        *,
        before_meeting: bool = False,
    ) -> None:
        """The group's agreements and who accepted them; ``back`` gets them as changed (or None).

        ``before_meeting``: shown over a first meeting, whose screen Esc goes on to (and says so).
        """
        from intervisie_tui.ui.screens.agreements import AgreementsScreen

        screen = AgreementsScreen(group, agreements, members, today, before_meeting=before_meeting)
        self._app.push_screen(screen, back)

    def handover(self, group: Group) -> None:
        """Hand the group over in a new file of its own."""
        from intervisie_tui.ui.screens.handover import HandoverScreen

        assert self._app.repository is not None
        self._app.push_screen(HandoverScreen(group, self._app.repository.path))

    def supervisor_notes(self, group: Group) -> None:
        """The supervisor's private notes about the group."""
        from intervisie_tui.ui.screens.supervisor_notes import SupervisorNotesScreen

        self._app.push_screen(SupervisorNotesScreen(group))

    def merge_review(
        self, group_id: str | None = None, came_in: tuple[str, ...] = (), back: Back | None = None
    ) -> None:
        """The merge screen: what came in, and the decisions waiting (of one group, or all)."""
        from intervisie_tui.ui.screens.merge_review import MergeReviewScreen

        self._app.push_screen(MergeReviewScreen(group_id, came_in), back)

    # -- meetings ---------------------------------------------------------------------------

    def meeting(self, meeting_id: str, *, after_restart: bool = False) -> AwaitMount | None:
        """The session screen of one meeting; returns what to await for it to be mounted."""
        from intervisie_tui.ui.session.loading import meeting_records
        from intervisie_tui.ui.session.screen import SessionScreen

        app = self._app
        assert app.repository is not None
        content = app.repository.meeting_content(meeting_id)
        group = app.repository.group(content.meeting.group_id) if content else None
        if content is None or group is None:
            app.say(_("This meeting could not be found."), severity="error")
            return None
        from intervisie_tui.core.methods import load_shipped

        library = app.repository.library(load_shipped(), group.id)
        records = meeting_records(app.repository, content, group.id)
        return app.push_screen(
            SessionScreen(content.meeting, group, list(content.notes), library, records, after_restart=after_restart)
        )

    def todays_meeting(self, group: Group, *, skip: Collection[str] = ()) -> None:
        """The group's running meeting or today's, else a new one planned from the group's rules."""
        from intervisie_tui.ui.meeting_start import open_or_plan

        open_or_plan(self._app, group, skip=skip)
