"""Help that stands on its own: the standalone app's user has no terminal and no README, so
the window's guide, the PIN dialog and the fault message point to neither (issue 24)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from assessment_app.ui import dialogs

ELSEWHERE = ("README", "terminal", "tandem ", "command line", "clear-pin", "self-check")


def elsewhere(text: str) -> list[str]:
    return [word for word in ELSEWHERE if word in text]


def test_f1_opens_a_guide_to_the_whole_workshop(qtbot, main_window):
    [action] = [a for menu in main_window.menuBar().actions() for a in menu.menu().actions()
                if a.text().replace("&", "") == "How to run a workshop"]
    assert action.shortcut().toString() == "F1"
    action.trigger()
    guide = main_window.guide
    assert guide is not None and guide.isVisible()
    text = guide.text.toPlainText()
    for step in ("New workshop", "Add participant", "Hand over", "own device", "Show results",
                 "Action plan", "Mark as agreed", "Export workshop PDF", "Restore from backup",
                 "Forgot the facilitator PIN", "Remove PIN"):
        assert step in text, step
    assert elsewhere(text) == []


def test_the_pin_dialog_says_where_help_is_not_a_command(qtbot):
    dialog = dialogs.NewPinDialog(has_pin=True)
    qtbot.addWidget(dialog)
    intro = dialog.findChild(QLabel).text()
    assert "Help › How to run a workshop" in intro and elsewhere(intro) == []


def test_a_fault_is_reported_with_a_file_not_a_terminal(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("TANDEM_DATA_DIR", str(tmp_path))
    parent = QWidget()
    qtbot.addWidget(parent)
    with pytest.raises(KeyError), dialogs.reporting_errors(parent, "Cannot import"):
        raise KeyError("edited_at")
    [box] = parent.findChildren(QMessageBox)
    report = tmp_path / "problems.txt"
    assert str(report) in box.text() and elsewhere(box.text()) == []
    assert "KeyError: 'edited_at'" in report.read_text("utf-8")  # the traceback, kept
    box.close()


def test_no_questionnaire_says_what_to_do_in_the_app(qtbot, main_window, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(main_window.workshops.catalog, "questionnaires", {})
    main_window.workshops.create_workshop()
    [text] = shown
    assert elsewhere(text) == []
