"""Long jobs off the UI thread, reporting back through signals on the UI thread: ``progress``
(done, total), ``finished`` (the result; also after a cancel, with what was done) and
``failed`` (a plain sentence).

- ``ProcessJob`` runs a job in a separate, *spawned* process: PDF exports, which are
  CPU-bound Python and would hold the GIL in a thread and freeze the window (threads share one
  interpreter lock; processes do not). Cancel terminates the process, so it takes effect at
  once, even in the middle of a file. The job is a top-level function of a Qt-free module
  (``export_jobs``); the window polls the worker's messages with a timer, so nothing here
  blocks. Even starting the worker happens in a helper thread: spawning it (a fork and exec,
  then the job's arguments written to a pipe the new interpreter reads only once it runs)
  took about 120 ms, a visible stall had the UI thread waited for it. In the standalone app
  the worker is the app's own binary: ``main.py`` calls ``multiprocessing.freeze_support()``
  first for that.
- ``Job`` runs a plain function in a thread (QThreadPool) for light work; the function must
  not touch widgets and is asked to stop at its next ``cancelled()`` check.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

from ..i18n import tr
from ..reports.jobs import child_main, one_sentence, remove_part_file

POLL_MS = 40  # how often the window reads the worker's messages
STOP_WAIT_S = 0.4  # how long a terminated worker gets before it is killed


class JobSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the function's result
    failed = Signal(str)  # a plain sentence


class Job(QRunnable):
    """Runs ``work(progress, cancelled)``; ``cancel()`` asks it to stop at its next check."""

    def __init__(self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]):
        super().__init__()
        self.setAutoDelete(False)  # the caller keeps it (and its signals) alive
        self.work = work
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit, self._cancel.is_set)
        except Exception as exc:  # noqa: BLE001 - any failure must reach the user as a message
            self.signals.failed.emit(one_sentence(exc))
        else:
            self.signals.finished.emit(result)


class ProcessJob(QObject):
    """Runs ``job(reporter, *args)`` in a spawned process (see ``export_jobs``).

    ``finished`` carries the job's result; after ``cancel()`` it carries the list of files the
    worker had completed, and ``cancelled`` is true. The file that was in progress when the
    worker was stopped is not left behind half written."""

    def __init__(self, job: Callable[..., Any], *args: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.job = job
        self.args = args
        self.signals = JobSignals()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._cancelled = False
        self._done = False
        self._files: list[str] = []  # every file the worker started, in order
        self._starter: threading.Thread | None = None  # starts the worker off the UI thread
        self._start_error: str | None = None  # set by the starter when no worker could start
        self._polling = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @property
    def running(self) -> bool:
        return self._starter is not None and not self._done

    @property
    def pid(self) -> int | None:
        """The worker's process id (None before it starts)."""
        return self._process.pid if self._process is not None else None

    @property
    def current_file(self) -> Path | None:
        """The file the worker is writing now, as far as its messages have told."""
        return Path(self._files[-1]) if self._files and not self._done else None

    def start(self) -> None:
        """Start the worker from a helper thread; its messages are read once it runs."""
        context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
        receiver, sender = context.Pipe(duplex=False)
        self._conn = receiver
        process = context.Process(target=child_main, args=(sender, self.job, self.args),
                                  name="tandem-export", daemon=True)
        self._starter = threading.Thread(target=self._launch, args=(process, sender),
                                         name="tandem-export-start", daemon=True)
        self._starter.start()
        self._timer.start()
        app = QCoreApplication.instance()
        if app is not None:  # quitting mid-export stops the worker and removes its .part
            app.aboutToQuit.connect(self.cancel)

    def _launch(self, process: BaseProcess, sender: Connection) -> None:
        """The helper thread: start the worker (the UI thread sees it once this returns)."""
        try:
            process.start()
        except Exception as exc:  # noqa: BLE001 - e.g. no process can be started
            self._start_error = tr("The export could not start: {problem}",
                                   problem=one_sentence(exc))
        else:
            self._process = process
        finally:
            sender.close()  # the worker has its own copy; ours would hide its exit from us

    @property
    def _starting(self) -> bool:
        return self._starter is not None and self._starter.is_alive()

    def cancel(self) -> None:
        """Stop now: terminate the worker, remove the file it was writing, report what was
        done (``finished``, with ``cancelled`` true)."""
        if self._starter is not None:
            self._starter.join()  # rare: cancelled within the worker's first 100 ms or so
        if self._done or self._process is None:
            return
        self._cancelled = True
        self._stop_worker()
        result: Any = None
        for message in self._drain():  # what the worker said before it stopped
            if message[0] == "finished":
                result = message[1]
        in_progress = self._files[-1] if self._files and result is None else None
        if in_progress:
            remove_part_file(in_progress)
        if result is None:
            result = [Path(f) for f in self._files if f != in_progress and Path(f).exists()]
        self._close()
        QTimer.singleShot(0, lambda: self.signals.finished.emit(result))

    # -- the worker's messages -----------------------------------------------------------------

    def _poll(self) -> None:
        if self._polling or self._done:  # a slot below may run the event loop (a modal dialog)
            return
        self._polling = True
        try:
            self._read_messages()
        finally:
            self._polling = False

    def _read_messages(self) -> None:
        if self._starting:
            return
        if self._start_error is not None:
            self._close()
            self.signals.failed.emit(self._start_error)
            return
        for message in self._drain():
            if self._done:  # cancelled from a slot connected to the signals below
                return
            kind = message[0]
            if kind == "progress":
                self.signals.progress.emit(int(message[1]), int(message[2]))
            elif kind == "finished":
                self._close()
                self.signals.finished.emit(message[1])
                return
            elif kind == "failed":
                self._close()
                self.signals.failed.emit(str(message[1]))
                return
        process = self._process
        if self._done or process is None or process.is_alive():
            return
        for message in self._drain():  # the last words of a worker that has just exited
            if message[0] in ("finished", "failed"):
                self._close()
                getattr(self.signals, message[0]).emit(message[1])
                return
        code = process.exitcode
        if self._files:
            remove_part_file(self._files[-1])
        self._close()
        self.signals.failed.emit(
            tr("The export stopped unexpectedly (the worker process ended with code {code}); "
               "no file was left half written, so it is safe to try again.", code=code))

    def _drain(self) -> list[tuple]:
        """Every message waiting now (never blocks); 'starting' is recorded here."""
        messages: list[tuple] = []
        try:
            while self._conn is not None and self._conn.poll():
                message = self._conn.recv()
                if message[0] == "starting":
                    self._files.append(str(message[1]))
                else:
                    messages.append(message)
        except (EOFError, OSError):
            pass  # the worker has gone; _poll sees that from the process itself
        return messages

    def _stop_worker(self) -> None:
        process = self._process
        if process is not None and process.is_alive():
            process.terminate()
            process.join(STOP_WAIT_S)
            if process.is_alive():
                process.kill()
                process.join(STOP_WAIT_S)

    def _close(self) -> None:
        self._done = True
        self._timer.stop()
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._reap()

    def _reap(self, tries: int = 10) -> None:
        """Collect the exited worker without ever waiting on the UI thread: look again
        later while it is still shutting down, and stop it if it hangs there."""
        process = self._process
        if process is None:
            return
        process.join(0)
        if not process.is_alive():
            return
        if tries:
            QTimer.singleShot(500, lambda: self._reap(tries - 1))
        else:
            self._stop_worker()
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def start(job: Job | ProcessJob) -> Job | ProcessJob:
    if isinstance(job, ProcessJob):
        job.start()
    else:
        QThreadPool.globalInstance().start(job)
    return job
