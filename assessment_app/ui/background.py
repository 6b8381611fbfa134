"""Long jobs off the UI thread: a QRunnable that runs a plain function with progress and cancel,
reporting back through signals (queued to the UI thread). The function must not touch widgets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..errors import TandemError


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
        except TandemError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - any failure must reach the user as a message
            self.signals.failed.emit(f"Unexpected error: {type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(result)


def start(job: Job) -> Job:
    QThreadPool.globalInstance().start(job)
    return job
