"""Labelled question sets for the question coach, and its accuracy per kind on them.

``held_out_questions.toml`` is only measured, never tuned on; ``tuning_questions.toml`` is what rules
are developed against (docs/QUESTION_COACH.md). Print both scores with
``python -m tests.core.question_sets``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from intervisie_tui.core.questions import ADVICE, CLOSED, OPEN, classify

HERE = Path(__file__).parent
HELD_OUT = HERE / "held_out_questions.toml"
TUNING = HERE / "tuning_questions.toml"
KINDS = (OPEN, CLOSED, ADVICE)


class Labelled(NamedTuple):
    """One question with the verdict the coach should give."""

    lang: str
    text: str
    kind: str


def load(path: Path) -> list[Labelled]:
    """The labelled questions of one set file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Labelled(entry["lang"], entry["text"], entry["kind"]) for entry in data["questions"]]


class Score(NamedTuple):
    """How many questions of each expected kind the coach got right, and which it missed."""

    right: dict[str, int]
    total: dict[str, int]
    misses: list[tuple[Labelled, str]]

    @property
    def overall(self) -> tuple[int, int]:
        """(right, total) over all kinds."""
        return sum(self.right.values()), sum(self.total.values())

    def summary(self) -> str:
        """One line: overall and per kind, e.g. "45/69 (65%); open 20/20, closed 15/19, advice 10/30"."""
        right, total = self.overall
        kinds = ", ".join(f"{kind} {self.right[kind]}/{self.total[kind]}" for kind in KINDS)
        return f"{right}/{total} ({100 * right // max(total, 1)}%); {kinds}"


def score(questions: Sequence[Labelled]) -> Score:
    """The coach's verdicts on ``questions`` counted per expected kind."""
    right = dict.fromkeys(KINDS, 0)
    total = dict.fromkeys(KINDS, 0)
    misses = []
    for question in questions:
        got = classify(question.text, question.lang).kind
        total[question.kind] += 1
        if got == question.kind:
            right[question.kind] += 1
        else:
            misses.append((question, got))
    return Score(right, total, misses)


def _report(name: str, path: Path) -> None:
    if not path.exists():
        return
    result = score(load(path))
    print(f"{name}: {result.summary()}")
    for question, got in result.misses:
        print(f"  miss {question.lang}: {question.text!r} -> {got}, expected {question.kind}")


if __name__ == "__main__":
    _report("held out", HELD_OUT)
    _report("tuning", TUNING)
