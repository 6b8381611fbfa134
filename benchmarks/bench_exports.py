"""Exports in the benchmark table: the longest UI-thread stall while the plan page exports
the workshop PDF and every handout (worker processes), and one workshop PDF's time and
memory in its own worker process.

    python benchmarks/bench_exports.py --runs 5   # the stalls, "now" and "before" alternately

Run on its own, each run is a fresh process; "before" starts the worker on the UI thread, as
``ProcessJob.start`` did before it used a helper thread."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from common import ROOT, SCREEN, app, settle

PDF_WORKER = textwrap.dedent("""
    import resource, sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from assessment_app.content.catalog import load_catalog
    from assessment_app.reports import build_workshop_pdf, export_all_handouts
    from assessment_app.store.database import Store
    store = Store.open(sys.argv[1])
    catalog = load_catalog()
    workshop_id, out = sys.argv[2], Path(sys.argv[3])
    t = time.perf_counter()
    build_workshop_pdf(store, catalog, workshop_id, out / "workshop.pdf")
    pdf_s = time.perf_counter() - t
    t = time.perf_counter()
    files = export_all_handouts(store, catalog, workshop_id, out / "handouts")
    handouts_s = time.perf_counter() - t
    inherited_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    status = Path("/proc/self/status").read_text()
    own_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
    print(pdf_s, handouts_s, len(files), own_mb, inherited_mb)
""")

# The normal start path, quitting once the work the app does right after its first paint is
# done (the fallback fonts, the start-up backup check, the questionnaire files): "ready".


# -- exports ---------------------------------------------------------------------------------------

def vm_hwm_mb(pid: int | str) -> float | None:
    """A process's own peak resident memory (VmHWM in /proc/<pid>/status), in MB; None once it
    is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError, ValueError):
        return None


class HighWater:
    """Reads a worker's VmHWM every 5 ms from another thread until it exits: its own peak,
    not the parent's (getrusage in a child reports the parent's high-water mark)."""

    def __init__(self, pid: int) -> None:
        import threading

        self.pid, self.peak = pid, 0.0
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while (now := vm_hwm_mb(self.pid)) is not None:
            self.peak = max(self.peak, now)
            time.sleep(0.005)

    def result(self) -> float:
        self._thread.join(5)
        return self.peak


