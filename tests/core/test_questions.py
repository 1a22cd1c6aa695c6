"""The question coach: open, closed and hidden-advice questions in Dutch and English."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intervisie_tui import i18n
from intervisie_tui.core.questions import ADVICE, CLOSED, OPEN, classify, frames_own_action, kind_label
from tests.core.question_sets import HELD_OUT, KINDS, TUNING, load, score

# (language of the question, question, expected verdict)
EXAMPLES: list[tuple[str, str, str]] = [
    # Dutch open question words.
    ("nl", "Wat deed je toen de moeder binnenkwam?", OPEN),
    ("nl", "Hoe voelde dat voor jou?", OPEN),
    ("nl", "Welke gedachte had je op dat moment?", OPEN),
    ("nl", "Wanneer merkte je dat het misging?", OPEN),
    ("nl", "Wie was er verder bij?", OPEN),
    ("nl", "Waar stond je toen?", OPEN),
    ("nl", "Waardoor werd het gesprek lastig?", OPEN),
    ("nl", "Waarin verschilt dit van andere gezinnen?", OPEN),
    ("nl", "In hoeverre speelt de tijdsdruk mee?", OPEN),
    ("nl", "Waarover maak je je de meeste zorgen?", OPEN),
    ("nl", "Waarmee heb je het meeste moeite?", OPEN),
    ("nl", "Hoeveel tijd had je voor het gesprek?", OPEN),
    ("nl", "Wat maakt dat dit je zo raakt?", OPEN),
    ("nl", "Op welke manier heb je het gesprek voorbereid?", OPEN),
    ("nl", "Wat heb je al geprobeerd?", OPEN),
    ("nl", "Stel dat het probleem morgen weg is, wat merk je dan als eerste?", OPEN),
    # Dutch closed: a finite verb with its subject.
    ("nl", "Heb je haar daarna nog gesproken?", CLOSED),
    ("nl", "Ben je geschrokken?", CLOSED),
    ("nl", "Is het de eerste keer dat dit gebeurt?", CLOSED),
    ("nl", "Kun je vertellen wat er gebeurde?", CLOSED),
    ("nl", "Wil je er nog iets over zeggen?", CLOSED),
    ("nl", "Zou je het weer zo doen?", CLOSED),
    ("nl", "Denk je dat de moeder het begreep?", CLOSED),
    ("nl", "Vind je het een moeilijk gezin?", CLOSED),
    ("nl", "Weet je wat de vader ervan vindt?", CLOSED),
    ("nl", "Was het een druk moment op de afdeling?", CLOSED),
    ("nl", "Had je steun van je teamleider?", CLOSED),
    ("nl", "Voelde je je gehoord?", CLOSED),
    ("nl", "Merkte je iets aan de kinderen?", CLOSED),
    ("nl", "Speelt er nog meer in dat gezin?", CLOSED),
    ("nl", "Je was boos?", CLOSED),
    # Dutch hidden advice and judgement.
    ("nl", "Heb je al eens geprobeerd om het gewoon te benoemen?", ADVICE),
    ("nl", "Heb je overwogen om de huisarts te bellen?", ADVICE),
    ("nl", "Heb je er al aan gedacht om een collega mee te nemen?", ADVICE),
    ("nl", "Heb je wel eens overwogen om te stoppen met dit gezin?", ADVICE),
    ("nl", "Zou je niet eerst met je leidinggevende praten?", ADVICE),
    ("nl", "Waarom heb je niet eerder ingegrepen?", ADVICE),
    ("nl", "Waarom deed je dat niet meteen?", ADVICE),
    ("nl", "Waarom ben je niet gewoon weggegaan?", ADVICE),
    ("nl", "Is het geen idee om een time-out te nemen?", ADVICE),
    ("nl", "Is het niet beter om het dossier over te dragen?", ADVICE),
    ("nl", "Zou het niet verstandig zijn om hulp te vragen?", ADVICE),
    ("nl", "Kun je niet gewoon nee zeggen?", ADVICE),
    ("nl", "Moet je niet eerst met de moeder praten?", ADVICE),
    ("nl", "Had je niet beter kunnen wachten?", ADVICE),
    ("nl", "Zou het helpen als je een ander tijdstip kiest?", ADVICE),
    ("nl", "Misschien moet je haar even bellen?", ADVICE),
    ("nl", "Ik zou het gewoon zeggen, jij ook?", ADVICE),
    ("nl", "Als ik jou was zou ik het melden, jij niet?", ADVICE),
    ("nl", "Wat als je gewoon zegt wat je denkt?", ADVICE),
    ("nl", "Zou het kunnen dat je bang was voor haar reactie?", ADVICE),
    ("nl", "Je kunt toch ook een collega vragen?", ADVICE),
    # Waarom and wat als.
    ("nl", "Waarom vond je dat zo lastig?", OPEN),
    ("nl", "Wat als het probleem morgen weg is?", OPEN),
    # Dutch statements: no question at all.
    ("nl", "Je moet eerst met de moeder praten.", ADVICE),
    ("nl", "Ik denk dat je boos was.", ADVICE),
    ("nl", "Bel haar gewoon op.", ADVICE),
    ("nl", "Probeer het eens anders.", ADVICE),
    # Dutch punctuation, capitals and openings.
    ("nl", "Wat deed je toen", OPEN),
    ("nl", "Wat deed je toen??", OPEN),
    ("nl", "HOE REAGEERDE DE VADER?", OPEN),
    ("nl", "   \twanneer begon het?  ", OPEN),
    ("nl", "En hoe ging dat verder?", OPEN),
    ("nl", "Maar wie besliste dat uiteindelijk?", OPEN),
    ("nl", "Oké, wat had je op dat moment nodig?", OPEN),
    ("nl", "Ik ben benieuwd wat je toen voelde.", OPEN),
    ("nl", "'Wat bedoelde ze daarmee?'", OPEN),
    ("nl", "Hoe… ging dat eigenlijk?", OPEN),
    ("nl", "Heb je haar gebeld", CLOSED),
    ("nl", "HEB JE AL EENS GEPROBEERD OM HET TE ZEGGEN?", ADVICE),
    ("nl", "En zou je niet eerst even afwachten?", ADVICE),
    ("nl", "Wathoe ging dat?", CLOSED),
    # English open and closed.
    ("en", "What happened next?", OPEN),
    ("en", "How did that feel?", OPEN),
    ("en", "Which moment was the hardest?", OPEN),
    ("en", "When did you notice it?", OPEN),
    ("en", "Who else was there?", OPEN),
    ("en", "Where were you standing?", OPEN),
    ("en", "In what way did it change things?", OPEN),
    ("en", "To what extent does the deadline matter?", OPEN),
    ("en", "What's on your mind when you see her?", OPEN),
    ("en", "What if the problem were gone tomorrow?", OPEN),
    ("en", "Why did that upset you?", OPEN),
    ("en", "Do you know what she wanted?", CLOSED),
    ("en", "Did you talk to the father?", CLOSED),
    ("en", "Are you worried about it?", CLOSED),
    ("en", "Is it always like this?", CLOSED),
    ("en", "Was it a busy day?", CLOSED),
    ("en", "Can you say more about it?", CLOSED),
    ("en", "Could you hear what she said?", CLOSED),
    ("en", "Would you do it again?", CLOSED),
    ("en", "Have you met the mother before?", CLOSED),
    ("en", "Has it happened before?", CLOSED),
    ("en", "Will you see them again?", CLOSED),
    ("en", "Were you alone?", CLOSED),
    ("en", "Should the team know about this?", CLOSED),
    # English hidden advice.
    ("en", "Have you tried talking to her manager?", ADVICE),
    ("en", "Have you considered a second opinion?", ADVICE),
    ("en", "Why don't you ask for help?", ADVICE),
    ("en", "Wouldn't it help to take a break?", ADVICE),
    ("en", "Why not just call her?", ADVICE),
    ("en", "Did you think about calling the doctor?", ADVICE),
    ("en", "Couldn't you just say no?", ADVICE),
    ("en", "Shouldn't you involve your team leader?", ADVICE),
    ("en", "Maybe you should write it down?", ADVICE),
    ("en", "If I were you I'd just leave, wouldn't you?", ADVICE),
    ("en", "Wouldn't it be better to wait?", ADVICE),
    ("en", "Why didn't you tell her?", ADVICE),
    ("en", "What if you just told her the truth?", ADVICE),
    ("en", "How about asking the father?", ADVICE),
    # English variants and statements.
    ("en", "  and how did she react", OPEN),
    ("en", "So what did you do then??", OPEN),
    ("en", "DID YOU TRY TO CALL HER?", ADVICE),
    ("en", "You should talk to her first.", ADVICE),
    ("en", "I think you were angry.", ADVICE),
    # The question's own language wins over a wrong lang.
    ("nl", "How did that feel?", OPEN),
    ("en", "Hoe voelde dat?", OPEN),
]


def test_example_questions_are_classified_as_expected(record_property: Callable[[str, object], None]) -> None:
    """Every example question gets the expected verdict; the score shows in the terminal summary."""
    verdicts = [(lang, text, expected, classify(text, lang).kind) for lang, text, expected in EXAMPLES]
    wrong = [
        f"{lang}: {text!r} -> {kind}, expected {expected}"
        for lang, text, expected, kind in verdicts
        if kind != expected
    ]
    right = len(EXAMPLES) - len(wrong)
    score = f"{right}/{len(EXAMPLES)} ({100 * right // len(EXAMPLES)}%)"
    record_property("classify_score", score)
    print(f"question coach: {score}")
    assert len(EXAMPLES) >= 70
    assert wrong == []


# -- the tuning and held-out sets (docs/QUESTION_COACH.md) ---------------------------------


def test_the_tuning_set_stays_above_its_floor(record_property: Callable[[str, object], None]) -> None:
    """Rules are developed on the tuning set: each kind keeps at least 90% of its questions right."""
    result = score(load(TUNING))
    record_property("tuning_score", result.summary())
    print(f"question coach, tuning set: {result.summary()}")
    assert len(result.misses) <= 3, [f"{q.lang}: {q.text!r} -> {got}" for q, got in result.misses]
    for kind in KINDS:
        assert result.right[kind] >= 0.9 * result.total[kind], (kind, result.summary())


def test_the_held_out_set_is_measured_not_targeted(record_property: Callable[[str, object], None]) -> None:
    """The held-out score is printed at the end of the run; no floor is set on it, so it cannot become a target.

    What is checked is the set itself: at least 60 questions, both languages about half, every kind
    present, and none of them also in the tuning set or the examples (a shared question would leak tuning).
    """
    held_out = load(HELD_OUT)
    record_property("held_out_score", score(held_out).summary())
    assert len(held_out) >= 60
    dutch = sum(question.lang == "nl" for question in held_out)
    assert 0.4 * len(held_out) <= dutch <= 0.6 * len(held_out)
    assert {question.kind for question in held_out} == set(KINDS)
    seen = {text.casefold() for _lang, text, _kind in EXAMPLES} | {q.text.casefold() for q in load(TUNING)}
    assert [question.text for question in held_out if question.text.casefold() in seen] == []
    assert len({question.text for question in held_out}) == len(held_out)


# -- reasons -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("Heb je al eens geprobeerd om het te benoemen?", "nl", "Heb je al eens geprobeerd"),
        ("Oké, maar heb je overwogen om te stoppen?", "nl", "heb je overwogen"),
        ("Misschien moet je haar even bellen?", "nl", "Misschien moet je"),
        ("Waarom heb je niet gebeld?", "nl", "Waarom heb je niet"),
        ("En hoe ging dat?", "nl", "hoe"),
        ("In hoeverre speelt dat mee?", "nl", "In hoeverre"),
        ("Waarom deed je dat?", "nl", "Waarom"),
        ("Heb je haar gebeld?", "nl", "Heb je"),
        ("Have you considered a second opinion?", "en", "Have you considered"),
        ("To what extent does it matter?", "en", "To what extent"),
        ("Did you call her?", "en", "Did you"),
    ],
)
def test_each_reason_names_its_trigger_words(text: str, lang: str, words: str) -> None:
    """The pattern is the trigger as written in the text, and the reason quotes it."""
    verdict = classify(text, lang)
    assert verdict.pattern == words
    assert f'"{words}"' in verdict.reason


def test_a_reason_after_a_filler_says_contains() -> None:
    """Advice in a later clause is not what the question starts with."""
    i18n.set_language("en")
    assert classify("Ik snap het, maar heb je al eens geprobeerd te bellen?").reason.startswith("Contains ")
    assert classify("En heb je al eens geprobeerd te bellen?").reason.startswith("Starts with ")


def test_a_hyphen_inside_a_word_does_not_split_the_clause() -> None:
    """A hyphen inside a word ("time-out") keeps the clause; a dash with space around it breaks it."""
    assert classify("Heb je een time-out overwogen?").kind == ADVICE
    assert classify("Heb je een time - out overwogen?").kind == CLOSED


def test_statements_and_empty_text_have_no_pattern() -> None:
    """Nothing in a statement or an empty text triggers the verdict, so the pattern is empty."""
    for text in ("", "   ", "?!", "Je moet eerst met de moeder praten."):
        verdict = classify(text)
        assert (verdict.kind, verdict.pattern) == (ADVICE, "")
        assert verdict.reason


def test_reasons_come_in_english_after_switching() -> None:
    """The reason is built at call time in the UI language."""
    i18n.set_language("en")
    assert classify("Heb je al eens geprobeerd te bellen?").reason == (
        'Starts with "Heb je al eens geprobeerd" — hidden advice?'
    )
    assert classify("Je moet eerst met de moeder praten.").reason == (
        "Not a question but a statement — an opinion or advice?"
    )
    assert classify("Waarom deed je dat?").reason == (
        'Open, but "Waarom" can sound judging: it asks for a justification.'
    )
    assert [kind_label(kind) for kind in (OPEN, CLOSED, ADVICE)] == ["open", "closed", "advice?"]


def test_dutch_reasons_go_through_the_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    """In Dutch the reason is whatever the catalogue gives, with the trigger words filled in."""
    monkeypatch.setattr("intervisie_tui.core.questions._", lambda message: f"NL[{message}]")
    assert classify("Zou je niet eerst bellen?").reason == 'NL[Starts with "Zou je niet" — hidden advice?]'
    assert kind_label(CLOSED) == "NL[closed]"


def test_kind_label_passes_unknown_kinds_through() -> None:
    """A kind the coach does not know (e.g. empty) is shown as is."""
    assert kind_label("") == ""


def test_unknown_language_falls_back_to_dutch() -> None:
    """An unknown lang uses the Dutch rules."""
    assert classify("Heb je overwogen om te stoppen?", "de").kind == ADVICE
    assert classify("Welke kant op?", "xx").kind == OPEN


# -- the case question ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("Hoe kan ik de moeder beter bereiken?", "nl", True),
        ("Hoe kan ik bereiken dat het gezin weer vertrouwen krijgt?", "nl", True),
        ("Wat kan ik doen als hij weer boos wordt?", "nl", True),
        ("  hoe GA ik dit gesprek aan?", "nl", True),
        ("Hoe zorg ik dat ik rustig blijf?", "nl", True),
        ("Wat doe ik met mijn twijfel?", "nl", True),
        ("Hoe moet ik hiermee omgaan", "nl", True),
        ("In hoeverre kan ik hier iets aan doen?", "nl", True),
        ("Hoe krijg ik de moeder zover dat zij meewerkt?", "nl", True),  # the simple rule: still own action
        ("Wat moet er met dit gezin gebeuren?", "nl", False),
        ("Waarom doet mijn collega zo?", "nl", False),
        ("Ik weet niet hoe ik verder moet.", "nl", False),
        ("", "nl", False),
        ("How can I support her better?", "en", True),
        ("How do I say no to my manager?", "en", True),
        ("What can I do differently?", "en", True),
        ("How should I handle the father?", "en", True),
        ("What should happen with this family?", "en", False),
        ("Why is my colleague like this?", "en", False),
        ("How can I stay calm?", "nl", True),
        ("Hoe kan ik rustig blijven?", "en", True),
    ],
)
def test_frames_own_action(question: str, lang: str, expected: bool) -> None:
    """A case question about the inbrenger's own action opens with a question word and "ik" / "I"."""
    assert frames_own_action(question, lang) is expected


# -- robustness ----------------------------------------------------------------------------
# Their deadline, one that fits a loaded machine, is set for every property test in tests/conftest.py.


@given(text=st.text(), lang=st.sampled_from(["nl", "en", "", "de"]))
def test_classify_never_raises(text: str, lang: str) -> None:
    """Any text gets one of the three verdicts with a reason."""
    verdict = classify(text, lang)
    assert verdict.kind in (OPEN, CLOSED, ADVICE)
    assert verdict.reason


@given(text=st.text(), lang=st.sampled_from(["nl", "en"]))
def test_frames_own_action_never_raises(text: str, lang: str) -> None:
    """Any text gives a plain yes or no."""
    assert frames_own_action(text, lang) in (True, False)
