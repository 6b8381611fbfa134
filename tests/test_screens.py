"""The facilitator's screens without rough edges (issue 17's defects, each pinned by a test):
double-click edits and Enter hands over; edits never re-size the plan table; the heat map sorts
disagreements by size and gives the text the room; shortcuts are unique per screen; Tab leaves
every table; the focus follows the choice; Enter finishes the review."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QTableView

from assessment_app.ui import dialogs
from assessment_app.ui.plan_page import ACTION, DUE, NOTES, OWNER


@pytest.fixture
def workshop(store, mini):
    w = store.create_workshop("W", mini)
    m1 = store.add_participant(w.id, "Mia", "marketing")
    m2 = store.add_participant(w.id, "Max", "marketing")
    m3 = store.add_participant(w.id, "Mo", "marketing")
    it = [store.add_participant(w.id, name, "it") for name in ("Ivo", "Ida", "Ike")]
    for item, (a, b, c) in {"trust-1": (1, 1, 5), "trust-2": (4, 4, 3),
                            "meet-1": (2, 2, 3), "data-1": (5, 5, 1)}.items():
        store.save_answer(m1.id, item, a, 5)
        store.save_answer(m2.id, item, b, 5)
        store.save_answer(m3.id, item, a, 5)
        for i1 in it:  # three a function, answering alike: over the privacy threshold
            store.save_answer(i1.id, item, c, 5)
    return w


def test_double_click_edits_and_enter_hands_over(qtbot, main_window, workshop, monkeypatch):
    asked, handed = [], []
    monkeypatch.setattr(dialogs, "ask_participant", lambda *a: asked.append(a) or None)
    main_window.workshop.hand_over_requested.connect(handed.append)
    main_window.open_workshop(workshop.id)
    table = main_window.workshop.table
    table.selectRow(0)
    rect = table.visualRect(table.model().index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    assert len(asked) == 1 and handed == []  # Cancel in the editor hands over nothing
    table.setFocus()
    qtbot.keyClick(table, Qt.Key_Return)
    assert len(handed) == 1 and len(asked) == 1


def test_plan_edits_do_not_resize_the_table(qtbot, main_window, workshop):
    main_window.resize(1366, 768)
    main_window.open_workshop(workshop.id)
    qtbot.mouseClick(main_window.workshop.plan_button, Qt.LeftButton)
    page = main_window.plan
    widths = [page.table.columnWidth(c) for c in range(page.model.columnCount())]
    em = page.table.fontMetrics().averageCharWidth()
    assert page.table.columnWidth(DUE) >= 10 * em and page.table.columnWidth(NOTES) >= 10 * em
    assert page.model.setData(page.model.index(0, OWNER), "cio", Qt.EditRole)
    assert page.model.setData(page.model.index(0, NOTES), "x" * 300, Qt.EditRole)
    qtbot.wait(10)
    assert [page.table.columnWidth(c) for c in range(page.model.columnCount())] == widths
    assert page.table.columnWidth(ACTION) > 20 * em


def test_the_heat_map_sorts_disagreements_by_size(qtbot, main_window, workshop):
    main_window.show_results(workshop.id)
    results = main_window.results
    results.show_items.setChecked(True)
    results.table.sortByColumn(5, Qt.DescendingOrder)
    gaps = [abs(float(results.proxy.index(r, 5).data()))
            for r in range(results.proxy.rowCount())]
    assert gaps == sorted(gaps, reverse=True)
    assert gaps[0] == 4.0  # trust-1 (+4: marketing 1, IT 5) and data-1 (-4) lead, not -4 last


def test_the_themes_view_gives_the_theme_the_room(qtbot, main_window, workshop):
    main_window.resize(1366, 768)
    main_window.show_results(workshop.id)
    results = main_window.results
    results.tabs.setCurrentIndex(1)
    results.show_themes.setChecked(True)
    qtbot.wait(10)
    assert results.table.isColumnHidden(2)  # no "(all statements)" column
    assert results.table.columnWidth(1) >= QFontMetrics(results.table.font()).horizontalAdvance(
        "Trust and delivery confidence")
    results.show_items.setChecked(True)
    assert not results.table.isColumnHidden(2)
    assert results.table.columnWidth(2) > results.table.columnWidth(1)


def mnemonics(widget) -> list[str]:
    keys = [m.group(1).lower() for b in widget.findChildren(QAbstractButton)
            if b.isVisible() for m in [re.search(r"&([^&\s])", b.text().replace("&&", ""))]
            if m]
    return keys


def test_shortcuts_are_unique_on_every_screen(qtbot, main_window, workshop):
    menu = [re.search(r"&(\w)", a.text()).group(1).lower()
            for a in main_window.menuBar().actions()]

    def check(screen) -> list[str]:
        keys = mnemonics(screen)
        assert keys, type(screen).__name__
        assert len(keys + menu) == len(set(keys + menu)), (type(screen).__name__, sorted(keys))
        return keys

    main_window.show_workshops()
    check(main_window.workshops)
    main_window.open_workshop(workshop.id)
    main_window.workshop.table.selectRow(0)
    assert "o" in check(main_window.workshop)  # Hand over keeps Alt+O with a name shown
    qtbot.mouseClick(main_window.workshop.plan_button, Qt.LeftButton)
    check(main_window.plan)


def test_tab_leaves_every_table(qtbot, main_window, workshop):
    main_window.open_workshop(workshop.id)
    main_window.show_results(workshop.id)
    qtbot.mouseClick(main_window.results.back_button, Qt.LeftButton)
    qtbot.mouseClick(main_window.workshop.plan_button, Qt.LeftButton)
    tables = main_window.findChildren(QTableView)
    assert len(tables) >= 4
    assert not any(t.tabKeyNavigation() for t in tables)


def test_the_focus_follows_the_choice_and_enter_finishes_the_review(qtbot, store, workshop):
    from assessment_app.analysis.answering import AnsweringSession
    from assessment_app.ui.answering_window import AnsweringWindow

    late = store.add_participant(workshop.id, "Lea", "it")
    window = AnsweringWindow(AnsweringSession.start(store, late.id), [])
    qtbot.addWidget(window, before_close_func=lambda w: w.isVisible() and w.request_leave())
    window.show()
    qtbot.waitActive(window)
    qtbot.keyClick(window.focusWidget(), Qt.Key_2)
    assert window.focusWidget() is window.cards.cards[1]  # not left on card 1
    qtbot.keyClick(window.focusWidget(), Qt.Key_0)
    assert window.dont_know.isChecked()
    chosen = window.dont_know
    needed = QFontMetrics(chosen.font()).horizontalAdvance(chosen.text())
    assert chosen.width() > needed  # "✓ I don't know (0)" is not clipped
    qtbot.keyClick(window.focusWidget(), Qt.Key_Right)  # arrows on a button still answer
    assert window.session.index == 1
    for _ in range(3):
        qtbot.keyClick(window.focusWidget(), Qt.Key_0)
        qtbot.keyClick(window.focusWidget(), Qt.Key_Return)
    assert window.pages.currentWidget() is window.review_page
    qtbot.keyClick(window.focusWidget(), Qt.Key_Return)
    assert window.pages.currentWidget() is window.thanks_page


def test_a_duplicate_name_is_questioned_not_silently_added(main_window, workshop, store,
                                                           monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "ask_participant",
                        lambda *a: dialogs.ParticipantFields("  mia ", "it", ""))
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: asked.append(a[2]) or False)
    main_window.open_workshop(workshop.id)
    main_window.workshop.add_participant()
    assert len(asked) == 1 and "already a participant" in asked[0]
    assert [p.name for p in store.participants(workshop.id)].count("Mia") == 1
    assert len(store.participants(workshop.id)) == 6  # declined: nothing added


def test_file_dialogs_start_in_the_last_folder_used(tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    starts = []
    chosen = tmp_path / "exports" / "plan.pdf"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, start, filters: (starts.append(start),
                                                               (str(chosen), ""))[1])
    assert dialogs.ask_save_path(None, "Export", "plan.pdf", "PDF (*.pdf)") == str(chosen)
    dialogs.ask_save_path(None, "Export", "again.pdf", "PDF (*.pdf)")
    from pathlib import Path

    assert Path(starts[0]).parent == Path.home()  # not wherever the app was started from
    assert Path(starts[1]) == chosen.parent / "again.pdf"


def test_text_size_for_a_projector_is_applied_and_kept(qtbot, main_window):
    from PySide6.QtWidgets import QApplication

    from assessment_app.settings import TEXT_SIZE

    normal = QApplication.instance().font().pointSizeF()
    try:
        main_window.set_text_size("projector")
        assert QApplication.instance().font().pointSizeF() == pytest.approx(normal * 1.5)
        assert TEXT_SIZE.get() == "projector"
    finally:
        main_window.set_text_size("normal")
    assert QApplication.instance().font().pointSizeF() == pytest.approx(normal)


def test_a_new_text_size_applies_to_the_screens_already_open(qtbot, main_window, workshop):
    """With Tandem's stylesheet the new size reached only the menus until a restart."""
    from PySide6.QtWidgets import QApplication

    from assessment_app.ui.app import apply_style

    app = QApplication.instance()
    apply_style(app)
    try:
        main_window.open_workshop(workshop.id)
        button = main_window.workshop.add_button
        normal = button.font().pointSizeF()
        main_window.set_text_size("projector")
        assert button.font().pointSizeF() == pytest.approx(normal * 1.5)
    finally:
        main_window.set_text_size("normal")
        app.setStyleSheet("")


