"""Qt table models over the store: the workshop list and a workshop's participants."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ..content.questionnaire import ROLE_LABELS
from ..i18n import N_, tr
from ..rules.dates import short_day_label
from ..rules.progress import PersonProgress, WorkshopProgress
from ..rules.records import Participant, WorkshopSummary
from ..store.backups import Backup
from ..store.database import Store
from .text import plain_tooltip

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


class RowsModel(QAbstractTableModel):
    """A flat table of ``_rows`` under fixed ``HEADERS``."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            header = self.HEADERS[section]
            return tr(header)
        return None


class WorkshopListModel(RowsModel):
    """Every workshop in the database, one row each, sortable by any column.

    Built for hundreds of workshops: the cells' values are computed once per refresh, so
    ``data()`` (which Qt calls for every role of every visible cell at each paint) only looks
    them up, and sorting is one Python sort of those values here, not a sorting proxy asking
    ``data()`` for each comparison. The sort is stable, in both directions, so the rows come
    in the order the proxy gave them."""

    HEADERS = (N_("Workshop"), N_("Organisation"), N_("Date"), N_("Participants"),
               N_("Finished"))

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._store_order: list[WorkshopSummary] = []  # as the store lists them
        self._rows: list[WorkshopSummary] = []  # as shown
        self._display: list[tuple] = []
        self._sorted_by: tuple[int, bool] | None = None  # column, descending
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._store_order = self.store.workshops()
        self._arrange(self._store_order)
        self.endResetModel()

    def _arrange(self, rows: list[WorkshopSummary]) -> None:
        """``rows`` in the chosen order, and their cells' values. The sort is stable: ties
        keep the order ``rows`` had (the store's after a refresh, the previous sort's after a
        header click), as a sorting proxy keeps them."""
        if self._sorted_by is not None:
            column, descending = self._sorted_by
            rows = sorted(rows, key=lambda w: _workshop_sort_key(w, column), reverse=descending)
        self._rows = list(rows)
        self._display = [(w.name, w.organization, short_day_label(w.date), w.participants,
                          tr("{finished} of {count}", finished=w.completed,
                             count=w.participants)) for w in self._rows]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's sort (a header click, ``sortByColumn``); column -1 is the store's order."""
        sorted_by = (column, order == Qt.SortOrder.DescendingOrder) if 0 <= column < 5 else None
        if sorted_by == self._sorted_by:
            return
        self.layoutAboutToBeChanged.emit()
        old_row = {id(w): n for n, w in enumerate(self._rows)}
        self._sorted_by = sorted_by
        self._arrange(self._rows if sorted_by is not None else self._store_order)
        new_row = {old_row[id(w)]: n for n, w in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(new_row[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def organisations(self) -> list[str]:
        """Every organisation shown (for sizing its column without asking each cell)."""
        return list(dict.fromkeys(w.organization for w in self._rows))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        if role == _DISPLAY:
            return self._display[row][column] if 0 <= column < 5 else None
        if role == _ALIGNMENT:
            return _RIGHT if column in (3, 4) else None
        if role == IdRole:
            return self._rows[row].id
        if role == SortRole:
            return _workshop_sort_key(self._rows[row], column)
        if role == _TOOLTIP and column in (0, 1):
            w = self._rows[row]
            if column == 0:
                return plain_tooltip(f"{w.name}\n" + tr("Questionnaire: {questionnaire}",
                                                          questionnaire=w.questionnaire_id))
            return plain_tooltip(w.organization) or None  # a long one is elided in its cell
        return None

    def workshop_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, workshop_id: str) -> int:
        return next((n for n, w in enumerate(self._rows) if w.id == workshop_id), -1)


# roles as plain ints: data() compares them for every cell of every paint
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _workshop_sort_key(w: WorkshopSummary, column: int) -> Any:
    """What a column sorts by: the text as shown (compared as Qt compares strings, case first),
    the numbers as numbers, "Finished" by the count of finished participants."""
    return (w.name, w.organization, w.date, w.participants, w.completed)[column] \
        if 0 <= column < 5 else None


class ParticipantsModel(RowsModel):
    """A workshop's participants with their progress through the questionnaire. Each cell's
    value is worked out once per refresh; ``data()`` looks it up."""

    HEADERS = (N_("Name"), N_("Function"), N_("Job title"), N_("Answered"))

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.workshop_id: str | None = None
        self._progress = WorkshopProgress(0)
        self._cells: list[dict[int, tuple]] = []

    def set_workshop(self, workshop_id: str | None) -> None:
        self.workshop_id = workshop_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        if self.workshop_id:
            self._rows = self.store.participants(self.workshop_id)
            self._progress = self.store.progress(self.workshop_id)
        else:
            self._rows, self._progress = [], WorkshopProgress(0)
        self._cells = [self._cells_of(p) for p in self._rows]
        self.endResetModel()

    def _cells_of(self, p: Participant) -> dict[int, tuple]:
        progress = self.progress_of(p.id)
        role = ROLE_LABELS[p.role]
        answered, total = progress.done, progress.total
        done = " ✓" if progress.finished else ""
        return {
            _DISPLAY: (p.name, tr(role), p.title, f"{answered} / {total}{done}"),
            SortRole: (p.name, p.role, p.title, answered),
            IdRole: (p.id,) * 4,
            _ALIGNMENT: (None, None, None, _RIGHT),
            _ACCESSIBLE: (None, None, None, tr("{answered} of {total} items answered",
                                          answered=answered, total=total)),
            _TOOLTIP: (plain_tooltip(p.name) or None, None,  # long names and titles are
                       plain_tooltip(p.title) or None, None),  # elided in their cells
        }

    @property
    def total_items(self) -> int:
        return self._progress.total

    def progress_of(self, participant_id: str) -> PersonProgress:
        return self._progress.of(participant_id)

    def answered(self, participant_id: str) -> int:
        return self._progress.of(participant_id).done

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._cells) or not 0 <= column < 4:
            return None
        values = self._cells[row].get(role)
        return None if values is None else values[column]

    def participant(self, row: int) -> Participant | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def participants(self) -> list[Participant]:
        """Everyone shown, in the store's order."""
        return list(self._rows)

    def row_of(self, participant_id: str | None) -> int | None:
        return next((n for n, p in enumerate(self._rows) if p.id == participant_id), None)

    def finished(self) -> int:
        """How many have answered every item."""
        return self._progress.finished(p.id for p in self._rows)


class BackupListModel(RowsModel):
    """The database's backups, newest first."""

    HEADERS = (N_("Made"), N_("Why"), N_("Workshops"), N_("Answers"))

    def __init__(self, backups: list[Backup], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = list(backups)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        b = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            made = f"{short_day_label(b.made_at.date().isoformat())} {b.made_at:%H:%M:%S}"
            return (made, b.reason, b.workshops, b.answers)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def backup(self, row: int) -> Backup | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
