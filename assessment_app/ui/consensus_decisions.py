"""The room's decisions on the consensus page: each chosen statement with how many re-rated it,
everyone's median in round 1 and round 2 (or "fewer than 3"), the proposed levels and the
decision recorded; below, the editor for the selected statement (agreed today and target,
proposed from round 2, a status and a note)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..analysis.consensus import EVERYONE, GroupLevels
from ..analysis.consensus_view import ConsensusView, StatementRounds
from ..content.questionnaire import LEVEL_COUNT, Questionnaire
from ..i18n import N_, tr, tr_p
from ..rules.consensus import DECISION_STATUSES
from ..rules.privacy import withheld_note
from . import dialogs
from .operations import Operations

COLUMNS = (N_("Statement"), N_("Re-rated"), N_("Round 1 median"), N_("Round 2 median"),
           N_("Proposed"), N_("Decision"))
STATUS_LABELS = {"agreed": N_("Agreed"), "dissent": N_("Agreed, with a recorded dissent"),
                 "deferred": N_("Deferred: evidence needed")}


def median_text(group: GroupLevels) -> str:
    return withheld_note(group.minimum) if group.measures is None else f"{group.measures.median:g}"


def decision_text(statement: StatementRounds) -> str:
    d = statement.decision
    if d is None:
        return tr("not decided")
    return tr("{status}: today {today}, target {target}", status=status_word(d.status),
              today=d.current, target=d.target)


def status_word(status: str) -> str:
    """A decision's status in a table cell, in one word or two."""
    return {"agreed": tr_p("decision", "agreed"), "dissent": tr_p("decision", "dissent"),
            "deferred": tr_p("decision", "deferred")}.get(status, status)


class DecisionsPanel(QWidget):
    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.workshop_id: str | None = None
        self.view: ConsensusView | None = None
        self.items: list[str] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(column) for column in COLUMNS])
        self.table.setAccessibleName(tr("Decisions on the chosen statements"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, 150)
        self.table.setColumnWidth(5, 220)
        self.table.itemSelectionChanged.connect(self._selected)
        self.current = QSpinBox(minimum=1, maximum=LEVEL_COUNT)
        self.target = QSpinBox(minimum=1, maximum=LEVEL_COUNT)
        self.current.setAccessibleName(tr("Agreed level today"))
        self.target.setAccessibleName(tr("Agreed target level"))
        self.status = QComboBox()
        for status in DECISION_STATUSES:
            label = STATUS_LABELS[status]
            self.status.addItem(tr(label), status)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Rationale, and who brings the evidence"))
        self.record_button = QPushButton(tr("&Record decision"))
        self.record_button.clicked.connect(self.record)
        self.proposed = QLabel()
        levels = QHBoxLayout()
        levels.addWidget(QLabel(tr("Today")))
        levels.addWidget(self.current)
        levels.addWidget(QLabel(tr("Target")))
        levels.addWidget(self.target)
        levels.addWidget(self.proposed, 1)
        form = QFormLayout()
        form.addRow(tr("Agreed levels"), levels)
        form.addRow(tr("Status"), self.status)
        form.addRow(tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("The room's decisions:")))
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignRight)
        self._selected()

    def show_view(self, workshop_id: str, view: ConsensusView,
                  questionnaire: Questionnaire) -> None:
        chosen = self.selected_item()
        self.workshop_id, self.view = workshop_id, view
        self.items = list(view.selected)
        wording = {i.id: i.text_for("marketing") for i in questionnaire.items}
        self.table.setRowCount(len(self.items))
        for row, item_id in enumerate(self.items):
            s = view.statements[item_id]
            proposal = (tr("today {today}, target {target} (round {round})",
                           today=s.proposal.current, target=s.proposal.target,
                           round=s.proposal.round_no)
                        if s.proposal else withheld_note(view.minimum))
            cells = (wording.get(item_id, item_id), str(s.rerated),
                     median_text(s.round1[EVERYONE]), median_text(s.round2[EVERYONE]),
                     proposal, decision_text(s))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if chosen in self.items:
            self.table.selectRow(self.items.index(chosen))
        self._selected()

    def selected_item(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    def _selected(self) -> None:
        item_id = self.selected_item()
        open_ = self.view is not None and bool(self.view.state.opened_at)
        for widget in (self.current, self.target, self.status, self.note, self.record_button):
            widget.setEnabled(item_id is not None and open_)
        if item_id is None or self.view is None:
            self.proposed.setText(tr("Choose a statement above.") if open_ else
                                  tr("Decisions are recorded once the round is open."))
            return
        s = self.view.statements[item_id]
        start = s.decision or s.proposal
        if start is not None:
            self.current.setValue(start.current)
            self.target.setValue(start.target)
        self.proposed.setText(tr("Proposed from round {round}: today {today}, target {target}.",
                                 round=s.proposal.round_no, today=s.proposal.current,
                                 target=s.proposal.target)
                              if s.proposal else tr("No proposal: fewer than {minimum} answers.",
                                                    minimum=self.view.minimum))
        if s.decision is not None:
            self.status.setCurrentIndex(DECISION_STATUSES.index(s.decision.status))
            self.note.setText(s.decision.note)
        else:
            self.status.setCurrentIndex(0)
            self.note.clear()

    def record(self) -> None:
        item_id = self.selected_item()
        if item_id is None or not self.workshop_id:
            return
        with dialogs.reporting_errors(self, tr("Cannot record the decision")):
            self.ops.decide(self.workshop_id, item_id, self.current.value(),
                            self.target.value(), self.status.currentData(), self.note.text())
