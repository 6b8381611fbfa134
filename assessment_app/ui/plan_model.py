"""The plan editor's table: one row per ranked action, the included ones numbered as the PDF
prints them (``plan.plan_numbers``; the impact-versus-effort view shows the same), with
the fields the facilitator sets: in the plan or not, accountable person, owning function,
horizon, due date, status and notes. Every edit is checked by the core (``plan.edited``,
``plan.accountable_problem``) and saved at once through ``Operations``, which announces it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QAbstractItemModel, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..analysis.plan import (
    PlanEntry,
    accountable_problem,
    edited,
    in_plan_order,
    load_plan,
    moved,
    plan_numbers,
)
from ..analysis.plan_story import why
from ..analysis.scoring import ActionScore
from ..analysis.workshop import ScoredWorkshop, load_scored_workshop
from ..content.actions import (
    HORIZONS,
    OWNERS,
    Action,
    horizon_label,
    owner_label,
    partner_of,
)
from ..content.questionnaire import ROLE_LABELS, Questionnaire
from ..errors import TandemError
from ..i18n import N_, formats, tr
from ..rules.dates import short_day_label
from ..rules.plan_fields import STATUSES, status_label
from ..rules.text import NOTES_MAX_CHARS
from ..store.database import Store
from .due_date import example, read_due_date
from .models import Index, RowsModel
from .operations import Operations
from .text import plain_tooltip

(INCLUDE, NUMBER, PRIORITY, ACTION, ACCOUNTABLE, OWNER, HORIZON, DUE, STATUS, NOTES,
 WHY) = range(11)
THE_FUNCTION = N_("— (the function)")  # no one person: the owning function as a whole


def status_cell(status: str) -> str:
    """A status as its cell shows it, in the current language ("In progress")."""
    label = status_label(status)
    return label[:1].upper() + label[1:]


# each choice's stored values and how the current language names them
CHOICES: dict[int, tuple[tuple[str, ...], Callable[[str], str]]] = {
    OWNER: (OWNERS, owner_label), HORIZON: (HORIZONS, horizon_label),
    STATUS: (STATUSES, status_cell)}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
FIELDS = {OWNER: "owner", HORIZON: "horizon", DUE: "due", NOTES: "notes", STATUS: "status",
          ACCOUNTABLE: "accountable"}


class PlanModel(RowsModel):
    """The plan's entries; edits go through ``plan.edited`` and are saved immediately."""

    HEADERS = (N_("In plan"), "#", N_("Priority"), N_("Action"), N_("Accountable"), N_("Owner"),
               N_("Horizon"), N_("Due"), N_("Status"), N_("Notes"), N_("Why it ranks here"))
    error = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None,
                 ops: Operations | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ops = ops or Operations(store)  # every save is announced through ops.changes
        self.workshop_id: str | None = None
        self._rows: list[PlanEntry] = []
        self._numbers: dict[str, int] = {}
        self.people: dict[str, str] = {}  # participant id -> "Name (Function)", to choose
        self.names: dict[str, str] = {}  # participant id -> name, as the table shows it
        self.ranked: tuple[ActionScore, ...] = ()  # the workshop's ranking, as loaded
        self.saving = False  # true while its own save is announced (nothing to reload)

    def load(self, workshop_id: str, actions: list[Action],
             shown: Callable[[Questionnaire], Questionnaire] | None = None) -> None:
        """The workshop's plan; ``actions`` and ``shown`` (the stored questionnaire in the
        window's words) from the catalog's ``Wording``."""
        self.beginResetModel()
        self.workshop_id = workshop_id
        participants = self.store.participants(workshop_id)
        self.people = {p.id: f"{p.name} ({ROLE_LABELS.get(p.role, p.role)})"
                       for p in participants}
        self.names = {p.id: p.name for p in participants}
        self.scored: ScoredWorkshop = load_scored_workshop(self.store, workshop_id, actions,
                                                           shown)
        self.ranked = self.scored.scores.actions
        self._set_rows(load_plan(self.store, workshop_id, actions, ranked=self.ranked))
        self.endResetModel()

    def _set_rows(self, rows: list[PlanEntry]) -> None:
        self._rows = rows
        self._numbers = plan_numbers(rows)
        self._why = {e.id: why(e, self.scored) for e in rows} if rows else {}

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == NUMBER
        ):
            return tr("The action's number in the PDF and in “Impact vs effort”: the actions "
                      "in the plan by horizon, the next 90 days first.")
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
                and section == DUE):
            return tr("Type a date as you usually write it ({example}) or as 2027-03-31.",
                      example=example())
        return super().headerData(section, orientation, role)

    @property
    def entries(self) -> list[PlanEntry]:
        """The plan in plan order, as saved (the table may show a row ticked a moment ago
        where it was)."""
        return in_plan_order(self._rows)

    def entry(self, row: int) -> PlanEntry:
        """The entry the table shows in ``row``."""
        return self._rows[row]

    def number(self, row: int) -> int | None:
        """The plan's number of a row (included rows, counted in plan order)."""
        return self._numbers.get(self._rows[row].id) if 0 <= row < len(self._rows) else None

    def accountable_label(self, entry: PlanEntry, full: bool = False) -> str:
        """The accountable person's name (``full``: with their function), or the function."""
        if not entry.accountable:
            return tr(THE_FUNCTION)
        return (self.people if full else self.names).get(entry.accountable,
                                                         tr("(no longer a participant)"))

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        if index.column() == INCLUDE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in FIELDS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e, c = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole:
            if c != INCLUDE:
                return None
            return Qt.CheckState.Checked if e.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(e, c)
        if role == Qt.ItemDataRole.EditRole:
            return getattr(e, FIELDS[c]) if c in FIELDS else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(e, c)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if c in (NUMBER, PRIORITY) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if e.included else Qt.GlobalColor.gray
        return None

    def _shown(self, e: PlanEntry, column: int) -> str | None:
        """The text of a cell."""
        number = self._numbers.get(e.id)
        return {
            NUMBER: "" if number is None else str(number),
            PRIORITY: "–" if e.priority is None else formats.number(e.priority),
            ACTION: e.action.title, ACCOUNTABLE: self.accountable_label(e),
            OWNER: owner_label(e.owner, partner_of(e.action, e.owner)),
            HORIZON: horizon_label(e.horizon), DUE: short_day_label(e.due),
            STATUS: status_cell(e.status), NOTES: e.notes,
            WHY: self._why.get(e.id, ""),
        }.get(column)

    def _tooltip(self, e: PlanEntry, column: int) -> str | None:
        """The whole text behind a cell that may be cut short."""
        if column == ACTION:
            success = f"\n\n{e.action.success_sentence}" if e.action.success else ""
            return plain_tooltip(f"{e.action.title}\n\n{e.action.description}{success}\n\n"
                                 + tr("Source: {source}", source=e.action.source))
        if column == WHY:
            return plain_tooltip(self._why.get(e.id, "")) or None
        if column == NOTES:
            return plain_tooltip(e.notes) or None
        if column == ACCOUNTABLE:
            return plain_tooltip(self.accountable_label(e, full=True))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        c = index.column()
        change: dict[str, Any] = {}
        if c == INCLUDE and role == Qt.ItemDataRole.CheckStateRole:
            change["included"] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and c in FIELDS:
            text = str(value or "").strip()
            if c == NOTES:
                text = text[:NOTES_MAX_CHARS].strip()
            change[FIELDS[c]] = text
        else:
            return False
        try:
            if c == DUE:  # as typed: 31.03.2027, 3/31/2027, 31 March 2027 or 2027-03-31
                change["due"] = read_due_date(change["due"])
            accountable = change.get("accountable", "")
            if accountable_problem(accountable, set(self.people)):
                raise TandemError(tr("The accountable person must be a participant of this "
                                     "workshop, not {value}.", value=formats.quoted(accountable)))
            updated = edited(self._rows[index.row()], **change)
            rows = list(self._rows)
            rows[index.row()] = updated
            self._save(rows)
        except TandemError as exc:
            self.error.emit(str(exc))
            return False
        if c in (INCLUDE, HORIZON):  # the numbers move; the row stays under the pointer
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, self.columnCount() - 1))
        else:
            self.dataChanged.emit(self.index(index.row(), 0),
                                  self.index(index.row(), self.columnCount() - 1))
        return True

    @property
    def settled(self) -> bool:
        """Whether the rows are shown in plan order (``in_plan_order``)."""
        return [e.id for e in self._rows] == [e.id for e in in_plan_order(self._rows)]

    def settle(self) -> None:
        """Show the rows in plan order again. A row ticked in or out of the plan, or given
        another horizon, stays where it was under the pointer (moving it away made the next
        click land on another action) until the table is sorted again: a click on a column's
        heading, Move up or down, or leaving the page."""
        if not self.settled:
            self.beginResetModel()
            self._set_rows(in_plan_order(self._rows))
            self.endResetModel()

    def move(self, row: int, offset: int) -> int:
        """Move a row up (-1) or down (+1); returns its new row (the table is sorted first)."""
        if not 0 <= row < len(self._rows):
            return row
        moving_id = self._rows[row].id
        self.settle()
        row = next(i for i, e in enumerate(self._rows) if e.id == moving_id)
        rows = moved(self._rows, row, offset)
        try:
            self.beginResetModel()
            self._save(rows)
        except TandemError as exc:
            self.error.emit(str(exc))
        finally:
            self.endResetModel()
        return next((i for i, e in enumerate(self._rows) if e.id == moving_id), row)

    def _save(self, rows: list[PlanEntry]) -> None:
        """Save ``rows`` in plan order, and show them as they are."""
        if self.workshop_id is None:
            raise TandemError(tr("Open a workshop before editing its plan."))
        self.saving = True
        try:  # raises before anything changes here
            self.ops.save_plan(self.workshop_id, in_plan_order(rows))
        finally:
            self.saving = False
        self._set_rows(rows)


