"""Answering mode: one executive, alone with the laptop, full screen.

Only this participant's questions are reachable: no menus, no other participant, no results.
Every choice is saved before the screen moves on; leaving (finish, Escape, closing the window)
returns to the facilitator, behind the workshop's PIN when it has one.
"""

from __future__ import annotations

import html
import itertools
import re

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QFont, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..analysis.answering import AnsweringSession, AnswerRefused
from ..content.glossary import Term
from ..content.questionnaire import DIMENSION_LABELS, ROLE_LABELS
from ..errors import TandemError
from ..text_limits import COMMENT_MAX_CHARS
from . import dialogs
from .level_cards import LevelCardRow, TargetRow
from .operations import Operations
from .text import ElidedLabel, WrappedLabel

KEY_HELP = ("Keys: 1–5 today's level · Q W E R T target · 0 don't know · "
            "Enter or → next · ← back · Esc hand back")
COMMENT_SAVE_DELAY_MS = 600
COMMENT_WARN_AT = COMMENT_MAX_CHARS * 9 // 10  # the counter turns to the warning colour here
COUNT_STYLE = "color: #4a5560;"
COUNT_WARNING_STYLE = "color: #a03c00; font-weight: 600;"
TARGET_KEYS = {Qt.Key_Q: 1, Qt.Key_W: 2, Qt.Key_E: 3, Qt.Key_R: 4, Qt.Key_T: 5}


