"""Answering mode: keyboard-only answering, resume after a crash, the target rule, the PIN gate,
and privacy between participants."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from assessment_app.analysis.answering import AnsweringSession, AnswerRefused
from assessment_app.store.database import Store
from assessment_app.ui import dialogs
from assessment_app.ui.answering_pages import statement_html
from assessment_app.ui.answering_window import AnsweringWindow
from assessment_app.ui.main_window import MainWindow


@pytest.fixture
def workshop(store, mini):
    w = store.create_workshop("W", mini)
    ann = store.add_participant(w.id, "Ann Marketer", "marketing", "CMO")
    ivan = store.add_participant(w.id, "Ivan Techie", "it", "CIO")
    return w, ann, ivan


def open_window(qtbot, store, participant_id, glossary=()):
    window = AnsweringWindow(AnsweringSession.start(store, participant_id), list(glossary))
    qtbot.addWidget(window, before_close_func=lambda w: w.isVisible() and w.request_leave())
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def press(qtbot, window, *keys):
    for key in keys:
        qtbot.keyClick(window.focusWidget() or window, key)
    settled(qtbot, window)


def settled(qtbot, window):
    """Answers are committed by the window's writer thread: wait until it has reported all."""
    qtbot.waitUntil(lambda: not window.writer.pending, timeout=5000)


def test_answer_every_item_by_keyboard_alone(qtbot, store, workshop, mini):
    _, ann, _ = workshop
    window = open_window(qtbot, store, ann.id)
    # trust-1: today 2, target 4 (key R); trust-2: don't know; meet-1: 3 / 3; data-1: 5 / 5
    press(qtbot, window, Qt.Key_2, Qt.Key_R, Qt.Key_Return)
    press(qtbot, window, Qt.Key_0, Qt.Key_Right)
    press(qtbot, window, Qt.Key_3, Qt.Key_E, Qt.Key_Enter)
    press(qtbot, window, Qt.Key_5, Qt.Key_T, Qt.Key_Return)
    assert window.pages.currentWidget() is window.review_page
    assert window.review_title.text() == "All 4 statements answered"
    qtbot.keyClick(window.finish_button, Qt.Key_Space)
    assert window.pages.currentWidget() is window.thanks_page
    saved = Store.open(store.path).answers_for_participant(ann.id)
    assert {k: (a.current, a.target) for k, a in saved.items()} == {
        "trust-1": (2, 4), "trust-2": (None, None), "meet-1": (3, 3), "data-1": (5, 5)}


def test_left_goes_back_and_the_saved_sign_shows(qtbot, store, workshop):
    _, ann, _ = workshop
    window = open_window(qtbot, store, ann.id)
    press(qtbot, window, Qt.Key_4)
    assert window.saved.text() == "✓ Saved"
    assert window.cards.cards[3].is_chosen()
    press(qtbot, window, Qt.Key_Right)
    assert window.session.index == 1
    press(qtbot, window, Qt.Key_Left)
    assert window.session.index == 0 and window.cards.cards[3].is_chosen()


def test_a_second_window_resumes_at_the_first_unfinished_item(qtbot, store, workshop):
    _, ann, _ = workshop
    first = open_window(qtbot, store, ann.id)
    press(qtbot, first, Qt.Key_2, Qt.Key_W, Qt.Key_Return, Qt.Key_3)  # item 2: target missing
    qtbot.keyClicks(first.comment, "We ship <b>R&D</b> late")
    first.save_comment()
    settled(qtbot, first)
    # a crash: the first window is gone without any goodbye; a new connection opens the file
    other_store = Store.open(store.path)
    second = open_window(qtbot, other_store, ann.id)
    assert second.session.index == 1
    assert second.cards.cards[2].is_chosen()
    assert second.comment.toPlainText() == "We ship <b>R&D</b> late"
    assert second.session.answers["trust-1"].target == 2
    assert second.request_leave()
    other_store.close()


def test_target_below_today_is_refused_with_a_plain_message(qtbot, store, workshop):
    _, ann, _ = workshop
    window = open_window(qtbot, store, ann.id)
    press(qtbot, window, Qt.Key_4, Qt.Key_W)
    assert "cannot be below today's level (4)" in window.message.text()
    assert store.answers_for_participant(ann.id)["trust-1"].target is None
    press(qtbot, window, Qt.Key_T)
    assert store.answers_for_participant(ann.id)["trust-1"].target == 5
    assert window.message.text() == ""


