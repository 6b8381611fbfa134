"""The whole-file check and start-up (issue 25): a quick check reads every page of the database
(0.2 s for a 110 MB file, 1.5 s from a cold disk), so the window does it before its first paint
only after an unclean shutdown, and otherwise in the background after that paint, before the
start-up backup."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from assessment_app.store.database import Store
from assessment_app.store.refusals import unclean_shutdown, whole_file_damaged
from assessment_app.ui import app, dialogs

from .test_faults import damage_quietly, filled

WHOLE_FILE_CHECKS = ("quick_check", "integrity_check")


@pytest.fixture
def statements(monkeypatch) -> list[str]:
    """Every SQL statement any connection opened from now on runs."""
    seen: list[str] = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    return seen


def checks(seen: list[str]) -> list[str]:
    return [s for s in seen if any(c in s.lower() for c in WHOLE_FILE_CHECKS)]


@pytest.fixture
def quit_when_built(monkeypatch) -> None:
    """``run_app(exit_when_shown=True)`` quits once the window's pages are built (the
    database opened, the list read), not at the first paint of its frame."""
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(app, "quit_on_first_paint",
                        lambda window: window.built.connect(QApplication.quit))


def test_start_up_reads_no_whole_file_before_the_first_paint(tmp_path, mini, qapp,
                                                             statements, quit_when_built):
    path = tmp_path / "t.sqlite"
    s, _ = filled(path, mini)
    s.close()
    assert not unclean_shutdown(path)
    statements.clear()
    assert app.run_app(path, exit_when_shown=True) == 0  # quits once the list is in place
    assert any("workshops" in s for s in statements)  # the list was read...
    assert checks(statements) == []  # ...but not every page of the file


def test_after_an_unclean_shutdown_the_file_is_checked_before_the_list(tmp_path, mini, qapp,
                                                                       statements,
                                                                       quit_when_built):
    running = tmp_path / "running.sqlite"
    s, _ = filled(running, mini)
    path = tmp_path / "t.sqlite"
    for suffix in ("", "-wal"):  # what a power cut leaves: the file and its write-ahead log
        shutil.copyfile(f"{running}{suffix}", f"{path}{suffix}")
    s.close()
    assert unclean_shutdown(path)
    statements.clear()
    assert app.run_app(path, exit_when_shown=True) == 0
    assert checks(statements)


def test_a_damaged_file_found_after_the_first_paint_is_said_and_not_backed_up(
        tmp_path, mini, qtbot, monkeypatch):
    path = tmp_path / "t.sqlite"
    s, _ = filled(path, mini)
    s.close()
    assert not whole_file_damaged(path)
    damage_quietly(path)
    assert whole_file_damaged(path)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(app, "on_first_paint", lambda window, callback: window.__dict__
                        .setdefault("_after_paint", []).append(callback))
    from PySide6.QtWidgets import QApplication

    def run_then_quit():
        [window] = [w for w in QApplication.topLevelWidgets() if "_after_paint" in w.__dict__]
        hooks = window.__dict__["_after_paint"]
        while hooks:  # the pages built in the frame, then what follows their first paint
            hooks.pop(0)()
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        window.close()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, run_then_quit)
    assert app.run_app(path) == 0
    assert len(shown) == 1 and "is damaged" in shown[0]
    assert not list((Path(tmp_path) / "backups").glob("*.sqlite"))  # no backup of a bad file
    Store.open(path, whole_file=False).close()  # opening itself stays quick


def test_the_workshop_list_counts_from_an_index_not_the_participants_rows(store, mini):
    """Before the window shows, the list's counts are read from the participants index alone:
    reading every participant's row cost 100-300 ms from a cold disk at 500 workshops."""
    store.add_participant(store.create_workshop("W", mini).id, "Ana", "it")
    plans: list[str] = []
    query = store._query

    def explained(sql: str, params=()):
        if "per_workshop" in sql:
            plans.extend(r["detail"] for r in query("EXPLAIN QUERY PLAN " + sql, params))
        return query(sql, params)

    store._query = explained
    assert [w.participants for w in store.workshops()] == [1]
    participants = [p for p in plans if p.startswith(("SCAN p", "SEARCH p"))]
    assert participants and all("COVERING INDEX" in p for p in participants)
