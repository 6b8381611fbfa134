"""Two marketers under the privacy threshold of 3 who both answer "don't know" on a statement
must read exactly as two marketers who gave levels there: "fewer than 3", never a dash (a dash
says nobody in marketing gave a level, so each of them answered "don't know"), and no "all
respondents" figure that is only IT's own (equal to IT's, it says the same)."""

from __future__ import annotations

import pytest

from assessment_app.analysis.gap_rows import gap_rows
from assessment_app.analysis.report_model import load_report
from assessment_app.store.database import Store

PEOPLE = [("Ana", "marketing"), ("Ben", "marketing"), ("Cem", "it"), ("Dia", "it"),
          ("Eli", "it")]


@pytest.fixture(scope="module")
def catalog():
    from assessment_app.content.catalog import load_catalog

    return load_catalog()


def room(path, catalog, marketing_dont_know: bool):
    """(store, workshop id, the statement): everyone answered everything; on the first
    statement the two marketers said "don't know" or gave levels."""
    store = Store.open(path)
    q = catalog.default()
    w = store.create_workshop("Five people", q, "Small Ltd")
    first = q.items[0].id
    for k, (name, role) in enumerate(PEOPLE):
        pid = store.add_participant(w.id, name, role).id
        for i, item in enumerate(q.items):
            if item.id == first and role == "marketing" and marketing_dont_know:
                store.save_answer(pid, item.id, None, None)
            else:
                store.save_answer(pid, item.id, 1 + (i + k) % 5, 5)
    return store, w.id, first


@pytest.mark.parametrize("dont_know", [False, True])
def test_marketing_reads_withheld_whether_they_gave_levels_or_not(tmp_path, catalog,
                                                                  dont_know):
    store, workshop_id, first = room(tmp_path / "room.sqlite", catalog, dont_know)
    try:
        report = load_report(store, catalog, workshop_id)
        _, items = gap_rows(report.scores)
        row = next(r for r in items if r.id == first)
        assert row.mean("marketing") == "fewer than 3"
        assert row.mean("it") != "fewer than 3"
        score = next(s for s in report.scores.items if s.item.id == first)
        pooled = score.pooled
        assert pooled is None or pooled.withheld, "all respondents would be IT's own figure"
    finally:
        store.close()


def test_the_consensus_figures_do_not_say_the_two_marketers_said_dont_know(tmp_path, catalog):
    """``results --json``'s consensus figures: marketing's counts withheld, and everyone's
    figures, which less IT's own would be marketing's, withheld too."""
    from assessment_app.reports.results_report import results_report

    store, workshop_id, first = room(tmp_path / "room.sqlite", catalog, True)
    try:
        item = next(i for i in results_report(store, catalog, workshop_id)["items"]
                    if i["id"] == first)
    finally:
        store.close()
    said = item["consensus"]["round1"]
    assert (said["marketing"]["n"], said["marketing"]["dont_know"]) == (None, None)
    assert said["all"]["mean"] is None and said["all"]["dont_know"] is None
    assert said["it"]["mean"] is not None