def _scaled(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
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


def _utf16_length(text: str) -> int:
    """Qt counts text positions in UTF-16 units; Python in characters."""
    return len(text.encode("utf-16-le")) // 2


def _utf16_to_index(text: str, position: int) -> int:
    """The Python index of Qt's UTF-16 ``position`` in ``text``."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def term_tooltip(term: Term) -> str:
    return (f"<b>{html.escape(term.term)}</b><br><b>In marketing:</b> "
            f"{html.escape(term.marketing)}<br><b>In IT:</b> {html.escape(term.it)}")


class AnsweringWindow(QWidget):
    """The executive's screen; emits ``left`` once the facilitator has it back."""

    left = Signal()

    def __init__(self, session: AnsweringSession, glossary: list[Term],
                 parent: QWidget | None = None, ops: Operations | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.session = session
        self.ops = ops  # told of every committed save, so the facilitator's screens follow
        self.glossary = {t.id: t for t in glossary}
        self._leaving_allowed = False
        self.setWindowTitle(f"Tandem: {session.participant.name}")
        self.setObjectName("answeringWindow")
        self.pages = QStackedWidget()
        self.question_page = self._build_question_page()
        self.review_page = self._build_review_page()
        self.thanks_page = self._build_thanks_page()
        for page in (self.question_page, self.review_page, self.thanks_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addWidget(self.pages)
        self._comment_timer = QTimer(self, singleShot=True, interval=COMMENT_SAVE_DELAY_MS)
        self._comment_timer.timeout.connect(self.save_comment)
        self.show_item()

    # -- building ------------------------------------------------------------------------------

    def _build_question_page(self) -> QWidget:
        page = QWidget()
        s = self.session
        # the name as typed, cut with "…" (whole on hover) when it is too long for one line;
        # the middle is cut, so "answering for IT" always shows
        self.who = ElidedLabel(f"{s.participant.name} · answering for {ROLE_LABELS[s.role]}",
                               mode=Qt.ElideMiddle)
        self.who.setFont(_scaled(self, 1.0, bold=True))
        self.position = QLabel()
        self.position.setFont(_scaled(self, 1.0, bold=True))
        self.position.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.who, 1)
        top.addWidget(self.position)

        self.dimension_bars: dict[str, QProgressBar] = {}
        bars = QHBoxLayout()
        for dimension in s.progress_by_dimension():
            bar = QProgressBar()
            bar.setTextVisible(True)
            bar.setAccessibleName(f"{DIMENSION_LABELS[dimension]} progress")
            self.dimension_bars[dimension] = bar
            bars.addWidget(bar, 1)

        self.context = ElidedLabel()  # the theme's title, from the questionnaire file
        self.context.setFont(_scaled(self, 1.0, bold=True))
        self.context.setObjectName("contextLabel")
        self.statement = QLabel()
        self.statement.setObjectName("statement")
        self.statement.setWordWrap(True)
        self.statement.setTextFormat(Qt.RichText)
        self.statement.setFont(_scaled(self, 1.75, bold=True))
        self.statement.setTextInteractionFlags(Qt.LinksAccessibleByMouse)
        self.statement.linkHovered.connect(self._show_term)
        self.statement.setMinimumHeight(self.statement.fontMetrics().height() * 2)
        self.terms = QLabel()
        self.terms.setTextFormat(Qt.RichText)
        self.terms.setTextInteractionFlags(Qt.LinksAccessibleByMouse)
        self.terms.linkHovered.connect(self._show_term)

        today = QLabel("Where is the organisation <b>today</b>?")
        today.setFont(_scaled(self, 1.2))
        self.cards = LevelCardRow()
        self.cards.chosen.connect(self.choose_current)
        self.dont_know = QPushButton("I don't know (0)")
        self.dont_know.setObjectName("dontKnow")
        self.dont_know.setCheckable(True)
        self.dont_know.setAccessibleName("I don't know")
        self.dont_know.clicked.connect(lambda: self.choose_dont_know())
        today_row = QHBoxLayout()
        today_row.addWidget(today, 1)
        today_row.addWidget(self.dont_know)

        target_label = QLabel("Where must it be in <b>12–18 months</b>?")
        target_label.setFont(_scaled(self, 1.2))
        self.targets = TargetRow()
        self.targets.chosen.connect(self.choose_target)

        self.comment = QPlainTextEdit()
        self.comment.setObjectName("comment")
        self.comment.setPlaceholderText("Optional comment: an example, a reason, a caveat")
        self.comment.setAccessibleName("Optional comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(self.comment.fontMetrics().lineSpacing() * 3 + 16)
        self.comment.textChanged.connect(self._comment_changed)
        self._trimming = False
        self.comment_count = QLabel()
        self.comment_count.setObjectName("commentCount")
        self.comment_count.setAccessibleName("Comment length")
        self.comment_count.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.comment_count_warning = False
        self.comment_count.setStyleSheet(COUNT_STYLE)
        self._show_comment_count()

        self.message = WrappedLabel()  # refusals and errors may quote names, paths, comments
        self.message.setObjectName("message")
        self.message.setAccessibleName("Message")
        self.saved = QLabel()
        self.saved.setObjectName("savedSign")
        self.saved.setAccessibleName("Save status")
        status = QHBoxLayout()
        status.addWidget(self.message, 1)
        status.addWidget(self.saved)
        status.addSpacing(12)
        status.addWidget(self.comment_count)

        self.back_button = QPushButton("← Back")
        self.next_button = QPushButton("Next →")
        self.next_button.setObjectName("primary")
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        keys = QLabel(KEY_HELP)
        keys.setObjectName("keyHelp")
        keys.setWordWrap(True)
        keys.setAlignment(Qt.AlignCenter)  # centred text in the full width, not a narrow box
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(keys, 1)
        nav.addWidget(self.next_button)

        layout = QVBoxLayout(page)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(bars)
        layout.addSpacing(8)
        layout.addWidget(self.context)
        layout.addWidget(self.statement)
        layout.addWidget(self.terms)
        layout.addSpacing(6)
        layout.addLayout(today_row)
        layout.addWidget(self.cards, 3)
        layout.addWidget(target_label)
        layout.addWidget(self.targets)
        layout.addWidget(self.comment)
        layout.addLayout(status)
        layout.addStretch(1)
        layout.addLayout(nav)
        for widget in (self.back_button, self.next_button):
            widget.setMinimumHeight(44)
        # Tab order follows reading order: cards, don't know, targets, comment, navigation.
        chain = [*self.cards.cards, self.dont_know, *self.targets.buttons, self.comment,
                 self.back_button, self.next_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        return page

    def _build_review_page(self) -> QWidget:
        page = QWidget()
        self.review_title = QLabel()
        self.review_title.setFont(_scaled(self, 1.6, bold=True))
        self.review_title.setWordWrap(True)
        self.review_hint = QLabel()
        self.review_hint.setWordWrap(True)
        self.review_hint.setFont(_scaled(self, 1.15))
        self.unfinished_model = QStringListModel(self)
        self.unfinished_view = QListView()
        self.unfinished_view.setModel(self.unfinished_model)
        self.unfinished_view.setAccessibleName("Statements not yet answered")
        self.unfinished_view.setFont(_scaled(self, 1.1))
        self.unfinished_view.setEditTriggers(QListView.NoEditTriggers)
        self.unfinished_view.activated.connect(self._review_go_to)
        self._unfinished_indexes: list[int] = []
        back = QPushButton("← Back to the statements")
        back.clicked.connect(self._back_to_questions)
        self.finish_button = QPushButton("Finish")
        self.finish_button.setObjectName("primary")
        self.finish_button.clicked.connect(self.finish)
        for button in (back, self.finish_button):
            button.setMinimumHeight(44)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.finish_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.review_title)
        layout.addWidget(self.review_hint)
        layout.addWidget(self.unfinished_view, 1)
        layout.addStretch(0)  # takes the room when the list is hidden (everything answered)
        layout.addLayout(row)
        return page

    def _build_thanks_page(self) -> QWidget:
        page = QWidget()
        thanks = WrappedLabel(f"Thank you, {self.session.participant.name}.")
        thanks.setFont(_scaled(self, 2.2, bold=True))
        thanks.setAlignment(Qt.AlignCenter)
        hand_back = QLabel("Your answers are saved. Please hand the laptop back to the "
                           "facilitator.")
        hand_back.setFont(_scaled(self, 1.5))
        hand_back.setAlignment(Qt.AlignCenter)
        hand_back.setWordWrap(True)
        self.return_button = QPushButton("Return to the facilitator")
        self.return_button.setMinimumHeight(44)
        self.return_button.clicked.connect(self.request_leave)
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        layout.addWidget(thanks)
        layout.addWidget(hand_back)
        layout.addStretch(1)
        layout.addWidget(self.return_button, 0, Qt.AlignCenter)
        layout.addStretch(2)
        return page

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The answering keys. They arrive here only when the focused control did not use
        them, so typing digits or arrows in the comment box never answers anything."""
        key = event.key()
        if key == Qt.Key_Escape:
            self.request_leave()
        elif self.pages.currentWidget() is not self.question_page:
            super().keyPressEvent(event)
        elif Qt.Key_1 <= key <= Qt.Key_5:
            self.choose_current(key - Qt.Key_0)
        elif key in TARGET_KEYS:
            self.choose_target(TARGET_KEYS[key])
        elif key == Qt.Key_0:
            self.choose_dont_know()
        elif key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Right):
            self.go_next()
        elif key == Qt.Key_Left:
            self.go_back()
        else:
            super().keyPressEvent(event)

    # -- showing -------------------------------------------------------------------------------

    def show_item(self) -> None:
        s = self.session
        item = s.item
        theme = s.questionnaire.theme(item.theme)
        self.position.setText(f"Statement {s.index + 1} of {len(s.items)}")
        self.context.setText(f"{DIMENSION_LABELS.get(item.dimension, '').upper()} · "
                             f"{theme.title if theme else ''}")
        terms = [self.glossary[t] for t in item.terms if t in self.glossary]
        statement, others = statement_html(s.text(), terms)
        self.statement.setText(statement)
        self.terms.setText(others)
        self.terms.setVisible(bool(others))
        self.statement.setAccessibleName(s.text())
        self.comment.blockSignals(True)
        self.comment.setPlainText(s.answer.comment if s.answer else "")
        self.comment.blockSignals(False)
        self._show_comment_count()
        self.message.clear()
        self.saved.clear()
        self.back_button.setEnabled(s.index > 0)
        self.next_button.setText("Next →" if s.index < len(s.items) - 1 else "Review →")
        self._show_choices()
        self.pages.setCurrentWidget(self.question_page)
        if not self.question_page.isAncestorOf(self.focusWidget()):
            self.cards.cards[0].setFocus()

    def _show_choices(self) -> None:
        s = self.session
        a = s.answer
        current = a.current if a else None
        self.cards.show_levels(s.item.levels, current)
        self.targets.show_target(a.target if a else None, current)
        dont_know = bool(a and a.dont_know)
        self.dont_know.setChecked(dont_know)
        self.dont_know.setText(("✓ " if dont_know else "") + "I don't know (0)")
        self._show_progress()

    def _show_progress(self) -> None:
        for dimension, progress in self.session.progress_by_dimension().items():
            bar = self.dimension_bars[dimension]
            bar.setMaximum(progress.total)
            bar.setValue(progress.done)
            bar.setFormat(f"{DIMENSION_LABELS[dimension]}: {progress.done} of {progress.total}")

    def _show_term(self, link: str) -> None:
        term = self.glossary.get(link.removeprefix("term:")) if link else None
        if term is None:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), term_tooltip(term), self)

    # -- answering -----------------------------------------------------------------------------

    def _apply(self, choose) -> bool:
        """Run one saving choice; show "saved", or the refusal or error, never lose the screen."""
        self._comment_timer.stop()
        try:
            choose()
        except AnswerRefused as exc:
            self.message.setText(str(exc))
            self.saved.clear()
            return False
        except TandemError as exc:
            self.message.setText(f"Not saved: {exc} Your choice is still on screen; try again.")
            self.saved.setText("")
            return False
        if self.ops is not None:
            self.ops.answer_saved(self.session.participant.workshop_id)
        self.message.clear()
        self.saved.setText("✓ Saved")
        self._show_choices()
        return True

    def choose_current(self, level: int) -> None:
        self._apply(lambda: self.session.choose_current(level, self.comment.toPlainText()))

    def choose_target(self, level: int) -> None:
        self._apply(lambda: self.session.choose_target(level, self.comment.toPlainText()))

    def choose_dont_know(self) -> None:
        self._apply(lambda: self.session.choose_dont_know(self.comment.toPlainText()))

    def _comment_changed(self) -> None:
        if self._trimming:
            return
        self._trim_comment()
        self._show_comment_count()
        self.saved.setText("…")
        self._comment_timer.start()

    def _trim_comment(self) -> None:
        """Hold the comment to COMMENT_MAX_CHARS (a QPlainTextEdit has no maximum length):
        what was just typed or pasted past the limit, just before the cursor, is taken out
        again, so the start of a paste is kept, the rest of the comment is untouched and the
        cursor stays where the typing was. Counted in characters, as the store counts them."""
        text = self.comment.toPlainText()
        excess = len(text) - COMMENT_MAX_CHARS
        if excess <= 0:
            return
        cursor = self.comment.textCursor()
        end = _utf16_to_index(text, cursor.position())
        start = end - excess
        if start < 0:  # the cursor is not after the new text: cut the end instead
            start, end = COMMENT_MAX_CHARS, len(text)
        cursor.setPosition(_utf16_length(text[:start]))
        cursor.setPosition(_utf16_length(text[:end]), QTextCursor.KeepAnchor)
        self._trimming = True
        try:
            cursor.removeSelectedText()
        finally:
            self._trimming = False
        self.comment.setTextCursor(cursor)
        self.message.setText(f"A comment holds at most {COMMENT_MAX_CHARS:,} characters; "
                             f"{excess:,} more were left out.")

    def _show_comment_count(self) -> None:
        count = len(self.comment.toPlainText())
        self.comment_count.setText(f"{count:,} / {COMMENT_MAX_CHARS:,}")
        self.comment_count.setAccessibleDescription(
            f"{count:,} of at most {COMMENT_MAX_CHARS:,} characters")
        warning = count >= COMMENT_WARN_AT
        if warning != self.comment_count_warning:  # restyle only when the state changes
            self.comment_count_warning = warning
            self.comment_count.setStyleSheet(COUNT_WARNING_STYLE if warning else COUNT_STYLE)

    def save_comment(self) -> bool:
        self._comment_timer.stop()
        if self.session.answer is None:
            if self.comment.toPlainText().strip():
                self.saved.setText("Comment kept: it is saved with your answer")
            return True
        return self._apply(lambda: self.session.set_comment(self.comment.toPlainText()))

    # -- moving --------------------------------------------------------------------------------

    def go_next(self) -> None:
        if not self.save_comment():
            return
        if self.session.next():
            self.show_item()
        else:
            self.show_review()

    def go_back(self) -> None:
        if not self.save_comment():
            return
        if self.session.back():
            self.show_item()

    def show_review(self) -> None:
        unfinished = self.session.unfinished()
        self._unfinished_indexes = [n for n, _ in unfinished]
        self.unfinished_model.setStringList(
            [f"{n + 1}. {self.session.text(item)}" for n, item in unfinished])
        total = len(self.session.items)
        if unfinished:
            self.review_title.setText(f"{total - len(unfinished)} of {total} statements "
                                      "answered")
            self.review_hint.setText("These still need today's level and a target (or "
                                     "\"don't know\"). Double-click or press Enter on one to go "
                                     "back to it, or finish now.")
        else:
            self.review_title.setText(f"All {total} statements answered")
            self.review_hint.setText("You can still go back and change anything, or finish.")
        self.unfinished_view.setVisible(bool(unfinished))
        self.pages.setCurrentWidget(self.review_page)
        (self.unfinished_view if unfinished else self.finish_button).setFocus()

    def _review_go_to(self, index) -> None:
        self.session.go_to(self._unfinished_indexes[index.row()])
        self.show_item()

    def _back_to_questions(self) -> None:
        self.show_item()

    def finish(self) -> None:
        self.pages.setCurrentWidget(self.thanks_page)
        self.return_button.setFocus()

    # -- leaving -------------------------------------------------------------------------------

    def request_leave(self) -> bool:
        """Hand the laptop back: behind the PIN when the workshop has one."""
        if self.pages.currentWidget() is self.question_page and not self.save_comment():
            return False
        workshop_id = self.session.participant.workshop_id
        store = self.session.store
        if store.has_pin(workshop_id):
            pin = dialogs.ask_pin(self)
            if pin is None:
                return False
            if not store.check_pin(workshop_id, pin):
                self.message.setText("That PIN is not right; the facilitator can unlock this "
                                     "screen.")
                dialogs.show_error(self, "Wrong PIN", "That PIN is not right. Only the "
                                                      "facilitator can leave answering mode.")
                return False
        self._leaving_allowed = True
        self.close()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._leaving_allowed:
            event.accept()
            self.left.emit()
            return
        event.ignore()
        QTimer.singleShot(0, self.request_leave)
