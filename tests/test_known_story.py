"""The method on a workshop whose story is known (``known_story``): a weakness both functions
agree on reaches the plan, nothing is built on a disputed fact, the headlines disclose their
ties, and every number of the ranking appendix can be redone from the same PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from assessment_app.analysis.item_stats import GOOD_LEVEL, VISIBILITY_LEVELS
from assessment_app.analysis.numbers import rounded
from assessment_app.analysis.ranking import MISMATCH_FACTOR, SUGGESTED_SIZE
from assessment_app.analysis.report_model import load_report
from assessment_app.content.actions import FIXES, parse_actions
from assessment_app.errors import QuestionnaireError
from assessment_app.reports.workshop_pdf import write_workshop_pdf

from .known_story import known_story

ROUNDING = 0.011  # two printed decimals, each rounded once


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    from assessment_app.content.catalog import load_catalog
    from assessment_app.store.database import Store

    catalog = load_catalog()
    store = Store.open(tmp_path_factory.mktemp("story") / "story.sqlite")
    try:
        yield load_report(store, catalog, known_story(store, catalog.default()))
    finally:
        store.close()


@pytest.fixture(scope="module")
def story_pdf_text(story, tmp_path_factory):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDF's text")
    path = write_workshop_pdf(story, tmp_path_factory.mktemp("pdf") / "story.pdf")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def dimension(story, action) -> str:
    return story.questionnaire.item(action.main_item).dimension


def test_a_weakness_both_functions_agree_on_reaches_the_plan(story):
    top = story.scores.actions[:SUGGESTED_SIZE]
    people = [a for a in top if dimension(story, a) == "people"]
    assert len(people) >= 2, [(a.action.title, a.main_item) for a in top]
    why = {p.entry.action.id: p.why for p in story.printed}
    for action in people:
        if action.action.id in why:
            assert "Both functions rate this low" in why[action.action.id]


def test_nothing_is_built_on_a_statement_the_functions_dispute(story):
    """A statement whose largest part is the perception gap calls for establishing the facts;
    a build action resting mainly on it is discounted, and none reaches the suggested plan."""
    items = {s.item.id: s for s in story.scores.items}
    process = [s for s in items.values() if s.item.dimension == "process" and s.item.compared]
    assert process and all(s.reason == "reconcile" for s in process)
    for action in story.scores.suggested:
        assert not (action.action.fixes == "build"
                    and items[action.main_item].reason == "reconcile"), action.action.title
    misfits = [a for a in story.scores.actions if not a.fits and a.own_priority]
    assert misfits
    for action in misfits:
        assert f"× {MISMATCH_FACTOR:g}, as it does building" in action.reasons[1] or \
            f"× {MISMATCH_FACTOR:g}, as it does" in action.reasons[1]
    reconciling = [p for p in story.printed if p.score and p.score.calls_for == "reconcile"]
    assert reconciling and all("establish the facts first" in p.why for p in reconciling)


def test_the_headlines_disclose_the_statements_they_could_as_well_have_named(story):
    items = story.scores.items
    shares = [round(s.visibility_gap or 0) for s in items]
    tied = shares.count(max(shares))
    assert tied > 1
    blind = story.headlines[2]
    assert f"one of {tied} statements where as many could not say" in blind
    climbs = sorted((rounded(s.ambition_gap) for s in items if s.ambition_gap), reverse=True)
    close = sum(1 for c in climbs[1:] if round((climbs[0] - c) * 100)
                < story.scores.tie_margin * 100 - 1e-9)
    assert f"and {close} others within" in story.headlines[1]


def test_every_action_declares_what_it_fixes():
    from assessment_app.content.catalog import load_catalog

    catalog = load_catalog()
    assert {a.fixes for a in catalog.actions} == set(FIXES)
    themes = {i.theme for q in catalog.questionnaires.values() for i in q.items
              if i.compared}
    by_id = {i.id: i for q in catalog.questionnaires.values() for i in q.items}
    reconciled = {by_id[i].theme for a in catalog.actions if a.fixes == "reconcile"
                  for i in a.items}
    # every theme with a statement both functions rate has an action that settles the facts,
    # hybrid talent aside (its statements are mostly rated by each function about itself)
    assert themes - reconciled <= {"talent"}
    with pytest.raises(QuestionnaireError,
                       match="action 'a1': 'fixes' 'make' is not one of build, reconcile, "
                             "visibility"):
        parse_actions({"actions": [{"id": "a1", "title": "T", "description": "D.",
                                    "owner": "cmo", "horizon": "90d", "effort": "S",
                                    "items": ["x-1"], "source": "S", "fixes": "make"}]},
                      "mine.yaml", {"x-1"})


# -- the PDF reproduces its own numbers -----------------------------------------------------

NUMBER = r"(–|fewer|[+-]?\d+\.\d\d)"  # 'fewer than 3' wraps in its column: withheld
ROW = re.compile(rf"^\s*(?P<id>[a-z-]+-\d+) · .*?\s{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+"
                 r"(\d+%|–)\s+(\d+\.\d\d)", re.M)
NEED = re.compile(r"(?P<id>[a-z-]+-\d+) \([^)]*\): priority (?P<need>\d+\.\d\d) = weight "
                  r"(?P<w>[\d.]+) × \(ambition gap (?P<a>\d+\.\d\d) \+ (?:perception gap "
                  r"(?P<p>\d+\.\d\d)|no perception gap: each function rates itself) \+ "
                  r"visibility (?P<v>\d+\.\d\d) \+ shortfall (?P<s>\d+\.\d\d)\)")
FORMULA = re.compile(r"priority (?P<prio>\d+\.\d\d) = value (?P<value>\d+\.\d\d) ÷ "
                     r"(?P<div>[\d.]+) for a \w+ effort(?P<misfit> × [\d.]+)?[^;]*; value = "
                     r"(?P<sum>\d+\.\d\d(?: \+ (?:[\d.]+ × )?\d+\.\d\d)*)")


def _number(text: str) -> float | None:
    return None if text in ("–", "fewer") else float(text)


def _table(text: str) -> dict[str, tuple]:
    """The gaps-by-statement rows: id -> (marketing, IT, gap, ambition, don't know %, need)."""
    start = text.index("Gaps by statement")
    rows = {}
    for row in ROW.finditer(text, start):
        m, i, gap, climb, unknown, need = row.groups()[1:]
        rows.setdefault(row["id"], (_number(m), _number(i), _number(gap), _number(climb),
                                    None if unknown == "–" else float(unknown[:-1]),
                                    float(need)))
    return rows


def _appendix(text: str) -> str:
    start = text.index("Appendix: how each action was ranked")
    return " ".join(text[start:text.index("Appendix: formulas", start)].split())


def test_every_priority_in_the_appendix_is_redone_from_the_same_pdf(story_pdf_text):
    table = _table(story_pdf_text)
    appendix = _appendix(story_pdf_text)
    needs = list(NEED.finditer(appendix))
    assert len(needs) >= SUGGESTED_SIZE
    for need in needs:
        m, i, gap, climb, unknown, printed_need = table[need["id"]]
        weight, a, v, s = (float(need[k]) for k in ("w", "a", "v", "s"))
        p = float(need["p"] or 0)
        assert a == pytest.approx(climb or 0, abs=ROUNDING), need["id"]
        assert p == pytest.approx(abs(gap or 0), abs=ROUNDING), need["id"]
        assert v == pytest.approx(VISIBILITY_LEVELS * (unknown or 0) / 100, abs=ROUNDING)
        levels = [x for x in (m, i) if x is not None]
        assert s == pytest.approx(max(0.0, GOOD_LEVEL - sum(levels) / len(levels)),
                                  abs=ROUNDING), need["id"]
        assert float(need["need"]) == printed_need
        assert float(need["need"]) == pytest.approx(weight * (a + p + v + s), abs=ROUNDING)
    formulas = list(FORMULA.finditer(appendix))
    assert len(formulas) >= SUGGESTED_SIZE
    for formula in formulas:
        terms = [t.strip() for t in formula["sum"].split("+")]
        total = sum(float(x) * float(y) for t in terms
                    for x, y in [t.split(" × ") if "×" in t else ("1", t)])
        assert float(formula["value"]) == pytest.approx(total, abs=ROUNDING * len(terms))
        factor = float(formula["misfit"][3:]) if formula["misfit"] else 1.0
        assert float(formula["prio"]) == pytest.approx(
            float(formula["value"]) / float(formula["div"]) * factor, abs=ROUNDING)


def test_the_method_page_works_through_this_workshops_own_figures(story, story_pdf_text):
    start = story_pdf_text.index("How the numbers are computed")
    page = " ".join(story_pdf_text[start:story_pdf_text.index("Appendix", start)].split())
    assert "Five marketing and five IT executives" not in page
    assert "In this workshop 4 marketing and 4 IT executives answered." in page
    top = story.scores.ranked_items[0]
    m, i, gap, climb, unknown, need = _table(story_pdf_text)[top.item.id]
    for figure in (m, i, abs(gap or 0), climb, need):
        assert f"{figure:.2f}" in page, figure
    assert f"= {need:.2f}." in page