def test_the_window_reopens_at_the_size_it_was_left(qtbot, store, mini_catalog):
    from assessment_app.ui.main_window import MainWindow

    first = MainWindow(store, mini_catalog)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 540)
    qtbot.waitUntil(lambda: first.width() == 760)
    first.close()
    second = MainWindow(store, mini_catalog)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 540)


def test_an_import_says_so_and_shows_the_workshop(qtbot, main_window, store, mini, tmp_path,
                                                  monkeypatch):
    from assessment_app.exchange.bundle_export import export_bundle, write_bundle
    from assessment_app.store.database import Store

    other = Store.open(tmp_path / "laptop2.sqlite")
    w = other.create_workshop("From laptop two", mini)
    other.add_participant(w.id, "Nia", "it")
    write_bundle(export_bundle(other, w.id), tmp_path / "two.json")
    other.close()
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    main_window.show_workshops()
    main_window.import_bundle(str(tmp_path / "two.json"))
    qtbot.waitUntil(lambda: main_window.bundle_job is None)
    assert main_window.stack.currentWidget() is main_window.workshop
    assert main_window.workshop.workshop_id == w.id
    assert "From laptop two" in main_window.statusBar().currentMessage()


def test_an_export_says_where_the_files_went(qtbot, main_window, workshop, tmp_path,
                                             monkeypatch):
    monkeypatch.setattr(dialogs, "open_folder", lambda folder: False)  # no file manager
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(tmp_path / "plan.pdf"))
    main_window.open_workshop(workshop.id)
    qtbot.mouseClick(main_window.workshop.plan_button, Qt.LeftButton)
    page = main_window.plan
    qtbot.mouseClick(page.pdf_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.job is None, timeout=60_000)
    assert str(tmp_path / "plan.pdf") in page.export_status.text()


