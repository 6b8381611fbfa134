"""PDF exports run in a separate (spawned) process: progress reaches the window, a batch of
handouts finishes every handout it can and lists the others, Cancel stops a file in the
middle within a second and leaves nothing half written, and the window keeps running.

Test-only hook: a spawned worker sees none of this process's monkeypatching, so the jobs that
must misbehave (a slow or failing handout, a crashing worker) are top-level functions of this
module, handed to ``ProcessJob`` (or patched into ``export_jobs`` where the plan page looks the
job up). The worker imports this module by name and runs them; they patch the worker's own
copy of the handout writer and then run the real ``export_jobs.all_handouts``. This module
imports nothing heavy at the top, so the worker starts as fast as in the app."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assessment_app.reports import jobs as export_jobs

SLOW = "Slow"  # the participant whose handout takes a minute in the jobs below


def handouts_with_trouble(reporter, db_path, catalog, workshop_id, folder, paper,
                          fail: str = "", slow: str = SLOW, seconds: float = 60.0):
    """``all_handouts`` in a worker where the handout of ``fail`` raises and that of ``slow``
    takes ``seconds`` longer (after the job has announced the file: mid-file)."""
    from assessment_app.reports import handout_pdf

    real = handout_pdf.write_handout_pdf

    def patched(report, participant, out, paper="a4"):
        if participant.name == slow:
            time.sleep(seconds)
        if participant.name == fail:
            raise RuntimeError(f"no handout for {participant.name} today")
        return real(report, participant, out, paper)

    handout_pdf.write_handout_pdf = patched
    return export_jobs.all_handouts(reporter, db_path, catalog, workshop_id, folder, paper)


def handouts_one_failing(reporter, db_path, catalog, workshop_id, folder, paper):
    return handouts_with_trouble(reporter, db_path, catalog, workshop_id, folder, paper,
                                 fail="Ivo", slow="")


def worker_that_dies(reporter):
    reporter.progress(0, 1)
    os._exit(3)


@pytest.fixture
def out(tmp_path) -> Path:
    """The export folder (the database lives in tmp_path itself)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def workshop(store, mini):
    """Marketing: Ana, Slow; IT: Ivo (handouts are written in that order)."""
    w = store.create_workshop("Export", mini)
    for name, role in (("Ana", "marketing"), (SLOW, "marketing"), ("Ivo", "it")):
        p = store.add_participant(w.id, name, role)
        store.save_answer(p.id, "meet-1", 2, 3, f"{name} says hello")
    return w


def _job(*args):
    from assessment_app.ui import background

    return background.ProcessJob(*args)


def _collect(job) -> list[tuple[int, int]]:
    seen: list[tuple[int, int]] = []
    job.signals.progress.connect(lambda done, total: seen.append((done, total)))
    return seen


