"""The action plan editor: the suggested ranking, which the facilitator edits with the room
(include or drop, reorder, owner, horizon, due date, notes). Every edit is saved at once;
"Reset to suggested" brings the ranking back. PDFs are exported from here, the handouts in the
background with progress and cancel."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..analysis.plan import PlanEntry, edited, load_plan, moved
from ..content.actions import HORIZON_LABELS, HORIZONS, OWNER_LABELS, OWNERS, Action
from ..content.catalog import Catalog
from ..errors import TandemError
from ..store.database import Store
from ..text_limits import NOTES_MAX_CHARS
from . import background, dialogs
from .changes import ANSWERS, PARTICIPANTS, follow
from .models import Index, RowsModel
from .operations import Operations
from .text import ElidedLabel, WrappedLabel, plain_tooltip

INCLUDE, PRIORITY, ACTION, OWNER, HORIZON, DUE, NOTES, WHY = range(8)
CHOICES = {OWNER: (OWNERS, OWNER_LABELS), HORIZON: (HORIZONS, HORIZON_LABELS)}
NOTES_COLUMN_MAX_CHARS = 40  # the notes column's widest; longer notes are elided (tooltip)


class PlanModel(RowsModel):
    """The plan's entries; edits go through ``plan.edited`` and are saved immediately."""

    HEADERS = ("In plan", "Priority", "Action", "Owner", "Horizon", "Due", "Notes",
               "Why it ranks here")
    error = Signal(str)

    def __init__(self, store: Store, parent=None, ops: Operations | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ops = ops or Operations(store)  # every save is announced through ops.changes
        self.workshop_id: str | None = None
        self._rows: list[PlanEntry] = []

    def load(self, workshop_id: str, actions: list[Action]) -> None:
        self.beginResetModel()
        self.workshop_id = workshop_id
        self._rows = load_plan(self.store, workshop_id, actions)
        self.endResetModel()

    @property
    def entries(self) -> list[PlanEntry]:
        return list(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlags:
        base = super().flags(index)
        if not index.isValid():
            return base
        if index.column() == INCLUDE:
            return base | Qt.ItemIsUserCheckable
        if index.column() in (OWNER, HORIZON, DUE, NOTES):
            return base | Qt.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e = self._rows[index.row()]
        c = index.column()
        if role == Qt.CheckStateRole and c == INCLUDE:
            return Qt.Checked if e.included else Qt.Unchecked
        if role == Qt.DisplayRole:
            return {
                PRIORITY: "–" if e.priority is None else f"{e.priority:.2f}",
                ACTION: e.action.title, OWNER: OWNER_LABELS[e.owner],
                HORIZON: HORIZON_LABELS[e.horizon], DUE: e.due, NOTES: e.notes,
                WHY: e.reasons[0] if e.reasons else "",
            }.get(c)
        if role == Qt.EditRole:
            return {OWNER: e.owner, HORIZON: e.horizon, DUE: e.due, NOTES: e.notes}.get(c)
        if role == Qt.ToolTipRole:
            if c == ACTION:
                return plain_tooltip(f"{e.action.title}\n\n{e.action.description}\n\n"
                                     f"Source: {e.action.source}")
            if c == WHY:
                return plain_tooltip("\n".join(e.reasons)) or None
            if c == NOTES:
                return plain_tooltip(e.notes) or None
        if role == Qt.ForegroundRole and not e.included:
            return Qt.gray
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.EditRole) -> bool:
        if not index.isValid():
            return False
        c = index.column()
        change: dict[str, Any] = {}
        if c == INCLUDE and role == Qt.CheckStateRole:
            change["included"] = Qt.CheckState(value) == Qt.Checked
        elif role == Qt.EditRole and c in (OWNER, HORIZON, DUE, NOTES):
            text = str(value).strip()
            if c == NOTES:
                text = text[:NOTES_MAX_CHARS].strip()
            change[{OWNER: "owner", HORIZON: "horizon", DUE: "due", NOTES: "notes"}[c]] = text
        else:
            return False
        try:
            updated = edited(self._rows[index.row()], **change)
            rows = list(self._rows)
            rows[index.row()] = updated
            self._save(rows)
        except TandemError as exc:
            self.error.emit(str(exc))
            return False
        self.dataChanged.emit(self.index(index.row(), 0),
                              self.index(index.row(), self.columnCount() - 1))
        return True

    def move(self, row: int, offset: int) -> int:
        """Move a row up (-1) or down (+1); returns its new row."""
        if not 0 <= row < len(self._rows):
            return row
        rows = moved(self._rows, row, offset)
        try:
            self.beginResetModel()
            self._save(rows)
        except TandemError as exc:
            self.error.emit(str(exc))
        finally:
            self.endResetModel()
        return max(0, min(len(rows) - 1, row + offset))

    def _save(self, rows: list[PlanEntry]) -> None:
        self.ops.save_plan(self.workshop_id, rows)  # raises before anything changes here
        self._rows = rows


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down for owner and horizon."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        values, labels = CHOICES[index.column()]
        combo = QComboBox(parent)
        for value in values:
            combo.addItem(labels[value], value)
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.EditRole))))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.EditRole)


