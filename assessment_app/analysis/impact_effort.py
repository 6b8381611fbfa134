"""Impact versus effort: the plan's included actions as points, for the screen and the PDF.

Each included action is a point: across, its effort (small, medium, large: the action library's
S, M, L); up, its impact, the value the scoring engine gives it (``ActionScore.value``: the need
of the statements it answers) on a 0-1 scale, 1 being the largest value of any ranked action.
Points carry the number the plan gives them (``plan_numbers``: as the PDF prints the plan), so
the chart, the plan table and the PDF name an action alike.

The four quadrants are the scoring engine's kinds (``scoring.KINDS``): quick wins and big bets
above the line, fill-ins and question marks below it; large effort on the right. The line lies
between the highest value scoring calls low and the lowest it calls high, so every point sits
in the quadrant of its own kind without repeating scoring's rule here.

``place`` lays a chart out in a renderer's units (y up from the plot's bottom-left): dots that
would overlap are spread sideways within their effort column, and each dot gets a title label
beside it, moved a line or two up or down (with a leader line) or shortened until it overlaps
nothing; a label that finds no room is left out, the dot's number still naming the action (the
charts also list every action by number under the plot). Everything is
deterministic: the same plan draws the same chart on the screen and on paper.

Pure Python: no Qt, no reportlab. Renderers pass their own text measure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..content.actions import EFFORTS
from . import plan
from .palette import AMBITION, GRID, IT, MARKETING_HIGHER, tint
from .scoring import EFFORT_DIVISORS, KINDS, ActionScore

HIGH_KINDS = ("quick win", "big bet")
QUADRANT_TITLES = {"quick win": "Quick wins", "big bet": "Big bets", "fill-in": "Fill-ins",
                   "question mark": "Question marks"}
# Quadrant shading, light enough for black text and dots on top (screen and paper alike).
QUADRANT_COLOURS = {"quick win": tint(AMBITION, 0.22), "big bet": tint(IT, 0.18),
                    "fill-in": tint(GRID, 0.12), "question mark": tint(MARKETING_HIGHER, 0.2)}
EFFORT_TITLES = {"S": "Small", "M": "Medium", "L": "Large"}
EFFORT_SPLIT = 2 / 3  # small and medium on the left, large on the right (scoring's kinds)
LABEL_MAX_CHARS = 30  # a title longer than this is shortened with "…"
LABEL_MIN_CHARS = 12  # shorter than this a label says too little: left out instead
LEADER_LINES = 4  # a label moves at most this many lines off its dot's row

Measure = Callable[[str], float]
Box = tuple[float, float, float, float]  # left, bottom, right, top


@dataclass(frozen=True)
class ImpactPoint:
    number: int  # the action's number in the plan
    action_id: str
    title: str
    effort: str  # S, M or L
    impact: float  # 0..1
    kind: str  # one of scoring.KINDS


@dataclass(frozen=True)
class ImpactChart:
    points: tuple[ImpactPoint, ...]  # by number
    threshold: float  # impact (0..1) where low and high kinds meet


@dataclass(frozen=True)
class PlacedLabel:
    text: str
    box: Box
    leader: bool  # the label was moved off its dot's row: draw a line to it


@dataclass(frozen=True)
class PlacedPoint:
    point: ImpactPoint
    x: float
    y: float
    label: PlacedLabel | None


@dataclass(frozen=True)
class Placement:
    """A chart laid out in a plot ``width`` x ``height`` (y up)."""

    width: float
    height: float
    radius: float
    points: tuple[PlacedPoint, ...]
    threshold_y: float
    split_x: float
    quadrant_titles: Mapping[str, tuple[float, float, str]]  # kind -> (x, y, anchor)
    top: float  # the highest and lowest y a dot centre may take (impact 1 and 0)
    bottom: float


def plan_numbers(entries: Iterable) -> dict[str, int]:
    """The plan's numbers as the workshop PDF prints them (``reports.deliverable``): the
    included actions by horizon, the next 90 days first, each horizon in plan order, counted
    from 1. The plan table and this chart show the same numbers."""
    return plan.plan_numbers(list(entries))


def _value(score: ActionScore) -> float:
    if score.value is not None:
        return max(0.0, score.value)
    if score.priority is not None:  # priority = value / effort divisor
        return max(0.0, score.priority * EFFORT_DIVISORS.get(score.action.effort, 1.0))
    return 0.0


def impact_chart(entries: Sequence, scores: Sequence[ActionScore],
                 numbers: Mapping[str, int] | None = None) -> ImpactChart:
    """The included plan ``entries`` (``plan.PlanEntry``) as points, from the workshop's ranked
    ``scores``; ``numbers`` defaults to ``plan_numbers(entries)``."""
    numbers = numbers if numbers is not None else plan_numbers(entries)
    by_id = {s.action.id: s for s in scores}
    top = max((_value(s) for s in scores), default=0.0) or 1.0
    highs = [_value(s) for s in scores if s.kind in HIGH_KINDS]
    lows = [_value(s) for s in scores if s.kind and s.kind not in HIGH_KINDS]
    if highs and lows:
        threshold = (max(lows) + min(highs)) / 2 / top
    elif highs:
        threshold = min(highs) / top / 2
    else:
        threshold = 0.5 if not lows else min(1.0, max(lows) / top + (1 - max(lows) / top) / 2)
    points = []
    for e in sorted(entries, key=lambda e: numbers.get(e.id, 0)):
        if not e.included or e.id not in numbers:
            continue
        score = by_id.get(e.id)
        impact = _value(score) / top if score else 0.0
        kind = score.kind if score and score.kind in KINDS else (
            _kind(e.action.effort, impact >= threshold))
        points.append(ImpactPoint(numbers[e.id], e.id, e.action.title, e.action.effort,
                                  min(1.0, impact), kind))
    return ImpactChart(tuple(points), min(1.0, max(0.0, threshold)))


def _kind(effort: str, high: bool) -> str:
    big = effort == "L"
    return ("big bet" if big else "quick win") if high else (
        "question mark" if big else "fill-in")


def effort_x(effort: str, width: float) -> float:
    """The centre of an effort's column."""
    column = EFFORTS.index(effort) if effort in EFFORTS else 1
    return width * (column + 0.5) / len(EFFORTS)


