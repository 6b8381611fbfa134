"""The first "Show results" after start-up, not a refresh: each run is a fresh ``main``-like
process on the real start path (``ui.app.run_app``) with a workshop of 60 participants. Two
seconds after the first paint (a facilitator's first click) the results screen is opened, and
the time until its radar is painted is the figure. "before" is the same run with the warm-up
switched off (as before issue 25: pyqtgraph and numpy imported, and the screen built, by that
click). A 10 ms
timer on the UI thread records how late it fires between the first paint and the click, which
is what the warm-up thread costs the window.

    python benchmarks/first_results.py [--runs 5]

Runs alternate between the two variants, so a busy machine affects both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

CHILD = r"""
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from assessment_app.ui import app, warm_imports
from common import PaintSpy

db, workshop_id, variant = sys.argv[1:4]
PROFILE = len(sys.argv) > 4
if variant == "before":  # nothing warmed, nothing built before the click
    class Never:
        def is_alive(self):
            return True
    warm_imports.warm_results_imports = lambda: Never()
gaps, last = [], [0.0]

def tick():
    now = time.perf_counter()
    if last[0]:
        gaps.append((now - last[0]) * 1000)
    last[0] = now

def click(window):
    timer.stop()
    preloaded = "pyqtgraph" in sys.modules
    if PROFILE:
        import cProfile
        prof = cProfile.Profile()
        prof.enable()
    start = time.perf_counter()
    window.show_results(workshop_id)
    page = window.results
    page.tabs.setCurrentIndex(0)
    spy = PaintSpy(page.chart.plot.viewport())
    spy.wait(0)
    took = (time.perf_counter() - start) * 1000
    if PROFILE:
        prof.disable()
        import pstats
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    print(json.dumps({"open_ms": took, "gaps": gaps, "preloaded": preloaded}))
    window.close()

def after_paint():
    [window] = [w for w in QApplication.topLevelWidgets() if hasattr(w, "results")]
    timer.start(10)
    QTimer.singleShot(2000, lambda: click(window))

timer = QTimer()
timer.timeout.connect(tick)
real = app.on_first_paint

def hooked(window, callback):
    real(window, callback)
    if not getattr(hooked, "done", False):
        hooked.done = True
        real(window, after_paint)

app.on_first_paint = hooked
sys.exit(app.run_app(db))
"""


def make_db(folder: Path) -> tuple[Path, str]:
    from common import big_workshop

    from assessment_app.content.catalog import load_catalog
    from assessment_app.store.database import Store

    path = folder / "results.sqlite"
    store = Store.open(path)
    workshop_id = big_workshop(store, load_catalog().questionnaires["core"], 60)
    store.close()
    return path, workshop_id


def one_run(db: Path, workshop_id: str, variant: str, folder: Path,
            profile: bool = False) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'benchmarks'}",
           "PYTHONPYCACHEPREFIX": str(folder / "pycache"), "HOME": str(folder)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), workshop_id, variant,
                           *(["profile"] if profile else [])],
                          env=env, capture_output=True, text=True, timeout=120, check=True)
    if profile:
        print(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true",
                        help="print a profile of one first open (after the warm-up)")
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, workshop_id = make_db(folder)
        one_run(db, workshop_id, "before", folder)  # compiles the bytecode once, as installed
        if args.profile:
            one_run(db, workshop_id, "now", folder, profile=True)
            return 0
        results: dict[str, list[dict]] = {"before": [], "now": []}
        for _ in range(runs):
            for variant in ("before", "now"):
                results[variant].append(one_run(db, workshop_id, variant, folder))
    print("| variant | first open until the radar is painted (median, min-max) | UI timer "
          "lateness before the click: max gap (median of runs) | pyqtgraph already imported |")
    print("|---|---|---|---|")
    for variant, rows in results.items():
        opens = [r["open_ms"] for r in rows]
        worst = [max(r["gaps"]) for r in rows]
        print(f"| {variant} | {statistics.median(opens):.0f} ms ({min(opens):.0f}-"
              f"{max(opens):.0f}) | {statistics.median(worst):.0f} ms (runs: "
              f"{', '.join(f'{w:.0f}' for w in worst)}) | "
              f"{all(r['preloaded'] for r in rows)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
