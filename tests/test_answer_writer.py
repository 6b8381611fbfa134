"""The answer writer: the answering window hands each answer to a thread that owns its own
connection, says "Saving…" at once and "✓ Saved" only when the write is committed; a failed
write keeps the choice on screen; leaving waits for the answers still on their way; and an
answer reported saved survives the process being killed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from assessment_app.analysis.answering import AnsweringSession
from assessment_app.errors import StorageError
from assessment_app.store.database import Store
from assessment_app.ui.answer_writer import AnswerWriter, InlineWriter
from assessment_app.ui.answering_window import AnsweringWindow

from .conftest import MINI_DIR

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def ann(store, mini):
    w = store.create_workshop("W", mini)
    return store.add_participant(w.id, "Ann Marketer", "marketing", "CMO")


@pytest.fixture
def held_disk(monkeypatch):
    """Every write waits until the test lets it through (a disk that is slow to answer)."""
    gate = threading.Event()
    original = Store.save_answer

    def slow(self, *args, **kwargs):
        assert threading.current_thread() is not threading.main_thread()
        gate.wait(10)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "save_answer", slow)
    return gate


def open_window(qtbot, store, participant_id) -> AnsweringWindow:
    window = AnsweringWindow(AnsweringSession.start(store, participant_id), [])
    qtbot.addWidget(window, before_close_func=lambda w: w.isVisible() and w.request_leave())
    window.show()
    qtbot.waitExposed(window)
    return window


def press(qtbot, window, *keys) -> None:
    for key in keys:
        qtbot.keyClick(window.focusWidget() or window, key)


def on_disk(store, participant_id) -> dict:
    return {k: (a.current, a.target) for k, a in
            store.answers_for_participant(participant_id).items()}


def test_saving_then_saved_once_the_writer_has_committed(qtbot, store, ann, held_disk):
    window = open_window(qtbot, store, ann.id)
    assert isinstance(window.writer, AnswerWriter)
    press(qtbot, window, Qt.Key_4)
    # shown at once, said to be on its way, not yet on disk
    assert window.cards.cards[3].is_chosen()
    assert window.saved.text() == "Saving…"
    assert on_disk(store, ann.id) == {}
    held_disk.set()
    qtbot.waitUntil(lambda: window.saved.text() == "✓ Saved")
    assert on_disk(store, ann.id) == {"trust-1": (4, None)}


def test_keys_go_on_while_the_disk_is_busy_and_land_in_order(qtbot, store, ann, held_disk):
    window = open_window(qtbot, store, ann.id)
    press(qtbot, window, Qt.Key_2, Qt.Key_R, Qt.Key_5, Qt.Key_T, Qt.Key_Return,
          Qt.Key_0, Qt.Key_Return, Qt.Key_3)
    # nothing is on disk yet, but the person is already on the third statement
    assert window.session.index == 2 and window.writer.pending == 6
    assert window.session.unfinished() == [(2, window.session.items[2]),
                                           (3, window.session.items[3])]
    held_disk.set()
    qtbot.waitUntil(lambda: not window.writer.pending)
    # the last answer to a statement is the one on disk
    assert on_disk(store, ann.id) == {"trust-1": (5, 5), "trust-2": (None, None),
                                      "meet-1": (3, None)}
    assert window.saved.text() == "✓ Saved"


def test_leaving_waits_for_the_answers_on_their_way(qtbot, store, ann, held_disk):
    window = open_window(qtbot, store, ann.id)
    left = []
    window.left.connect(lambda: left.append(True))
    press(qtbot, window, Qt.Key_2, Qt.Key_W, Qt.Key_Return, Qt.Key_4)
    assert window.writer.pending == 3
    threading.Timer(0.2, held_disk.set).start()  # the disk answers a moment later
    assert window.request_leave()
    assert left == [True] and not window.isVisible()
    assert on_disk(store, ann.id) == {"trust-1": (2, 2), "trust-2": (4, None)}
    assert not window.writer._thread.is_alive()  # the writer's connection is closed


def test_a_failed_write_keeps_the_choice_on_screen_and_a_retry_saves(qtbot, store, ann,
                                                                      monkeypatch):
    window = open_window(qtbot, store, ann.id)
    press(qtbot, window, Qt.Key_2)
    qtbot.waitUntil(lambda: window.saved.text() == "✓ Saved")

    def full_disk(*args, **kwargs):
        raise StorageError("The disk holding the database is full; free some space.")

    monkeypatch.setattr(Store, "save_answer", full_disk)
    press(qtbot, window, Qt.Key_4)
    assert window.saved.text() == "Saving…"
    qtbot.waitUntil(lambda: window.message.text().startswith("Not saved: The disk"))
    assert window.message.text().endswith("Your choice is still on screen; try again.")
    assert window.saved.text() == ""
    assert window.cards.cards[3].is_chosen()  # the choice stays on screen
    assert window.session.answer.current == 2  # the session holds what is on disk
    monkeypatch.undo()
    press(qtbot, window, Qt.Key_4)
    qtbot.waitUntil(lambda: window.saved.text() == "✓ Saved")
    assert window.message.text() == ""
    assert on_disk(store, ann.id) == {"trust-1": (4, None)}


def test_a_write_that_fails_after_moving_on_names_its_statement(qtbot, store, ann, monkeypatch,
                                                                held_disk):
    window = open_window(qtbot, store, ann.id)

    def full_disk(self, *args, **kwargs):
        held_disk.wait(10)
        raise StorageError("The disk holding the database is full; free some space.")

    monkeypatch.setattr(Store, "save_answer", full_disk)
    press(qtbot, window, Qt.Key_3, Qt.Key_Return)
    assert window.session.index == 1
    held_disk.set()
    qtbot.waitUntil(lambda: window.message.text().startswith("Not saved"))
    assert "Statement 1 was not saved; go back to it" in window.message.text()
    assert window.session.answers.get("trust-1") is None
    assert window.dimension_bars  # progress follows what is on disk
    assert all(bar.value() == 0 for bar in window.dimension_bars.values())


def test_leaving_with_an_answer_not_saved_shows_it_once(qtbot, store, ann, monkeypatch):
    window = open_window(qtbot, store, ann.id)
    left = []
    window.left.connect(lambda: left.append(True))

    def full_disk(*args, **kwargs):
        raise StorageError("The disk holding the database is full; free some space.")

    monkeypatch.setattr(Store, "save_answer", full_disk)
    press(qtbot, window, Qt.Key_3, Qt.Key_Return, Qt.Key_0)
    window.request_leave()
    # the window stays on the statement that is not on disk, and says why
    assert window.isVisible() and not left
    assert window.pages.currentWidget() is window.question_page
    assert window.session.index == 0
    assert window.message.text().startswith("Not saved: The disk holding the database is full")
    # handing back again leaves, without that answer
    window.request_leave()
    assert left == [True]
    assert on_disk(store, ann.id) == {}


def test_refused_choices_are_refused_at_once_and_nothing_is_queued(qtbot, store, ann):
    window = open_window(qtbot, store, ann.id)
    press(qtbot, window, Qt.Key_4, Qt.Key_W)
    assert "cannot be below today's level" in window.message.text()
    # what the store would refuse is refused by the writer before it queues anything
    with pytest.raises(StorageError, match="The comment is 2,001 characters"):
        window.writer.save(ann.id, "trust-1", 4, 5, "c" * 2001)
    with pytest.raises(StorageError):
        window.writer.save(ann.id, "trust-1", 4, 2, "")
    assert window.writer.pending <= 1  # only the 4 may still be on its way
    qtbot.waitUntil(lambda: not window.writer.pending)
    assert on_disk(store, ann.id) == {"trust-1": (4, None)}


def test_the_writer_commits_in_wal_with_synchronous_full(store, ann):
    writer_store = Store.another(store.path)  # the connection the writer thread opens
    try:
        assert writer_store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert writer_store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert writer_store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        writer_store.close()


def test_an_in_memory_database_is_saved_inline(qtbot, mini):
    store = Store.in_memory()
    w = store.create_workshop("W", mini)
    p = store.add_participant(w.id, "Ann", "marketing")
    window = open_window(qtbot, store, p.id)
    assert isinstance(window.writer, InlineWriter)
    press(qtbot, window, Qt.Key_3)
    assert window.saved.text() == "✓ Saved"
    assert on_disk(store, p.id) == {"trust-1": (3, None)}


def test_announced_to_the_facilitator_screens_only_once_committed(qtbot, store, ann,
                                                                 held_disk):
    from assessment_app.ui.operations import Operations

    announced = []

    class Ops(Operations):
        def answer_saved(self, workshop_id):
            announced.append(workshop_id)

    window = AnsweringWindow(AnsweringSession.start(store, ann.id), [], ops=Ops(store))
    qtbot.addWidget(window, before_close_func=lambda w: w.isVisible() and w.request_leave())
    window.show()
    press(qtbot, window, Qt.Key_3)
    assert announced == []
    held_disk.set()
    qtbot.waitUntil(lambda: announced == [ann.workshop_id])


KILLED_WRITER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from assessment_app.content.catalog import load_catalog
    from assessment_app.store.database import Store
    from assessment_app.ui.answer_writer import AnswerWriter

    app = QCoreApplication([])
    store = Store.open(sys.argv[1])
    q = load_catalog(Path({mini!r})).get("mini")
    workshop = store.workshops()[0].id if store.workshops() else \\
        store.create_workshop("Kill test", q).id
    writer = AnswerWriter(store.path)
    writer.saved.connect(lambda a: print(f"saved {{a.participant_id}} {{a.item_id}} "
                                         f"{{a.current}}", flush=True))
    print("ready", flush=True)
    n = 0
    while True:
        writer.wait()  # the window's own writes never overlap the writer's (as in the app)
        p = store.add_participant(workshop, f"{{sys.argv[2]}}-{{n}}", "it")
        for k, item in enumerate(q.items):
            level = 1 + (n + k) % 5
            writer.save(p.id, item.id, level, level)
            while writer.pending > 8:
                app.processEvents()
        app.processEvents()
        n += 1
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")
def test_sigkill_loses_no_answer_the_writer_reported_saved(tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(KILLED_WRITER.format(root=str(ROOT), mini=str(MINI_DIR)))
    db = tmp_path / "kill.sqlite"
    rng = random.Random(11)
    reported: list[tuple[str, str, int]] = []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for run in range(8):
        proc = subprocess.Popen([sys.executable, str(script), str(db), str(run)],
                                stdout=subprocess.PIPE, text=True, env=env)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        for line in proc.stdout.read().splitlines():
            if line.startswith("saved "):
                _, pid, item, level = line.split()
                reported.append((pid, item, int(level)))
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {(p, i): c for p, i, c in conn.execute(
            "SELECT participant_id, item_id, current FROM answers")}
        conn.close()
        missing = [r for r in reported if stored.get((r[0], r[1])) != r[2]]
        assert missing == [], f"run {run}: {len(missing)} reported answers lost"
    assert len(reported) > 8


def test_quitting_writes_the_answers_on_their_way_first(qtbot, store, ann, held_disk):
    from PySide6.QtWidgets import QApplication

    window = open_window(qtbot, store, ann.id)
    press(qtbot, window, Qt.Key_3, Qt.Key_E)
    assert window.writer.pending == 2
    threading.Timer(0.2, held_disk.set).start()
    QApplication.instance().aboutToQuit.emit()  # what quitting the application emits
    assert on_disk(store, ann.id) == {"trust-1": (3, 3)}
    assert not window.writer._thread.is_alive()
    with pytest.raises(StorageError, match="can no longer be saved"):
        window.writer.save(ann.id, "trust-2", 1, 1)