def test_target_before_today_is_explained(store, workshop):
    _, ann, _ = workshop
    session = AnsweringSession.start(store, ann.id)
    with pytest.raises(AnswerRefused, match="today first"):
        session.choose_target(3)


def test_raising_today_above_the_target_clears_the_target(store, workshop):
    _, ann, _ = workshop
    session = AnsweringSession.start(store, ann.id)
    session.choose_current(2)
    session.choose_target(3)
    session.choose_current(4)
    assert store.answers_for_participant(ann.id)["trust-1"].target is None


def test_pin_gate_holds(qtbot, store, workshop, monkeypatch):
    w, ann, _ = workshop
    store.set_pin(w.id, "2468")
    window = open_window(qtbot, store, ann.id)
    left = []
    window.left.connect(lambda: left.append(True))
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda *a: errors.append(a[2]))
    monkeypatch.setattr(dialogs, "ask_pin", lambda parent: "1111")
    press(qtbot, window, Qt.Key_Escape)
    window.close()
    qtbot.wait(20)
    assert window.isVisible() and not left and errors
    monkeypatch.setattr(dialogs, "ask_pin", lambda parent: None)
    press(qtbot, window, Qt.Key_Escape)
    assert window.isVisible() and not left
    monkeypatch.setattr(dialogs, "ask_pin", lambda parent: "2468")
    press(qtbot, window, Qt.Key_Escape)
    assert left == [True] and not window.isVisible()


def test_handover_hides_everything_else_and_returns(qtbot, store, workshop, mini_catalog,
                                                    monkeypatch):
    w, ann, ivan = workshop
    store.save_answer(ivan.id, "trust-1", 5, 5, "IVAN-SECRET-COMMENT")
    main = MainWindow(store, mini_catalog)
    main.full_screen_answering = False
    qtbot.addWidget(main)
    main.show()
    main.open_workshop(w.id)
    main.workshop.table.selectRow(0)
    assert main.workshop.hand_over_button.text() == "Hand &over to Ann Marketer…"
    qtbot.mouseClick(main.workshop.hand_over_button, Qt.LeftButton)
    answering = main.answering
    qtbot.waitExposed(answering)
    # the only window on screen is the executive's (QWindow titles: no widget wrappers made)
    shown = [w.title() for w in QApplication.topLevelWindows() if w.isVisible()]
    assert shown == ["Tandem: Ann Marketer"] and not main.isVisible()
    texts = " ".join(label.text() for label in answering.findChildren(QLabel))
    assert "Ivan" not in texts and "IVAN-SECRET" not in texts
    assert answering.statement.accessibleName() == "IT delivers what marketing asks for."
    asked = []
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: asked.append(a[1]) or True)
    press(qtbot, answering, Qt.Key_Escape)  # no PIN: Esc asks before handing back
    assert asked == ["Hand the laptop back?"]
    assert main.isVisible() and main.answering is None


def test_without_a_pin_a_stray_escape_does_not_end_the_session(qtbot, store, workshop,
                                                                monkeypatch):
    _, ann, _ = workshop
    window = open_window(qtbot, store, ann.id)
    left = []
    window.left.connect(lambda: left.append(True))
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: False)
    press(qtbot, window, Qt.Key_Escape)
    assert window.isVisible() and not left
    assert window.pages.currentWidget() is window.question_page


def test_glossary_terms_become_hover_links(mini_catalog):
    html, others = statement_html("Our agile <team> & more", mini_catalog.glossary)
    assert '<a href="term:agile"' in html and "&lt;team&gt; &amp; more" in html
    assert others == ""
    html, others = statement_html("No matching word", mini_catalog.glossary)
    assert others == 'Terms: <a href="term:agile">Agile</a>' and html == "No matching word"


