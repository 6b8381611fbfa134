"""The plan editor: edits through the table are saved at once; reorder and reset; background
jobs report progress, honour cancel and never block the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assessment_app.analysis.plan import load_plan
from assessment_app.ui import background, dialogs
from assessment_app.ui.plan_page import DUE, HORIZON, INCLUDE, OWNER, PlanModel


@pytest.fixture
def workshop(store, mini):
    w = store.create_workshop("W", mini)
    for k in range(3):  # three a function, answering alike: over the privacy threshold
        m = store.add_participant(w.id, f"M{k}", "marketing")
        i = store.add_participant(w.id, f"I{k}", "it")
        store.save_answer(m.id, "meet-1", 1, 4)
        store.save_answer(i.id, "meet-1", 3, 4)
    return w


@pytest.fixture
def page(qtbot, main_window, workshop):
    main_window.open_workshop(workshop.id)
    qtbot.mouseClick(main_window.workshop.plan_button, Qt.LeftButton)
    return main_window.plan


def test_edits_in_the_table_are_saved(page, store, workshop, mini_catalog):
    model = page.model
    assert model.rowCount() == 1
    assert model.setData(model.index(0, OWNER), "cio", Qt.EditRole)
    assert model.setData(model.index(0, HORIZON), "6-12m", Qt.EditRole)
    assert model.setData(model.index(0, DUE), "2027-01-15", Qt.EditRole)
    assert model.setData(model.index(0, INCLUDE), Qt.Unchecked.value, Qt.CheckStateRole)
    [saved] = load_plan(store, workshop.id, mini_catalog.actions)
    assert (saved.owner, saved.horizon, saved.due, saved.included) == (
        "cio", "6-12m", "2027-01-15", False)
    assert model.index(0, OWNER).data() == "CIO (partner: CMO)"


def test_bad_due_date_is_refused_with_a_message(page, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    assert not page.model.setData(page.model.index(0, DUE), "soon", Qt.EditRole)
    assert shown and "due date" in shown[0]


def test_reset_brings_back_the_suggestion(page, monkeypatch, store, workshop, mini_catalog):
    page.model.setData(page.model.index(0, OWNER), "cmo", Qt.EditRole)
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    page.reset()
    assert store.plan_rows(workshop.id) == []
    # the library's single accountable lead, with the other function as partner
    assert page.model.index(0, OWNER).data() == "CMO (partner: CIO)"


def test_plan_model_passes_the_qt_model_tester(qtmodeltester, store, workshop, mini_catalog):
    model = PlanModel(store)
    model.load(workshop.id, mini_catalog.actions)
    qtmodeltester.check(model)


def test_background_job_reports_progress_and_stops_when_cancelled(qtbot):
    seen = []

    def work(progress, cancelled):
        done = []
        for n in range(1000):
            if cancelled():
                break
            done.append(n)
            progress(n + 1, 1000)
            if n == 2:
                job.cancel()
        return done

    job = background.Job(work)
    job.signals.progress.connect(lambda d, t: seen.append(d))
    with qtbot.waitSignal(job.signals.finished, timeout=5000) as blocker:
        background.start(job)
    assert blocker.args[0] == [0, 1, 2]
    qtbot.waitUntil(lambda: seen == [1, 2, 3])


def test_background_job_failure_becomes_a_message(qtbot):
    from assessment_app.errors import TandemError

    def work(progress, cancelled):
        raise TandemError("The disk is full.")

    job = background.Job(work)
    with qtbot.waitSignal(job.signals.failed, timeout=5000) as blocker:
        background.start(job)
    assert blocker.args == ["The disk is full."]


def test_export_buttons_write_the_pdfs_in_the_background_and_open_the_folder(
        page, qtbot, monkeypatch, tmp_path, store, workshop):
    from pypdf import PdfReader

    opened, errors = [], []
    monkeypatch.setattr(dialogs, "open_folder", lambda folder: opened.append(folder))
    monkeypatch.setattr(dialogs, "show_error", lambda *a: errors.append(a[-1]))
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(tmp_path / "plan.pdf"))
    page.export_pdf()
    qtbot.waitUntil(lambda: bool(opened or errors), timeout=20000)
    assert not errors
    assert opened == [tmp_path]
    assert "W" in PdfReader(tmp_path / "plan.pdf").pages[0].extract_text()

    handouts = tmp_path / "handouts"
    handouts.mkdir()
    monkeypatch.setattr(dialogs, "ask_folder", lambda *a: str(handouts))
    page.export_handouts()
    qtbot.waitUntil(lambda: len(opened) == 2 or bool(errors), timeout=20000)
    assert not errors
    assert sorted(p.name for p in handouts.iterdir()) == [
        f"{who}{k} - handout.pdf" for who in "IM" for k in range(3)]


@pytest.mark.parametrize("typed", ["31.03.2027", "31/03/2027", "31 March 2027", "2027-03-31",
                                   " 2027-3-31 "])
def test_a_due_date_is_taken_as_people_type_it(page, store, workshop, typed):
    assert page.model.setData(page.model.index(0, DUE), typed, Qt.EditRole)
    assert [row.due for row in store.plan_rows(workshop.id)] == ["2027-03-31"]


def test_a_due_date_that_cannot_be_read_is_said_not_dropped(page, monkeypatch, store, workshop):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    page.model.setData(page.model.index(0, DUE), "2027-01-15", Qt.EditRole)
    assert not page.model.setData(page.model.index(0, DUE), "end of March", Qt.EditRole)
    [sentence] = shown
    assert "“end of March”" in sentence and sentence.count(". ") == 0  # quoted, one sentence
    assert [row.due for row in store.plan_rows(workshop.id)] == ["2027-01-15"]  # kept


def test_the_due_date_editor_shows_how_to_type_a_date(page, qtbot):
    from PySide6.QtWidgets import QLineEdit

    page.table.edit(page.model.index(0, DUE))
    editor = page.table.findChild(QLineEdit)
    assert editor is not None and "2027" in editor.placeholderText()
    tip = page.model.headerData(DUE, Qt.Horizontal, Qt.ToolTipRole)
    assert editor.placeholderText() in tip and "2027-03-31" in tip
