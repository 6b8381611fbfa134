"""Qt table models over the store: the workshop list and a workshop's participants."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..content.questionnaire import ROLE_LABELS
from ..store.database import Store
from ..store.records import Participant, WorkshopSummary, has_finished
from .text import plain_tooltip

IdRole = Qt.UserRole + 1
SortRole = Qt.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


class RowsModel(QAbstractTableModel):
    """A flat table of ``_rows`` under fixed ``HEADERS``."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(
                self.HEADERS):
            return self.HEADERS[section]
        return None


class WorkshopListModel(RowsModel):
    """Every workshop in the database, one row each."""

    HEADERS = ("Workshop", "Organisation", "Date", "Participants", "Finished")

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self._rows: list[WorkshopSummary] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = self.store.workshops()
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        w = self._rows[index.row()]
        column = index.column()
        if role == IdRole:
            return w.id
        if role in (Qt.DisplayRole, SortRole):
            values = (w.name, w.organization, w.date, w.participants,
                      f"{w.completed} of {w.participants}")
            if role == SortRole and column == 4:
                return w.completed
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.TextAlignmentRole and column in (3, 4):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole and column == 0:
            return plain_tooltip(f"{w.name}\nQuestionnaire: {w.questionnaire_id}")
        if role == Qt.ToolTipRole and column == 1:  # a long organisation is elided in its cell
            return plain_tooltip(w.organization) or None
        return None

    def workshop_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, workshop_id: str) -> int:
        return next((n for n, w in enumerate(self._rows) if w.id == workshop_id), -1)


class ParticipantsModel(RowsModel):
    """A workshop's participants with their progress through the questionnaire."""

    HEADERS = ("Name", "Function", "Job title", "Answered")

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.workshop_id: str | None = None
        self.total_items = 0
        self._answered: dict[str, int] = {}

    def set_workshop(self, workshop_id: str | None) -> None:
        self.workshop_id = workshop_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        if self.workshop_id:
            self.total_items = len(self.store.questionnaire_for(self.workshop_id).items)
            self._rows = self.store.participants(self.workshop_id)
            self._answered = self.store.completion(self.workshop_id)
        else:
            self.total_items, self._rows, self._answered = 0, [], {}
        self.endResetModel()

    def answered(self, participant_id: str) -> int:
        return self._answered.get(participant_id, 0)

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        column = index.column()
        if role == IdRole:
            return p.id
        answered = self.answered(p.id)
        if role == Qt.DisplayRole:
            if column == 3:
                done = " ✓" if has_finished(answered, self.total_items) else ""
                return f"{answered} / {self.total_items}{done}"
            return (p.name, ROLE_LABELS[p.role], p.title)[column] if column < 3 else None
        if role == SortRole:
            return (p.name, p.role, p.title, answered)[column] if 0 <= column < 4 else None
        if role == Qt.TextAlignmentRole and column == 3:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.AccessibleTextRole and column == 3:
            return f"{answered} of {self.total_items} items answered"
        if role == Qt.ToolTipRole and column in (0, 2):  # long names and titles are elided
            return plain_tooltip((p.name, p.title)[column // 2]) or None
        return None

    def participant(self, row: int) -> Participant | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


class BackupListModel(RowsModel):
    """The database's backups, newest first."""

    HEADERS = ("Made", "Why", "Workshops", "Answers")

    def __init__(self, backups: list, parent=None) -> None:
        super().__init__(parent)
        self._rows = list(backups)

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        b = self._rows[index.row()]
        if role == Qt.DisplayRole:
            return (f"{b.made_at:%Y-%m-%d %H:%M:%S}", b.reason, b.workshops,
                    b.answers)[index.column()]
        if role == Qt.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def backup(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None
