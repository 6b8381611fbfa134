"""Checking, before Qt starts, that a window can be shown at all.

Without a display, or without the X11 libraries Qt's xcb plugin loads, Qt aborts the process
with a core dump and a page of plugin jargon. A facilitator on a fresh Linux laptop deserves one
sentence that says what is missing and what to install. Plain Python (no Qt import), so it runs
before anything heavy loads; Windows and macOS always have a display and are not checked."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from ..i18n import tr

# What Qt's xcb platform plugin needs beyond a standard desktop, by shared-object name, with the
# Debian/Ubuntu package that provides it (found with ldd on libqxcb.so and libQt6XcbQpa.so).
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}


def _loadable(name: str) -> bool:
    import ctypes

    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def display_problem(environ: dict[str, str] | None = None, platform: str = sys.platform,
                    loadable: Callable[[str], bool] = _loadable) -> str | None:
    """One sentence saying why no window can open here, or None when one can."""
    env = os.environ if environ is None else environ
    if not platform.startswith(("linux", "freebsd", "openbsd")):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs...: the user asked for it
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return tr("Tandem needs a graphical desktop to open its window and found none (neither "
                  "DISPLAY nor WAYLAND_DISPLAY is set); start it from a desktop session, or run "
                  "one job without a window (see 'tandem --help').")
    uses_xcb = chosen.startswith("xcb") or (not chosen and not env.get("WAYLAND_DISPLAY"))
    if not uses_xcb or getattr(sys, "frozen", False):  # the frozen app carries its own libraries
        return None
    missing = [package for library, package in XCB_LIBRARIES.items() if not loadable(library)]
    if missing:
        return tr("Tandem cannot open its window because system libraries that Qt needs are "
                  "missing; install them (Debian/Ubuntu: sudo apt-get install {packages}) and "
                  "start it again.", packages=" ".join(missing))
    return None
