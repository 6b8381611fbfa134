"""Small dialogs and the one-function seams (``ask_...``) the views use, so tests can answer
them without a human."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ..content.questionnaire import ROLE_LABELS, ROLES, Questionnaire
from ..errors import TandemError
from ..text_limits import NAME_MAX_CHARS


@dataclass
class WorkshopFields:
    name: str
    organization: str
    date: str
    questionnaire_id: str


@dataclass
class ParticipantFields:
    name: str
    role: str
    title: str


def _name_edit(text: str, accessible_name: str) -> QLineEdit:
    """A line for a name, title or organisation, held to NAME_MAX_CHARS."""
    edit = QLineEdit()
    edit.setMaxLength(NAME_MAX_CHARS)
    edit.setText(text)
    edit.setAccessibleName(accessible_name)
    return edit


class _FormDialog(QDialog):
    """A form with OK/Cancel whose OK stays disabled until the required name is filled in."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self, required: QLineEdit) -> None:
        hint = QLabel("Fields marked * are required.")
        hint.setEnabled(False)
        self.form.addRow(hint)
        self.form.addRow(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.Ok)
        required.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(bool(required.text().strip()))


class WorkshopDialog(_FormDialog):
    def __init__(self, questionnaires: list[Questionnaire], fields: WorkshopFields | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Rename workshop" if fields else "New workshop", parent)
        self.name = _name_edit(fields.name if fields else "", "Workshop name")
        self.name.setPlaceholderText("for example: Leadership alignment, spring")
        self.organization = _name_edit(fields.organization if fields else "", "Organisation")
        self.date = QDateEdit(QDate.fromString(fields.date, "yyyy-MM-dd") if fields
                              else QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setAccessibleName("Workshop date")
        self.questionnaire = QComboBox()
        self.questionnaire.setAccessibleName("Questionnaire")
        # a long title in a questionnaire file must not widen the dialog past the screen
        self.questionnaire.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.questionnaire.setMinimumContentsLength(30)
        for q in questionnaires:
            self.questionnaire.addItem(q.label(), q.id)
        if fields:
            self.questionnaire.setCurrentIndex(max(0, self.questionnaire.findData(
                fields.questionnaire_id)))
            self.questionnaire.setEnabled(False)  # answers are tied to the questionnaire
        self.form.addRow("Workshop name *", self.name)
        self.form.addRow("Organisation", self.organization)
        self.form.addRow("Date", self.date)
        self.form.addRow("Questionnaire", self.questionnaire)
        self.finish(self.name)

    def fields(self) -> WorkshopFields:
        return WorkshopFields(self.name.text(), self.organization.text(),
                              self.date.date().toString("yyyy-MM-dd"),
                              self.questionnaire.currentData() or "")


class ParticipantDialog(_FormDialog):
    def __init__(self, fields: ParticipantFields | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit participant" if fields else "Add participant", parent)
        self.name = _name_edit(fields.name if fields else "", "Participant name")
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        for role in ROLES:
            self.role.addItem(ROLE_LABELS[role], role)
        if fields:
            self.role.setCurrentIndex(self.role.findData(fields.role))
        self.title = _name_edit(fields.title if fields else "", "Job title")
        self.title.setPlaceholderText("for example: Chief Marketing Officer")
        self.form.addRow("Name *", self.name)
        self.form.addRow("Function", self.role)
        self.form.addRow("Job title", self.title)
        self.finish(self.name)

    def fields(self) -> ParticipantFields:
        return ParticipantFields(self.name.text(), self.role.currentData(), self.title.text())


def ask_workshop(parent: QWidget, questionnaires: list[Questionnaire],
                 fields: WorkshopFields | None = None) -> WorkshopFields | None:
    dialog = WorkshopDialog(questionnaires, fields, parent)
    return dialog.fields() if dialog.exec() == QDialog.Accepted else None


def ask_participant(parent: QWidget, fields: ParticipantFields | None = None
                    ) -> ParticipantFields | None:
    dialog = ParticipantDialog(fields, parent)
    return dialog.fields() if dialog.exec() == QDialog.Accepted else None


def ask_pin(parent: QWidget) -> str | None:
    """The facilitator's PIN to leave answering mode (None if cancelled)."""
    pin, ok = QInputDialog.getText(parent, "Facilitator PIN",
                                   "The facilitator's PIN is needed to leave answering mode:",
                                   QLineEdit.Password)
    return pin if ok else None


def ask_new_pin(parent: QWidget, has_pin: bool) -> str | None:
    """A new PIN ("" removes it; None if cancelled)."""
    text = ("Enter a new PIN of 4 to 8 digits, or leave it empty to remove the PIN."
            if has_pin else "Enter a PIN of 4 to 8 digits. Executives will need it to leave "
                            "answering mode, so only the facilitator can hand the laptop on.")
    pin, ok = QInputDialog.getText(parent, "Facilitator PIN", text, QLineEdit.Password)
    return pin.strip() if ok else None


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton = QMessageBox.Ok) -> QMessageBox:
    """A message box whose text is shown as written. Messages quote names, organisations,
    file names and paths, which QMessageBox would otherwise read as HTML when they hold a
    tag (``<b>R&D</b>``). Qt keeps the box within the screen."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.PlainText)
    return box


def ask_confirm(parent: QWidget, title: str, question: str, action: str) -> bool:
    box = message_box(parent, QMessageBox.Warning, title, question, QMessageBox.Cancel)
    confirm = box.addButton(action, QMessageBox.DestructiveRole)
    box.setDefaultButton(QMessageBox.Cancel)
    box.exec()
    return box.clickedButton() is confirm


def ask_yes_no(parent: QWidget, title: str, question: str) -> bool:
    box = message_box(parent, QMessageBox.Question, title, question,
                      QMessageBox.Yes | QMessageBox.No)
    box.exec()
    return box.clickedButton() is box.button(QMessageBox.Yes)


def start_folder() -> str:
    """Where file dialogs open: the folder last used (kept across sessions), else the home
    folder; never the folder the app happened to be started from."""
    from ..settings import LAST_FOLDER

    last = LAST_FOLDER.get()
    return last if last and Path(last).is_dir() else str(Path.home())


def remember_folder(path: str | None, is_folder: bool = False) -> str | None:
    """Keep the folder of a chosen file (or the chosen folder) for the next dialog."""
    from ..settings import LAST_FOLDER

    if path:
        LAST_FOLDER.set(str(Path(path) if is_folder else Path(path).parent))
    return path or None


def ask_open_path(parent: QWidget, title: str, filters: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, start_folder(), filters)
    return remember_folder(path)


def ask_save_path(parent: QWidget, title: str, default_name: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title,
                                          str(Path(start_folder()) / default_name), filters)
    return remember_folder(path)


def ask_folder(parent: QWidget, title: str) -> str | None:
    return remember_folder(QFileDialog.getExistingDirectory(parent, title, start_folder()),
                           is_folder=True)


def open_folder(folder) -> bool:
    """Show a finished export in the system's file manager; False where there is none (the
    caller then says where the files are)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


def paper_size() -> str:
    from ..settings import PAPER

    return PAPER.get()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    message_box(parent, QMessageBox.Information, title, message).exec()


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    message_box(parent, QMessageBox.Critical, title, message).exec()


@contextmanager
def reporting_errors(parent: QWidget | None, title: str) -> Iterator[None]:
    """Turn a TandemError raised by the core into a message box instead of a crash."""
    try:
        yield
    except TandemError as exc:
        show_error(parent, title, str(exc))
