"""The page frame shared by every Tandem PDF: paper size, margins, styles, a header with the
workshop name and date, and a "page n of m" footer (which needs every page counted first)."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from ..analysis.palette import INK, MUTED
from ..errors import TandemError
from ..files import write_bytes_atomically
from ..i18n import tr
from . import fonts

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 18 * mm
MIN_TYPE = 8.5  # points: the smallest type any PDF prints (table text, notes, headers, charts)
FRAME_PADDING = 6  # reportlab's frame keeps this much inside the margins, on every side


def page_size(paper: str) -> tuple[float, float]:
    try:
        return PAPERS[paper.lower()]
    except (KeyError, AttributeError):
        raise TandemError(tr("The paper size must be A4 or Letter, not {paper}.",
                             paper=repr(paper))) from None


def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle("body", fontName=fonts.SANS, fontSize=9.5, leading=13,
                          textColor=colors.HexColor(INK))
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=MIN_TYPE, leading=11.5),
        "muted": ParagraphStyle("muted", parent=base, fontSize=MIN_TYPE, leading=11.5,
                                textColor=colors.HexColor(MUTED)),
        "cell": ParagraphStyle("cell", parent=base, fontSize=MIN_TYPE, leading=11),
        # a word in a column of numbers ("don't know"), set right like the numbers around it
        "cell_right": ParagraphStyle("cell_right", parent=base, fontSize=MIN_TYPE, leading=11,
                                     alignment=TA_RIGHT),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=fonts.BOLD,
                                    fontSize=MIN_TYPE, leading=11),
        "h1": ParagraphStyle("h1", parent=base, fontName=fonts.BOLD, fontSize=18, leading=23,
                             spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=fonts.BOLD, fontSize=13, leading=17,
                             spaceBefore=10, spaceAfter=5),
        "h3": ParagraphStyle("h3", parent=base, fontName=fonts.BOLD, fontSize=10.5, leading=14,
                             spaceBefore=6, spaceAfter=3),
        "cover_title": ParagraphStyle("cover_title", parent=base, fontName=fonts.BOLD,
                                      fontSize=26, leading=32, spaceAfter=10),
        "cover_sub": ParagraphStyle("cover_sub", parent=base, fontSize=14, leading=19,
                                    textColor=colors.HexColor(MUTED)),
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
    }


def numbered_canvas(header_left: str, header_right: str, footer_left: str):
    """A canvas class that draws the header and 'page n of m' once all pages are known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            number = self._pageNumber
            self.saveState()
            self.setFillColor(colors.HexColor(MUTED))
            self.setStrokeColor(colors.HexColor("#d0d5da"))
            if number > 1:  # the cover carries no header
                y = height - MARGIN + 6 * mm
                room = (width - 2 * MARGIN) * 0.62
                fonts.draw(self, MARGIN, y, fonts.fit(header_left, MIN_TYPE, room), MIN_TYPE)
                fonts.draw(self, width - MARGIN, y, header_right, MIN_TYPE, align="right")
                self.line(MARGIN, y - 2 * mm, width - MARGIN, y - 2 * mm)
            y = MARGIN - 9 * mm
            fonts.draw(self, MARGIN, y,
                       fonts.fit(footer_left, MIN_TYPE, (width - 2 * MARGIN) * 0.7), MIN_TYPE)
            fonts.draw(self, width - MARGIN, y, tr("Page {number} of {total}", number=number,
                                                   total=total), MIN_TYPE, align="right")
            self.restoreState()

    return NumberedCanvas


def write_pdf(out: Path, story: list, paper: str, title: str, header_left: str,
              header_right: str, footer_left: str, author: str = "Tandem") -> Path:
    """Lay out ``story`` and write it to ``out`` in one step (never half a file)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=page_size(paper), leftMargin=MARGIN,
                            rightMargin=MARGIN, topMargin=MARGIN + 4 * mm,
                            bottomMargin=MARGIN, title=title, author=author,
                            creator="Tandem", subject=tr("Marketing and IT alignment workshop"))
    doc.build(story, canvasmaker=numbered_canvas(header_left, header_right, footer_left))
    write_bytes_atomically(Path(out), buffer.getvalue())
    return Path(out)


def content_width(paper: str) -> float:
    """The width a flowable can use (the frame, less its padding): a table or chart as wide as
    the frame itself would reach into the margin."""
    return page_size(paper)[0] - 2 * MARGIN - 2 * FRAME_PADDING


def content_height(paper: str) -> float:
    """The height a flowable can use on one page (the frame, less its padding)."""
    return page_size(paper)[1] - 2 * MARGIN - 4 * mm - 2 * FRAME_PADDING