def estimate_width(size: float) -> Measure:
    """A text measure for tests and layouts without fonts: about half an em a character."""
    return lambda text: len(text) * size * 0.55


def shortened(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars - 1].rstrip() + "…"


def _overlaps(a: Box, b: Box, gap: float = 0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _dot_box(x: float, y: float, r: float) -> Box:
    return (x - r, y - r, x + r, y + r)


def _spread(points: Sequence[ImpactPoint], width: float, y_of: Callable[[float], float],
            radius: float) -> dict[int, tuple[float, float]]:
    """Dot centres: each at its column's centre, or the nearest free place sideways within the
    column (left first, labels go right), taking the highest impact first."""
    column = width / len(EFFORTS)
    step = 2 * radius + 2
    placed: dict[int, tuple[float, float]] = {}
    for p in sorted(points, key=lambda p: (-p.impact, p.number)):
        cx, y = effort_x(p.effort, width), y_of(p.impact)
        left, right = cx - column / 2 + radius + 1, cx + column / 2 - radius - 1
        offsets = [0.0] + [k * sign * step for k in range(1, 40) for sign in (-1, 1)]
        spots = [cx + o for o in offsets if left <= cx + o <= right]
        free = next((x for x in spots if all(
            (x - ox) ** 2 + (y - oy) ** 2 >= (2 * radius + 1) ** 2
            for ox, oy in placed.values())), cx)
        placed[p.number] = (free, y)
    return placed


def place(chart: ImpactChart, width: float, height: float, radius: float = 7.0,
          font_size: float = 8.5, measure: Measure | None = None, line: float | None = None,
          max_chars: int = LABEL_MAX_CHARS) -> Placement:
    """Lay ``chart`` out in a plot of ``width`` x ``height``: dot centres, labels that overlap
    no dot, label or quadrant title and stay inside the plot, the quadrant lines and titles.
    ``line``: a text line's height (default 1.25 x ``font_size``); titles longer than
    ``max_chars`` are shortened."""
    measure = measure or estimate_width(font_size)
    line = line or font_size * 1.25
    pad = 3.0
    bottom = line + pad + radius  # impact 0: above the lower quadrant titles
    top = height - line - pad - radius  # impact 1: below the upper quadrant titles

    def y_of(impact: float) -> float:
        return bottom + impact * (top - bottom)

    split_x = width * EFFORT_SPLIT
    titles = {"quick win": (pad, height - line + 2, "start"),
              "big bet": (width - pad, height - line + 2, "end"),
              "fill-in": (pad, pad, "start"),
              "question mark": (width - pad, pad, "end")}
    taken: list[Box] = []
    for kind, (x, y, anchor) in titles.items():
        w = measure(QUADRANT_TITLES[kind])
        left = x if anchor == "start" else x - w
        taken.append((left, y - 2, left + w, y + line - 2))
    centres = _spread(chart.points, width, y_of, radius)
    taken += [_dot_box(x, y, radius) for x, y in centres.values()]
    cut = y_of(chart.threshold)

    def labelled(order: list[ImpactPoint]) -> dict[int, PlacedLabel | None]:
        boxes = list(taken)
        found = {}
        for p in order:
            x, y = centres[p.number]
            band = (0.0, cut) if y < cut else (cut, height)  # the middle keeps to its side
            alone = all(abs(x - ox) > 4 * radius or abs(y - oy) > 2 * line
                        for n, (ox, oy) in centres.items() if n != p.number)
            found[p.number] = _label(p.title, x, y, radius, line, (width, height), band,
                                     measure, boxes, max_chars, alone)
        return found

    # two orders (left to right, as labels go right; and by number), the one titling more
    tries = [labelled(sorted(chart.points, key=lambda p: (centres[p.number][0], p.number))),
             labelled(sorted(chart.points, key=lambda p: p.number))]
    labels = max(tries, key=lambda found: sum(label is not None for label in found.values()))
    placed = tuple(PlacedPoint(p, *centres[p.number], labels[p.number]) for p in chart.points)
    return Placement(width, height, radius, placed, y_of(chart.threshold), split_x,
                     titles, top, bottom)


def _label(title: str, x: float, y: float, radius: float, line: float,
           size: tuple[float, float], band: tuple[float, float], measure: Measure,
           taken: list[Box], max_chars: int = LABEL_MAX_CHARS, alone: bool = False
           ) -> PlacedLabel | None:
    """The first free place for the title beside its dot: on its row right then left, then
    rows up and down (a leader line that crosses nothing), never across the impact line;
    then the same with a shorter title. The label and its leader are added to ``taken``."""
    tries = {max_chars, *(c for c in (LABEL_MAX_CHARS, 20, LABEL_MIN_CHARS) if c < max_chars)}
    for chars in sorted(tries, reverse=True):
        text = shortened(title, chars)
        w = measure(text)
        for box, leader in _candidates(x, y, w, radius, line, size[0], alone):
            middle = (box[1] + box[3]) / 2
            if box[0] < 2 or box[2] > size[0] - 2 or box[1] < 0 or box[3] > size[1] or \
                    not band[0] <= middle <= band[1]:
                continue
            if any(_overlaps(box, other, 1.0) for other in taken):
                continue
            marks = _leader_marks(x, y, box, radius) if leader else []
            if any(_overlaps(mark, other) for mark in marks for other in taken):
                continue
            taken.extend([box, *marks])
            return PlacedLabel(text, box, leader=leader)
        if len(title) <= chars:
            break
    return None


def _candidates(x: float, y: float, w: float, radius: float, line: float, width: float,
                alone: bool) -> Iterable[tuple[Box, bool]]:
    """Places for a label ``w`` wide, nearest first: beside the dot (right, then left), just
    below or above it when no other dot is near (moved sideways to stay inside; beside a
    neighbour it would read as the neighbour's), then rows further up and down beside it with
    a leader line."""
    gap = 3.0
    for dy in (0.0, *(d for k in range(1, LEADER_LINES + 1) for d in (k * line, -k * line))):
        low = y + dy - line / 2
        for left in (x + radius + gap, x - radius - gap - w):
            yield (left, low, left + w, low + line), dy != 0.0
        if dy == 0.0 and alone:
            left = min(max(2.0, x - w / 2), width - 2.0 - w)
            for low in (y - radius - 1 - line, y + radius + 1):
                yield (left, low, left + w, low + line), False


def leader_end(x: float, y: float, box: Box) -> tuple[float, float]:
    """Where a leader from a dot at (x, y) meets its label: the middle of the near side."""
    return (box[0] if box[0] > x else box[2], (box[1] + box[3]) / 2)


def _leader_marks(x: float, y: float, box: Box, radius: float) -> list[Box]:
    """Small boxes along the leader line, outside the dot, to test it against obstacles."""
    ex, ey = leader_end(x, y, box)
    length = ((ex - x) ** 2 + (ey - y) ** 2) ** 0.5 or 1.0
    steps = max(2, int(length / 2))
    marks = []
    for n in range(steps):
        t = n / steps
        px, py = x + (ex - x) * t, y + (ey - y) * t
        if ((px - x) ** 2 + (py - y) ** 2) ** 0.5 > radius + 1:
            marks.append((px - 0.5, py - 0.5, px + 0.5, py + 0.5))
    return marks


def overlapping_labels(placement: Placement) -> list[tuple[int, int]]:
    """Pairs of point numbers whose labels (or a label and another's dot) overlap: empty for a
    good layout. For tests and checks."""
    found = []
    items = placement.points
    for a in items:
        if a.label is None:
            continue
        for b in items:
            if b is a:
                continue
            if b.label is not None and b.point.number > a.point.number and _overlaps(
                    a.label.box, b.label.box):
                found.append((a.point.number, b.point.number))
            if _overlaps(a.label.box, _dot_box(b.x, b.y, placement.radius)):
                found.append((a.point.number, b.point.number))
    return found
