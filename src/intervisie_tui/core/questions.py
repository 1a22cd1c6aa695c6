"""The question coach: is a question open, closed, or advice in disguise?

The question round is for understanding only: no advice, judgement,
interpretation or suggestion, and a suggestive question counts as advice
("verkapt advies"). :func:`classify` gives the chair a soft verdict with a
short reason; it never blocks a question.

The rules look at words, never substrings, and at the start of each clause
(text between commas, full stops, dashes), after fillers such as "En", "Maar",
"Oké". In order:

1. Text without words, or text that is no question at all (no question mark,
   no question word or finite verb up front), is ADVICE: a statement may carry
   an opinion or advice.
2. Hidden advice, judgement and interpretation patterns give ADVICE. They come
   before the open/closed rule because many start with a finite verb
   ("Heb je al eens geprobeerd …?"). A suggestive question is advice too
   ("Vind je niet dat …?", "Is … geen optie?", "Wat als je …?"), but a plain
   factual negative is not ("Heb je geen pauze gehad?", "Didn't anyone call
   back?"): a negation counts only with a modal, an opinion verb or a word
   that steers. docs/QUESTION_COACH.md tells how the rules are measured.
3. The first clause that opens with a question word ("wat", "hoe",
   "in hoeverre") gives OPEN; "waarom" is open too but may sound judging. A
   finite verb with a subject ("heb je", "is het") gives CLOSED.
4. Anything else with a question mark ("Je was boos?") is CLOSED.

Each language has its own word lists and patterns (:data:`_RULES`); ``lang``
picks one, and the other takes over when the opening words plainly belong to it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_, _

OPEN, CLOSED, ADVICE = "open", "closed", "advice"

_LABELS = {OPEN: N_("open"), CLOSED: N_("closed"), ADVICE: N_("advice?")}

_OPEN_REASON = N_('Open question with "{words}": it invites the presenter to tell.')
_WHY_REASON = N_('Open, but "{words}" can sound judging: it asks for a justification.')
_CLOSED_REASON = N_(
    'Closed question ("{words}"): it can be answered with yes or no. Could you open it with what or how?'
)
_YES_NO_REASON = N_("A statement with a question mark: a yes/no question, or an interpretation?")
_STATEMENT_REASON = N_("Not a question but a statement — an opinion or advice?")
_EMPTY_REASON = N_("No question yet: there are no words.")
# Hidden advice, by what the pattern sounds like and whether the text starts with it.
_STARTS = {
    "advice": N_('Starts with "{words}" — hidden advice?'),
    "judging": N_('Starts with "{words}" — sounds like a judgement or hidden advice.'),
    "interpretation": N_('Starts with "{words}" — an interpretation put as a question?'),
}
_CONTAINS = {
    "advice": N_('Contains "{words}" — hidden advice?'),
    "judging": N_('Contains "{words}" — sounds like a judgement or hidden advice.'),
    "interpretation": N_('Contains "{words}" — an interpretation put as a question?'),
}


@value_class
class Classification:
    """The coach's verdict on one question."""

    kind: str
    """One of OPEN, CLOSED, ADVICE."""
    reason: str
    """A short sentence for the chair, in the UI language."""
    pattern: str = ""
    """The words that triggered the verdict, as written in the text; "" when none."""


def classify(text: str, lang: str = "nl") -> Classification:
    """Classify ``text`` as an open, closed or advice-like question in language ``lang`` ("nl" or "en").

    Text without words (also "") and statements are ADVICE: neither asks to
    understand. Never raises.
    """
    words = _words(text)
    if not words:
        return Classification(ADVICE, _(_EMPTY_REASON))
    clauses = _clauses(words)
    rules = _rules_for(lang, clauses[0])
    asked = "?" in text or "？" in text
    form = _first_form(clauses, rules, asked)
    if form is None and not asked:
        return Classification(ADVICE, _(_STATEMENT_REASON))
    hit = _hidden_advice(words, clauses, rules)
    if hit is not None:
        return hit
    if form is not None:
        kind, opening = form
        found = _span(opening)
        if kind == CLOSED:
            return Classification(CLOSED, _(_CLOSED_REASON).format(words=found), found)
        reason = _WHY_REASON if kind == "why" else _OPEN_REASON
        return Classification(OPEN, _(reason).format(words=found), found)
    return Classification(CLOSED, _(_YES_NO_REASON))