def test_save_failure_keeps_the_choice_on_screen(qtbot, store, workshop, monkeypatch):
    from assessment_app.errors import StorageError

    _, ann, _ = workshop
    window = open_window(qtbot, store, ann.id)

    def full_disk(*a, **k):
        raise StorageError("The disk holding the database is full; free some space.")

    monkeypatch.setattr(Store, "save_answer", full_disk)  # the writer thread's store too
    press(qtbot, window, Qt.Key_3)
    assert window.message.text().startswith("Not saved: The disk holding the database is full")
    assert window.saved.text() == ""
    assert window.cards.cards[2].is_chosen()  # the choice is still on screen
    assert window.session.answer is None  # the session holds what is on disk
    monkeypatch.undo()
    press(qtbot, window, Qt.Key_3)
    assert window.saved.text() == "✓ Saved" and window.message.text() == ""
    assert store.answers_for_participant(ann.id)["trust-1"].current == 3


def test_every_control_has_an_accessible_name_and_takes_focus(qtbot, store, workshop):
    from PySide6.QtWidgets import QAbstractButton, QPlainTextEdit

    from assessment_app.ui.level_cards import LevelCard

    _, ann, _ = workshop
    window = open_window(qtbot, store, ann.id)
    controls = [w for w in window.question_page.findChildren(QWidget)
                if isinstance(w, (QAbstractButton, QPlainTextEdit, LevelCard))]
    assert len(controls) >= 5 + 5 + 1 + 1 + 2
    for control in controls:
        label = control.accessibleName() or getattr(control, "text", lambda: "")()
        assert label.strip(), control
        if control is not window.comment:
            assert control.focusPolicy() & Qt.TabFocus, control
    # the comment box is out of the Tab chain on purpose, and the C key reaches it
    qtbot.keyClick(window.focusWidget(), Qt.Key_C)
    assert window.focusWidget() is window.comment


def test_statement_font_follows_the_system_font(qtbot, store, workshop):
    from PySide6.QtGui import QFont

    _, ann, _ = workshop
    app = QApplication.instance()
    original = app.font()
    try:
        for size in (9, 14):
            font = QFont(original)
            font.setPointSize(size)
            app.setFont(font)
            window = open_window(qtbot, store, ann.id)
            assert window.statement.font().pointSizeF() == pytest.approx(size * 1.75)
            window.request_leave()
    finally:
        app.setFont(original)


def test_finishing_with_a_statement_open_says_so_here_and_on_the_workshop_page(
        qtbot, store, workshop, mini_catalog):
    """"Finished" means every statement answered: Finish at 3 of 4 is thanked with what was
    left open, and the facilitator sees that person at 3 of 4, not among the finished."""
    w, ann, _ = workshop
    window = open_window(qtbot, store, ann.id)
    press(qtbot, window, Qt.Key_2, Qt.Key_R, Qt.Key_Return)
    press(qtbot, window, Qt.Key_0, Qt.Key_Return)
    press(qtbot, window, Qt.Key_3, Qt.Key_E, Qt.Key_Return)
    press(qtbot, window, Qt.Key_Return)  # the last one left open
    assert window.pages.currentWidget() is window.review_page
    assert window.finish_button.text() == "Finish with 1 statement open"
    qtbot.mouseClick(window.finish_button, Qt.LeftButton)
    assert window.pages.currentWidget() is window.thanks_page
    assert "You left 1 statement open" in window.thanks_page.hand_back.text()
    facilitator = MainWindow(store, mini_catalog)
    qtbot.addWidget(facilitator)
    facilitator.open_workshop(w.id)
    summary = facilitator.workshop.summary.text()
    assert "0 finished" in summary and "(3 of 4 answered)" in summary


def test_a_change_made_from_the_review_returns_to_the_review(qtbot, store, workshop):
    _, ann, _ = workshop
    window = open_window(qtbot, store, ann.id)
    for keys in ((Qt.Key_2, Qt.Key_R), (Qt.Key_0,), (Qt.Key_3, Qt.Key_E), (Qt.Key_5, Qt.Key_T)):
        press(qtbot, window, *keys, Qt.Key_Return)
    assert window.pages.currentWidget() is window.review_page
    view = window.unfinished_view
    view.setCurrentIndex(view.model().index(1, 0))
    view.activated.emit(view.currentIndex())  # Enter or a double-click on statement 2
    assert window.position.text() == "Statement 2 of 4"
    press(qtbot, window, Qt.Key_4, Qt.Key_T, Qt.Key_Return)  # changed: one Enter back
    assert window.pages.currentWidget() is window.review_page
    assert Store.open(store.path).answers_for_participant(ann.id)["trust-2"].current == 4