class NotesDelegate(QStyledItemDelegate):
    """A line for the notes, held to NOTES_MAX_CHARS."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(NOTES_MAX_CHARS)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QLineEdit, index: QModelIndex) -> None:
        editor.setText(index.data(Qt.EditRole) or "")

    def setModelData(self, editor: QLineEdit, model, index: QModelIndex) -> None:
        model.setData(index, editor.text(), Qt.EditRole)


class PlanPage(QWidget):
    back_requested = Signal()

    def __init__(self, ops: Operations, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.store = ops.store
        self.catalog = catalog
        self.job: background.Job | None = None
        self.model = PlanModel(self.store, self, ops)
        self.model.error.connect(lambda text: dialogs.show_error(self, "Not saved", text))
        if ops.changes is not None:  # new answers move the suggestion; its own edits do not
            follow(self, ops.changes, self._reload, workshop=lambda: self.model.workshop_id,
                   kinds=(PARTICIPANTS, ANSWERS))

        back = QPushButton("← Workshop")
        back.clicked.connect(self.back_requested)
        self.title = ElidedLabel()  # "Action plan: <workshop name>", the name as typed
        self.title.setObjectName("pageTitle")
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.title, 1)
        hint = QLabel("Ranked by priority from the answers (hover “Why it ranks here” for the "
                      "numbers). Tick what the room agrees, set owners, horizons and due dates "
                      "(YYYY-MM-DD); every change is saved at once.")
        hint.setWordWrap(True)

        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        self.table.setModel(self.model)
        self.table.setAccessibleName("Action plan")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked
                                   | QAbstractItemView.EditKeyPressed
                                   | QAbstractItemView.SelectedClicked)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        delegate = ChoiceDelegate(self.table)
        self.table.setItemDelegateForColumn(OWNER, delegate)
        self.table.setItemDelegateForColumn(HORIZON, delegate)
        self.table.setItemDelegateForColumn(NOTES, NotesDelegate(self.table))
        self._size_columns()

        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move d&own")
        self.reset_button = QPushButton("Re&set to suggested…")
        self.pdf_button = QPushButton("Export workshop &PDF…")
        self.pdf_button.setObjectName("primary")
        self.handouts_button = QPushButton("Export all handou&ts…")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.reset_button.clicked.connect(self.reset)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.handouts_button.clicked.connect(self.export_handouts)
        buttons = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.handouts_button)
        buttons.addWidget(self.pdf_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.export_status = WrappedLabel()  # where the last export went (paths as they are)
        self.export_status.setObjectName("keyHelp")
        layout.addWidget(self.export_status)

    def show_workshop(self, workshop_id: str) -> None:
        with dialogs.reporting_errors(self, "Cannot build the plan"):
            self.title.setText(f"Action plan: {self.store.workshop(workshop_id).name}")
            self.model.load(workshop_id, self.catalog.actions)

    def _size_columns(self) -> None:
        """Widths set once, from the headers and the widest value each column can hold: an
        edit never re-sizes the table (which used to shrink Action to "Appoin…" and move the
        next double-click onto another cell). The action takes the room that is left."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        em = metrics.averageCharWidth()
        pad = 4 * em
        widest = {INCLUDE: "In plan", PRIORITY: "10.00", OWNER: max(OWNER_LABELS.values(), key=len),
                  HORIZON: max(HORIZON_LABELS.values(), key=len), DUE: "2027-12-31"}
        for column, sample in widest.items():
            header.setSectionResizeMode(column, QHeaderView.Interactive)
            header.resizeSection(column, max(metrics.horizontalAdvance(sample),
                                             metrics.horizontalAdvance(
                                                 PlanModel.HEADERS[column])) + pad)
        header.setSectionResizeMode(NOTES, QHeaderView.Interactive)
        header.resizeSection(NOTES, em * NOTES_COLUMN_MAX_CHARS // 2)
        header.setSectionResizeMode(WHY, QHeaderView.Interactive)
        header.resizeSection(WHY, 30 * em)
        header.setSectionResizeMode(ACTION, QHeaderView.Stretch)

    def _reload(self) -> None:
        if self.model.workshop_id:
            self.show_workshop(self.model.workshop_id)

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _move(self, offset: int) -> None:
        row = self._selected_row()
        if row is not None:
            self.table.selectRow(self.model.move(row, offset))

    def reset(self) -> None:
        if not self.model.workshop_id or not dialogs.ask_confirm(
                self, "Reset the plan", "Go back to the suggested ranking? Your choices, "
                "owners, dates and notes in this plan are discarded.", "Reset"):
            return
        with dialogs.reporting_errors(self, "Cannot reset the plan"):
            self.ops.reset_plan(self.model.workshop_id)
            self.show_workshop(self.model.workshop_id)

    # -- PDFs ----------------------------------------------------------------------------------

    def export_pdf(self) -> None:
        from ..files import safe_file_name
        from ..reports.jobs import workshop_pdf

        workshop_id = self.model.workshop_id
        if not workshop_id:
            return
        w = self.store.workshop(workshop_id)
        path = dialogs.ask_save_path(self, "Export workshop action plan",
                                     f"{safe_file_name(w.name)} action plan.pdf", "PDF (*.pdf)")
        if not path:
            return
        self._run(workshop_pdf, workshop_id, str(path), "Writing the workshop PDF…",
                  Path(path).parent)

    def export_handouts(self) -> None:
        from ..reports.jobs import all_handouts

        workshop_id = self.model.workshop_id
        if not workshop_id:
            return
        folder = dialogs.ask_folder(self, "Folder for the handouts")
        if not folder:
            return
        self._run(all_handouts, workshop_id, str(folder), "Writing the personal handouts…",
                  Path(folder))

    def _run(self, work, workshop_id: str, out: str, label: str, folder: Path) -> None:
        """Run a PDF export (a job of ``export_jobs``) in its own process, with a progress
        dialog whose Cancel stops it at once; open the folder when done, and list the
        handouts that could not be made."""
        if self.store.memory:
            dialogs.show_error(self, "PDF export failed", "PDFs are exported from a database "
                               "file; this workshop is in a temporary in-memory database.")
            return
        catalog = self.catalog.load() if hasattr(self.catalog, "load") else self.catalog
        job = background.ProcessJob(work, self.store.path, catalog, workshop_id, out,
                                    dialogs.paper_size(), parent=self)
        progress = QProgressDialog(label, "Cancel", 0, 0, self)
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(0)
        self.job = job
        job.signals.progress.connect(lambda done, total: (progress.setMaximum(total),
                                                          progress.setValue(done)))
        progress.canceled.connect(job.cancel)

        def finished(result) -> None:
            progress.reset()
            self.job = None
            written = list(result or [])
            not_made = list(getattr(result, "failed", []))
            if job.cancelled:
                dialogs.show_info(self, "Cancelled", f"Stopped after {len(written)} file(s); "
                                  f"they are in {folder}. The file being written when you "
                                  "cancelled was not kept.")
            elif not_made:
                lines = "\n".join(f"• {f.name}: {f.reason}" for f in not_made)
                dialogs.show_error(
                    self, "Some handouts could not be made",
                    f"{len(written)} of {len(written) + len(not_made)} handouts were written to "
                    f"{folder}. These could not be made:\n{lines}")
                if written:
                    dialogs.open_folder(folder)
            else:
                dialogs.open_folder(folder)
            if written and not job.cancelled:  # said on the page too: there may be no file
                self.export_status.setText(  # manager to show the folder
                    f"Saved at {datetime.now():%H:%M}: "
                    + (str(written[0]) if len(written) == 1 else
                       f"{len(written)} files in {folder}"))

        def failed(message: str) -> None:
            progress.reset()
            self.job = None
            dialogs.show_error(self, "PDF export failed", message)

        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        background.start(job)
