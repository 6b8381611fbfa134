"""A workshop's settings dialog: the privacy threshold, the fewest people a figure shown about
the workshop may rest on (``rules.privacy``), and the report language its PDFs and plan
workbook are written in, whatever language the window speaks. The threshold is checked by the
rule's one home (``checked_threshold``): what is wrong is said inside the dialog, which stays
open."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QWidget,
)

from .. import i18n
from ..errors import SettingRefused
from ..i18n import tr
from ..rules.privacy import HIGHEST_THRESHOLD, PRIVACY_THRESHOLD, checked_threshold
from .text import WrappedLabel, refusal_label


@dataclass(frozen=True)
class WorkshopSettings:
    """What the dialog sets: the privacy threshold and the report language's code."""

    privacy_threshold: int
    report_language: str


class WorkshopSettingsDialog(QDialog):
    """The privacy threshold in a spin box (arrows stop at 3 and 20), "Reset to 3", the report
    language in a list, OK and Cancel; a typed number out of range is refused in one
    sentence."""

    def __init__(self, current: int, parent: QWidget | None = None,
                 report_language: str = i18n.ENGLISH) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Workshop settings"))
        self.setMinimumWidth(460)
        intro = WrappedLabel(tr(
            "No figure that rests on fewer people's answers than the privacy threshold is "
            "shown, on screen, in the PDFs, the workbook or the exports; it reads “fewer than "
            "N” instead."))
        self.threshold = QSpinBox()
        self.threshold.setRange(PRIVACY_THRESHOLD, HIGHEST_THRESHOLD)
        self.threshold.setValue(current)
        self.threshold.setSuffix(tr(" people"))
        self.threshold.setAccessibleName(tr("Privacy threshold"))
        why = WrappedLabel(tr(
            "Raise it for a small or sensitive room. It never goes below {lowest}: anyone who "
            "answered can take their own answer out of a group figure, so in a group of two "
            "each would see the other's.", lowest=PRIVACY_THRESHOLD))
        why.setObjectName("muted")
        self.problem = refusal_label(tr("What is wrong with the threshold"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reset_button = self.buttons.addButton(
            tr("Reset to {lowest}", lowest=PRIVACY_THRESHOLD),
            QDialogButtonBox.ButtonRole.ResetRole)
        self.reset_button.clicked.connect(lambda: self.threshold.setValue(PRIVACY_THRESHOLD))
        form = QFormLayout(self)
        form.addRow(intro)
        field = QHBoxLayout()  # the box as wide as "20 people", not the dialog
        field.addWidget(self.threshold)
        field.addStretch(1)
        form.addRow(tr("Privacy threshold"), field)
        form.addRow(why)
        form.addRow(self.problem)
        self.report_language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.report_language.addItem(name, code)
        self.report_language.setCurrentIndex(
            max(0, self.report_language.findData(report_language)))
        chooser = QHBoxLayout()  # as wide as its longest name, like the threshold's box
        chooser.addWidget(self.report_language)
        chooser.addStretch(1)
        form.addRow(tr("Report language"), chooser)
        reports = WrappedLabel(tr("The workshop PDF, the handouts and the plan workbook are "
                                  "written in it, whatever language this window speaks."))
        reports.setObjectName("muted")
        form.addRow(reports)
        form.addRow(self.buttons)
        self.threshold.setFocus()
        self.threshold.selectAll()

    def chosen(self) -> int | None:
        """The threshold typed, or None while the box holds no whole number."""
        text = self.threshold.cleanText().strip()
        return int(text) if text.isdigit() else None

    def accept(self) -> None:
        try:
            checked_threshold(self.chosen())
        except SettingRefused as refusal:  # said here; the dialog stays open
            self.problem.setText(str(refusal))
            self.threshold.setFocus()
            self.threshold.selectAll()
            return
        super().accept()


def ask_settings(parent: QWidget, current: WorkshopSettings) -> WorkshopSettings | None:
    """The workshop's settings as the facilitator left them (None if cancelled)."""
    dialog = WorkshopSettingsDialog(current.privacy_threshold, parent, current.report_language)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.chosen()
    return WorkshopSettings(current.privacy_threshold if chosen is None else chosen,
                            dialog.report_language.currentData())
