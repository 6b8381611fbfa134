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
