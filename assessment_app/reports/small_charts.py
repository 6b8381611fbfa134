"""The workshop PDF's small vector charts: the executive summary's bars (each function today and
its target, per dimension) and the spread plot in a gap table cell (each function's lowest to
highest level as a line, its mean as a dot), both on the 1-5 scale and in the screen's colours.
Text in them is never under 8.5 pt."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect
from reportlab.lib import colors

from ..analysis.item_stats import GroupScore, ItemScore
from ..analysis.numbers import reported
from ..analysis.palette import GRID, INK, IT, MARKETING, MUTED
from ..content.questionnaire import LEVEL_COUNT, ROLES, dimension_label
from ..i18n import tr
from ..rules.privacy import PRIVACY_THRESHOLD, withheld_label
from . import fonts
from .tables import function_label

TEXT = 8.5
ROLE_COLOURS = {"marketing": MARKETING, "it": IT}


def _x(level: float, left: float, span: float) -> float:
    """Where a level (1-5) falls on a scale ``span`` wide starting at ``left``."""
    return left + (level - 1) / (LEVEL_COUNT - 1) * span


def level_grid(d: Drawing, left: float, span: float, bottom: float, top: float,
               numbers_y: float) -> None:
    """The scale behind a levels chart: a line per level from ``bottom`` to ``top`` (dotted
    above level 1) and the level's number under it at ``numbers_y``."""
    for level in range(1, LEVEL_COUNT + 1):
        x = _x(level, left, span)
        d.add(Line(x, bottom, x, top, strokeColor=colors.HexColor(GRID), strokeWidth=0.3,
                   strokeDashArray=[1, 2] if level > 1 else None))
        d.add(_text(x, numbers_y, str(level), "middle", MUTED))


def _text(x: float, y: float, text: str, anchor: str = "start", colour: str = INK,
          bold: bool = False) -> Group:
    return fonts.drawn_text(x, y, text, TEXT, anchor, colour, bold)


def dimension_bars(groups: Sequence[GroupScore], width: float,
                   minimum: int = PRIVACY_THRESHOLD) -> Drawing:
    """Per dimension, one bar per function from level 1 to its mean today (the number at its
    end) and a tick at its mean target; a key below. A withheld mean (``disclosure``) draws
    no bar and says 'fewer than 3 gave a level'."""
    fonts.register()
    titles = [dimension_label(g.dimension) for g in groups]  # in the report's language
    label_w = max((fonts.width(t, TEXT, fonts.BOLD) for t in titles), default=40) + 8
    left, right = label_w, fonts.width("5.00 → 5.00", TEXT) + 12
    span = width - left - right
    bar, gap, block = 9.0, 2.0, 30.0
    key_h, axis_h = 16.0, 14.0
    height = key_h + axis_h + block * len(groups)
    d = Drawing(width, height)
    top = height
    level_grid(d, left, span, key_h + axis_h - 2, top, key_h + 3)
    for n, g in enumerate(groups):
        y0 = top - (n + 1) * block + (block - 2 * bar - gap) / 2
        d.add(_text(0, y0 + bar - 3, titles[n], bold=True))
        for k, role in enumerate(ROLES):
            r = g.roles[role]
            y = y0 + (1 - k) * (bar + gap)
            colour = colors.HexColor(ROLE_COLOURS[role])
            if r.mean_current is None:
                said = (tr("{function}: {fewer_than_n} gave a level", function=function_label(role),
                           fewer_than_n=withheld_label(minimum)) if r.withheld else
                        tr("{function}: no level", function=function_label(role)))
                d.add(_text(left + 2, y + 1.5, said, colour=MUTED))
                continue
            end = _x(r.mean_current, left, span)
            d.add(Rect(left, y, max(end - left, 0.8), bar, fillColor=colour, strokeColor=None))
            if r.mean_target is not None:
                tx = _x(r.mean_target, left, span)
                d.add(Line(tx, y - 1.5, tx, y + bar + 1.5, strokeColor=colour, strokeWidth=1.6))
            target = "" if r.mean_target is None else f" → {reported(r.mean_target)}"
            d.add(_text(width, y + 1.5, f"{reported(r.mean_current)}{target}", "end"))
    x = 0.0
    for role in ROLES:
        colour = colors.HexColor(ROLE_COLOURS[role])
        d.add(Rect(x, 2, 10, 7, fillColor=colour, strokeColor=None))
        today = tr("{function} today", function=function_label(role))
        d.add(_text(x + 13, 2, today))
        x += 13 + fonts.width(today, TEXT) + 12
    d.add(Line(x + 4, 0.5, x + 4, 10.5, strokeColor=colors.HexColor(INK), strokeWidth=1.6))
    d.add(_text(x + 9, 2, tr("target in 12 to 18 months")))
    d.add(_text(width, 2, tr("today → target"), "end", MUTED))
    return d


def spread_plot(score: ItemScore, width: float, height: float = 20.0) -> Drawing:
    """One statement's spread within each function: a line from the lowest to the highest
    level given, and a dot at the mean (marketing above, IT below); faint ticks at 1 to 5."""
    d = Drawing(width, height)
    left, span = 3.0, width - 6.0
    for level in range(1, LEVEL_COUNT + 1):
        x = _x(level, left, span)
        d.add(Line(x, 1, x, height - 1, strokeColor=colors.HexColor(GRID), strokeWidth=0.25))
    for k, role in enumerate(ROLES):
        r = score.roles[role]
        y = height * (0.7 if k == 0 else 0.3)
        colour = colors.HexColor(ROLE_COLOURS[role])
        if r.min is None or r.max is None or r.mean_current is None:
            continue
        d.add(Line(_x(r.min, left, span), y, _x(r.max, left, span), y, strokeColor=colour,
                   strokeWidth=1.4))
        for end in (r.min, r.max):
            d.add(Line(_x(end, left, span), y - 2, _x(end, left, span), y + 2,
                       strokeColor=colour, strokeWidth=1))
        d.add(Circle(_x(r.mean_current, left, span), y, 2.4, fillColor=colour,
                     strokeColor=colors.white, strokeWidth=0.5))
    return d


def spread_scale(width: float) -> Drawing:
    """The numbers 1 to 5 over a spread column, aligned with ``spread_plot``'s ticks."""
    fonts.register()
    d = Drawing(width, TEXT + 2)
    for level in range(1, LEVEL_COUNT + 1):
        d.add(_text(_x(level, 3.0, width - 6.0), 1.5, str(level), "middle", MUTED))
    return d
