"""The default group agreements (intervisiecontract), which each group edits."""

from __future__ import annotations

from datetime import datetime

from intervisie_tui.core.model import Agreement, new_id
from intervisie_tui.i18n import N_, _

DEFAULT_AGREEMENTS = (
    N_("What is shared in the group stays in the group."),
    N_("Bringing in a case is voluntary."),
    N_("We are equals: no line manager takes part in the group."),
    N_("We come to every meeting; who cannot come lets the chair know in advance."),
    N_("Clients stay anonymous: no names, birth dates, addresses or BSN."),
    N_("We ask open questions first and give advice only when the method asks for it."),
    N_("The minutes hold only what the group agrees to keep."),
)


def default_agreements(group_id: str, now: datetime) -> list[Agreement]:
    """The default agreements for a new group, in the current language."""
    return [
        Agreement(id=new_id(), group_id=group_id, text=_(text), position=index, updated_at=now)
        for index, text in enumerate(DEFAULT_AGREEMENTS)
    ]
