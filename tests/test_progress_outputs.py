"""A follow-up of the demo made with the pulse: its workshop PDF has the "Progress since
<date>" page (what is comparable, the figures, the plan's scorecard), and the results screen
shows baseline and now on one radar per function with the progress table; a workshop that
follows none has neither."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from assessment_app.analysis.series import load_comparison
from assessment_app.exchange.demo import create_demo_follow_up, create_demo_workshop
from assessment_app.reports.workshop_pdf import build_workshop_pdf
from assessment_app.rules.dates import day_label


@pytest.fixture
def demo_series(store, catalog):
    base = create_demo_workshop(store, catalog.default())
    follow = create_demo_follow_up(store, base.id, catalog.get("pulse"), on="2027-06-01")
    return base, follow


def _pages(path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(path).pages]


def test_the_pulse_follow_up_of_the_demo_has_a_progress_page(store, catalog, demo_series,
                                                              tmp_path):
    base, follow = demo_series
    pages = _pages(build_workshop_pdf(store, catalog, follow.id, tmp_path / "f.pdf"))
    [page] = [p for p in pages if f"Progress since {day_label(base.date)}" in p]
    c = load_comparison(store, base.id, follow.id, catalog.actions, catalog.editions)
    assert c.comparable_sentence in page  # "14 of 14 statements comparable"
    returning = sum(c.people["returning"].values())
    assert f"{returning} people answered both times; 2 people are new" in page
    assert c.headline_note and c.headline_note in page  # the newcomers' part in then and now
    people = c.functions["marketing"]["people"]
    assert f"{people.then:.2f} → {people.now:.2f} (target {people.target:.2f})" in page
    assert f"{people.progress * 100:.0f}%" in page
    assert "The plan checked" in " ".join(pages)
    # statements in words, never by id; the statements the pulse leaves out counted
    ids = set(c.baseline.questionnaire.item_ids) | set(c.followup.questionnaire.item_ids)
    at = pages.index(page)
    shown = " ".join(pages[at:at + 2])  # the page, and what runs over onto the next
    assert not [i for i in ids if re.search(rf"\b{re.escape(i)}\b", shown)], shown
    assert f"{len(c.dropped)} statements not asked this time" in page
    for v in c.verdicts:  # every action of the demo's plan with its verdict
        assert v.title[:20] in " ".join(pages)
    # the baseline, which follows nothing, has no such page
    plain = _pages(build_workshop_pdf(store, catalog, base.id, tmp_path / "b.pdf"))
    assert not any("Progress since" in p for p in plain)


def test_the_results_screen_shows_progress_for_a_follow_up_only(qtbot, store, catalog,
                                                                 demo_series):
    from assessment_app.ui.main_window import MainWindow

    base, follow = demo_series
    window = MainWindow(store, catalog)
    qtbot.addWidget(window)
    window.show()
    window.show_results(follow.id)
    results = window.results
    tab = results.tabs.indexOf(results.progress)
    assert results.tabs.isTabVisible(tab)
    assert results.tabs.tabText(tab) == f"Progress since {day_label(base.date)}"
    results.tabs.setCurrentIndex(tab)
    c = results.progress.comparison
    assert c is not None and c.comparable_sentence in results.progress.summary.text()
    assert c.people_sentence in results.progress.summary.text()  # as the PDF counts them
    for role, radar in results.progress.radars.items():  # then and now on one radar each
        assert [s.name for s in radar.series] == [f"{n}, then" for n in [
            "Marketing" if role == "marketing" else "IT"]] + [
            f"{'Marketing' if role == 'marketing' else 'IT'}, now"]
    table = results.progress.table
    cells = [[table.item(r, k).text() for k in range(table.columnCount())]
             for r in range(table.rowCount())]
    people = c.functions["it"]["people"]
    assert ["IT", "People", str(people.statements), f"{people.then:.2f}", f"{people.now:.2f}",
            f"{people.change:+.2f}", f"{people.target:.2f}",
            f"{people.progress * 100:.0f}%"] in cells
    window.show_results(base.id)
    assert not results.tabs.isTabVisible(tab)
