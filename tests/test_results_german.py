"""The window in German shows the questionnaire in German: the results screen's radar,
heat map, drill-down, headlines and legends, and the plan screen's actions, in the catalog's
German words (``Catalog.wording``), while what is stored stays the English original."""

from __future__ import annotations

import re

import pytest

from assessment_app import i18n
from assessment_app.analysis.gap_rows import SELF_RATED_NOTE
from assessment_app.exchange.demo import create_demo_workshop


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


@pytest.fixture
def german_window(qtbot, store, installed_catalog):
    """The window built in German (as the preference applies it at start-up), on the demo
    workshop of the installed questionnaire."""
    from assessment_app.ui.main_window import MainWindow

    workshop = create_demo_workshop(store, installed_catalog.default())
    i18n.use("de")
    window = MainWindow(store, installed_catalog)
    qtbot.addWidget(window)
    window.show()
    return window, workshop


def english_only(catalog) -> dict[str, str]:
    """The English statements, theme names and action titles German words otherwise."""
    english, german = catalog.default(), catalog.in_language(catalog.default(), "de")
    pairs = [(f"{i.id} ({role})", i.text_for(role), german.item(i.id).text_for(role))
             for i in english.items for role in ("marketing", "it")]
    pairs += [(f"theme {t.id}", t.title, german.theme(t.id).title) for t in english.themes]
    titles = {a.id: a.title for a in catalog.actions_in("de")}
    pairs += [(f"action {a.id}", a.title, titles[a.id]) for a in catalog.actions]
    return {where: flat(text) for where, text, shown in pairs if flat(text) != flat(shown)}


def results_texts(results) -> str:
    """Everything the results screen says: headlines, the radar's axes and legend, the note
    under it, every heat-map row (themes and statements) and each statement's drill-down."""
    texts = [results.headlines.text(), results.completion.text()]
    for mode in range(results.chart_choice.count()):
        results.chart_choice.setCurrentIndex(mode)
        results.draw_chart()
        texts += [label.toPlainText() for label in results.chart.label_items]
        texts += [label.text for _, label in results.chart.legend.items]
        texts.append(results.chart_note.text())
    for themes in (True, False):
        (results.show_themes if themes else results.show_items).setChecked(True)
        model = results.model
        texts += [str(model.index(r, c).data() or "") for r in range(model.rowCount())
                  for c in range(model.columnCount())]
        texts.append(results.table_note.text())
        if not themes:
            for row in range(results.proxy.rowCount()):
                results.table.selectRow(row)
                texts.append(results.drill_title.text())
    return flat(" ".join(texts))


def test_the_results_screen_in_german_shows_german_statements_and_themes(
        german_window, installed_catalog):
    window, workshop = german_window
    window.show_results(workshop.id)
    results = window.results
    results.tabs.setCurrentIndex(0)
    text = results_texts(results)
    german = installed_catalog.in_language(installed_catalog.default(), "de")
    english = english_only(installed_catalog)
    assert sorted(where for where, words in english.items() if words in text) == []
    assert [label.toPlainText() for label in results.chart.label_items] != []
    assert all(flat(t.title) in text for t in german.themes)
    assert all(flat(i.text_for("marketing")) in text for i in german.items)
    assert "Wahrnehmungslücke" in text  # the colours' legend
    with i18n.speaking("en"):
        assert flat(i18n.tr(SELF_RATED_NOTE)) not in text  # the heat map's note, in German:
    assert flat(i18n.tr(SELF_RATED_NOTE)) in text
    stored = window.store.questionnaire(workshop.questionnaire_hash)
    assert stored.content_hash == installed_catalog.default().content_hash


def test_the_plan_screen_in_german_shows_german_actions(german_window, installed_catalog):
    from assessment_app.ui.impact_view import point_tip

    window, workshop = german_window
    window.show_plan(workshop.id)
    model = window.plan.model
    shown = flat(" ".join(str(model.index(r, c).data() or "") for r in range(model.rowCount())
                          for c in range(model.columnCount())))
    titles = {a.id: a.title for a in installed_catalog.actions_in("de")}
    english = {a.id: a.title for a in installed_catalog.actions if a.title != titles[a.id]}
    assert [i for i, title in english.items() if flat(title) in shown] == []
    assert sum(flat(t) in shown for t in titles.values()) >= model.rowCount() // 2
    window.plan.tabs.setCurrentWidget(window.plan.impact)
    chart = window.plan.impact.chart
    described = window.plan.impact.accessibleDescription()
    assert chart.points and all(flat(p.title) in flat(described) for p in chart.points)
    assert "quick win" not in described and "schneller Erfolg" in described
    assert point_tip(chart.points[0]).split("\n")[1].endswith("Aufwand")


def test_the_consensus_round_in_german_shows_german_statements(german_window,
                                                               installed_catalog):
    window, workshop = german_window
    window.show_consensus(workshop.id)
    page = window.consensus
    listed = [page.triage.item(r, 1).text() for r in range(page.triage.rowCount())]
    listed += [page.chosen.item(r).text() for r in range(page.chosen.count())]
    window.show_presenter(workshop.id)
    slides = window.presenter.slides
    window.presenter.close()
    assert listed and slides
    listed += [words for s in slides for _, words in s.wordings]
    listed += [text for s in slides for _, _, text in s.levels]
    text = flat(" ".join(listed))
    english = english_only(installed_catalog)
    assert sorted(where for where, words in english.items() if words in text) == []
    german = installed_catalog.in_language(installed_catalog.default(), "de")
    assert all(flat(german.item(s.item_id).text_for("marketing")) in text for s in slides)


def test_the_workshop_page_and_the_new_workshop_dialog_name_the_questionnaire_in_german(
        german_window, installed_catalog, monkeypatch):
    from assessment_app.ui import dialogs

    window, workshop = german_window
    german = installed_catalog.in_language(installed_catalog.default(), "de")
    english = installed_catalog.default()
    assert german.title != english.title
    window.open_workshop(workshop.id)
    details = window.workshop.details.text()
    assert german.title in details and english.title not in details
    offered: list[list[str]] = []
    monkeypatch.setattr(dialogs, "ask_workshop",
                        lambda parent, qs, *a, **k: offered.append([q.title for q in qs]))
    window.workshops.create_workshop()
    assert german.title in offered[0] and english.title not in offered[0]
