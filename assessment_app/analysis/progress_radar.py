"""What the screen's progress radars draw: one radar per function, its axes the themes of the
comparable statements (in the follow-up's order, grouped by dimension), the level then as a
dashed outline and now as a solid one, each the weighted mean over the theme's comparable
statements that are shown both times (``compare.progress_of``)."""

from __future__ import annotations

from ..content.questionnaire import DIMENSIONS, ROLE_LABELS, ROLES, dimension_label
from .compare import Comparison, progress_of
from .radar_geometry import Axis, Series
from .radar_series import COLOURS, SYMBOLS


def progress_radars(c: Comparison) -> tuple[list[Axis], dict[str, list[Series]]]:
    """The axes, and per function its two series (then, now)."""
    q = c.followup.questionnaire
    order = {d: n for n, d in enumerate(DIMENSIONS)}
    themes = sorted((t for t in q.themes if any(s.theme == t.id for s in c.statements)),
                    key=lambda t: order.get(t.dimension, 99))
    axes = [Axis(t.title, dimension_label(t.dimension)) for t in themes]
    series: dict[str, list[Series]] = {}
    for role in ROLES:
        figures = [progress_of([s for s in c.statements if s.theme == t.id], role)
                   for t in themes]
        series[role] = [
            Series(f"{ROLE_LABELS[role]}, then", [f.then for f in figures], COLOURS[role],
                   dashed=True, symbol="t", fill=False),
            Series(f"{ROLE_LABELS[role]}, now", [f.now for f in figures], COLOURS[role],
                   symbol=SYMBOLS[role])]
    return axes, series
