"""One participant's join code on screen: their name, function, progress, the QR code as large
as the space allows, and the link under it (``QrCard``); and the same card alone on a whole
screen, for the projector (``ProjectorView``).

The code is painted from its matrix (``web.qr.qr_matrix``) in whole pixels per module, black on
white with the quiet zone, so it stays sharp at any size: a phone reads it from the back of a
room when it fills the projector's height.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..i18n import tr
from .text import ElidedLabel, WrappedLabel

QUIET_ZONE = 4  # modules of white around the code
MIN_QR_PX = 240  # about 7 px a module for a 33-module code: still scannable across a table


class QrView(QWidget):
    """A QR matrix painted as squares, centred, as large as fits (nothing when empty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix: list[list[bool]] = []
        self.setMinimumSize(MIN_QR_PX, MIN_QR_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Join code"))

    def set_matrix(self, matrix: list[list[bool]] | None) -> None:
        self.matrix = list(matrix or [])
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(420, 420)

    def code_rect(self) -> QRect:
        """Where the code with its quiet zone is painted (empty when there is no code)."""
        n = len(self.matrix)
        if not n:
            return QRect()
        module = min(self.width(), self.height()) // (n + 2 * QUIET_ZONE)
        side = module * (n + 2 * QUIET_ZONE)
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        rect = self.code_rect()
        if rect.isEmpty():
            return
        module = rect.width() // (len(self.matrix) + 2 * QUIET_ZONE)
        painter = QPainter(self)
        painter.fillRect(rect, QColor("white"))
        black = QColor("black")
        left = rect.left() + QUIET_ZONE * module
        top = rect.top() + QUIET_ZONE * module
        for r, row in enumerate(self.matrix):
            c, n = 0, len(row)
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    painter.fillRect(left + start * module, top + r * module,
                                     (c - start) * module, module, black)
                else:
                    c += 1
        painter.end()


class QrCard(QWidget):
    """Name, function and title, progress, the code and the link of one participant; or a
    line saying why there is no code to show."""

    def __init__(self, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)
        self.name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.name.setObjectName("joinName")
        self.detail = ElidedLabel()  # function · job title
        self.detail.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.progress = QLabel()
        self.progress.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.progress.setObjectName("joinProgress")
        self.qr = QrView()
        self.link = QLabel()
        self.link.setTextFormat(Qt.TextFormat.PlainText)
        self.link.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link.setObjectName("joinLink")
        self.link.setAccessibleName(tr("Personal link"))
        self.placeholder = WrappedLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for label, factor, bold in ((self.name, 1.6, True), (self.detail, 1.1, False),
                                    (self.progress, 1.1, False), (self.link, 1.15, False),
                                    (self.placeholder, 1.2, False)):
            font = QFont(label.font())
            font.setPointSizeF(font.pointSizeF() * factor * scale)
            font.setBold(bold)
            label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.detail)
        layout.addWidget(self.progress)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.link)
        layout.addWidget(self.placeholder, 1)
        self.show_nothing("")

    def show_nothing(self, why: str) -> None:
        for widget in (self.name, self.detail, self.progress, self.qr, self.link):
            widget.hide()
        self.qr.set_matrix(None)
        self.placeholder.setText(why)
        self.placeholder.show()

    def show_person(self, name: str, detail: str, progress: str, url: str,
                    matrix: list[list[bool]]) -> None:
        self.placeholder.hide()
        self.name.setText(name)
        self.detail.setText(detail)
        self.progress.setText(progress)
        self.link.setText(url)
        self.qr.set_matrix(matrix)
        for widget in (self.name, self.detail, self.progress, self.qr, self.link):
            widget.show()


class ProjectorView(QWidget):
    """The card alone on a whole screen for the room to scan: arrows or Page Up/Down move to
    the previous or next person, Esc closes."""

    previous_requested = Signal()
    next_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(tr("Join codes"))
        self.setObjectName("projectorView")
        self.setStyleSheet("QWidget#projectorView { background: white; }")
        self.card = QrCard(scale=1.6)
        hint = QLabel(tr("← → previous / next person · Esc closes"))
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        hint.setObjectName("keyHelp")
        layout = QVBoxLayout(self)
        layout.addWidget(self.card, 1)
        layout.addWidget(hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up):
            self.previous_requested.emit()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Down, Qt.Key.Key_Space):
            self.next_requested.emit()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        super().closeEvent(event)
        self.closed.emit()
