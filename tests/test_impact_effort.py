"""Impact versus effort: every included action is one point with the plan's number, in the
quadrant of its own kind; the layout overlaps nothing; the PDF chart is vector with no type
under 8.5 pt and numbers that match the printed plan."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assessment_app.analysis import impact_effort as ie
from assessment_app.analysis.plan import load_plan
from assessment_app.analysis.ranking import kind_of
from assessment_app.analysis.workshop import load_scored_workshop


@pytest.fixture
def demo(store, installed_catalog):
    from assessment_app.exchange.demo import create_demo_workshop

    workshop = create_demo_workshop(store, installed_catalog.default())
    scored = load_scored_workshop(store, workshop.id, installed_catalog.actions)
    plan = load_plan(store, workshop.id, installed_catalog.actions,
                     ranked=scored.scores.actions)
    return workshop, scored, plan


def test_one_point_per_included_action_numbered_as_the_pdf(demo, store, installed_catalog):
    from assessment_app.analysis.report_model import load_report

    workshop, scored, plan = demo
    chart = ie.impact_chart(plan, scored.scores.actions)
    included = [e for e in plan if e.included]
    assert len(chart.points) == len(included) == 8
    assert sorted(p.action_id for p in chart.points) == sorted(e.id for e in included)
    report = load_report(store, installed_catalog, workshop.id)
    assert {p.action_id: p.number for p in chart.points} == report.numbers
    assert [p.number for p in chart.points] == list(range(1, 9))


def test_dropping_an_action_removes_its_point_and_renumbers(demo):
    _, scored, plan = demo
    first = next(n for n, e in enumerate(plan) if e.included)
    dropped = plan[first].id
    plan[first] = replace(plan[first], included=False)
    chart = ie.impact_chart(plan, scored.scores.actions)
    assert dropped not in {p.action_id for p in chart.points}
    assert [p.number for p in chart.points] == list(range(1, 8))


def test_each_point_sits_in_the_quadrant_of_its_kind(demo):
    _, scored, plan = demo
    chart = ie.impact_chart(plan, scored.scores.actions)
    kinds = {s.action.id: s.kind for s in scored.scores.actions}
    placement = ie.place(chart, 420, 260)
    assert {p.kind for p in chart.points} >= {"quick win", "big bet"}  # the demo has both
    for placed in placement.points:
        p = placed.point
        assert p.kind == kinds[p.action_id]
        high = p.kind in ("quick win", "big bet")
        assert (placed.y > placement.threshold_y) == high, p
        assert (placed.x > placement.split_x) == (p.effort == "L"), p
        assert 0 <= p.impact <= 1


def test_the_impact_line_lies_between_low_and_high_values_of_the_whole_ranking(demo):
    _, scored, plan = demo
    chart = ie.impact_chart(plan, scored.scores.actions)
    top = max(s.value for s in scored.scores.actions if s.value is not None)
    highs = [s.value / top for s in scored.scores.actions if s.kind in ie.HIGH_KINDS]
    lows = [s.value / top for s in scored.scores.actions
            if s.kind not in ie.HIGH_KINDS and s.value is not None]
    assert max(lows) < chart.threshold < min(highs)


# the demo's suggested plan holds seven quick wins and no fill-in since the ranking matches
# actions to what their statements call for: crowded in one corner, one fewer is titled at
# 420 x 260
@pytest.mark.parametrize(("size", "titled"), [((420, 260), 5), ((300, 180), 4),
                                              ((900, 420), 7)])
def test_the_demo_layout_overlaps_nothing(demo, size, titled):
    _, scored, plan = demo
    chart = ie.impact_chart(plan, scored.scores.actions)
    placement = ie.place(chart, *size, radius=7.5, font_size=8.5)
    assert ie.overlapping_labels(placement) == []
    dots = placement.points
    for a in dots:
        for b in dots:
            if a is not b:
                assert (a.x - b.x) ** 2 + (a.y - b.y) ** 2 >= (2 * placement.radius) ** 2
        assert placement.radius <= a.x <= size[0] - placement.radius
        if a.label:
            left, low, right, top = a.label.box
            assert 0 <= left and right <= size[0] and 0 <= low and top <= size[1]
    # most dots are titled beside them (every one is in the PDF's key and the screen's tooltip)
    assert sum(p.label is not None for p in dots) >= titled


def test_crowded_points_are_spread_not_stacked():
    from assessment_app.content.actions import Action

    def entry(n):
        action = Action(f"a{n}", f"Action number {n}", "", "cmo", "90d", "S", (), "")
        return type("E", (), {"id": action.id, "action": action, "included": True,
                              "horizon": "90d"})()

    entries = [entry(n) for n in range(6)]
    chart = ie.ImpactChart(tuple(ie.ImpactPoint(n + 1, f"a{n}", f"Action number {n}", "S", 0.8,
                                                "quick win") for n in range(6)), 0.5)
    placement = ie.place(chart, 420, 260)
    xs = sorted(p.x for p in placement.points)
    assert len(set(xs)) == 6 and all(b - a >= 14 for a, b in zip(xs, xs[1:], strict=False))
    assert ie.place(chart, 420, 260) == placement  # deterministic
    assert len(ie.plan_numbers(entries)) == 6


def test_pdf_chart_is_vector_with_readable_type_and_the_plans_numbers(demo, tmp_path):
    from reportlab.graphics import renderPDF
    from reportlab.graphics.shapes import Circle, Group, String

    from assessment_app.reports.impact_chart import TEXT_SIZE, impact_effort_drawing

    _, scored, plan = demo
    chart = ie.impact_chart(plan, scored.scores.actions)
    drawing = impact_effort_drawing(chart, 450)

    def walk(node):
        for child in getattr(node, "contents", []):
            yield child
            if isinstance(child, Group):
                yield from walk(child)

    shapes = list(walk(drawing))
    strings = [s for s in shapes if isinstance(s, String)]
    assert min(s.fontSize for s in strings) >= TEXT_SIZE >= 8.5
    assert sum(isinstance(s, Circle) for s in shapes) == len(chart.points)
    texts = [s.text for s in strings]
    for label in ("Effort", "Impact", "Quick wins", "Big bets", "Fill-ins", "Question marks"):
        assert label in texts
    for p in chart.points:  # the dot's number, and the key line naming it
        assert str(p.number) in texts
        assert any(t.startswith(f"{p.number}  ") for t in texts)
    renderPDF.drawToFile(drawing, str(tmp_path / "chart.pdf"))
    assert (tmp_path / "chart.pdf").stat().st_size > 1000


def _labels_read_as_their_own_dots(placement):
    """Each label's anchor (the middle of its side facing its dot) is nearer its own dot than
    any other, and its box stays inside the plot and its dot's quadrant."""
    for p in placement.points:
        if p.label is None:
            continue
        left, low, right, top = p.label.box
        assert 0 <= left and right <= placement.width, p
        assert 0 <= low and top <= placement.height, p
        # inside its quadrant: it crosses neither dashed line
        assert (right <= placement.split_x) or (left >= placement.split_x), p
        assert (top <= placement.threshold_y) or (low >= placement.threshold_y), p
        ax = left if left > p.x else right
        ay = (low + top) / 2
        nearest = min(placement.points, key=lambda q: ((q.x - ax) ** 2 + (q.y - ay) ** 2,
                                                       q is not p))
        assert nearest is p, (p.point.number, p.label.text, nearest.point.number)
        if not p.label.leader:  # beside its dot, at its height
            assert low <= p.y <= top, p
        assert not p.label.text.endswith("…") or p.point.title.startswith(
            p.label.text[:-1]) and p.point.title[len(p.label.text) - 1] in " ,", p


