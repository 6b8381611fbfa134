"""Every main screen in the pseudo-locale (each sentence 40% longer, between ⟦ ⟧) at 1366x768:
no label, button, check box, tab or menu text is clipped or elided. German runs about a third
longer than English; a text that fits here fits in German."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QMenuBar,
    QPushButton,
    QRadioButton,
    QTabBar,
    QWidget,
)

from assessment_app.ui.text import ElidedLabel

SCREEN = (1366, 768)


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    from assessment_app.ui.language import apply_language

    apply_language("qps")
    yield
    apply_language("en")


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    room = label.contentsRect()
    room.adjust(label.margin(), label.margin(), -label.margin(), -label.margin())
    room.setLeft(room.left() + max(label.indent(), 0))
    if isinstance(label, ElidedLabel):
        return "elided" if label.is_elided() else None
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        return f"needs {need}px of height, has {label.height()}" if need > label.height() else None
    if label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(text)):
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setHtml(text)
        document.setDocumentMargin(0)
        width = document.idealWidth()
    else:
        width = max(label.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
    return f"needs {width:.0f}px, has {room.width()}" if width > room.width() + 1 else None


def _button_problem(button: QAbstractButton) -> str | None:
    need = button.sizeHint().width()
    return f"needs {need}px, has {button.width()}" if need > button.width() else None


def clipped(window: QWidget) -> list[str]:
    """Every visible text of ``window`` that does not fit its widget, named (and the window
    itself when its texts would make it wider or taller than the screen)."""
    found = []
    need = window.minimumSizeHint()
    if window.width() > SCREEN[0] or need.width() > SCREEN[0] or need.height() > SCREEN[1]:
        found.append(f"{type(window).__name__} needs {need.width()}x{need.height()}, is "
                     f"{window.width()}x{window.height()} on a {SCREEN[0]}x{SCREEN[1]} screen")
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.width() <= 1:
            continue
        problem = None
        text = ""
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            text, problem = widget.text(), _label_problem(widget)
        elif isinstance(widget, (QPushButton, QCheckBox, QRadioButton)) and widget.text():
            text, problem = widget.text(), _button_problem(widget)
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                text = widget.tabText(index)
                if not widget.isTabVisible(index):
                    continue
                need = widget.fontMetrics().horizontalAdvance(text.replace("&", ""))
                if need > widget.tabRect(index).width():
                    found.append(f"tab {text!r}: needs {need}px, has "
                                 f"{widget.tabRect(index).width()}")
            continue
        elif isinstance(widget, QMenuBar):
            need = widget.sizeHint().width()
            problem = f"needs {need}px, has {widget.width()}" if need > widget.width() else None
            text = " ".join(action.text() for action in widget.actions())
        if problem:
            name = widget.objectName() or widget.accessibleName()
            found.append(f"{type(widget).__name__} {name!r} {text[:60]!r}: {problem}")
    return found


def shown(qtbot: object, window: QWidget) -> QWidget:
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)  # type: ignore[attr-defined]
    for _ in range(3):
        QApplication.processEvents()
    return window


@pytest.fixture
def demo(qtbot: object, store: object, catalog: object, pseudo: None) -> tuple:
    from assessment_app.ui.main_window import MainWindow

    window = MainWindow(store, catalog)  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    workshop, _ = window.ops.create_demo(catalog.default())  # type: ignore[attr-defined]
    window.workshops.refresh()
    return shown(qtbot, window), workshop


def test_the_pseudo_locale_reaches_the_screens(demo: tuple) -> None:
    window, _ = demo
    assert window.size().toTuple() == SCREEN
    assert window.workshops.new_button.text().startswith("⟦")


def test_a_clipped_text_is_named(qtbot: object, pseudo: None) -> None:
    from assessment_app.i18n import tr

    window = QWidget()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    button = QPushButton(tr("&New workshop…"), window)
    label = QLabel(tr("Workshops"), window)
    label.move(0, 40)
    window.resize(*SCREEN)
    window.show()
    assert clipped(window) == []
    button.setFixedWidth(button.sizeHint().width() // 2)
    label.setFixedWidth(label.sizeHint().width() // 2)
    found = clipped(window)
    assert len(found) == 2 and "ŵöŕķšĥöþ" in found[0] and "Ŵöŕķšĥöþš" in found[1]


def test_start_and_workshop_pages_fit(demo: tuple) -> None:
    window, workshop = demo
    problems = clipped(window)
    window.open_workshop(workshop.id)
    window.workshop.table.selectRow(0)
    QApplication.processEvents()
    problems += clipped(window)
    assert problems == []


def test_results_plan_and_consensus_fit(demo: tuple) -> None:
    window, workshop = demo
    problems = []
    for show in (window.show_results, window.show_plan, window.show_consensus):
        show(workshop.id)
        for _ in range(3):
            QApplication.processEvents()
        problems += clipped(window)
    assert problems == []


def test_results_and_plan_fit_with_the_questionnaire_in_long_words(demo: tuple) -> None:
    """The heat map's statements and the drill-down, the plan's actions and the impact chart,
    in the pseudo-locale's content (the longest texts these screens show)."""
    window, workshop = demo
    window.show_results(workshop.id)
    results = window.results
    results.tabs.setCurrentIndex(1)
    results.show_items.setChecked(True)
    results.table.selectRow(0)
    QApplication.processEvents()
    rows = range(results.model.rowCount())
    words = [str(results.model.index(r, c).data()) for r in rows for c in (0, 1, 2)]
    words += [str(results.model.index(r, 8).data()) for r in rows]  # the benchmarks
    assert [w for w in words if w and not w.startswith("⟦")] == []  # dimension, theme, statement
    assert results.drill_title.text().startswith("⟦")
    problems = clipped(window)
    window.show_plan(workshop.id)
    QApplication.processEvents()
    from assessment_app.ui.plan_model import ACTION, HORIZON, STATUS

    model = window.plan.model
    words = [str(model.index(r, c).data()) for r in range(model.rowCount())
             for c in (ACTION, HORIZON, STATUS)]  # the action, when, its status
    assert words and [w for w in words if not w.startswith("⟦")] == []
    problems += clipped(window)
    window.plan.tabs.setCurrentWidget(window.plan.impact)
    QApplication.processEvents()
    assert problems + clipped(window) == []


