"""The core's sentences (refusals, findings, summaries) read in German for a German reader:
whole German sentences with every placeholder filled, and German numbers."""

from __future__ import annotations

import re

import pytest

from assessment_app.analysis.numbers import fmt, percent
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


# -- the known story's summary, read by a German executive --------------------------------------

QUOTED = re.compile(r"„[^“]*“")  # a quoted statement: the questionnaire's words, not ours
ENGLISH = re.compile(r"\b(the|and|rates|lowest|statements|answered|higher|than|levels|who|"
                     r"cannot|agree|people|nobody|everyone|both)\b")


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """The known story's report, once in English and once in German."""
    from assessment_app.analysis.report_model import load_report
    from assessment_app.content.catalog import load_catalog
    from assessment_app.store.database import Store

    from .known_story import known_story

    catalog = load_catalog()
    store = Store.open(tmp_path_factory.mktemp("german") / "story.sqlite")
    try:
        wid = known_story(store, catalog.default())
        english = load_report(store, catalog, wid)
        with speaking("de"):
            german_report = load_report(store, catalog, wid)
        yield english, german_report
    finally:
        store.close()


def _sentences(report) -> list[str]:
    return [*report.findings, *report.headlines, *report.completion, *report.method_example,
            *report.cut_off, *(s.reasons[0] for s in report.scores.actions[:5])]


def test_the_known_storys_summary_reads_german_throughout(story) -> None:
    english, german_report = story
    said = _sentences(german_report)
    assert len(said) == len(_sentences(english)) and len(said) >= 8
    titles = [t.title for t in german_report.questionnaire.themes]  # content: not ours
    for sentence, original in zip(said, _sentences(english), strict=True):
        german(sentence, original)
        ours = QUOTED.sub("", sentence)
        for title in titles:
            ours = ours.replace(title, "")
        words = ENGLISH.findall(ours)
        assert not words, f"English words {words} in: {sentence}"


def test_a_day_is_written_as_the_language_writes_it() -> None:
    from assessment_app.rules.dates import day_label
    assert day_label("2026-03-05") == "5 March 2026"
    with speaking("de"):
        assert day_label("2026-03-05") == "5. März 2026"


def test_german_figures_use_a_decimal_comma(story) -> None:
    english, german_report = story
    text = " ".join(QUOTED.sub("", s) for s in german_report.findings)
    assert re.search(r"\b\d,\d\d\b", text) and not re.search(r"\b\d\.\d\d\b", text)
    assert re.search(r"\b\d\.\d\d\b", " ".join(english.findings))
    with speaking("de"):
        assert fmt(1.5, signed=True) == "+1,5" and percent(43.4) == "43\u202f%"
    assert fmt(1.5, signed=True) == "+1.5" and percent(43.4) == "43%"
