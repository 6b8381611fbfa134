"""Answering mode: one executive, alone with the laptop, full screen.

Only this participant's questions are reachable: no menus, no other participant, no results.
Every choice is saved before the screen moves on; leaving (finish, Escape, closing the window)
returns to the facilitator, behind the workshop's PIN when it has one.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
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
from ..rules.text import COMMENT_MAX_CHARS
from . import answer_writer, dialogs
from .answering_pages import (
    RelativeFonts,
    ReviewPage,
    ThanksPage,
    answer_summary,
    statement_html,
    term_tooltip,
)
from .comment_box import CommentBox
from .level_cards import LevelCardRow, TargetRow
from .operations import Operations
from .text import ElidedLabel, WrappedLabel

KEY_HELP = ("Keys: 1–5 today's level · Q W E R T target · 0 don't know · "
            "Enter or → next · ← back · Esc hand back")
COMMENT_SAVE_DELAY_MS = 600
TARGET_KEYS = {int(key): level for level, key in enumerate(
    (Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_E, Qt.Key.Key_R, Qt.Key.Key_T), start=1)}


class AnsweringWindow(QWidget):
    """The executive's screen; emits ``left`` once the facilitator has it back."""

    left = Signal()

    def __init__(self, session: AnsweringSession, glossary: list[Term],
                 parent: QWidget | None = None, ops: Operations | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.ops = ops  # told of every committed save, so the facilitator's screens follow
        self.glossary = {t.id: t for t in glossary}
        self._leaving_allowed = False
        self.setWindowTitle(f"Tandem: {session.participant.name}")
        self.setObjectName("answeringWindow")
        self._base_font = QFont(self.font())
        self._font_factor = 1.0
        self.fonts = RelativeFonts(self)  # set before the pages: their fonts derive from it
        self.pages = QStackedWidget()
        self.question_page = self._build_question_page()
        self.review_page = ReviewPage(self.fonts)
        self.review_page.go_to.connect(self._review_go_to)
        self.review_page.back.connect(self.show_item)
        self.review_page.finish.connect(self.finish)
        self.review_title = self.review_page.title  # the parts tests and keys reach for
        self.review_hint = self.review_page.hint
        self.unfinished_view = self.review_page.view
        self.finish_button = self.review_page.finish_button
        self.thanks_page = ThanksPage(session.participant.name, self.fonts)
        self.return_button = self.thanks_page.return_button
        self.return_button.clicked.connect(self.request_leave)
        for page in (self.question_page, self.review_page, self.thanks_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addWidget(self.pages)
        self._comment_timer = QTimer(self, singleShot=True, interval=COMMENT_SAVE_DELAY_MS)
        self.fonts.follow_all(self, skip=[card.heading for card in self.cards.cards])
        self._comment_timer.timeout.connect(self.save_comment)
        # Answers are committed by a writer thread (a busy disk never holds up a key); the
        # screen says "Saved" only when the writer reports the answer committed.
        self.writer = answer_writer.writer_for(session.store, self)
        self.writer.saved.connect(self._answer_saved)
        self.writer.failed.connect(self._answer_failed)
        session.save = self.writer.save
        self._on_disk = dict(session.answers)  # each statement's answer as committed
        self._not_saved: dict[str, str] = {}  # statement id -> why its last answer failed
        self._said_not_saved: set[str] = set()  # failures already shown when leaving
        self.show_item()

    # -- building ------------------------------------------------------------------------------

    def _build_question_page(self) -> QWidget:
        page = QWidget()
        s = self.session
        # the name as typed, cut with "…" (whole on hover) when it is too long for one line;
        # the middle is cut, so "answering for IT" always shows
        self.who = ElidedLabel(f"{s.participant.name} · answering for {ROLE_LABELS[s.role]}",
                               mode=Qt.TextElideMode.ElideMiddle)
        self.fonts.set(self.who, 1.0, bold=True)
        self.position = QLabel()
        self.fonts.set(self.position, 1.0, bold=True)
        self.position.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
        self.fonts.set(self.context, 1.0, bold=True)
        self.context.setObjectName("contextLabel")
        self.statement = QLabel()
        self.statement.setObjectName("statement")
        self.statement.setWordWrap(True)
        self.statement.setTextFormat(Qt.TextFormat.RichText)
        self.fonts.set(self.statement, 1.75, bold=True)
        self.statement.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.statement.linkHovered.connect(self._show_term)
        self.statement.setMinimumHeight(self.statement.fontMetrics().height() * 2)
        self.terms = QLabel()
        self.terms.setTextFormat(Qt.TextFormat.RichText)
        self.terms.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.terms.linkHovered.connect(self._show_term)

        today = QLabel("Where is the organisation <b>today</b>?")
        self.fonts.set(today, 1.2)
        self.cards = LevelCardRow()
        self.cards.chosen.connect(self.choose_current)
        self.dont_know = QPushButton("I don't know (0)")
        self.dont_know.setObjectName("dontKnow")
        self.dont_know.setCheckable(True)
        self.dont_know.setAccessibleName("I don't know")
        self.dont_know.clicked.connect(lambda: self.choose_dont_know())
        self._size_dont_know()
        today_row = QHBoxLayout()
        today_row.addWidget(today, 1)
        today_row.addWidget(self.dont_know)

        target_label = QLabel("Where must it be in <b>12–18 months</b>?")
        self.fonts.set(target_label, 1.2)
        self.targets = TargetRow()
        self.targets.chosen.connect(self.choose_target)

        self.comment = CommentBox()
        self.comment.edited.connect(self._comment_changed)
        self.comment.trimmed.connect(self._comment_trimmed)
        self.comment_count = self.comment.counter

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
        keys.setAlignment(
            Qt.AlignmentFlag.AlignCenter
        )  # centred text in the full width, not a narrow box
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
        layout.addWidget(self.cards)
        layout.addWidget(target_label)
        layout.addWidget(self.targets)
        layout.addWidget(self.comment)
        layout.addLayout(status)
        layout.addStretch(1)
        layout.addLayout(nav)
        for widget in (self.back_button, self.next_button):
            widget.setMinimumHeight(44)
        self._choice_buttons = [self.dont_know, *self.targets.buttons]
        for button in self._choice_buttons:
            button.installEventFilter(self)
        # Tab order follows reading order: cards, don't know, targets, comment, navigation.
        chain = [*self.cards.cards, self.dont_know, *self.targets.buttons, self.comment,
                 self.back_button, self.next_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        return page

    def _size_dont_know(self) -> None:
        """Wide enough for its chosen form ("✓", bold, thicker border): never clipped."""
        chosen_font = QFont(self.dont_know.font())
        chosen_font.setBold(True)
        self.dont_know.setMinimumWidth(
            QFontMetrics(chosen_font).horizontalAdvance("✓ I don't know (0)") + 48)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Text grows with the window (up to 1.5x from 800 lines of height): full screen on a
        1080-line display the cards and the statement read as they do on a laptop."""
        super().resizeEvent(event)
        factor = min(1.5, max(1.0, self.height() / 800))
        if abs(factor - self._font_factor) < 0.04:
            return
        self._font_factor = factor
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * factor)
        self.setFont(font)
        self.fonts.apply(font)
        self._size_dont_know()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The answering keys. They arrive here only when the focused control did not use
        them, so typing digits or arrows in the comment box never answers anything."""
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self._escape_confirmed():
                self.request_leave()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pages.currentWidget() is not \
                self.question_page:
            # Enter finishes the review and hands back from the thank-you page (a list entry
            # chosen with Enter is handled by the list and never arrives here)
            if self.pages.currentWidget() is self.review_page:
                self.finish()
            else:
                self.request_leave()
        elif self.pages.currentWidget() is not self.question_page:
            super().keyPressEvent(event)
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.choose_current(key - Qt.Key.Key_0)
        elif key in TARGET_KEYS:
            self.choose_target(TARGET_KEYS[key])
        elif key == Qt.Key.Key_0:
            self.choose_dont_know()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right):
            self.go_next()
        elif key == Qt.Key.Key_Left:
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
        self.comment.set_comment(s.answer.comment if s.answer else "")
        self.message.clear()
        self.saved.clear()
        self.back_button.setEnabled(s.index > 0)
        self.next_button.setText("Next →" if s.index < len(s.items) - 1 else "Review →")
        self._show_choices()
        self.pages.setCurrentWidget(self.question_page)
        answer = s.answer  # a new statement: the focus on today's choice, else on level 1
        chosen = answer.current if answer and answer.current else 1
        self.cards.cards[chosen - 1].setFocus()

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
        """Run one saving choice: show it at once with "Saving…" (then "✓ Saved" when the
        writer has committed it), or the refusal or error; never lose the screen."""
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
        self.message.clear()
        self._show_save_state()
        self._show_choices()
        return True

    def _show_save_state(self) -> None:
        """"Saving…" while the statement on screen has an answer on its way to the disk,
        "✓ Saved" once the last one is committed."""
        item_id = self.session.item.id
        if self.writer.pending_for(item_id):
            self.saved.setText("Saving…")
        elif item_id not in self._not_saved:
            self.saved.setText("✓ Saved")

    def _answer_saved(self, answer) -> None:
        """The writer committed ``answer``: on disk, announced, and said if it is on screen."""
        self._on_disk[answer.item_id] = answer
        self._not_saved.pop(answer.item_id, None)
        self._said_not_saved.discard(answer.item_id)
        if self.ops is not None:
            self.ops.answer_saved(self.session.participant.workshop_id)
        if (answer.item_id == self.session.item.id
                and self.pages.currentWidget() is self.question_page):
            self._show_save_state()

    def _answer_failed(self, answer, problem: str) -> None:
        """The writer could not commit ``answer``. A later answer to the same statement, still
        on its way, carries the whole answer and decides; otherwise the session goes back to
        what is on disk, and the screen says so with the choice still shown."""
        item_id = answer.item_id
        if self.writer.pending_for(item_id):
            return
        self._not_saved[item_id] = problem
        on_disk = self._on_disk.get(item_id)
        if on_disk is None:
            self.session.answers.pop(item_id, None)
        else:
            self.session.answers[item_id] = on_disk
        self._show_progress()
        if self.pages.currentWidget() is self.review_page:
            self.show_review()
        if item_id == self.session.item.id:
            self.message.setText(f"Not saved: {problem} Your choice is still on screen; try "
                                 "again.")
            self.saved.setText("")
        else:
            number = next(n for n, item in enumerate(self.session.items) if item.id == item_id)
            self.message.setText(f"Not saved: {problem} Statement {number + 1} was not saved; "
                                 "go back to it and choose again.")

    def _saves_settled(self) -> bool:
        """Leaving: wait for every answer on its way to the disk. If one could not be written
        (and this was not said yet), show that statement with why, and stay."""
        self.writer.wait()
        unsaid = [i for i in self._not_saved if i not in self._said_not_saved]
        if not unsaid:
            return True
        self._said_not_saved.update(unsaid)
        item_id = unsaid[0]
        self.session.go_to(next(n for n, item in enumerate(self.session.items)
                                if item.id == item_id))
        self.show_item()
        self.message.setText(f"Not saved: {self._not_saved[item_id]} Choose again, or hand back "
                             "again to leave this statement without that answer.")
        return False

    def choose_current(self, level: int) -> None:
        if self._apply(lambda: self.session.choose_current(level, self.comment.toPlainText())):
            self._focus_choice(self.cards.cards[level - 1])

    def choose_target(self, level: int) -> None:
        if self._apply(lambda: self.session.choose_target(level, self.comment.toPlainText())):
            self._focus_choice(self.targets.buttons[level - 1])

    def choose_dont_know(self) -> None:
        if self._apply(lambda: self.session.choose_dont_know(self.comment.toPlainText())):
            self._focus_choice(self.dont_know)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Arrow keys on the don't-know and target buttons answer like everywhere else on the
        page (a push button would otherwise use them to move the focus between buttons)."""
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and watched in self._choice_buttons
                and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right)):
            self.keyPressEvent(event)
            return True
        return False

    def _focus_choice(self, widget: QWidget) -> None:
        """The focus ring follows the choice just made, so one statement never shows two
        highlighted choices; typing in the comment box keeps its focus."""
        if self.focusWidget() is not self.comment:
            widget.setFocus()

    @property
    def comment_count_warning(self) -> bool:
        return self.comment.counter_warning

    def _comment_changed(self) -> None:
        self.saved.setText("…")
        self._comment_timer.start()

    def _comment_trimmed(self, excess: int) -> None:
        self.message.setText(f"A comment holds at most {COMMENT_MAX_CHARS:,} characters; "
                             f"{excess:,} more were left out.")

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
        self.pages.setCurrentWidget(self.review_page)
        unfinished = self.session.unfinished()
        if unfinished:
            rows = [(n, self.session.text(item)) for n, item in unfinished]
        else:
            rows = [(n, f"{self.session.text(item)}  —  "
                        f"{answer_summary(self.session.answers.get(item.id))}")
                    for n, item in enumerate(self.session.items)]
        self.review_page.show_rows(rows, len(unfinished), len(self.session.items))

    def _review_go_to(self, index: int) -> None:
        self.session.go_to(index)
        self.show_item()

    def finish(self) -> None:
        self.pages.setCurrentWidget(self.thanks_page)
        self.return_button.setFocus()

    # -- leaving -------------------------------------------------------------------------------

    def _escape_confirmed(self) -> bool:
        """Without a PIN, a stray Esc must not end the session at once: ask first (with a PIN,
        asking for it is the confirmation; on the last page leaving is what is expected)."""
        if self.session.store.has_pin(self.session.participant.workshop_id) or \
                self.pages.currentWidget() is self.thanks_page:
            return True
        return dialogs.ask_confirm(
            self, "Hand the laptop back?",
            "Stop answering and hand the laptop back to the facilitator? Everything answered so "
            "far is saved; answering can go on later from where it stopped.", "Hand back")

    def request_leave(self) -> bool:
        """Hand the laptop back: behind the PIN when the workshop has one."""
        if self.pages.currentWidget() is self.question_page and not self.save_comment():
            return False
        workshop_id = self.session.participant.workshop_id
        store = self.session.store
        if store.has_pin(workshop_id):  # wrong tries are slowed down (``store.pin``)
            from ..store.pin import PinCheck, wait_sentence

            wait = store.pin_wait(workshop_id)
            if wait > 0:  # during a wait, no PIN is even asked for
                check = PinCheck(False, wait, taken=False)
            else:
                pin = dialogs.ask_pin(self)
                if pin is None:
                    return False
                check = store.check_pin(workshop_id, pin)
            if not check:
                text = " ".join(part for part in (
                    "That PIN is not right; only the facilitator can leave answering mode."
                    if check.taken else "", wait_sentence(check.wait) if check.wait > 0 else "")
                    if part)
                self.message.setText(text)
                dialogs.show_error(self, "Wrong PIN" if check.taken else "Please wait", text)
                return False
        self._leaving_allowed = True
        self.close()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._leaving_allowed and self._saves_settled():  # waits for answers on their way
            event.accept()
            self.writer.close()
            self.left.emit()
            return
        event.ignore()
        if self._leaving_allowed:  # an answer failed: shown, and the window stays
            self._leaving_allowed = False
            return
        QTimer.singleShot(0, self.request_leave)
