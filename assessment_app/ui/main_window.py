"""The main window: a stack of pages and the menus; each page owns its own behaviour."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget

from .. import APP_NAME, __version__
from ..catalog import Catalog
from ..storage import Store
from .dialogs import reporting_errors
from .workshop_list import WorkshopListPage
from .workshop_page import WorkshopPage


class MainWindow(QMainWindow):
    def __init__(self, store: Store, catalog: Catalog) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 700)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.workshops = WorkshopListPage(store, catalog)
        self.workshop = WorkshopPage(store)
        self.stack.addWidget(self.workshops)
        self.stack.addWidget(self.workshop)
        self.workshops.open_requested.connect(self.open_workshop)
        self.workshop.back_requested.connect(self.show_workshops)
        self.workshop.changed.connect(self.workshops.refresh)
        self.workshop.hand_over_requested.connect(self.hand_over)
        self.answering = None
        self._build_menus()
        self.statusBar().showMessage(f"Database: {store.path}")
        self.full_screen_answering = True

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        new = QAction("&New workshop…", self, shortcut=QKeySequence.New)
        new.triggered.connect(self.workshops.create_workshop)
        demo = QAction("Add &demo workshop", self)
        demo.triggered.connect(self.workshops.create_demo)
        quit_ = QAction("&Quit", self, shortcut=QKeySequence.Quit)
        quit_.triggered.connect(self.close)
        for action in (new, demo):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Tandem", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def open_workshop(self, workshop_id: str) -> None:
        self.workshop.show_workshop(workshop_id)
        self.stack.setCurrentWidget(self.workshop)

    def hand_over(self, participant_id: str) -> None:
        """Hide everything of the facilitator's and give the screen to one participant."""
        from ..answering import AnsweringSession
        from .answering_window import AnsweringWindow

        with reporting_errors(self, "Cannot start answering"):
            session = AnsweringSession.start(self.store, participant_id)
            # Parented so Qt owns it; it is still its own top-level window.
            self.answering = AnsweringWindow(session, self.catalog.glossary, self)
            self.answering.left.connect(self.answering_finished)
            self.hide()
            if self.full_screen_answering:
                self.answering.showFullScreen()
            else:
                self.answering.show()
            self.answering.activateWindow()

    def answering_finished(self) -> None:
        self.answering.deleteLater()
        self.answering = None
        self.show()
        self.workshop.refresh()
        self.activateWindow()

    def show_workshops(self) -> None:
        self.workshops.refresh()
        self.workshops.select(self.workshop.workshop_id or "")
        self.stack.setCurrentWidget(self.workshops)

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}\n\nA marketing-and-IT alignment workshop "
                          "that runs on one laptop, offline.\n\n"
                          f"Your data is kept in:\n{self.store.path}")
