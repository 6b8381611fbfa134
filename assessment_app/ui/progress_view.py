"""The results screen's progress view for a follow-up: what is comparable with the workshop it
follows, baseline and now on one radar per function, and the progress table (per function and
dimension: then, now, change, the baseline's target, progress to target). The figures are
``analysis.compare``'s, the same as the PDF's page and ``tandem compare``.

Imports pyqtgraph through radar_chart, like the rest of the results screen."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..analysis.compare import Comparison, Progress
from ..analysis.numbers import fmt
from ..analysis.progress_radar import progress_radars
from ..analysis.series import baseline_of, load_comparison
from ..content.actions import Action
from ..content.questionnaire import (
    DIMENSIONS,
    ROLE_LABELS,
    ROLES,
    Questionnaire,
    dimension_label,
    role_label,
)
from ..i18n import N_, tr
from ..i18n.formats import percent
from ..rules.dates import day_label
from ..store.database import Store
from .radar_chart import RadarChart
from .text import WrappedLabel

COLUMNS = (N_("Function"), N_("Dimension"), N_("Statements"), N_("Then"), N_("Now"),
           N_("Change"), N_("Target"), N_("Progress to target"))


class ProgressView(QWidget):
    def __init__(self, store: Store, actions: list[Action],
                 editions: Mapping[tuple[str, str], Questionnaire] | None = None,
                 parent: QWidget | None = None,
                 shown: Callable[[Questionnaire], Questionnaire] | None = None) -> None:
        super().__init__(parent)
        self.store, self.catalog_actions, self.editions = store, actions, editions
        self.shown = shown  # both workshops' questionnaires in the window's words
        self.comparison: Comparison | None = None
        self._pair: tuple[str, str] | None = None  # (baseline, follow-up) ids
        self._since = ""  # the baseline's date, as people read it
        self._stale = False
        self.summary = WrappedLabel()
        self.summary.setAccessibleName(tr("What is compared"))
        labels = {role: ROLE_LABELS[role] for role in ROLES}
        self.radars = {role: RadarChart(tr("{function}: then and now", function=tr(label)))
                       for role, label in labels.items()}
        charts = QHBoxLayout()
        for role in ROLES:
            charts.addWidget(self.radars[role], 1)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(column) for column in COLUMNS])
        self.table.setAccessibleName(tr("Progress to target"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(charts, 3)
        layout.addWidget(self.table, 2)

    @property
    def title(self) -> str:
        return tr("Progress since {date}", date=self._since) if self._since else tr("Progress")

    def show_workshop(self, workshop_id: str) -> bool:
        """Follow ``workshop_id`` against the workshop it follows (False: it follows none
        here). The comparison (about 90 ms for two rooms of 60) is made when the view is
        seen, not at every answer saved while it is hidden."""
        baseline = baseline_of(self.store, workshop_id)
        self._pair = None if baseline is None else (baseline, workshop_id)
        self._since = "" if baseline is None else day_label(self.store.workshop(baseline).date)
        self._stale = baseline is not None
        if baseline is None:
            self.comparison = None
        self._show_if_visible()
        return baseline is not None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._show_if_visible()

    def _show_if_visible(self) -> None:
        if not (self._stale and self._pair and self.isVisible()):
            return
        self._stale = False
        c = self.comparison = load_comparison(self.store, *self._pair, self.catalog_actions,
                                              self.editions, self.shown)
        self.summary.setText(
            tr("Compared with “{name}” of {date}: {comparable}. {people} Dashed: then; solid: "
               "now. Progress to target is (now − then) ÷ (target − then), with the targets set "
               "then; nothing rests on fewer than {minimum} people.",
               name=c.baseline.workshop.name, date=self._since,
               comparable=c.comparable_sentence, people=c.people_sentence, minimum=c.minimum))
        self._fill_table(c)
        axes, series = progress_radars(c)
        for role in ROLES:
            self.radars[role].set_data(axes, series[role])

    def _fill_table(self, c: Comparison) -> None:
        rows = [(role, group, c.functions[role][group]) for role in ROLES
                for group in (*DIMENSIONS, "all") if group in c.functions[role]]
        self.table.setRowCount(len(rows))
        for n, (role, group, p) in enumerate(rows):
            values = (role_label(role),
                      tr("All comparable") if group == "all" else dimension_label(group),
                      str(p.statements), fmt(p.then, decimals=2), fmt(p.now, decimals=2),
                      fmt(p.change, signed=True, decimals=2), fmt(p.target, decimals=2),
                      _progress(p, c.minimum))
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(n, column, item)


def _progress(p: Progress, minimum: int) -> str:
    if p.progress is not None:
        return percent(p.progress * 100)
    if p.then is None:
        return tr("fewer than {minimum} answers", minimum=minimum)
    return tr("not defined (target = then)")