def test_the_review_lists_every_answer_once_all_are_given(qtbot, store, workshop):
    from assessment_app.analysis.answering import AnsweringSession
    from assessment_app.ui.answering_window import AnsweringWindow

    lea = store.add_participant(workshop.id, "Lea", "it")
    for item in ("trust-1", "trust-2", "meet-1"):
        store.save_answer(lea.id, item, 2, 3)
    store.save_answer(lea.id, "data-1", None, None)
    window = AnsweringWindow(AnsweringSession.start(store, lea.id), [])
    qtbot.addWidget(window, before_close_func=lambda w: w.isVisible() and w.request_leave())
    window.show()
    window.show_review()
    lines = window.review_page.model.stringList()
    assert len(lines) == 4 and window.unfinished_view.isVisible()  # not a blank page
    assert "today 2 (Emerging), in 12–18 months 3" in lines[0]
    assert lines[3].endswith("don't know")
    window.unfinished_view.activated.emit(window.review_page.model.index(2, 0))
    assert window.pages.currentWidget() is window.question_page and window.session.index == 2


def test_the_answering_screen_grows_its_text_with_the_screen(qtbot, store, workshop):
    """On a 1080-line screen the cards' text is larger than on a 768-line laptop, and a card
    is never a tall empty box (it holds six lines of description at most)."""
    from assessment_app.analysis.answering import AnsweringSession
    from assessment_app.ui.answering_window import AnsweringWindow

    lea = store.add_participant(workshop.id, "Lea", "it")
    sizes = {}
    for width, height in ((1366, 768), (1920, 1080)):
        window = AnsweringWindow(AnsweringSession.start(store, lea.id), [])
        qtbot.addWidget(window, before_close_func=lambda w: w.isVisible() and w.request_leave())
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        card = window.cards.cards[0]
        sizes[height] = (card.description.font().pointSizeF(),
                         window.targets.buttons[0].font().pointSizeF(),
                         window.statement.font().pointSizeF())
        lines = card.description.fontMetrics().lineSpacing()
        assert card.height() <= card.heading.height() + 6 * lines + 40
    assert all(big > small for big, small in zip(sizes[1080], sizes[768], strict=True))
