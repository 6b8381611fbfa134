"""The five level cards (today's level, with their anchored descriptions) and the compact target
row. Big click targets, keyboard focusable, and the chosen state shown by a check mark and a
thick border as well as colour, so colour-blind readers see it too."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..content.questionnaire import LEVEL_NAMES
from ..i18n import tr


def _show_state(widget: QWidget, name: str, value: bool) -> None:
    """Set the property the stylesheet selects on (``[chosen="true"]``) and make Qt re-read the
    stylesheet for this one widget. A widget stylesheet, even a comment, forces that re-read;
    ``style().unpolish()`` did the same but leaks a reference to None on some PySide6 releases
    (6.12.0 aborts the interpreter after a few thousand calls), so it is not used anywhere."""
    widget.setProperty(name, value)
    widget.setStyleSheet(f"/* {name}={value} */")


class LevelCard(QFrame):
    """One level: number, name and this item's description; click, Space or Enter chooses it."""

    clicked = Signal(int)

    def __init__(self, level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.setObjectName("levelCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._chosen = False
        self.heading = QLabel()
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.description, 1)
        self._fit_font()
        self.set_chosen(False)

    def _fit_font(self) -> None:
        """The heading a little larger than the card's font, and the card tall enough for six
        lines of description, no taller: on a big screen the room is not spent on empty cards."""
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(self.font().pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        lines = QFontMetrics(self.font()).lineSpacing()
        self.setMaximumHeight(QFontMetrics(heading_font).height() + 6 * lines + 28)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_font()

    def set_text(self, description: str) -> None:
        self.description.setText(description)
        self.setAccessibleDescription(description)
        self._update_heading()

    def set_chosen(self, chosen: bool) -> None:
        self._chosen = chosen
        self._update_heading()
        _show_state(self, "chosen", chosen)

    def is_chosen(self) -> bool:
        return self._chosen

    def _update_heading(self) -> None:
        mark = "✓ " if self.is_chosen() else ""
        level_name = LEVEL_NAMES[self.level - 1]
        name = tr(level_name)
        self.heading.setText(f"{mark}{self.level} · {name}")
        self.setAccessibleName(
            tr("Today: level {level}, {name}, chosen", level=self.level, name=name)
            if self.is_chosen() else tr("Today: level {level}, {name}", level=self.level,
                                        name=name))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit(self.level)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            self.clicked.emit(self.level)
            return
        super().keyPressEvent(event)


def _row_layout(widget: QWidget) -> QHBoxLayout:
    """The five-across row both level rows use: no margins, even gaps."""
    layout = QHBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    return layout


class LevelCardRow(QWidget):
    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = _row_layout(self)
        self.cards = [LevelCard(level) for level in range(1, 6)]
        for card in self.cards:
            card.clicked.connect(self.chosen)
            layout.addWidget(card, 1)

    def show_levels(self, descriptions: tuple[str, ...], chosen: int | None) -> None:
        for card, text in zip(self.cards, descriptions, strict=True):
            card.set_text(text)
            card.set_chosen(card.level == chosen)


class TargetRow(QWidget):
    """Target levels 1-5 as large toggle buttons; those below today's level are dimmed."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = _row_layout(self)
        self.buttons = []
        for level, key in zip(range(1, 6), "QWERT", strict=True):
            button = QPushButton()
            button.setObjectName("targetButton")
            button.setCheckable(True)
            button.setMinimumHeight(44)
            button.setToolTip(f"Key {key}")
            button.clicked.connect(lambda _=False, lv=level: self.chosen.emit(lv))
            self.buttons.append(button)
            layout.addWidget(button, 1)

    def show_target(self, target: int | None, current: int | None) -> None:
        for level, button in enumerate(self.buttons, start=1):
            chosen = level == target
            button.setChecked(chosen)
            level_name = LEVEL_NAMES[level - 1]
            name = tr(level_name)
            button.setText(f"{'✓ ' if chosen else ''}{level} · {name}")
            below = current is not None and level < current
            button.setAccessibleName(_target_name(level, name, chosen, below))
            _show_state(button, "below", below)


def _target_name(level: int, name: str, chosen: bool, below: bool) -> str:
    """What a screen reader says of a target button, as one whole phrase per state."""
    if chosen:
        return tr("Target: level {level}, {name}, chosen", level=level, name=name)
    if below:
        return tr("Target: level {level}, {name}, below today's level", level=level, name=name)
    return tr("Target: level {level}, {name}", level=level, name=name)
