"""The results screen's scored workshop, kept current while the room answers.

``analysis/live_scores`` re-reads only the participants whose answers moved. A change of one or
two people (a key on the laptop, an import of one person) costs a millisecond or two and is
scored at once on the UI thread, so the screen is current when the announcement returns. A
larger one (sixty phones answering between two looks, the first look at a big workshop while
the screen is shown) runs in a thread on its own connection, and the screen is redrawn when it
is done; changes that arrive meanwhile are read by one more run right after. What the screen
derives from the scores (its sentences, the heat map's rows: ``prepare``) is made in the same
run, so the UI thread only shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from ..analysis.live_scores import LiveScores
from ..analysis.workshop import ScoredWorkshop
from ..content.actions import Action
from ..content.questionnaire import Questionnaire
from ..store.database import Store
from .background import Job

AT_ONCE = 2  # participants whose answers are read on the UI thread; more go to the thread


class ResultsFeed(QObject):
    """``load`` scores at once; ``follow`` scores what changed, at once or in the thread, and
    ``scored`` carries each result and what ``prepare`` made of it to the screen (on the UI
    thread)."""

    scored = Signal(object, object)  # a ScoredWorkshop, prepare(it) (None without prepare)
    failed = Signal(str)  # a plain sentence

    def __init__(self, store: Store, actions: list[Action], parent: QObject | None = None,
                 prepare: Callable[[ScoredWorkshop], Any] | None = None,
                 shown: Callable[[Questionnaire], Questionnaire] | None = None):
        super().__init__(parent)
        self.store = store
        self.actions = actions
        self.shown = shown  # the questionnaire in the window's words (``Wording``)
        self.prepare = prepare
        self._live: LiveScores | None = None
        self._job: Job | None = None
        self._again = False
        self._loads = 0  # a result from the thread started before the last load is dropped
        self._thread_store: Store | None = None

    def load(self, workshop_id: str) -> ScoredWorkshop:
        """The workshop scored now, on the UI thread (only what moved since the last look)."""
        if self._live is None or self._live.workshop_id != workshop_id:
            self._live = LiveScores(workshop_id, self.actions, self.shown)
        self._loads += 1
        return self._live.update(self.store)

    def follow(self) -> None:
        """Score what changed since the last look and emit ``scored``."""
        live = self._live
        if live is None:
            return
        if self._job is not None:
            self._again = True
            return
        if self.store.memory or live.pending(self.store) <= AT_ONCE:
            scored = self.load(live.workshop_id)
            self.scored.emit(scored, self._prepared(scored))
            return
        self._start(live)

    def _start(self, live: LiveScores) -> None:
        if self._thread_store is None:
            self._thread_store = Store.another(self.store.path)
        store, loads = self._thread_store, self._loads
        job = Job(lambda _progress, _cancelled: self._prepared_pair(live.update(store)))
        job.signals.finished.connect(lambda done: self._done(job, live, loads, done))
        job.signals.failed.connect(lambda message: self._done(job, live, loads, None, message))
        self._job = job
        QThreadPool.globalInstance().start(job)

    def _prepared(self, scored: ScoredWorkshop) -> Any:
        return self.prepare(scored) if self.prepare is not None else None

    def _prepared_pair(self, scored: ScoredWorkshop) -> tuple[ScoredWorkshop, Any]:
        return scored, self._prepared(scored)

    def _done(self, job: Job, live: LiveScores, loads: int,
              done: tuple[ScoredWorkshop, Any] | None, message: str = "") -> None:
        if job is not self._job:
            return
        self._job = None
        current = live is self._live and loads == self._loads
        if current and done is not None:
            self.scored.emit(*done)
        elif current:
            self.failed.emit(message)
        if self._again or not current:
            self._again = False
            self.follow()
