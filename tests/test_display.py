"""Starting the window where none can open: one sentence and a clean exit, never a core dump."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assessment_app.ui.display import XCB_LIBRARIES, display_problem

ROOT = Path(__file__).resolve().parent.parent


def test_no_display_is_one_sentence_and_exit_1(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db",
                             str(tmp_path / "t.sqlite")], capture_output=True, text=True,
                            timeout=60, cwd=tmp_path, env=env)
    if sys.platform.startswith("linux"):
        assert result.returncode == 1  # not -6 (SIGABRT, the core dump)
        assert result.stderr.count("\n") == 1
        assert "needs a graphical desktop" in result.stderr
        assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr


def test_missing_xcb_libraries_are_named_with_their_packages():
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    problem = display_problem({"DISPLAY": ":0"}, "linux", loadable=lambda n: n not in absent)
    assert problem is not None
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in problem
    assert problem.count(".") <= 3 and len(problem) < 300


def test_a_usable_display_or_another_platform_is_not_a_problem():
    assert display_problem({"DISPLAY": ":0"}, "linux", loadable=lambda n: True) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux",
                           loadable=lambda n: False) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux",
                           loadable=lambda n: False) is None
    assert display_problem({}, "win32") is None and display_problem({}, "darwin") is None
    assert set(XCB_LIBRARIES.values()) >= {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"}
