"""What makes a good case to bring in: a checklist shown to the presenter, never enforced.

From the public pages on bringing in a case (docs/RULES.md): the situation is the presenter's own,
recent or still to come, the presenter has a part in it, it holds a dilemma, and the question asks
"How can I …?". The app shows the list where a case is brought in; the coach's own-action hint
(core/questions.frames_own_action) is the only point it checks as one types.
"""

from __future__ import annotations

from intervisie_tui.i18n import N_, _

GOOD_CASE = (
    N_("your own situation"),
    N_("recent or coming up"),
    N_("your own part in it"),
    N_("a dilemma"),
    N_('asked as "How can I …?"'),
)
"""The points of a good case, in the order the presenter checks them."""


def checklist() -> list[str]:
    """The points of a good case in the current language."""
    return [_(point) for point in GOOD_CASE]


def checklist_line() -> str:
    """The checklist as one line to show above the case form ("A good case: … · … · …")."""
    return _("A good case: {points}").format(points=" · ".join(checklist()))
