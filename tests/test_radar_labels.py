"""The radar's text on screen: no theme label covers another, a dimension's name, a ring
number or the legend, and none leaves the chart, on a 1366x768 and a 1920x1080 screen at normal
and projector text size (at projector size on 1366x768, ten pairs of labels overlapped)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QApplication

from assessment_app.ui.app import apply_style


def drawn_text(chart) -> list[tuple[str, QPainterPath]]:
    """Every text drawn on the chart and the legend, each as the shape it covers on screen
    (a dimension's name is turned along the circle)."""
    import pyqtgraph as pg

    chart.grab()  # a text item takes its final place on screen when painted
    shapes = []
    for item in chart.plot.getPlotItem().items:
        if isinstance(item, pg.TextItem) and item.isVisible():
            shape = QPainterPath()
            shape.addPolygon(item.mapToScene(item.boundingRect()))
            shape.closeSubpath()
            shapes.append((item.toPlainText(), shape))
    legend = QPainterPath()
    legend.addRect(chart.legend.sceneBoundingRect())
    return [*shapes, ("the legend", legend)]


def clashes(chart) -> list[str]:
    shapes = drawn_text(chart)
    area = chart.plot.getPlotItem().getViewBox().sceneBoundingRect()
    overlapping = [f"{a!r} over {b!r}" for i, (a, one) in enumerate(shapes)
                   for b, other in shapes[i + 1:] if one.intersects(other)]
    outside = [f"{name!r} outside" for name, shape in shapes
               if not area.contains(shape.boundingRect())]
    return overlapping + outside


@pytest.fixture
def styled():
    from assessment_app.ui.fonts import apply_text_size

    app = QApplication.instance()
    apply_style(app)
    yield
    apply_text_size("normal")
    app.setStyleSheet("")


@pytest.mark.parametrize("text_size", ["normal", "projector"])
@pytest.mark.parametrize("screen", [(1366, 768), (1920, 1080)])
def test_no_radar_text_covers_another(qtbot, styled, store, installed_catalog, text_size,
                                      screen):
    from assessment_app.exchange.demo import create_demo_workshop
    from assessment_app.ui.main_window import MainWindow

    workshop = create_demo_workshop(store, installed_catalog.default())
    window = MainWindow(store, installed_catalog)
    qtbot.addWidget(window)
    window.show()
    window.set_text_size(text_size)
    window.resize(*screen)
    window.show_results(workshop.id)
    qtbot.waitExposed(window)
    chart = window.results.chart
    assert len(chart.label_items) == 15
    assert clashes(chart) == []
    for choice in range(window.results.chart_choice.count()):  # each chart, its own legend
        window.results.chart_choice.setCurrentIndex(choice)
        assert clashes(chart) == [], window.results.chart_choice.currentText()


def test_the_labels_make_room_again_when_the_window_shrinks(qtbot, styled, main_window,
                                                            store, mini):
    """A chart without dimensions (three themes, one label above the chart), shrunk."""
    workshop = store.create_workshop("W", mini)
    person = store.add_participant(workshop.id, "M", "marketing")
    store.save_answer(person.id, "trust-1", 2, 4)
    main_window.set_text_size("projector")
    main_window.resize(1920, 1080)
    main_window.show_results(workshop.id)
    chart = main_window.results.chart
    assert clashes(chart) == []
    main_window.resize(1024, 640)
    qtbot.waitUntil(lambda: main_window.width() == 1024)
    assert clashes(chart) == []


def test_a_note_mark_never_stands_alone_on_a_line():
    from assessment_app.analysis.radar_geometry import spokes
    from assessment_app.analysis.radar_labels import plan_labels

    titles = ["Shared digital vision †", "Trust and delivery confidence", "Meetings",
              "Customer data and analytics", "Hybrid talent †"]

    def measure(text: str) -> tuple[float, float]:
        lines = text.split("\n")
        return 8.0 * max(len(line) for line in lines), 20.0 * len(lines)

    plan = plan_labels(titles, spokes(titles), measure, (1600, 700))
    assert plan.clashes == 0 and any("\n" in text for text in plan.texts)  # wrapped
    assert all(line.strip() != "†" for text in plan.texts for line in text.split("\n"))
