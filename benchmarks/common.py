"""What every Tandem benchmark shares: the repository on the path, the screen size, timing
and percentile helpers, a Qt paint spy, a bare window to compare start-up with, and a big
workshop made through the store."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCREEN = (1366, 768)

BARE_WINDOW = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1100, 700)
    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Paint:
                QTimer.singleShot(0, app.quit)
            return False
    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    app.exec()
""")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def spread(values: list[float]) -> str:
    """p50 / p99 / max in milliseconds."""
    return (f"p50 {percentile(values, 50) * 1000:.1f} ms, p99 {percentile(values, 99) * 1000:.1f}"
            f" ms, max {max(values) * 1000:.0f} ms")


def filesystem_of(folder: Path) -> str:
    """The file system type holding ``folder`` (Linux), '' when unknown."""
    try:
        best, kind = "", ""
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) > 2 and str(folder.resolve()).startswith(parts[1]) \
                    and len(parts[1]) > len(best):
                best, kind = parts[1], parts[2]
        return kind
    except OSError:
        return ""


def app() -> object:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def settle(rounds: int = 3) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()


class PaintSpy:
    """Counts paint events on a widget, so a measurement can run until it has been painted."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        spy = self

        class Filter(QObject):
            def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
                if event.type() == QEvent.Paint:
                    spy.count += 1
                return False

        self.count = 0
        self.widget = widget
        self.filter = Filter()
        widget.installEventFilter(self.filter)

    def wait(self, since: int, timeout_s: float = 10.0) -> None:
        """Process events until a paint after ``since`` has been handled."""
        from PySide6.QtWidgets import QApplication

        deadline = time.perf_counter() + timeout_s
        while self.count <= since and time.perf_counter() < deadline:
            QApplication.processEvents()


def big_workshop(store, questionnaire, participants: int, seed: int = 1) -> str:
    """A workshop with ``participants`` people (half per function) who answered everything."""
    from assessment_app.exchange.demo import demo_answers
    from assessment_app.rules.records import Participant, Workshop, new_id

    w = Workshop(new_id(), f"Benchmark {participants}", "Benchmark Ltd", "2026-11-01",
                 questionnaire.id, questionnaire.version, questionnaire.content_hash)
    people = [Participant(new_id(), w.id, f"Person {n}", ("marketing", "it")[n % 2], "")
              for n in range(participants)]
    answers = demo_answers(questionnaire, [(p.id, p.role) for p in people] + [("x", "it")],
                           seed=seed)
    with store.transaction():
        store.write_workshop(w, questionnaire)
        for p in people:
            store.write_participant(p)
        for a in answers:
            if a.participant_id != "x":
                store.write_answer(a)
    return w.id


# -- start-up ------------------------------------------------------------------------------------

def bytecode_env(folder: Path) -> dict[str, str]:
    """The environment of an installed app: bytecode compiled once and read at every start."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed_run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=env)
    return time.perf_counter() - start
