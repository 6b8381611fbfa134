"""The window: workshops and participants managed through the UI land in the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assessment_app.store.database import Store
from assessment_app.ui import dialogs
from assessment_app.ui.models import ParticipantsModel, WorkshopListModel


@pytest.fixture
def window(main_window):
    return main_window


def test_create_workshop_and_add_participants_through_the_window(window, qtbot, monkeypatch,
                                                                  tmp_path):
    monkeypatch.setattr(dialogs, "ask_workshop", lambda parent, qs, fields=None:
                        dialogs.WorkshopFields("Board offsite", "Ωmega GmbH", "2026-12-01",
                                               "mini"))
    qtbot.mouseClick(window.workshops.new_button, Qt.LeftButton)
    assert window.stack.currentWidget() is window.workshop
    people = iter([dialogs.ParticipantFields("Inès Moreau", "marketing", "CMO"),
                   dialogs.ParticipantFields("Tomasz Nowak", "it", "CIO")])
    monkeypatch.setattr(dialogs, "ask_participant", lambda parent, fields=None: next(people))
    qtbot.mouseClick(window.workshop.add_button, Qt.LeftButton)
    qtbot.mouseClick(window.workshop.add_button, Qt.LeftButton)
    assert window.workshop.model.rowCount() == 2
    assert "1 marketing and 1 IT participants" in window.workshop.summary.text()

    # what the window shows is what a fresh connection reads from disk
    reopened = Store.open(window.store.path)
    [w] = reopened.workshops()
    assert (w.name, w.organization, w.date) == ("Board offsite", "Ωmega GmbH", "2026-12-01")
    assert [(p.name, p.role, p.title) for p in reopened.participants(w.id)] == [
        ("Inès Moreau", "marketing", "CMO"), ("Tomasz Nowak", "it", "CIO")]
    reopened.close()


def test_workshop_dialog_needs_a_name(qtbot, mini_catalog):
    dialog = dialogs.WorkshopDialog(list(mini_catalog.questionnaires.values()))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.name, "Spring")
    assert ok.isEnabled()
    assert dialog.fields().name == "Spring" and dialog.fields().questionnaire_id == "mini"


def test_rename_and_delete_with_confirmation(window, qtbot, monkeypatch, store, mini):
    w = store.create_workshop("Old name", mini)
    window.workshops.refresh()
    window.workshops.select(w.id)
    monkeypatch.setattr(dialogs, "ask_workshop", lambda parent, qs, fields=None:
                        dialogs.WorkshopFields("New name", fields.organization, fields.date,
                                               fields.questionnaire_id))
    qtbot.mouseClick(window.workshops.rename_button, Qt.LeftButton)
    assert store.workshop(w.id).name == "New name"

    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: False)
    qtbot.mouseClick(window.workshops.delete_button, Qt.LeftButton)
    assert store.has_workshop(w.id)
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    window.workshops.select(w.id)
    qtbot.mouseClick(window.workshops.delete_button, Qt.LeftButton)
    assert not store.has_workshop(w.id)
    assert window.workshops.model.rowCount() == 0
    assert window.workshops.empty_hint.isVisibleTo(window)


def test_edit_and_remove_participant(window, qtbot, monkeypatch, store, mini):
    w = store.create_workshop("W", mini)
    p = store.add_participant(w.id, "Ann", "marketing", "")
    store.save_answer(p.id, "trust-1", 2, 3)
    window.open_workshop(w.id)
    page = window.workshop
    page.table.selectRow(0)
    assert page.model.data(page.model.index(0, 3)) == "1 / 4"
    monkeypatch.setattr(dialogs, "ask_participant", lambda parent, fields=None:
                        dialogs.ParticipantFields("Ann Lee", "it", "Architect"))
    qtbot.mouseClick(page.edit_button, Qt.LeftButton)
    assert store.participant(p.id).role == "it"
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    page.table.selectRow(0)
    qtbot.mouseClick(page.remove_button, Qt.LeftButton)
    assert store.participants(w.id) == []


def test_demo_button_adds_a_workshop_with_progress(window, qtbot, store):
    qtbot.mouseClick(window.workshops.demo_button, Qt.LeftButton)
    [w] = store.workshops()
    assert w.participants == 10 and w.completed == 9
    assert window.workshops.model.rowCount() == 1


def test_models_pass_the_qt_model_tester(qtmodeltester, store, mini):
    w = store.create_workshop("W", mini)
    store.add_participant(w.id, "Ann", "marketing", "CMO")
    store.add_participant(w.id, "Bo", "it", "")
    qtmodeltester.check(WorkshopListModel(store))
    participants = ParticipantsModel(store)
    participants.set_workshop(w.id)
    qtmodeltester.check(participants)


def test_store_errors_become_messages_not_crashes(window, qtbot, monkeypatch, store, mini):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message:
                        shown.append(message))
    monkeypatch.setattr(dialogs, "ask_workshop", lambda parent, qs, fields=None:
                        dialogs.WorkshopFields("   ", "", "2026-01-01", "mini"))
    qtbot.mouseClick(window.workshops.new_button, Qt.LeftButton)
    assert shown == ["A workshop needs a name."]
