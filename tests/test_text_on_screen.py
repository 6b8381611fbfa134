"""User text on screen: shown exactly as typed (no HTML, no lost ``&``), never pushing a control
off a 1366x768 screen, and held to the limits in ``rules.text``."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from assessment_app.analysis.answering import AnsweringSession
from assessment_app.rules.text import COMMENT_MAX_CHARS, NAME_MAX_CHARS, NOTES_MAX_CHARS
from assessment_app.ui import dialogs
from assessment_app.ui.answering_window import AnsweringWindow

MARKUP_NAME = "Zoë <b>R&D</b> 李明 김민준"
LONG_NAMES = {
    "spaces": ("Marie-Thérèse Anne-Sophie DE LA ROCHEFOUCAULD-DOUDEAUVILLE D'ESTAING DE "
               "MONTMORENCY-LAVAL, DIRECTRICE GÉNÉRALE MARKETING & EXPÉRIENCE CLIENT EMEA ET "
               "AMÉRIQUES")[:150],
    "one-word": "L" * 150,
}
SCREEN_W, SCREEN_H = 1366, 768


@pytest.fixture
def workshop(store, mini):
    return store.create_workshop("W", mini)


def open_answering(qtbot, store, participant_id, size=None) -> AnsweringWindow:
    window = AnsweringWindow(AnsweringSession.start(store, participant_id), [])
    qtbot.addWidget(window, before_close_func=lambda w: w.isVisible() and w.request_leave())
    if size:
        window.resize(*size)
    window.showNormal()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def inside(widget, window) -> bool:
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return window.rect().contains(rect)


# -- exactly as typed ----------------------------------------------------------------------------

def test_answering_header_shows_a_name_full_of_markup_as_typed(qtbot, store, workshop):
    p = store.add_participant(workshop.id, MARKUP_NAME, "marketing", "VP Digital & Growth")
    window = open_answering(qtbot, store, p.id)
    assert MARKUP_NAME in window.who.text()
    assert window.who.textFormat() == Qt.PlainText
    # every label that shows the name (header, thank-you page) shows it literally
    showing = [label for label in window.findChildren(QLabel) if MARKUP_NAME in label.text()]
    assert len(showing) >= 2
    assert all(label.textFormat() == Qt.PlainText for label in showing)


def test_hand_over_button_keeps_the_ampersand_of_a_name(qtbot, store, workshop, main_window):
    store.add_participant(workshop.id, MARKUP_NAME, "marketing", "CMO")
    main_window.open_workshop(workshop.id)
    main_window.workshop.table.selectRow(0)
    button = main_window.workshop.hand_over_button
    # shown as "Hand over to Zoë <b>R&D</b> 李明 김민준…": Qt shows "&&" as one "&"; the
    # button keeps its own Alt+O, and no Alt+D is stolen from the name
    assert button.text() == f"Hand &over to {MARKUP_NAME.replace('&', '&&')}…"
    assert QKeySequence.mnemonic(button.text()) == QKeySequence("Alt+O")


def test_workshop_page_and_messages_show_names_as_typed(qtbot, store, mini, main_window):
    w = store.create_workshop(MARKUP_NAME, mini, organization="<i>Acme</i> & Söhne")
    main_window.open_workshop(w.id)
    page = main_window.workshop
    assert page.title.text() == MARKUP_NAME and page.title.textFormat() == Qt.PlainText
    assert "<i>Acme</i> & Söhne" in page.details.text()
    assert page.details.textFormat() == Qt.PlainText
    box = dialogs.message_box(None, QMessageBox.Warning, "Remove", f"Remove {MARKUP_NAME}?")
    assert box.text() == f"Remove {MARKUP_NAME}?" and box.textFormat() == Qt.PlainText


def test_tooltips_of_user_text_are_escaped(store, workshop):
    from assessment_app.ui.models import ParticipantsModel, WorkshopListModel
    from assessment_app.ui.text import plain_tooltip

    store.add_participant(workshop.id, MARKUP_NAME, "marketing", "CMO")
    assert plain_tooltip("a <b>R&D</b>") == \
        '<p style="white-space: pre-wrap">a &lt;b&gt;R&amp;D&lt;/b&gt;</p>'
    model = ParticipantsModel(store)
    model.set_workshop(workshop.id)
    assert "Zoë &lt;b&gt;R&amp;D&lt;/b&gt;" in model.index(0, 0).data(Qt.ToolTipRole)
    store.update_workshop(workshop.id, name=MARKUP_NAME)
    listing = WorkshopListModel(store)
    assert "&lt;b&gt;R&amp;D" in listing.index(0, 0).data(Qt.ToolTipRole)


# -- never wider than the screen -----------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(LONG_NAMES))
def test_a_long_name_keeps_next_on_a_1366_screen(qtbot, store, workshop, kind):
    name = LONG_NAMES[kind]
    assert len(name) == 150
    p = store.add_participant(workshop.id, name, "it", "CIO")
    window = open_answering(qtbot, store, p.id, (SCREEN_W, SCREEN_H))
    assert window.width() <= SCREEN_W
    assert window.minimumSizeHint().width() <= SCREEN_W
    assert window.next_button.isVisible() and inside(window.next_button, window)
    assert inside(window.who, window)
    assert window.who.text().startswith(name)  # the whole name, elided only on screen
    assert window.who.is_elided()
    assert html.escape(name, quote=False) in window.who.toolTip()  # there in full on hover
    window.finish()  # the thank-you page with the name fits too
    QApplication.processEvents()
    assert window.width() <= SCREEN_W and inside(window.return_button, window)


def test_a_long_name_keeps_the_facilitators_window_on_screen(qtbot, store, workshop,
                                                             main_window):
    store.add_participant(workshop.id, LONG_NAMES["one-word"], "it", LONG_NAMES["spaces"])
    main_window.resize(SCREEN_W, SCREEN_H)
    main_window.open_workshop(workshop.id)
    main_window.workshop.table.selectRow(0)
    QApplication.processEvents()
    page = main_window.workshop
    assert main_window.width() <= SCREEN_W
    assert main_window.minimumSizeHint().width() <= SCREEN_W
    assert inside(page.hand_over_button, main_window)
    assert LONG_NAMES["one-word"] in page.hand_over_button.toolTip()
    assert len(page.hand_over_button.text()) < 100


def test_elided_label_keeps_the_whole_text(qtbot):
    from assessment_app.ui.text import ElidedLabel

    label = ElidedLabel("x" * 400 + " <b>&</b>")
    qtbot.addWidget(label)
    label.resize(200, 30)
    label.show()
    assert label.text().endswith(" <b>&</b>") and label.is_elided()
    assert label.shown_text().endswith("…") and len(label.shown_text()) < 100
    assert label.minimumSizeHint().width() < 200
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in label.toolTip()
    label.setText("short")
    assert not label.is_elided() and label.toolTip() == ""


# -- input limits --------------------------------------------------------------------------------

def test_comment_counter_counts_and_a_huge_paste_is_cut(qtbot, store, workshop):
    p = store.add_participant(workshop.id, "Ann", "marketing", "CMO")
    window = open_answering(qtbot, store, p.id)
    assert window.comment_count.text() == "0 / 2,000"
    window.comment.setFocus()
    qtbot.keyClicks(window.comment, "Slow & steady")
    assert window.comment_count.text() == "13 / 2,000"
    assert not window.comment_count_warning
    QApplication.clipboard().setText("y" * 5000)
    window.comment.paste()
    text = window.comment.toPlainText()
    assert len(text) == COMMENT_MAX_CHARS == 2000
    assert text == "Slow & steady" + "y" * (COMMENT_MAX_CHARS - 13)  # the paste's first part
    assert window.comment.textCursor().position() == COMMENT_MAX_CHARS
    assert window.comment_count.text() == "2,000 / 2,000" and window.comment_count_warning
    assert "2,000 characters" in window.message.text()
    # typing in the middle of a full comment changes nothing, and the cursor stays put
    cursor = window.comment.textCursor()
    cursor.setPosition(5)
    window.comment.setTextCursor(cursor)
    qtbot.keyClicks(window.comment, "ab")
    assert window.comment.toPlainText() == text
    assert window.comment.textCursor().position() == 5
    # what is saved is what is shown
    window.choose_current(3)
    window.writer.wait()  # committed by the writer thread
    assert store.answers_for_participant(p.id)["trust-1"].comment == text


def test_comment_limit_counts_characters_not_utf16_units(qtbot, store, workshop):
    p = store.add_participant(workshop.id, "Ann", "marketing", "CMO")
    window = open_answering(qtbot, store, p.id)
    window.comment.setPlainText("é" * (COMMENT_MAX_CHARS - 1))
    window.comment.moveCursor(window.comment.textCursor().MoveOperation.End)
    window.comment.insertPlainText("😀🙂a")  # one fits: an emoji is one character
    text = window.comment.toPlainText()
    assert len(text) == COMMENT_MAX_CHARS and text.endswith("é😀")
    assert window.comment_count.text() == "2,000 / 2,000"


def test_counter_warns_near_the_limit_and_follows_the_statement(qtbot, store, workshop):
    p = store.add_participant(workshop.id, "Ann", "marketing", "CMO")
    store.save_answer(p.id, "trust-2", 2, 3, "z" * 1900)
    window = open_answering(qtbot, store, p.id)
    assert window.comment_count.text() == "0 / 2,000" and not window.comment_count_warning
    window.session.go_to(1)
    window.show_item()
    assert window.comment_count.text() == "1,900 / 2,000" and window.comment_count_warning


def test_name_fields_are_limited(qtbot, mini):
    workshop_dialog = dialogs.WorkshopDialog([mini])
    participant_dialog = dialogs.ParticipantDialog()
    for dialog in (workshop_dialog, participant_dialog):
        qtbot.addWidget(dialog)
    for edit in (workshop_dialog.name, workshop_dialog.organization, participant_dialog.name,
                 participant_dialog.title):
        assert edit.maxLength() == NAME_MAX_CHARS
        edit.setText("n" * 500)
        assert len(edit.text()) == NAME_MAX_CHARS


def test_plan_notes_are_limited(qtbot, main_window, store, workshop):
    from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem

    from assessment_app.ui.plan_page import NOTES

    p = store.add_participant(workshop.id, "M", "marketing")
    store.save_answer(p.id, "meet-1", 1, 4)
    main_window.open_workshop(workshop.id)
    main_window.workshop.plan_requested.emit(workshop.id)
    page = main_window.plan
    index = page.model.index(0, NOTES)
    delegate = page.table.itemDelegateForIndex(index)
    editor = delegate.createEditor(page.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QLineEdit) and editor.maxLength() == NOTES_MAX_CHARS
    assert page.model.setData(index, "<b>R&D</b> " + "n" * 3000, Qt.EditRole)
    assert len(index.data()) == NOTES_MAX_CHARS
    assert "&lt;b&gt;R&amp;D" in index.data(Qt.ToolTipRole)
    assert page.table.columnWidth(NOTES) < SCREEN_W // 2


def test_no_text_tandem_shows_counts_with_an_s_in_brackets():
    """ "1 workshop(s)" reads as a machine's; every count is said in words ("1 workshop", "3
    workshops": ui/text.counted). Every text in the package is checked, as written."""
    import ast
    from pathlib import Path

    import assessment_app

    found = []
    for path in Path(assessment_app.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)  # about code, not shown
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and ast.get_docstring(node) is not None}
        found += [f"{path.name}:{node.lineno}: {node.value.strip()[:60]}"
                  for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and "(s)" in node.value and id(node) not in docstrings]
    assert found == []
