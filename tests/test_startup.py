"""Start-up stays light: the heavy libraries load with the screens that need them."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_window_modules_do_not_import_heavy_libraries():
    code = ("import sys, assessment_app.cli, assessment_app.ui.app, assessment_app.ui.main_window;"
            "print(sorted(m for m in ('pyqtgraph', 'numpy', 'reportlab') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


FIRST_PAINT = """
import runpy, sys
from PySide6.QtWidgets import QApplication
from assessment_app.ui import app
def quit_and_tell(window):
    def tell():
        print(sorted(m for m in sys.modules if m.startswith("assessment_app.store")))
        print(window.isVisible(), window.windowTitle(), window.menuBar().actions()[0].text())
        QApplication.quit()
    app.on_first_paint(window, tell)
app.quit_on_first_paint = quit_and_tell
sys.argv = ["main.py", "--db", sys.argv[1], "--exit-when-shown"]
runpy.run_path({main!r}, run_name="__main__")
"""


def test_the_first_paint_needs_no_store_module(tmp_path):
    """The window's frame is painted before the database is opened: the store modules
    (dataclasses, sqlite3, datetime; about 25 ms) load right after it, with the pages."""
    code = FIRST_PAINT.format(main=str(ROOT / "main.py"))
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "t.sqlite")],
                         capture_output=True, text=True, cwd=ROOT, timeout=60,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["[]", "True Tandem &File"], out.stdout + out.stderr


def test_app_opens_and_quits_when_shown(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db",
                             str(tmp_path / "t.sqlite"), "--exit-when-shown"],
                            capture_output=True, text=True, timeout=60,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr


def test_core_modules_never_import_qt():
    """Scoring, storage, questionnaires and the PDF builders run without a window (the CLI,
    the background jobs and the tests depend on it)."""
    package = ROOT / "assessment_app"
    core = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts)
                  for p in package.rglob("*.py")
                  if "ui" not in p.relative_to(package).parts and p.stem != "__main__")
    imports = "; ".join(f"import {m}" for m in core)
    code = (f"import sys; {imports}; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    assert len(core) > 30


def test_opening_a_current_database_does_not_import_sqlite_utils(tmp_path):
    """Reads go straight to sqlite3; sqlite-utils (about 70 ms with its imports) loads only
    for the first write or a migration, after the window is on screen."""
    from assessment_app.store.database import Store

    path = tmp_path / "t.sqlite"
    Store.open(path).close()  # created and migrated here
    code = (f"import sys; from assessment_app.store.database import Store; "
            f"s = Store.open({str(path)!r}); s.workshops(); "
            "print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