@pytest.mark.parametrize("size", [(420, 260), (300, 180), (900, 420), (430, 240),
                                  (640, 330)])
def test_demo_labels_read_as_their_own_dots(demo, size):
    _, scored, plan = demo
    chart = ie.impact_chart(plan, scored.scores.actions)
    placement = ie.place(chart, *size, radius=7.5, font_size=8.5, max_chars=48)
    _labels_read_as_their_own_dots(placement)
    assert ie.overlapping_labels(placement) == []


def test_crowded_labels_read_as_their_own_dots():
    titles = ["Take stock of the relationship twice a year", "List the tools bought around IT",
              "Agree how requests change during delivery", "Hold a monthly CMO-CIO review",
              "Offer a quick joint check for new tools", "Appoint a marketing technologist",
              "Build a single customer record, channel by channel",
              "Name an owner for each customer data set", "Share one roadmap"]
    spec = [("S", 0.83), ("S", 0.83), ("S", 0.66), ("S", 0.79), ("S", 1.0), ("M", 0.92),
            ("L", 0.89), ("S", 0.52), ("S", 0.70)]
    points = tuple(ie.ImpactPoint(n + 1, f"a{n}", titles[n], e, v,
                                  kind_of(e, v >= 0.6)) for n, (e, v) in enumerate(spec))
    chart = ie.ImpactChart(points, 0.6)
    for size in ((300, 180), (420, 260), (480, 240)):
        placement = ie.place(chart, *size, radius=7.5, font_size=8.5, max_chars=48)
        _labels_read_as_their_own_dots(placement)
        assert ie.overlapping_labels(placement) == []
        assert ie.place(chart, *size, radius=7.5, font_size=8.5, max_chars=48) == placement