def test_the_workshop_pdf_is_written_by_a_worker_process(qtbot, store, mini_catalog, workshop,
                                                         tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "plan.pdf"
    job = _job(export_jobs.workshop_pdf, store.path, mini_catalog, workshop.id, str(out), "a4")
    seen = _collect(job)
    with qtbot.waitSignal(job.signals.finished, timeout=60000) as blocker:
        job.start()
        qtbot.waitUntil(lambda: job.pid is not None, timeout=60000)
        assert job.pid != os.getpid()
    assert blocker.args[0] == [out] and not job.cancelled
    assert "Export" in PdfReader(out).pages[0].extract_text()
    qtbot.waitUntil(lambda: seen[-1:] == [(1, 1)])
    assert not job.running


def test_a_batch_of_handouts_finishes_and_lists_the_one_that_failed(qtbot, store, mini_catalog,
                                                                     workshop, out):
    job = _job(handouts_one_failing, store.path, mini_catalog, workshop.id, str(out), "a4")
    seen = _collect(job)
    with qtbot.waitSignal(job.signals.finished, timeout=60000) as blocker:
        job.start()
    result = blocker.args[0]
    assert [p.name for p in result] == ["Ana - handout.pdf", "Slow - handout.pdf"]
    assert sorted(p.name for p in out.iterdir()) == ["Ana - handout.pdf",
                                                          "Slow - handout.pdf"]
    [failure] = result.failed
    assert (failure.name, failure.reason) == (
        "Ivo", "Unexpected error: RuntimeError: no handout for Ivo today")
    qtbot.waitUntil(lambda: seen[-1:] == [(3, 3)])
    assert seen[0] == (0, 3)


def test_cancel_stops_the_file_in_progress_within_a_second(qtbot, store, mini_catalog,
                                                           workshop, out):
    job = _job(handouts_with_trouble, store.path, mini_catalog, workshop.id, str(out), "a4")
    seen = _collect(job)
    job.start()
    slow_file = out / "Slow - handout.pdf"
    qtbot.waitUntil(lambda: job.current_file == slow_file, timeout=60000)
    assert seen[-1] == (1, 3)  # Ana's handout is done; Slow's is being written
    slow_file.with_name(slow_file.name + ".part").write_bytes(b"%PDF-1.4 half")  # as if
    started = time.perf_counter()
    with qtbot.waitSignal(job.signals.finished, timeout=1000) as blocker:
        job.cancel()
    assert time.perf_counter() - started < 1.0
    assert job.cancelled and not job.running
    assert blocker.args[0] == [out / "Ana - handout.pdf"]
    with pytest.raises(ProcessLookupError):  # the worker is gone (and reaped)
        os.kill(job.pid, 0)
    qtbot.wait(300)
    assert sorted(p.name for p in out.iterdir()) == ["Ana - handout.pdf"]


def test_the_window_keeps_handling_events_while_the_worker_starts(qtbot, store, mini_catalog,
                                                                  workshop, tmp_path,
                                                                  monkeypatch):
    """Starting a worker process takes a while (about 120 ms for an export); the window must
    not wait for it. Here the start can only finish once the window has handled an event."""
    import threading
    from multiprocessing.process import BaseProcess

    from PySide6.QtCore import QTimer

    window_ran = threading.Event()
    real_start = BaseProcess.start

    def start_needing_the_window(process):
        if not window_ran.wait(10):
            raise OSError("the window was blocked while the worker started")
        real_start(process)

    monkeypatch.setattr(BaseProcess, "start", start_needing_the_window)
    out = tmp_path / "plan.pdf"
    job = _job(export_jobs.workshop_pdf, store.path, mini_catalog, workshop.id, str(out), "a4")
    with qtbot.waitSignal(job.signals.finished, timeout=60000) as blocker:
        job.start()
        QTimer.singleShot(0, window_ran.set)
    assert blocker.args[0] == [out]


def test_a_failure_in_the_worker_is_one_sentence(qtbot, store, mini_catalog, tmp_path):
    job = _job(export_jobs.workshop_pdf, store.path, mini_catalog, "no-such-workshop",
               str(tmp_path / "x.pdf"), "a4")
    with qtbot.waitSignal(job.signals.failed, timeout=60000) as blocker:
        job.start()
    assert blocker.args == ["There is no workshop with id no-such-workshop."]


def test_a_worker_that_dies_is_reported(qtbot):
    job = _job(worker_that_dies)
    with qtbot.waitSignal(job.signals.failed, timeout=60000) as blocker:
        job.start()
    assert "stopped unexpectedly" in blocker.args[0] and "code 3" in blocker.args[0]


def test_the_window_keeps_running_during_an_export(qtbot, store, installed_catalog, tmp_path):
    """The UI thread only polls the worker: a 10 ms timer keeps firing while eight handouts of
    the full questionnaire are laid out."""
    from PySide6.QtCore import QTimer

    q = installed_catalog.default()
    w = store.create_workshop("Busy", q)
    for n in range(8):
        p = store.add_participant(w.id, f"P{n}", ("marketing", "it")[n % 2])
        for item in q.items:
            store.save_answer(p.id, item.id, 2, 3, "A comment of some length. " * 20)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    job = _job(export_jobs.all_handouts, store.path, installed_catalog, w.id, str(tmp_path),
               "a4")
    timer.start()
    began = time.perf_counter()
    with qtbot.waitSignal(job.signals.finished, timeout=120000) as blocker:
        job.start()
    took = time.perf_counter() - began
    timer.stop()
    assert len(blocker.args[0]) == 8
    # Work on the UI thread would show as one pause as long as the export; a machine under
    # load only stretches the timer's ticks (benchmarks/bench_exports.py measures the stalls).
    assert len(gaps) > 50 and max(gaps[1:]) < took / 4, f"longest pause {max(gaps[1:]):.3f} s"


# -- the plan page ------------------------------------------------------------------------------


@pytest.fixture
def plan_page(qtbot, main_window, workshop):
    from PySide6.QtCore import Qt

    main_window.open_workshop(workshop.id)
    qtbot.mouseClick(main_window.workshop.plan_button, Qt.LeftButton)
    return main_window.plan


def test_plan_page_lists_the_handouts_it_could_not_make(qtbot, plan_page, monkeypatch,
                                                        out):
    from assessment_app.ui import dialogs

    shown, opened = [], []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(
        (title, text)))
    monkeypatch.setattr(dialogs, "open_folder", lambda folder: opened.append(folder))
    monkeypatch.setattr(dialogs, "ask_folder", lambda *a: str(out))
    monkeypatch.setattr(export_jobs, "all_handouts", handouts_one_failing)
    plan_page.export_handouts()
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    [(title, text)] = shown
    assert title == "Some handouts could not be made"
    assert text.startswith(f"2 of 3 handouts were written to {out}.")
    assert "• Ivo: Unexpected error: RuntimeError: no handout for Ivo today" in text
    assert opened == [out] and plan_page.job is None


def test_plan_page_cancel_stops_mid_file(qtbot, plan_page, monkeypatch, out):
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from assessment_app.ui import dialogs

    infos = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: infos.append(title))
    monkeypatch.setattr(dialogs, "ask_folder", lambda *a: str(out))
    monkeypatch.setattr(export_jobs, "all_handouts", handouts_with_trouble)
    plan_page.export_handouts()
    job = plan_page.job
    qtbot.waitUntil(lambda: job.current_file == out / "Slow - handout.pdf", timeout=60000)
    dialog = plan_page.findChild(QProgressDialog)
    [cancel] = dialog.findChildren(QPushButton)
    started = time.perf_counter()
    with qtbot.waitSignal(job.signals.finished, timeout=1000):
        cancel.click()
    assert time.perf_counter() - started < 1.0
    qtbot.waitUntil(lambda: infos == ["Cancelled"], timeout=1000)
    assert plan_page.job is None
    assert sorted(p.name for p in out.iterdir()) == ["Ana - handout.pdf"]
