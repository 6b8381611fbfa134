"""The facilitator's window by keys, as the room's rehearsal found it (issue 24): Enter at
start-up opens the workshop that looks chosen, and after creating a workshop or adding a
participant the focus is where the next step is, not on "← All workshops"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from assessment_app.ui import dialogs


@pytest.fixture
def styled_window(qtbot, store, mini_catalog):
    """The window with Tandem's stylesheet, as text sizes reach it in the app."""
    from assessment_app.ui.app import apply_style
    from assessment_app.ui.fonts import apply_text_size
    from assessment_app.ui.main_window import MainWindow

    app = QApplication.instance()
    apply_style(app)
    window = MainWindow(store, mini_catalog)
    qtbot.addWidget(window)
    window.show()
    yield window, store, mini_catalog.get("mini")
    apply_text_size("normal")
    app.setStyleSheet("")


def focused():
    return QApplication.focusWidget()


def test_enter_at_start_up_opens_the_workshop_that_looks_chosen(qtbot, store, mini_catalog):
    from assessment_app.ui.main_window import MainWindow

    mini = mini_catalog.get("mini")
    store.create_workshop("Older", mini, on="2026-01-10")
    newest = store.create_workshop("Newest", mini, on="2026-03-10")
    window = MainWindow(store, mini_catalog)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: focused() is window.workshops.table)
    assert window.workshops.selected_id() == newest.id  # the first row, chosen, not just framed
    qtbot.keyClick(window.workshops.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.workshop
    assert window.workshop.workshop_id == newest.id


def test_enter_opens_the_chosen_workshop_once_the_pages_fill_the_shown_frame(qtbot, store,
                                                                           mini_catalog):
    """At start-up the window's frame is shown before its pages exist (``ui/app``): once they
    are built into it, the keyboard reaches the list at once."""
    from assessment_app.ui.main_window import MainWindow

    mini = mini_catalog.get("mini")
    newest = store.create_workshop("Newest", mini, on="2026-03-10")
    window = MainWindow(db_path=store.path)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.build(store, mini_catalog)
    qtbot.waitUntil(lambda: focused() is window.workshops.table)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.workshop
    assert window.workshop.workshop_id == newest.id


def test_the_chosen_workshop_stays_chosen_when_the_list_refreshes(main_window, store, mini):
    first = store.create_workshop("A", mini, on="2026-01-10")
    store.create_workshop("B", mini, on="2026-03-10")
    main_window.workshops.refresh()
    main_window.workshops.select(first.id)
    main_window.workshops.refresh()  # as when another window writes
    assert main_window.workshops.selected_id() == first.id


def test_a_new_workshop_opens_with_the_focus_on_adding_someone(qtbot, main_window, monkeypatch):
    main_window.activateWindow()
    monkeypatch.setattr(dialogs, "ask_workshop", lambda *a: dialogs.WorkshopFields(
        "Spring", "Northwind", "2026-04-01", "mini"))
    qtbot.mouseClick(main_window.workshops.new_button, Qt.MouseButton.LeftButton)
    page = main_window.workshop
    assert main_window.stack.currentWidget() is page
    assert main_window.focusWidget() is page.add_button


def fill_participant(qtbot, name: str, button: str, seen: list) -> None:
    """Type a name into the participant dialog as it opens, note where the focus is, and
    press ``button`` ("Add" or "Add and next")."""
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isActiveWindow():
            QTimer.singleShot(20, fill)
            return
        field = dialog.findChild(QLineEdit)
        seen.append((focused() is field, field.text()))
        qtbot.keyClicks(field, name)
        box = dialog.findChild(QDialogButtonBox)
        chosen = next((b for b in box.buttons() if b.text().replace("&", "") == button), None)
        if chosen is None:  # no such button: close the dialog, and the test fails
            dialog.reject()
            return
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, fill)


def test_add_and_next_opens_an_empty_name_field_for_the_next_person(qtbot, main_window, store,
                                                                    mini):
    workshop = store.create_workshop("W", mini)
    main_window.open_workshop(workshop.id)
    main_window.activateWindow()
    page = main_window.workshop
    seen: list = []
    fill_participant(qtbot, "Mia", "Add and next", seen)
    QTimer.singleShot(200, lambda: fill_participant(qtbot, "Ivo", "Add", seen))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in store.participants(workshop.id)] == ["Mia", "Ivo"]
    assert seen == [(True, ""), (True, "")]  # each time the name field, empty, has the keys
    assert page.selected_participant().name == "Ivo"  # the newest, chosen
    # the window's focus, which has the keys once the dialog has given the window back
    assert main_window.focusWidget() is page.add_button  # not "← All workshops"


def test_adding_the_demo_twice_chooses_the_one_there(qtbot, store, installed_catalog):
    from assessment_app.ui.main_window import MainWindow

    window = MainWindow(store, installed_catalog)
    qtbot.addWidget(window)
    window.show()
    page = window.workshops
    qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    [demo] = store.workshops()
    store.create_workshop("Real one", installed_catalog.default(), on="2099-01-01")
    page.refresh()
    qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    assert [w.id for w in store.workshops() if w.id == demo.id] == [demo.id]
    assert len(store.workshops()) == 2
    assert page.selected_id() == demo.id
    assert "already" in window.statusBar().currentMessage()


def test_the_list_measures_its_columns_again_at_projector_size(qtbot, styled_window):
    """At View › Text size › Projector the dates were cut to "2026-1…"."""
    from PySide6.QtGui import QFontMetrics

    window, store, mini = styled_window
    store.create_workshop("W", mini, on="2026-12-31")
    window.workshops.refresh()
    window.set_text_size("projector")
    table = window.workshops.table
    qtbot.wait(50)
    needed = QFontMetrics(table.font()).horizontalAdvance("2026-12-31")
    assert table.columnWidth(2) > needed
    index = window.workshops.model.index(0, 2)
    assert table.visualRect(index).width() > needed
