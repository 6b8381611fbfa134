"""The results screen: charts and heat map from the scoring engine, drill-down, export, and
refreshing by itself when answers change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assessment_app.analysis.gap_rows import gap_rows
from assessment_app.store.database import Store
from assessment_app.ui import dialogs
from assessment_app.ui.gap_table import GapTableModel


@pytest.fixture
def workshop(store, mini):
    w = store.create_workshop("W", mini)
    for k in range(3):  # three of each, answering alike: over the privacy threshold
        m1 = store.add_participant(w.id, f"M1{'abc'[k]}", "marketing")
        m2 = store.add_participant(w.id, f"M2{'abc'[k]}", "marketing")
        i1 = store.add_participant(w.id, f"I1{'abc'[k]}", "it")
        store.save_answer(m1.id, "trust-1", 2, 4, "" if k else "IT is slow")
        store.save_answer(m2.id, "trust-1", None, None)
        store.save_answer(i1.id, "trust-1", 4, 5, "" if k else "We are fast")
        store.save_answer(m1.id, "meet-1", 1, 3)
    return w


@pytest.fixture
def results(main_window, workshop):
    main_window.show_results(workshop.id)
    return main_window.results


def test_heat_map_shows_gaps_excluding_dont_knows(results):
    results.show_items.setChecked(True)
    model = results.model
    row = next(r for r in range(model.rowCount()) if model.row(r).id == "trust-1")
    text = [model.index(row, c).data() for c in range(model.columnCount())]
    # marketing 2 (the don't-know is not a level), IT 4: gap -2; one don't-know of marketing's
    # two answers (50%) and none of IT's: the room's share averages the functions, 25%, the
    # share the need uses
    assert text[3:8] == ["2.0", "4.0", "-2.0", "+1.5", "25%"]
    assert model.index(row, 5).data(Qt.BackgroundRole) is not None


def test_drill_down_lists_distribution_and_comments_without_names(results):
    results.tabs.setCurrentIndex(1)
    results.show_items.setChecked(True)
    source_row = next(r for r in range(results.model.rowCount())
                      if results.model.row(r).id == "trust-1")
    results.table.selectRow(results.proxy.mapFromSource(results.model.index(source_row, 0)).row())
    assert results.comments_model.stringList() == ["Marketing: IT is slow", "IT: We are fast"]
    assert "Don't know" in results.distribution.text()
    assert "M1" not in results.distribution.text()


def test_chart_has_an_axis_per_theme_and_a_legend(results):
    assert [label.toPlainText() for label in results.chart.label_items] == [
        "Trust", "Meetings", "Customer data"]
    assert len(results.chart.legend.items) == 2
    results.chart_choice.setCurrentIndex(3)  # today vs target, both functions
    assert len(results.chart.legend.items) == 4


def test_chart_exports_png_and_svg(results, monkeypatch, tmp_path):
    for name in ("chart.png", "chart.svg"):
        monkeypatch.setattr(dialogs, "ask_save_path", lambda *a, n=name: str(tmp_path / n))
        results.export_chart()
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (tmp_path / "chart.svg").read_bytes()[:2000]


def test_results_refresh_when_another_window_adds_answers(qtbot, results, store, workshop):
    before = results.status.text()
    other = Store.open(store.path)
    late = other.add_participant(workshop.id, "Late", "it")
    for item in ("trust-1", "trust-2", "meet-1", "data-1"):
        other.save_answer(late.id, item, 3, 3)
    other.close()
    assert before == "0 of 9 participants finished"
    qtbot.waitUntil(lambda: results.status.text() != before, timeout=3000)  # data_version
    assert results.status.text() == "1 of 10 participants finished"


def test_gap_model_passes_the_qt_model_tester(qtmodeltester, results):
    model = GapTableModel()
    model.set_rows(gap_rows(results.scores)[1])
    qtmodeltester.check(model)


def test_results_page_keeps_qts_list_of_actions(results):
    # the catalog's actions live beside Qt's ``actions()``, which lists the page's shortcuts
    from PySide6.QtGui import QAction

    shortcut = QAction("Refresh", results)
    results.addAction(shortcut)
    assert shortcut in results.actions()
    assert results.catalog_actions
