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
from ..i18n import tr, tr_n
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
    return body, tr("Terms: {terms}", terms=", ".join(extra)) if extra else ""


def answer_summary(answer: Answer | None) -> str:
    """One answer in a few words, for the review list."""
    if answer is None:
        return tr("not answered")
    if answer.current is None:
        return tr("don't know")
    name = LEVEL_NAMES[answer.current - 1]
    if answer.target is None:
        return tr("today {level} ({name})", level=answer.current, name=tr(name))
    return tr("today {level} ({name}), in 12–18 months {target}", level=answer.current,
              name=tr(name), target=answer.target)


def term_tooltip(term: Term) -> str:
    return tr("<b>{term}</b><br><b>In marketing:</b> {marketing}<br><b>In IT:</b> {it}",
              term=html.escape(term.term), marketing=html.escape(term.marketing),
              it=html.escape(term.it))


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
            self.title.setText(tr("{answered} of {total} statements answered",
                                  answered=total - unfinished, total=total))
            self.hint.setText(tr("These still need today's level and a target (or \"don't "
                                 "know\"). Double-click or press Enter on one to go back to it, "
                                 "or finish now."))
            self.finish_button.setText(tr_n("Finish with {n} statement open",
                                            "Finish with {n} statements open", unfinished))
        else:
            self.finish_button.setText(tr("Finish"))
            self.title.setText(tr_n("The {n} statement is answered",
                                    "All {n} statements answered", total))
            self.hint.setText(tr("Your answers are below: double-click one to change it (Enter "
                                 "then brings you back here), or press Enter to finish."))
        self.view.setAccessibleName(tr("Statements not yet answered") if unfinished
                                    else tr("Your answers"))
        (self.view if unfinished else self.finish_button).setFocus()


class ThanksPage(QWidget):
    """The end: thanks by name, and the button that hands the laptop back."""

    def __init__(self, name: str, fonts: RelativeFonts, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        thanks = WrappedLabel(tr("Thank you, {name}.", name=name))
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
        self.hand_back.setText(tr_n(
            "You left {n} statement open; the facilitator can hand the laptop back to you to "
            "answer it later. Your answers are saved. Please hand the laptop back to the "
            "facilitator.",
            "You left {n} statements open; the facilitator can hand the laptop back to you to "
            "answer them later. Your answers are saved. Please hand the laptop back to the "
            "facilitator.", unfinished) if unfinished else tr(
            "Your answers are saved. Please hand the laptop back to the facilitator."))
