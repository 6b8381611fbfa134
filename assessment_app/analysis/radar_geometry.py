"""Radar chart geometry shared by the screen (pyqtgraph) and the PDF (reportlab), so both draw
the same chart.

The scale is the questionnaire's, 1 to 5, so the centre is level 1 and the outer ring level 5
(``radius``: 0 at the centre, 1 at the outer ring; a chart multiplies by its own size). A radar
whose centre were 0 would give every theme a free fifth of its spoke and make small differences
look smaller than they are.

Spokes are positions ("slots") round the circle, clockwise from the top. When the axes belong
to more than one group (the dimensions: People, Process, Technology) each group's spokes stay
together and an empty slot comes before each group: the gaps show where a dimension ends, the
first one (at the top) holds the ring numbers, clear of every spoke, and the groups are named on
a band just outside the outer ring (``bands``)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

MIN_LEVEL = 1
MAX_LEVEL = 5
LEVELS = tuple(range(MIN_LEVEL, MAX_LEVEL + 1))
BAND_FILL = "#e8ecf0"  # the dimension bands, on screen and on paper


@dataclass(frozen=True)
class Series:
    """One polygon of a radar: a value per axis (None where nobody answered), told apart by
    colour, dash and marker ('o' circle, 's' square, 't' triangle) on screen and on paper."""

    name: str
    values: Sequence[float | None]
    colour: str
    dashed: bool = False
    symbol: str = "o"
    fill: bool = True


@dataclass(frozen=True)
class Axis:
    """One spoke: its title (a theme) and the group it belongs to (its dimension's name; '' for
    none). Spokes of one group are drawn together."""

    title: str
    group: str = ""


@dataclass(frozen=True)
class Band:
    """A group's stretch of the circle: from slot ``start`` to slot ``end`` (half a slot either
    side of its first and last spoke), named ``name``."""

    name: str
    start: float
    end: float

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


@dataclass(frozen=True)
class Spokes:
    """Where each axis sits: ``slots`` positions round the circle, ``axis_slots`` the slot of
    each axis in order, ``bands`` the groups (none when the axes are not grouped)."""

    slots: int
    axis_slots: tuple[int, ...]
    bands: tuple[Band, ...] = ()

    @property
    def scale_slot(self) -> float:
        """Where the ring numbers go: the empty slot at the top, or between the first two
        spokes when there is no gap."""
        return 0.0 if self.bands else 0.5


def as_axes(axes: Sequence[Axis | str]) -> list[Axis]:
    return [a if isinstance(a, Axis) else Axis(str(a)) for a in axes]


def spokes(axes: Sequence[Axis | str]) -> Spokes:
    """The slots of ``axes`` (in the order given: keep a group's axes together). With two or
    more groups, one empty slot comes before each group."""
    axes = as_axes(axes)
    groups = [a.group for a in axes]
    grouped = len(set(groups)) > 1
    if not grouped:
        return Spokes(len(axes), tuple(range(len(axes))))
    slots: list[int] = []
    bands: list[Band] = []
    slot = 0
    for n, axis in enumerate(axes):
        if n == 0 or axis.group != axes[n - 1].group:
            slot += 1  # the gap before a group
            bands.append(Band(axis.group, slot - 0.5, slot - 0.5))
        slots.append(slot)
        bands[-1] = Band(bands[-1].name, bands[-1].start, slot + 0.5)
        slot += 1
    return Spokes(slot, tuple(slots), tuple(bands))


def radius(level: float) -> float:
    """How far from the centre ``level`` sits, the outer ring (level 5) being 1: level 1 is
    the centre."""
    return max(0.0, (level - MIN_LEVEL) / (MAX_LEVEL - MIN_LEVEL))


def axis_angle(slot: float, slots: int) -> float:
    """Angle in radians of ``slot`` of ``slots``: the first points up, then clockwise."""
    return math.pi / 2 - 2 * math.pi * slot / slots


def at(distance: float, slot: float, slots: int, scale: float = 1.0) -> tuple[float, float]:
    """The point ``distance`` (1 = the outer ring) from the centre along ``slot``."""
    angle = axis_angle(slot, slots)
    return distance * scale * math.cos(angle), distance * scale * math.sin(angle)


def point(level: float, slot: float, slots: int, scale: float = 1.0) -> tuple[float, float]:
    """Where ``level`` sits on the spoke at ``slot``; ``scale`` is the outer ring's radius."""
    return at(radius(level), slot, slots, scale)


def ring(level: float, slots: int, scale: float = 1.0) -> list[tuple[float, float]]:
    """A closed polygon through every slot at ``level`` (a ring of the grid)."""
    pts = [point(level, i, slots, scale) for i in range(slots)]
    return pts + pts[:1]


def arc(inner: float, outer: float, start: float, end: float, slots: int, scale: float = 1.0,
        steps: int = 12) -> list[tuple[float, float]]:
    """A closed outline between distances ``inner`` and ``outer`` from slot ``start`` to slot
    ``end`` (a group's band; ``inner`` 0 gives a wedge)."""
    marks = [start + (end - start) * k / steps for k in range(steps + 1)]
    outside = [at(outer, s, slots, scale) for s in marks]
    inside = [at(inner, s, slots, scale) for s in reversed(marks)]
    return outside + inside + outside[:1]


def band_text_angle(band: Band, slots: int) -> float:
    """The angle in degrees (counter-clockwise) a band's name is turned so it runs along the
    circle and is never upside down."""
    degrees = math.degrees(axis_angle(band.middle, slots))
    turn = degrees - 90 if math.sin(math.radians(degrees)) >= 0 else degrees + 90
    return (turn + 180) % 360 - 180


def segments(values: Sequence[float | None], scale: float = 1.0, layout: Spokes | None = None
             ) -> tuple[list[list[tuple[float, float]]], bool]:
    """The polygon for one series (a value per axis, placed by ``layout``; by default one
    spoke per slot). With every value present it is one closed path (and may be filled); a
    missing value (nobody answered) breaks the line there rather than inventing a point.
    Returns (paths, closed)."""
    count = len(values)
    layout = layout or Spokes(count, tuple(range(count)))
    slots, places = layout.slots, layout.axis_slots
    present = [v for v in values if v is not None]
    if count and len(present) == count:
        pts = [point(v, places[i], slots, scale) for i, v in enumerate(present)]
        return [pts + pts[:1]], True
    paths: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for i in range(count + 1):  # walk once round, back to the first axis
        v = values[i % count] if count else None
        if v is None:
            if len(current) > 1:
                paths.append(current)
            current = []
        elif i < count or current:
            current.append(point(v, places[i % count], slots, scale))
    if len(current) > 1:
        paths.append(current)
    return paths, False


def label_anchor(slot: float, slots: int) -> tuple[float, float]:
    """Where a label's box hangs from its point, so labels sit outside the chart: labels on
    the right start at the point, on the left end at it, at the top/bottom are centred."""
    angle = axis_angle(slot, slots)
    x, y = math.cos(angle), math.sin(angle)
    # only a spoke pointing (almost) straight up or down gets a centred label: with 15 themes
    # the two spokes either side of the bottom are close enough for centred labels to collide
    horizontal = 0.5 if abs(x) < 0.1 else (0.0 if x > 0 else 1.0)
    vertical = 0.5 if abs(y) < 0.3 else (1.0 if y > 0 else 0.0)
    return horizontal, vertical


LABEL_WIDTH = 22  # characters per line of a theme name: two lines for most themes


def wrap_label(text: str, width: int = LABEL_WIDTH) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text
