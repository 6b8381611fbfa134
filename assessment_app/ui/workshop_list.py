"""The first screen: every workshop, with create, rename, delete and open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, tr, tr_n
from . import dialogs
from .changes import follow
from .models import WorkshopListModel
from .operations import Operations

if TYPE_CHECKING:  # the catalog (and YAML) loads after the first paint
    from ..content.catalog import Catalog
    from ..content.questionnaire import Questionnaire

ORGANISATION_COLUMN = 1
ORGANISATION_MAX_CHARS = 32  # the column's widest; a longer organisation is elided (tooltip)
# the widest value each short column can show (sized once from these, never by asking rows)
WIDEST = {2: "2026-12-31", 3: "9999", 4: N_("{finished} of {count}")}  # 9999 of 9999


class WorkshopListPage(QWidget):
    open_requested = Signal(str)

    def __init__(self, ops: Operations, catalog: Catalog, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.store = ops.store
        self.catalog = catalog
        self.model = WorkshopListModel(self.store, self)  # sorts itself (no proxy)
        if ops.changes is not None:
            follow(self, ops.changes, self.refresh)  # every workshop's counts are listed here

        title = QLabel(tr("Workshops"))
        title.setObjectName("pageTitle")
        self.empty_hint = QLabel(tr("No workshops yet. Create one, or try the demo workshop "
                                    "to see what Tandem shows after a session."))
        self.empty_hint.setWordWrap(True)

        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Workshops"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self._size_columns()
        self.model.modelReset.connect(self._size_organisation_column)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.table.activated.connect(lambda _: self.open_selected())
        self._chosen: str | None = None  # kept across a refresh, which resets the model
        self.model.modelAboutToBeReset.connect(self._remember_choice)
        self.model.modelReset.connect(self._keep_a_choice)

        self.new_button = QPushButton(tr("&New workshop…"))
        self.demo_button = QPushButton(tr("Add de&mo workshop"))
        self.open_button = QPushButton(tr("&Open"))
        self.rename_button = QPushButton(tr("&Rename…"))
        self.delete_button = QPushButton(tr("&Delete…"))
        self.new_button.clicked.connect(self.create_workshop)
        self.demo_button.clicked.connect(self.create_demo)
        self.open_button.clicked.connect(self.open_selected)
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.open_button.setDefault(True)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.rename_button, self.delete_button, self.open_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self._size_organisation_column()
        self._keep_a_choice()
        self._update_buttons()

    def refresh(self) -> None:
        with dialogs.reporting_errors(self, tr("Cannot read the workshops")):
            self.model.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """A new text size (View › Text size) applies at once: the columns are measured again
        (at projector size the dates were cut to "2026-1…")."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "table"):
            QTimer.singleShot(0, self.table, self._size_all_columns)  # with its new font

    def _size_all_columns(self) -> None:
        self._size_columns()
        self._size_organisation_column()

    def _size_columns(self) -> None:
        """Widths set once, from the headers and the widest value each column can show: never
        ``ResizeToContents``, which asks ``data()`` of every row at every change (75k calls at
        500 workshops). The workshop's name takes the room that is left."""
        header = self.table.horizontalHeader()
        metrics, titles = self.table.fontMetrics(), header.fontMetrics()
        pad = 4 * metrics.averageCharWidth()  # margins and the sort arrow
        for column, sample in WIDEST.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = WorkshopListModel.HEADERS[column]
            header.resizeSection(column, max(
                metrics.horizontalAdvance(tr(sample, finished=9999, count=9999)),
                titles.horizontalAdvance(tr(title))) + pad)
        header.setSectionResizeMode(ORGANISATION_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _size_organisation_column(self) -> None:
        """As wide as the widest organisation, up to a cap: a long organisation is elided,
        never pushes the workshop's name out of view. Measured from the model's strings, not
        by asking every cell."""
        metrics = self.table.fontMetrics()
        header = WorkshopListModel.HEADERS[ORGANISATION_COLUMN]
        title = self.table.horizontalHeader().fontMetrics().horizontalAdvance(tr(header))
        pad = 4 * metrics.averageCharWidth()
        widest = max((metrics.horizontalAdvance(o) for o in self.model.organisations()),
                     default=0)
        cap = metrics.averageCharWidth() * ORGANISATION_MAX_CHARS
        self.table.setColumnWidth(ORGANISATION_COLUMN, min(max(widest, title) + pad, cap))

    def _remember_choice(self) -> None:
        self._chosen = self.selected_id()

    def _keep_a_choice(self) -> None:
        """A list with workshops always has one chosen, selected and current: the one chosen
        before a refresh, else the first (the newest). Qt shows the current row framed even
        when it is not selected, so at start-up the first row looked chosen while Enter and
        Open did nothing."""
        row = self.model.row_of(self._chosen) if self._chosen else -1
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for button in (self.open_button, self.rename_button, self.delete_button):
            button.setEnabled(has)
        self.empty_hint.setVisible(self.model.rowCount() == 0)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.workshop_id(rows[0].row())

    def select(self, workshop_id: str) -> None:
        row = self.model.row_of(workshop_id)
        if row >= 0:
            self.table.selectRow(row)

    def create_workshop(self) -> None:
        questionnaires = self.shown_questionnaires()
        if not questionnaires:
            dialogs.show_error(self, tr("No questionnaire"), tr(
                "No valid questionnaire is installed, so a workshop cannot be created; "
                "installing Tandem again brings its questionnaires back."))
            return
        fields = dialogs.ask_workshop(self, questionnaires)
        if fields is None:
            return
        with dialogs.reporting_errors(self, tr("Cannot create the workshop")):
            workshop = self.ops.create_workshop(
                fields.name, self.catalog.get(fields.questionnaire_id),
                organization=fields.organization, on=fields.date)
            self.open_requested.emit(workshop.id)

    def shown_questionnaires(self) -> list[Questionnaire]:
        """The installed questionnaires to choose from, titled in the window's language (a
        workshop still stores the original: the choice is by id)."""
        words = self.catalog.wording()
        return [words.questionnaire(q) for q in self.catalog.questionnaires.values()]

    def create_demo(self) -> None:
        with dialogs.reporting_errors(self, tr("Cannot create the demo workshop")):
            workshop, made = self.ops.create_demo(self.catalog.default())
            self.select(workshop.id)
            window = self.window()
            if not made and isinstance(window, QMainWindow):
                window.statusBar().showMessage(tr("The demo workshop is already in the list, "
                                                  "so it is chosen rather than made again."),
                                               15000)

    def open_selected(self) -> None:
        workshop_id = self.selected_id()
        if workshop_id:
            self.open_requested.emit(workshop_id)

    def rename_selected(self) -> None:
        workshop_id = self.selected_id()
        if not workshop_id:
            return
        with dialogs.reporting_errors(self, tr("Cannot rename the workshop")):
            w = self.store.workshop(workshop_id)
            fields = dialogs.ask_workshop(
                self, self.shown_questionnaires(),
                dialogs.WorkshopFields(w.name, w.organization, w.date, w.questionnaire_id))
            if fields is None:
                return
            self.ops.update_workshop(workshop_id, name=fields.name,
                                     organization=fields.organization, date=fields.date)
            self.select(workshop_id)

    def delete_selected(self) -> None:
        workshop_id = self.selected_id()
        if not workshop_id:
            return
        with dialogs.reporting_errors(self, tr("Cannot delete the workshop")):
            w = self.store.workshop(workshop_id)
            count = len(self.store.participants(workshop_id))
            if not dialogs.ask_confirm(
                    self, tr("Delete workshop"),
                    tr_n("Delete “{name}” with its {n} participant and all their answers? This "
                         "cannot be undone; export a bundle first if you may need it.",
                         "Delete “{name}” with its {n} participants and all their answers? This "
                         "cannot be undone; export a bundle first if you may need it.", count,
                         name=w.name),
                    tr("Delete workshop")):
                return
            self.ops.delete_workshop(workshop_id)
