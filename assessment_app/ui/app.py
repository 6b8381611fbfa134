"""Starting the window: one instance per database, the database opened (or recovered from a
backup), a start-up backup, and every problem said in plain words."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .. import APP_NAME
from ..i18n import tr, tr_n
from ..rules.dates import day_text

if TYPE_CHECKING:  # the catalog's module loads after the first paint; Qt when the window opens
    from PySide6.QtWidgets import QApplication, QWidget

    from ..content.catalog import Catalog
    from ..store.database import Store


def apply_style(app: QApplication) -> None:
    """Load the stylesheet from resources/ (missing or unreadable: Qt's default look)."""
    from .. import paths

    try:
        app.setStyleSheet((paths.resources_dir() / "styles" / "tandem.qss").read_text("utf-8"))
    except OSError:
        pass


def open_store_or_recover(db_path: Path, parent: QWidget | None = None,
                          whole_file: bool = True) -> Store | None:
    """Open the database; if it is damaged (or emptied while its backups hold workshops),
    offer the newest good backup. None if it cannot be opened (the user has been told why).
    ``whole_file=False``: no quick check of every page (``store.refusals``)."""
    from ..errors import DatabaseDamaged, TandemError
    from ..store.backups import is_good, list_backups, recover_file
    from ..store.database import Store
    from . import dialogs

    try:
        return Store.open(db_path, whole_file=whole_file)
    except DatabaseDamaged as exc:
        problem = getattr(exc, "problem", str(exc))  # the sentence without its way out
        good = next((b for b in list_backups(db_path) if is_good(b)), None)
        if good is None:
            dialogs.show_error(parent, tr("{app} cannot open its database", app=APP_NAME),
                               problem + " " + tr("No good backup of it was found, so it was "
                                                  "left untouched: start Tandem with --db and "
                                                  "another file."))
            return None
        if not dialogs.ask_confirm(
                parent, tr("The database is damaged"),
                problem + "\n\n"
                + tr("Restore its newest good backup, from {day} at {time} ({workshops}, "
                     "{answers})? The damaged file is kept beside it, renamed, in case it can be "
                     "repaired.", day=day_text(good.made_at.date()),
                     time=f"{good.made_at:%H:%M}",
                     workshops=tr_n("{n} workshop", "{n} workshops", good.workshops),
                     answers=tr_n("{n} saved answer", "{n} saved answers", good.answers)),
                tr("Restore backup")):
            return None
        try:
            recover_file(db_path, good)
            return Store.open(db_path)
        except TandemError as again:
            dialogs.show_error(parent, tr("Recovery failed"), str(again))
            return None
    except TandemError as exc:
        dialogs.show_error(parent, tr("{app} cannot open its database", app=APP_NAME),
                           str(exc))
        return None


class _CatalogAfterPaint:
    """The catalog (``content.catalog.load_catalog``), without even importing its module before
    the first paint: that import (actions, glossary, the questionnaire parser) is about 15 ms
    of start-up. Loaded right after the first paint, or when something asks for it first."""

    def __init__(self) -> None:
        self._catalog: Catalog | None = None

    def load(self) -> Catalog:
        if self._catalog is None:
            from ..content.catalog import load_catalog

            self._catalog = load_catalog()
        return self._catalog

    def __getattr__(self, name: str) -> Any:
        return getattr(self.load(), name)


def on_first_paint(window: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` from the event loop once ``window`` has really been painted (a timer
    started at ``show()`` fires before the first paint, not after it)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, callback)
            return False

    hooks = window.__dict__.setdefault("_first_paint_hooks", [])
    hooks.append(FirstPaint(window))
    window.installEventFilter(hooks[-1])


def quit_on_first_paint(window: QWidget) -> None:
    """For the start-up benchmark: quit once the window has really been painted. Installed
    last, this hook runs first: the quit closes the window, and the work the app does after
    its first paint (which is not start-up) finds it closed and is skipped."""
    from PySide6.QtWidgets import QApplication

    on_first_paint(window, QApplication.quit)


def run_app(db_path: Path | None = None, exit_when_shown: bool = False) -> int:
    """The window. Before its first paint only its frame (``MainWindow`` without a store: no
    store module, no ``Qt`` enum, about half of the start-up before); right after it the
    database opened and the pages built in that same window (``fill``); once those are
    painted, the start-up backup, the questionnaire files and the CJK fallback fonts
    (``after_first_paint``). ``exit_when_shown`` (the start-up benchmark) only adds a quit at
    the first paint."""
    from PySide6.QtCore import QLockFile
    from PySide6.QtWidgets import QApplication

    from .. import paths
    from .main_window import MainWindow

    # the one application: pytest-qt's, or a new one (never a bare QCoreApplication)
    app = cast(QApplication, QApplication.instance()) or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    from .language import apply_language

    apply_language()  # before any window text is built
    apply_style(app)
    from ..settings import TEXT_SIZE
    from .fonts import apply_text_size
    if TEXT_SIZE.get() != "normal":
        apply_text_size(TEXT_SIZE.get())
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "tandem.png")))
    db_path = Path(db_path or paths.default_db_path())
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from . import dialogs

        dialogs.show_error(None, tr("{app} cannot start", app=APP_NAME),
                           tr("The folder {folder} cannot be created ({reason}). Start Tandem "
                              "with --db pointing to a folder you can write to.",
                              folder=db_path.parent, reason=exc.strerror))
        return 1
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        from . import dialogs

        dialogs.show_error(None, tr("{app} is already open", app=APP_NAME),
                           tr("Another Tandem window is already using {path}. Switch to that "
                              "window (two copies writing to one workshop could confuse the "
                              "answers).", path=db_path))
        return 1
    catalog = _CatalogAfterPaint()
    window = MainWindow(db_path=db_path)  # the frame; its pages come right after it is painted
    opened: list[Store] = []

    def backup_when_checked(damaged: object, window: MainWindow = window) -> None:
        """The start-up backup, only of a file whose every page passed the check."""
        from ..errors import TandemError
        from ..store.backups import backup_if_changed
        from . import dialogs

        if not window.isVisible():  # closed meanwhile: the file is closed too
            return
        if damaged:
            dialogs.show_error(window, tr("The database is damaged"),
                               tr("The database {path} is damaged, so no start-up backup was "
                                  "taken: choose File › Restore from backup to bring back a "
                                  "good one.", path=db_path))
            return
        try:
            backup_if_changed(window.store.conn, window.store.path)
        except TandemError as exc:
            dialogs.show_error(window, tr("Start-up backup failed"), f"{exc}\n\n"
                               + tr("Tandem will run, but without a fresh backup."))

    def backup_and_catalog(window: MainWindow = window) -> None:
        """The whole-file check in a thread, then the start-up backup; the data files (whose
        problems, if any, are said now)."""
        from ..store.refusals import whole_file_damaged
        from . import dialogs
        from .background import Job, start

        check = Job(lambda _progress, _cancelled: whole_file_damaged(db_path))
        check.signals.finished.connect(backup_when_checked)
        window.__dict__["_whole_file_check"] = start(check)
        if catalog.load().problems:
            dialogs.show_error(window, tr("Some questionnaire files were skipped"),
                               tr("These problems were found; the other files loaded "
                                  "normally:") + "\n\n" + "\n".join(catalog.problems))

    def after_first_paint(window: MainWindow = window,
                          then: Callable[[], None] = backup_and_catalog) -> None:
        """What can wait until the window is on screen. First the fallback fonts (loaded only
        where the system has none for CJK), and the window drawn again with them, in case it
        shows such names; then the rest."""
        if not window.isVisible():  # closed at once (or the start-up benchmark's quit)
            return
        from PySide6.QtCore import QTimer

        from .fonts import install_fallback_fonts

        if install_fallback_fonts():
            window.update()  # drawn before the work below starts
        from .warm_imports import warm_results_imports

        warming = warm_results_imports()  # the first "Show results" does not wait for them

        def prepare_results() -> None:  # then the screen itself, while nobody waits
            if warming.is_alive():
                QTimer.singleShot(100, prepare_results)
            elif window.isVisible():
                window.prepare_results()

        QTimer.singleShot(100, prepare_results)
        QTimer.singleShot(0, then)

    def fill(window: MainWindow = window,
             then: Callable[[], None] = after_first_paint) -> None:
        """The database opened (every page read first only after an unclean shutdown) and the
        pages built in the frame; then, once they are painted, the rest."""
        if not window.isVisible():  # closed at once (or the start-up benchmark's quit)
            return
        from ..store.refusals import unclean_shutdown

        store = open_store_or_recover(db_path, window, whole_file=unclean_shutdown(db_path))
        if store is None:
            app.exit(1)
            return
        opened.append(store)
        on_first_paint(window, then)
        # the stand-in answers every attribute with the loaded Catalog's own
        window.build(store, cast("Catalog", catalog))

    on_first_paint(window, fill)
    if exit_when_shown:
        quit_on_first_paint(window)
    window.show()
    code = app.exec()
    del window, fill, after_first_paint, backup_and_catalog  # widgets before app and database
    for store in opened:
        store.close()
    lock.unlock()
    return code
