"""The main window: a stack of pages and the menus; each page owns its own behaviour.

It shows in two steps, so that something is on screen as early as a bare Qt window: first its
frame (the saved geometry, the title, the menu bar's titles, the status line and the list's
title, from a module that imports no store module and names no ``Qt`` enum), then, right after
that first paint, ``build`` fills the same window with its pages and menus (``ui/app``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, i18n
from ..i18n import N_, tr
from ..settings import WINDOW_GEOMETRY

if TYPE_CHECKING:  # the catalog (and YAML) loads after the first paint; the pages when shown
    from pathlib import Path

    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QMenu

    from ..content.catalog import Catalog
    from ..store.database import Store
    from .answering_window import AnsweringWindow
    from .background import Job
    from .changes import Changes
    from .consensus_page import ConsensusPage
    from .data_actions import Imported
    from .help_page import HelpDialog
    from .join_screen import JoinPage
    from .operations import Operations
    from .plan_page import PlanPage
    from .presenter import PresenterWindow
    from .results_page import ResultsPage
    from .serving import Serving, ServingIndicator
    from .workshop_list import WorkshopListPage
    from .workshop_page import WorkshopPage

# the menu bar's titles, shown before their actions exist
MENUS = (N_("&File"), N_("&View"), N_("&Help"))


class MainWindow(QMainWindow):
    built = Signal()  # the pages and menus are in place (``build``)
    export_actions: list[QAction]  # File › Export…, made by ``menus.build_menus``

    def __init__(self, store: Store | None = None, catalog: Catalog | None = None, *,
                 db_path: Path | None = None) -> None:
        """The frame alone (``db_path`` named in the status line); with a store and a catalog,
        built at once."""
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self._restore_geometry()
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._placeholder = QWidget()  # the list's title where the list will show it
        self.bundle_job: Job | None = None  # the bundle being imported, read in a thread
        title = QLabel(tr("Workshops"))
        title.setObjectName("pageTitle")
        layout = QVBoxLayout(self._placeholder)
        layout.addWidget(title)
        layout.addStretch(1)
        self.stack.addWidget(self._placeholder)
        self.menus: dict[str, QMenu] = {name: self.menuBar().addMenu(tr(name))
                                      for name in MENUS}
        self.statusBar().showMessage(
            tr("Database: {path}", path=store.path if store else db_path))
        self._sign_room = QPushButton()  # hidden, it keeps the status bar as tall as the
        self._sign_room.hide()           # serving sign's buttons will (no jump when built)
        self.statusBar().addPermanentWidget(self._sign_room)
        if store is not None and catalog is not None:
            self.build(store, catalog)

    def build(self, store: Store, catalog: Catalog) -> None:
        """The pages, the menus' actions and the status line's serving sign, in the frame."""
        from PySide6.QtCore import QCoreApplication

        from .changes import Changes
        from .menus import build_menus
        from .operations import Operations
        from .serving import Serving, ServingIndicator
        from .workshop_list import WorkshopListPage
        from .workshop_page import WorkshopPage

        self.store = store
        self.catalog = catalog
        self.changes: Changes = Changes(store, self)
        self.ops: Operations = Operations(store, self.changes)
        self.workshops: WorkshopListPage = WorkshopListPage(self.ops, catalog)
        self.workshop: WorkshopPage = WorkshopPage(  # the catalog is read when a page shows
            self.ops, shown=lambda q: self.catalog.wording().questionnaire(q))
        self.stack.addWidget(self.workshops)
        self.stack.addWidget(self.workshop)
        self.stack.setCurrentWidget(self.workshops)
        self.stack.removeWidget(self._placeholder)
        self._placeholder.deleteLater()
        self.workshops.open_requested.connect(self.open_workshop)
        self.workshop.back_requested.connect(self.show_workshops)
        self.workshop.hand_over_requested.connect(self.hand_over)
        self.workshop.results_requested.connect(self.show_results)
        self.workshop.plan_requested.connect(self.show_plan)
        self.workshop.join_requested.connect(self.show_join)
        self.workshop.follow_up_requested.connect(self.start_follow_up)
        self.workshop.consensus_requested.connect(self.show_consensus)
        self.consensus: ConsensusPage | None = None
        self.presenter: PresenterWindow | None = None
        self.plan: PlanPage | None = None
        self.results: ResultsPage | None = None  # built when first shown: it loads pyqtgraph
        self.answering: AnsweringWindow | None = None
        self.facilitator_language = i18n.current()  # while a participant answers in theirs
        self.join: JoinPage | None = None  # the join screen, built when first shown
        self.guide: HelpDialog | None = None  # Help › How to run a workshop, when first asked
        # answering on the local network: the server outlives the join screen (the facilitator
        # may show the results meanwhile), the status bar says so while it runs, and it stops
        # on Stop, on leaving the workshop, on restoring a backup and on quitting
        self.serving: Serving = Serving(store, catalog, self)
        self.serving_sign: ServingIndicator = ServingIndicator(self.serving, self.changes, store)
        self.serving_sign.show_codes.connect(self.show_join)
        self.statusBar().removeWidget(self._sign_room)
        self._sign_room.deleteLater()
        self.statusBar().addPermanentWidget(self.serving_sign)
        app = QCoreApplication.instance()
        if app is not None:  # an app that quits without closing this window still stops it
            app.aboutToQuit.connect(self.serving.stop)
        build_menus(self)
        self.setAcceptDrops(True)
        self.full_screen_answering = True
        self.workshops.table.setFocus()  # a frame shown first had nothing to focus: keys go here
        self.built.emit()

    def _restore_geometry(self) -> None:
        """Where the facilitator left the window last time; else 1280x800, or the screen's
        available size if smaller."""
        from PySide6.QtCore import QByteArray

        saved = WINDOW_GEOMETRY.get()
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            return
        screen = self.screen().availableGeometry()
        self.resize(min(1280, screen.width()), min(800, screen.height()))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if "serving" in self.__dict__ and not self.may_stop_serving("quit"):  # built
            event.ignore()
            return
        WINDOW_GEOMETRY.set(bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        super().closeEvent(event)

    def may_stop_serving(self, doing: str, keep_for: str | None = None) -> bool:
        """Before leaving the served workshop (``keep_for`` is where the window goes next: the
        server keeps running if that is the workshop it serves): stop the server, asking first
        while anyone has not finished. False if the facilitator would rather stay."""
        serving = self.serving
        if not serving.running or (keep_for is not None and serving.serves(keep_for)):
            return True
        workshop_id = serving.workshop_id
        if workshop_id is None:  # serving always names its workshop; nothing to ask about
            serving.stop()
            return True
        from ..errors import TandemError
        from . import dialogs
        from .serving import leaving_question

        try:
            left = self.store.progress(workshop_id).left
        except TandemError:  # a vanished workshop: nobody to wait for
            left = 0
        question, button = leaving_question(doing, left)
        if left and not dialogs.ask_confirm(self, tr("Stop answering on devices?"), question,
                                            button):
            return False
        serving.stop()
        return True

    def set_text_size(self, size: str) -> None:
        from ..settings import TEXT_SIZE
        from .fonts import apply_text_size

        TEXT_SIZE.set(size)
        apply_text_size(size)

    def current_workshop_id(self) -> str | None:
        if self.stack.currentWidget() is self.workshop:
            return self.workshop.workshop_id
        return self.workshops.selected_id()

    def import_bundle(self, path: str | None = None) -> None:
        """Import a bundle; it is read in a thread, and one bundle at a time."""
        from . import data_actions

        if self.bundle_job is None:
            self.bundle_job = data_actions.import_bundle(self, self.ops, self.catalog, path,
                                                         self._imported)

    def _imported(self, imported: Imported | None) -> None:
        self.bundle_job = None
        if imported is None:
            return
        # say so, and show the workshop it went into unless one of its pages is on screen
        workshop_id = imported.workshop_id
        name = self.store.workshop(workshop_id).name
        self.statusBar().showMessage(
            tr("Imported into “{name}”; every screen shows the merged answers.", name=name)
            if imported.changed else
            tr("Nothing new for “{name}”: everything in that bundle was already here.",
               name=name), 15000)
        self.workshops.refresh()
        self.workshops.select(workshop_id)  # chosen in the list too, for the way back
        if self.current_workshop_id() != workshop_id or self.stack.currentWidget() is \
                self.workshops:
            self.open_workshop(workshop_id)

    def export_current(self, kind: str, anonymise: bool) -> None:
        workshop_id = self.current_workshop_id()
        if not workshop_id:
            from . import dialogs

            dialogs.show_info(self, tr("Choose a workshop"),
                              tr("Select the workshop to export first."))
            return
        from . import data_actions

        out = data_actions.export_workshop(self, self.store, workshop_id, kind, anonymise)
        if out:
            self.statusBar().showMessage(tr("Exported to {path}", path=out), 8000)

    def restore_backup(self) -> None:
        from . import data_actions

        if not self.may_stop_serving("restore"):
            return
        if data_actions.restore_from_backup(self, self.ops):
            self.show_workshops()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_bundle(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_bundle(event)
        if path is not None:
            event.acceptProposedAction()
            self.import_bundle(path)

    @staticmethod
    def _dropped_bundle(event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [u.toLocalFile() for u in urls if u.isLocalFile()]
        return files[0] if len(files) == 1 and files[0].lower().endswith(".json") else None

    def open_workshop(self, workshop_id: str) -> None:
        if not self.may_stop_serving("another", keep_for=workshop_id):
            return
        self.workshop.show_workshop(workshop_id)
        self.stack.setCurrentWidget(self.workshop)
        self.workshop.focus_first_step()

    def start_follow_up(self, baseline_id: str) -> None:
        """A follow-up of a workshop: name, date and questionnaire (the pulse, say) asked,
        its participants copied as a starting point, then opened."""
        from datetime import date

        from ..store.series import follow_up_name
        from . import dialogs
        from .dialogs import reporting_errors

        with reporting_errors(self, tr("Cannot start the follow-up")):
            baseline = self.store.workshop(baseline_id)
            fields = dialogs.ask_workshop(
                self, self.workshops.shown_questionnaires(),
                dialogs.WorkshopFields(follow_up_name(baseline.name), baseline.organization,
                                       date.today().isoformat(), baseline.questionnaire_id),
                follow_up_of=baseline.name)
            if fields is None:
                return
            workshop = self.ops.create_follow_up(baseline_id,
                                                 self.catalog.get(fields.questionnaire_id),
                                                 fields.name, fields.organization, fields.date)
            self.open_workshop(workshop.id)

    def hand_over(self, participant_id: str) -> None:
        """Hide everything of the facilitator's and give the screen to one participant."""
        from ..analysis.answering import AnsweringSession
        from .answering_window import AnsweringWindow
        from .dialogs import reporting_errors

        with reporting_errors(self, tr("Cannot start answering")):
            session = AnsweringSession.start(self.store, participant_id, self.catalog.in_language)
            # the participant's language, chosen at the hand-over: their screens and answers
            session.language = self.workshop.hand_over_language.currentData()
            self.facilitator_language = i18n.current()
            i18n.use(session.language or self.facilitator_language)
            try:
                speaks = i18n.current()
                session.show_in(speaks)  # the statements in the participant's words
                # Parented so Qt owns it; it is still its own top-level window.
                answering = self.answering = AnsweringWindow(
                    session, self.catalog.glossary_in(speaks), self, ops=self.ops,
                    actions=self.catalog.actions_in(speaks))
            except BaseException:
                i18n.use(self.facilitator_language)
                raise
            answering.left.connect(self.answering_finished)
            self.hide()
            if self.full_screen_answering:
                answering.showFullScreen()
            else:
                answering.show()
            answering.activateWindow()

    def prepare_results(self) -> ResultsPage:
        """The results screen, built once (hidden until shown): after the start-up imports,
        while nobody waits, so the first "Show results" only reads and draws."""
        results = self.results
        if results is None:
            from .results_page import ResultsPage

            words = self.catalog.wording()  # the window's language
            results = self.results = ResultsPage(self.ops, words.actions, self.catalog.editions,
                                                 shown=words.questionnaire)
            results.back_requested.connect(lambda: self.stack.setCurrentWidget(self.workshop))
            self.stack.addWidget(results)
        return results

    def show_results(self, workshop_id: str) -> None:
        results = self.prepare_results()
        results.show_workshop(workshop_id)
        self.stack.setCurrentWidget(results)

    def show_plan(self, workshop_id: str) -> None:
        plan = self.plan
        if plan is None:
            from .plan_page import PlanPage

            plan = self.plan = PlanPage(self.ops, self.catalog)
            plan.back_requested.connect(lambda: self.stack.setCurrentWidget(self.workshop))
            self.stack.addWidget(plan)
        plan.show_workshop(workshop_id)
        self.stack.setCurrentWidget(plan)

    def show_consensus(self, workshop_id: str) -> None:
        page = self.consensus
        if page is None:
            from .consensus_page import ConsensusPage

            page = self.consensus = ConsensusPage(
                self.ops, shown=self.catalog.wording().questionnaire,
                library={a.id for a in self.catalog.actions})
            page.back_requested.connect(lambda: self.stack.setCurrentWidget(self.workshop))
            page.present_requested.connect(self.show_presenter)
            self.stack.addWidget(page)
        page.show_workshop(workshop_id)
        self.stack.setCurrentWidget(page)

    def show_presenter(self, workshop_id: str) -> None:
        """The presenter view full screen, on the projector when one is connected (a screen
        other than this window's)."""
        from PySide6.QtGui import QGuiApplication

        from .presenter import PresenterWindow

        if self.presenter is not None:
            self.presenter.close()
        items = self.consensus.presented_items() if self.consensus is not None else None
        words = self.catalog.wording()  # the window's language
        presenter = self.presenter = PresenterWindow(self.store, workshop_id, items,
                                                     changes=self.changes, parent=self,
                                                     actions=words.actions,
                                                     shown=words.questionnaire)
        presenter.left.connect(self._presenter_left)
        others = [s for s in QGuiApplication.screens() if s is not self.screen()]
        if others:
            presenter.setScreen(others[-1])
            presenter.move(others[-1].geometry().topLeft())
        presenter.showFullScreen()
        presenter.activateWindow()

    def _presenter_left(self) -> None:
        if self.presenter is not None:
            self.presenter.deleteLater()
            self.presenter = None
        self.activateWindow()

    def show_join(self, workshop_id: str) -> None:
        """The join screen: serve the workshop to the participants' own devices."""
        join = self.join
        if join is None:
            from .join_screen import JoinPage

            join = self.join = JoinPage(self.ops, self.serving)
            join.back_requested.connect(lambda: self.stack.setCurrentWidget(self.workshop))
            self.stack.addWidget(join)
        if self.workshop.workshop_id != workshop_id:
            self.open_workshop(workshop_id)
        join.show_workshop(workshop_id)
        self.stack.setCurrentWidget(join)

    def answering_finished(self) -> None:
        i18n.use(self.facilitator_language)
        if self.answering is not None:
            self.answering.deleteLater()
            self.answering = None
        self.show()  # the pages follow the answers through Changes
        self.activateWindow()

    def show_workshops(self) -> None:
        if not self.may_stop_serving("close"):
            return
        self.workshops.refresh()
        self.workshops.select(self.workshop.workshop_id or "")
        self.stack.setCurrentWidget(self.workshops)

    def show_help(self) -> None:
        """The guide, in a window beside this one (it stays open while the facilitator works)."""
        from .help_page import HelpDialog

        if self.guide is None:
            self.guide = HelpDialog(self)
        self.guide.show()
        self.guide.raise_()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .. import __version__
        from . import dialogs

        # a message box, not QMessageBox.about(), so the database path shows as plain text
        box = dialogs.message_box(
            self, QMessageBox.Icon.NoIcon, tr("About {app}", app=APP_NAME),
            f"{APP_NAME} {__version__}\n\n"
            + tr("A marketing-and-IT alignment workshop that runs on one laptop, offline.")
            + "\n\n" + tr("Your data is kept in:") + f"\n{self.store.path}")
        icon = self.windowIcon()
        if not icon.isNull():
            box.setIconPixmap(icon.pixmap(64, 64))
        box.exec()
