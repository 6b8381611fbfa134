"""The action plan editor: the suggested ranking, which the facilitator edits with the room
(include or drop, reorder, accountable person, owner, horizon, due date, status, notes). Every
edit is saved at once; "Reset to suggested" brings the ranking back. A banner says whether the
plan is still the suggestion or agreed with the room, and "Mark as agreed" says so for every
output. The same plan shows as impact versus effort. The plan travels to Excel and back, and
PDFs are exported from here, the handouts in the background with progress and cancel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..analysis.impact_effort import impact_chart
from ..analysis.plan import plan_state
from ..content.actions import owner_label
from ..content.catalog import Catalog
from ..i18n import N_, tr, tr_n
from ..rules.dates import day_label
from . import background, dialogs
from .changes import ANSWERS, PARTICIPANTS, PLAN, follow
from .due_date import example
from .impact_view import ImpactEffortView
from .operations import Operations
from .plan_model import (  # noqa: F401 - the columns, as tests and tools name them
    ACCOUNTABLE,
    ACTION,
    CHOICES,
    DUE,
    HORIZON,
    INCLUDE,
    NOTES,
    NUMBER,
    OWNER,
    PRIORITY,
    STATUS,
    THE_FUNCTION,
    WHY,
    AccountableDelegate,
    ChoiceDelegate,
    DueDelegate,
    NotesDelegate,
    PlanModel,
)
from .text import ElidedLabel, WrappedLabel

SAMPLE_NAME = "Marie-Claire Dubois"  # not translated: a sample name, for a column's width
NOTES_COLUMN_MAX_CHARS = 40  # the notes column's widest; longer notes are elided (tooltip)
SUGGESTED_TEXT = N_("Suggested plan — not yet agreed with the room")
HINTS = {
    "suggested": N_("Suggested from the answers and numbered as the PDF prints it: by "
                    "horizon, the next 90 days first; Priority says how pressing each is (hover "
                    "“Why it ranks here”). Tick what the room agrees, name who is accountable, "
                    "set owners, horizons, due dates ({example} or 2027-03-31) and status; "
                    "every change is saved at once."),
    "agreed": N_("The plan as the room agreed it, numbered as the PDF prints it: by horizon, "
                 "the next 90 days first. Follow it up here: who is accountable, owners, "
                 "horizons, due dates ({example} or 2027-03-31) and status; every change is "
                 "saved at once."),
}
AGREED_TEXT = N_("Agreed with the room on {date}")
BANNER_STYLES = {  # set on the banner itself: explicit state, no dynamic properties
    "suggested": "QLabel { background: #fbefd4; color: #5c3d00; border: 1px solid #e69f00; "
                 "border-radius: 4px; padding: 6px 10px; font-weight: 600; }",
    "agreed": "QLabel { background: #cfede5; color: #00513b; border: 1px solid #009e73; "
              "border-radius: 4px; padding: 6px 10px; font-weight: 600; }"}


class PlanPage(QWidget):
    back_requested = Signal()

    def __init__(self, ops: Operations, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.store = ops.store
        self.catalog = catalog
        self.job: background.Job | background.ProcessJob | None = None
        self.model = PlanModel(self.store, self, ops)
        self.model.error.connect(lambda text: dialogs.show_error(self, tr("Not saved"), text))
        if ops.changes is not None:  # new answers move the suggestion; its own edits do not
            follow(self, ops.changes, self._reload, workshop=lambda: self.model.workshop_id,
                   kinds=(PARTICIPANTS, ANSWERS, PLAN))

        back = QPushButton(tr("← Workshop"))
        back.clicked.connect(self.back_requested)
        self.title = ElidedLabel()  # "Action plan: <workshop name>", the name as typed
        self.title.setObjectName("pageTitle")
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.title, 1)
        self.state = "suggested"
        self.banner = QLabel(tr(SUGGESTED_TEXT))
        self.banner.setAccessibleName(tr("Plan status"))
        self.agree_button = QPushButton(tr("Mark as &agreed"))
        self.agree_button.clicked.connect(self.toggle_agreed)
        state_row = QHBoxLayout()
        state_row.addWidget(self.banner, 1)
        state_row.addWidget(self.agree_button)
        self.hint = hint = QLabel()  # what to do here, for the plan's state (_show_state)
        hint.setWordWrap(True)

        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Action plan"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().sectionClicked.connect(lambda _: self.model.settle())
        delegate = ChoiceDelegate(self.table)
        for column in (OWNER, HORIZON, STATUS):
            self.table.setItemDelegateForColumn(column, delegate)
        self.table.setItemDelegateForColumn(ACCOUNTABLE,
                                            AccountableDelegate(self.model, self.table))
        self.table.setItemDelegateForColumn(NOTES, NotesDelegate(self.table))
        self.table.setItemDelegateForColumn(DUE, DueDelegate(self.table))
        self._size_columns()
        self.impact = ImpactEffortView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, tr("Plan &list"))
        self.tabs.addTab(self.impact, tr("Impact vs &effort"))
        self.tabs.currentChanged.connect(lambda _: self._show_impact())
        self.model.modelReset.connect(self._show_impact)
        self.model.dataChanged.connect(self._show_impact)

        self.up_button = QPushButton(tr("Move &up"))
        self.down_button = QPushButton(tr("Move d&own"))
        self.reset_button = QPushButton(tr("Re&set to suggested…"))
        self.excel_out_button = QPushButton(tr("E&xport to Excel…"))
        self.excel_in_button = QPushButton(tr("&Import from Excel…"))
        self.pdf_button = QPushButton(tr("Export workshop &PDF…"))
        self.pdf_button.setObjectName("primary")
        self.handouts_button = QPushButton(tr("Export all handou&ts…"))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.reset_button.clicked.connect(self.reset)
        self.excel_out_button.clicked.connect(self.export_workbook)
        self.excel_in_button.clicked.connect(self.import_workbook)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.handouts_button.clicked.connect(self.export_handouts)
        # two rows (editing and the workbook; what the room takes home), so at the projector's
        # text size on a 1366-pixel screen no button is cut and the window fits the screen
        editing = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.reset_button):
            editing.addWidget(b)
        editing.addStretch(1)
        for b in (self.excel_out_button, self.excel_in_button):
            editing.addWidget(b)
        exports = QHBoxLayout()
        exports.addStretch(1)
        for b in (self.handouts_button, self.pdf_button):
            exports.addWidget(b)
        buttons = QVBoxLayout()
        buttons.addLayout(editing)
        buttons.addLayout(exports)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(state_row)
        layout.addWidget(hint)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.export_status = WrappedLabel()  # where the last export went (paths as they are)
        self.export_status.setObjectName("keyHelp")
        layout.addWidget(self.export_status)
        self._show_state()

    def show_workshop(self, workshop_id: str) -> None:
        with dialogs.reporting_errors(self, tr("Cannot build the plan")):
            self.title.setText(tr("Action plan: {name}",
                                  name=self.store.workshop(workshop_id).name))
            words = self.catalog.wording()  # the window's language
            self.model.load(workshop_id, words.actions, words.questionnaire)
            self._show_state()

    # -- suggested or agreed --------------------------------------------------------------------

    def _show_state(self) -> None:
        workshop_id = self.model.workshop_id
        self.state = plan_state(self.store, workshop_id) if workshop_id else "suggested"
        if self.state == "agreed" and workshop_id:
            stamp = self.store.plan_agreed_at(workshop_id)
            self.banner.setText(tr(AGREED_TEXT, date=day_label(stamp)))
            self.agree_button.setText(tr("&Back to suggested"))
            self.agree_button.setToolTip(
                tr("The plan is no longer called agreed; your edits stay."))
        else:
            self.banner.setText(tr(SUGGESTED_TEXT))
            self.agree_button.setText(tr("Mark as &agreed"))
            self.agree_button.setToolTip(tr("Say the room agreed this plan: every PDF then "
                                            "calls it agreed, and new answers no longer move it."))
        self.banner.setStyleSheet(BANNER_STYLES[self.state])
        hint = HINTS[self.state]
        self.hint.setText(tr(hint, example=example()))
        self.agree_button.setEnabled(workshop_id is not None)

    def toggle_agreed(self) -> None:
        workshop_id = self.model.workshop_id
        if not workshop_id:
            return
        with dialogs.reporting_errors(self, tr("Cannot change the plan's status")):
            self.ops.mark_plan_agreed(workshop_id, self.model.entries,
                                      agreed=self.state != "agreed")
        self._show_state()

    # -- impact versus effort -------------------------------------------------------------------

    def _show_impact(self) -> None:
        """Redrawn from the table's entries whenever they change, if the view is shown."""
        if self.tabs.currentWidget() is self.impact:
            self.impact.set_chart(impact_chart(self.model.entries, self.model.ranked))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """A new text size (View › Text size) applies at once: the columns are measured again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "table"):
            self._size_columns()

    def _size_columns(self) -> None:
        """Widths set once, from the headers and the widest value each column can hold: an
        edit never re-sizes the table (which used to shrink Action to "Appoin…" and move the
        next double-click onto another cell). The action keeps room for its title."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        em = metrics.averageCharWidth()
        pad = 4 * em
        widest = {INCLUDE: tr("In plan"), NUMBER: "88", PRIORITY: "10.00", DUE: "2027-12-31",
                  **{c: max(map(name, values), key=len) for c, (values, name) in CHOICES.items()},
                  ACCOUNTABLE: max(tr(THE_FUNCTION), SAMPLE_NAME, key=len)}
        widest[OWNER] = max(widest[OWNER], owner_label("cmo", "cio"), key=len)  # with a partner
        arrow = 3 * em  # a drop-down's arrow, so the chosen value is not cut while editing
        for column, sample in widest.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = PlanModel.HEADERS[column]
            header.resizeSection(column, max(metrics.horizontalAdvance(sample),
                                             metrics.horizontalAdvance(tr(title))) + pad
                                 + (arrow if column in (ACCOUNTABLE, STATUS) else 0))
        header.setSectionResizeMode(NOTES, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NOTES, em * NOTES_COLUMN_MAX_CHARS // 2)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(WHY, 24 * em)
        # the action's title is what the room reads: at least 30 characters wide, even when
        # the projector's text size makes the table scroll sideways; spare room goes to "why"
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ACTION, 30 * em)
        header.setStretchLastSection(True)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        """Leaving the page puts every row in its place in the plan."""
        self.model.settle()
        super().hideEvent(event)

    def _reload(self) -> None:
        if self.model.workshop_id and not self.model.saving:  # not for its own table edits
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
                self, tr("Reset the plan"), tr("Go back to the suggested ranking? Your choices, "
                   "owners, dates and notes in this plan are discarded."), tr("Reset")):
            return
        with dialogs.reporting_errors(self, tr("Cannot reset the plan")):
            self.ops.reset_plan(self.model.workshop_id)
            self.show_workshop(self.model.workshop_id)

    # -- Excel ----------------------------------------------------------------------------------

    def export_workbook(self) -> None:
        """The plan as an Excel workbook to finish after the workshop."""
        from ..exchange.plan_workbook import write_plan_workbook
        from ..files import safe_file_name

        workshop_id = self.model.workshop_id
        if not workshop_id:
            return
        w = self.store.workshop(workshop_id)
        path = dialogs.ask_save_path(self, tr("Export the plan to Excel"),
                                     f"{safe_file_name(w.name)} plan.xlsx",
                                     tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        with dialogs.reporting_errors(self, tr("Plan not exported")):
            written = write_plan_workbook(self.store, workshop_id, self.catalog,
                                          Path(path))
            self.export_status.setText(tr("Saved at {time}: {path}", time=f"{datetime.now():%H:%M}",
                                          path=written))

    def import_workbook(self) -> None:
        """Read an edited plan workbook back, all or nothing; the page follows the change. The
        file is parsed in a background thread (a workbook near the limits takes a moment), so
        the window stays responsive; the checked rows are applied on the UI thread."""
        workshop_id = self.model.workshop_id
        if not workshop_id:
            return
        path = dialogs.ask_open_path(self, tr("Import the plan from Excel"),
                                     tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        from ..exchange.plan_workbook_read import workbook_rows

        job = background.Job(lambda progress, cancelled: workbook_rows(Path(path)))
        self.job = job
        self.excel_in_button.setEnabled(False)
        self.export_status.setText(tr("Reading the workbook…"))

        def read(rows: Any) -> None:  # parsed off the UI thread; applied here, in one transaction
            self.job = None
            self.excel_in_button.setEnabled(True)
            self.export_status.setText("")
            with dialogs.reporting_errors(self, tr("Plan not imported")):
                summary = self.ops.import_plan_workbook(workshop_id, self.catalog.actions,
                                                        Path(path), rows)
                if self.ops.changes is None:  # nothing announces it: show it here
                    self.show_workshop(workshop_id)
                self.export_status.setText(summary.sentence())

        def failed(message: str) -> None:
            self.job = None
            self.excel_in_button.setEnabled(True)
            self.export_status.setText("")
            dialogs.show_error(self, tr("Plan not imported"), message)

        job.signals.finished.connect(read)
        job.signals.failed.connect(failed)
        background.start(job)

    # -- PDFs ----------------------------------------------------------------------------------

    def export_pdf(self) -> None:
        from ..files import safe_file_name
        from ..reports.jobs import workshop_pdf

        workshop_id = self.model.workshop_id
        if not workshop_id:
            return
        w = self.store.workshop(workshop_id)
        path = dialogs.ask_save_path(self, tr("Export workshop action plan"), tr(
            "{name} action plan.pdf", name=safe_file_name(w.name)), tr("PDF (*.pdf)"))
        if not path:
            return
        self._run(workshop_pdf, workshop_id, str(path), tr("Writing the workshop PDF…"),
                  Path(path).parent)

    def export_handouts(self) -> None:
        from ..reports.jobs import all_handouts

        workshop_id = self.model.workshop_id
        if not workshop_id:
            return
        folder = dialogs.ask_folder(self, tr("Folder for the handouts"))
        if not folder:
            return
        self._run(all_handouts, workshop_id, str(folder), tr("Writing the personal handouts…"),
                  Path(folder))

    def _run(self, work: Callable[..., Any], workshop_id: str, out: str, label: str,
             folder: Path) -> None:
        """Run a PDF export (a job of ``export_jobs``) in its own process, with a progress
        dialog whose Cancel stops it at once; open the folder when done, and list the
        handouts that could not be made."""
        if self.store.memory:
            dialogs.show_error(self, tr("PDF export failed"),
                               tr("PDFs are exported from a database file; this workshop is in "
                                  "a temporary in-memory database."))
            return
        catalog = self.catalog.load() if hasattr(self.catalog, "load") else self.catalog
        job = background.ProcessJob(work, self.store.path, catalog, workshop_id, out,
                                    dialogs.paper_size(), parent=self)
        progress = QProgressDialog(label, tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        self.job = job

        def advanced(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        job.signals.progress.connect(advanced)
        progress.canceled.connect(job.cancel)

        def finished(result: Any) -> None:  # the files written (with those not made)
            progress.reset()
            self.job = None
            written = list(result or [])
            not_made = list(getattr(result, "failed", []))
            if job.cancelled:
                dialogs.show_info(self, tr("Cancelled"),
                                  tr_n("Stopped after {n} file; it is in {folder}. The file "
                                       "being written when you cancelled was not kept.",
                                       "Stopped after {n} files; they are in {folder}. The file "
                                       "being written when you cancelled was not kept.",
                                       len(written), folder=folder))
            elif not_made:
                lines = "\n".join(f"• {f.name}: {f.reason}" for f in not_made)
                dialogs.show_error(
                    self, tr("Some handouts could not be made"),
                    tr_n("{n} of {count} handouts was written to {folder}. These could not be "
                         "made:", "{n} of {count} handouts were written to {folder}. These could "
                         "not be made:", len(written), count=len(written) + len(not_made),
                         folder=folder) + f"\n{lines}")
                if written:
                    dialogs.open_folder(folder)
            else:
                dialogs.open_folder(folder)
            if written and not job.cancelled:  # said on the page too: there may be no file
                self.export_status.setText(  # manager to show the folder
                    tr("Saved at {time}: {path}", time=f"{datetime.now():%H:%M}",
                       path=written[0] if len(written) == 1 else
                       tr_n("{n} file in {folder}", "{n} files in {folder}", len(written),
                            folder=folder)))

        def failed(message: str) -> None:
            progress.reset()
            self.job = None
            dialogs.show_error(self, tr("PDF export failed"), message)

        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        background.start(job)
