"""Vector radar charts for the PDF, drawn with reportlab's own graphics from the same geometry
as the screen (``radar_geometry``): level 1 at the centre and rings up to 5, one spoke per
theme with each dimension's spokes together on a named band, each series a polygon told apart
by colour, dash and marker, the ring numbers on white chips in the gap at the top (drawn last,
so no line hides them), and a legend. No text is smaller than ``document.MIN_TYPE``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect
from reportlab.lib import colors

from ..analysis import radar_geometry as geo
from ..analysis.palette import GRID, INK, MUTED
from ..analysis.radar_geometry import Axis, Series
from . import fonts
from .document import MIN_TYPE

LABEL_SIZE = MIN_TYPE  # theme names round the chart
LABEL_LEADING = LABEL_SIZE + 1.6
SCALE_SIZE = MIN_TYPE  # the ring numbers
LEGEND_SIZE = 9.0
TITLE_SIZE = 10.5
BAND = 13.0  # points: the named band of a dimension outside the outer ring
LABEL_GAP = 5.0  # between the band (or the outer ring) and a theme name
MIN_RADIUS = 40.0


def _string(x: float, y: float, text: str, size: float, anchor: str, colour: str = INK,
            bold: bool = False) -> Group:
    """A label in mixed fonts (theme titles may be in any script)."""
    return fonts.drawn_text(x, y, text, size, anchor, colour, bold)


def _marker(kind: str, x: float, y: float, colour) -> object:
    """The marker of a series symbol: 's' square, 't' hollow triangle, else a dot."""
    r = 2.2
    if kind == "s":
        return Rect(x - r, y - r, 2 * r, 2 * r, fillColor=colour, strokeColor=colour)
    if kind == "t":
        return Polygon([x, y + r * 1.3, x - r * 1.2, y - r, x + r * 1.2, y - r],
                       fillColor=colors.white, strokeColor=colour, strokeWidth=1)
    return Circle(x, y, r, fillColor=colour, strokeColor=colour)


@dataclass(frozen=True)
class _Label:
    """A theme name placed round a chart of outer radius ``r`` centred on (0, 0)."""

    lines: list[str]
    x: float
    y: float
    anchor: str
    top: float  # the baseline area: from ``top`` down by len(lines) * leading
    box: tuple[float, float, float, float]  # left, bottom, right, top


def _labels(axes: list[Axis], layout: geo.Spokes, r: float) -> list[_Label]:
    """The theme names outside the band, each hanging away from the chart; a name that would
    overlap one nearer the horizontal is moved up (top half) or down until it is clear."""
    out = (BAND if layout.bands else 0.0) + LABEL_GAP
    labels: list[_Label] = []
    for axis, slot in zip(axes, layout.axis_slots, strict=True):
        x, y = geo.at(1 + out / r, slot, layout.slots, r)
        horizontal, vertical = geo.label_anchor(slot, layout.slots)
        lines = geo.wrap_label(axis.title).split("\n")
        wide = max(fonts.width(line, LABEL_SIZE) for line in lines)
        block = len(lines) * LABEL_LEADING
        top = y + block * vertical
        left = x - wide * horizontal
        labels.append(_Label(lines, x, y, {0.0: "start", 0.5: "middle", 1.0: "end"}[horizontal],
                             top, (left, top - block, left + wide, top)))
    placed: list[_Label] = []
    for lab in sorted(labels, key=lambda lab: abs(lab.y)):
        up = lab.y >= 0
        while True:
            hit = next((o for o in placed if _overlap(lab.box, o.box)), None)
            if hit is None:
                break
            shift = (hit.box[3] - lab.box[1] + 1) if up else (hit.box[1] - lab.box[3] - 1)
            left, bottom, right, top = lab.box
            lab = _Label(lab.lines, lab.x, lab.y, lab.anchor, lab.top + shift,
                         (left, bottom + shift, right, top + shift))
        placed.append(lab)
    return placed


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float],
             clear: float = 16.0) -> bool:
    """Two label boxes closer than ``clear`` side by side, or touching one above the other."""
    return (a[0] < b[2] + clear and b[0] < a[2] + clear
            and a[1] < b[3] + 0.5 and b[1] < a[3] + 0.5)


def _extent(labels: list[_Label], r: float, layout: geo.Spokes) -> tuple[float, ...]:
    """Left, bottom, right, top of the chart and its labels around the centre."""
    ring = r + (BAND if layout.bands else 0.0)
    boxes = [lab.box for lab in labels] + [(-ring, -ring, ring, ring)]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def radar(axes: Sequence[Axis | str], series: Sequence[Series], width: float,
          height: float | None = None, title: str = "") -> Drawing:
    """A radar of ``axes`` (theme titles, with their dimension as ``Axis.group``) on the 1-5
    scale; missing values break the line. The drawing is at most ``height`` tall (shorter when
    the width limits the chart)."""
    fonts.register()
    axes = geo.as_axes(axes)
    layout = geo.spokes(axes)
    legend_h = 15 * ((len(series) + 1) // 2) + 4
    title_h = 20 if title else 0
    room = (height or width * 0.8) - legend_h - title_h - 4
    r = width / 2
    while True:  # the largest chart whose labels fit the width and the height
        labels = _labels(axes, layout, r)
        left, bottom, right, top = _extent(labels, r, layout)
        if (right - left <= width - 4 and top - bottom <= room) or r <= MIN_RADIUS:
            break
        r -= 3
    height = legend_h + (top - bottom) + title_h + 6
    drawing = Drawing(width, height)
    cx = width / 2 - (left + right) / 2
    cy = legend_h + 4 - bottom
    if title:
        drawing.add(_string(width / 2, height - 14, title, TITLE_SIZE, "middle"))
    _grid(drawing, layout, r, cx, cy)
    for lab in labels:
        for n, line in enumerate(lab.lines):
            drawing.add(_string(cx + lab.x, cy + lab.top - (n + 1) * LABEL_LEADING + 2.2, line,
                                LABEL_SIZE, lab.anchor))
    for s in series:
        _series(drawing, s, layout, r, cx, cy)
    _scale(drawing, layout, r, cx, cy)
    _legend(drawing, series, width, legend_h)
    return drawing


def _grid(drawing: Drawing, layout: geo.Spokes, r: float, cx: float, cy: float) -> None:
    """The dimension bands with their names, the rings (level 2 to 5; 1 is the centre) and a
    spoke per axis."""
    grid = colors.HexColor(GRID)
    for band in layout.bands:
        outline = geo.arc(1 + 1 / r, 1 + BAND / r, band.start, band.end, layout.slots, r)
        drawing.add(Polygon([c for x, y in outline for c in (cx + x, cy + y)],
                            fillColor=colors.HexColor(geo.BAND_FILL), strokeColor=None))
        x, y = geo.at(1 + BAND / 2 / r, band.middle, layout.slots, r)
        name = Group(_string(0, -LABEL_SIZE * 0.35, band.name.upper(), LABEL_SIZE, "middle",
                             MUTED, bold=True))
        name.translate(cx + x, cy + y)
        name.rotate(geo.band_text_angle(band, layout.slots))
        drawing.add(name)
    for level in geo.LEVELS[1:]:
        pts = [c for x, y in geo.ring(level, layout.slots, r) for c in (cx + x, cy + y)]
        drawing.add(PolyLine(pts, strokeColor=grid,
                             strokeWidth=0.8 if level == geo.MAX_LEVEL else 0.4))
    for slot in layout.axis_slots:
        x, y = geo.point(geo.MAX_LEVEL, slot, layout.slots, r)
        drawing.add(Line(cx, cy, cx + x, cy + y, strokeColor=grid, strokeWidth=0.4))


def _series(drawing: Drawing, s: Series, layout: geo.Spokes, r: float, cx: float,
            cy: float) -> None:
    colour = colors.HexColor(s.colour)
    paths, closed = geo.segments(list(s.values), r, layout)
    dash = [3, 2] if s.dashed else None
    for path in paths:
        pts = [c for x, y in path for c in (cx + x, cy + y)]
        if closed and s.fill:
            drawing.add(Polygon(pts[:-2], fillColor=colors.Color(colour.red, colour.green,
                                                                 colour.blue, alpha=0.12),
                                strokeColor=None))
        drawing.add(PolyLine(pts, strokeColor=colour, strokeWidth=1.6, strokeDashArray=dash))
    for slot, v in zip(layout.axis_slots, s.values, strict=True):
        if v is not None:
            x, y = geo.point(v, slot, layout.slots, r)
            drawing.add(_marker(s.symbol, cx + x, cy + y, colour))


def _scale(drawing: Drawing, layout: geo.Spokes, r: float, cx: float, cy: float) -> None:
    """The ring numbers along the top gap on white chips, drawn over everything: a line that
    passes under a number never hides it. Level 1 (the centre) sits just above the centre."""
    chip = SCALE_SIZE * 0.72
    for level in geo.LEVELS:
        distance = max(geo.radius(level) * r, chip + 1)
        x, y = geo.at(distance, layout.scale_slot, layout.slots)
        drawing.add(Rect(cx + x - chip, cy + y - chip, 2 * chip, 2 * chip, rx=2, ry=2,
                         fillColor=colors.Color(1, 1, 1, alpha=0.9), strokeColor=None))
        drawing.add(_string(cx + x, cy + y - SCALE_SIZE * 0.35, str(level), SCALE_SIZE,
                            "middle", MUTED))


def _legend(drawing: Drawing, series: Sequence[Series], width: float, legend_h: float) -> None:
    """Two columns under the chart."""
    column = width / 2
    for n, s in enumerate(series):
        x = 10 + (n % 2) * column
        y = legend_h - 13 - (n // 2) * 15
        colour = colors.HexColor(s.colour)
        drawing.add(Line(x, y + 3, x + 22, y + 3, strokeColor=colour, strokeWidth=1.6,
                         strokeDashArray=[3, 2] if s.dashed else None))
        drawing.add(_marker(s.symbol, x + 11, y + 3, colour))
        drawing.add(_string(x + 28, y, s.name, LEGEND_SIZE, "start"))
