"""Answers saved off the UI thread, acknowledged back on it.

A save waits on the disk: one committed transaction with ``synchronous=FULL`` is an fsync,
well under a millisecond on an idle disk, 100 ms and more while another program keeps the disk
busy. On the UI thread that wait is a key press that hangs. ``AnswerWriter`` owns one thread
with its own connection to the database file; the answering window hands it each answer and
goes on at once, and the writer reports each one back on the UI thread when it is committed
(``saved``) or could not be (``failed``). Durability is unchanged: each answer is still one
transaction with ``synchronous=FULL``, written in the order given, and the screen says "Saved"
only on ``saved``.

What the store would refuse (a target below today, a comment over the limit) is refused at
once, on the UI thread, with the store's own sentence, before anything is queued.

``InlineWriter`` has the same face and saves on the calling thread: for an in-memory database,
which a second connection cannot reach.
"""

from __future__ import annotations

import queue
import threading
from collections import deque

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..errors import StorageError, TandemError
from ..i18n import tr
from ..rules.consensus import RoundState
from ..rules.records import Answer
from ..store.answers import checked_answer
from ..store.connection import BUSY_TIMEOUT_S
from ..store.database import Store
from ..store.sqlite_lite import import_sqlite_utils


class InlineWriter(QObject):
    """Saves on the calling thread: ``save`` returns once the answer is committed (or raises),
    and ``saved`` has been emitted by then."""

    saved = Signal(object)  # the Answer, committed
    failed = Signal(object, str)  # never emitted: a failed save raises in ``save``

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store

    @property
    def pending(self) -> int:
        return 0

    def pending_for(self, item_id: str) -> int:
        return 0

    def save(self, participant_id: str, item_id: str, current: int | None,
             target: int | None, comment: str = "", round_no: int = 1,
             state: RoundState | None = None, language: str | None = None) -> Answer:
        answer = self.store.save_answer(participant_id, item_id, current, target, comment,
                                        round_no=round_no, language=language)
        self.saved.emit(answer)
        return answer

    def wait(self, timeout: float | None = None) -> bool:
        return True

    def close(self) -> None:
        pass


class AnswerWriter(QObject):
    """One thread, one connection, answers committed in the order they were given.

    ``save`` checks the answer, queues it and returns it at once; ``saved(answer)`` or
    ``failed(answer, sentence)`` follows on the UI thread. ``pending`` counts the answers not
    yet reported; ``wait()`` blocks until there are none (and reports them before it returns);
    ``close()`` waits, then ends the thread and closes its connection."""

    saved = Signal(object)
    failed = Signal(object, str)
    _ready = Signal()  # from the thread: results are waiting (delivered on the UI thread)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._jobs: queue.Queue[tuple[Answer, int] | None] = queue.Queue()
        self._results: deque[tuple[Answer, str | None]] = deque()
        self._lock = threading.Condition()
        self._unreported: deque[Answer] = deque()  # queued, not yet reported (in order)
        self._written = 0  # answers the thread has finished with, not yet reported
        self._closed = False
        self._alive = threading.Event()
        self._alive.set()
        self._ready.connect(self._deliver)
        # a window deleted without closing: the thread stops (the lambda holds no ``self``)
        jobs, alive = self._jobs, self._alive

        def stop(*_: object) -> None:
            alive.clear()
            jobs.put(None)

        self.destroyed.connect(stop)
        # sqlite-utils is imported here, once, not by the thread: its import helper is not
        # safe while another thread imports it (about 70 ms, at the hand-over, not on a key)
        import_sqlite_utils()
        self._thread = threading.Thread(target=self._run, name="tandem-answer-writer",
                                        daemon=True)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # quitting with answers on their way: they are written first
            app.aboutToQuit.connect(self.close)

    # -- the UI thread -------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """Answers handed over and not yet reported as saved or failed."""
        return len(self._unreported)

    def pending_for(self, item_id: str) -> int:
        return sum(1 for a in self._unreported if a.item_id == item_id)

    def save(self, participant_id: str, item_id: str, current: int | None,
             target: int | None, comment: str = "", round_no: int = 1,
             state: RoundState | None = None, language: str | None = None) -> Answer:
        """Queue one answer of round ``round_no``; returns it as it will be written (not yet
        durable). A re-rating is checked against the round's ``state`` here, as the store
        would: the thread writes it with the time of the key press."""
        if self._closed:
            raise StorageError(tr("The answers of this session can no longer be saved (the "
                                  "answering window was closed)."))
        answer = checked_answer(participant_id, item_id, current, target, comment,
                                round_no=round_no, state=state, language=language)
        self._unreported.append(answer)
        self._jobs.put((answer, round_no))
        return answer

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every queued answer is written or has failed, and report them now.
        False if ``timeout`` (seconds) ran out first."""
        with self._lock:
            done = self._lock.wait_for(lambda: self._written >= len(self._unreported),
                                       timeout)
        self._deliver()
        return done

    def close(self) -> None:
        """Wait for what is queued, then end the thread and close its connection."""
        if self._closed:
            return
        self.wait()
        self._closed = True
        self._jobs.put(None)
        self._thread.join(BUSY_TIMEOUT_S + 1)

    def _deliver(self) -> None:
        with self._lock:
            results = list(self._results)
            self._results.clear()
            self._written -= len(results)
        for answer, problem in results:
            self._unreported.popleft()  # the thread writes them in the order given
            if problem is None:
                self.saved.emit(answer)
            else:
                self.failed.emit(answer, problem)

    # -- the writer thread ---------------------------------------------------------------------

    def _run(self) -> None:
        store: Store | None = None
        opening_problem = ""
        try:
            store = Store.another(self.path)
        except TandemError as exc:
            opening_problem = str(exc)
        while True:
            job = self._jobs.get()
            if job is None:
                break
            answer, round_no = job
            problem: str | None = opening_problem or None
            if store is not None:
                try:
                    store.save_answer(answer.participant_id, answer.item_id, answer.current,
                                      answer.target, answer.comment, answer.answered_at,
                                      round_no, answer.language)
                except TandemError as exc:
                    problem = str(exc)
                except Exception as exc:  # noqa: BLE001 - every failure reaches the screen
                    problem = tr("The answer could not be written ({problem}).", problem=exc)
            with self._lock:
                self._results.append((answer, problem))
                self._written += 1
                self._lock.notify_all()
            if not self._alive.is_set():
                break
            try:
                self._ready.emit()
            except RuntimeError:  # the window (and this object) are gone
                break
        if store is not None:
            store.close()


def writer_for(store: Store, parent: QObject | None = None) -> AnswerWriter | InlineWriter:
    """A writer thread for a database file; saving inline for an in-memory one."""
    if store.memory:
        return InlineWriter(store, parent)
    return AnswerWriter(store.path, parent)
