"""While a room answers, the results screen's radar is redrawn at every saved answer (issue 25):
new values of the same series move the drawn curves and markers instead of the chart's ~490
items being built again (frame gaps of 85 ms p99 on the projector)."""

from __future__ import annotations

import pyqtgraph as pg

from assessment_app.analysis.radar_geometry import Series
from assessment_app.ui.radar_chart import RadarChart

AXES = ["Strategy", "Data", "Budget", "Roadmap", "Skills", "Tools"]


def scene_items(chart: RadarChart) -> list:
    return list(chart.plot.getPlotItem().items)


def marker_tips(chart: RadarChart) -> list[str]:
    return [str(p.data()) for item in scene_items(chart)
            if isinstance(item, pg.ScatterPlotItem) for p in item.points()]


def test_new_values_move_the_drawn_series_in_place(qtbot):
    chart = RadarChart("Test")
    qtbot.addWidget(chart)
    chart.set_data(AXES, [Series("Marketing", [2, 3, 4, 2, 3, 4], "#1f77b4"),
                          Series("IT", [3, 3, 3, 3, 3, 3], "#d62728", dashed=True)])
    drawn = scene_items(chart)
    assert "Marketing\nStrategy: 2.0" in marker_tips(chart)
    chart.set_data(AXES, [Series("Marketing", [4.5, 3, 4, 2, 3, 4], "#1f77b4"),
                          Series("IT", [3, 3, 3, 3, 3, 1], "#d62728", dashed=True)])
    assert scene_items(chart) == drawn  # the same items, nothing built again
    tips = marker_tips(chart)
    assert "Marketing\nStrategy: 4.5" in tips and "IT\nTools: 1.0" in tips
    assert "Marketing\nStrategy: 2.0" not in tips


def test_a_new_axis_or_series_still_draws_the_chart_again(qtbot):
    chart = RadarChart("Test")
    qtbot.addWidget(chart)
    chart.set_data(AXES, [Series("Marketing", [2, 3, 4, 2, 3, 4], "#1f77b4")])
    drawn = scene_items(chart)
    chart.set_data(AXES, [Series("Marketing", [2, 3, 4, 2, 3, 4], "#1f77b4"),
                          Series("IT", [3, 3, None, 3, 3, 3], "#d62728")])
    assert scene_items(chart) != drawn
    assert "IT\nData: 3.0" in marker_tips(chart)
    chart.set_data(AXES[:-1], [Series("Marketing", [2, 3, 4, 2, 3], "#1f77b4")])
    assert not any("Tools" in tip for tip in marker_tips(chart))


def test_a_themes_first_answer_remakes_only_that_series_lines(qtbot):
    """While a room starts answering, themes get their first answers one by one: the series'
    line closes, but the rings, spokes, labels and other series stay as drawn."""
    chart = RadarChart("Test")
    qtbot.addWidget(chart)
    chart.set_data(AXES, [Series("Marketing", [2, 3, None, 2, 3, 4], "#1f77b4"),
                          Series("IT", [3, 3, 3, 3, 3, 3], "#d62728", dashed=True)])
    labels, drawn = list(chart.label_items), scene_items(chart)
    it_curves = chart._series_items[1][0]
    chart.set_data(AXES, [Series("Marketing", [2, 3, 4, 2, 3, 4], "#1f77b4"),
                          Series("IT", [3, 3, 3, 3, 3, 2], "#d62728", dashed=True)])
    kept = scene_items(chart)
    assert chart.label_items == labels
    assert all(curve in kept for curve in it_curves)  # the other series moved in place
    assert len([i for i in drawn if i not in kept]) == 2  # Marketing's two broken lines
    assert len([i for i in kept if i not in drawn]) == 1  # now one closed line
    assert "Marketing\nBudget: 4.0" in marker_tips(chart)


def test_the_same_figures_again_leave_the_drawn_chart_alone(qtbot, monkeypatch):
    """A refresh whose figures did not move (a phone re-sending an answer) touches nothing."""
    chart = RadarChart("Test")
    qtbot.addWidget(chart)
    figures = [Series("Marketing", [2, 3, 4, 2, 3, 4], "#1f77b4")]
    chart.set_data(AXES, figures)
    moved: list[object] = []
    for curve in chart._series_items[0][0]:
        monkeypatch.setattr(curve, "setData", lambda *a, **k: moved.append(a))
    chart.set_data(AXES, [Series("Marketing", [2, 3, 4, 2, 3, 4], "#1f77b4")])
    assert moved == []


def test_labels_laid_out_for_a_size_are_not_planned_again_for_it(qtbot, monkeypatch):
    """While a room answers, the text above the chart gains and loses lines and the chart's
    height goes back and forth: a size it had before takes that layout again (planning one
    costs 30-200 ms on the UI thread)."""
    from assessment_app.ui import radar_chart

    planned: list[tuple[float, float]] = []
    real = radar_chart.plan_labels

    def counting(titles, layout, measure, area, **kwargs):
        planned.append(area)
        return real(titles, layout, measure, area, **kwargs)

    monkeypatch.setattr(radar_chart, "plan_labels", counting)
    chart = RadarChart("Test")
    qtbot.addWidget(chart)
    chart.resize(700, 600)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_data(AXES, [Series("Marketing", [2, 3, 4, 2, 3, 4], "#1f77b4")])
    placed = [label.pos() for label in chart.label_items]
    for height in (500, 600, 500, 600):
        chart.resize(700, height)
        qtbot.waitUntil(lambda h=height: chart.height() == h)
    assert len(set(planned)) == len(planned)  # each size planned once
    assert [label.pos() for label in chart.label_items] == placed
