"""The first "Show results" after start-up does not pay for importing pyqtgraph and numpy
(0.3-0.5 s, issue 25): the window imports them in the background after its first paint, then
builds the results screen while nobody waits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

START_AND_WAIT = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from assessment_app.ui import app

def watch():
    [window] = [w for w in QApplication.topLevelWidgets() if hasattr(w, "prepare_results")]
    deadline = time.monotonic() + 20

    def built():
        if window.results is not None and not window.results.isVisible():
            print("the results screen built before anyone asked")
            window.close()
        elif time.monotonic() > deadline:
            print("not built")
            window.close()
        else:
            QTimer.singleShot(20, built)

    def look():
        if "pyqtgraph" in sys.modules and "assessment_app.ui.results_page" in sys.modules:
            print("ready before results were shown:", window.results is None)
            built()
        elif time.monotonic() > deadline:
            print("not imported")
            window.close()
        else:
            QTimer.singleShot(20, look)
    look()

QTimer.singleShot(0, watch)
sys.exit(app.run_app(sys.argv[1]))
"""


def test_the_results_libraries_are_imported_after_the_first_paint(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", START_AND_WAIT, str(tmp_path / "t.sqlite")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "ready before results were shown: True" in done.stdout, done.stdout + done.stderr
    assert "the results screen built before anyone asked" in done.stdout, done.stdout
    assert "QObject" not in done.stderr and "thread" not in done.stderr.lower(), done.stderr


def test_the_background_jobs_module_does_not_pull_in_reportlab():
    """Right after the first paint the window starts its background check (``ui.background``);
    importing it must not import reportlab (0.4 s with the interpreter lock held, which froze
    the window and the warm-up thread that waited on the same import), nor must reading the
    handouts' result from the export worker (unpickling imports the result's module)."""
    script = ("import pickle, sys; import assessment_app.ui.background; "
              "from assessment_app.reports import jobs; "
              "from assessment_app.reports.handout_files import HandoutFailure, HandoutFiles; "
              "sent = pickle.dumps(HandoutFiles(['a.pdf'], [HandoutFailure('p', 'Ana', 'x')])); "
              "del sys.modules['assessment_app.reports.handout_files']; "
              "pickle.loads(sent); "  # as the window reads the handouts' result from the worker
              "print('reportlab' in sys.modules)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stdout + done.stderr
