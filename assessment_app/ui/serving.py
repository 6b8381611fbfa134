"""Answering on the local network, from the window's side: the one server the window may run
(``Serving``) and the status-bar sign that says it is running (``ServingIndicator``).

The server (``web/server.AnswerServer``) runs in its own thread with its own event loop and
its own database connection; nothing here is called from that thread and nothing there touches
a widget. Answers it commits reach the screens the way every other process's writes do: the
window's ``Changes`` notices ``PRAGMA data_version`` move and announces it.

The server belongs to the window, not to the join screen: the facilitator may leave the join
screen (to show the results while the last people finish) and the server keeps serving, with
the status bar saying so and offering Stop. It stops when the facilitator presses Stop, leaves
the workshop, opens another one, restores a backup, or quits.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..errors import TandemError
from ..i18n import tr, tr_n
from ..rules.progress import WorkshopProgress
from .changes import Changes

if TYPE_CHECKING:  # aiohttp loads only when serving starts
    from ..content.catalog import Catalog
    from ..store.database import Store
    from ..web.server import AnswerServer

PREFERRED_PORT = 8765  # the same link across restarts when it is free; else any free port
ALIVE_CHECK_MS = 1000
# While the server's thread shares the window's interpreter lock, a thread that wants the lock
# waits up to this long for it; painting the results calls into Python dozens of times, so the
# window waits less with 1 ms than with Python's 5 ms (frame gaps with a room answering).
SERVING_SWITCH_S = 0.001


def leaving_question(doing: str, left: int) -> tuple[str, str]:
    """The question and the button when the facilitator leaves the served workshop while
    ``left`` participants still answer on their devices: ``doing`` is "quit", "restore",
    "another" (workshop) or "close" (whole sentences for each, as languages need)."""
    if doing == "quit":
        return tr_n("{n} participant has not finished answering on their own device. If you "
                    "quit now, their page stops reaching this laptop; everything they saved is "
                    "kept, and they can go on when you serve again.",
                    "{n} participants have not finished answering on their own device. If you "
                    "quit now, their pages stop reaching this laptop; everything they saved is "
                    "kept, and they can go on when you serve again.", left), tr(
                        "Stop serving and quit")
    if doing == "restore":
        return tr_n("{n} participant has not finished answering on their own device. If you "
                    "restore a backup now, their page stops reaching this laptop; everything "
                    "they saved is kept, and they can go on when you serve again.",
                    "{n} participants have not finished answering on their own device. If you "
                    "restore a backup now, their pages stop reaching this laptop; everything "
                    "they saved is kept, and they can go on when you serve again.", left), tr(
                        "Stop serving and restore a backup")
    if doing == "another":
        return tr_n("{n} participant has not finished answering on their own device. If you "
                    "open another workshop now, their page stops reaching this laptop; "
                    "everything they saved is kept, and they can go on when you serve again.",
                    "{n} participants have not finished answering on their own device. If you "
                    "open another workshop now, their pages stop reaching this laptop; "
                    "everything they saved is kept, and they can go on when you serve again.",
                    left), tr("Stop serving and open another workshop")
    return tr_n("{n} participant has not finished answering on their own device. If you close "
                "the workshop now, their page stops reaching this laptop; everything they saved "
                "is kept, and they can go on when you serve again.",
                "{n} participants have not finished answering on their own device. If you close "
                "the workshop now, their pages stop reaching this laptop; everything they saved "
                "is kept, and they can go on when you serve again.", left), tr(
                    "Stop serving and close the workshop")


class Serving(QObject):
    """Starts and stops the answering server of one workshop; says when that changes."""

    state_changed = Signal()

    def __init__(self, store: Store, catalog: Catalog | None = None,
                 parent: QObject | None = None,
                 port: int = PREFERRED_PORT) -> None:
        super().__init__(parent)
        self.store = store
        self.catalog = catalog
        self.port = port
        self.server: AnswerServer | None = None
        self.workshop_id: str | None = None
        self.host: str | None = None
        self.stopped_unexpectedly = False
        self._links: dict[str, str] = {}
        self._switch_before: float | None = None  # the interpreter's own, while serving
        self._alive = QTimer(self, interval=ALIVE_CHECK_MS)
        self._alive.timeout.connect(self._check_alive)

    @property
    def running(self) -> bool:
        return self.server is not None and bool(self.server.running)

    @property
    def url(self) -> str:
        return self.server.url if self.server is not None else ""

    def serves(self, workshop_id: str | None) -> bool:
        return self.running and workshop_id is not None and workshop_id == self.workshop_id

    def start(self, workshop_id: str, host: str) -> None:
        """Serve ``workshop_id`` on ``host`` (stopping any other first); the preferred port if
        it is free, else one the system picks. Raises TandemError (one sentence)."""
        from ..web.server import AnswerServer

        self.stop()
        ports = [self.port] if self.port == 0 else [self.port, 0]
        for n, port in enumerate(ports):
            server = AnswerServer(self.store.path, workshop_id, catalog=self.catalog,
                                  host=host, port=port)
            try:
                server.start()
            except TandemError:
                server.stop()
                if n == len(ports) - 1:
                    raise
                continue
            break
        self.server, self.workshop_id, self.host = server, workshop_id, host
        self.stopped_unexpectedly = False
        self._links = {}
        self._switch_before = sys.getswitchinterval()
        sys.setswitchinterval(SERVING_SWITCH_S)
        self._alive.start()
        self.state_changed.emit()

    def stop(self) -> None:
        """Stop serving (nothing keeps listening); harmless when not serving."""
        server, self.server = self.server, None
        self._alive.stop()
        self._links = {}
        if server is None:
            return
        if self._switch_before is not None:
            sys.setswitchinterval(self._switch_before)
            self._switch_before = None
        try:
            server.stop()
        finally:
            self.workshop_id = self.host = None
            self.state_changed.emit()

    def join_url(self, participant_id: str) -> str:
        """The participant's personal link (issued on first use, kept until re-issued)."""
        if participant_id not in self._links:
            self._links[participant_id] = self._server().join_url(participant_id)
        return self._links[participant_id]

    def reissue(self, participant_id: str) -> str:
        """A new link for the participant; the old one stops working at once."""
        self._links[participant_id] = self._server().reissue(participant_id)
        return self._links[participant_id]

    def _server(self) -> AnswerServer:
        if self.server is None:
            raise TandemError(tr("Start serving first: the links hold this laptop's address."))
        return self.server

    def _check_alive(self) -> None:
        if self.server is not None and not self.server.running:
            self.stopped_unexpectedly = True
            self.stop()


