"""The join screen: let everyone answer on their own phone or laptop.

The facilitator picks the network address to serve on, starts the server (``ui/serving``), and
shows each participant's personal code, one at a time (large, or on the whole projector), or
prints a sheet of cards (``reports/join_sheet``, in a worker process). Each participant's
progress follows the answers as they arrive: the server's commits move ``PRAGMA
data_version``, ``Changes`` announces them, and this page follows that signal like every other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..content.questionnaire import ROLE_LABELS
from ..i18n import N_, tr
from ..rules.progress import PersonProgress
from . import dialogs
from .changes import PARTICIPANTS, PROGRESS, WORKSHOPS, follow
from .models import ParticipantsModel
from .operations import Operations
from .qr_view import ProjectorView, QrCard
from .serving import Serving
from .text import ElidedLabel, WrappedLabel, plain_tooltip

if TYPE_CHECKING:  # the worker process's module loads when a sheet is printed
    from ..rules.records import Participant
    from .background import ProcessJob

LOOPBACK = "127.0.0.1"
NO_NETWORK = N_("This laptop is on no network: turn on its hotspot or join the room's Wi-Fi, "
                "then press Look again. Until then only this laptop can open the links.")
NOTE = N_("Phones and laptops must join this laptop's network: the room's Wi-Fi, or this "
          "laptop's hotspot with a password on it. Tandem serves plain HTTP on that network "
          "only, never the internet, so do not serve on a public or guest Wi-Fi. Each link is "
          "personal: it opens one person's questionnaire and nothing else. Show a code only "
          "while its owner scans it, or print the sheet and hand out the cards.")

STATUS_LOOKS = {"": "", "ok": "QLabel { color: #006b4f; font-weight: 600; }",
                "warn": "QLabel { color: #a03c00; font-weight: 600; }"}


def progress_text(progress: PersonProgress) -> str:
    if progress.finished:
        return tr("✓ Finished: {done} of {total} answered", done=progress.done,
                  total=progress.total)
    return tr("{done} of {total} answered", done=progress.done, total=progress.total)


def list_addresses() -> list[tuple[str, str]]:
    """(ip, label) of this laptop's network addresses, loopback last (a seam for tests)."""
    from ..web.network import network_addresses

    return network_addresses()


def _warm_up_server_libraries() -> None:
    """Import aiohttp in the background while the facilitator reads the join screen, so that
    Start does not pause the window for the ~0.3 s its first import takes."""
    import importlib
    import threading

    threading.Thread(target=importlib.import_module, args=("aiohttp.web",),
                     name="tandem-warm-up", daemon=True).start()


