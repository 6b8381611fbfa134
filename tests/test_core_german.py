"""The core's sentences (refusals, findings, summaries) read in German for a German reader:
whole German sentences with every placeholder filled, and German numbers."""

from __future__ import annotations

import re

from assessment_app.i18n import speaking
from assessment_app.rules.consensus import vote_problem
from assessment_app.rules.levels import level_problem
from assessment_app.rules.text import COMMENT_MAX_CHARS, too_long
from assessment_app.store.pin import wait_sentence

UNFILLED = re.compile(r"\{\w*\}")


def german(sentence: str | None, english: str | None) -> str:
    """``sentence`` is a filled sentence and not the English one."""
    assert sentence and english and sentence != english
    assert not UNFILLED.search(sentence), sentence
    return sentence


def test_a_refusal_reads_german_with_its_figures_filled() -> None:
    english = level_problem(4, 2).sentence
    with speaking("de"):
        sentence = german(level_problem(4, 2).sentence, english)
    assert "Zielstufe (2)" in sentence and "aktuellen Stufe (4)" in sentence


def test_counted_refusals_take_the_german_plural() -> None:
    english = wait_sentence(31.5), wait_sentence(0.2), vote_problem(3, 2, 3)
    with speaking("de"):
        assert "32 Sekunden" in german(wait_sentence(31.5), english[0])
        assert "1 Sekunde " in german(wait_sentence(0.2), english[1])
        assert "höchstens 1 auf diese" in german(vote_problem(3, 2, 3), english[2])


def test_a_german_length_refusal_groups_thousands_the_german_way() -> None:
    text = "x" * (COMMENT_MAX_CHARS + 345)
    english = too_long("comment", text)
    with speaking("de"):
        sentence = german(too_long("comment", text), english)
    assert sentence.startswith("Der Kommentar ist 2.345 Zeichen lang")
