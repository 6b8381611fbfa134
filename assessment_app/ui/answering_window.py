"""Answering mode: one executive, alone with the laptop, full screen.

Only this participant's questions are reachable: no menus, no other participant, no results.
Every choice is saved before the screen moves on; leaving (finish, Escape, closing the window)
returns to the facilitator, behind the workshop's PIN when it has one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ..analysis.answering import AnsweringSession, AnswerRefused
from ..analysis.ballot import Ballot
from ..content.actions import Action
from ..content.glossary import Term
from ..errors import TandemError
from ..i18n import tr, tr_n
from ..i18n.formats import whole
from ..rules.records import Answer
from ..rules.text import COMMENT_MAX_CHARS
from . import answer_writer
from .answering_exit import escape_confirmed, facilitator_lets_go
from .answering_pages import RelativeFonts, ReviewPage, ThanksPage, answer_summary
from .answering_question import QuestionPage
from .answering_saves import SavedAnswers
from .changes import ANSWERS, follow
from .operations import Operations
from .vote_page import VotePage

COMMENT_SAVE_DELAY_MS = 600
TARGET_KEYS = {int(key): level for level, key in enumerate(
    (Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_E, Qt.Key.Key_R, Qt.Key.Key_T), start=1)}


class AnsweringWindow(QWidget):
    """The executive's screen; emits ``left`` once the facilitator has it back."""

    left = Signal()

    def __init__(self, session: AnsweringSession, glossary: list[Term],
                 parent: QWidget | None = None, ops: Operations | None = None,
                 actions: list[Action] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.ops = ops  # told of every committed save, so the facilitator's screens follow
        self.glossary = {t.id: t for t in glossary}
        self._leaving_allowed = False
        self._from_review = False  # the statement on screen was chosen from the review
        self.setWindowTitle(tr("Tandem: {name}", name=session.participant.name))
        self.setObjectName("answeringWindow")
        self._base_font = QFont(self.font())
        self._font_factor = 1.0
        self.fonts = RelativeFonts(self)  # set before the pages: their fonts derive from it
        self.pages = QStackedWidget()
        self.question_page = q = QuestionPage(session, self.glossary, self.fonts)
        # the parts tests and keys reach for
        self.who, self.position, self.dimension_bars = q.who, q.position, q.dimension_bars
        self.statement, self.cards, self.dont_know, self.targets = (
            q.statement, q.cards, q.dont_know, q.targets)
        self.comment, self.comment_count, self.message, self.saved = (
            q.comment, q.comment_count, q.message, q.saved)
        self.back_button, self.next_button = q.back_button, q.next_button
        self._connect_question_page()
        self.review_page = ReviewPage(self.fonts)
        self.review_page.go_to.connect(self._review_go_to)
        self.review_page.back.connect(self.show_item)
        self.review_page.finish.connect(self.finish)
        self.review_title = self.review_page.title  # the parts tests and keys reach for
        self.review_hint = self.review_page.hint
        self.unfinished_view = self.review_page.view
        self.finish_button = self.review_page.finish_button
        # round 2: after the re-rating's review, the dots on actions (when there are any)
        self.plan_actions = actions or []
        self.vote_page = VotePage(self.fonts)
        self.vote_page.change = self._vote
        self.vote_page.done.connect(self._show_thanks)
        self.thanks_page = ThanksPage(session.participant.name, self.fonts)
        self.return_button = self.thanks_page.return_button
        self.return_button.clicked.connect(self.request_leave)
        for page in (self.question_page, self.review_page, self.vote_page, self.thanks_page):
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
        session.save = self._save_for(session)
        self.saves = SavedAnswers(session)
        if ops is not None and ops.changes is not None:
            workshop_id = session.participant.workshop_id
            follow(self, ops.changes, self.take_answers_from_elsewhere,
                   workshop=lambda: workshop_id, kinds=[ANSWERS])
        self.show_item()

    def _save_for(self, session: AnsweringSession) -> Callable[..., Answer]:
        """Round 1 saves as ever; a re-rating (round 2) is checked against the round's state
        as the store would, at the key press, then written by the same writer."""
        if session.round_no == 1:
            return functools.partial(self.writer.save, language=session.language)
        store, pid = session.store, session.participant.id

        def save(participant_id: str, item_id: str, current: int | None,
                 target: int | None, comment: str) -> Answer:
            return self.writer.save(participant_id, item_id, current, target, comment,
                                    round_no=2, state=store.round_state_of(pid),
                                    language=session.language)
        return save

    def _vote(self, action_id: str, count: int) -> Ballot:
        from ..analysis.ballot import ballot
        from ..analysis.consensus_view import cast_vote

        pid = self.session.participant.id
        if self.ops is not None:
            self.ops.vote(pid, action_id, count, self.plan_actions)
        else:
            cast_vote(self.session.store, pid, action_id, count, self.plan_actions)
        return ballot(self.session.store, pid, self.plan_actions)

    def _connect_question_page(self) -> None:
        self.cards.chosen.connect(self.choose_current)
        self.dont_know.clicked.connect(lambda: self.choose_dont_know())
        self.targets.chosen.connect(self.choose_target)
        self.comment.edited.connect(self._comment_changed)
        self.comment.trimmed.connect(self._comment_trimmed)
        self.comment.left.connect(self.leave_comment)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        for button in self.question_page.choice_buttons:
            button.installEventFilter(self)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
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
        self.question_page.size_dont_know()

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
        elif key == Qt.Key.Key_C:
            self.comment.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right):
            self.go_next()
        elif key == Qt.Key.Key_Left:
            self.go_back()
        else:
            super().keyPressEvent(event)

    # -- showing -------------------------------------------------------------------------------

    def show_item(self) -> None:
        self.question_page.show_statement()
        self.pages.setCurrentWidget(self.question_page)
        self.question_page.focus_today()

    # -- answering -----------------------------------------------------------------------------

    def _apply(self, choose: Callable[[], object]) -> bool:
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
            self.message.setText(tr("Not saved: {problem} Your choice is still on screen; try "
                                    "again.", problem=exc))
            self.saved.setText("")
            return False
        self.message.clear()
        self._show_save_state()
        self.question_page.show_choices()
        return True

    def _show_save_state(self) -> None:
        """"Saving…" while the statement on screen has an answer on its way to the disk,
        "✓ Saved" once the last one is committed."""
        item_id = self.session.item.id
        if self.writer.pending_for(item_id):
            self.saved.setText(tr("Saving…"))
        elif item_id not in self.saves.not_saved:
            self.saved.setText(tr("✓ Saved"))

    def _answer_saved(self, answer: Answer) -> None:
        """The writer committed ``answer``: on disk, announced, and said if it is on screen."""
        self.saves.committed(answer)
        if self.ops is not None:
            self.ops.answer_saved(self.session.participant.workshop_id)
        if (answer.item_id == self.session.item.id
                and self.pages.currentWidget() is self.question_page):
            self._show_save_state()

    def _answer_failed(self, answer: Answer, problem: str) -> None:
        """The writer could not commit ``answer``. A later answer to the same statement, still
        on its way, carries the whole answer and decides; otherwise the session goes back to
        what is on disk, and the screen says so with the choice still shown."""
        item_id = answer.item_id
        if self.writer.pending_for(item_id):
            return
        self.saves.failed(item_id, problem)
        self.question_page.show_progress()
        if self.pages.currentWidget() is self.review_page:
            self.show_review()
        if item_id == self.session.item.id:
            self.message.setText(tr("Not saved: {problem} Your choice is still on screen; try "
                                    "again.", problem=problem))
            self.saved.setText("")
        else:
            number = self.saves.number(item_id)
            self.message.setText(tr("Not saved: {problem} Statement {number} was not saved; "
                                    "go back to it and choose again.", problem=problem,
                                    number=number + 1))

    def _saves_settled(self) -> bool:
        """Leaving: wait for every answer on its way to the disk. If one could not be written
        (and this was not said yet), show that statement with why, and stay."""
        self.writer.wait()
        item_id = self.saves.first_untold()
        if item_id is None:
            return True
        self.session.go_to(self.saves.number(item_id))
        self.show_item()
        self.message.setText(tr("Not saved: {problem} Choose again, or hand back again to "
                                "leave this statement without that answer.",
                                problem=self.saves.not_saved[item_id]))
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
        """Arrow keys on the don't-know, target and navigation buttons answer like everywhere
        else on the page (a push button would otherwise use them to move the focus between
        buttons, and into the comment box)."""
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and watched in self.question_page.choice_buttons
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
        self.message.setText(tr_n(
            "A comment holds at most {most} characters; {excess} more was left out.",
            "A comment holds at most {most} characters; {excess} more were left out.", excess,
            most=whole(COMMENT_MAX_CHARS), excess=whole(excess)))

    def save_comment(self) -> bool:
        self._comment_timer.stop()
        if self.session.answer is None:
            self.session.set_comment(self.comment.toPlainText())  # kept as a draft
            if self.comment.toPlainText().strip():
                self.saved.setText(tr("Comment kept: it is saved with your answer"))
            return True
        return self._apply(lambda: self.session.set_comment(self.comment.toPlainText()))

    def leave_comment(self) -> None:
        """Enter, Tab or Esc in the comment box: save it and give the keys back to the
        answer, on today's chosen level (or level 1)."""
        if self.save_comment():
            self.question_page.focus_today()

    def take_answers_from_elsewhere(self) -> None:
        """The same person may answer on their phone while the kiosk is open: their answers
        saved there are shown here at once (those still on their way from this screen
        decide for their statements), and a comment being typed is never replaced."""
        try:
            on_disk = self.session.store.answers_for_participant(self.session.participant.id,
                                                                 self.session.round_no)
        except TandemError:
            return  # a locked file: the next change looks again
        keep = {item.id for item in self.session.items if self.writer.pending_for(item.id)}
        taken = self.session.take_answers(on_disk, keep | set(self.saves.not_saved))
        if not taken:
            return
        if self.pages.currentWidget() is self.review_page:
            self.show_review()
            return
        self.question_page.show_choices()  # the progress bars too
        typing = self.focusWidget() is self.comment or self._comment_timer.isActive()
        if self.session.item.id in taken and not typing:
            self.comment.set_comment(self.session.comment)

    # -- moving --------------------------------------------------------------------------------

    def go_next(self) -> None:
        """The next statement; after a statement chosen from the review, back to the review
        (a change made from there is one Enter away from it, not the rest of the list)."""
        if not self.save_comment():
            return
        if self._from_review:
            self.show_review()
        elif self.session.next():
            self.show_item()
        else:
            self.show_review()

    def go_back(self) -> None:
        if not self.save_comment():
            return
        self._from_review = False
        if self.session.back():
            self.show_item()

    def show_review(self) -> None:
        self._from_review = False
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
        self._from_review = True

    def finish(self) -> None:
        if self.session.round_no == 2 and self.plan_actions:
            from ..analysis.ballot import ballot

            try:
                chosen = ballot(self.session.store, self.session.participant.id,
                                self.plan_actions)
            except TandemError:
                chosen = None
            if chosen is not None and chosen.options:
                self.vote_page.show_ballot(chosen)
                self.pages.setCurrentWidget(self.vote_page)
                self.vote_page.done_button.setFocus()
                return
        self._show_thanks()

    def _show_thanks(self) -> None:
        self.thanks_page.show_open(len(self.session.unfinished()))
        self.pages.setCurrentWidget(self.thanks_page)
        self.return_button.setFocus()

    # -- leaving -------------------------------------------------------------------------------

    def _escape_confirmed(self) -> bool:
        return escape_confirmed(self, self.session.store, self.session.participant.workshop_id,
                                last_page=self.pages.currentWidget() is self.thanks_page)

    def request_leave(self) -> bool:
        """Hand the laptop back: behind the PIN when the workshop has one."""
        if self.pages.currentWidget() is self.question_page and not self.save_comment():
            return False
        if not facilitator_lets_go(self, self.session.store,
                                   self.session.participant.workshop_id, self.message.setText):
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
