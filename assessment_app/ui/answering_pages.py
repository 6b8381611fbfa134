"""The answering window's pages around the statements: the review before finishing (what is
still unanswered) and the thank-you page that hands the laptop back; and the statement text with
its glossary links. The window (``answering_window``) decides when each is shown."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..content.glossary import Term
from ..content.questionnaire import LEVEL_NAMES
from ..i18n import tr
from ..rules.records import Answer
from .text import WrappedLabel

FOLLOWING = (QLabel, QAbstractButton, QPlainTextEdit, QProgressBar, QListView, QFrame)


class RelativeFonts:
    """Fonts set relative to a window's font (the statement 1.75x, bold...), set again when
    the window's font changes: the answering window grows its font with its height, so the
    same screen reads well on a laptop and on a 1080-line display."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self._entries: list[tuple[QWidget, float, bool]] = []

    def set(self, widget: QWidget, factor: float, bold: bool = False) -> None:
        self._entries.append((widget, factor, bold))
        widget.setFont(self._derived(self.window.font(), factor, bold))

    def follow_all(self, root: QWidget, skip: list[QWidget]) -> None:
        """Every other text-bearing widget under ``root`` follows the window's font as it is
        (a style sheet stops Qt from passing a changed font down by itself)."""
        known = {id(w) for w, _, _ in self._entries} | {id(w) for w in skip}
        for widget in root.findChildren(QWidget):
            if id(widget) not in known and isinstance(widget, FOLLOWING):
                self.set(widget, 1.0, widget.font().bold())

    def apply(self, base: QFont) -> None:
        for widget, factor, bold in self._entries:
            widget.setFont(self._derived(base, factor, bold))

    @staticmethod
    def _derived(base: QFont, factor: float, bold: bool) -> QFont:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * factor)
        font.setBold(bold)
        return font


def statement_html(text: str, terms: list[Term]) -> tuple[str, str]:
    """The statement with each glossary term as a hover link, and a "Terms:" line for those
    the wording does not contain, so their help is still there."""
    body = html.escape(text)
    extra = []
    for term in terms:
        pattern = re.compile(rf"\b({re.escape(html.escape(term.term))})\b", re.IGNORECASE)
        link = rf'<a href="term:{term.id}" style="color: inherit; text-decoration: underline ' \
               rf'dotted;">\1</a>'
        body, count = pattern.subn(link, body, count=1)
        if not count:
            extra.append(f'<a href="term:{term.id}">{html.escape(term.term)}</a>')
    return body, ("Terms: " + ", ".join(extra)) if extra else ""


def answer_summary(answer: Answer | None) -> str:
    """One answer in a few words, for the review list."""
    if answer is None:
        return "not answered"
    if answer.current is None:
        return "don't know"
    target = f", in 12–18 months {answer.target}" if answer.target is not None else ""
    return f"today {answer.current} ({LEVEL_NAMES[answer.current - 1]}){target}"


def statements(count: int) -> str:
    """ "1 statement", "3 statements"."""
    return f"{count} statement" if count == 1 else f"{count} statements"


def term_tooltip(term: Term) -> str:
    return (f"<b>{html.escape(term.term)}</b><br><b>In marketing:</b> "
            f"{html.escape(term.marketing)}<br><b>In IT:</b> {html.escape(term.it)}")


class ReviewPage(QWidget):
    """What is still unanswered; ``go_to(index)`` for a statement chosen from the list."""

    go_to = Signal(int)
    back = Signal()
    finish = Signal()

    def __init__(self, fonts: RelativeFonts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        fonts.set(self.title, 1.6, bold=True)
        self.title.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        fonts.set(self.hint, 1.15)
        self.model = QStringListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Statements not yet answered"))
        fonts.set(self.view, 1.1)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(lambda index: self.go_to.emit(self._indexes[index.row()]))
        self._indexes: list[int] = []
        back = QPushButton(tr("← Back to the statements"))
        back.clicked.connect(self.back)
        self.finish_button = QPushButton(tr("Finish"))
        self.finish_button.setObjectName("primary")
        self.finish_button.clicked.connect(self.finish)
        for button in (back, self.finish_button):
            button.setMinimumHeight(44)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def show_rows(self, rows: list[tuple[int, str]], unfinished: int, total: int) -> None:
        """``rows``: (index, line) pairs to list, the statements still to answer or, once
        all are answered, every statement with its answer, so the page is a real review."""
        self._indexes = [n for n, _ in rows]
        self.model.setStringList([f"{n + 1}. {text}" for n, text in rows])
        if unfinished:
            self.title.setText(f"{total - unfinished} of {total} statements answered")
            self.hint.setText(tr("These still need today's level and a target (or \"don't "
                                 "know\"). Double-click or press Enter on one to go back to it, "
                                 "or finish now."))
            self.finish_button.setText(f"Finish with {statements(unfinished)} open")
        else:
            self.finish_button.setText(tr("Finish"))
            self.title.setText(f"All {total} statements answered")
            self.hint.setText(tr("Your answers are below: double-click one to change it (Enter "
                                 "then brings you back here), or press Enter to finish."))
        self.view.setAccessibleName("Statements not yet answered" if unfinished
                                    else "Your answers")
        (self.view if unfinished else self.finish_button).setFocus()


class ThanksPage(QWidget):
    """The end: thanks by name, and the button that hands the laptop back."""

    def __init__(self, name: str, fonts: RelativeFonts, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        thanks = WrappedLabel(f"Thank you, {name}.")
        fonts.set(thanks, 2.2, bold=True)
        thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hand_back = hand_back = QLabel()
        fonts.set(hand_back, 1.5)
        hand_back.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hand_back.setWordWrap(True)
        self.return_button = QPushButton(tr("Return to the facilitator"))
        self.return_button.setMinimumHeight(44)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(thanks)
        layout.addWidget(hand_back)
        layout.addStretch(1)
        layout.addWidget(self.return_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        self.show_open(0)

    def show_open(self, unfinished: int) -> None:
        """Said plainly when statements were left open: the facilitator sees the same count."""
        left = (f"You left {statements(unfinished)} open; the facilitator can hand the laptop "
                "back to you to answer it later. " if unfinished else "")
        if unfinished > 1:
            left = left.replace("answer it", "answer them")
        self.hand_back.setText(f"{left}Your answers are saved. Please hand the laptop back to "
                               "the facilitator.")
