"""The results screen for the projector: radar charts, the gap heat map and the drill-down on
one item. It follows ``Changes``: an answer saved in the kiosk, an import, or a write by another
process redraws it (at once when on screen, else when next shown).

Imports pyqtgraph through radar_chart, so it is imported only when first opened.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..analysis.drilldown import item_comments, item_distribution
from ..analysis.gap_rows import GapRow, gap_rows
from ..analysis.palette import LEGEND
from ..analysis.radar_series import chart_series, radar_axes, radar_note
from ..analysis.scoring import Scores
from ..analysis.voice import labelled
from ..analysis.workshop import ScoredWorkshop
from ..content.actions import Action
from ..content.questionnaire import Questionnaire, dimension_label
from ..i18n import N_, tr
from ..rules.privacy import withheld_label
from . import dialogs
from .changes import ANSWERS, PARTICIPANTS, WORKSHOPS, follow
from .drill_down import comment_lines, distribution_html
from .gap_table import GapTableModel, ItemIdRole, NumberRole, table_note
from .operations import Operations
from .progress_view import ProgressView
from .radar_chart import RadarChart
from .results_feed import ResultsFeed
from .results_texts import ShownTexts, shown_texts
from .text import ElidedLabel, WrappedLabel

# the most of the page's height the headlines take before they scroll: at projector size on a
# 1366x768 screen eleven of them left the radar 204 pixels
HEADLINES_SHARE = 0.2

CHARTS = (
    (N_("Marketing vs IT, today"), "compare"),
    (N_("Today vs target: marketing"), "marketing"),
    (N_("Today vs target: IT"), "it"),
    (N_("Today vs target: both functions"), "both"),
)


class ResultsPage(QWidget):
    back_requested = Signal()

    def __init__(self, ops: Operations, actions: list[Action],
                 editions: Mapping[tuple[str, str], Questionnaire] | None = None,
                 parent: QWidget | None = None,
                 shown: Callable[[Questionnaire], Questionnaire] | None = None):
        """``actions`` and ``shown`` (the stored questionnaire in the window's words) come
        from the catalog's ``Wording`` in the window's language."""
        super().__init__(parent)
        self.store = ops.store
        self.catalog_actions = actions  # not ``actions``: that is QWidget's list of QActions
        self.workshop_id: str | None = None
        self.scores: Scores | None = None
        self._labelled = False  # comments may carry their function (``voice.labelled``)
        self._laid_out_by_theme: bool | None = None  # how the heat map's columns are laid out
        self._gap_rows: tuple[list[GapRow], list[GapRow]] | None = None  # themes, statements
        self._shown_id: str | None = None  # the workshop whose figures are on screen

        self.back_button = QPushButton(tr("← Workshop"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = ElidedLabel()  # "Results: <workshop name>", the name as typed
        self.title.setObjectName("pageTitle")
        self.status = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.status)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_chart_tab(), tr("Radar charts"))
        self.tabs.addTab(self._build_table_tab(), tr("Gap heat map"))
        self.progress = ProgressView(self.store, actions, editions, shown=shown)  # follow-ups
        self.tabs.addTab(self.progress, tr("Progress"))
        self.tabs.setTabVisible(2, False)
        # the PDF summary's headline sentences and who answered how much (analysis.summary)
        self.headlines = WrappedLabel()
        self.headlines.setAccessibleName(tr("Headlines"))
        self.completion = WrappedLabel()
        self.completion.setObjectName("keyHelp")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.headlines_box = QScrollArea()
        self.headlines_box.setWidget(self.headlines)
        self.headlines_box.setWidgetResizable(True)
        self.headlines_box.setFrameShape(QFrame.Shape.NoFrame)
        self.headlines_box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.headlines_box)
        layout.addWidget(self.completion)
        layout.addWidget(self.tabs, 1)

        # only what changed is read again; the sentences and rows made beside the scores
        self.feed = ResultsFeed(self.store, actions, self, prepare=shown_texts, shown=shown)
        self.feed.scored.connect(self._show_scored)
        self.feed.failed.connect(
            lambda message: dialogs.show_error(self, tr("Cannot compute the results"), message))
        if ops.changes is not None:  # answers from the kiosk, an import, another process
            follow(self, ops.changes, self.follow_changes, workshop=lambda: self.workshop_id,
                   kinds=(WORKSHOPS, PARTICIPANTS, ANSWERS))

    def _fit_headlines(self, grow_only: bool = False) -> None:
        """The headlines take the height they need, up to ``HEADLINES_SHARE`` of the page;
        past that they scroll, and the charts keep the room. ``grow_only`` (new figures of the
        same workshop, a room answering): never shorter, and when short, the whole share at
        once, so the radar is resized (its labels planned again) once, not per headline."""
        bar = self.headlines_box.verticalScrollBar().sizeHint().width()
        needed = (self.headlines.heightForWidth(max(1, self.headlines_box.width() - bar))
                  if self.headlines.isVisibleTo(self) else 0)
        line = self.headlines.fontMetrics().lineSpacing()  # whole lines, none cut in half
        most = int(self.height() * HEADLINES_SHARE) // line * line
        height = max(0, min(needed, most))
        if grow_only:
            height = self.headlines_box.height() if height <= self.headlines_box.height() else most
        self.headlines_box.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_headlines()

    # -- building ------------------------------------------------------------------------------

    def _build_chart_tab(self) -> QWidget:
        tab = QWidget()
        self.chart_choice = QComboBox()
        self.chart_choice.setAccessibleName(tr("Chart"))
        for label, mode in CHARTS:
            self.chart_choice.addItem(tr(label), mode)
        self.chart_choice.currentIndexChanged.connect(self.draw_chart)
        self.export_button = QPushButton(tr("Export chart…"))
        self.export_button.clicked.connect(self.export_chart)
        self.chart_note = QLabel()  # theme titles from the questionnaire file
        self.chart_note.setTextFormat(Qt.TextFormat.PlainText)
        self.chart_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Show:")))
        row.addWidget(self.chart_choice)
        row.addWidget(self.chart_note, 1)
        row.addWidget(self.export_button)
        self.chart = RadarChart()
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.chart, 1)
        return tab

    def _build_table_tab(self) -> QWidget:
        tab = QWidget()
        self.show_themes = QRadioButton(tr("Themes"))
        self.show_items = QRadioButton(tr("Statements"))
        self.show_themes.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.show_themes)
        group.addButton(self.show_items)
        self.show_themes.toggled.connect(self._show_table_rows)
        self.model = GapTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(NumberRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(tr("Gap heat map"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.viewport().installEventFilter(self)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        self._size_columns()
        self.table.selectionModel().currentRowChanged.connect(self._drill_down)
        legend = QLabel(tr(LEGEND) + " " + tr("Benchmark: the share of marketing/IT leaders "
                                              "who agreed in published research → the share of "
                                              "this room at level 4 or 5."))
        legend.setWordWrap(True)
        legend.setObjectName("keyHelp")

        self.drill_title = QLabel(tr("Select a statement to see how the answers spread."))
        self.drill_title.setWordWrap(True)
        self.drill_title.setTextFormat(Qt.TextFormat.PlainText)
        self.distribution = QLabel()
        self.distribution.setTextFormat(Qt.TextFormat.RichText)
        self.distribution.setWordWrap(True)  # a long research note never widens the window
        self.comments_model = QStringListModel(self)
        comments = QListView()
        comments.setModel(self.comments_model)
        comments.setWordWrap(True)
        comments.setAccessibleName(tr("Comments"))
        comments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        drill = QWidget()
        drill_layout = QVBoxLayout(drill)
        drill_layout.setContentsMargins(8, 0, 0, 0)
        drill_layout.addWidget(self.drill_title)
        drill_layout.addWidget(self.distribution)
        drill_layout.addWidget(QLabel(tr("Comments (by function, no names):")))
        drill_layout.addWidget(comments, 1)

        switch = QHBoxLayout()
        switch.addWidget(QLabel(tr("Rows:")))
        switch.addWidget(self.show_themes)
        switch.addWidget(self.show_items)
        switch.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(switch)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(legend)
        self.table_note = QLabel()  # what '–†' means, when a theme row shows it
        self.table_note.setTextFormat(Qt.TextFormat.PlainText)
        self.table_note.setWordWrap(True)
        self.table_note.setObjectName("keyHelp")
        left_layout.addWidget(self.table_note)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(drill)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(tab)
        layout.addWidget(splitter)
        return tab

    # -- data ----------------------------------------------------------------------------------

    def show_workshop(self, workshop_id: str) -> None:
        self.workshop_id = workshop_id
        self._shown_id = None  # the headlines fitted afresh
        self.refresh()

    def refresh(self) -> None:
        """Read and score the workshop now (only the participants whose answers moved since
        the last look: ``ResultsFeed``), then redraw what is on screen."""
        if not self.workshop_id:
            return
        with dialogs.reporting_errors(self, tr("Cannot compute the results")):
            scored = self.feed.load(self.workshop_id)
            self._show_scored(scored, shown_texts(scored))

    def follow_changes(self) -> None:
        """Data changed: a small change is shown at once, a large one when its thread is done."""
        with dialogs.reporting_errors(self, tr("Cannot compute the results")):
            self.feed.follow()

    def _show_scored(self, scored: ScoredWorkshop, texts: ShownTexts | None = None) -> None:
        """Redraw what is on screen: the heat map, and the radar if its tab is the one shown.
        A radar nobody sees is drawn when its tab is next shown (pyqtgraph spends about 30 ms
        on one, which every answer saved would cost)."""
        if scored.workshop.id != self.workshop_id:
            return
        texts = texts or shown_texts(scored)
        same_workshop = self._shown_id == scored.workshop.id  # new figures, same room
        self._shown_id = scored.workshop.id
        self.participants, self.answers = scored.participants, scored.answers
        self._labelled = labelled(scored)  # comments carry their function (``voice``)
        self.scores = scored.scores
        self._gap_rows = texts.gap_rows
        self.title.setText(tr("Results: {name}", name=scored.workshop.name))
        self.status.setText(tr("{finished} of {count} participants finished",
                               finished=scored.finished(), count=len(scored.participants)))
        self.headlines.setText(texts.headlines)
        self.headlines.setVisible(bool(texts.headlines))
        self._fit_headlines(grow_only=same_workshop)
        # who is still answering: kept as tall while their list shortens (as the headlines)
        self.completion.setMinimumHeight(self.completion.height() if same_workshop else 0)
        self.completion.setText(texts.completion)
        if not getattr(self, "_chart_follows_tabs", False):
            self.tabs.currentChanged.connect(self._draw_chart_if_stale)
            self._chart_follows_tabs = True
        self._chart_stale = True
        self._draw_chart_if_stale()
        self._show_table_rows()
        self.tabs.setTabVisible(2, self.progress.show_workshop(scored.workshop.id))
        self.tabs.setTabText(2, self.progress.title)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """A new text size (View › Text size) applies at once: the columns are measured and
        the chart drawn again in the new font."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "table"):
            self._size_columns()
            self._laid_out_by_theme = None
            if self.scores is not None:
                self._show_table_rows()
                self._chart_stale = True
                self._draw_chart_if_stale()

    def _draw_chart_if_stale(self, _tab: int = -1) -> None:
        if getattr(self, "_chart_stale", False) and self.chart.isVisibleTo(self.tabs):
            self._chart_stale = False
            self.draw_chart()

    def draw_chart(self) -> None:
        if self.scores is None:
            return
        mode = self.chart_choice.currentData()
        compare = mode == "compare"  # there a theme without a perception gap is marked
        self.chart.set_data(radar_axes(self.scores, marked=compare),
                            chart_series(self.scores, mode))
        dims = " · ".join(tr("{dimension} from “{theme}”", dimension=dimension_label(d.id),
                             theme=_first_theme(self.scores, d.id))
                          for d in self.scores.dimensions)
        note = radar_note(self.scores) if compare else ""
        self.chart_note.setText(tr("Clockwise from the top: {dimensions}. The centre is level "
                                   "1, the outer ring level 5.", dimensions=dims)
                                + (" " + note if note else ""))

    def _show_table_rows(self) -> None:
        """The heat map's rows (themes or statements); the model keeps each cell's text and
        colour, so painting asks nothing of the scores. The columns are laid out again only
        when the view switches, so a refresh keeps a width the facilitator dragged."""
        if self.scores is None:
            return
        if self._gap_rows is None:  # once per scoring, not per switch
            self._gap_rows = gap_rows(self.scores)
        themes, items = self._gap_rows
        by_theme = self.show_themes.isChecked()
        self.model.set_rows(themes if by_theme else items)
        note = table_note(themes if by_theme else items, by_theme)
        self.table_note.setText(note)
        self.table_note.setVisible(bool(note))
        if getattr(self, "_laid_out_by_theme", None) == by_theme:
            return
        self._laid_out_by_theme = by_theme
        # themes: the theme takes the room (there is no statement column); statements: the
        # statement does, and the theme keeps an adjustable width with its title as tooltip
        self.table.setColumnHidden(2, by_theme)
        metrics = self.table.fontMetrics()
        if by_theme:
            self._fit_theme_column()
        else:
            self.table.horizontalHeader().setSectionResizeMode(
                1, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(1, 18 * metrics.averageCharWidth())

    def _fit_theme_column(self) -> None:
        """Themes: the theme takes the room left, and never less than its longest title (at
        the projector's text size the room left is not enough: the table scrolls instead)."""
        if not self.show_themes.isChecked() or not hasattr(self, "table"):
            return
        metrics = self.table.fontMetrics()
        titles = [str(self.model.index(row, 1).data() or "")
                  for row in range(self.model.rowCount())]
        widest = (max((metrics.horizontalAdvance(t) for t in titles), default=0)
                  + 3 * metrics.averageCharWidth())
        others = sum(self.table.columnWidth(c) for c in range(self.model.columnCount())
                     if c != 1 and not self.table.isColumnHidden(c))
        header = self.table.horizontalHeader()
        if self.table.viewport().width() - others >= widest:
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(1, widest)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """The table resized (the window, the splitter, its tab shown): fit the theme again."""
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_theme_column()
        return False

    def _size_columns(self) -> None:
        """Widths set once from the headers and the widest possible figure, never by asking
        every row (ResizeToContents reads each cell on every refresh)."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        header.setMinimumSectionSize(40)
        pad = 4 * metrics.averageCharWidth()
        fewer = withheld_label(3)
        samples = {0: tr("Technology"), 3: fewer, 4: fewer, 5: "+4.0", 6: "+4.0", 7: fewer,
                   8: "100/100% → here 100/100%"}  # not translated: a width sample
        for column, sample in samples.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = GapTableModel.HEADERS[column]
            header.resizeSection(column, max(metrics.horizontalAdvance(sample),
                                             metrics.horizontalAdvance(tr(title))) + pad)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _drill_down(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        item_id = current.data(ItemIdRole) if current.isValid() else None
        if not item_id or self.scores is None:
            self.drill_title.setText(tr("Select a statement to see how the answers spread."))
            self.distribution.clear()
            self.comments_model.setStringList([])
            return
        score = self.scores.item(item_id)
        self.drill_title.setText(score.item.text_for("marketing"))
        dist = item_distribution(item_id, self.participants, self.answers)
        self.distribution.setText(distribution_html(score, dist, self.scores.minimum))
        self.comments_model.setStringList(comment_lines(
            item_comments(item_id, self.participants, self.answers), self._labelled))

    def export_chart(self) -> None:
        name = self.chart_choice.currentText().replace(":", "").replace(",", "")
        path = dialogs.ask_save_path(self, tr("Export chart"), f"{name}.png",
                                     tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if path:
            with dialogs.reporting_errors(self, tr("Cannot export the chart")):
                self.chart.export(path)


def _first_theme(scores: Scores, dimension: str) -> str:
    return next((t.title for t in scores.themes if t.dimension == dimension), "")
