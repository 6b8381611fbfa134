"""Radar chart geometry shared by the screen (pyqtgraph) and the PDF (reportlab): one axis per
theme, clockwise from the top, with radius equal to the 1-5 level so ring n is level n."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

MAX_LEVEL = 5


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


def axis_angle(index: int, count: int) -> float:
    """Angle in radians of axis ``index`` of ``count``: the first points up, then clockwise."""
    return math.pi / 2 - 2 * math.pi * index / count


def point(value: float, index: int, count: int, scale: float = 1.0) -> tuple[float, float]:
    angle = axis_angle(index, count)
    return value * scale * math.cos(angle), value * scale * math.sin(angle)


def ring(level: float, count: int, scale: float = 1.0) -> list[tuple[float, float]]:
    """A closed polygon through every axis at ``level`` (a ring of the grid)."""
    pts = [point(level, i, count, scale) for i in range(count)]
    return pts + pts[:1]


def segments(values: Sequence[float | None], scale: float = 1.0
             ) -> tuple[list[list[tuple[float, float]]], bool]:
    """The polygon for one series. With every value present it is one closed path (and may be
    filled); a missing value (nobody answered) breaks the line there rather than inventing a
    point. Returns (paths, closed)."""
    count = len(values)
    present = [v for v in values if v is not None]
    if count and len(present) == count:
        pts = [point(v, i, count, scale) for i, v in enumerate(present)]
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
            current.append(point(v, i % count, count, scale))
    if len(current) > 1:
        paths.append(current)
    return paths, False


def label_anchor(index: int, count: int) -> tuple[float, float]:
    """Where a label's box hangs from its point, so labels sit outside the chart: labels on
    the right start at the point, on the left end at it, at the top/bottom are centred."""
    angle = axis_angle(index, count)
    x, y = math.cos(angle), math.sin(angle)
    # only a spoke pointing (almost) straight up or down gets a centred label: with 15 themes
    # the two spokes either side of the bottom are close enough for centred labels to collide
    horizontal = 0.5 if abs(x) < 0.1 else (0.0 if x > 0 else 1.0)
    vertical = 0.5 if abs(y) < 0.3 else (1.0 if y > 0 else 0.0)
    return horizontal, vertical


def wrap_label(text: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text
