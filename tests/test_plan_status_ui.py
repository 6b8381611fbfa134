"""The plan page says whether the plan is suggested or agreed, and the button changes it (and
the database); accountable person and status are edited in the table and kept; the plan goes to
Excel and back through the buttons, a broken workbook is refused in one sentence with nothing
changed; the impact-versus-effort view shows the plan's included actions by their numbers."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from assessment_app.analysis.plan import load_plan, plan_state
from assessment_app.i18n import speaking
from assessment_app.ui import dialogs
from assessment_app.ui.plan_page import (
    ACCOUNTABLE,
    INCLUDE,
    NUMBER,
    STATUS,
    THE_FUNCTION,
    AccountableDelegate,
    PlanModel,
)


@pytest.fixture
def demo(store, installed_catalog):
    from assessment_app.exchange.demo import create_demo_workshop

    return create_demo_workshop(store, installed_catalog.default())


def open_plan(qtbot, store, catalog, workshop):
    from assessment_app.ui.main_window import MainWindow

    window = MainWindow(store, catalog)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_plan(workshop.id)
    return window, window.plan


@pytest.fixture
def page(qtbot, store, installed_catalog, demo):
    return open_plan(qtbot, store, installed_catalog, demo)[1]


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    return shown


def test_banner_says_suggested_until_the_button_marks_it_agreed(page, qtbot, store, demo):
    assert page.banner.text() == "Suggested plan — not yet agreed with the room"
    assert plan_state(store, demo.id) == "suggested"
    qtbot.mouseClick(page.agree_button, Qt.LeftButton)
    assert page.banner.text().startswith("Agreed with the room on ")
    assert plan_state(store, demo.id) == "agreed"
    assert store.plan_rows(demo.id)  # the plan is kept as it stood: new answers cannot move it
    assert "suggested" in page.agree_button.text().lower()


def test_back_to_suggested_keeps_the_edits(page, qtbot, store, demo, installed_catalog):
    model = page.model
    assert model.setData(model.index(0, STATUS), "in progress", Qt.EditRole)
    qtbot.mouseClick(page.agree_button, Qt.LeftButton)
    qtbot.mouseClick(page.agree_button, Qt.LeftButton)
    assert page.banner.text().startswith("Suggested plan")
    assert plan_state(store, demo.id) == "suggested"
    assert load_plan(store, demo.id, installed_catalog.actions)[0].status == "in progress"


def test_accountable_and_status_are_kept_and_survive_reopening(
        qtbot, page, store, demo, installed_catalog):
    model = page.model
    person = store.participants(demo.id)[0]
    delegate = page.table.itemDelegateForColumn(ACCOUNTABLE)
    assert isinstance(delegate, AccountableDelegate)
    editor = delegate.createEditor(page.table, None, model.index(0, ACCOUNTABLE))
    choices = [editor.itemText(n) for n in range(editor.count())]
    assert choices[0] == THE_FUNCTION
    assert len(choices) == 1 + len(store.participants(demo.id))
    editor.setCurrentIndex(editor.findData(person.id))
    delegate.setModelData(editor, model, model.index(0, ACCOUNTABLE))
    assert model.setData(model.index(0, STATUS), "blocked", Qt.EditRole)
    assert model.index(0, ACCOUNTABLE).data().startswith(person.name)
    assert model.index(0, STATUS).data() == "Blocked"

    _, again = open_plan(qtbot, store, installed_catalog, demo)
    assert again.model.index(0, ACCOUNTABLE).data().startswith(person.name)
    assert again.model.index(0, STATUS).data() == "Blocked"
    saved = load_plan(store, demo.id, installed_catalog.actions)[0]
    assert (saved.accountable, saved.status) == (person.id, "blocked")


def test_someone_outside_the_workshop_cannot_be_accountable(page, errors, store, demo):
    model = page.model
    assert not model.setData(model.index(0, ACCOUNTABLE), "not-a-participant", Qt.EditRole)
    assert errors and "participant of this workshop" in errors[0]
    with speaking("de"):  # one whole sentence, so German can order it
        assert not model.setData(model.index(0, ACCOUNTABLE), "not-a-participant", Qt.EditRole)
    assert errors[-1] == "Die verantwortliche Person muss eine teilnehmende Person dieses " \
                         "Workshops sein, nicht „not-a-participant“."
    assert store.plan_rows(demo.id) == []


def test_status_refuses_a_value_outside_the_list(page, errors):
    assert not page.model.setData(page.model.index(0, STATUS), "nearly", Qt.EditRole)
    assert errors and "status" in errors[0]


def test_excel_export_and_import_round_trip_through_the_buttons(
        qtbot, page, monkeypatch, tmp_path, store, demo, installed_catalog, errors):
    model = page.model
    person = store.participants(demo.id)[1]
    model.setData(model.index(0, ACCOUNTABLE), person.id, Qt.EditRole)
    model.setData(model.index(1, STATUS), "done", Qt.EditRole)
    before = load_plan(store, demo.id, installed_catalog.actions)
    out = tmp_path / "plan.xlsx"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(tmp_path / "plan"))
    qtbot.mouseClick(page.excel_out_button, Qt.LeftButton)
    assert out.exists() and str(out) in page.export_status.text()

    # the room changes its mind on screen; the workbook brings the exported plan back
    model.setData(model.index(0, ACCOUNTABLE), "", Qt.EditRole)
    model.setData(model.index(1, STATUS), "not started", Qt.EditRole)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: str(out))
    qtbot.mouseClick(page.excel_in_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.job is None, timeout=10_000)  # read off the UI thread
    assert not errors
    assert load_plan(store, demo.id, installed_catalog.actions) == before
    assert model.index(0, ACCOUNTABLE).data().startswith(person.name)  # refreshed by Changes
    assert model.index(1, STATUS).data() == "Done"
    assert page.export_status.text().startswith("Plan imported")


def test_an_edit_made_in_excel_arrives_on_the_page(
        qtbot, page, monkeypatch, tmp_path, store, demo, errors):
    from openpyxl import load_workbook

    from assessment_app.exchange.plan_sheet import COL, PLAN_SHEET

    out = tmp_path / "plan.xlsx"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(out))
    page.export_workbook()
    book = load_workbook(out)
    sheet = book[PLAN_SHEET]
    row = next(r for r in range(1, sheet.max_row + 1)
               if sheet[f"{COL['id']}{r}"].value == page.model.entries[0].id)
    sheet[f"{COL['status']}{row}"] = "in progress"
    book.save(out)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: str(out))
    page.import_workbook()
    qtbot.waitUntil(lambda: page.job is None, timeout=10_000)
    assert not errors
    assert page.model.index(0, STATUS).data() == "In progress"


def test_a_broken_workbook_is_refused_in_one_sentence_and_changes_nothing(
        qtbot, page, monkeypatch, tmp_path, store, demo, errors):
    page.model.setData(page.model.index(0, STATUS), "done", Qt.EditRole)
    rows, state = store.plan_rows(demo.id), plan_state(store, demo.id)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: str(broken))
    qtbot.mouseClick(page.excel_in_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.job is None, timeout=10_000)
    assert len(errors) == 1
    message = errors[0]
    assert "\n" not in message and message.endswith(".") and "Traceback" not in message
    assert store.plan_rows(demo.id) == rows and plan_state(store, demo.id) == state
    assert page.model.index(0, STATUS).data() == "Done"


def test_the_workbook_is_read_off_the_ui_thread(qtbot, page, monkeypatch, tmp_path, errors):
    """A workbook near the limits takes a moment to parse: the window stays responsive, the
    button waits, and the import lands when the reading is done."""
    import threading

    from assessment_app.exchange import plan_workbook_read

    out = tmp_path / "plan.xlsx"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(out))
    page.export_workbook()
    release = threading.Event()
    on_ui_thread: list[bool] = []
    real = plan_workbook_read.sheet_rows

    def slow(*args, **kwargs):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(plan_workbook_read, "sheet_rows", slow)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: str(out))
    page.import_workbook()
    qtbot.waitUntil(lambda: bool(on_ui_thread), timeout=5_000)
    assert on_ui_thread == [False]
    assert not page.excel_in_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: page.job is None, timeout=10_000)
    assert not errors and page.excel_in_button.isEnabled()
    assert page.export_status.text().endswith(".")


def test_impact_view_shows_one_numbered_point_per_included_action(page, qtbot):
    model = page.model
    page.tabs.setCurrentWidget(page.impact)
    page.impact.grab()  # paint it
    listed = {model.entry(r).id: int(model.index(r, NUMBER).data())
              for r in range(model.rowCount()) if model.index(r, NUMBER).data()}
    shown = {p.point.action_id: p.point.number for p in page.impact.placement.points}
    assert shown == listed and len(shown) == 8

    first = next(r for r in range(model.rowCount()) if model.entry(r).included)
    dropped = model.entry(first).id
    model.setData(model.index(first, INCLUDE), Qt.Unchecked.value, Qt.CheckStateRole)
    page.impact.grab()
    shown = {p.point.action_id: p.point.number for p in page.impact.placement.points}
    assert len(shown) == 7 and dropped not in shown
    ids = [e.id for e in model.entries]  # the plan's order, as saved and printed
    assert ids.index(dropped) >= 7 and all(e.included for e in model.entries[:7])  # after
    assert sorted(shown.values()) == list(range(1, 8))
    assert all(model.index(r, NUMBER).data() == str(shown[model.entry(r).id])
               for r in range(model.rowCount()) if model.entry(r).id in shown)


def test_impact_view_names_a_dot_under_the_mouse(page):
    page.tabs.setCurrentWidget(page.impact)
    page.impact.grab()
    dot = page.impact.placement.points[0]
    origin = page.impact._origin
    found = page.impact.point_at(origin.x() + dot.x, origin.y() - dot.y)
    assert found is dot


def test_plan_model_with_the_new_columns_passes_the_qt_model_tester(
        qtmodeltester, store, demo, installed_catalog):
    model = PlanModel(store)
    model.load(demo.id, installed_catalog.actions)
    qtmodeltester.check(model)


def test_results_screen_shows_the_summarys_headlines_and_completion(
        qtbot, store, installed_catalog, demo):
    from assessment_app.analysis.summary import completion_lines, headlines
    from assessment_app.analysis.workshop import load_scored_workshop
    from assessment_app.ui.main_window import MainWindow

    window = MainWindow(store, installed_catalog)
    qtbot.addWidget(window)
    window.show()
    window.show_results(demo.id)
    scored = load_scored_workshop(store, demo.id, installed_catalog.actions)
    lines = headlines(scored)
    assert len(lines) == 3
    shown = window.results.headlines.text()
    assert all(line in shown for line in lines) and window.results.headlines.isVisible()
    assert all(line in window.results.completion.text() for line in completion_lines(scored))
    assert re.search(r"1 answered \d+ of \d+", window.results.completion.text())  # partial


def test_the_hint_stops_calling_the_plan_suggested_once_agreed(page, qtbot):
    assert page.hint.text().startswith("Suggested from the answers")
    qtbot.mouseClick(page.agree_button, Qt.LeftButton)
    assert "Suggested" not in page.hint.text() and "agreed" in page.hint.text()
    qtbot.mouseClick(page.agree_button, Qt.LeftButton)  # back to suggested
    assert page.hint.text().startswith("Suggested from the answers")


def test_a_ticked_row_stays_under_the_pointer_until_the_table_is_sorted(page, qtbot, store,
                                                                         demo):
    """Ticking "In plan" moved the row away at once, so the next click landed on another
    action; now it stays until a column's heading is clicked or the page is left, while the
    numbers and what is saved follow the plan's order at once."""
    model, table = page.model, page.table
    first = next(r for r in range(model.rowCount()) if model.entry(r).included)
    dropped = model.entry(first).id
    table.selectRow(first)
    model.setData(model.index(first, INCLUDE), Qt.Unchecked.value, Qt.CheckStateRole)
    assert model.entry(first).id == dropped and table.currentIndex().row() == first
    assert model.index(first, NUMBER).data() == ""  # no longer numbered
    saved = [e.action_id for e in store.plan_rows(demo.id)]
    assert saved.index(dropped) > first  # the plan itself put it after the included ones
    qtbot.mouseClick(table.horizontalHeader().viewport(), Qt.LeftButton)  # a heading
    assert [model.entry(r).id for r in range(model.rowCount())] == saved
    model.setData(model.index(0, INCLUDE), Qt.Unchecked.value, Qt.CheckStateRole)
    page.hide()  # leaving the page
    assert [model.entry(r).id for r in range(model.rowCount())] == [
        e.action_id for e in store.plan_rows(demo.id)]


def test_the_due_date_column_gives_the_day_as_the_reader_writes_it(page):
    """31.03.2027 in German, 2027-03-31 in English; the date kept and edited stays the day."""
    from assessment_app.ui.plan_model import DUE

    model = page.model
    assert model.setData(model.index(0, DUE), "2027-03-31", Qt.EditRole)
    assert model.index(0, DUE).data() == "2027-03-31"
    with speaking("de"):
        assert model.index(0, DUE).data() == "31.03.2027"
    assert model.index(0, DUE).data(Qt.EditRole) == "2027-03-31"
