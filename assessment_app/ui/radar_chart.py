"""A radar chart drawn with pyqtgraph, with the PDF's geometry (``analysis.radar_geometry``):
level 1 at the centre and rings to 5 (numbered in the gap at the top), one spoke per theme, each
dimension's spokes together on a named band, each series a polygon with hover values. Series
differ by colour, line style and marker, so they stay apart for colour-blind readers and on a
washed-out projector. The theme labels keep their size in pixels; the chart takes the radius
that leaves them room (``analysis.radar_labels``), again at every resize.

pyqtgraph (and numpy) are imported by this module, which is only imported when the results
screen first opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem, QVBoxLayout, QWidget

from ..analysis import radar_geometry as geo
from ..analysis.numbers import fmt
from ..analysis.palette import GRID
from ..analysis.radar_geometry import Axis, Series
from ..analysis.radar_labels import LEGEND_MARGIN, LabelPlan, plan_labels
from ..i18n import tr
from .text import plain_tooltip

RADIUS = 5.0  # data units: the outer ring (level 5)
BAND = 0.07  # the dimension bands' depth, as a share of the radius (about the PDF's)
CENTRE_NUMBER = 0.06  # where the "1" sits, as a share of the radius: beside the centre
# the labels' type, as a share of the chosen text size, tried in turn until the labels fit: only
# an area too short for any chart at full size (a 1366x768 screen at projector size with a long
# summary above the chart) takes smaller labels
LABEL_SCALES = (1.0, 0.85, 0.7, 0.6)
# label layouts kept by the chart area's size: while a room answers, the headlines above the
# chart gain and lose a line, and planning the labels for a size costs 30-200 ms each time
PLANS_KEPT = 8
# what is drawn once and blitted afterwards (rings, spokes, bands, labels): a refresh while a
# room answers repaints only the series over them
STATIC = QGraphicsItem.CacheMode.DeviceCoordinateCache


class RadarChart(QWidget):
    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True, foreground="k", background="w")
        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName(title or tr("Radar chart"))
        item = self.plot.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.hideButtons()
        item.setMouseEnabled(False, False)
        item.setMenuEnabled(False)
        item.getViewBox().setAspectLocked(True)
        item.getViewBox().sigResized.connect(self._place_labels)
        if title:
            item.setTitle(title, size="13pt")
        self._legend_entries: list[tuple[QPen, str, QColor, str]] = []
        self._legend_sizes: dict[tuple, tuple[float, float]] = {}
        self.legend = self._new_legend(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.axes: list[str] = []
        self.series: list[Series] = []
        self.label_items: list[pg.TextItem] = []
        self._band_items: list[pg.TextItem] = []
        self._number_items: list[pg.TextItem] = []
        self._series_items: list[tuple[list[pg.PlotCurveItem], pg.ScatterPlotItem]] = []
        self._closed: list[bool] = []  # each series drawn as one closed (fillable) line
        self._drawn: tuple | None = None
        self._layout: geo.Spokes | None = None
        self._label_font = QFont()
        self._plans: dict[tuple, tuple[LabelPlan, QFont, list[int]]] = {}  # by area (PLANS_KEPT)
        self._placed: tuple | None = None  # the area the labels are laid out for now

    def sizeHint(self) -> QSize:
        return QSize(560, 520)

    def set_data(self, axes: Sequence[Axis | str], series: list[Series]) -> None:
        """Draw ``axes`` (theme titles, grouped by ``Axis.group``: ``radar_series.radar_axes``)
        and ``series`` with the PDF's geometry: level 1 at the centre, each dimension's spokes
        together on a named band, the ring numbers in the gap at the top."""
        axes = geo.as_axes(axes)
        titles = [a.title for a in axes]
        if self._moved_in_place(titles, list(series)):
            return
        self.axes, self.series = titles, list(series)
        item = self.plot.getPlotItem()
        item.clear()
        self.legend.clear()
        self._legend_entries = []
        self.label_items = []
        self._band_items = []
        self._number_items = []
        self._series_items = []
        self._closed = []
        self._drawn = None
        self._plans, self._placed = {}, None
        count = len(axes)
        if count < 3:
            return
        layout = self._layout = geo.spokes(axes)
        slots = layout.slots
        font = QFont(self.font())
        font.setPointSizeF(max(10.0, font.pointSizeF() * 1.05))
        bold = QFont(font)
        bold.setBold(True)
        grid_pen = pg.mkPen(GRID, width=1)
        for band in layout.bands:
            xs, ys = zip(*geo.arc(1.01, 1 + BAND, band.start, band.end, slots, RADIUS),
                         strict=True)
            shape = pg.PlotCurveItem(list(xs), list(ys), pen=pg.mkPen(None))
            shape.setFillLevel(0)
            shape.setBrush(pg.mkBrush(geo.BAND_FILL))
            shape.opts["fillLevel"] = "enclosed"
            shape.setCacheMode(STATIC)
            item.addItem(shape)
            name = pg.TextItem(band.name.upper(), color="#4a5560", anchor=(0.5, 0.5),
                               angle=geo.band_text_angle(band, slots))
            name.setFont(bold)
            name.setPos(*geo.at(1 + BAND / 2, band.middle, slots, RADIUS))
            name.textItem.setCacheMode(STATIC)
            item.addItem(name)
            self._band_items.append(name)
        for level in geo.LEVELS[1:]:
            xs, ys = zip(*geo.ring(level, slots, RADIUS), strict=True)
            ring = pg.PlotCurveItem(list(xs), list(ys), pen=grid_pen)
            ring.setCacheMode(STATIC)
            item.addItem(ring)
        for i, slot in enumerate(layout.axis_slots):
            x, y = geo.point(geo.MAX_LEVEL, slot, slots, RADIUS)
            spoke = pg.PlotCurveItem([0, x], [0, y], pen=grid_pen)
            spoke.setCacheMode(STATIC)
            item.addItem(spoke)
            text = pg.TextItem(geo.wrap_label(axes[i].title), color="#1f2933", anchor=(0, 0))
            text.setFont(font)  # placed (and sized) for the chart's area by _place_labels
            text.textItem.setCacheMode(STATIC)
            item.addItem(text)
            self.label_items.append(text)
        self._label_font = font
        for s in series:
            self._add_series(item, s, layout)
        small = QFont(font)  # a little smaller than the themes: a small chart keeps room
        small.setPointSizeF(font.pointSizeF() * 0.9)
        for level in geo.LEVELS:  # over the lines, so none hides a number
            label = pg.TextItem(str(level), color="#4a5560", anchor=(0.5, 0.5),
                                fill=pg.mkBrush(255, 255, 255, 230))
            label.setFont(small)
            label.textItem.document().setDocumentMargin(1)  # a ring apart on a small chart
            label.setPos(*geo.at(max(geo.radius(level), CENTRE_NUMBER), layout.scale_slot,
                                 slots, RADIUS))
            label.setZValue(10)
            label.textItem.setCacheMode(STATIC)
            item.addItem(label)
            self._number_items.append(label)
        self._place_labels()
        self._drawn = self._shape(titles, self.series)

    def _place_labels(self) -> None:
        """Lay the theme labels out for the chart's present size (``radar_labels.plan_labels``)
        and scale the chart to the radius that leaves them room. Labels keep their size in
        pixels while the chart's area changes, so this runs again at every resize."""
        view = self.plot.getPlotItem().getViewBox()
        width, height = view.width(), view.height()
        if self._layout is None or not self.label_items or min(width, height) < 50:
            return
        area = (width, height)
        if area == self._placed:  # resized to the size it has (pyqtgraph says so often)
            return
        if area in self._plans:
            plan, font, columns = self._plans[area]
            bold = QFont(font)
            bold.setBold(True)
            for name in self._band_items:  # as _plan_labels leaves them for this font
                if name.textItem.font() != bold:
                    name.setFont(bold)
        else:
            columns = sorted({1, 2, len(self._legend_entries)})  # the legend's shapes
            plan, font = self._plan_labels(width, height,
                                           [self._legend_size(c) for c in columns])
            if len(self._plans) >= PLANS_KEPT:
                del self._plans[next(iter(self._plans))]  # the oldest
            self._plans[area] = plan, font, columns
        self._placed = area
        scale = plan.radius / RADIUS  # pixels per data unit
        self._show_numbers(plan.radius)
        for label, text, (left, top, _, _) in zip(self.label_items, plan.texts, plan.boxes,
                                                  strict=True):
            if label.textItem.font() != font:
                label.setFont(font)
            label.setText(text)
            label.setPos(left / scale, -top / scale)
        if self.legend.columnCount != columns[plan.legend_shape]:
            self.legend.scene().removeItem(self.legend)
            self.legend = self._new_legend(columns[plan.legend_shape])
        right, low = plan.legend  # its corner
        margin = LEGEND_MARGIN * (1 - 2 * right), LEGEND_MARGIN * (1 - 2 * low)
        self.legend.anchor(plan.legend, plan.legend, offset=margin)
        across, down = plan.shift  # the chart's centre from the middle of its area, in pixels
        view.setRange(QRectF(-(width / 2 + across) / scale, -(height / 2 - down) / scale,
                             width / scale, height / scale), padding=0)

    def _plan_labels(self, width: float, height: float, legends: list[tuple[float, float]]
                     ) -> tuple[LabelPlan, QFont]:
        """The layout at the chosen text size, or at the first smaller one that fits
        (``LABEL_SCALES``), and the labels' font; the dimensions' names keep in step."""
        assert self._layout is not None  # drawn, so laid out
        probe = QGraphicsTextItem()

        def measure(text: str) -> tuple[float, float]:  # as drawn, document margin included
            probe.setPlainText(text)
            box = probe.boundingRect()
            return box.width(), box.height()

        for share in LABEL_SCALES:
            font = QFont(self._label_font)
            font.setPointSizeF(self._label_font.pointSizeF() * share)
            probe.setFont(font)
            bold = QFont(font)
            bold.setBold(True)
            for name in self._band_items:
                if name.textItem.font() != bold:
                    name.setFont(bold)
            plan = plan_labels(
                self.axes, self._layout, measure, (width, height),
                band=BAND if self._layout.bands else 0.0,
                band_names=[(b.textItem.boundingRect().width(),
                             b.textItem.boundingRect().height()) for b in self._band_items],
                legends=legends,
                number=(self._number_items[-1].boundingRect().width(),
                        self._number_items[-1].boundingRect().height()))
            if plan.clashes == 0:
                break
        return plan, font

    def _show_numbers(self, radius: float) -> None:
        """Every ring's number where the chart has room for them; on a smaller chart 1, 3
        and 5; on a tiny one 1 and 5."""
        height = max((n.boundingRect().height() for n in self._number_items), default=0.0)
        at = [max(geo.radius(level), CENTRE_NUMBER) * radius for level in geo.LEVELS]
        for shown in ((1, 2, 3, 4, 5), (1, 3, 5), (1, 5), (5,)):
            places = [at[level - 1] for level in shown]
            if all(b - a > height for a, b in zip(places, places[1:], strict=False)):
                break
        for level, number in zip(geo.LEVELS, self._number_items, strict=True):
            number.setVisible(level in shown)

    def _shape(self, titles: list[str], series: list[Series]) -> tuple:
        """What decides every item of the chart but the series' lines and points: equal
        shapes differ only in values, which the items already drawn can take
        (``_moved_in_place``)."""
        return (tuple(titles), self.font().key(),
                tuple((s.name, s.colour, s.dashed, s.symbol, s.fill) for s in series))

    def _moved_in_place(self, titles: list[str], series: list[Series]) -> bool:
        """New values of the same series on the same axes: the series' curves and points take
        them (``setData``) instead of the chart's ~490 items being built again, which while a
        room answers happens at every saved answer. A series whose line breaks or closes
        differently (a theme's first answer) has only its own curves made again."""
        if getattr(self, "_drawn", None) is None or self._drawn != self._shape(titles, series):
            return False
        if series == self.series:  # the same figures: nothing to move, nothing to repaint
            return True
        layout = self._layout
        assert layout is not None  # drawn, so laid out
        item = self.plot.getPlotItem()
        self.series = series
        for n, s in enumerate(series):
            curves, scatter = self._series_items[n]
            paths, closed = geo.segments(s.values, RADIUS, layout)
            if len(paths) == len(curves) and closed == self._closed[n]:
                for path, curve in zip(paths, curves, strict=True):
                    xs, ys = zip(*path, strict=True)
                    curve.setData(list(xs), list(ys))
            else:
                for curve in curves:
                    item.removeItem(curve)
                self._series_items[n] = (self._curves(item, s, paths, closed), scatter)
                self._closed[n] = closed
            px, py, tips = self._points(s)
            scatter.setData(px, py, data=tips)
        return True

    def _points(self, s: Series) -> tuple[list[float], list[float], list[str]]:
        """Each value's marker position and hover text."""
        layout = self._layout
        assert layout is not None
        points = [(geo.point(v, slot, layout.slots, RADIUS), f"{s.name}\n{self.axes[i]}: {fmt(v)}")
                  for i, (slot, v) in enumerate(zip(layout.axis_slots, s.values, strict=True))
                  if v is not None]
        return [p[0][0] for p in points], [p[0][1] for p in points], [p[1] for p in points]

    def _pen(self, s: Series) -> QPen:
        return pg.mkPen(QColor(s.colour), width=3,
                        style=Qt.PenStyle.DashLine if s.dashed else Qt.PenStyle.SolidLine)

    def _curves(self, item: pg.PlotItem, s: Series, paths: list, closed: bool
                ) -> list[pg.PlotCurveItem]:
        """One series' lines (filled when closed and the series fills)."""
        fill = QColor(s.colour)
        fill.setAlpha(40)
        curves = []
        for path in paths:
            xs, ys = zip(*path, strict=True)
            curve = pg.PlotCurveItem(list(xs), list(ys), pen=self._pen(s))
            if closed and s.fill:
                curve.setFillLevel(0)
                curve.setBrush(pg.mkBrush(fill))
                curve.opts["fillLevel"] = "enclosed"  # pyqtgraph 0.14: fill the closed path
            item.addItem(curve)
            curves.append(curve)
        return curves

    def _add_series(self, item: pg.PlotItem, s: Series, layout: geo.Spokes) -> None:
        colour = QColor(s.colour)
        paths, closed = geo.segments(s.values, RADIUS, layout)
        curves = self._curves(item, s, paths, closed)
        px, py, tips = self._points(s)
        scatter = pg.ScatterPlotItem(
            px, py, data=tips,
            symbol=s.symbol, size=10, pen=pg.mkPen(colour, width=1.5), brush=pg.mkBrush(colour),
            hoverable=True, hoverSize=14, tip=lambda x, y, data: plain_tooltip(data))
        scatter.setZValue(1)  # over every line, also one made again later
        item.addItem(scatter)
        self._series_items.append((curves, scatter))
        self._closed.append(closed)
        pen = self._pen(s)
        self._legend_entries.append((pen, s.symbol, colour, s.name))
        self.legend.addItem(_LegendSample(pen, s.symbol, colour), s.name)

    def _new_legend(self, columns: int) -> pg.LegendItem:
        """The legend in ``columns`` columns, on the chart (a new one: pyqtgraph 0.14 mixes
        up the rows of a legend whose column count changes)."""
        legend = pg.LegendItem(offset=(LEGEND_MARGIN, LEGEND_MARGIN), labelTextSize="11pt",
                               colCount=columns)
        for pen, symbol, colour, name in self._legend_entries:
            legend.addItem(_LegendSample(pen, symbol, colour), name)
        legend.setParentItem(self.plot.getPlotItem().getViewBox())
        return legend

    def _legend_size(self, columns: int) -> tuple[float, float]:
        """How large the legend would be in ``columns`` columns."""
        key = (columns, tuple(name for *_, name in self._legend_entries))
        if key not in self._legend_sizes:
            probe = self._new_legend(columns)
            self._legend_sizes[key] = probe.width(), probe.height()
            probe.scene().removeItem(probe)
        return self._legend_sizes[key]

    # -- export --------------------------------------------------------------------------------

    def export(self, path: str | Path) -> Path:
        """PNG (a pixel copy of the chart) or SVG (vector, via Qt's SVG generator because
        pyqtgraph's own SVG exporter fails with this Qt version)."""
        path = Path(path)
        if path.suffix.lower() == ".svg":
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(str(path))
            size = self.plot.size()
            generator.setSize(size)
            generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
            generator.setTitle(self.plot.accessibleName())
            painter = QPainter(generator)
            try:
                self.plot.render(painter)
            finally:
                painter.end()
        else:
            if not self.plot.grab().save(str(path), "PNG"):
                from ..errors import TandemError

                raise TandemError(tr("Cannot write the image {path}.", path=path))
        return path


class _LegendSample(pg.PlotDataItem):
    """A legend entry showing the series' line style and marker."""

    def __init__(self, pen: QPen, symbol: str, colour: QColor) -> None:
        super().__init__([0], [0], pen=pen, symbol=symbol, symbolBrush=pg.mkBrush(colour),
                         symbolPen=pg.mkPen(colour), symbolSize=9)
