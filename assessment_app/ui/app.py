"""Starting the window: one instance per database, the database opened (or recovered from a
backup), a start-up backup, and every problem said in plain words."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import APP_NAME


def apply_style(app) -> None:
    """Load the stylesheet from resources/ (missing or unreadable: Qt's default look)."""
    from .. import paths

    try:
        app.setStyleSheet((paths.resources_dir() / "styles" / "tandem.qss").read_text("utf-8"))
    except OSError:
        pass


def open_store_or_recover(db_path: Path, parent=None):
    """Open the database; if it is damaged, offer the newest good backup. None if it cannot
    be opened (the user has been told why)."""
    from ..errors import DatabaseDamaged, TandemError
    from ..store.backups import is_good, list_backups, recover_file
    from ..store.database import Store
    from . import dialogs

    try:
        return Store.open(db_path)
    except DatabaseDamaged as exc:
        good = next((b for b in list_backups(db_path) if is_good(b)), None)
        if good is None:
            dialogs.show_error(parent, f"{APP_NAME} cannot open its database",
                               f"{exc}\n\nNo usable backup was found next to it.")
            return None
        if not dialogs.ask_confirm(
                parent, "The database is damaged",
                f"{exc}\n\nThe newest good backup is from {good.made_at:%Y-%m-%d %H:%M} "
                f"({good.workshops} workshop(s), {good.answers} answer(s)). Restore it? The "
                "damaged file is kept beside it, renamed, in case it can be repaired.",
                "Restore backup"):
            return None
        try:
            recover_file(db_path, good)
            return Store.open(db_path)
        except TandemError as again:
            dialogs.show_error(parent, "Recovery failed", str(again))
            return None
    except TandemError as exc:
        dialogs.show_error(parent, f"{APP_NAME} cannot open its database", str(exc))
        return None


def quit_on_first_paint(window) -> None:
    """For the start-up benchmark: quit once the window has really been painted."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, QApplication.quit)
            return False

    window._first_paint = FirstPaint(window)
    window.installEventFilter(window._first_paint)


def run_app(db_path: Path | None = None, exit_when_shown: bool = False) -> int:
    from PySide6.QtCore import QLockFile, QTimer
    from PySide6.QtWidgets import QApplication

    from .. import paths
    from ..content.catalog import LazyCatalog
    from ..errors import TandemError
    from ..store.backups import backup_if_changed
    from . import dialogs
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    apply_style(app)
    from ..settings import TEXT_SIZE
    from .fonts import apply_text_size, install_fallback_fonts
    install_fallback_fonts()
    if TEXT_SIZE.get() != "normal":
        apply_text_size(TEXT_SIZE.get())
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "tandem.png")))
    db_path = Path(db_path or paths.default_db_path())
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        dialogs.show_error(None, f"{APP_NAME} cannot start",
                           f"The folder {db_path.parent} cannot be created ({exc.strerror}). "
                           "Start Tandem with --db pointing to a folder you can write to.")
        return 1
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        dialogs.show_error(None, f"{APP_NAME} is already open",
                           f"Another Tandem window is already using {db_path}. Switch to that "
                           "window (two copies writing to one workshop could confuse the "
                           "answers).")
        return 1
    store = open_store_or_recover(db_path)
    if store is None:
        return 1
    catalog = LazyCatalog()
    window = MainWindow(store, catalog)
    window.show()

    def after_first_paint(window=window) -> None:
        """What can wait until the window is on screen: the start-up backup and the data
        files (whose problems, if any, are reported now)."""
        try:
            backup_if_changed(store.conn, store.path)
        except TandemError as exc:
            dialogs.show_error(window, "Start-up backup failed", f"{exc}\n\nTandem will run, "
                               "but without a fresh backup.")
        if catalog.load().problems:
            dialogs.show_error(window, "Some questionnaire files were skipped",
                               "These problems were found; the other files loaded normally:"
                               "\n\n" + "\n".join(catalog.problems))

    if exit_when_shown:
        quit_on_first_paint(window)
    else:
        QTimer.singleShot(0, after_first_paint)
    code = app.exec()
    del window, after_first_paint  # widgets go before the application and the database
    store.close()
    lock.unlock()
    return code
