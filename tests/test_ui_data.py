"""File-menu jobs through the window: import with a summary first, exports, restore from
backup, and recovery of a damaged database at start-up."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import QLockFile, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from assessment_app.exchange.bundle_export import export_bundle, write_bundle
from assessment_app.exchange.bundle_file import read_bundle
from assessment_app.store import backups
from assessment_app.store.database import Store
from assessment_app.ui import data_actions, dialogs
from assessment_app.ui.app import open_store_or_recover, run_app


@pytest.fixture
def window(main_window):
    return main_window


@pytest.fixture
def bundle_file(tmp_path, mini):
    other = Store.open(tmp_path / "laptop2.sqlite")
    w = other.create_workshop("From laptop 2", mini)
    p = other.add_participant(w.id, "Zoë", "it", "CTO")
    other.save_answer(p.id, "trust-1", 3, 4)
    path = tmp_path / "laptop2.json"
    write_bundle(export_bundle(other, w.id), path)
    other.close()
    return path, w.id


def test_import_shows_a_summary_and_writes_only_when_confirmed(qtbot, window, monkeypatch, store,
                                                                bundle_file):
    path, workshop_id = bundle_file
    asked = []
    monkeypatch.setattr(dialogs, "ask_confirm", lambda parent, title, text, action:
                        asked.append(text) or False)
    window.import_bundle(str(path))
    qtbot.waitUntil(lambda: window.bundle_job is None)
    assert "1 new participant" in asked[0] and "1 new answer" in asked[0]
    assert "(s)" not in asked[0]
    assert not store.has_workshop(workshop_id)
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    window.import_bundle(str(path))
    qtbot.waitUntil(lambda: window.bundle_job is None)
    assert store.workshop(workshop_id).name == "From laptop 2"
    assert window.workshops.selected_id() == workshop_id


def test_a_bundle_already_here_is_not_said_to_be_imported(qtbot, window, monkeypatch, bundle_file):
    """The window said "Nothing to import" in a box and "Imported into …" below it."""
    path, workshop_id = bundle_file
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    window.import_bundle(str(path))
    qtbot.waitUntil(lambda: window.bundle_job is None)
    assert window.statusBar().currentMessage().startswith("Imported into")
    told = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: told.append(
        (title, text)))
    window.import_bundle(str(path))  # the same bundle again
    qtbot.waitUntil(lambda: window.bundle_job is None)
    [(title, text)] = told
    assert title == "Nothing to import" and "Added" not in text and "0 new" not in text
    assert "Imported" not in window.statusBar().currentMessage()
    assert window.workshop.workshop_id == workshop_id  # the workshop is still shown


def test_dropping_a_bundle_on_the_window_imports_it(qtbot, window, monkeypatch, store, bundle_file):
    path, workshop_id = bundle_file
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.bundle_job is None)
    assert store.has_workshop(workshop_id)


def test_broken_bundle_gives_a_message_and_changes_nothing(qtbot, window, monkeypatch, store,
                                                           tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "tandem-workshop", "version": 1, "workshop": []}))
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    window.import_bundle(str(bad))
    qtbot.waitUntil(lambda: window.bundle_job is None)
    assert shown == ["bad.json: workshop: must be an object, found a list."]
    assert store.workshops() == []


def test_the_bundle_is_read_and_planned_off_the_ui_thread(qtbot, window, monkeypatch, store,
                                                          bundle_file):
    """A 48 MB bundle froze the window for seconds: reading and planning ran on its thread."""
    path, workshop_id = bundle_file
    threads = []

    def recorded(work):
        def wrapper(*args, **kwargs):
            threads.append((work.__name__, threading.current_thread()))
            return work(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(data_actions, "read_bundle", recorded(data_actions.read_bundle))
    monkeypatch.setattr(data_actions, "plan_import", recorded(data_actions.plan_import))
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    window.import_bundle(str(path))
    qtbot.waitUntil(lambda: window.bundle_job is None)
    assert [name for name, _ in threads] == ["read_bundle", "plan_import"]
    assert all(thread is not threading.main_thread() for _, thread in threads)
    assert store.has_workshop(workshop_id)


def test_while_a_bundle_is_read_the_window_says_so_and_takes_no_second(qtbot, window,
                                                                        monkeypatch, store,
                                                                        bundle_file):
    path, workshop_id = bundle_file
    release, reads = threading.Event(), []

    def slow_read(bundle):
        reads.append(bundle)
        release.wait(30)
        return read_bundle(bundle)

    monkeypatch.setattr(data_actions, "read_bundle", slow_read)
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    window.import_bundle(str(path))
    qtbot.waitUntil(lambda: bool(reads))
    assert window.statusBar().currentMessage() == "Reading the bundle “laptop2.json”…"
    window.import_bundle(str(path))  # a second one, from the menu or a drop, meanwhile
    release.set()
    qtbot.waitUntil(lambda: window.bundle_job is None)
    assert len(reads) == 1
    assert window.statusBar().currentMessage().startswith("Imported into")
    assert store.has_workshop(workshop_id)


def test_an_unreadable_bundle_still_gives_its_one_sentence(qtbot, window, monkeypatch, store,
                                                           tmp_path):
    (tmp_path / "folder.json").mkdir()
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(
        (title, text)))
    for name in ("missing.json", "folder.json"):
        window.import_bundle(str(tmp_path / name))
        qtbot.waitUntil(lambda: window.bundle_job is None)
    assert shown == [("Cannot import this bundle", f"{tmp_path / 'missing.json'}: cannot be "
                      "read (No such file or directory)."),
                     ("Cannot import this bundle", f"{tmp_path / 'folder.json'}: is a folder, "
                      "not a Tandem workshop file.")]
    assert store.workshops() == []
    assert QApplication.overrideCursor() is None  # the busy cursor is gone


def test_an_answer_given_here_while_the_bundle_was_read_is_not_overwritten(
        qtbot, window, monkeypatch, store, mini, tmp_path):
    """The plan is made from what the database held when the reading began; a newer answer
    given here meanwhile must still win over the bundle's older one."""
    other = Store.open(tmp_path / "laptop2.sqlite")
    w = other.create_workshop("From laptop 2", mini)
    zoe = other.add_participant(w.id, "Zoë", "it", "CTO")
    path = tmp_path / "laptop2.json"
    write_bundle(export_bundle(other, w.id), path)
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    window.import_bundle(str(path))
    qtbot.waitUntil(lambda: window.bundle_job is None)
    item = mini.item_ids[0]
    other.save_answer(zoe.id, item, 1, 2)  # on the other laptop, then bundled
    write_bundle(export_bundle(other, w.id), path)
    other.close()

    def meanwhile(*args):  # while the facilitator reads the preview, Zoë answers here
        store.save_answer(zoe.id, item, 4, 5)
        return True

    monkeypatch.setattr(dialogs, "ask_confirm", meanwhile)
    window.import_bundle(str(path))
    qtbot.waitUntil(lambda: window.bundle_job is None)
    [answer] = [a for a in store.answers_for_workshop(w.id) if a.item_id == item]
    assert (answer.current, answer.target) == (4, 5)


