"""Where a radar's theme labels go on screen, so that none covers another, a dimension's name, the
legend or the edge of the chart's area, whatever the window's size and text size.

Labels keep the text size the facilitator chose (a projector needs it); what gives way is the
chart's radius and how many characters a label's line holds (and, only where the area is too
short for any chart, the labels' type: ``ui.radar_chart.LABEL_SCALES``). Each label hangs
outwards from the end of its spoke (``radar_geometry.label_anchor``), just clear of the
dimension bands and their names (straight text along a circle: its ends stick out beyond the
band); labels on one side that would overlap move up or down as a block (``_stack``). Every line
width is tried with radii from the largest the area allows downwards, and the largest chart
without a clash wins. A 1366x768 screen at projector size leaves the chart about 360 pixels of
height: there, labels of one line leave room where two-line labels would run into each other
near the top and bottom.

Pure geometry in pixels (y down, the chart's centre at 0, 0); the screen measures the text
(``ui.radar_chart``)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .radar_geometry import Spokes, at, axis_angle, band_text_angle, label_anchor, wrap_label

Box = tuple[float, float, float, float]  # left, top, width, height
Quad = tuple[tuple[float, float], ...]  # a turned rectangle's corners, in order round it
Bounds = tuple[float, float, float, float]  # left, top, right, bottom

LINE_WIDTHS = (22, 30, 1000, 16)  # characters per line, in order of preference
GAP = 2.0  # pixels between a label and the bands, or the next label
SMALLEST = 40.0  # pixels: no chart is drawn smaller than this radius to make room
COARSE, FINE = 0.9, 0.99  # each try shrinks the radius by 10%, then grows it back by 1%
LEGEND_MARGIN = 8.0  # pixels between the legend and the area's edges
CORNERS = ((0, 0), (1, 0), (0, 1), (1, 1))  # where the legend may go, in order of preference


@dataclass(frozen=True)
class LabelPlan:
    """The outer ring's radius, each label's text as wrapped and its box, in pixels from the
    chart's centre, which sits ``shift`` (x, y; y down) pixels from the area's middle;
    ``clashes`` counts what still overlaps or sticks out (0 unless the area is too small for
    any layout)."""

    radius: float
    texts: tuple[str, ...]
    boxes: tuple[Box, ...]
    clashes: int
    shift: tuple[float, float] = (0.0, 0.0)
    legend: tuple[int, int] = (0, 0)  # its corner of the area: (0, 0) top left, (1, 1) bottom right
    legend_shape: int = 0  # which of the legend's shapes (one column, two...) fits there


def overlap(a: Box, b: Box) -> bool:
    return (a[0] < b[0] + b[2] and b[0] < a[0] + a[2]
            and a[1] < b[1] + b[3] and b[1] < a[1] + a[3])


def name_quads(radius: float, layout: Spokes, band: float,
               names: Sequence[tuple[float, float]]) -> list[Quad]:
    """Each dimension's name (``(width, height)``), centred on its band and turned along the
    circle (``radar_geometry.band_text_angle``), as the corners of its box."""
    quads = []
    for b, (width, height) in zip(layout.bands, names, strict=True):
        x, y = at(1 + band / 2, b.middle, layout.slots, radius)
        turn = math.radians(band_text_angle(b, layout.slots))
        ux, uy = math.cos(turn) * width / 2, -math.sin(turn) * width / 2  # along, y down
        vx, vy = math.sin(turn) * height / 2, math.cos(turn) * height / 2  # across
        quads.append(tuple((x + i * ux + j * vx, -y + i * uy + j * vy)
                           for i, j in ((-1, -1), (1, -1), (1, 1), (-1, 1))))
    return quads


def _span(quad: Quad, axis: int, low: float, high: float) -> tuple[float, float] | None:
    """The least and greatest ``axis`` coordinate (0: x, 1: y) of the part of a turned
    rectangle that lies strictly between ``low`` and ``high`` in the other one (None: no part
    does): what a label in that strip must clear."""
    other = 1 - axis
    values = [p[axis] for p in quad if low < p[other] < high]
    for a, b in zip(quad, (*quad[1:], quad[0]), strict=True):
        for bound in (low, high):
            if (a[other] - bound) * (b[other] - bound) < 0:  # the side crosses the bound
                t = (bound - a[other]) / (b[other] - a[other])
                values.append(a[axis] + t * (b[axis] - a[axis]))
    return (min(values), max(values)) if values else None


def _clear(box: Box, across: float, distance: float, quads: Sequence[Quad]) -> Box:
    """``box`` pushed outwards (sideways for a label beside the chart, up or down for one
    centred above or below it) until no point of it is nearer the centre than ``distance``
    and it covers no dimension's name: a label centred on a near-horizontal spoke, or one
    moved up or down to make room, would otherwise cut into the bands."""
    left, top, width, height = box
    if across == 0.5:
        below = top >= 0
        top = max(top, distance) if below else min(top, -distance - height)
    else:
        near_y = 0.0 if top <= 0 <= top + height else min(abs(top), abs(top + height))
        clear = math.sqrt(max(0.0, distance ** 2 - near_y ** 2))
        left = max(left, clear) if across == 0.0 else min(left, -clear - width)
    for quad in (*quads, *quads):  # twice: a push may move it onto the next name
        if across == 0.5:
            span = _span(quad, 1, left, left + width)
            if span and span[0] < top + height and top < span[1]:
                top = span[1] + GAP if below else span[0] - GAP - height
        else:
            span = _span(quad, 0, top, top + height)
            if span and span[0] < left + width and left < span[1]:
                left = span[1] + GAP if across == 0.0 else span[0] - GAP - width
    return left, top, width, height


def _hang(slot: float, slots: int, distance: float, size: tuple[float, float],
          quads: Sequence[Quad]) -> Box:
    """A label's box hung from its spoke at ``distance``, clear of the bands within it."""
    width, height = size
    angle = axis_angle(slot, slots)
    x, y = distance * math.cos(angle), -distance * math.sin(angle)
    across, down = label_anchor(slot, slots)
    return _clear((x - across * width, y - down * height, width, height), across, distance,
                  quads)


