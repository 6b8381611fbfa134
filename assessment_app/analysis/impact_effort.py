"""Impact versus effort: the plan's included actions as points, for the screen and the PDF.

Each included action is a point: across, its effort (small, medium, large: the action library's
S, M, L); up, its impact, the value the scoring engine gives it (``ActionScore.value``: the need
of the statements it answers) on a 0-1 scale, 1 being the largest value of any ranked action.
Points carry the number the plan gives them (``plan_numbers``: as the PDF prints the plan), so
the chart, the plan table and the PDF name an action alike.

The four quadrants are the scoring engine's kinds (``ranking.KINDS``): quick wins and big bets
above the line, fill-ins and question marks below it; large effort on the right. The line lies
between the highest value scoring calls low and the lowest it calls high, so every point sits
in the quadrant of its own kind without repeating the ranking's rule here.

``place`` lays a chart out in a renderer's units (y up from the plot's bottom-left): dots that
would overlap are spread sideways within their effort column, and each dot gets a title label
beside it on its row (right, then left), shortened at a word boundary, or moved a line or two
up or down (with a leader line) until it overlaps nothing, stays in its dot's quadrant and is
nearer its own dot than any other (so it never reads as a neighbour's); a dot with no such
place may move across its own column to one. A label that finds no room is left out, the dot's
number still naming the action (the charts also list every action by number under the plot).
Everything is
deterministic: the same plan draws the same chart on the screen and on paper.

Pure Python: no Qt, no reportlab. Renderers pass their own text measure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..content.actions import EFFORTS
from ..i18n import N_, tr, tr_p
from .palette import AMBITION, GRID, IT, MARKETING_HIGHER, tint
from .plan import plan_numbers  # the plan's own numbers, as the table and the PDF show
from .ranking import EFFORT_DIVISORS, KINDS, ActionScore, kind_of

QUICK_WIN, BIG_BET, FILL_IN, QUESTION_MARK = KINDS
HIGH_KINDS = (QUICK_WIN, BIG_BET)
# The quadrants' titles (English: tr(QUADRANT_TITLES[kind]) where shown).
QUADRANT_TITLES = dict(zip(KINDS, (N_("Quick wins"), N_("Big bets"), N_("Fill-ins"),
                                   N_("Question marks")), strict=True))
# Quadrant shading, light enough for black text and dots on top (screen and paper alike).
QUADRANT_COLOURS = dict(zip(KINDS, (tint(AMBITION, 0.22), tint(IT, 0.18), tint(GRID, 0.12),
                                    tint(MARKETING_HIGHER, 0.2)), strict=True))
EFFORT_TITLES = {"S": N_("Small"), "M": N_("Medium"), "L": N_("Large")}  # tr() where shown


def kind_label(kind: str) -> str:
    """One action's kind ("quick win") as a reader of the current language says it."""
    if kind == QUICK_WIN:
        return tr_p("an action's kind", "quick win")
    if kind == BIG_BET:
        return tr_p("an action's kind", "big bet")
    if kind == FILL_IN:
        return tr_p("an action's kind", "fill-in")
    return tr_p("an action's kind", "question mark")
EFFORT_SPLIT = 2 / 3  # small and medium on the left, large on the right (the ranking's kinds)
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
    kind: str  # one of ranking.KINDS


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
    threshold = _threshold(scores, top)
    points = [_point(e, by_id.get(e.id), numbers[e.id], top, threshold)
              for e in sorted(entries, key=lambda e: numbers.get(e.id, 0))
              if e.included and e.id in numbers]
    return ImpactChart(tuple(points), min(1.0, max(0.0, threshold)))


def _threshold(scores: Sequence[ActionScore], top: float) -> float:
    """The impact line: between the highest value the ranking calls low and the lowest it
    calls high (as a share of ``top``)."""
    highs = [_value(s) for s in scores if s.kind in HIGH_KINDS]
    lows = [_value(s) for s in scores if s.kind and s.kind not in HIGH_KINDS]
    if highs and lows:
        return (max(lows) + min(highs)) / 2 / top
    if highs:
        return min(highs) / top / 2
    return 0.5 if not lows else min(1.0, max(lows) / top + (1 - max(lows) / top) / 2)


def _point(entry, score: ActionScore | None, number: int, top: float, threshold: float
           ) -> ImpactPoint:
    impact = _value(score) / top if score else 0.0
    kind = score.kind if score and score.kind in KINDS else (
        kind_of(entry.action.effort, impact >= threshold))
    return ImpactPoint(number, entry.id, entry.action.title, entry.action.effort,
                       min(1.0, impact), kind)


def effort_x(effort: str, width: float) -> float:
    """The centre of an effort's column."""
    column = EFFORTS.index(effort) if effort in EFFORTS else 1
    return width * (column + 0.5) / len(EFFORTS)


