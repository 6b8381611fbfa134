"""The plan's impact-versus-effort view on screen, painted with QPainter from the same layout as
the PDF chart (``analysis.impact_effort.place``): shaded quadrants, numbered dots with the plan's
numbers, titles beside them where there is room, and the full title on hover. Plain QPainter:
a handful of dots does not need pyqtgraph's 0.4 s import."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..analysis import impact_effort as ie
from ..analysis.palette import GRID, INK, MUTED
from ..i18n import N_, tr, tr_p
from .text import plain_tooltip

SCREEN_LABEL_CHARS = 60  # the screen has room for whole titles, mostly
EMPTY = N_("No action is in the plan: tick “In plan” for the actions the room chooses.")


class ImpactEffortView(QWidget):
    """Shows an ``ImpactChart``; ``placement`` is the layout last painted (for tests)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = ie.ImpactChart((), 0.5)
        self.placement: ie.Placement | None = None
        self._origin = QPointF(0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName(tr("Impact versus effort"))

    def set_chart(self, chart: ie.ImpactChart) -> None:
        self.chart = chart
        self.placement = None
        self.setAccessibleDescription("; ".join(
            # Translators: one action of the chart, read by a screen reader: "3 Meet weekly:
            # quick win"
            tr("{number} {action}: {kind}", number=p.number, action=p.title,
               kind=ie.kind_label(p.kind)) for p in chart.points))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(720, 420)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(360, 240)

    def _fonts(self) -> tuple[QFont, QFont]:
        text = QFont(self.font())
        bold = QFont(text)
        bold.setBold(True)
        return text, bold

    def layout_for(self, width: float, height: float) -> tuple[ie.Placement, QRectF]:
        """The placement for a widget of this size, and the plot's rectangle in it."""
        text, _ = self._fonts()
        metrics = QFontMetricsF(text)
        line = metrics.height()
        left = line * 1.4 + max(metrics.horizontalAdvance(word) for word in _levels()) + 8
        bottom = 2 * line + 10
        plot = QRectF(left, 6, max(80.0, width - left - 8), max(80.0, height - bottom - 6))
        radius = max(9.0, metrics.horizontalAdvance("88") / 2 + 4)
        placement = ie.place(self.chart, plot.width(), plot.height(), radius,
                             text.pointSizeF(), metrics.horizontalAdvance, line=line + 2,
                             max_chars=SCREEN_LABEL_CHARS)
        return placement, plot

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        placement, plot = self.layout_for(self.width(), self.height())
        self.placement = placement
        self._origin = plot.bottomLeft()
        text, bold = self._fonts()
        metrics = QFontMetricsF(text)
        line = metrics.height()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)

        def at(x: float, y: float) -> QPointF:  # layout units (y up) to the widget
            return QPointF(plot.left() + x, plot.bottom() - y)

        split, cut = placement.split_x, placement.threshold_y
        w, h = plot.width(), plot.height()
        for kind, (x0, y0, x1, y1) in {
                "quick win": (0, cut, split, h), "big bet": (split, cut, w, h),  # not translated
                "fill-in": (0, 0, split, cut),
                "question mark": (split, 0, w, cut)}.items():  # not translated: keys
            painter.fillRect(QRectF(at(x0, y1), at(x1, y0)), QColor(ie.QUADRANT_COLOURS[kind]))
        grid = QPen(QColor(GRID), 1)
        painter.setPen(grid)
        painter.drawRect(plot)
        painter.setPen(QPen(QColor(GRID), 1, Qt.PenStyle.DashLine))
        painter.drawLine(at(split, 0), at(split, h))
        painter.drawLine(at(0, cut), at(w, cut))
        muted, ink = QColor(MUTED), QColor(INK)
        painter.setFont(bold)
        painter.setPen(muted)
        for kind, (x, y, anchor) in placement.quadrant_titles.items():
            words = ie.QUADRANT_TITLES[kind]
            title = tr(words)
            advance = QFontMetricsF(bold).horizontalAdvance(title)
            left = x if anchor == "start" else x - advance
            painter.drawText(at(left, y + 2), title)
        painter.setFont(text)
        for effort, words in ie.EFFORT_TITLES.items():
            title = tr(words)
            x = ie.effort_x(effort, w) - metrics.horizontalAdvance(title) / 2
            painter.drawText(at(x, -line), title)
        high, low_words = _levels()
        painter.drawText(QPointF(plot.left() - metrics.horizontalAdvance(high) - 6,
                                 at(0, placement.top).y() + metrics.ascent() / 3), high)
        painter.drawText(QPointF(plot.left() - metrics.horizontalAdvance(low_words) - 6,
                                 at(0, placement.bottom).y() + metrics.ascent() / 3), low_words)
        painter.setPen(ink)
        painter.setFont(bold)
        across, impact = tr_p("impact chart", "Effort"), tr_p("impact chart", "Impact")
        painter.drawText(at(w / 2 - QFontMetricsF(bold).horizontalAdvance(across) / 2,
                            -2 * line - 2), across)
        painter.save()
        painter.translate(line, plot.center().y())
        painter.rotate(-90)
        painter.drawText(QPointF(-QFontMetricsF(bold).horizontalAdvance(impact) / 2, 0), impact)
        painter.restore()
        if not placement.points:
            painter.setFont(text)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             tr(EMPTY))
        r = placement.radius
        for p in placement.points:
            centre = at(p.x, p.y)
            if p.label:
                left, low, right, top = p.label.box
                if p.label.leader:
                    painter.setPen(QPen(muted, 1))
                    painter.drawLine(centre, at(*ie.leader_end(p.x, p.y, p.label.box)))
                painter.setPen(ink)
                painter.setFont(text)
                painter.drawText(
                    QRectF(at(left, top), at(right + 2, low)),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    p.label.text,
                )
            painter.setPen(QPen(Qt.GlobalColor.white, 1.2))
            painter.setBrush(ink)
            painter.drawEllipse(centre, r, r)
            painter.setPen(Qt.GlobalColor.white)
            painter.setFont(bold)
            painter.drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r),
                             Qt.AlignmentFlag.AlignCenter, str(p.point.number))
        painter.end()

    def point_at(self, x: float, y: float) -> ie.PlacedPoint | None:
        """The dot under a widget position, if any."""
        if self.placement is None:
            return None
        px, py = x - self._origin.x(), self._origin.y() - y
        r = self.placement.radius
        return next((p for p in self.placement.points
                     if (p.x - px) ** 2 + (p.y - py) ** 2 <= r * r), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.point_at(event.position().x(), event.position().y()) if hasattr(
                event, "position") else self.point_at(event.x(), event.y())
            if point:
                QToolTip.showText(event.globalPos(), plain_tooltip(point_tip(point.point)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def _levels() -> tuple[str, str]:
    """The impact axis's two ends, as the PDF's chart words them."""
    return tr_p("impact axis", "High"), tr_p("impact axis", "Low")


def point_tip(point: ie.ImpactPoint) -> str:
    """A dot's tooltip: the action's number and title, then its kind and effort in a line."""
    kind = ie.kind_label(point.kind)
    kind = kind[:1].upper() + kind[1:]
    if point.effort == "S":
        return tr("{number}. {action}\n{kind}, small effort", number=point.number,
                  action=point.title, kind=kind)
    if point.effort == "M":
        return tr("{number}. {action}\n{kind}, medium effort", number=point.number,
                  action=point.title, kind=kind)
    return tr("{number}. {action}\n{kind}, large effort", number=point.number,
              action=point.title, kind=kind)
