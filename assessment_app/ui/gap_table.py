"""The gap heat map on screen: a Qt model over ``gap_rows`` coloured by ``palette``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from ..analysis import palette
from ..analysis.gap_rows import SELF_MARK, SELF_RATED_NOTE, GapRow, withheld_sentence
from ..analysis.numbers import fmt, printed_gap
from ..i18n import N_, tr
from .models import Index, RowsModel
from .text import plain_tooltip

ItemIdRole = Qt.ItemDataRole.UserRole + 10
NumberRole = Qt.ItemDataRole.UserRole + 11


class GapTableModel(RowsModel):
    """The heat map's rows. Every cell's text, sort value and colour is computed once, when the
    rows are set: Qt asks ``data()`` for every role of every visible cell at each paint (a
    thousand calls and more per refresh), and each call only looks its answer up."""

    HEADERS = (N_("Dimension"), N_("Theme"), N_("Statement"), N_("Marketing"), N_("IT"),
               N_("Perception gap"), N_("Ambition gap"), N_("Don't know"),
               N_("Benchmark (mkt/IT)"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[GapRow] = []
        self._cells: list[dict[int, tuple]] = []  # per row: role -> the value per column

    def set_rows(self, rows: list[GapRow]) -> None:
        """Show ``rows``; the same rows again (a refresh whose figures did not move) leave the
        table, its selection and its painting alone."""
        if list(rows) == self._rows:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [_cells(r) for r in self._rows]
        self.endResetModel()

    def row(self, index: int) -> GapRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._cells) or not 0 <= column < 9:
            return None
        values = self._cells[row].get(role)
        return None if values is None else values[column]


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGNMENT = (None, None, None, _RIGHT, _RIGHT, _RIGHT, _RIGHT, _RIGHT, None)


SELF_MARK_TEXT = f"–{SELF_MARK}"  # as the PDF prints it, explained by ``SELF_RATED_NOTE``
SELF_RATED_TIP = {
    "theme": SELF_RATED_NOTE,
    "item": N_("No perception gap: each function answers this statement about itself."),
}


def shown_gap(r: GapRow) -> str:
    """The gap as the screen prints it: the difference of the two means beside it as the
    screen prints them (one decimal), so it reproduces like the PDF's; '–†' for a theme
    ``GroupScore.shown_gap`` gives none."""
    if r.self_rated and r.kind == "theme":
        return SELF_MARK_TEXT
    if r.perception_gap is None:
        return fmt(None)
    return fmt(printed_gap(r.marketing, r.it, decimals=1), True)


WITHHELD_TIP = N_("Withheld: fewer than {minimum} people in this function gave a level, so "
                  "their figures are not shown.")


def _sort_number(value: float | None, column: int) -> float:
    """What a number column sorts by: missing numbers first, a disagreement by its width."""
    if value is None:
        return float("-inf")
    return abs(value) if column == 5 else value  # a disagreement is wide either way


def _cells(r: GapRow) -> dict[int, tuple]:
    """One row's values for every role ``data()`` answers, column by column."""
    numbers = (None, None, None, r.marketing, r.it, r.perception_gap, r.ambition_gap,
               r.dont_know_share, r.benchmark_sort)
    sort_values = (r.dimension, r.theme, r.statement) + tuple(
        _sort_number(numbers[c], c) for c in range(3, 9))
    fills = {5: palette.perception_fill(r.perception_gap),
             6: palette.ambition_fill(r.ambition_gap),
             7: palette.dont_know_fill(r.dont_know_share)}
    tips = {1: r.theme, 2: r.statement, 8: r.benchmark}
    for column, role in ((3, "marketing"), (4, "it")):
        if role in r.withheld:
            tips[column] = tr(WITHHELD_TIP, minimum=r.minimum)
    if r.self_rated:
        tip = SELF_RATED_TIP[r.kind]
        tips[5] = tr(tip)
    return {
        int(Qt.ItemDataRole.DisplayRole): (
            r.dimension,
            r.theme,
            r.statement or tr("(all statements)"),
            r.mean("marketing", decimals=1),
            r.mean("it", decimals=1),
            shown_gap(r),
            fmt(r.ambition_gap, True),
            r.unknown(),
            r.benchmark,
        ),
        NumberRole: sort_values,  # what sorting compares
        ItemIdRole: (r.id if r.kind == "item" else None,) * 9,
        int(Qt.ItemDataRole.BackgroundRole): tuple(
            QColor(fills[c]) if fills.get(c) else None for c in range(9)
        ),
        int(Qt.ItemDataRole.TextAlignmentRole): _ALIGNMENT,
        int(Qt.ItemDataRole.ToolTipRole): tuple(
            plain_tooltip(tips.get(c) or "") or None for c in range(9)
        ),
    }


def table_note(rows: list[GapRow], by_theme: bool) -> str:
    """The line under the heat map: what '–†' means where a theme row shows it, and what
    'fewer than N' means where a figure is withheld (as the PDF says under its tables)."""
    marked = by_theme and any(r.self_rated for r in rows)
    withheld = withheld_sentence(rows, rows[0].minimum) if rows else ""
    return " ".join(part for part in (tr(SELF_RATED_NOTE) if marked else "", withheld) if part)