def estimate_width(size: float) -> Measure:
    """A text measure for tests and layouts without fonts: about half an em a character."""
    return lambda text: len(text) * size * 0.55


def shortened(text: str, chars: int) -> str:
    """``text`` in at most ``chars`` characters, cut at a word boundary with "…" (mid-word
    only when its first word alone is too long)."""
    if len(text) <= chars:
        return text
    head = text[:chars - 1]
    if text[chars - 1] != " " and " " in head:
        head = head[:head.rfind(" ")]
    return head.rstrip(" ,;:-–—") + "…"


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
    titles = {QUICK_WIN: (pad, height - line + 2, "start"),
              BIG_BET: (width - pad, height - line + 2, "end"),
              FILL_IN: (pad, pad, "start"),
              QUESTION_MARK: (width - pad, pad, "end")}
    taken: list[Box] = []
    for kind, (x, y, anchor) in titles.items():
        title = QUADRANT_TITLES[kind]
        w = measure(tr(title))
        left = x if anchor == "start" else x - w
        taken.append((left, y - 2, left + w, y + line - 2))
    centres = _spread(chart.points, width, y_of, radius)
    taken += [_dot_box(x, y, radius) for x, y in centres.values()]
    cut = y_of(chart.threshold)

    canvas = _Canvas(width, height, radius, line, measure, max_chars, split_x, cut,
                     width / len(EFFORTS))
    taken_boxes = tuple(taken)

    # two orders (left to right, as labels go right; and by number), the one titling more
    tries = [_labelled(canvas, order, taken_boxes, centres) for order in (
        sorted(chart.points, key=lambda p: (centres[p.number][0], p.number)),
        sorted(chart.points, key=lambda p: p.number))]
    labels, spots = max(tries, key=lambda t: sum(label is not None for label in t[0].values()))
    placed = tuple(PlacedPoint(p, *spots[p.number], labels[p.number]) for p in chart.points)
    return Placement(width, height, radius, placed, y_of(chart.threshold), split_x,
                     titles, top, bottom)


@dataclass(frozen=True)
class _Canvas:
    """What every label placement in one plot shares: its size, type and quadrant lines."""

    width: float
    height: float
    radius: float
    line: float
    measure: Measure
    max_chars: int
    split_x: float  # the effort line
    cut: float  # the impact line
    column: float  # one effort's column width

    def quadrant(self, x: float, y: float) -> Box:
        """The quadrant a dot at (x, y) sits in: its label crosses neither dashed line."""
        return (0.0 if x < self.split_x else self.split_x, 0.0 if y < self.cut else self.cut,
                self.split_x if x < self.split_x else self.width,
                self.cut if y < self.cut else self.height)


Spots = dict[int, tuple[float, float]]
Found = dict[int, PlacedLabel | None]


def _labelled(canvas: _Canvas, order: list[ImpactPoint], taken: tuple[Box, ...],
              centres: Spots) -> tuple[Found, Spots]:
    """Labels for the points in ``order``, each placed around its dot or, where there is no
    room, beside the dot moved across its own effort column; and where each dot ended up."""
    boxes = list(taken)
    spots = dict(centres)
    found: Found = {}
    for p in order:
        x, y = spots[p.number]
        area = canvas.quadrant(x, y)
        others = [c for n, c in spots.items() if n != p.number]
        found[p.number] = _label(p.title, x, y, canvas.radius, canvas.line, area,
                                 canvas.measure, boxes, others, canvas.max_chars)
        if found[p.number] is None:
            _moved_in_column(canvas, p, area, others, boxes, spots, found)
    return found, spots


def _moved_in_column(canvas: _Canvas, p: ImpactPoint, area: Box,
                     others: list[tuple[float, float]], boxes: list[Box], spots: Spots,
                     found: Found) -> None:
    """No room beside the dot: try the dot elsewhere across its own column (effort is a
    column, not a scale), titled on its row, where it crowds no dot or label and leaves every
    label its own. Updates ``boxes``, ``spots`` and ``found`` when a place is found."""
    x, y = spots[p.number]
    radius = canvas.radius
    cx = effort_x(p.effort, canvas.width)
    lo = max(cx - canvas.column / 2, area[0]) + radius + 2
    hi = min(cx + canvas.column / 2, area[2]) - radius - 2
    shifts = sorted((k * radius * sign for k in range(1, 60) for sign in (-1, 1)),
                    key=lambda d: (abs(d), d))
    rest = [b for b in boxes if b != _dot_box(x, y, radius)]
    labels = {n: label for n, label in found.items() if label is not None}
    for nx in (x + d for d in shifts if lo <= x + d <= hi):
        dot = _dot_box(nx, y, radius)
        if any(_overlaps(dot, b, 1.0) for b in rest) or not all(
                owns(spots[n][0], spots[n][1], label.box, [(nx, y)], radius)
                for n, label in labels.items()):
            continue
        trial = [*rest, dot]
        label = _label(p.title, nx, y, radius, canvas.line, area, canvas.measure, trial,
                       others, canvas.max_chars, leaders=False)
        if label is not None:
            boxes[:] = trial
            spots[p.number] = (nx, y)
            found[p.number] = label
            return


