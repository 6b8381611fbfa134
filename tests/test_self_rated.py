"""Items each function rates about itself (``perspective: self``) ask two different facts, so
they report no perception gap anywhere: not in the scores, not in ``tandem results --json``,
and never among the disagreements the executive summary names."""

from __future__ import annotations

from assessment_app.analysis.plan_story import quoted
from assessment_app.analysis.report_model import load_report
from assessment_app.analysis.summary import disagreement
from assessment_app.reports.results_report import results_report


def test_self_rated_items_are_never_among_the_widest_disagreements(store, catalog):
    """Marketing answers 1 and IT 5 on every self-rated item (the largest possible difference),
    and 2 against 4 on three ordinary items: only the ordinary ones are disagreements."""
    q = catalog.default()
    own = [i.id for i in q.items if not i.compared]
    shared = [i.id for i in q.items if i.compared][:3]
    assert len(own) >= 3
    w = store.create_workshop("Self-rated", q)
    for k in range(3):  # three a function: over the privacy threshold
        m = store.add_participant(w.id, f"M{k}", "marketing")
        it = store.add_participant(w.id, f"I{k}", "it")
        for item in q.items:
            low, high = (1, 5) if item.id in own else (2, 4) if item.id in shared else (3, 3)
            store.save_answer(m.id, item.id, low, 5)
            store.save_answer(it.id, item.id, high, 5)
    report = load_report(store, catalog, w.id)
    line = disagreement(report, minimum=1)
    assert quoted(q.item(shared[0])) in line
    assert not any(quoted(item) in line for item in q.items if item.id in own)
    for s in report.scores.items:
        if s.item.id in own:
            assert s.perception_gap is None
            assert (s.roles["marketing"].mean_current, s.roles["it"].mean_current) == (1, 5)
    items = {i["id"]: i for i in results_report(store, catalog, w.id)["items"]}
    for item_id in own:
        assert items[item_id]["perception_gap"] is None
        assert items[item_id]["perspective"] == "self"
        assert items[item_id]["roles"]["it"]["mean_current"] == 5.0


def test_a_theme_gap_counts_only_the_statements_both_functions_rate(store, catalog):
    q = catalog.default()
    talent = [i for i in q.items if i.theme == "talent"]
    assert {i.compared for i in talent} == {True, False}
    w = store.create_workshop("Talent", q)
    for k in range(3):  # three a function: over the privacy threshold
        m = store.add_participant(w.id, f"M{k}", "marketing")
        it = store.add_participant(w.id, f"I{k}", "it")
        for item in talent:
            store.save_answer(m.id, item.id, 1 if not item.compared else 3, 4)
            store.save_answer(it.id, item.id, 5 if not item.compared else 2, 5)
    report = load_report(store, catalog, w.id)
    theme = next(t for t in report.scores.themes if t.id == "talent")
    assert theme.perception_gap == 1.0  # talent-2 only: 3 - 2
    assert theme.roles["marketing"].mean_current == 2.0  # its means keep every statement


def test_the_heat_map_shows_the_theme_gaps_the_pdf_prints(qapp, store, catalog):
    """On the screen as on paper, a theme holding a self-rated statement shows "–†" with the
    reason, and every other gap is the difference of the two means shown beside it (the screen
    used to print the comparable statements' gap: "3.00 vs 3.20, +0.20" read the wrong way)."""
    from PySide6.QtCore import Qt

    from assessment_app.analysis.gap_rows import gap_rows
    from assessment_app.analysis.numbers import fmt
    from assessment_app.ui.gap_table import GapTableModel

    q = catalog.default()
    w = store.create_workshop("Talent", q)
    for k in range(3):  # self-rated items pull the means apart; three a function
        m = store.add_participant(w.id, f"M{k}", "marketing")
        it = store.add_participant(w.id, f"I{k}", "it")
        for item in q.items:
            store.save_answer(m.id, item.id, 1 if not item.compared else 3, 4)
            store.save_answer(it.id, item.id, 5 if not item.compared else 2, 5)
    report = load_report(store, catalog, w.id)
    themes, _ = gap_rows(report.scores)
    model = GapTableModel()
    model.set_rows(themes)
    display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    mixed = {t.id for t in q.themes if any(not i.compared for i in q.items if i.theme == t.id)}
    assert "talent" in mixed
    for row, r in enumerate(themes):
        shown = [model.data(model.index(row, c), display) for c in (3, 4, 5)]
        if r.id in mixed:
            assert shown[2] == "–†"
            assert "answers about itself" in model.data(model.index(row, 5), tip)
        else:
            assert shown[2] == fmt(float(shown[0]) - float(shown[1]), True)
