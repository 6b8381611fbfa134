"""One reading and scoring of a workshop (``analysis.workshop``) behind the results screen, the
plan, the PDFs and ``tandem results``; one builder of radar series (``analysis.radar_series``)
behind the screen's charts and the PDF's; numbers formatted in one place."""

from __future__ import annotations

import pytest

from assessment_app.analysis import workshop as workshop_module
from assessment_app.analysis.numbers import fmt, percent, reported, rounded
from assessment_app.analysis.palette import IT, MARKETING
from assessment_app.analysis.plan import load_plan
from assessment_app.analysis.radar_geometry import Series
from assessment_app.analysis.radar_series import MODES, chart_series
from assessment_app.analysis.scoring import score_workshop
from assessment_app.analysis.workshop import load_scored_workshop
from assessment_app.errors import StorageError


@pytest.fixture
def workshop(store, mini):
    w = store.create_workshop("W", mini)
    m1 = store.add_participant(w.id, "M1", "marketing")
    store.add_participant(w.id, "M2", "marketing")
    i1 = store.add_participant(w.id, "I1", "it")
    for item in mini.items:  # M1 finishes (one don't-know), I1 answers one statement
        dont_know = item.id == "meet-1"
        store.save_answer(m1.id, item.id, None if dont_know else 2, None if dont_know else 3)
    store.save_answer(i1.id, "trust-1", 4, 5)
    return w


def test_a_scored_workshop_is_what_the_store_holds_scored_once(store, mini_catalog, workshop):
    scored = load_scored_workshop(store, workshop.id, mini_catalog.actions)
    assert scored.workshop == store.workshop(workshop.id)
    assert scored.questionnaire == store.questionnaire_for(workshop.id)
    assert scored.participants == tuple(store.participants(workshop.id))
    assert scored.answers == tuple(store.answers_for_workshop(workshop.id))
    assert scored.scores == score_workshop(scored.questionnaire, scored.participants,
                                           scored.answers, mini_catalog.actions)
    assert scored.progress == store.progress(workshop.id)
    assert (scored.finished(), scored.finished("marketing"), scored.finished("it")) == (1, 1, 0)
    with pytest.raises(StorageError):
        load_scored_workshop(store, "no-such-workshop", mini_catalog.actions)


def test_a_workshop_pdf_scores_the_workshop_once(store, mini_catalog, workshop, tmp_path,
                                                  monkeypatch):
    from assessment_app.reports import build_workshop_pdf

    calls = []

    def counting(*args, **kwargs):
        calls.append(1)
        return score_workshop(*args, **kwargs)

    monkeypatch.setattr(workshop_module, "score_workshop", counting)
    build_workshop_pdf(store, mini_catalog, workshop.id, tmp_path / "plan.pdf")
    assert len(calls) == 1


def test_the_plan_from_given_scores_equals_the_plan_it_scores_itself(store, mini_catalog,
                                                                       workshop):
    scored = load_scored_workshop(store, workshop.id, mini_catalog.actions)
    assert (load_plan(store, workshop.id, mini_catalog.actions, ranked=scored.scores.actions)
            == load_plan(store, workshop.id, mini_catalog.actions))


def test_chart_series_of_every_screen_mode(store, mini_catalog, workshop):
    scores = load_scored_workshop(store, workshop.id, mini_catalog.actions).scores

    def values(role, field):
        return [getattr(t.roles[role], field) for t in scores.themes]

    today = {r: values(r, "mean_current") for r in ("marketing", "it")}
    target = {r: values(r, "mean_target") for r in ("marketing", "it")}
    assert today["it"][1] is None  # IT answered one theme: the line breaks
    m_today = Series("Marketing, today", today["marketing"], MARKETING)
    i_today = Series("IT, today", today["it"], IT, dashed=True, symbol="s")
    m_target = Series("Marketing, target (12–18 months)", target["marketing"], MARKETING,
                      dashed=True, symbol="t", fill=False)
    i_target = Series("IT, target (12–18 months)", target["it"], IT, dashed=True, symbol="t",
                      fill=False)
    assert MODES == ("compare", "marketing", "it", "both")
    assert chart_series(scores, "compare") == [m_today, i_today]
    assert chart_series(scores, "marketing") == [m_today, m_target]
    # beside a target, "today" is solid: IT today and IT target must not both be dashed
    i_today_solid = Series("IT, today", today["it"], IT, symbol="s")
    assert chart_series(scores, "it") == [i_today_solid, i_target]
    assert chart_series(scores, "both") == [m_today, m_target, i_today_solid, i_target]
    for mode in ("marketing", "it", "both"):
        series = chart_series(scores, mode)
        for colour in {s.colour for s in series}:
            assert len({s.dashed for s in series if s.colour == colour}) == 2
    with pytest.raises(ValueError):
        chart_series(scores, "everything")


def test_the_pdf_charts_name_the_function_in_their_title(store, mini_catalog, workshop):
    """The PDF's one-function charts: the title says whose, the legend says today or target,
    today solid and the target dashed; its comparison chart is the screen's."""
    scores = load_scored_workshop(store, workshop.id, mini_catalog.actions).scores
    assert chart_series(scores, "compare", titled=True) == chart_series(scores, "compare")
    it_today, it_target = chart_series(scores, "it", titled=True)
    assert (it_today.name, it_today.colour, it_today.dashed, it_today.symbol) == (
        "Today", IT, False, "s")
    assert (it_target.name, it_target.dashed, it_target.symbol, it_target.fill) == (
        "Target (12–18 months)", True, "t", False)
    assert it_target.values == chart_series(scores, "it")[1].values


def test_numbers_read_the_same_everywhere():
    assert [fmt(None), fmt(-0.04), fmt(0.04, True), fmt(-1.25, True), fmt(2)] == [
        "–", "0.0", "0.0", "-1.2", "2.0"]
    assert [reported(1.005), reported(-0.001, True), reported(0.5, True)] == [
        f"{1.005:.2f}", "0.00", "+0.50"]
    assert [percent(None), percent(33.333), percent(0)] == ["–", "33%", "0%"]
    assert rounded(1.23456) == 1.23
