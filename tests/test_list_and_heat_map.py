"""The workshop list and the heat map keep their cells' values from when their rows were set
(no sorting proxy, no column sized by asking every row): what they show, and in what order,
is what the sorting proxy and the per-call ``data()`` showed before."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView

from assessment_app.analysis import palette
from assessment_app.analysis.gap_rows import GapRow
from assessment_app.analysis.numbers import fmt, percent
from assessment_app.ui.gap_table import GapTableModel, ItemIdRole, NumberRole
from assessment_app.ui.models import IdRole, SortRole, WorkshopListModel
from assessment_app.ui.text import plain_tooltip

# names, organisations, dates and counts with ties, case, accents, CJK and empty values
WORKSHOPS = [
    ("beta", "Acme", "2026-03-01", 3, 1),
    ("Alpha", "acme", "2026-03-01", 3, 3),
    ("alpha", "", "2025-12-31", 0, 0),
    ("Émile", "Zeta", "2026-03-01", 12, 2),
    ("山田", "Acme", "2024-01-15", 3, 0),
    ("Beta", "Acme", "2026-11-30", 5, 5),
    ("beta", "Northwind & Co", "2026-03-01", 2, 2),
]


@pytest.fixture
def listed(store, mini):
    ids = []
    for name, org, date, people, finished in WORKSHOPS:
        w = store.create_workshop(name, mini, organization=org, on=date)
        for n in range(people):
            p = store.add_participant(w.id, f"P{n}", "it")
            if n < finished:
                for item in mini.items:
                    store.save_answer(p.id, item.id, 2, 3)
        ids.append(w.id)
    return ids


def shown(model, rows=None) -> list[tuple]:
    rows = range(model.rowCount()) if rows is None else rows
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in rows]


def test_every_sort_matches_the_sorting_proxy(qtmodeltester, store, listed):
    model = WorkshopListModel(store)
    before = WorkshopListModel(store)  # as the page had it: a proxy sorting by SortRole
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(before)
    proxy.setSortRole(SortRole)
    assert shown(model) == shown(before)  # the store's order, newest first
    for column in range(5):
        for order in (Qt.AscendingOrder, Qt.DescendingOrder):
            model.sort(column, order)
            proxy.sort(column, order)
            expected = [proxy.index(r, 0).data(IdRole) for r in range(proxy.rowCount())]
            assert [model.index(r, 0).data(IdRole) for r in range(model.rowCount())] == \
                expected, (column, order)
            assert shown(model) == shown(proxy)
    qtmodeltester.check(model)


def test_cells_show_what_they_showed(store, listed):
    model = WorkshopListModel(store)
    rows = {model.index(r, 0).data(): model.index(r, 0) for r in range(model.rowCount())}
    emile = rows["Émile"]
    assert shown(model, [emile.row()]) == [("Émile", "Zeta", "2026-03-01", 12, "2 of 12")]
    assert model.index(emile.row(), 3).data(Qt.TextAlignmentRole) == int(
        Qt.AlignRight | Qt.AlignVCenter)
    assert model.index(emile.row(), 0).data(Qt.TextAlignmentRole) is None
    assert model.index(emile.row(), 4).data(SortRole) == 2
    assert "Questionnaire: mini" in model.index(emile.row(), 0).data(Qt.ToolTipRole)
    assert model.index(rows["alpha"].row(), 1).data(Qt.ToolTipRole) is None  # no organisation


def test_a_refresh_keeps_the_chosen_sort_and_the_selection_follows_a_sort(main_window, store,
                                                                          listed, mini):
    page = main_window.workshops
    page.refresh()
    assert page.table.model() is page.model  # no proxy between the view and the model
    page.table.sortByColumn(0, Qt.AscendingOrder)
    names = [r[0] for r in shown(page.model)]
    assert names == sorted(names) and len(names) == len(WORKSHOPS)
    page.select(listed[3])  # Émile
    page.table.sortByColumn(3, Qt.DescendingOrder)  # the selection stays on the workshop
    assert page.selected_id() == listed[3]
    assert page.model.index(0, 0).data() == "Émile"  # 12 participants
    new = store.create_workshop("aardvark", mini)
    page.refresh()
    page.table.sortByColumn(0, Qt.AscendingOrder)
    page.refresh()
    assert page.model.index(0, 0).data() == "Alpha"  # case first, as Qt compares strings
    assert new.id in [page.model.workshop_id(r) for r in range(page.model.rowCount())]


def test_columns_are_sized_without_asking_every_row(main_window, store, mini):
    from assessment_app.ui.workshop_list import ORGANISATION_COLUMN, ORGANISATION_MAX_CHARS

    page = main_window.workshops
    header = page.table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(page.model.columnCount())]
    assert QHeaderView.ResizeToContents not in modes
    assert modes[0] == QHeaderView.Stretch
    store.create_workshop("W", mini, organization="O" * 150)
    page.refresh()
    cap = page.table.fontMetrics().averageCharWidth() * ORGANISATION_MAX_CHARS
    assert page.table.columnWidth(ORGANISATION_COLUMN) == cap  # a long one is elided
    metrics = page.table.fontMetrics()
    for column in (2, 4):  # the widest value fits
        widest = max(metrics.horizontalAdvance(str(page.model.index(r, column).data()))
                     for r in range(page.model.rowCount()))
        assert page.table.columnWidth(column) > widest


# -- the heat map --------------------------------------------------------------------------------

def reference(r: GapRow, column: int, role: int):
    """What ``GapTableModel.data`` answered before it kept its cells (computed per call)."""
    numbers = (None, None, None, r.marketing, r.it, r.perception_gap, r.ambition_gap,
               r.dont_know_share, r.benchmark_sort)
    if role == Qt.DisplayRole:
        return (r.dimension, r.theme, r.statement or "(all statements)", fmt(r.marketing),
                fmt(r.it), fmt(r.perception_gap, True), fmt(r.ambition_gap, True),
                percent(r.dont_know_share), r.benchmark)[column]
    if role == NumberRole:
        if column < 3:
            return (r.dimension, r.theme, r.statement)[column]
        value = numbers[column]
        if value is None:
            return float("-inf")
        return abs(value) if column == 5 else value
    if role == ItemIdRole:
        return r.id if r.kind == "item" else None
    if role == Qt.BackgroundRole:
        fill = {5: palette.perception_fill(r.perception_gap),
                6: palette.ambition_fill(r.ambition_gap),
                7: palette.dont_know_fill(r.dont_know_share)}.get(column)
        return QColor(fill) if fill else None
    if role == Qt.TextAlignmentRole and 3 <= column <= 7:
        return int(Qt.AlignRight | Qt.AlignVCenter)
    if role == Qt.ToolTipRole:
        return plain_tooltip({1: r.theme, 2: r.statement, 8: r.benchmark}.get(column) or "") \
            or None
    return None


GAP_ROWS = [
    GapRow("item", "i1", "People", "Trust <b>R&D</b>", "We ship", 3.25, 2.0, 1.25, 0.5, 12.5,
           "43/50% → here 20/75%", -7.0),
    GapRow("item", "i2", "Process", "Meetings", "", None, 4.0, None, -0.04, 0.0, "", None),
    GapRow("theme", "t1", "Technology", "Data", "", 1.0, 3.0, -2.0, 2.5, None, "", None),
]


def test_heat_map_cells_are_what_they_were(qtmodeltester):
    model = GapTableModel()
    model.set_rows(GAP_ROWS)
    roles = (Qt.DisplayRole, NumberRole, ItemIdRole, Qt.BackgroundRole, Qt.TextAlignmentRole,
             Qt.ToolTipRole, Qt.DecorationRole, Qt.FontRole)
    for row, gap in enumerate(GAP_ROWS):
        for column in range(model.columnCount()):
            for role in roles:
                assert model.index(row, column).data(role) == reference(gap, column, role), (
                    row, column, role)
    qtmodeltester.check(model)
    model.set_rows(GAP_ROWS[:1])  # new rows replace the kept cells
    assert model.rowCount() == 1 and model.index(0, 1).data() == "Trust <b>R&D</b>"


# -- the participants ------------------------------------------------------------------------------

def test_participant_cells_are_what_they_were(qtmodeltester, store, mini):
    from assessment_app.content.questionnaire import ROLE_LABELS
    from assessment_app.ui.models import ParticipantsModel

    w = store.create_workshop("W", mini)
    people = [store.add_participant(w.id, "Zoë <b>R&D</b>", "marketing", "VP & Growth"),
              store.add_participant(w.id, "Ivan", "it", ""),
              store.add_participant(w.id, "山田 太郎", "it", "CTO")]
    for item in mini.items:
        store.save_answer(people[0].id, item.id, 2, 3)
    store.save_answer(people[1].id, mini.items[0].id, None, None)
    model = ParticipantsModel(store)
    model.set_workshop(w.id)
    total = len(mini.items)

    def before(p, column, role):  # what data() answered when it worked each cell out per call
        answered = model.answered(p.id)
        if role == IdRole:
            return p.id
        if role == Qt.DisplayRole:
            if column == 3:
                done = " ✓" if answered >= total else ""
                return f"{answered} / {total}{done}"
            return (p.name, ROLE_LABELS[p.role], p.title)[column]
        if role == SortRole:
            return (p.name, p.role, p.title, answered)[column]
        if role == Qt.TextAlignmentRole and column == 3:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.AccessibleTextRole and column == 3:
            return f"{answered} of {total} items answered"
        if role == Qt.ToolTipRole and column in (0, 2):
            return plain_tooltip((p.name, p.title)[column // 2]) or None
        return None

    roles = (Qt.DisplayRole, SortRole, IdRole, Qt.TextAlignmentRole, Qt.AccessibleTextRole,
             Qt.ToolTipRole, Qt.BackgroundRole, Qt.FontRole)
    assert model.rowCount() == 3
    for row in range(3):
        p = model.participant(row)
        for column in range(4):
            for role in roles:
                assert model.index(row, column).data(role) == before(p, column, role), (
                    row, column, role)
    assert model.index(0, 3).data() == f"{total} / {total} ✓"
    qtmodeltester.check(model)
    model.set_workshop(None)
    assert model.rowCount() == 0


def test_the_radar_hidden_behind_the_heat_map_is_drawn_when_its_tab_is_shown(main_window,
                                                                           store, mini):
    w = store.create_workshop("W", mini)
    for name in ("Ann", "Bea", "Cas"):
        store.save_answer(store.add_participant(w.id, name, "marketing").id, "trust-1", 2, 4)
    ivans = [store.add_participant(w.id, name, "it") for name in ("Ivan", "Ida", "Ike")]
    for ivan in ivans[1:]:  # two: fewer than the privacy threshold, so not shown yet
        store.save_answer(ivan.id, "trust-1", 5, 5)
    ivan = ivans[0]
    main_window.show_results(w.id)
    page = main_window.results
    drawn = page.chart.series
    assert drawn  # the radar tab is the first one shown
    page.tabs.setCurrentIndex(1)  # the heat map; then an answer arrives
    store.save_answer(ivan.id, "trust-1", 5, 5)
    page.refresh()
    assert page.chart.series is drawn  # not redrawn behind the heat map
    heat = [page.proxy.index(r, 4).data() for r in range(page.proxy.rowCount())]
    assert "5.0" in heat  # the heat map shows the new answer at once
    page.tabs.setCurrentIndex(0)
    assert page.chart.series is not drawn  # drawn as its tab is shown
    page.chart_choice.setCurrentIndex(1)  # and a choice of chart still draws at once
    assert page.chart.series is not drawn


def test_the_screen_compares_with_the_research_as_the_pdf_does(store, installed_catalog):
    """The screen's benchmark column counted the room at level 4+, while the PDF (and the
    brief) count from the level each statement declares: the same statement read 20/40% on
    screen and 60%/80% on paper. Both now use the declared level."""
    from assessment_app.analysis.gap_rows import gap_rows
    from assessment_app.analysis.workshop import load_scored_workshop
    from assessment_app.exchange.demo import create_demo_workshop

    w = create_demo_workshop(store, installed_catalog.default())
    scored = load_scored_workshop(store, w.id, installed_catalog.actions)
    _, items = gap_rows(scored.scores)
    by_id = {s.item.id: s for s in scored.scores.items}
    differs = 0
    for row in (r for r in items if r.benchmark):
        roles = by_id[row.id].roles
        here = "/".join("fewer than 3" if roles[r].withheld  # too few gave a level
                        else f"{roles[r].share_statement_true:.0f}" for r in ("marketing", "it"))
        assert row.benchmark.endswith(f"here {here}%")
        differs += any(roles[r].share_statement_true != roles[r].share_at_least_4
                       for r in roles)
    assert differs  # the demo has statements where the two counts differ
