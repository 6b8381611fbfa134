"""Starting the window: open the store and catalog, report what is wrong in plain words."""

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


def run_app(db_path: Path | None = None, exit_when_shown: bool = False) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .. import paths
    from ..catalog import load_catalog
    from ..errors import TandemError
    from ..storage import Store
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    apply_style(app)
    try:
        store = Store.open(db_path or paths.default_db_path())
    except TandemError as exc:
        QMessageBox.critical(None, f"{APP_NAME} cannot open its database", str(exc))
        return 1
    catalog = load_catalog()
    window = MainWindow(store, catalog)
    window.show()
    if catalog.problems and not exit_when_shown:
        QMessageBox.warning(window, "Some questionnaire files were skipped",
                            "These problems were found; the other files loaded normally:\n\n"
                            + "\n".join(catalog.problems))
    if exit_when_shown:
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    del window  # widgets go before the application object and the database, in that order
    store.close()
    return code
