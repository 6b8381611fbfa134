"""One function's dot strip on the projector: per level, one dot for each person who chose it
and the count beside it (never who). After the re-vote round 1's dots are drawn hollow above
round 2's filled ones, with an arrow from round 1's median to round 2's. Hidden, it draws
nothing that could be counted."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..analysis.palette import tint
from ..analysis.presenter import Strip
from ..content.questionnaire import LEVEL_COUNT
from ..i18n import tr

HIDDEN_FILL = "#e4e7eb"
MUTED = "#4a5560"
ZERO = "#9aa5b1"  # a level nobody chose: there, but quiet


def strip_words(strip: Strip) -> str:
    """What a strip shows, in words (the accessible text, and what tests read)."""
    if strip.counts is None:
        return f"{strip.label}: {strip.withheld}"
    levels = ", ".join(tr("level {level}: {count}", level=n, count=c)
                       for n, c in enumerate(strip.counts, start=1))
    if strip.dont_know:
        return tr("{function}: {levels}, don't know: {count}", function=strip.label,
                  levels=levels, count=strip.dont_know)
    return f"{strip.label}: {levels}"


class DotStrip(QWidget):
    """Five equal columns, lined up with the level headings above them."""

    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = QColor(colour)
        self.first: Strip | None = None
        self.second: Strip | None = None
        self.revealed = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_strips(self, first: Strip, second: Strip | None, revealed: bool) -> None:
        self.first, self.second, self.revealed = first, second, revealed
        self.setAccessibleName(self.text())
        self.update()

    def text(self) -> str:
        if not self.revealed or self.first is None:
            return ""
        if self.second is None:
            return strip_words(self.first)
        return tr("Round 1, {first}. Round 2, {second}.", first=strip_words(self.first),
                  second=strip_words(self.second))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if not self.revealed or self.first is None:
            painter.fillRect(box, QColor(HIDDEN_FILL))
            self._say(painter, box, tr("hidden"))
            painter.end()
            return
        painter.fillRect(box, QColor(tint(self.colour.name(), 0.08)))
        if self.first.counts is None:
            self._say(painter, box, tr("{withheld}: not shown", withheld=self.first.withheld))
        elif self.second is None or self.second.counts is None:
            self._dots(painter, box, self.first, filled=True)
        else:
            upper = QRectF(box.left(), box.top(), box.width(), box.height() / 2)
            lower = QRectF(box.left(), box.center().y(), box.width(), box.height() / 2)
            self._dots(painter, upper, self.first, filled=False)
            self._dots(painter, lower, self.second, filled=True)
            self._arrow(painter, box, self.first, self.second)
        painter.end()

    def _say(self, painter: QPainter, box: QRectF, words: str) -> None:
        painter.setPen(QColor(MUTED))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, words)

    def _dots(self, painter: QPainter, box: QRectF, strip: Strip, filled: bool) -> None:
        counts = strip.counts or ()
        column = box.width() / LEVEL_COUNT
        size = max(6.0, min(column / 9, box.height() * 0.34))
        font = QFont(self.font())
        font.setPixelSize(max(10, int(size * 1.6)))
        font.setBold(True)
        painter.setFont(font)
        for n, count in enumerate(counts):
            cell = QRectF(box.left() + n * column, box.top(), column, box.height())
            self._column(painter, cell, count, size, filled)

    def _column(self, painter: QPainter, cell: QRectF, count: int, size: float,
                filled: bool) -> None:
        """``count`` dots in rows of up to five, centred, the number to their left."""
        number_w = size * 2.4
        per_row = max(1, min(5, count))
        rows = (count + per_row - 1) // per_row if count else 1
        step = size * 1.35
        width = number_w + per_row * step
        left = cell.center().x() - width / 2
        top = cell.center().y() - rows * step / 2
        painter.setPen(QColor(ZERO) if count == 0 else self.colour.darker(130))
        painter.drawText(QRectF(left, cell.top(), number_w, cell.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                         str(count) + " ")
        painter.setPen(QPen(self.colour, max(1.5, size / 6)))
        painter.setBrush(self.colour if filled else Qt.BrushStyle.NoBrush)
        for k in range(count):
            x = left + number_w + (k % per_row) * step + step / 2
            y = top + (k // per_row) * step + step / 2
            painter.drawEllipse(QPointF(x, y), size / 2, size / 2)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _arrow(self, painter: QPainter, box: QRectF, first: Strip, second: Strip) -> None:
        """From round 1's median to round 2's, across the middle of the strip."""
        if first.median is None or second.median is None or first.median == second.median:
            return
        column = box.width() / LEVEL_COUNT
        x1 = box.left() + (first.median - 0.5) * column
        x2 = box.left() + (second.median - 0.5) * column
        y = box.center().y()
        pen = QPen(QColor("#1f2933"), max(2.0, box.height() / 40))
        painter.setPen(pen)
        painter.drawLine(QPointF(x1, y), QPointF(x2, y))
        head = max(8.0, box.height() / 12) * (1 if x2 > x1 else -1)
        painter.setBrush(QColor("#1f2933"))
        painter.drawPolygon(QPolygonF([QPointF(x2, y), QPointF(x2 - head, y - abs(head) / 2),
                                       QPointF(x2 - head, y + abs(head) / 2)]))
        painter.setBrush(Qt.BrushStyle.NoBrush)


def strip_caption(first: Strip, second: Strip | None) -> str:
    """Beside the function's name: who said "don't know", and after the re-vote the medians
    of round 1 and round 2 ("median 2 → 3")."""
    lines = []
    unsure = (second or first).dont_know
    if unsure:
        lines.append(tr("{count} don't know", count=unsure))
    if second is not None and first.median is not None and second.median is not None:
        lines.append(tr("median {first} → {second}", first=f"{first.median:g}",
                        second=f"{second.median:g}"))
    return "\n".join(lines)
