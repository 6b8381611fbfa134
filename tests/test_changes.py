"""Screens learn about changes because they are announced (ui/operations through
ui/changes.Changes), and writes by another process are noticed through SQLite's
PRAGMA data_version: no screen polls a file fingerprint, none is refreshed by hand."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

from assessment_app.exchange.bundle_export import export_bundle, write_bundle
from assessment_app.store.database import Store
from assessment_app.ui import dialogs

from .conftest import MINI_DIR

ITEMS = ("trust-1", "trust-2", "meet-1", "data-1")


@pytest.fixture
def workshop(store, mini):
    w = store.create_workshop("W", mini)
    m = store.add_participant(w.id, "Mia", "marketing")
    store.add_participant(w.id, "Ivo", "it")
    store.save_answer(m.id, "trust-1", 2, 4)
    return w


@pytest.fixture
def results(main_window, workshop):
    main_window.show_results(workshop.id)
    assert main_window.results.isVisible()
    return main_window.results


def it_answers(results) -> int:
    return results.scores.item("trust-1").roles["it"].n


def test_answers_from_another_process_reach_the_results_screen(qtbot, results, store,
                                                                  workshop):
    assert it_answers(results) == 0
    script = textwrap.dedent(f"""
        import os
        os.environ["TANDEM_QUESTIONNAIRES"] = {str(MINI_DIR)!r}
        from assessment_app.store.database import Store
        s = Store.open({store.path!r})
        ivo = [p for p in s.participants({workshop.id!r}) if p.name == "Ivo"][0]
        s.save_answer(ivo.id, "trust-1", 4, 5)
        s.close()
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    qtbot.waitUntil(lambda: it_answers(results) == 1, timeout=3000)


def test_an_import_refreshes_the_results_screen_at_once(qtbot, results, main_window, store,
                                                        workshop, tmp_path, monkeypatch):
    laptop = Store.open(tmp_path / "laptop2.sqlite")  # the second laptop
    from assessment_app.exchange.bundle_import import apply_import
    from assessment_app.exchange.bundle_merge import plan_import

    apply_import(laptop, plan_import(laptop, export_bundle(store, workshop.id),
                                     main_window.catalog))
    ivo = next(p for p in laptop.participants(workshop.id) if p.name == "Ivo")
    for item in ITEMS:
        laptop.save_answer(ivo.id, item, 3, 4)
    write_bundle(export_bundle(laptop, workshop.id), tmp_path / "laptop2.json")
    laptop.close()
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    # the same connection's data_version does not move: only the announcement can refresh
    main_window.changes._timer.stop()
    main_window.import_bundle(str(tmp_path / "laptop2.json"))
    qtbot.waitUntil(lambda: main_window.bundle_job is None)
    assert it_answers(results) == 1
    assert results.status.text() == "1 of 2 participants finished"


def test_kiosk_answers_refresh_the_screens_the_facilitator_returns_to(qtbot, main_window,
                                                                      results, store, workshop):
    main_window.changes._timer.stop()  # only announcements from here on
    main_window.stack.setCurrentWidget(main_window.workshop)
    main_window.open_workshop(workshop.id)
    ivo = next(p for p in store.participants(workshop.id) if p.name == "Ivo")
    main_window.full_screen_answering = False
    main_window.hand_over(ivo.id)
    answering = main_window.answering
    for _ in ITEMS:
        qtbot.keyClick(answering.focusWidget() or answering, Qt.Key_3)
        qtbot.keyClick(answering.focusWidget() or answering, Qt.Key_E)
        qtbot.keyClick(answering.focusWidget() or answering, Qt.Key_Return)
    qtbot.keyClick(answering.finish_button, Qt.Key_Space)
    qtbot.mouseClick(answering.return_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: main_window.isVisible())
    # the participants page, on screen again, shows Ivo finished without a manual refresh
    qtbot.waitUntil(lambda: "1 finished" in main_window.workshop.summary.text(), timeout=2000)
    main_window.stack.setCurrentWidget(results)  # hidden while Ivo answered: refreshed on show
    qtbot.waitUntil(lambda: it_answers(results) == 1, timeout=2000)


def test_a_hidden_screen_does_no_work_until_shown(qtbot, main_window, results, workshop):
    calls = []
    main_window.stack.setCurrentWidget(main_window.workshop)
    assert not results.isVisible()
    original = results.refresh
    results_follower = [f for f in results.children() if type(f).__name__ == "Follower"][0]
    results_follower.refresh = lambda: (calls.append(1), original())
    main_window.ops.answer_saved(workshop.id)
    main_window.ops.answer_saved(workshop.id)
    assert calls == []
    main_window.stack.setCurrentWidget(results)
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)


def announced(main_window) -> list:
    """Every change the window announces from here on (other processes' checks stopped)."""
    seen: list = []
    main_window.changes._timer.stop()
    main_window.changes.changed.connect(seen.append)
    return seen


def test_removing_a_participant_announces_their_answers_and_progress(main_window, results,
                                                                    store, workshop):
    seen = announced(main_window)
    mia = next(p for p in store.participants(workshop.id) if p.name == "Mia")
    main_window.ops.remove_participant(mia)
    assert [(c.workshop_id, set(c.kinds)) for c in seen] == [
        (workshop.id, {"participants", "answers", "progress"})]
    assert results.status.text() == "0 of 1 participants finished"  # refreshed at once


def test_a_plan_save_announces_the_plan_only(main_window, results, store, workshop):
    from assessment_app.analysis.plan import load_plan

    seen = announced(main_window)
    calls = []
    follower = next(f for f in results.children() if type(f).__name__ == "Follower")
    follower.refresh = lambda: calls.append(1)
    entries = load_plan(store, workshop.id, main_window.catalog.actions)
    main_window.ops.save_plan(workshop.id, entries)
    assert [(c.workshop_id, set(c.kinds)) for c in seen] == [(workshop.id, {"plan"})]
    assert calls == []  # the results screen shows no plan: it is not redrawn


def test_a_workbook_that_changes_nothing_announces_nothing(main_window, store, workshop,
                                                           tmp_path):
    from assessment_app.exchange.plan_workbook import write_plan_workbook

    actions = main_window.catalog.actions
    out = write_plan_workbook(store, workshop.id, main_window.catalog, tmp_path / "plan.xlsx")
    seen = announced(main_window)
    summary = main_window.ops.import_plan_workbook(workshop.id, actions, out)
    assert not summary.written
    assert seen == []
