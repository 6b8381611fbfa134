"""The main window's menus (File, View, Help), filled in once its pages exist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ..i18n import N_, tr
from ..settings import PAPER, TEXT_SIZE
from .language import add_language_menu

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    file_menu = window.menus["&File"]
    new = QAction(tr("&New workshop…"), window)
    new.setShortcut(QKeySequence.StandardKey.New)
    new.triggered.connect(window.workshops.create_workshop)
    demo = QAction(tr("Add de&mo workshop"), window)
    demo.triggered.connect(window.workshops.create_demo)
    quit_ = QAction(tr("&Quit"), window)
    quit_.setShortcut(QKeySequence.StandardKey.Quit)
    quit_.triggered.connect(window.close)
    for action in (new, demo):
        file_menu.addAction(action)
    file_menu.addSeparator()
    import_ = QAction(tr("&Import workshop bundle…"), window, shortcut=QKeySequence("Ctrl+I"))
    import_.triggered.connect(lambda: window.import_bundle())
    file_menu.addAction(import_)
    window.export_actions = []  # File › Export…, in order
    for label, kind, anonymise in ((N_("&Export workshop bundle…"), "bundle", False),
                                   (N_("Export anonymised bundle…"), "bundle", True),
                                   (N_("Export answers as &CSV…"), "csv", False),
                                   (N_("Export anonymised CSV…"), "csv", True)):
        action = QAction(tr(label), window)
        action.triggered.connect(
            lambda _=False, k=kind, a=anonymise: window.export_current(k, a))
        file_menu.addAction(action)
        window.export_actions.append(action)
    file_menu.addSeparator()
    paper_menu = file_menu.addMenu(tr("PDF &paper size"))
    paper_group = QActionGroup(window)
    for value, label in (("a4", "A4"), ("letter", N_("US Letter"))):
        action = QAction(tr(label), window, checkable=True, checked=PAPER.get() == value)
        action.triggered.connect(lambda _=False, v=value: PAPER.set(v))
        paper_group.addAction(action)
        paper_menu.addAction(action)
    file_menu.addSeparator()
    restore = QAction(tr("&Restore from backup…"), window)
    restore.triggered.connect(window.restore_backup)
    file_menu.addAction(restore)
    file_menu.addSeparator()
    file_menu.addAction(quit_)
    view_menu = window.menus["&View"]
    size_menu = view_menu.addMenu(tr("&Text size"))
    size_group = QActionGroup(window)
    for value, label in (("normal", N_("&Normal")), ("large", N_("&Large")),
                         ("projector", N_("&Projector (the back of the room)"))):
        action = QAction(tr(label), window, checkable=True, checked=TEXT_SIZE.get() == value)
        action.triggered.connect(lambda _=False, v=value: window.set_text_size(v))
        size_group.addAction(action)
        size_menu.addAction(action)
    add_language_menu(window, view_menu)
    help_menu = window.menus["&Help"]
    guide = QAction(tr("&How to run a workshop"), window)
    guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))  # F1
    guide.triggered.connect(window.show_help)
    help_menu.addAction(guide)
    about = QAction(tr("&About Tandem"), window)
    about.triggered.connect(window.show_about)
    help_menu.addAction(about)