def _wide_popup(combo: QComboBox) -> None:
    """The list opens as wide as its longest choice, even where the column is narrower."""
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * combo.fontMetrics().averageCharWidth()
                         + view.verticalScrollBar().sizeHint().width())


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down for owner, horizon and status."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        values, label = CHOICES[index.column()]
        combo = QComboBox(parent)
        for value in values:
            combo.addItem(label(value), value)
        _wide_popup(combo)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        combo = cast(QComboBox, editor)  # the editor createEditor made
        combo.setCurrentIndex(max(0, combo.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        model.setData(index, cast(QComboBox, editor).currentData(), Qt.ItemDataRole.EditRole)


class AccountableDelegate(QStyledItemDelegate):
    """A drop-down of the workshop's participants, and the owning function as a whole."""

    def __init__(self, model: PlanModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(tr(THE_FUNCTION), "")
        for pid, label in sorted(self.model.people.items(), key=lambda kv: kv[1].casefold()):
            combo.addItem(label, pid)
        _wide_popup(combo)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        combo = cast(QComboBox, editor)  # the editor createEditor made
        combo.setCurrentIndex(max(0, combo.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        model.setData(index, cast(QComboBox, editor).currentData(), Qt.ItemDataRole.EditRole)


class LineDelegate(QStyledItemDelegate):
    """A frameless one-line editor for a text column; subclasses shape the line."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        self.shape(editor)
        return editor

    def shape(self, editor: QLineEdit) -> None:
        """Anything the column needs of its line beyond the default."""

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        cast(QLineEdit, editor).setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        model.setData(index, cast(QLineEdit, editor).text(), Qt.ItemDataRole.EditRole)


class DueDelegate(LineDelegate):
    """A line for the due date, showing how a date may be typed."""

    def shape(self, editor: QLineEdit) -> None:
        editor.setPlaceholderText(example())  # or 2027-03-31: the column's tooltip says so


class NotesDelegate(LineDelegate):
    """A line for the notes, held to NOTES_MAX_CHARS."""

    def shape(self, editor: QLineEdit) -> None:
        editor.setMaxLength(NOTES_MAX_CHARS)
