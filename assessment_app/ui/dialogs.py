"""Small dialogs and the one-function seams (``ask_...``) the views use, so tests can answer
them without a human."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
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
from ..i18n import formats, tr
from ..rules.text import NAME_MAX_CHARS
from ..store.pin import PIN_MAX_DIGITS, is_valid_pin, new_pin_problem
from .text import refusal_label


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
    another: bool = False  # "Add and next": the dialog opens again for the next participant


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
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self, required: QLineEdit) -> None:
        hint = QLabel(tr("Fields marked * are required."))
        hint.setEnabled(False)
        self.form.addRow(hint)
        self.form.addRow(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        required.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(bool(required.text().strip()))


class WorkshopDialog(_FormDialog):
    def __init__(self, questionnaires: list[Questionnaire], fields: WorkshopFields | None = None,
                 parent: QWidget | None = None, follow_up_of: str = "") -> None:
        """``follow_up_of``: the name of the workshop a new one follows up (``fields`` are
        then the proposed ones, and the questionnaire may be chosen)."""
        title = tr("Rename workshop") if fields else tr("New workshop")
        super().__init__(tr("Start a follow-up of {name}", name=follow_up_of) if follow_up_of
                         else title, parent)
        self.name = _name_edit(fields.name if fields else "", tr("Workshop name"))
        self.name.setPlaceholderText(tr("for example: Leadership alignment, spring"))
        self.organization = _name_edit(fields.organization if fields else "", tr("Organisation"))
        self.date = QDateEdit(QDate.fromString(fields.date, "yyyy-MM-dd") if fields
                              else QDate.currentDate())
        self.date.setCalendarPopup(True)
        # as the reader writes a date (Qt writes months MM where a spreadsheet writes mm)
        self.date.setDisplayFormat(formats.short_date_format().replace("mm", "MM"))
        self.date.setAccessibleName(tr("Workshop date"))
        self.questionnaire = QComboBox()
        self.questionnaire.setAccessibleName(tr("Questionnaire"))
        # a long title in a questionnaire file must not widen the dialog past the screen
        self.questionnaire.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.questionnaire.setMinimumContentsLength(30)
        for q in questionnaires:
            self.questionnaire.addItem(q.label(), q.id)
        if fields:
            self.questionnaire.setCurrentIndex(max(0, self.questionnaire.findData(
                fields.questionnaire_id)))
            # answers are tied to the questionnaire; a follow-up may use another (the pulse)
            self.questionnaire.setEnabled(bool(follow_up_of))
        self.form.addRow(tr("Workshop name *"), self.name)
        self.form.addRow(tr("Organisation"), self.organization)
        self.form.addRow(tr("Date"), self.date)
        self.form.addRow(tr("Questionnaire"), self.questionnaire)
        self.finish(self.name)

    def fields(self) -> WorkshopFields:
        return WorkshopFields(self.name.text(), self.organization.text(),
                              self.date.date().toString("yyyy-MM-dd"),
                              self.questionnaire.currentData() or "")


class ParticipantDialog(_FormDialog):
    def __init__(self, fields: ParticipantFields | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Edit participant") if fields else tr("Add participant"), parent)
        self.name = _name_edit(fields.name if fields else "", tr("Participant name"))
        self.role = QComboBox()
        self.role.setAccessibleName(tr("Role"))
        for role in ROLES:
            label = ROLE_LABELS[role]
            self.role.addItem(tr(label), role)
        if fields:
            self.role.setCurrentIndex(self.role.findData(fields.role))
        self.title = _name_edit(fields.title if fields else "", tr("Job title"))
        self.title.setPlaceholderText(tr("for example: Chief Marketing Officer"))
        self.form.addRow(tr("Name *"), self.name)
        self.form.addRow(tr("Function"), self.role)
        self.form.addRow(tr("Job title"), self.title)
        self.another = False
        if not fields:  # adding: most workshops add several people in a row
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Add"))
            self.next_button = self.buttons.addButton(
                tr("Add and &next"), QDialogButtonBox.ButtonRole.ActionRole)
            self.next_button.clicked.connect(self._add_and_next)
            self.name.textChanged.connect(
                lambda text: self.next_button.setEnabled(bool(text.strip())))
            self.next_button.setEnabled(False)
        self.finish(self.name)
        self.name.setFocus()  # the keys go to the name, the one field always needed

    def _add_and_next(self) -> None:
        self.another = True
        self.accept()

    def fields(self) -> ParticipantFields:
        return ParticipantFields(self.name.text(), self.role.currentData(), self.title.text(),
                                 self.another)


def ask_workshop(parent: QWidget, questionnaires: list[Questionnaire],
                 fields: WorkshopFields | None = None, follow_up_of: str = ""
                 ) -> WorkshopFields | None:
    dialog = WorkshopDialog(questionnaires, fields, parent, follow_up_of)
    return dialog.fields() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_participant(parent: QWidget, fields: ParticipantFields | None = None
                    ) -> ParticipantFields | None:
    dialog = ParticipantDialog(fields, parent)
    return dialog.fields() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_pin(parent: QWidget) -> str | None:
    """The facilitator's PIN to leave answering mode (None if cancelled)."""
    pin, ok = QInputDialog.getText(parent, tr("Facilitator PIN"),
                                   tr("The facilitator's PIN is needed to leave answering mode:"),
                                   QLineEdit.EchoMode.Password)
    return pin if ok else None


