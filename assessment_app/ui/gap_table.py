"""The gap heat map on screen: a Qt model over ``gap_rows`` coloured by ``palette``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ..analysis import palette
from ..analysis.gap_rows import GapRow
from ..analysis.numbers import fmt, percent
from .models import Index, RowsModel
from .text import plain_tooltip

ItemIdRole = Qt.UserRole + 10
NumberRole = Qt.UserRole + 11


class GapTableModel(RowsModel):
    HEADERS = ("Dimension", "Theme", "Statement", "Marketing", "IT", "Perception gap",
               "Ambition gap", "Don't know", "Benchmark (mkt/IT)")

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
            texts = (r.dimension, r.theme, r.statement or "(all statements)", fmt(r.marketing),
                     fmt(r.it), fmt(r.perception_gap, True), fmt(r.ambition_gap, True),
                     percent(r.dont_know_share),
                     r.benchmark)
            return texts[c]
        if role == NumberRole:  # what sorting compares
            if c < 3:
                return (r.dimension, r.theme, r.statement)[c]
            value = numbers[c]
            if value is None:
                return float("-inf")
            return abs(value) if c == 5 else value  # a disagreement is wide either way
        if role == ItemIdRole:
            return r.id if r.kind == "item" else None
        if role == Qt.BackgroundRole:
            return self._background(r, c)
        if role == Qt.TextAlignmentRole and 3 <= c <= 7:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:
            return plain_tooltip({1: r.theme, 2: r.statement, 8: r.benchmark}.get(c) or "") or None
        return None

    @staticmethod
    def _background(r: GapRow, column: int) -> QColor | None:
        fill = {5: lambda: palette.perception_fill(r.perception_gap),
                6: lambda: palette.ambition_fill(r.ambition_gap),
                7: lambda: palette.dont_know_fill(r.dont_know_share)}.get(column)
        colour = fill() if fill else None
        return QColor(colour) if colour else None
