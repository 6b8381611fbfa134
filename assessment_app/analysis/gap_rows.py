"""The rows of the gap heat map (themes or statements with each function's mean, the gaps, the
don't-know share and the research benchmark), as plain data the screen and the PDF both show.

The perception gap a row shows is the difference of the two means as printed
(``numbers.printed_gap``), so the gap always equals the means beside it; none for a statement
each function rates about itself, and for a theme what ``GroupScore.shown_gap`` decides (none
for a theme holding a self-rated statement, ``self_rated``), the rule the radar reads too."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.questionnaire import DIMENSION_LABELS
from .item_stats import room_dont_know_share
from .numbers import fmt, printed_gap
from .scoring import Scores

SELF_MARK = "†"  # beside a theme that shows no perception gap (``GroupScore.self_rated``)
SELF_RATED_NOTE = (f"{SELF_MARK} This theme holds a statement each function answers about "
                   "itself, so its two means do not measure the same thing and no perception "
                   "gap is given; the statements both functions rate alike each show theirs.")


@dataclass(frozen=True)
class GapRow:
    kind: str  # "theme" or "item"
    id: str
    dimension: str
    theme: str
    statement: str
    marketing: float | None
    it: float | None
    perception_gap: float | None  # as shown: the printed means' difference, or None
    ambition_gap: float | None
    dont_know_share: float | None  # the room's (``item_stats.room_dont_know_share``), as the need
    benchmark: str
    benchmark_sort: float | None
    self_rated: bool = False  # a self-rated statement, or a theme holding one: no gap shown


def gap_rows(scores: Scores) -> tuple[list[GapRow], list[GapRow]]:
    """(theme rows, item rows) from the scoring engine's results."""
    self_rated = {s.item.id for s in scores.items if not s.item.compared}
    themes = [GapRow("theme", t.id, DIMENSION_LABELS.get(t.dimension, t.dimension), t.title, "",
                     t.roles["marketing"].mean_current, t.roles["it"].mean_current,
                     t.shown_gap, t.ambition_gap, room_dont_know_share(t.roles), "", None,
                     t.self_rated)
              for t in scores.themes]
    titles = {t.id: t.title for t in scores.themes}
    items = []
    for s in scores.items:
        m, i = s.roles["marketing"], s.roles["it"]
        b = s.item.benchmark
        bench = ""
        if b is not None:  # "43/50% → here 20/75%": marketing/IT, research then this room,
            # the room's share at or above the level from which the statement is true (as
            # the PDF's benchmark page counts it)
            here = "/".join(fmt(r.share_statement_true, decimals=0) for r in (m, i))
            bench = f"{fmt(b.marketing, decimals=0)}/{fmt(b.it, decimals=0)}% → here {here}%"
        items.append(GapRow("item", s.item.id, DIMENSION_LABELS.get(s.item.dimension, ""),
                            titles.get(s.item.theme, s.item.theme), s.item.text_for("marketing"),
                            m.mean_current, i.mean_current,
                            None if s.perception_gap is None
                            else printed_gap(m.mean_current, i.mean_current),
                            s.ambition_gap, room_dont_know_share(s.roles), bench,
                            b.marketing - b.it if b else None, s.item.id in self_rated))
    return themes, items