def test_add_participant_fits(qtbot: object, pseudo: None) -> None:
    from assessment_app.ui.dialogs import ParticipantDialog

    dialog = ParticipantDialog()
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    qtbot.waitExposed(dialog)  # type: ignore[attr-defined]
    QApplication.processEvents()
    assert clipped(dialog) == []


def test_answering_screen_fits_every_statement_in_long_words(qtbot: object, store: object,
                                                             catalog: object,
                                                             pseudo: None) -> None:
    """Each statement and its five level descriptions in the pseudo-locale's content (the
    longest texts on screen), then the review listing them all."""
    from assessment_app.analysis.answering import AnsweringSession
    from assessment_app.exchange.demo import create_demo_workshop
    from assessment_app.ui.answering_window import AnsweringWindow

    workshop = create_demo_workshop(store, catalog.default())  # type: ignore[attr-defined]
    person = store.add_participant(workshop.id, "Ana", "it", "CIO")  # type: ignore[attr-defined]
    session = AnsweringSession.start(store, person.id, catalog.in_language)  # type: ignore[attr-defined]
    window = AnsweringWindow(session, catalog.glossary_in("qps"),  # type: ignore[attr-defined]
                             actions=catalog.actions_in("qps"))  # type: ignore[attr-defined]
    qtbot.addWidget(window, before_close_func=lambda w: w.isVisible() and w.request_leave())  # type: ignore[attr-defined]
    shown(qtbot, window)
    assert window.question_page.statement.text().startswith("⟦")
    problems = []
    for index in range(len(session.items)):
        session.go_to(index)
        window.show_item()
        QApplication.processEvents()
        problems += [f"statement {session.item.id}: {p}" for p in clipped(window)]
        heading = window.question_page.context.text()  # the dimension · the theme's title
        if not all(part.startswith("⟦") for part in heading.split(" · ")):
            problems.append(f"{heading!r} is not in the participant's words")
    window.show_review()
    QApplication.processEvents()
    assert problems + clipped(window) == []