def _texts(title: str, max_chars: int) -> list[str]:
    """The title, then ever shorter word-boundary prefixes with "…", longest first, none
    shorter than ``LABEL_MIN_CHARS``."""
    texts = [shortened(title, max_chars)]
    words = title.split()
    for n in range(len(words) - 1, 0, -1):
        text = " ".join(words[:n]).rstrip(" ,;:-–—") + "…"
        if len(text) < LABEL_MIN_CHARS:
            break
        if len(text) < len(texts[-1]):
            texts.append(text)
    return texts


def anchor(x: float, box: Box) -> tuple[float, float]:
    """The point of a label that names its dot: the middle of the side facing the dot."""
    return (box[0] if box[0] > x else box[2], (box[1] + box[3]) / 2)


def owns(x: float, y: float, box: Box, others: Iterable[tuple[float, float]],
         margin: float = 0.0) -> bool:
    """Whether a label ``box`` reads as the dot at (x, y)'s: its anchor is nearer that dot,
    by ``margin`` at least, than any other dot."""
    ax, ay = anchor(x, box)
    own = ((ax - x) ** 2 + (ay - y) ** 2) ** 0.5
    return all(((ax - ox) ** 2 + (ay - oy) ** 2) ** 0.5 >= own + margin for ox, oy in others)


def _label(title: str, x: float, y: float, radius: float, line: float, area: Box,
           measure: Measure, taken: list[Box], others: Sequence[tuple[float, float]],
           max_chars: int = LABEL_MAX_CHARS, leaders: bool = True) -> PlacedLabel | None:
    """The first free place for the title beside its dot, inside its quadrant ``area``: on
    its row (right, then left), the title shortened at a word boundary if need be; then a
    line or more up or down with a leader line that crosses nothing. A place whose near side
    is as close to another dot as to this one is never taken (it would read as the other's).
    The label and its leader are added to ``taken``; None when there is no such place."""
    texts = _texts(title, max_chars)
    long_texts = [t for t in texts if len(t) >= 20] or texts[:1]
    rows = [k * line * sign for k in range(1, LEADER_LINES + 1) for sign in (1, -1)
            if leaders]
    for dy, text in _tries(texts, long_texts, rows):
        for box in _candidates(x, y + dy, measure(text), radius, line):
            marks = _free(box, (x, y), dy != 0.0, radius, area, taken, others)
            if marks is not None:
                taken.extend([box, *marks])
                return PlacedLabel(text, box, leader=dy != 0.0)
    return None


def _tries(texts: list[str], long_texts: list[str], rows: list[float]
           ) -> Iterator[tuple[float, str]]:
    """(row offset, text) in the order ``_label`` tries them: long texts on the dot's row, then
    a row up or down, then shorter texts likewise."""
    for dys, choices in (([0.0], long_texts), (rows, long_texts), ([0.0], texts),
                         (rows, texts)):
        for dy in dys:
            for text in choices:
                yield dy, text


def _inside(box: Box, area: Box) -> bool:
    return not (box[0] < area[0] + 2 or box[2] > area[2] - 2 or
                box[1] < area[1] + 1 or box[3] > area[3] - 1)


def _free(box: Box, dot: tuple[float, float], leader: bool, radius: float, area: Box,
          taken: list[Box], others: Sequence[tuple[float, float]]) -> list[Box] | None:
    """The leader's marks (none on the dot's row) when the label may take ``box``: inside its
    quadrant, over nothing taken, reading as its own dot's, its leader crossing nothing; else
    None."""
    x, y = dot
    if not _inside(box, area) or any(_overlaps(box, other, 1.0) for other in taken):
        return None
    if not owns(x, y, box, others, radius):
        return None
    marks = _leader_marks(x, y, box, radius) if leader else []
    if any(_overlaps(mark, other) for mark in marks for other in taken):
        return None
    return marks


def _candidates(x: float, y: float, w: float, radius: float, line: float
                ) -> Iterable[Box]:
    """Places for a label ``w`` wide centred on height ``y``: right of the dot, then left."""
    gap = 3.0
    low = y - line / 2
    for left in (x + radius + gap, x - radius - gap - w):
        yield (left, low, left + w, low + line)


def leader_end(x: float, y: float, box: Box) -> tuple[float, float]:
    """Where a leader from a dot at (x, y) meets its label: the middle of the near side."""
    return anchor(x, box)


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
