"""The default group agreements (intervisiecontract), which each group edits.

Whether bringing in a case is voluntary or a shared duty is the group's choice: the public
contracts read differ on it (docs/RULES.md), so the defaults come with either rule.
"""

from __future__ import annotations

from datetime import datetime
from types import MappingProxyType

from intervisie_tui.core.model import Agreement, new_id
from intervisie_tui.i18n import N_, _

VOLUNTARY, IN_TURN = "voluntary", "in_turn"

CASE_RULES = MappingProxyType(
    {
        VOLUNTARY: N_("Bringing in a case is voluntary."),
        IN_TURN: N_("Everyone brings in a case in turn; who has none that time says so in advance."),
    }
)
"""The two agreements on bringing in a case, by choice."""

CASE_RULE_CHOICES = MappingProxyType(
    {
        VOLUNTARY: N_("Voluntary: whoever has a case brings it in"),
        IN_TURN: N_("A shared duty: everyone brings in a case in turn"),
    }
)
"""How the choice between the two is offered."""

DEFAULT_AGREEMENTS = (
    N_("What is shared in the group stays in the group."),
    CASE_RULES[VOLUNTARY],
    N_("We are equals: no line manager takes part in the group."),
    N_("We come to every meeting; who cannot come lets the chair know in advance."),
    N_("Clients stay anonymous: no names, birth dates, addresses or BSN."),
    N_("We ask open questions first and give advice only when the method asks for it."),
    N_("The minutes hold only what the group agrees to keep."),
)
"""The defaults with bringing in a case voluntary; :func:`default_texts` gives them with either rule."""

CASE_RULE_POSITION = 1
"""Where the case rule stands among the defaults."""


def default_texts(case_rule: str = VOLUNTARY) -> tuple[str, ...]:
    """The default agreements (untranslated) with ``case_rule`` (VOLUNTARY or IN_TURN) for bringing in cases."""
    texts = list(DEFAULT_AGREEMENTS)
    texts[CASE_RULE_POSITION] = CASE_RULES[case_rule]
    return tuple(texts)


def default_agreements(group_id: str, now: datetime, case_rule: str = VOLUNTARY) -> list[Agreement]:
    """The default agreements for a new group, in the current language, with the case rule chosen."""
    return [
        Agreement(id=new_id(), group_id=group_id, text=_(text), position=index, updated_at=now)
        for index, text in enumerate(default_texts(case_rule))
    ]
