"""Start-up on the normal path (``main.py --db FILE --exit-when-shown``) against a bare PySide6
window, until the first paint, until the workshop list is painted and until the work after the
first paint is done; with compiled bytecode, as an installed app has it. Used by ``run.py``."""

from __future__ import annotations

import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

from common import BARE_WINDOW, ROOT, bytecode_env, timed_run

UNTIL_READY = textwrap.dedent("""
    import runpy, sys
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from assessment_app.ui import app as tandem_app
    first_paint = tandem_app.on_first_paint
    def until_ready(window, callback):
        def then_quit():
            callback()
            QTimer.singleShot(0, QApplication.quit)  # after the work the callback queued
        first_paint(window, then_quit)
    tandem_app.on_first_paint = until_ready
    sys.argv = ["main.py", "--db", sys.argv[1]]
    runpy.run_path({main!r}, run_name="__main__")
""")

# The normal start path, quitting once the pages built into the first frame are painted (the
# database opened, the workshop list read and drawn): what the facilitator can use.
UNTIL_LISTED = textwrap.dedent("""
    import runpy, sys
    sys.path.insert(0, {root!r})
    from PySide6.QtWidgets import QApplication
    from assessment_app.ui import app as tandem_app
    tandem_app.quit_on_first_paint = lambda window: window.built.connect(
        lambda: tandem_app.on_first_paint(window, QApplication.quit))
    sys.argv = ["main.py", "--db", sys.argv[1], "--exit-when-shown"]
    runpy.run_path({main!r}, run_name="__main__")
""")



def bench_startup(runs: int, folder: Path, big_db: Path | None) -> list[tuple]:
    env = bytecode_env(folder)
    bare_script = folder / "bare.py"
    bare_script.write_text(BARE_WINDOW)
    db = folder / "startup.sqlite"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "demo"],
                   check=True, capture_output=True, env=env)
    bare = [sys.executable, str(bare_script)]
    tandem = [sys.executable, str(ROOT / "main.py"), "--db", str(db), "--exit-when-shown"]
    for command in (bare, tandem, tandem):  # compile the bytecode, warm the file cache
        timed_run(command, env)
    bare_s, app_s = [], []
    for _ in range(runs):  # interleaved, so a busy moment hits both alike
        bare_s.append(timed_run(bare, env))
        app_s.append(timed_run(tandem, env))
    listed_script = folder / "until_listed.py"
    listed_script.write_text(UNTIL_LISTED.format(root=str(ROOT), main=str(ROOT / "main.py")))
    listed = [sys.executable, str(listed_script), str(db)]
    timed_run(listed, env)
    listed_s = [timed_run(listed, env) for _ in range(max(3, runs // 2))]
    b, a = statistics.median(bare_s), statistics.median(app_s)
    shown = statistics.median(listed_s)
    rows = [("Start-up to first painted window, normal start path (median)", f"{a * 1000:.0f} ms",
             f"bare PySide6 window {b * 1000:.0f} ms; ratio {a / b:.2f}x; the window's frame "
             "(geometry, title, menus, the list's title)", "≤ 1.5x bare", a / b <= 1.5),
            ("Start-up until the workshop list is painted in that window (median)",
             f"{shown * 1000:.0f} ms", f"ratio {shown / b:.2f}x bare; the pages built right "
             "after the first paint", "", None)]
    ready_script = folder / "until_ready.py"
    ready_script.write_text(UNTIL_READY.format(root=str(ROOT), main=str(ROOT / "main.py")))
    ready = [sys.executable, str(ready_script), str(db)]
    try:
        timed_run(ready, env)
        ready_s = statistics.median([timed_run(ready, env) for _ in range(max(3, runs // 2))])
        rows.append(("Start-up until ready: the work after the first paint done (median)",
                     f"{ready_s * 1000:.0f} ms",
                     f"{(ready_s - a) * 1000:+.0f} ms after the first paint: fonts, backup "
                     "check, questionnaire files", "", None))
    except subprocess.CalledProcessError:  # a Tandem without ui.app.on_first_paint
        rows.append(("Start-up until ready", "not measured", "no first-paint hook", "", None))
    if big_db is not None:
        big = [sys.executable, str(ROOT / "main.py"), "--db", str(big_db), "--exit-when-shown"]
        timed_run(big, env)
        big_s = statistics.median([timed_run(big, env) for _ in range(max(3, runs // 3))])
        rows.append(("Start-up with the 500-workshop file (median)", f"{big_s * 1000:.0f} ms",
                     f"ratio {big_s / b:.2f}x bare; whole-file check after the first paint",
                     "", None))
    return rows
