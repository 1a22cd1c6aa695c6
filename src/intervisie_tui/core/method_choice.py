"""Which methods fit a case question: docs/METHODS.md's guidance turned into word cues.

incident → concrete incidents and beginners; vijfstappen → knowledge questions;
Balint → emotional charge and relationships; roddel → stuck, wanting new
angles; socratisch → ethical dilemmas; RET → own beliefs ("ik moet");
kernkwadranten → friction with someone, own qualities; OGW → a clear desired
situation ("bereiken dat"); clinic → how to say something in a conversation.
The cues only order the list; the group always chooses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# (method id, cue stems matched at the start of words, Dutch and English)
CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("oplossingsgericht", ("bereik", "zorgen dat", "zover", "achieve", "get to", "make sure")),
    ("clinic", ("zeg", "vertel", "gesprek", "brengen", "verwoord", "say", "tell", "conversation", "phrase")),
    (
        "kernkwadranten",
        ("collega", "irrit", "erger", "botst", "wrijving", "colleague", "irritat", "annoy", "clash", "friction"),
    ),
    ("ret", ("moet", "mag niet", "geloof", "overtuig", "faal", "must", "should", "belief", "fail")),
    ("socratisch", ("verantwoord", "ethisch", "dilemma", "mag ik", "goede zorg", "responsib", "ethic", "right thing")),
    (
        "balint",
        (
            "raakt",
            "emotie",
            "boos",
            "verdriet",
            "relatie",
            "band",
            "gevoel",
            "angst",
            "touch",
            "emotion",
            "angry",
            "relationship",
            "feel",
            "afraid",
        ),
    ),
    (
        "roddel",
        ("vast", "steeds weer", "blijf", "perspectief", "kijk", "stuck", "again and again", "perspective", "angle"),
    ),
    ("vijfstappen", ("weet", "kennis", "regel", "procedure", "wet", "protocol", "know", "rule", "law")),
    ("incident_kort", ("incident", "gebeurd", "toen", "laatst", "happened", "yesterday", "last week")),
)


def _matches(question: str, stem: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(stem), question) is not None


def suggest(question: str, method_ids: Iterable[str]) -> list[str]:
    """The methods among ``method_ids`` whose cues occur in ``question``, best fit first.

    A method scores one point per cue found; ties keep the order of :data:`CUES`.
    Methods without cues in the question are left out.
    """
    text = " ".join(question.casefold().split())
    available = set(method_ids)
    scored = []
    for order, (method_id, stems) in enumerate(CUES):
        if method_id not in available:
            continue
        score = sum(1 for stem in stems if _matches(text, stem))
        if score:
            scored.append((-score, order, method_id))
    return [method_id for _score, _order, method_id in sorted(scored)]
