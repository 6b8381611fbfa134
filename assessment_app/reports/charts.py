"""Vector radar charts for the PDF, drawn with reportlab's own graphics from the same geometry
as the screen (``radar_geometry``): rings 1-5 with their numbers, one spoke per theme, each
series a polygon told apart by colour, dash and marker, and a legend."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors

from ..analysis import radar_geometry as geo
from ..analysis.palette import GRID, INK, MUTED
from ..analysis.radar_geometry import Series
from . import fonts

LABEL_SIZE = 7.5
LABEL_WIDTH = 16  # characters per label line


def _string(x: float, y: float, text: str, size: float, anchor: str, colour: str = INK
            ) -> Group:
    """A label in mixed fonts (theme titles may be in any script)."""
    group = Group()
    total = fonts.width(text, size)
    start = {"start": x, "middle": x - total / 2, "end": x - total}[anchor]
    for font, piece in fonts.runs(text):
        group.add(String(start, y, piece, fontName=font, fontSize=size,
                         fillColor=colors.HexColor(colour)))
        start += fonts.width(piece, size, font)
    return group


def _marker(kind: str, x: float, y: float, colour) -> object:
    """The marker of a series symbol: 's' square, 't' hollow triangle, else a dot."""
    r = 2.2
    if kind == "s":
        return Rect(x - r, y - r, 2 * r, 2 * r, fillColor=colour, strokeColor=colour)
    if kind == "t":
        return Polygon([x, y + r * 1.3, x - r * 1.2, y - r, x + r * 1.2, y - r],
                       fillColor=colors.white, strokeColor=colour, strokeWidth=1)
    return Circle(x, y, r, fillColor=colour, strokeColor=colour)


def radar(axes: Sequence[str], series: Sequence[Series], width: float,
          height: float | None = None, title: str = "") -> Drawing:
    """A radar of ``axes`` (theme titles) on the 1-5 scale; missing values break the line.
    The drawing is at most ``height`` tall (shorter when the width limits the chart)."""
    fonts.register()
    legend_h = 14 * ((len(series) + 1) // 2) + 4
    title_h = 20 if title else 0
    label_room = 40  # outside ring 5: up to three lines of axis label
    height = height or width * 0.8
    radius = max(40.0, min(width * 0.27, (height - legend_h - title_h) / 2 - label_room))
    height = 2 * (radius + label_room) + legend_h + title_h
    drawing = Drawing(width, height)
    count = len(axes)
    cx = width / 2
    cy = legend_h + radius + label_room
    scale = radius / geo.MAX_LEVEL
    if title:
        drawing.add(_string(cx, height - 13, title, 10.5, "middle"))
    grid = colors.HexColor(GRID)
    for level in range(1, geo.MAX_LEVEL + 1):
        pts = [c for x, y in geo.ring(level, count, scale) for c in (cx + x, cy + y)]
        drawing.add(PolyLine(pts, strokeColor=grid, strokeWidth=0.8 if level == 5 else 0.4))
        drawing.add(_string(cx + 2, cy + level * scale + 1.5, str(level), 6, "start", MUTED))
    for i, label in enumerate(axes):
        x, y = geo.point(geo.MAX_LEVEL, i, count, scale)
        drawing.add(Line(cx, cy, cx + x, cy + y, strokeColor=grid, strokeWidth=0.4))
        lx, ly = geo.point(geo.MAX_LEVEL + 0.45, i, count, scale)
        horizontal, vertical = geo.label_anchor(i, count)
        anchor = {0.0: "start", 0.5: "middle", 1.0: "end"}[horizontal]
        lines = geo.wrap_label(label, LABEL_WIDTH).split("\n")
        block = len(lines) * (LABEL_SIZE + 1.5)
        top = cy + ly + (block if vertical == 1.0 else block / 2 if vertical == 0.5 else 0)
        for n, line in enumerate(lines):
            drawing.add(_string(cx + lx, top - (n + 1) * (LABEL_SIZE + 1.5) + 2, line,
                                LABEL_SIZE, anchor))
    for s in series:
        colour = colors.HexColor(s.colour)
        paths, closed = geo.segments(list(s.values), scale)
        dash = [3, 2] if s.dashed else None
        for path in paths:
            pts = [c for x, y in path for c in (cx + x, cy + y)]
            if closed and s.fill:
                drawing.add(Polygon(pts[:-2], fillColor=colors.Color(colour.red, colour.green,
                                                                     colour.blue, alpha=0.12),
                                    strokeColor=None))
            drawing.add(PolyLine(pts, strokeColor=colour, strokeWidth=1.6,
                                 strokeDashArray=dash))
        for i, v in enumerate(s.values):
            if v is not None:
                x, y = geo.point(v, i, count, scale)
                drawing.add(_marker(s.symbol, cx + x, cy + y, colour))
    # legend: two columns under the chart
    column = width / 2
    for n, s in enumerate(series):
        x = 10 + (n % 2) * column
        y = legend_h - 12 - (n // 2) * 14
        colour = colors.HexColor(s.colour)
        drawing.add(Line(x, y + 3, x + 22, y + 3, strokeColor=colour, strokeWidth=1.6,
                         strokeDashArray=[3, 2] if s.dashed else None))
        drawing.add(_marker(s.symbol, x + 11, y + 3, colour))
        drawing.add(_string(x + 28, y, s.name, 8, "start"))
    return drawing
