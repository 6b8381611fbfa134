"""PDF reports. reportlab is imported by the PDF modules, so they load only when a PDF is
first asked for, never at start-up: the names below are looked up on first use, and importing
a light module of this package (``reports.jobs``, which the window's background jobs need right
after start-up) does not pull reportlab in."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .handout_batch import export_all_handouts
    from .handout_pdf import build_handout_pdf
    from .workshop_pdf import build_workshop_pdf

__all__ = ["build_handout_pdf", "build_workshop_pdf", "export_all_handouts"]

_HOMES = {"build_handout_pdf": ".handout_pdf", "export_all_handouts": ".handout_batch",
          "build_workshop_pdf": ".workshop_pdf"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
