"""The facilitator's consensus page: round 1's triage (contested statements with their reasons
and measures, nothing under 3 answers), the statements chosen for discussion in their order
(by default triage's top 6), those the room can agree at once, opening and closing the round,
who has re-rated so far, the room's decisions, and the presenter view for the projector.

Every figure comes from ``analysis/consensus_view.load_consensus`` and every write goes through
``ui/operations``; nothing here decides a rule."""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..analysis.consensus import EVERYONE, GroupLevels
from ..analysis.consensus_view import ConsensusView, load_consensus
from ..analysis.numbers import reported
from ..content.questionnaire import Questionnaire
from ..i18n import N_, tr, tr_n
from ..i18n.formats import decimal_mark
from ..rules.changes import Kind
from ..rules.consensus import OPEN, ROUND_ONE
from ..rules.privacy import withheld_note
from . import dialogs
from .changes import follow
from .consensus_decisions import DecisionsPanel
from .operations import Operations
from .text import WrappedLabel

TRIAGE_COLUMNS = (N_("Discuss"), N_("Statement"), N_("Why it is contested"), N_("Marketing"),
                  N_("IT"), N_("Everyone"))
AGREED_AT_ONCE_NOTE = N_("Everyone was within one level in round 1; agreed at once.")


def measures_text(group: GroupLevels) -> str:
    """One group's measures in a cell: n, median, mean and agreement, or "fewer than 3"."""
    m = group.measures
    if m is None:
        return withheld_note(group.minimum)
    values = {"n": m.n, "median": f"{m.median:g}".replace(".", decimal_mark()),
              "mean": reported(m.mean), "rwg": reported(m.rwg)}
    if m.within_one:
        return tr("n {n}: median {median}, mean {mean}, rwg {rwg}, within one level", **values)
    return tr("n {n}: median {median}, mean {mean}, rwg {rwg}", **values)


def participants(count: int) -> str:
    return tr_n("{n} participant", "{n} participants", count)


def statement_label(questionnaire: Questionnaire, item_id: str) -> str:
    item = next((i for i in questionnaire.items if i.id == item_id), None)
    return item.text_for("marketing") if item is not None else item_id


