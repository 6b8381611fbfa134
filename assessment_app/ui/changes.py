"""How screens learn that the data changed: announced, never discovered by accident.

Every write the window makes goes through ``ui/operations.py``, which announces what the core
says the write changed (``rules.changes.Changed``: a workshop and the kinds of data) on
``Changes.changed`` once it is committed. Writes by another process (a second
laptop's bundle imported with ``tandem import``, the local-network answering server, a script)
are noticed through SQLite's ``PRAGMA data_version``, which moves only when another connection
commits to the file: a query of a few microseconds, asked twice a second. A screen follows the
signal with ``follow()``: refreshed at once when it is on screen, otherwise when next shown, so a
hidden page never does work nobody sees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ..errors import TandemError
from ..rules.changes import Changed, Kind, everything
from ..store.database import Store

# the kinds a screen follows
WORKSHOPS, PARTICIPANTS, ANSWERS, PROGRESS, PLAN = (
    Kind.WORKSHOPS, Kind.PARTICIPANTS, Kind.ANSWERS, Kind.PROGRESS, Kind.PLAN)

OTHER_WRITERS_CHECK_MS = 500


class Changes(QObject):
    """The one signal every screen answers; also watches the file for other processes."""

    changed = Signal(object)  # a rules.changes.Changed

    def __init__(self, store: Store, parent: QObject | None = None,
                 check_ms: int = OTHER_WRITERS_CHECK_MS) -> None:
        super().__init__(parent)
        self.store = store
        self._version = self._data_version()
        self._timer = QTimer(self, interval=check_ms)
        self._timer.timeout.connect(self.check_other_writers)
        self._timer.start()

    def announce(self, change: Changed) -> None:
        if change:  # a write that changed nothing refreshes nothing
            self.changed.emit(change)

    def check_other_writers(self) -> bool:
        """Announce everything if another connection committed since the last look."""
        version = self._data_version()
        if version is None or version == self._version:
            return False
        self._version = version
        self.announce(everything())
        return True

    def _data_version(self) -> int | None:
        try:
            return self.store.data_version()
        except TandemError:
            return None  # a locked or vanished file: look again next time


class Follower(QObject):
    """Keeps one screen current: calls ``refresh`` for the changes it cares about, at once if
    the screen is visible, else on its next show."""

    def __init__(self, widget: QWidget, changes: Changes, refresh: Callable[[], None],
                 workshop: Callable[[], str | None] = lambda: None,
                 kinds: Iterable[str] | None = None) -> None:
        super().__init__(widget)
        self.widget = widget
        self.refresh = refresh
        self.workshop = workshop
        self.kinds = None if kinds is None else frozenset(kinds)
        self.stale = False
        widget.installEventFilter(self)
        changes.changed.connect(self._changed)

    def cares(self, change: Changed) -> bool:
        mine, theirs = self.workshop(), change.workshop_id
        return ((self.kinds is None or bool(self.kinds & change.kinds))
                and (not theirs or mine is None or theirs == mine))

    def _changed(self, change: Changed) -> None:
        if not self.cares(change):
            return
        if self.widget.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()  # before the first paint: the screen never shows old numbers
        return False


def follow(widget: QWidget, changes: Changes, refresh: Callable[[], None],
           workshop: Callable[[], str | None] = lambda: None,
           kinds: Iterable[str] | None = None) -> Follower:
    return Follower(widget, changes, refresh, workshop, kinds)