class ServingIndicator(QWidget):
    """In the status bar while a workshop is served: where, how many have finished, and the
    way to the codes and to Stop. Hidden otherwise."""

    show_codes = Signal(str)  # workshop id

    def __init__(self, serving: Serving, changes: Changes, store: Store,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.serving = serving
        self.store = store
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setObjectName("servingSign")
        self.codes_button = QPushButton(tr("Codes"))
        self.codes_button.setToolTip(tr("Show the join screen with everyone's code"))
        self.codes_button.clicked.connect(self._show_codes)
        self.stop_button = QPushButton(tr("Stop serving"))
        self.stop_button.setAccessibleName(tr("Stop answering on devices"))
        self.stop_button.clicked.connect(self.serving.stop)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.codes_button)
        layout.addWidget(self.stop_button)
        serving.state_changed.connect(self.refresh)
        changes.changed.connect(self._follow)
        self.refresh()

    def _show_codes(self) -> None:
        if self.serving.workshop_id:
            self.show_codes.emit(self.serving.workshop_id)

    def _follow(self, *_: object) -> None:
        if self.serving.running:
            self.refresh()

    def refresh(self) -> None:
        workshop_id = self.serving.workshop_id
        if not self.serving.running or workshop_id is None:
            self.hide()
            return
        try:
            progress = self.store.progress(workshop_id)
        except TandemError:
            progress = WorkshopProgress(0)
        self.label.setText(tr("● Answering on devices at {url}: {finished} of {count} finished",
                              url=self.serving.url, finished=progress.finished(),
                              count=progress.count))
        self.show()
