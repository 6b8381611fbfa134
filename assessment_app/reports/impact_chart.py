"""The impact-versus-effort chart for the PDF: a vector drawing of the plan's included actions
laid out by ``analysis.impact_effort`` (the screen draws the same layout), with shaded
quadrants, the axis titles, numbered dots that match the plan's numbers (titled beside them where
there is room), and a key that lists every action by its number."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect
from reportlab.lib import colors

from ..analysis import impact_effort as ie
from ..analysis.palette import GRID, INK, MUTED
from ..i18n import N_, tr, tr_p
from . import fonts

TEXT_SIZE = 8.5  # nothing in the chart is smaller
TITLE_SIZE = 9.5
DOT_RADIUS = 7.5
LABEL_CHARS = 48  # whole titles where they fit; the layout shortens them where they do not
KEY = N_("Each dot is an action of the plan, numbered as in the plan. Up: impact, the need of "
         "the statements it answers (its value in the ranking). Across: the effort the action "
         "library gives it.")
EMPTY = N_("No action is in the plan yet.")


def _text(x: float, y: float, text: str, size: float, anchor: str = "start",
          colour: str = INK, bold: bool = False) -> Group:
    """One line in mixed fonts (titles may be in any script)."""
    return fonts.drawn_text(x, y, text, size, anchor, colour, bold)


def _wrapped(text: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and fonts.width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def impact_effort_drawing(chart: ie.ImpactChart, width: float, height: float | None = None
                          ) -> Drawing:
    """The chart ``width`` wide; its plot ``height`` tall (default: half the width), the
    axis words and the key below it."""
    fonts.register()
    line = TEXT_SIZE * 1.3
    key = _wrapped(tr(KEY), TEXT_SIZE, width - 4)
    column = (width - 8) / 2
    listed = [fonts.fit(f"{p.number}  {p.title}", TEXT_SIZE, column - 6) for p in chart.points]
    rows = (len(listed) + 1) // 2
    key_h = (len(key) + rows) * line + 6
    high, low = tr_p("impact axis", "High"), tr_p("impact axis", "Low")
    left = TEXT_SIZE * 1.6 + max(fonts.width(high, TEXT_SIZE), fonts.width(low, TEXT_SIZE)) + 6
    bottom = key_h + 2 * line + 6  # effort words and the axis title above the key
    plot_w = width - left - 2
    plot_h = height or width * 0.5
    height = bottom + plot_h + 4
    drawing = Drawing(width, height)
    placement = ie.place(chart, plot_w, plot_h, DOT_RADIUS, TEXT_SIZE,
                         lambda text: fonts.width(text, TEXT_SIZE), max_chars=LABEL_CHARS)
    ox, oy = left, bottom
    split = placement.split_x
    cut = placement.threshold_y
    quick, big, small, unsure = ie.QUADRANT_COLOURS  # the kinds, in this order
    for kind, (x0, y0, x1, y1) in {
            quick: (0, cut, split, plot_h), big: (split, cut, plot_w, plot_h),
            small: (0, 0, split, cut), unsure: (split, 0, plot_w, cut)}.items():
        drawing.add(Rect(ox + x0, oy + y0, x1 - x0, y1 - y0, strokeColor=None,
                         fillColor=colors.HexColor(ie.QUADRANT_COLOURS[kind])))
    grid = colors.HexColor(GRID)
    drawing.add(Rect(ox, oy, plot_w, plot_h, strokeColor=grid, strokeWidth=0.6,
                     fillColor=None))
    drawing.add(Line(ox + split, oy, ox + split, oy + plot_h, strokeColor=grid,
                     strokeWidth=0.8, strokeDashArray=[3, 2]))
    drawing.add(Line(ox, oy + cut, ox + plot_w, oy + cut, strokeColor=grid, strokeWidth=0.8,
                     strokeDashArray=[3, 2]))
    for kind, (x, y, anchor) in placement.quadrant_titles.items():
        title = ie.QUADRANT_TITLES[kind]
        drawing.add(_text(ox + x, oy + y, tr(title), TEXT_SIZE, anchor, MUTED, bold=True))
    # axes: effort words under their columns, the titles
    for effort, title in ie.EFFORT_TITLES.items():
        drawing.add(_text(ox + ie.effort_x(effort, plot_w), oy - line, tr(title), TEXT_SIZE,
                          "middle", MUTED))
    drawing.add(_text(ox + plot_w / 2, oy - 2 * line - 2, tr_p("impact chart", "Effort"),
                      TITLE_SIZE, "middle", bold=True))
    drawing.add(_text(left - 4, oy + placement.top - TEXT_SIZE / 3, high, TEXT_SIZE, "end",
                      MUTED))
    drawing.add(_text(left - 4, oy + placement.bottom - TEXT_SIZE / 3, low, TEXT_SIZE,
                      "end", MUTED))
    axis = _text(0, 0, tr_p("impact chart", "Impact"), TITLE_SIZE, "middle", bold=True)
    axis.transform = (0, 1, -1, 0, TITLE_SIZE + 1, oy + plot_h / 2)  # rotated a quarter turn
    drawing.add(axis)
    ink = colors.HexColor(INK)
    if not chart.points:
        drawing.add(_text(ox + plot_w / 2, oy + plot_h / 2, tr(EMPTY), TEXT_SIZE, "middle"))
    for p in placement.points:
        x, y = ox + p.x, oy + p.y
        if p.label:
            l0, b0, r0, t0 = p.label.box
            if p.label.leader:
                ex, ey = ie.leader_end(p.x, p.y, p.label.box)
                drawing.add(Line(x, y, ox + ex, oy + ey, strokeColor=colors.HexColor(MUTED),
                                 strokeWidth=0.6))
            drawing.add(_text(ox + l0, oy + b0 + (t0 - b0 - TEXT_SIZE) / 2 + 2, p.label.text,
                              TEXT_SIZE))
        drawing.add(Circle(x, y, DOT_RADIUS, fillColor=ink, strokeColor=colors.white,
                           strokeWidth=0.8))
        drawing.add(_text(x, y - TEXT_SIZE / 3, str(p.point.number), TEXT_SIZE, "middle",
                          "#ffffff", bold=True))
    for n, text in enumerate(key):
        drawing.add(_text(0, key_h - (n + 1) * line, text, TEXT_SIZE, "start", MUTED))
    top = key_h - len(key) * line - 4
    for n, text in enumerate(listed):  # down the first column, then the second
        drawing.add(_text((n // rows) * (column + 8), top - (n % rows + 1) * line, text,
                          TEXT_SIZE))
    return drawing