def _pin_edit(accessible_name: str) -> QLineEdit:
    """A masked line that takes digits only, at most a PIN's length."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(PIN_MAX_DIGITS)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]*"), edit))
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    edit.setAccessibleName(accessible_name)
    return edit


class NewPinDialog(QDialog):
    """Set the facilitator PIN: typed twice, and checked here (``pin.new_pin_problem``): what
    is wrong is said inside the dialog, which stays open with what was typed until the two
    agree and follow the rule. With a PIN already set, it can also be removed."""

    def __init__(self, has_pin: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Facilitator PIN"))
        self.setMinimumWidth(420)
        self.removed = False
        intro = QLabel(tr(
            "Type a new PIN of 4 to 8 digits twice, or remove the PIN. Executives need it to "
            "leave answering mode, so only the facilitator can hand the laptop on. Help › How "
            "to run a workshop says what to do if it is forgotten.") if has_pin else tr(
            "Type a PIN of 4 to 8 digits twice. Executives need it to leave answering mode, so "
            "only the facilitator can hand the laptop on. Help › How to run a workshop says "
            "what to do if it is forgotten."))
        intro.setWordWrap(True)
        self.pin = _pin_edit(tr("New PIN"))
        self.again = _pin_edit(tr("New PIN again"))
        self.problem = refusal_label(tr("What is wrong with the PIN"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if has_pin:
            remove = self.buttons.addButton(
                tr("&Remove PIN"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            remove.clicked.connect(self.remove)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(tr("New PIN"), self.pin)
        form.addRow(tr("Type it again"), self.again)
        form.addRow(self.problem)
        form.addRow(self.buttons)

    def accept(self) -> None:
        problem = new_pin_problem(self.pin.text(), self.again.text())
        if problem:  # said here; the dialog and what was typed stay
            self.problem.setText(problem)
            (self.again if is_valid_pin(self.pin.text()) else self.pin).setFocus()
            return
        super().accept()

    def remove(self) -> None:
        self.removed = True
        self.done(QDialog.DialogCode.Accepted)

    def chosen(self) -> str:
        """The new PIN, or "" when the PIN is to be removed."""
        return "" if self.removed else self.pin.text()


def ask_new_pin(parent: QWidget, has_pin: bool) -> str | None:
    """A new PIN, typed twice ("" removes it; None if cancelled)."""
    dialog = NewPinDialog(has_pin, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> QMessageBox:
    """A message box whose text is shown as written. Messages quote names, organisations,
    file names and paths, which QMessageBox would otherwise read as HTML when they hold a
    tag (``<b>R&D</b>``). Qt keeps the box within the screen."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def ask_confirm(parent: QWidget | None, title: str, question: str, action: str) -> bool:
    box = message_box(
        parent, QMessageBox.Icon.Warning, title, question, QMessageBox.StandardButton.Cancel
    )
    confirm = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is confirm


def ask_yes_no(parent: QWidget, title: str, question: str) -> bool:
    box = message_box(parent, QMessageBox.Icon.Question, title, question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.exec()
    return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)


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


def open_folder(folder: Path) -> bool:
    """Show a finished export in the system's file manager; False where there is none (the
    caller then says where the files are)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


def paper_size() -> str:
    from ..settings import PAPER

    return PAPER.get()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, title, message).exec()


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    message_box(parent, QMessageBox.Icon.Critical, title, message).exec()


MESSAGE_MAX_CHARS = 600  # as the command line's (``cli.one_line``)


def one_sentence(message: str) -> str:
    """An error as a window shows it, the same sentence the command line prints: on one line
    and, whatever a bug let through, short (an overlong one is cut, with an ellipsis)."""
    flat = " ".join(message.split())
    return flat if len(flat) <= MESSAGE_MAX_CHARS else flat[:MESSAGE_MAX_CHARS] + "…"


_unexpected_boxes: set[QMessageBox] = set()  # open until closed (a box without a parent)


def _write_report(exc: BaseException) -> Path | None:
    """The traceback of a fault, added to ``problems.txt`` in Tandem's data folder: the
    standalone app has no terminal to print it to. None if it cannot be written."""
    import traceback
    from datetime import datetime

    from .. import __version__
    from ..paths import data_dir

    path = data_dir() / "problems.txt"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S}, Tandem {__version__}\n")
            out.write("".join(traceback.format_exception(exc)))
    except OSError:
        return None
    return path


@contextmanager
def reporting_errors(parent: QWidget | None, title: str) -> Iterator[None]:
    """Turn a TandemError raised by the core into a message box instead of a crash. Anything
    else is a bug: it is said too (in a box that does not wait, so nothing hangs on it), and
    raised on, so that its traceback reaches the terminal and the tests."""
    try:
        yield
    except TandemError as exc:
        show_error(parent, title, one_sentence(str(exc)))
    except Exception as exc:
        detail = one_sentence(f"{type(exc).__name__}: {exc}")[:120]
        report = _write_report(exc)
        box = message_box(parent, QMessageBox.Icon.Critical, title,
                          tr("Something unexpected went wrong ({detail}); please report it "
                             "with the file {report}, which holds the details.", detail=detail,
                             report=report) if report else
                          tr("Something unexpected went wrong ({detail}); please report it "
                             "with this message.", detail=detail))
        _unexpected_boxes.add(box)
        box.finished.connect(lambda _=0, box=box: _unexpected_boxes.discard(box))
        box.open()
        raise