def test_anonymised_csv_export_from_the_menu(window, monkeypatch, store, mini, tmp_path):
    w = store.create_workshop("Q3 / review: \"final\"", mini)
    store.add_participant(w.id, "Inès", "marketing", "CMO")
    window.workshops.refresh()
    window.workshops.select(w.id)
    offered = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a: False)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, title, name, filters:
                        offered.append(name) or str(tmp_path / name))
    [action] = [a for a in window.export_actions if a.text() == "Export anonymised CSV…"]
    action.trigger()
    assert offered == ["Q3 _ review_ _final_ (anonymised).csv"]
    text = (tmp_path / offered[0]).read_text(encoding="utf-8-sig")
    assert "Marketing 1" in text and "Inès" not in text


def test_restore_from_backup_through_the_window(window, monkeypatch, store, mini):
    w = store.create_workshop("Precious", mini)
    store.save_answer(store.add_participant(w.id, "Ann", "it").id, "trust-1", 2, 3)
    store.backup("start-up")
    store.delete_workshop(w.id)
    window.workshops.refresh()
    assert window.workshops.model.rowCount() == 0
    monkeypatch.setattr(data_actions, "ask_backup", lambda parent, found: found[0])
    monkeypatch.setattr(dialogs, "show_info", lambda *a: None)
    [restore] = [a for a in window.menuBar().actions()[0].menu().actions()
                 if a.text() == "&Restore from backup…"]
    restore.trigger()
    assert window.workshops.model.rowCount() == 1
    assert len(store.answers_for_workshop(w.id)) == 1
    assert backups.list_backups(store.path)[0].reason == "before restore"


def test_restore_dialog_lists_backups_newest_first(qtbot, tmp_path, store, mini):
    store.create_workshop("W", mini)
    first = store.backup("one")
    second = store.backup("two")
    dialog = data_actions.RestoreDialog(backups.list_backups(store.path))
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2 and dialog.chosen() == second != first


def test_damaged_database_offers_the_newest_good_backup(tmp_path, mini, monkeypatch):
    path = tmp_path / "t.sqlite"
    s = Store.open(path)
    w = s.create_workshop("Saved", mini)
    s.backup("start-up")
    s.close()
    path.write_bytes(b"garbage" * 1000)
    offers = []
    monkeypatch.setattr(dialogs, "ask_confirm", lambda parent, title, text, action:
                        offers.append(text) or True)
    recovered = open_store_or_recover(path)
    assert "is damaged" in offers[0] and "(1 workshop, " in offers[0]
    assert recovered.workshop(w.id).name == "Saved"
    assert list(tmp_path.glob("t.sqlite.damaged-*"))
    recovered.close()


def test_second_copy_on_the_same_database_is_told_clearly(tmp_path, monkeypatch, qapp):
    db = tmp_path / "t.sqlite"
    held = QLockFile(str(db) + ".lock")
    assert held.tryLock(0)
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(title))
    assert run_app(db, exit_when_shown=True) == 1
    assert shown == ["Tandem is already open"]
    held.unlock()


def test_a_file_that_is_no_bundle_is_refused_in_a_consultants_words(qtbot, window, monkeypatch,
                                                                      tmp_path):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    (tmp_path / "photo.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "cut.json").write_text('{"format": "tandem-workshop", ')
    for name in ("photo.json", "cut.json"):
        window.import_bundle(str(tmp_path / name))
        qtbot.waitUntil(lambda: window.bundle_job is None)
    assert len(shown) == 2
    for text in shown:
        assert "JSON" not in text and "binary" not in text
        assert "Tandem workshop file" in text
    assert "not a text file" in shown[0]