def _stack(items: Sequence[tuple[float, float, float]], low: float, high: float
           ) -> list[float]:
    """Tops for boxes in one column (each ``(wanted top, height, weight)``, in order of
    wanted top) that overlap none: boxes that would overlap move together as a block, to the
    weighted mean of where they want to be (so a heavy one barely moves), then the blocks are
    kept between ``low`` and ``high`` where they fit."""
    blocks: list[list[float]] = []  # top, height, sum of weights, sum of weight x top, count
    for top, height, weight in items:
        height += GAP  # never touching
        blocks.append([top, height, weight, weight * top, 1])
        while len(blocks) > 1 and blocks[-2][0] + blocks[-2][1] > blocks[-1][0]:
            last = blocks.pop()
            block = blocks[-1]
            block[3] += last[3] - last[2] * block[1]  # its boxes sit below the block's own
            block[2] += last[2]
            block[1] += last[1]
            block[4] += last[4]
            block[0] = block[3] / block[2]
    floor = low
    for block in blocks:
        block[0] = max(block[0], floor)
        floor = block[0] + block[1]
    ceiling = high
    for block in reversed(blocks):
        block[0] = min(block[0], ceiling - block[1])
        ceiling = block[0]
    tops: list[float] = []
    for top, _, _, _, count in blocks:
        for _ in range(int(count)):
            tops.append(top)
            top += items[len(tops) - 1][1] + GAP
    return tops


