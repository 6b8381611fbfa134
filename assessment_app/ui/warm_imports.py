"""The results screen's libraries imported before anyone asks for it: pyqtgraph and numpy take
0.3-0.5 s to import, which the first "Show results" used to pay. They are imported in a thread
right after the first paint; an import releases the interpreter lock between modules, so the
window keeps drawing (frame gaps stay a few tens of milliseconds on two cores). A screen that
needs them before the thread is done simply waits for the same import to finish."""

from __future__ import annotations

import importlib
import threading

# in import order; sqlite-utils first, since it hides numpy while it imports (``sqlite_lite``)
MODULES = ("numpy", "pyqtgraph", "assessment_app.ui.radar_chart",
           "assessment_app.ui.results_page")


def _import_all() -> None:
    from ..store.sqlite_lite import import_sqlite_utils

    import_sqlite_utils()
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the screen that needs it will say what is wrong
            return


def warm_results_imports() -> threading.Thread:
    """Start importing the results screen's libraries in a daemon thread."""
    thread = threading.Thread(target=_import_all, name="warm-imports", daemon=True)
    thread.start()
    return thread