def frames_own_action(question: str, lang: str = "nl") -> bool:
    """Whether a case question is about the inbrenger's own action ("Hoe kan ik …?", "What can I …?").

    True when it opens with a question word and "ik" / "I" follows within three words.
    """
    words = _words(question)
    if not words:
        return False
    clause = _clauses(words)[0]
    rules = _rules_for(lang, clause)
    lowered = _strip([word.lower for word in clause])
    opening = _question_word(lowered, rules)
    return opening is not None and rules.me in lowered[opening[1] : opening[1] + 3]


def kind_label(kind: str) -> str:
    """The short label of a verdict in the UI language ("open", "gesloten", "advies?"); other text as is."""
    return _(_LABELS[kind]) if kind in _LABELS else kind


# -- words and clauses ---------------------------------------------------------------------

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼ´`′", "'"))
_WORD = re.compile(r"\w+(?:'\w+)*")
# A comma, colon, full stop, ellipsis, bracket or loose dash ends a clause; quotes do not.
_CLAUSE_BREAK = re.compile(r"[,;:.!?…()\[\]—–¿？\n]|(?:^|\s)-+(?:\s|$)")


class _Word(NamedTuple):
    text: str
    """As written (NFC, straight apostrophes)."""
    lower: str
    breaks: bool
    """Whether a clause break comes before this word."""


def _words(text: str) -> list[_Word]:
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    words, end = [], 0
    for match in _WORD.finditer(text):
        # Searched in place, so "^" and "$" of a loose dash are the text's: "time-out" is one clause.
        breaks = bool(_CLAUSE_BREAK.search(text, end, match.start()))
        words.append(_Word(match.group(), match.group().lower(), breaks))
        end = match.end()
    return words


def _clauses(words: Sequence[_Word]) -> list[list[_Word]]:
    """The words split into clauses; a clause of fillers only ("Oké, …") joins the next."""
    clauses: list[list[_Word]] = [[]]
    for word in words:
        current = clauses[-1]
        if word.breaks and current and _strip([w.lower for w in current]):
            clauses.append([])
        clauses[-1].append(word)
    return clauses


def _span(words: Sequence[_Word]) -> str:
    """The words as written, one space apart."""
    return " ".join(word.text for word in words)


# -- the rules of one language -------------------------------------------------------------


@value_class
class _Rules:
    """What one language's questions look like."""

    open_words: frozenset[str]
    why_words: tuple[tuple[str, ...], ...]
    prepositions: frozenset[str]
    """A preposition before a question word keeps it open ("in hoeverre", "to what extent")."""
    heads: frozenset[str]
    """Nouns that belong to the question word ("op welke manier")."""
    verbs: frozenset[str]
    """Finite verbs that open a closed question before any subject ("is het", "was the")."""
    loose_verbs: frozenset[str] | None
    """Words that may be a verb before a clear subject; None: any word not in ``non_verbs``."""
    non_verbs: frozenset[str]
    subjects: frozenset[str]
    """Clear subjects: after a possible verb they make a closed question."""
    weak_subjects: frozenset[str]
    """Words that may also be an object ("het", "it"): a subject after a known verb or in a text with "?"."""
    me: str
    patterns: tuple[tuple[str, str], ...]
    """Hidden advice: (pattern spec, "advice" | "judging" | "interpretation"); see :func:`_hidden_advice`."""

    @property
    def vocabulary(self) -> frozenset[str]:
        """Words that mark a question opening as this language."""
        whys = {word for words in self.why_words for word in words}
        return self.open_words | whys | self.verbs | self.subjects | self.weak_subjects | (self.loose_verbs or set())


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    phrases = (tuple(phrase.split()) for phrase in text.split(","))
    return tuple(sorted(phrases, key=len, reverse=True))


@cache
def _compile(specs: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compile word patterns, once, on first use (not at import: start-up would pay for it); see :func:`_pattern`."""
    skip = "|".join(re.escape(" ".join(filler)) for filler in _FILLERS)
    return tuple((_pattern(spec, skip), kind) for spec, kind in specs)


def _pattern(spec: str, skip: str) -> re.Pattern[str]:
    """A regex over lower-case words, each followed by a space, with "| " between clauses.

    ``spec`` is space-separated items: ``a|b`` one of these words, ``?a|b`` optional,
    ``*`` any one word, ``…N`` up to N words (default 3); a ``*`` inside a word is any
    letters ("*ing"). A leading ``^`` anchors at the start of a clause, after fillers.
    """
    anchored = spec.startswith("^ ")
    parts = []
    for item in spec.removeprefix("^ ").split():
        if item.startswith("…"):
            parts.append(r"(?:[^\s|]+ ){0," + str(int(item[1:] or 3)) + "}?")
            continue
        if item == "*":
            parts.append(r"[^\s|]+ ")
            continue
        optional = item.startswith("?")
        alternatives = "|".join(re.escape(word).replace(r"\*", r"[^\s|]*") for word in item.lstrip("?").split("|"))
        parts.append(f"(?:(?:{alternatives}) )" + ("?" if optional else ""))
    body = "(?P<hit>" + "".join(parts) + ")"
    if anchored:
        return re.compile(rf"(?:^|\| )(?:(?:{skip}) )*+" + body)
    return re.compile(r"(?<![^ ])" + body)


_FILLERS = _phrases(
    "en, maar, oké, oke, ok, okay, oh, dus, nou, ja, nee, goed, prima, dan, eh, ehm, uhm, hm, hmm,"
    " ik ben benieuwd, ik ben nieuwsgierig, ik vraag me af, ik wil graag weten, ik zou graag willen weten,"
    " ik zou willen weten, ik zou graag weten, vertel eens,"
    " and, but, so, well, right, then, um, uh, yes, yeah, no, alright, i wonder, i'm curious, i am curious,"
    " i'd like to know, i would like to know, i'd love to know, tell me"
)

_NL_SUBJECTS = _set("je jij u jullie we wij ik hij zij men")
_NL_WEAK = _set("het ze er dat die dit deze de een mijn jouw zijn haar hun ons onze uw iemand iets niemand")
_NL_PATTERNS = (
    # "Waarom heb je niet …" asks the inbrenger to justify: judgement, or advice.
    ("^ waarom|hoezo * je|jij|u|jullie …3 niet|geen", "judging"),
    ("^ waarom|hoezo niet", "judging"),
    ("^ heb|hebt|had|heeft je|jij|u|jullie …4 geprobeerd|uitgeprobeerd|overwogen|stilgestaan", "advice"),
    ("^ heb|hebt|had|heeft je|jij|u|jullie …4 aan|eraan|over|erover gedacht|nagedacht", "advice"),
    ("^ heb|hebt|had|heeft je|jij|u|jullie …4 gedacht|nagedacht aan|over|om", "advice"),
    ("^ zou|kan|kon het|dat …2 kunnen|zijn …1 dat", "interpretation"),
    # "Is … geen optie?" names the option the asker has in mind.
    ("^ is|was|zijn|waren|zou|wordt|lijkt …5 geen optie|oplossing|idee|mogelijkheid|alternatief", "advice"),
    ("^ is|zijn er geen|niet ander|andere|betere", "advice"),
    # "Was er geen collega?" asks what happened; "Is het niet …" and "Was het niet handiger …" steer.
    ("^ is|zou|zal|wordt|kan|lijkt het|dat|er …1 niet|geen", "advice"),
    ("^ was|waren het|dat …1 niet|geen …2 beter|handiger|verstandiger|slimmer|makkelijker|fijner|logischer", "advice"),
    (
        "^ is|zou|wordt het|dat …2 idee|optie|plan|handig|handiger|verstandig|verstandiger|beter|slim|slimmer|goed|"
        "nuttig|zinvol …1 om|als|te",
        "advice",
    ),
    ("^ zou|zal|kan het|dat …1 helpen|werken|schelen", "advice"),
    ("^ lijkt|leek het|dat je|jou|jullie|u", "advice"),
    # "Vind je (zelf) niet dat …?", "Zie je niet dat …?": the answer is put in the question.
    ("^ vind|vindt|denk|denkt je|jij|u …4 niet", "advice"),
    ("^ zie|ziet|merk|merkt|voel|voelt je|jij|u …3 niet|geen dat", "advice"),
    (
        "^ zou|zoudt|zouden|kun|kan|kunt|moet|moest|moeten|wil|wilt|ga|gaat je|jij|u|jullie|we|wij …2 niet|geen",
        "advice",
    ),
    # "Heb je geen pauze gehad?" is a fact; "Had je niet eerder kunnen …", "Ben je niet te …" steer.
    (
        "^ heb|hebt|had|hadden|ben|bent|was|waren je|jij|u|jullie …3 niet|geen "
        "?* beter|eerder|liever|gewoon|te|kunnen|moeten",
        "advice",
    ),
    ("^ heb|hebt|had je|jij|u …3 niet|geen het|een gevoel|idee|indruk", "interpretation"),
    # "Zou de teamleider het niet kunnen oplossen?": another person's move, suggested.
    ("^ zou|zouden|moet|moeten …4 niet|geen", "advice"),
    ("^ zou|zoudt|kun|kan|kunt|kon|moet|wil|wilt|ga|gaat|durf je|jij|u|jullie …2 gewoon", "advice"),
    # "Wat als je …?", "Hoe zou het zijn als je …?" put the asker's plan as a question;
    # "Wat als het probleem weg is?" and "Wat zou je doen als …?" let the presenter imagine: open.
    ("^ wat ?nou|nu als je|jij|u|jullie|we|wij", "advice"),
    ("^ wat|hoe zou|zouden het|er …2 als je|jij|u|jullie|we|wij", "advice"),
    ("^ wat denk je|jij|u van|ervan", "advice"),
    ("^ wat vind je|jij|u ervan om|als", "advice"),
    ("^ wat vind|denk je|jij|u …3 idee om|als", "advice"),
    ("^ ik zou", "advice"),
    ("^ je|jij|u|jullie zou|zoudt|zouden|kunt|kan|kun|moet|moest|moeten|mag|zal|hoeft|had", "advice"),
    ("misschien moet|moest|kun|kan|kunt|zou|zoudt|kunnen|moeten|zouden je|jij|u|jullie|we|wij", "advice"),
    ("misschien is|zou|lijkt het|dat …2 idee|beter|goed|handig|verstandig", "advice"),
    ("als ik jou|jouw|u was", "advice"),
    ("in jouw|uw plaats|schoenen", "advice"),
    ("^ ik denk|vermoed|geloof|gok|verwacht ?dat", "interpretation"),
    ("^ ik heb|had het idee|gevoel|vermoeden", "interpretation"),
    ("^ volgens mij", "interpretation"),
    ("^ het|dat klinkt|lijkt als|alsof|erop", "interpretation"),
    ("^ ik vind|vond", "judging"),
)

_EN_NEGATIVES = (
    "don't|dont|didn't|didnt|haven't|havent|hadn't|wouldn't|wouldnt|won't|wont|can't|cant|couldn't|couldnt|"
    "aren't|arent|weren't|isn't|isnt|wasn't|shouldn't|shouldnt|doesn't|doesnt|mustn't"
)
_EN_SUBJECTS = _set("you i we they he she y'all")
_EN_WEAK = _set(
    "it that this there the a an your my his her their our anyone anybody someone somebody everyone everybody"
)
_EN_PATTERNS = (
    ("^ why * you|u|we …3 not", "judging"),
    (f"^ why {_EN_NEGATIVES} you|u|we", "judging"),
    ("^ why not", "judging"),
    ("^ how come you|u didn't|didnt|don't|dont|haven't|never", "judging"),
    ("^ have|had|did|haven't|havent|hadn't|didn't|didnt you|u …3 tried|try|considered|consider", "advice"),
    ("^ have|had|did you|u …3 thought|think about|of *ing", "advice"),
    # "Have you ever (stopped to) think that …?", "Has it occurred to you …?": the asker's reading.
    (
        "^ have|had|did|haven't|hadn't|didn't you|u …2 thought|think|stopped|stop|paused ?to ?think|consider that|how|why",
        "advice",
    ),
    ("^ has|had|did it ?ever occur|occurred to you|u", "advice"),
    ("^ could|might|can|would it|that be …1 that", "interpretation"),
    ("^ is it possible|true that", "interpretation"),
    ("^ would|will|could|might it|that ?not help|work", "advice"),
    ("^ wouldn't|wouldnt|won't|wont|isn't|isnt it|that", "advice"),
    ("^ would|will|is it|that not", "advice"),
    (
        "^ is|would|will|might|could it|that …3 better|wiser|easier|smarter|idea|option|sensible|helpful|useful|"
        "worth to|if",
        "advice",
    ),
    # "Isn't … an option?", "Isn't there another way?" name the option the asker has in mind.
    ("^ isn't|isnt|wasn't|wasnt|wouldn't|wouldnt|aren't|arent …5 option|alternative|solution", "advice"),
    ("^ isn't|isnt|aren't|arent there", "advice"),
    ("^ couldn't|couldnt|can't|cant|shouldn't|shouldnt|wouldn't|wouldnt|won't|wont|mustn't you|u|we", "advice"),
    # Someone else's move, suggested: "Wouldn't the GP …", "Shouldn't the school have …", "Can't the manager …".
    ("^ shouldn't|shouldnt|mustn't", "advice"),
    ("^ wouldn't|wouldnt|won't|wont …4 better|best|easier|wiser|able|help|right|idea|option", "advice"),
    ("^ couldn't|couldnt|can't|cant the|your|a|an|another|someone|somebody|anyone|one", "advice"),
    ("^ couldn't|couldnt|can't|cant|wouldn't|wouldnt * …2 have", "advice"),
    # "Don't you think …?" is suggestive; "Didn't you get a break?" asks what happened.
    ("^ aren't|arent|don't|dont you|u", "advice"),
    ("^ do|did you|u not think|feel|agree|believe|see|reckon", "advice"),
    (
        "^ haven't|havent|hadn't|didn't|didnt you|u …2 think|thought|feel|felt|want|wanted|notice|realise|realize",
        "advice",
    ),
    ("^ could|can|should|would|will|must you|u|we not", "advice"),
    ("^ could|can|would|will|should you|u|we …2 just|simply", "advice"),
    # "What if you …?", "How would it be if you …?" put the asker's plan as a question;
    # "What if the problem were gone?" and "What would you do if …?" let the presenter imagine: open.
    ("^ what if you|u|we", "advice"),
    ("^ what|how would|might|could it|happen|that …2 if you|u|we", "advice"),
    ("^ how|what about *ing", "advice"),
    ("^ i would", "advice"),
    ("^ i'd", "advice"),
    ("^ you|u could|should|might|must|need|ought|can|may|have|would", "advice"),
    ("^ you'd|you'll", "advice"),
    ("maybe|perhaps you|u|we should|could|can|might|need|ought|must", "advice"),
    ("maybe|perhaps it|it's|it'd …2 help|better|idea|good", "advice"),
    ("if i were|was you", "advice"),
    ("if it were|was me", "advice"),
    ("in your shoes|place", "advice"),
    ("^ i think|guess|suspect|feel|believe|assume|reckon|sense", "interpretation"),
    ("^ i have|get the|a feeling|impression|idea|sense", "interpretation"),
    ("^ it|that sounds|seems|looks like|as|that", "interpretation"),
)

_RULES = {
    "nl": _Rules(
        open_words=_set(
            "wat welke welk wanneer wie wiens waar hoe hoeveel hoelang hoever hoeverre hoezeer waardoor waarin"
            " waarover waarmee waarvoor waarop waaraan waarbij waarna waaruit waarheen waarnaar waartoe waarvan"
            " waartegen waarnaast"
        ),
        why_words=(("waarom",), ("hoezo",)),
        prepositions=_set(
            "in op met voor bij aan van over naar tot sinds vanaf uit door om onder tegen tussen na zonder vanuit"
        ),
        heads=_set("manier mate opzicht moment"),
        verbs=_set(
            "ben bent is was waren zijn heb hebt heeft had hadden hebben kun kunt kan kon konden kunnen wil wilt"
            " wilde wilden willen zou zoudt zouden zal zult zullen moet moest moesten moeten mag mocht mogen"
            " wordt werd werden worden gaat ging gingen doet deed deden klopt klopte speelt speelde lukt lukte"
            " helpt hielp maakt maakte voelt voelde merkt merkte komt kwam gebeurt gebeurde weet wist wisten denkt"
            " dacht vindt vond ziet zag hoort hoorde zegt zei krijgt kreeg geeft gaf staat stond zit zat blijft bleef"
        ),
        loose_verbs=None,
        non_verbs=_NL_SUBJECTS
        | _NL_WEAK
        | _set(
            "als of omdat toen terwijl nadat voordat zodat zodra hoewel tenzij sinds totdat doordat alsof want"
            " en maar dus ook nu dan daar hier zo nog al wel niet misschien stel volgens eigenlijk toch gewoon"
            " echt zelfs alleen vooral met voor bij aan van over naar in op uit door om tegen tussen na zonder"
            " onder tot vanuit jou jouw"
        ),
        subjects=_NL_SUBJECTS,
        weak_subjects=_NL_WEAK,
        me="ik",
        patterns=_NL_PATTERNS,
    ),
    "en": _Rules(
        open_words=_set("what which when who whom whose where how"),
        why_words=(("how", "come"), ("why",)),
        prepositions=_set("in to on with for by at from about of since until under through into"),
        heads=_set("extent way degree sense point"),
        verbs=frozenset(
            _set("is are am was were does did can could would will should shall may might must has had")
            | set(_EN_NEGATIVES.split("|"))
        ),
        loose_verbs=_set("do have be"),
        non_verbs=frozenset(),
        subjects=_EN_SUBJECTS,
        weak_subjects=_EN_WEAK,
        me="i",
        patterns=_EN_PATTERNS,
    ),
}


def _rules_for(lang: str, clause: Sequence[_Word]) -> _Rules:
    """The rules of ``lang`` (unknown: Dutch), or the other language's when the opening words are plainly in it."""
    own = _RULES.get(lang, _RULES["nl"])
    other = _RULES["nl"] if own is _RULES["en"] else _RULES["en"]
    opening = _strip([word.lower for word in clause])[:2]

    def familiar(rules: _Rules) -> int:
        return sum(word.split("'")[0] in rules.vocabulary for word in opening)

    return other if familiar(other) > familiar(own) else own


def _strip(words: Sequence[str]) -> list[str]:
    """``words`` without the fillers they open with ("En", "Oké", "Ik ben benieuwd")."""
    words = list(words)
    while filler := next((f for f in _FILLERS if tuple(words[: len(f)]) == f), None):
        words = words[len(filler) :]
    return words


# -- open and closed -----------------------------------------------------------------------


def _question_word(words: Sequence[str], rules: _Rules) -> tuple[str, int] | None:
    """("why" | OPEN, how many words) when ``words`` open with a question word."""
    for why in rules.why_words:
        if tuple(words[: len(why)]) == why:
            return "why", len(why)

    def is_open(word: str) -> bool:
        return word.split("'")[0] in rules.open_words  # "what's" counts as "what"

    if words and is_open(words[0]):
        return OPEN, 1
    if len(words) > 1 and words[0] in rules.prepositions and is_open(words[1]):
        return OPEN, 3 if len(words) > 2 and words[2] in rules.heads else 2
    return None


def _verb_first(words: Sequence[str], rules: _Rules, asked: bool) -> bool:
    """Whether ``words`` open with a finite verb and its subject ("heb je", "is het", "did you")."""
    if len(words) < 2:
        return False
    verb, subject = words[0], words[1]
    if verb in rules.verbs:
        return subject in rules.subjects or subject in rules.weak_subjects
    loose = verb not in rules.non_verbs if rules.loose_verbs is None else verb in rules.loose_verbs
    # "Probeer het eens." is an instruction, "Speelt het mee?" a question: only "?" tells them apart.
    return loose and (subject in rules.subjects or (asked and subject in rules.weak_subjects))


def _first_form(clauses: Sequence[Sequence[_Word]], rules: _Rules, asked: bool) -> tuple[str, list[_Word]] | None:
    """("why" | OPEN | CLOSED, the opening words) of the first clause that has a question form."""
    for clause in clauses:
        lowered = [word.lower for word in clause]
        skipped = len(lowered) - len(_strip(lowered))
        rest = lowered[skipped:]
        opening = _question_word(rest, rules)
        if opening is not None:
            return opening[0], list(clause[skipped : skipped + opening[1]])
        if _verb_first(rest, rules, asked):
            return CLOSED, list(clause[skipped : skipped + 2])
    return None


# -- hidden advice -------------------------------------------------------------------------


def _hidden_advice(words: Sequence[_Word], clauses: Sequence[Sequence[_Word]], rules: _Rules) -> Classification | None:
    """ADVICE when a hidden-advice pattern matches, naming the words it matched."""
    line, offsets = "", []
    for number, clause in enumerate(clauses):
        if number:
            line += "| "
        for word in clause:
            offsets.append(len(line))
            line += word.lower + " "
    # The match that comes first in the text wins; at the same place, the first pattern.
    patterns = _compile(rules.patterns)
    matches = [
        (match.start("hit"), order, match, kind)
        for order, (pattern, kind) in enumerate(patterns)
        if (match := pattern.search(line))
    ]
    if not matches:
        return None
    start, _order, match, kind = min(matches, key=lambda found: found[:2])
    first = offsets.index(start)
    last = bisect_right(offsets, match.end("hit") - 1) - 1
    found = _span(words[first : last + 1])
    lead = len(clauses[0]) - len(_strip([word.lower for word in clauses[0]]))
    reasons = _STARTS if first == lead else _CONTAINS
    return Classification(ADVICE, _(reasons[kind]).format(words=found), found)
