"""The kiosk's voting page in the consensus round: the suggested actions, each with this
person's dots and − / + to move them, within the round's dots per person (the store refuses
more with its sentence). Shown after the re-rating's review; Done goes to the thank-you
page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..analysis.ballot import Ballot
from ..errors import TandemError
from ..i18n import N_, tr
from .answering_pages import RelativeFonts
from .text import WrappedLabel

VOTE_HINT = N_("Place your dots on the actions that matter most to you; several on one "
               "action is fine. Nobody sees whose dots they are.")


class VotePage(QWidget):
    """``change(action_id, count)`` is asked to place the dots (it raises with the store's
    sentence); ``done`` when the person has finished."""

    done = Signal()

    def __init__(self, fonts: RelativeFonts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fonts = fonts
        self.change: Callable[[str, int], Ballot] | None = None
        self.ballot: Ballot | None = None
        self.title = QLabel(tr("Vote on the actions"))
        fonts.set(self.title, 1.75, bold=True)
        self.hint = WrappedLabel(tr(VOTE_HINT))
        self.left_label = QLabel()
        fonts.set(self.left_label, 1.2, bold=True)
        self.message = WrappedLabel()
        self.message.setObjectName("message")
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows)
        self.done_button = QPushButton(tr("Done →"))
        self.done_button.setObjectName("primary")
        self.done_button.setMinimumHeight(44)
        self.done_button.clicked.connect(self.done)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.hint, self.left_label):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        self.plus: dict[str, QPushButton] = {}
        self.minus: dict[str, QPushButton] = {}
        self.counts: dict[str, QLabel] = {}

    def show_ballot(self, ballot: Ballot) -> None:
        self.ballot = ballot
        if set(self.counts) != {a for a, _ in ballot.options}:
            self._build_rows(ballot)
        for action_id, count in self.counts.items():
            mine = ballot.mine.get(action_id, 0)
            count.setText("●" * mine if mine else "–")
            count.setAccessibleName(f"{mine} dots")
            self.minus[action_id].setEnabled(mine > 0)
            self.plus[action_id].setEnabled(ballot.left > 0)
        self.left_label.setText(ballot.dots_left_text())

    def _build_rows(self, ballot: Ballot) -> None:
        while self.grid.count():
            taken = self.grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.plus, self.minus, self.counts = {}, {}, {}
        for row, (action_id, title) in enumerate(ballot.options):
            name = WrappedLabel(title)
            self.fonts.set(name, 1.2)
            minus, plus = QPushButton("−"), QPushButton("+")
            minus.setAccessibleName(tr("One dot less on {action}", action=title))
            plus.setAccessibleName(tr("One dot more on {action}", action=title))
            minus.clicked.connect(lambda _=False, a=action_id: self.vote(a, -1))
            plus.clicked.connect(lambda _=False, a=action_id: self.vote(a, 1))
            count = QLabel()
            self.fonts.set(count, 1.2, bold=True)
            for column, widget in enumerate((name, minus, count, plus)):
                self.grid.addWidget(widget, row, column)
            self.plus[action_id], self.minus[action_id] = plus, minus
            self.counts[action_id] = count
        self.grid.setColumnStretch(0, 1)

    def vote(self, action_id: str, step: int) -> None:
        if self.ballot is None or self.change is None:
            return
        count = max(0, self.ballot.mine.get(action_id, 0) + step)
        try:
            ballot = self.change(action_id, count)
        except TandemError as exc:  # the store's sentence, on screen
            self.message.setText(tr("Not placed: {problem}", problem=exc))
            return
        self.message.clear()
        self.show_ballot(ballot)
