"""The presenter view: the consensus round on the projector, one statement at a time, driven by
the keyboard so the facilitator can stand with a clicker. Space reveals (and hides again),
Left/Right (or Page Up/Down, as clickers send) move between the chosen statements, T starts and
stops the countdown, Esc leaves.

What it shows is decided in ``analysis/presenter`` (both wordings, the five levels, a dot strip
per function, comments by function under the privacy threshold); nothing of the results is
drawn until Space, and a statement's round-2 results are hidden again until revealed anew. No
participant's name is ever on it. Type grows with the screen: at 1366x768 the statement is
about 30 pixels high, at 1920x1080 about 42."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..analysis.palette import IT, MARKETING
from ..analysis.presenter import Slide, Tally, load_presentation
from ..content.actions import Action
from ..content.questionnaire import LEVEL_COUNT, Questionnaire
from ..errors import TandemError
from ..i18n import N_, tr
from ..rules.changes import Kind
from ..store.database import Store
from .changes import Changes, follow
from .presenter_strip import DotStrip, strip_caption
from .presenter_votes import VotesView
from .text import WrappedLabel

COUNTDOWN_S = 180  # three minutes: a re-rate, or one side's case
COLOURS = (MARKETING, IT)  # the functions' colours, as on every chart
VOTES = "votes"  # the page of the room's dots, after the statements
KEYS_HELP = N_("Space: reveal · ← →: statements · T: timer · Esc: leave")
# pixel sizes at 768 lines of height, grown with the screen
SIZES = {"wording": 30, "heading": 22, "level": 19, "name": 24, "comment": 18, "small": 17}


def _label(plain: bool = True) -> QLabel:
    label = QLabel()
    if plain:
        label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def countdown_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class PresenterWindow(QWidget):
    """A top-level window (shown full screen on the projector); emits ``left`` on Esc."""

    left = Signal()

    def __init__(self, store: Store, workshop_id: str, items: Sequence[str] | None = None,
                 changes: Changes | None = None, parent: QWidget | None = None,
                 actions: Sequence[Action] = (),
                 shown: Callable[[Questionnaire], Questionnaire] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.workshop_id = workshop_id
        self.items = list(items) if items is not None else None
        self.slides: list[Slide] = []
        self.plan_actions = list(actions)  # with actions, the last page is the room's dots
        self.shown = shown  # the statements in the window's words (``Wording``)
        self.tally: Tally | None = None
        self.index = 0
        self.revealed: set[tuple[str, bool]] = set()
        self.remaining = COUNTDOWN_S
        self.setWindowTitle(tr("Tandem: the consensus round"))
        self.setObjectName("presenter")
        self.setStyleSheet("#presenter { background: white; } QLabel { color: #1f2933; }")
        self.clock = QTimer(self, interval=1000)
        self.clock.timeout.connect(self._tick)
        self._build()
        if changes is not None:
            follow(self, changes, self.reload, workshop=lambda: self.workshop_id,
                   kinds=(Kind.CONSENSUS, Kind.ANSWERS, Kind.PARTICIPANTS))
        self.reload()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.position, self.status, self.timer = _label(), _label(), _label()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.position, 1)
        top.addWidget(self.status, 2)
        top.addWidget(self.timer, 1)
        self.wording_names = [_label() for _ in COLOURS]
        self.wordings = [WrappedLabel() for _ in COLOURS]
        wordings = QGridLayout()
        wordings.setHorizontalSpacing(16)
        for row, (name, text, colour) in enumerate(zip(self.wording_names, self.wordings,
                                                       COLOURS, strict=True)):
            name.setStyleSheet(f"color: {colour};")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            wordings.addWidget(name, row, 0)
            wordings.addWidget(text, row, 1)
        wordings.setColumnStretch(1, 1)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.level_heads = [_label() for _ in range(LEVEL_COUNT)]
        self.level_texts = [WrappedLabel() for _ in range(LEVEL_COUNT)]
        for n in range(LEVEL_COUNT):
            self.level_heads[n].setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.level_texts[n].setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.level_texts[n].setStyleSheet("color: #4a5560;")
            self.grid.addWidget(self.level_heads[n], 0, n + 1)
            self.grid.addWidget(self.level_texts[n], 1, n + 1, Qt.AlignmentFlag.AlignTop)
            self.grid.setColumnStretch(n + 1, 1)
        self.strip_names = [_label() for _ in COLOURS]
        self.strips = [DotStrip(colour) for colour in COLOURS]
        for row, (name, strip, colour) in enumerate(zip(self.strip_names, self.strips,
                                                        COLOURS, strict=True), start=2):
            name.setStyleSheet(f"color: {colour};")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(strip, row, 1, 1, LEVEL_COUNT)
            self.grid.setRowStretch(row, 1)
        self.comments = [WrappedLabel() for _ in COLOURS]
        comments = QHBoxLayout()
        comments.setContentsMargins(0, 0, 0, 0)
        comments.setSpacing(32)
        for label in self.comments:
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            comments.addWidget(label, 1, Qt.AlignmentFlag.AlignTop)
        self.help = _label()
        self.help.setText(tr(KEYS_HELP))
        self.help.setStyleSheet("color: #4a5560;")
        self.statement_view = QWidget()
        statement = QVBoxLayout(self.statement_view)
        statement.setContentsMargins(0, 0, 0, 0)
        statement.addLayout(wordings)
        statement.addSpacing(8)
        statement.addLayout(self.grid, 1)
        statement.addLayout(comments)
        self.votes_view = VotesView()
        self.views = QStackedWidget()
        self.views.addWidget(self.statement_view)
        self.views.addWidget(self.votes_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 12)
        layout.addLayout(top)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.help)
        self._scale()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        """Type in proportion to the screen (768 lines is the smallest projector size)."""
        factor = max(0.8, min(self.height() / 768, self.width() / 1366))

        def font(kind: str, bold: bool = False) -> QFont:
            f = QFont(self.font())
            f.setPixelSize(round(SIZES[kind] * factor))
            f.setBold(bold)
            return f

        for label in (self.position, self.status, self.timer):
            label.setFont(font("name", bold=label is not self.position))
        for label in self.wordings:
            label.setFont(font("wording"))
        for label in self.wording_names + self.strip_names:
            label.setFont(font("name", bold=True))
        for label in self.level_heads:
            label.setFont(font("heading", bold=True))
        for label in self.level_texts:
            label.setFont(font("level"))
        for strip in self.strips:
            strip.setFont(font("name"))
            strip.setMinimumHeight(round(70 * factor))
        for label in self.comments:
            label.setFont(font("comment"))
        self.votes_view.heading.setFont(font("wording", bold=True))
        self.votes_view.lines.setFont(font("wording"))
        self.help.setFont(font("small"))

    # -- showing -------------------------------------------------------------------------------

    @property
    def slide(self) -> Slide | None:
        return self.slides[self.index] if self.index < len(self.slides) else None

    @property
    def pages(self) -> int:
        """The statements, then the room's dots (when the window was given the actions)."""
        return len(self.slides) + (1 if self.tally is not None else 0)

    @property
    def reveal_key(self) -> tuple[str, bool] | None:
        """What Space reveals here: the statement (again after its revote), or the dots."""
        s = self.slide
        if s is not None:
            return s.item_id, s.revoted
        return (VOTES, False) if self.tally is not None else None

    @property
    def is_revealed(self) -> bool:
        return self.reveal_key in self.revealed

    def reload(self) -> None:
        current = self.slide.item_id if self.slide else (VOTES if self.tally else None)
        try:
            self.slides, tally = load_presentation(self.store, self.workshop_id, self.items,
                                                   self.plan_actions, self.shown)
        except TandemError:
            return  # a locked file: the next change reads again
        self.tally = tally if self.plan_actions else None
        ids = [s.item_id for s in self.slides] + ([VOTES] if self.tally is not None else [])
        self.index = ids.index(current) if current in ids else min(self.index,
                                                                   max(0, len(ids) - 1))
        self.show_slide()

    def show_slide(self) -> None:
        s = self.slide
        self.timer.setText(countdown_text(self.remaining))
        self.views.setCurrentWidget(self.statement_view if s is not None or self.tally is None
                                    else self.votes_view)
        if s is None and self.tally is not None:
            self.position.setText(tr("The room's dots"))
            self.status.setText("" if self.is_revealed else tr("Press Space to reveal"))
            self.votes_view.show_tally(self.tally, self.is_revealed)
            return
        if s is None:
            self.position.setText(tr("No statement chosen"))
            self.status.setText(tr("Choose statements on the consensus page first."))
            for widget in (*self.wordings, *self.level_texts, *self.comments):
                widget.setText("")
            return
        self.position.setText(tr("Statement {number} of {count}", number=s.number, count=s.total))
        for name, text, (label, wording) in zip(self.wording_names, self.wordings, s.wordings,
                                                strict=True):
            name.setText(label)
            text.setText(wording)
        for head, text, (level, level_name, level_text) in zip(
                self.level_heads, self.level_texts, s.levels, strict=True):
            head.setText(f"{level} · {level_name}")
            text.setText(level_text)
        self._show_results(s, self.is_revealed)

    def _show_results(self, s: Slide, shown: bool) -> None:
        if shown:
            self.status.setText(tr("Round 1 ○ → round 2 ●") if s.revoted else tr("Round 1"))
        else:
            self.status.setText(tr("Press Space to reveal"))
        second = s.round2 or (None,) * len(s.round1)
        for name, strip, first, again in zip(self.strip_names, self.strips, s.round1, second,
                                             strict=True):
            caption = strip_caption(first, again) if shown else ""
            name.setText(f"{first.label}\n{caption}" if caption else first.label)
            strip.show_strips(first, again, shown)
        by_label = dict(s.comments)
        for label, (function, _) in zip(self.comments, s.wordings, strict=True):
            said = by_label.get(function, ())
            # U+2028 breaks the line inside a WrappedLabel (its text layout ignores "\n")
            label.setText("\u2028".join([f"{function} wrote:", *(f"“{c}”" for c in said)])
                          if shown and said else "")

    def visible_text(self) -> str:
        """Every text on the screen now, labels and dot strips alike (what the room reads)."""
        labels = [w.text() for w in self.findChildren(QLabel) if w.isVisible()]
        return "\n".join([*labels, *(s.text() for s in self.strips)])

    # -- keys ----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key == Qt.Key.Key_Space:
            self.toggle_reveal()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Down):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up):
            self.step(-1)
        elif key == Qt.Key.Key_T:
            self.toggle_timer()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def toggle_reveal(self) -> None:
        key = self.reveal_key
        if key is None:
            return
        if key in self.revealed:
            self.revealed.discard(key)
        else:
            self.revealed.add(key)
        self.show_slide()

    def step(self, by: int) -> None:
        if self.pages:
            self.index = max(0, min(self.pages - 1, self.index + by))
            self.show_slide()

    def toggle_timer(self) -> None:
        if self.clock.isActive():
            self.clock.stop()
        else:
            if self.remaining <= 0:
                self.remaining = COUNTDOWN_S
            self.clock.start()
        self.timer.setText(countdown_text(self.remaining) + ("" if self.clock.isActive()
                                                             else " ⏸"))

    def _tick(self) -> None:
        self.remaining = max(0, self.remaining - 1)
        if self.remaining == 0:
            self.clock.stop()
        self.timer.setText(countdown_text(self.remaining) if self.remaining else "Time")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.clock.stop()
        super().closeEvent(event)
        self.left.emit()