def _spread(boxes: Sequence[Box], sides: Sequence[float], bounds: Bounds) -> tuple[Box, ...]:
    """Labels on each side of the chart moved up or down, as little as they can, so that no
    two overlap; a label centred above or below the chart stays and the others make room."""
    placed = list(boxes)
    for side in (0.0, 1.0):
        column = [i for i, s in enumerate(sides) if s == side]
        fixed = [i for i, s in enumerate(sides) if s == 0.5 and any(
            boxes[i][0] < boxes[j][0] + boxes[j][2] and boxes[j][0] < boxes[i][0] + boxes[i][2]
            for j in column)]
        order = sorted(column + fixed, key=lambda i: boxes[i][1])
        tops = _stack([(boxes[i][1], boxes[i][3], 1e9 if i in fixed else 1.0) for i in order],
                      bounds[1], bounds[3])
        for i, top in zip(order, tops, strict=True):
            if i not in fixed:
                placed[i] = (boxes[i][0], top, boxes[i][2], boxes[i][3])
    return tuple(placed)


def _tail_kept(title: str) -> str:
    """``title`` with a last word of one or two characters (a "†" note mark) bound to the
    word before by a no-break space, so it never stands alone on a line."""
    return re.sub(r" (\S{1,2})$", "\u00a0\\1", title)


def _clashes(boxes: Sequence[Box], bounds: Bounds) -> int:
    left, top, right, bottom = bounds
    count = sum(1 for b in boxes
                if b[0] < left or b[1] < top or b[0] + b[2] > right or b[1] + b[3] > bottom)
    return count + sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlap(a, b))


def _inside(reach: float, quads: Sequence[Quad], bounds: Bounds, mark: Box) -> bool:
    """Whether the chart with its bands (``reach`` from the centre) and their names fit, the
    names clear of each other and of ``mark`` (the outer ring's number)."""
    left, top, right, bottom = bounds
    return (left <= -reach and reach <= right and top <= -reach and reach <= bottom
            and all(left <= x <= right and top <= y <= bottom for q in quads for x, y in q)
            and _names_apart(quads, mark))


def _names_apart(quads: Sequence[Quad], mark: Box) -> bool:
    """Whether the dimensions' names are clear of each other and of ``mark``."""
    outlines = [(min(x for x, _ in q), min(y for _, y in q), max(x for x, _ in q),
                 max(y for _, y in q)) for q in quads]
    if any(overlap((a[0], a[1], a[2] - a[0], a[3] - a[1]), (b[0], b[1], b[2] - b[0], b[3] - b[1]))
           for i, a in enumerate(outlines) for b in outlines[i + 1:]):
        return False  # a chart so small that the names run into each other
    for q in quads:
        span = _span(q, 0, mark[1], mark[1] + mark[3])
        if span and span[0] < mark[0] + mark[2] and mark[0] < span[1]:
            return False
    return True


def _shift(boxes: Sequence[Box], reach: float) -> float:
    """How far below the area's middle the chart's centre goes so that the chart and its
    labels together sit in the middle of the height (a chart with no label at the top but a
    label at the bottom sits higher)."""
    top = min([-reach, *(b[1] for b in boxes)])
    bottom = max([reach, *(b[1] + b[3] for b in boxes)])
    return -(top + bottom) / 2


def _corner(boxes: Sequence[Box], reach: float, bounds: Bounds,
            legends: Sequence[tuple[float, float]]) -> tuple[int, tuple[int, int], float, int]:
    """Where the legend goes: the first of its shapes and of the area's corners (top left,
    top right, bottom left, bottom right) where it covers no label, with the chart in the
    middle or, failing that, as far from the legend as the area allows (how far the chart
    moves sideways); or, when it covers a label everywhere, where it covers fewest."""
    left, top, right, bottom = bounds
    content = (min([-reach, *(b[0] for b in boxes)]), max([reach, *(b[0] + b[2] for b in boxes)]))
    counts: dict[tuple[int, tuple[int, int], float], int] = {}
    for shape, (width, height) in enumerate(legends):
        for across, down in CORNERS:
            away = left - content[0] if across else right - content[1]
            for moved in (0.0, away):
                x = (left - moved + LEGEND_MARGIN if across == 0
                     else right - moved - LEGEND_MARGIN - width)
                y = top + LEGEND_MARGIN if down == 0 else bottom - LEGEND_MARGIN - height
                count = sum(1 for b in boxes if overlap(b, (x, y, width, height)))
                if not count:
                    return shape, (across, down), moved, 0
                counts[shape, (across, down), moved] = count
    shape, corner, moved = min(counts, key=lambda c: counts[c])
    return shape, corner, moved, counts[shape, corner, moved]