class ConsensusPage(QWidget):
    back_requested = Signal()
    present_requested = Signal(str)  # the workshop: show the presenter view

    def __init__(self, ops: Operations, parent: QWidget | None = None,
                 shown: Callable[[Questionnaire], Questionnaire] | None = None,
                 library: Collection[str] | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.shown = shown  # the statements in the window's words (``Wording``)
        self.library = library  # the action library's ids, the dots count on (``load_consensus``)
        self.store = ops.store
        self.workshop_id: str | None = None
        self.view: ConsensusView | None = None
        self.questionnaire: Questionnaire | None = None
        self.back_button = QPushButton(tr("← Workshop"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel(tr("The consensus round"))
        self.title.setObjectName("pageTitle")
        self.state = WrappedLabel()
        self.rerated = QLabel()
        self.open_button = QPushButton(tr("&Open the consensus round"))
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.open_round)
        self.close_button = QPushButton(tr("&Close the round"))
        self.close_button.clicked.connect(self.close_round)
        self.present_button = QPushButton(tr("Show on the &projector"))
        self.present_button.clicked.connect(
            lambda: self.workshop_id and self.present_requested.emit(self.workshop_id))
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        for button in (self.present_button, self.close_button, self.open_button):
            top.addWidget(button)
        self.triage = self._triage_table()
        self.chosen = QListWidget()
        self.chosen.setWordWrap(True)
        self.chosen.setAccessibleName(tr("Chosen statements, in the order of discussion"))
        self.up_button = QPushButton(tr("Move &up"))
        self.down_button = QPushButton(tr("Move do&wn"))
        self.up_button.clicked.connect(lambda: self.move_chosen(-1))
        self.down_button.clicked.connect(lambda: self.move_chosen(1))
        self.at_once = QListWidget()
        self.at_once.setWordWrap(True)
        self.at_once.setAccessibleName(tr("Statements the room can agree at once"))
        self.agree_button = QPushButton(tr("&Agree at once"))
        self.agree_button.clicked.connect(self.agree_at_once)
        self.decisions = DecisionsPanel(ops)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.rerated)
        layout.addWidget(self._panels(), 1)
        if ops.changes is not None:
            follow(self, ops.changes, self.refresh, workshop=lambda: self.workshop_id,
                   kinds=(Kind.CONSENSUS, Kind.ANSWERS, Kind.PARTICIPANTS))

    def _triage_table(self) -> QTableWidget:
        table = QTableWidget(0, len(TRIAGE_COLUMNS))
        table.setHorizontalHeaderLabels([tr(column) for column in TRIAGE_COLUMNS])
        table.setAccessibleName(tr("Contested statements"))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        # rows fit their wrapped text at the columns' real widths (a few dozen rows at most)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, 190)
        table.itemChanged.connect(self._picked)
        return table

    def _panels(self) -> QSplitter:
        chosen = QWidget()
        box = QVBoxLayout(chosen)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(tr("Chosen for discussion, in this order:")))
        box.addWidget(self.chosen, 1)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        box.addLayout(moves)
        box.addWidget(QLabel(tr("Everyone within one level (agree at once):")))
        box.addWidget(self.at_once, 1)
        box.addWidget(self.agree_button)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.triage)
        upper.addWidget(chosen)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.decisions)
        return split

    # -- showing -------------------------------------------------------------------------------

    def show_workshop(self, workshop_id: str) -> None:
        self.workshop_id = workshop_id
        self.view = None
        self.refresh()

    def refresh(self) -> None:
        if not self.workshop_id:
            return
        with dialogs.reporting_errors(self, tr("Cannot read the consensus round")):
            before = self.view.state.edited_at if self.view is not None else None
            questionnaire = self.store.questionnaire_for(self.workshop_id)
            self.questionnaire = self.shown(questionnaire) if self.shown else questionnaire
            self.view = load_consensus(self.store, self.workshop_id, self.library)
            # the facilitator's unsaved picking survives re-ratings arriving meanwhile
            if before != self.view.state.edited_at:
                self._fill_chosen(list(self.view.selected) if self.view.state.opened_at
                                  else self.view.triage.default_selection)
            self._fill_triage()
            self._fill_at_once()
            self._show_state()
            self.decisions.show_view(self.workshop_id, self.view, self.questionnaire)

    def _show_state(self) -> None:
        view = self.view
        assert view is not None
        phase = view.state.phase
        self.state.setText({
            ROUND_ONE: tr("Round 1 is open. Pick the statements to discuss (triage proposes "
                          "the top 6), then open the consensus round: that closes round 1."),
            OPEN: tr("The consensus round is open: participants re-rate the chosen statements "
                     "on their phones or in the kiosk, and place their dots."),
        }.get(phase, tr("The consensus round is closed; decisions can still be recorded.")))
        self.rerated.setText(
            tr_n("{n} of {total} has re-rated every chosen statement; {voters} of them placed "
                 "dots.", "{n} of {total} have re-rated every chosen statement; {voters} of them "
                 "placed dots.", view.rerated_all, total=participants(view.participants),
                 voters=view.voters)
            if phase != ROUND_ONE else "")
        self.open_button.setText(tr("&Open the consensus round") if phase != OPEN
                                 else tr("Use this ch&oice"))
        self.close_button.setEnabled(phase == OPEN)
        self.agree_button.setEnabled(phase != ROUND_ONE and self.at_once.count() > 0)

    def _fill_triage(self) -> None:
        view, questionnaire = self.view, self.questionnaire
        assert view is not None and questionnaire is not None
        chosen = set(self.chosen_items())
        table = self.triage
        table.blockSignals(True)
        table.setRowCount(len(view.triage.contested))
        for row, contested in enumerate(view.triage.contested):
            rounds = view.statements[contested.item_id].round1
            pick = QTableWidgetItem()
            pick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            pick.setCheckState(Qt.CheckState.Checked if contested.item_id in chosen
                               else Qt.CheckState.Unchecked)
            pick.setData(Qt.ItemDataRole.UserRole, contested.item_id)
            cells = [statement_label(questionnaire, contested.item_id),
                     " ".join(r.text for r in contested.reasons),
                     *(measures_text(rounds[key]) for key in ("marketing", "it", EVERYONE))]
            table.setItem(row, 0, pick)
            for column, text in enumerate(cells, start=1):
                table.setItem(row, column, QTableWidgetItem(text))
        table.blockSignals(False)

    def _fill_chosen(self, items: list[str]) -> None:
        assert self.questionnaire is not None
        self.chosen.clear()
        for n, item_id in enumerate(items, start=1):
            entry = QListWidgetItem(f"{n}. {statement_label(self.questionnaire, item_id)}")
            entry.setData(Qt.ItemDataRole.UserRole, item_id)
            self.chosen.addItem(entry)

    def _fill_at_once(self) -> None:
        view, questionnaire = self.view, self.questionnaire
        assert view is not None and questionnaire is not None
        self.at_once.clear()
        for item_id, proposal in view.triage.agree_at_once:
            decided = view.statements[item_id].decision
            entry = QListWidgetItem(
                tr("{statement} — today {today}, target {target}",
                   statement=statement_label(questionnaire, item_id), today=proposal.current,
                   target=proposal.target) + (f" ({decided.status})" if decided else ""))
            entry.setData(Qt.ItemDataRole.UserRole, (item_id, proposal.current,
                                                     proposal.target))
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked if decided else Qt.CheckState.Checked)
            self.at_once.addItem(entry)

    def presented_items(self) -> list[str] | None:
        """What the projector shows: the round's statements once it is open, before that the
        ones picked here (None: the round's)."""
        if self.view is not None and self.view.state.phase == ROUND_ONE:
            return self.chosen_items()
        return None

    def chosen_items(self) -> list[str]:
        return [self.chosen.item(n).data(Qt.ItemDataRole.UserRole)
                for n in range(self.chosen.count())]

    # -- choosing ------------------------------------------------------------------------------

    def _picked(self, cell: QTableWidgetItem) -> None:
        if cell.column() != 0:
            return
        item_id = cell.data(Qt.ItemDataRole.UserRole)
        items = [i for i in self.chosen_items() if i != item_id]
        if cell.checkState() == Qt.CheckState.Checked:
            items.append(item_id)
        self._fill_chosen(items)

    def move_chosen(self, step: int) -> None:
        row = self.chosen.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.chosen.count():
            return
        items = self.chosen_items()
        items.insert(target, items.pop(row))
        self._fill_chosen(items)
        self.chosen.setCurrentRow(target)

    # -- writing -------------------------------------------------------------------------------

    def open_round(self) -> None:
        if not self.workshop_id or self.view is None:
            return
        items = self.chosen_items()
        if not items:
            dialogs.show_info(self, tr("Choose statements"), tr("Tick at least one statement to "
                                 "discuss before opening the consensus round."))
            return
        if self.view.state.phase == ROUND_ONE and not dialogs.ask_confirm(
                self, tr("Open the consensus round?"),
                tr_n("Opening the round closes round 1: from then on nobody can give or change "
                     "a first answer. {n} statement will be re-rated.",
                     "Opening the round closes round 1: from then on nobody can give or change "
                     "a first answer. {n} statements will be re-rated.", len(items)),
                tr("Open the round")):
            return
        with dialogs.reporting_errors(self, tr("Cannot open the consensus round")):
            self.ops.open_round(self.workshop_id, items)

    def close_round(self) -> None:
        if not self.workshop_id:
            return
        if not dialogs.ask_confirm(
                self, tr("Close the consensus round?"), tr("Closing ends re-rating and voting; the "
                   "room's decisions can still be recorded."), tr("Close the round")):
            return
        with dialogs.reporting_errors(self, tr("Cannot close the consensus round")):
            self.ops.close_round(self.workshop_id)

    def agree_at_once(self) -> None:
        """Record the ticked within-one-level statements as agreed at the proposed levels."""
        if not self.workshop_id:
            return
        ticked = [self.at_once.item(n).data(Qt.ItemDataRole.UserRole)
                  for n in range(self.at_once.count())
                  if self.at_once.item(n).checkState() == Qt.CheckState.Checked]
        with dialogs.reporting_errors(self, tr("Cannot record the decision")):
            for item_id, current, target in ticked:
                self.ops.decide(self.workshop_id, item_id, current, target, "agreed",
                                tr(AGREED_AT_ONCE_NOTE))