class StallProbe:
    """A 10 ms timer on the UI thread; its lateness is how long the thread was busy."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.worst = 0.0
        self.over_50 = 0
        self._last = 0.0

    def start(self) -> None:
        self.worst, self.over_50 = 0.0, 0
        self._last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        late = now - self._last - 0.010
        self._last = now
        self.worst = max(self.worst, late)
        self.over_50 += late > 0.050

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def bench_export_stall(db: Path, workshop_id: str, catalog, folder: Path) -> list[tuple]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from assessment_app.store.database import Store
    from assessment_app.ui import dialogs
    from assessment_app.ui.changes import Changes
    from assessment_app.ui.operations import Operations
    from assessment_app.ui.plan_page import PlanPage

    app()
    out = folder / "stall"
    (out / "handouts").mkdir(parents=True)
    said: list[str] = []
    seams = {"ask_save_path": lambda *a: str(out / "plan.pdf"),
             "ask_folder": lambda *a: str(out / "handouts"),
             "open_folder": lambda *a: True,
             "show_info": lambda *a: said.append(a[2]),
             "show_error": lambda *a: said.append(a[2])}
    saved_seams = {name: getattr(dialogs, name) for name in seams}
    for name, seam in seams.items():
        setattr(dialogs, name, seam)
    store = Store.open(db)
    page = PlanPage(Operations(store, Changes(store)), catalog)
    page.resize(*SCREEN)
    page.show()
    page.show_workshop(workshop_id)
    settle()
    probe = StallProbe()
    rows = []
    try:
        loop = QEventLoop()
        probe.start()
        QTimer.singleShot(1500, loop.quit)
        loop.exec()
        idle = probe.stop()
        for label, export in (("workshop PDF", page.export_pdf),
                              ("60 handouts", page.export_handouts)):
            probe.start()
            started = time.perf_counter()
            export()
            job = page.job
            while job is not None and job.running and job.pid is None:  # started off the UI
                QApplication.processEvents()                             # thread
            water = HighWater(job.pid) if job is not None and job.pid else None
            if job is not None and job.running:
                loop = QEventLoop()
                job.signals.finished.connect(loop.quit)
                job.signals.failed.connect(loop.quit)
                QTimer.singleShot(120_000, loop.quit)
                loop.exec()
            took = time.perf_counter() - started
            settle()
            worst = probe.stop()
            rows.append((f"Longest UI stall while exporting the {label} from the plan page",
                         f"{worst * 1000:.0f} ms",
                         f"idle UI {idle * 1000:.0f} ms; {probe.over_50} stalls over 50 ms; "
                         f"export took {took:.1f} s in a worker process", "< 50 ms",
                         worst < 0.050))
            if water is not None:
                peak = water.result()
                rows.append((f"Peak memory of the export worker ({label})", f"{peak:.0f} MB",
                             f"the worker's own VmHWM (/proc/{{pid}}/status, read every 5 ms); "
                             f"the window's process: {vm_hwm_mb('self') or 0:.0f} MB",
                             "< 250 MB", 0 < peak < 250))
    finally:
        for name, seam in saved_seams.items():
            setattr(dialogs, name, seam)
        page.close()
        page.deleteLater()
        settle()
        store.close()
    if said:
        rows.append(("Export messages", "; ".join(said)[:120], "", "", None))
    return rows


def bench_pdf(db: Path, workshop_id: str, folder: Path) -> list[tuple]:
    out = folder / "pdf"
    (out / "handouts").mkdir(parents=True)
    result = subprocess.run([sys.executable, "-c", PDF_WORKER.format(root=str(ROOT)), str(db),
                             workshop_id, str(out)], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        return [("PDF export", "failed", result.stderr.strip().splitlines()[-1], "", False)]
    pdf_s, handouts_s, files, peak, inherited = (float(v) for v in result.stdout.split())
    return [
        ("Workshop action plan PDF (60 participants)", f"{pdf_s:.2f} s", "", "< 1.5 s",
         pdf_s < 1.5),
        ("60 personal handouts", f"{handouts_s:.1f} s", f"{int(files)} files", "< 20 s",
         handouts_s < 20),
        ("Peak memory of a process making the workshop PDF and 60 handouts", f"{peak:.0f} MB",
         f"its own VmHWM (/proc/self/status); getrusage's max RSS says {inherited:.0f} MB, "
         "inherited from the benchmark that started it", "< 250 MB", peak < 250),
    ]


class _OnTheCallingThread:
    """A stand-in for ``threading.Thread`` that runs its target at ``start()``: the worker
    started on the UI thread, as before."""

    def __init__(self, target, args=(), **_):
        self.target, self.args = target, args

    def start(self) -> None:
        self.target(*self.args)

    def is_alive(self) -> bool:
        return False

    def join(self, timeout=None) -> None:
        pass


def one_run(db: Path, workshop_id: str, variant: str) -> None:
    """One fresh process: print the two stalls in ms."""
    import tempfile

    from assessment_app.content.catalog import load_catalog
    from assessment_app.ui import background

    if variant == "before":
        import threading
        import types

        background.threading = types.SimpleNamespace(  # type: ignore[assignment]
            Thread=_OnTheCallingThread, Event=threading.Event)
    with tempfile.TemporaryDirectory(prefix="tandem-stall-") as tmp:
        rows = bench_export_stall(db, workshop_id, load_catalog(), Path(tmp))
    stalls = [row[1].split()[0] for row in rows if row[0].startswith("Longest UI stall")]
    print(" ".join(stalls), flush=True)


def main() -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", nargs=3, metavar=("DB", "WORKSHOP", "VARIANT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(Path(args.one[0]), args.one[1], args.one[2])
        return 0
    from common import big_workshop

    from assessment_app.content.catalog import load_catalog
    from assessment_app.store.database import Store

    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as tmp:
        db = Path(tmp) / "pdf.sqlite"
        store = Store.open(db)
        workshop_id = big_workshop(store, load_catalog().default(), 60, seed=9)
        store.close()
        figures: dict[str, list[tuple[float, float]]] = {"now": [], "before": []}
        for run in range(args.runs):
            for variant in ("now", "before"):  # interleaved: a busy moment hits both alike
                out = subprocess.run([sys.executable, __file__, "--one", str(db), workshop_id,
                                      variant], capture_output=True, text=True, cwd=ROOT,
                                     check=True).stdout.split()
                pdf, handouts = float(out[-2]), float(out[-1])
                figures[variant].append((pdf, handouts))
                print(f"run {run + 1} {variant}: workshop PDF {pdf:.0f} ms, "
                      f"60 handouts {handouts:.0f} ms", flush=True)
    for variant, runs in figures.items():
        for n, label in enumerate(("workshop PDF", "60 handouts")):
            values = [r[n] for r in runs]
            print(f"{variant}: longest UI stall, {label}: median {statistics.median(values):.0f}"
                  f" ms (runs {', '.join(f'{v:.0f}' for v in values)})")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # PySide6 can abort while tearing down a QApplication at interpreter exit
