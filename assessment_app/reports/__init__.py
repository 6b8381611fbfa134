"""PDF reports. reportlab is imported here, so this package is imported only when a PDF is
first asked for, never at start-up."""

from .handout_pdf import build_handout_pdf, export_all_handouts
from .workshop_pdf import build_workshop_pdf

__all__ = ["build_handout_pdf", "build_workshop_pdf", "export_all_handouts"]
