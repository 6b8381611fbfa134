"""The gap heat map: themes or items with each function's mean, the perception and ambition gaps,
the don't-know share and the research benchmark, coloured on a stated scale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ..questionnaire import DIMENSION_LABELS
from ..scoring import Scores
from .models import Index, _RowsModel

ItemIdRole = Qt.UserRole + 10
NumberRole = Qt.UserRole + 11

FULL_COLOUR_AT = 2.0  # a gap of two levels gets the full colour
MARKETING_HIGHER = QColor("#E69F00")  # Okabe-Ito orange
IT_HIGHER = QColor("#56B4E9")  # Okabe-Ito sky blue
AMBITION = QColor("#009E73")  # Okabe-Ito bluish green
DONT_KNOW = QColor("#CC79A7")  # Okabe-Ito reddish purple

LEGEND = ("Perception gap = marketing − IT: orange where marketing rates the organisation "
          "higher, blue where IT does. Ambition gap = target − today: green. Don't know: purple. "
          f"Colour deepens with size, full at {FULL_COLOUR_AT:g} levels (50% for don't know).")


@dataclass(frozen=True)
class GapRow:
    kind: str  # "theme" or "item"
    id: str
    dimension: str
    theme: str
    statement: str
    marketing: float | None
    it: float | None
    perception_gap: float | None
    ambition_gap: float | None
    dont_know_share: float | None
    benchmark: str
    benchmark_sort: float | None


def _share(dont_know: int, n: int) -> float | None:
    return 100 * dont_know / (dont_know + n) if dont_know + n else None


def gap_rows(scores: Scores) -> tuple[list[GapRow], list[GapRow]]:
    """(theme rows, item rows) from the scoring engine's results."""
    themes = [GapRow("theme", t.id, DIMENSION_LABELS.get(t.dimension, t.dimension), t.title,
                     "", t.roles["marketing"].mean_current, t.roles["it"].mean_current,
                     t.perception_gap, t.ambition_gap,
                     _share(sum(r.dont_know for r in t.roles.values()),
                            sum(r.n for r in t.roles.values())), "", None)
              for t in scores.themes]
    titles = {t.id: t.title for t in scores.themes}
    items = []
    for s in scores.items:
        m, i = s.roles["marketing"], s.roles["it"]
        b = s.item.benchmark
        bench = ""
        if b is not None:
            here = "/".join("–" if r.share_at_least_4 is None else f"{r.share_at_least_4:.0f}%"
                            for r in (m, i))
            bench = f"research {b.marketing:.0f}%/{b.it:.0f}% · here {here}"
        items.append(GapRow("item", s.item.id, DIMENSION_LABELS.get(s.item.dimension, ""),
                            titles.get(s.item.theme, s.item.theme), s.item.text_for("marketing"),
                            m.mean_current, i.mean_current, s.perception_gap, s.ambition_gap,
                            _share(m.dont_know + i.dont_know, m.n + i.n), bench,
                            b.marketing - b.it if b else None))
    return themes, items


def tint(colour: QColor, strength: float) -> QColor:
    """``colour`` blended onto white: 0 is white, 1 is the full colour (text stays black)."""
    strength = max(0.0, min(1.0, strength)) * 0.85
    return QColor(round(255 + (colour.red() - 255) * strength),
                  round(255 + (colour.green() - 255) * strength),
                  round(255 + (colour.blue() - 255) * strength))


def _fmt(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    if abs(value) < 0.05:
        value = 0.0  # never print "-0.0"
    return f"{value:+.1f}" if signed and value else f"{value:.1f}"


class GapTableModel(_RowsModel):
    HEADERS = ("Dimension", "Theme", "Statement", "Marketing", "IT", "Perception gap",
               "Ambition gap", "Don't know", "Benchmark")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[GapRow] = []

    def set_rows(self, rows: list[GapRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> GapRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        c = index.column()
        numbers = (None, None, None, r.marketing, r.it, r.perception_gap, r.ambition_gap,
                   r.dont_know_share, r.benchmark_sort)
        if role == Qt.DisplayRole:
            texts = (r.dimension, r.theme, r.statement or "(all statements)", _fmt(r.marketing),
                     _fmt(r.it), _fmt(r.perception_gap, True), _fmt(r.ambition_gap, True),
                     "–" if r.dont_know_share is None else f"{r.dont_know_share:.0f}%",
                     r.benchmark)
            return texts[c]
        if role == NumberRole:  # what sorting compares
            if c < 3:
                return (r.dimension, r.theme, r.statement)[c]
            return float("-inf") if numbers[c] is None else numbers[c]
        if role == ItemIdRole:
            return r.id if r.kind == "item" else None
        if role == Qt.BackgroundRole:
            return self._background(r, c)
        if role == Qt.TextAlignmentRole and 3 <= c <= 7:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole and c == 2 and r.statement:
            return r.statement
        return None

    @staticmethod
    def _background(r: GapRow, column: int) -> QColor | None:
        if column == 5 and r.perception_gap is not None:
            colour = MARKETING_HIGHER if r.perception_gap > 0 else IT_HIGHER
            return tint(colour, abs(r.perception_gap) / FULL_COLOUR_AT)
        if column == 6 and r.ambition_gap is not None:
            return tint(AMBITION, max(0.0, r.ambition_gap) / FULL_COLOUR_AT)
        if column == 7 and r.dont_know_share:
            return tint(DONT_KNOW, r.dont_know_share / 50)
        return None