def _place(sizes: Sequence[tuple[float, float]], layout: Spokes, reach: float,
           quads: Sequence[Quad], area: tuple[float, float],
           legends: Sequence[tuple[float, float]], mark: Box
           ) -> tuple[tuple[Box, ...], int, tuple[float, float], tuple[int, tuple[int, int]]]:
    """The labels' boxes just outside ``reach`` (the bands), as hung from their spokes or,
    when those clash, spread apart; how many clashes are left; the chart centre's shift; the
    legend's shape and corner."""
    boxes = tuple(_hang(slot, layout.slots, reach + GAP, size, quads)
                  for slot, size in zip(layout.axis_slots, sizes, strict=True))
    shift = _shift(boxes, reach)
    bounds = (-area[0] / 2, -area[1] / 2 - shift, area[0] / 2, area[1] / 2 - shift)
    outside = 0 if _inside(reach, quads, bounds, mark) else 1
    clashes = outside + _clashes(boxes, bounds)
    if clashes > outside:
        sides = [label_anchor(slot, layout.slots)[0] for slot in layout.axis_slots]
        spread = tuple(_clear(box, side, reach + GAP, quads)
                       for box, side in zip(_spread(boxes, sides, bounds), sides, strict=True))
        fewer = outside + _clashes(spread, bounds)
        if fewer < clashes:
            boxes, clashes = spread, fewer
    shape, corner, moved, covered = _corner(boxes, reach, bounds, legends)
    return boxes, clashes + covered, (moved, shift), (shape, corner)


def plan_labels(titles: Sequence[str], layout: Spokes,
                measure: Callable[[str], tuple[float, float]], area: tuple[float, float],
                band: float = 0.0, band_names: Sequence[tuple[float, float]] = (),
                legends: Sequence[tuple[float, float]] = ((0.0, 0.0),),
                number: tuple[float, float] = (0.0, 0.0)) -> LabelPlan:
    """The largest chart whose labels (``titles``, one per spoke of ``layout``, each sized by
    ``measure(text) -> (width, height)``) fit ``area`` (width, height) with no clash, clear
    of the bands (``band``: their depth as a share of the radius; ``band_names``: each name's
    size) and of the legend (``legends``: its sizes in each shape it can take, in order of
    preference; it goes to a free corner), and the names clear of the outer ring's
    ``number`` (its size). When nothing fits, the layout with the fewest clashes."""
    best = LabelPlan(SMALLEST, tuple(titles), tuple((0.0, 0.0, *measure(t)) for t in titles),
                     len(titles) + 1)

    def attempt(texts: tuple[str, ...], sizes: list[tuple[float, float]], radius: float
                ) -> LabelPlan:
        quads = name_quads(radius, layout, band, band_names)
        x, y = at(1.0, layout.scale_slot, layout.slots, radius)
        mark = (x - number[0] / 2, -y - number[1] / 2, *number)
        boxes, clashes, shift, (shape, corner) = _place(sizes, layout, radius * (1 + band),
                                                        quads, area, legends, mark)
        return LabelPlan(radius, texts, boxes, clashes, shift, corner, shape)

    shapes = []
    for width in LINE_WIDTHS:
        texts = tuple(wrap_label(_tail_kept(t), width) for t in titles)
        shapes.append((texts, [measure(t) for t in texts]))
    radius = min(area) / 2
    while radius >= SMALLEST:
        for texts, sizes in shapes:
            plan = attempt(texts, sizes, radius)
            if (plan.clashes, -radius) < (best.clashes, -best.radius):
                best = plan
            if plan.clashes == 0:  # then a little larger, between this and the last tried
                finer = radius / COARSE * FINE
                while finer > radius:
                    plan = attempt(texts, sizes, finer)
                    if plan.clashes == 0:
                        return plan
                    finer *= FINE
                return best
        radius = SMALLEST - 1 if radius == SMALLEST else max(SMALLEST, radius * COARSE)
    return best
