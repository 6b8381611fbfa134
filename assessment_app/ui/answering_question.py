"""The answering window's question page: one statement with its glossary links, where the
organisation is today (five level cards, or "I don't know"), where it must be, a comment, what
was saved, and the way on. The page shows what the session holds; the window
(``answering_window``) reacts to the choices and saves them."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..analysis.answering import AnsweringSession
from ..content.glossary import Term
from ..content.questionnaire import ROLE_LABELS, dimension_label
from ..i18n import N_, tr
from .answering_pages import RelativeFonts, statement_html, term_tooltip
from .comment_box import CommentBox
from .level_cards import LevelCardRow, TargetRow
from .text import ElidedLabel, WrappedLabel

KEY_HELP = N_("Keys: 1–5 today's level · Q W E R T target · 0 don't know · C comment · "
              "Enter or → next · ← back · Tab moves between choices · Esc hand back")
COMMENT_HELP = N_("Typing a comment: Enter, Tab or Esc goes back to the answer keys · "
                  "Shift+Enter starts a new line")
DONT_KNOW = N_("I don't know (0)")


class QuestionPage(QWidget):
    """One statement and its choices, laid out in reading order (the tab order too)."""

    def __init__(self, session: AnsweringSession, glossary: dict[str, Term],
                 fonts: RelativeFonts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.glossary = glossary
        self.fonts = fonts
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(self._build_heading())
        layout.addLayout(self._build_progress())
        layout.addSpacing(8)
        self._build_statement(layout)
        layout.addSpacing(6)
        self._build_choices(layout)
        self.comment = CommentBox()
        self.comment_count = self.comment.counter
        self.comment.typing.connect(self._show_key_help)
        layout.addWidget(self.comment)
        layout.addLayout(self._build_status())
        layout.addStretch(1)
        layout.addLayout(self._build_navigation())
        self.choice_buttons += [self.back_button, self.next_button]
        # Tab order follows reading order: cards, don't know, targets, navigation (the comment
        # box is entered on purpose only: a click or the C key).
        chain = [*self.cards.cards, self.dont_know, *self.targets.buttons,
                 self.back_button, self.next_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- building ------------------------------------------------------------------------------

    def _build_heading(self) -> QHBoxLayout:
        # the name as typed, cut with "…" (whole on hover) when it is too long for one line;
        # the middle is cut, so "answering for IT" always shows
        s = self.session
        role = ROLE_LABELS[s.role]
        self.who = ElidedLabel(tr("{name} · answering for {function}", name=s.participant.name,
                                  function=tr(role)), mode=Qt.TextElideMode.ElideMiddle)
        self.fonts.set(self.who, 1.0, bold=True)
        self.position = QLabel()
        self.fonts.set(self.position, 1.0, bold=True)
        self.position.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.who, 1)
        top.addWidget(self.position)
        return top

    def _build_progress(self) -> QHBoxLayout:
        self.dimension_bars: dict[str, QProgressBar] = {}
        bars = QHBoxLayout()
        for dimension in self.session.progress_by_dimension():
            bar = QProgressBar()
            bar.setTextVisible(True)
            bar.setAccessibleName(tr("{dimension} progress", dimension=dimension_label(dimension)))
            self.dimension_bars[dimension] = bar
            bars.addWidget(bar, 1)
        return bars

    def _build_statement(self, layout: QVBoxLayout) -> None:
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
        self.round_note = QLabel()  # round 2: what this person said in round 1
        self.round_note.setObjectName("roundNote")
        self.fonts.set(self.round_note, 1.2, bold=True)
        self.round_note.setWordWrap(True)
        for widget in (self.context, self.statement, self.terms, self.round_note):
            layout.addWidget(widget)

    def _build_choices(self, layout: QVBoxLayout) -> None:
        today = QLabel(tr("Where is the organisation <b>today</b>?"))
        self.fonts.set(today, 1.2)
        self.cards = LevelCardRow()
        self.dont_know = QPushButton(tr(DONT_KNOW))
        self.dont_know.setObjectName("dontKnow")
        self.dont_know.setCheckable(True)
        self.dont_know.setAccessibleName(tr("I don't know"))
        self.size_dont_know()
        today_row = QHBoxLayout()
        today_row.addWidget(today, 1)
        today_row.addWidget(self.dont_know)
        target_label = QLabel(tr("Where must it be in <b>12–18 months</b>?"))
        self.fonts.set(target_label, 1.2)
        self.targets = TargetRow()
        self.choice_buttons: list[QWidget] = [self.dont_know, *self.targets.buttons]
        layout.addLayout(today_row)
        layout.addWidget(self.cards)
        layout.addWidget(target_label)
        layout.addWidget(self.targets)

    def _build_status(self) -> QHBoxLayout:
        self.message = WrappedLabel()  # refusals and errors may quote names, paths, comments
        self.message.setObjectName("message")
        self.message.setAccessibleName(tr("Message"))
        self.saved = QLabel()
        self.saved.setObjectName("savedSign")
        self.saved.setAccessibleName(tr("Save status"))
        status = QHBoxLayout()
        status.addWidget(self.message, 1)
        status.addWidget(self.saved)
        status.addSpacing(12)
        status.addWidget(self.comment_count)
        return status

    def _build_navigation(self) -> QHBoxLayout:
        self.back_button = QPushButton(tr("← Back"))
        self.next_button = QPushButton(tr("Next →"))
        self.next_button.setObjectName("primary")
        for button in (self.back_button, self.next_button):
            button.setMinimumHeight(44)
        self.key_help = keys = QLabel(tr(KEY_HELP))
        keys.setObjectName("keyHelp")
        keys.setWordWrap(True)
        keys.setAlignment(Qt.AlignmentFlag.AlignCenter)  # centred in the full width
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(keys, 1)
        nav.addWidget(self.next_button)
        return nav

    def _show_key_help(self, typing: bool) -> None:
        """While the comment box has the focus the hint says how to get back to the keys."""
        self.key_help.setText(tr(COMMENT_HELP) if typing else tr(KEY_HELP))

    def size_dont_know(self) -> None:
        """Wide enough for its chosen form ("✓", bold, thicker border): never clipped."""
        chosen_font = QFont(self.dont_know.font())
        chosen_font.setBold(True)
        self.dont_know.setMinimumWidth(
            QFontMetrics(chosen_font).horizontalAdvance("✓ " + tr(DONT_KNOW)) + 48)

    # -- showing -------------------------------------------------------------------------------

    def show_statement(self) -> None:
        """The session's current statement, its saved comment, and nothing said about it yet."""
        s = self.session
        item = s.item
        theme = s.shown.theme(item.theme)  # in the participant's words
        self.position.setText(tr("Statement {number} of {count}", number=s.index + 1,
                                 count=len(s.items)))
        dimension = dimension_label(item.dimension)
        self.context.setText(f"{dimension.upper()} · {theme.title if theme else ''}")
        terms = [self.glossary[t] for t in item.terms if t in self.glossary]
        statement, others = statement_html(s.text(), terms)
        self.statement.setText(statement)
        self.terms.setText(others)
        self.terms.setVisible(bool(others))
        self.statement.setAccessibleName(s.text())
        self.round_note.setText(s.round_one_said)
        self.round_note.setVisible(bool(s.round_one_said))
        self.comment.set_comment(s.comment)
        self.message.clear()
        self.saved.clear()
        self.back_button.setEnabled(s.index > 0)
        self.next_button.setText(tr("Next →") if s.index < len(s.items) - 1
                                 else tr("Review →"))
        self.show_choices()

    def focus_today(self) -> None:
        """A statement just shown: the focus on today's chosen level, else on level 1."""
        answer = self.session.answer
        chosen = answer.current if answer and answer.current else 1
        self.cards.cards[chosen - 1].setFocus()

    def show_choices(self) -> None:
        s = self.session
        a = s.answer
        current = a.current if a else None
        self.cards.show_levels(s.item.levels, current)
        self.targets.show_target(a.target if a else None, current)
        dont_know = bool(a and a.dont_know)
        self.dont_know.setChecked(dont_know)
        self.dont_know.setText(("✓ " if dont_know else "") + tr(DONT_KNOW))
        self.show_progress()

    def show_progress(self) -> None:
        for dimension, progress in self.session.progress_by_dimension().items():
            bar = self.dimension_bars[dimension]
            bar.setMaximum(progress.total)
            bar.setValue(progress.done)
            bar.setFormat(tr("{dimension}: {done} of {total}", dimension=dimension_label(dimension),
                             done=progress.done, total=progress.total))

    def _show_term(self, link: str) -> None:
        term = self.glossary.get(link.removeprefix("term:")) if link else None
        if term is None:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), term_tooltip(term), self)