class JoinPage(QWidget):
    back_requested = Signal()

    def __init__(self, ops: Operations, serving: Serving, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        _warm_up_server_libraries()
        self.ops = ops
        self.store = ops.store
        self.serving = serving
        self.workshop_id: str | None = None
        self.workshop_name = ""
        self.job: ProcessJob | None = None
        self.projector: ProjectorView | None = None
        self._matrices: dict[str, list[list[bool]]] = {}

        self.back_button = QPushButton(tr("← Workshop"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = ElidedLabel()  # "Answering on devices: <workshop name>"
        self.title.setObjectName("pageTitle")
        self.print_button = QPushButton(tr("&Print sheet…"))
        self.print_button.clicked.connect(self.print_sheet)
        self.projector_button = QPushButton(tr("&Full screen"))
        self.projector_button.setToolTip(tr("Show the code alone on the whole screen (the "
                                            "projector); arrows move, Esc closes"))
        self.projector_button.clicked.connect(self.show_projector)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.projector_button)

        # the left column: where to serve, start/stop, what to know, who has answered what
        self.address = QComboBox()
        self.address.setAccessibleName(tr("Network address to serve on"))
        self.look_again = QPushButton(tr("Look a&gain"))
        self.look_again.setToolTip(tr("List this laptop's networks again (after turning on the "
                                      "hotspot or joining a Wi-Fi)"))
        self.look_again.clicked.connect(self.load_addresses)
        address_row = QHBoxLayout()
        address_row.addWidget(QLabel(tr("Serve on")))
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.look_again)
        self.no_network = WrappedLabel(tr(NO_NETWORK))
        self.no_network.setObjectName("message")
        self.start_button = QPushButton(tr("&Start serving"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(tr("S&top serving"))
        self.stop_button.clicked.connect(self.stop)
        run_row = QHBoxLayout()
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.stop_button)
        run_row.addStretch(1)
        self.status = WrappedLabel()
        self._status_look = ""
        self.note = WrappedLabel(tr(NOTE))
        self.note.setObjectName("contextLabel")

        self.model = ParticipantsModel(self.store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Participants and their progress"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setColumnHidden(2, True)  # the job title: on the card
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())

        left = QVBoxLayout()
        left.addLayout(address_row)
        left.addWidget(self.no_network)
        left.addLayout(run_row)
        left.addWidget(self.status)
        left.addWidget(self.note)
        left.addWidget(self.table, 1)
        left_panel = QWidget()
        left_panel.setLayout(left)
        left_panel.setMaximumWidth(520)
        left_panel.setMinimumWidth(380)

        # the right: one person's code, large
        self.card = QrCard()
        self.previous_button = QPushButton(tr("◀ P&revious"))
        self.previous_button.clicked.connect(self.previous)
        self.position = QLabel()
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton(tr("&Next ▶"))
        self.next_button.clicked.connect(self.next)
        self.new_link_button = QPushButton(tr("New &link…"))
        self.new_link_button.setToolTip(tr("Give this person a new link; the old one stops "
                                           "working"))
        self.new_link_button.clicked.connect(self.new_link)
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.position, 1)
        nav.addWidget(self.next_button)
        nav.addSpacing(24)
        nav.addWidget(self.new_link_button)
        right = QVBoxLayout()
        right.addWidget(self.card, 1)
        right.addLayout(nav)

        body = QHBoxLayout()
        body.addWidget(left_panel, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        serving.state_changed.connect(self.refresh)
        if ops.changes is not None:  # answers from the network arrive through data_version
            follow(self, ops.changes, self.refresh, workshop=lambda: self.workshop_id,
                   kinds=(WORKSHOPS, PARTICIPANTS, PROGRESS))
        self.load_addresses()

    # -- what is shown -------------------------------------------------------------------------

    def show_workshop(self, workshop_id: str) -> None:
        self.workshop_id = workshop_id
        self.model.set_workshop(workshop_id)
        if self.model.rowCount():
            self.table.selectRow(0)
        self.refresh()

    def load_addresses(self) -> None:
        chosen = self.address.currentData()
        with dialogs.reporting_errors(self, tr("Cannot list the network addresses")):
            addresses = list_addresses() or [(LOOPBACK, "")]
            self.address.clear()
            for ip, label in addresses:
                shown = tr("this laptop only") if ip == LOOPBACK else label
                self.address.addItem(f"{ip} ({shown})" if shown else ip, ip)
            keep = self.address.findData(chosen)
            self.address.setCurrentIndex(max(0, keep))
        self._update_controls()

    def refresh(self) -> None:
        if not self.workshop_id:
            return
        current = self.current_participant()
        with dialogs.reporting_errors(self, tr("Cannot read the participants")):
            self.workshop_name = self.store.workshop(self.workshop_id).name
            self.model.refresh()
        self.title.setText(tr("Answering on devices: {name}", name=self.workshop_name))
        row = self.model.row_of(current.id) if current else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self.show_current()
        self._update_controls()

    def _update_controls(self) -> None:
        serving = self.serving.serves(self.workshop_id)
        only_loopback = all(self.address.itemData(n) == LOOPBACK
                            for n in range(self.address.count()))
        self.no_network.setVisible(only_loopback and not serving)
        self.address.setEnabled(not serving)
        self.look_again.setEnabled(not serving)
        self.start_button.setEnabled(not serving and self.workshop_id is not None)
        self.stop_button.setEnabled(serving)
        self.print_button.setEnabled(serving and self.model.rowCount() > 0
                                     and (self.job is None or not self.job.running))
        self.print_button.setToolTip("" if serving else tr("Start serving first: the links "
                                                           "hold this laptop's network address"))
        loopback = serving and self.serving.host == LOOPBACK
        self._set_status_look("warn" if loopback else "ok" if serving else "")
        self.status.setText(self._status_text(serving, loopback))

    def _status_text(self, serving: bool, loopback: bool) -> str:
        done, count = self.model.finished(), self.model.rowCount()
        if loopback:
            return tr("Serving at {url} for this laptop only: phones cannot open these links. "
                      "Turn on the hotspot or join the Wi-Fi, press Stop, Look again, then "
                      "Start. {done} of {count} finished.", url=self.serving.url, done=done,
                      count=count)
        if serving:
            return tr("Serving at {url}. {done} of {count} finished.", url=self.serving.url,
                      done=done, count=count)
        if self.serving.running:
            return tr("Another workshop is being served; starting here stops it.")
        if self.serving.stopped_unexpectedly:
            return tr("The server stopped unexpectedly; press Start serving again (the links "
                      "stay the same).")
        return tr("Not serving. {done} of {count} finished.", done=done, count=count)

    def _set_status_look(self, look: str) -> None:
        """Serving in bold green, serving for this laptop only in bold orange; set only when
        it changes (a restyle at every refresh would repolish twice a second while answers
        arrive)."""
        if self._status_look != look:
            self._status_look = look
            self.status.setStyleSheet(STATUS_LOOKS[look])

    def current_row(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        return index.row() if index.isValid() else None

    def current_participant(self) -> Participant | None:
        row = self.current_row()
        return self.model.participant(row) if row is not None else None

    def show_current(self) -> None:
        p = self.current_participant()
        count = self.model.rowCount()
        row = self.current_row()
        self.position.setText(tr("{number} of {count}", number=row + 1, count=count)
                              if row is not None else "")
        self.previous_button.setEnabled(row is not None and row > 0)
        self.next_button.setEnabled(row is not None and row < count - 1)
        serving = self.serving.serves(self.workshop_id)
        self.new_link_button.setEnabled(serving and p is not None)
        cards = [self.card] + ([self.projector.card] if self.projector is not None else [])
        if p is None:
            for card in cards:
                card.show_nothing(tr("No participants yet: add them on the workshop page."))
            return
        if not serving:
            for card in cards:
                card.show_nothing(tr("Start serving to show each person's code here."))
            return
        with dialogs.reporting_errors(self, tr("Cannot make the link")):
            url = self.serving.join_url(p.id)
            matrix = self._matrix(url)
            detail = ROLE_LABELS[p.role] + (f" · {p.title}" if p.title else "")
            progress = progress_text(self.model.progress_of(p.id))
            for card in cards:
                card.show_person(p.name, detail, progress, url, matrix)
            self.card.name.setToolTip(plain_tooltip(p.name) if self.card.name.is_elided()
                                      else "")

    def _matrix(self, url: str) -> list[list[bool]]:
        if url not in self._matrices:
            from ..web.qr import qr_matrix

            self._matrices[url] = qr_matrix(url)
        return self._matrices[url]

    # -- actions -------------------------------------------------------------------------------

    def start(self) -> None:
        if not self.workshop_id:
            return
        host = self.address.currentData() or LOOPBACK
        with dialogs.reporting_errors(self, tr("Cannot start serving")):
            self.serving.start(self.workshop_id, host)
        self.refresh()

    def stop(self) -> None:
        self.serving.stop()
        self.refresh()

    def previous(self) -> None:
        row = self.current_row()
        if row is not None and row > 0:
            self.table.selectRow(row - 1)

    def next(self) -> None:
        row = self.current_row()
        if row is not None and row < self.model.rowCount() - 1:
            self.table.selectRow(row + 1)

    def new_link(self) -> None:
        p = self.current_participant()
        if p is None or not self.serving.serves(self.workshop_id):
            return
        if not dialogs.ask_confirm(
                self, tr("New link"),
                tr("Give {name} a new link and code? The old link stops working at once: "
                   "whoever has it (on a phone, on a printed card) can no longer open the "
                   "questionnaire. The answers already given are kept.", name=p.name),
                tr("Make a new link")):
            return
        with dialogs.reporting_errors(self, tr("Cannot make a new link")):
            self.serving.reissue(p.id)
        self.show_current()

    def show_projector(self) -> None:
        if self.projector is None:
            self.projector = ProjectorView(self)
            self.projector.previous_requested.connect(self.previous)
            self.projector.next_requested.connect(self.next)
            self.projector.closed.connect(self._projector_closed)
        self.show_current()
        self.projector.showFullScreen()
        self.projector.activateWindow()

    def _projector_closed(self) -> None:
        if self.projector is not None:
            self.projector.deleteLater()
            self.projector = None

    def print_sheet(self) -> None:
        if not self.serving.serves(self.workshop_id) or not self.model.rowCount():
            return
        from ..files import safe_file_name

        out = dialogs.ask_save_path(self, tr("Save the join sheet"),
                                    tr("{name} join codes.pdf",
                                       name=safe_file_name(self.workshop_name)),
                                    tr("PDF (*.pdf)"))
        if not out:
            return
        from ..reports.join_sheet import JoinCard, sheet_job
        from ..web.qr import qr_matrix
        from .background import ProcessJob

        with dialogs.reporting_errors(self, tr("Cannot make the join sheet")):
            cards = [JoinCard(p.name, ROLE_LABELS[p.role], p.title, self.serving.join_url(p.id))
                     for p in self.model.participants()]
            job = self.job = ProcessJob(sheet_job, cards, self.workshop_name, out, qr_matrix,
                                        dialogs.paper_size(),
                                        self.store.report_language(self.workshop_id or ""),
                                        parent=self)
            job.signals.finished.connect(lambda _: self._sheet_done(out))
            job.signals.failed.connect(
                lambda why: dialogs.show_error(self, tr("Cannot make the join sheet"), why))
            job.signals.failed.connect(lambda _: self._update_controls())
            job.start()
            self._update_controls()

    def _sheet_done(self, out: str) -> None:
        self._update_controls()
        from pathlib import Path

        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(tr("Join sheet saved to {path}", path=out), 10000)
        dialogs.open_folder(Path(out))  # the PDF itself, in the system's viewer, to print
