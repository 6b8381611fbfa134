"""The results screen of the known-story workshop (tests/known_story.py): the one marketer who
rates technology (three of four said "don't know") shows nowhere on the screen, not in the
heat map's themes or statements, the drill-down, the radar's series or the headlines, and the
withheld marker is explained under the table. The same under a threshold raised to 5."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from assessment_app.ui.main_window import MainWindow

from .known_story import MARKETING, known_story

LONE = MARKETING[3]


@pytest.fixture
def story(qtbot, store, installed_catalog):
    workshop_id = known_story(store, installed_catalog.default())
    window = MainWindow(store, installed_catalog)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_results(workshop_id)
    return window.results, store, workshop_id


def _rate_technology(store, workshop_id, level: int) -> None:
    lone = next(p for p in store.participants(workshop_id) if p.name == LONE)
    for item in store.questionnaire_for(workshop_id).items:
        if item.dimension == "technology":
            store.save_answer(lone.id, item.id, level, 5)


def on_screen(results) -> dict[str, object]:
    """Everything the results screen shows: each table cell (text and tooltip) in both views,
    the drill-down of every technology statement, each radar chart's series and the
    headlines."""
    seen: dict[str, object] = {"headlines": results.headlines.text()}
    for view in (results.show_themes, results.show_items):
        view.setChecked(True)
        model = results.model
        seen[view.text()] = [
            [(model.index(r, c).data(), model.index(r, c).data(Qt.ItemDataRole.ToolTipRole))
             for c in range(model.columnCount())] for r in range(model.rowCount())]
        seen[view.text() + " note"] = results.table_note.text()
    results.tabs.setCurrentIndex(1)
    for r in range(results.model.rowCount()):
        row = results.model.row(r)
        if row.dimension == "Technology":
            results.table.selectRow(results.proxy.mapFromSource(results.model.index(r, 0)).row())
            seen[f"drill-down {row.id}"] = (results.distribution.text(),
                                            results.comments_model.stringList())
    results.tabs.setCurrentIndex(0)
    for n in range(results.chart_choice.count()):
        results.chart_choice.setCurrentIndex(n)
        results.draw_chart()
        seen[f"radar {n}"] = [(s.name, list(s.values)) for s in results.chart.series]
    return seen


@pytest.mark.parametrize("minimum", [3, 5])
def test_the_lone_marketer_on_technology_is_nowhere_on_the_results_screen(story, minimum):
    results, store, workshop_id = story
    if minimum != 3:
        store.set_privacy_threshold(workshop_id, minimum)
    _rate_technology(store, workshop_id, 1)
    results.refresh()
    before = on_screen(results)
    _rate_technology(store, workshop_id, 5)
    results.refresh()
    after = on_screen(results)
    for name in before:
        assert before[name] == after[name], name
    # the marker is there, and explained where the facilitator looks: under the table
    withheld = f"fewer than {minimum}"
    technology = [row for row in before["Statements"] if row[0][0] == "Technology"]
    assert technology and all(row[3][0] == withheld for row in technology)
    assert all(f"fewer than {minimum} people in this function" in row[3][1]
               for row in technology)
    note = before["Statements note"]
    assert note.startswith(f"“Fewer than {minimum}”: fewer than {minimum} people in that "
                           "function gave a level")
    assert "the ranking uses" in note
    results.tabs.setCurrentIndex(1)
    results.show_items.setChecked(True)
    assert results.table_note.isVisibleTo(results)


def test_the_facilitator_sets_the_threshold_on_the_workshop_page(qtbot, main_window, store,
                                                                 mini, monkeypatch):
    from assessment_app.ui import workshop_settings

    w = store.create_workshop("Board day", mini)
    main_window.open_workshop(w.id)
    page = main_window.workshop
    assert "privacy threshold: 3 people" in page.details.text()
    monkeypatch.setattr(workshop_settings, "ask_settings", lambda parent, now: replace(
        now, privacy_threshold=5))
    page.settings_button.click()
    assert store.workshop(w.id).privacy_threshold == 5
    assert "privacy threshold: 5 people" in page.details.text()


def test_the_facilitator_chooses_the_report_language_in_the_settings_dialog(
        qtbot, main_window, store, mini, monkeypatch):
    """An English window writes a German client's reports in German: the dialog's list sets
    the workshop's report language, and the workshop page says it."""
    from assessment_app.ui import workshop_settings

    w = store.create_workshop("Board day", mini)
    main_window.open_workshop(w.id)
    page = main_window.workshop
    assert "reports in English" in page.details.text()

    def choose_german(parent, now):
        dialog = workshop_settings.WorkshopSettingsDialog(now.privacy_threshold, parent,
                                                          now.report_language)
        qtbot.addWidget(dialog)
        assert dialog.report_language.currentData() == "en"
        dialog.report_language.setCurrentIndex(dialog.report_language.findText("Deutsch"))
        return workshop_settings.WorkshopSettings(dialog.chosen(),
                                                  dialog.report_language.currentData())

    monkeypatch.setattr(workshop_settings, "ask_settings", choose_german)
    page.settings_button.click()
    assert store.workshop(w.id).report_language == "de"
    assert store.workshop(w.id).privacy_threshold == 3  # untouched
    assert "reports in German" in page.details.text()


def test_the_dialog_refuses_a_threshold_below_3_in_one_sentence_and_stays_open(qtbot):
    from assessment_app.ui.workshop_settings import WorkshopSettingsDialog

    dialog = WorkshopSettingsDialog(6)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.threshold.value() == 6
    dialog.threshold.lineEdit().setText("2")
    dialog.accept()
    refusal = dialog.problem.text()
    assert refusal == ("The privacy threshold must be a whole number from 3 to 20, so no "
                       "figure ever rests on fewer than 3 people.")
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    dialog.reset_button.click()  # the way back to the default, one press
    assert dialog.chosen() == 3
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
