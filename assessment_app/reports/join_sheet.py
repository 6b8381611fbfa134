"""The printable join sheet: one card per participant with their personal QR code, their name,
function and link, to cut out and hand round when the room answers on its own devices.

The codes are drawn as vector squares from the QR matrix, so they print sharp at any size; each
row's run of dark modules is one rectangle. The matrix comes from the function the caller
passes (``web.qr.qr_matrix``): reports sit below the web layer and never import it, and a
top-level function travels to the worker process by name. Names and titles are user text:
they go through ``fonts`` (each script in a font that has it; drawn, never parsed as markup)
and are cut with "…" where they would not fit, never past the card. Plain Python, no Qt: the
window builds the sheet in a worker process (``ui/background.ProcessJob`` with ``sheet_job``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..analysis.palette import INK, MUTED
from ..analysis.printable import printable
from ..files import write_bytes_atomically
from ..i18n import N_, speaking, tr
from . import fonts
from .document import MARGIN, page_size

QUIET_ZONE = 4  # modules of white around a code, as the QR standard asks
COLUMNS, ROWS = 2, 3  # cards per page
NAME_SIZE, DETAIL_SIZE, LINK_SIZE = 13, 9, 7.5
HEADER_TOP, INSTRUCTION_LEADING = 24, 10  # the header: the name, then the instructions' lines
INSTRUCTIONS = N_("Join this room's Wi-Fi (or the facilitator's hotspot), then scan your own code "
                "with the phone's camera, or type the link under it. Each code is personal: it "
                "opens your questionnaire only, so keep your card to yourself.")


Matrix = Sequence[Sequence[bool]]  # rows of modules, True = dark, without the quiet zone


@dataclass(frozen=True)
class JoinCard:
    """What one card shows: whose it is, and their personal link."""

    name: str
    function: str  # "Marketing" or "IT"
    title: str
    url: str


def draw_qr(canvas: Canvas, matrix: Matrix, x: float, y: float, size: float) -> None:
    """The code with its quiet zone in the square of side ``size`` whose bottom left is
    (x, y): white behind it, each row's run of dark modules one black rectangle."""
    n = len(matrix)
    if not n:
        return
    module = size / (n + 2 * QUIET_ZONE)
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    path = canvas.beginPath()
    left = x + QUIET_ZONE * module
    top = y + size - QUIET_ZONE * module
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            # a hair wider and taller, so no viewer shows seams between touching runs
            path.rect(left + start * module, top - (r + 1) * module - 0.05,
                      (c - start) * module + 0.05, module + 0.05)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _lines(text: str, size: float, width: float, base: str, max_lines: int) -> list[str]:
    """``text`` wrapped at spaces (inside a word when it must) into at most ``max_lines``
    lines of ``width`` points, the last cut with "…" if text is left over."""
    words = text.split()
    lines: list[str] = []
    current = ""
    while words:
        word = words[0]
        candidate = f"{current} {word}" if current else word
        if fonts.width(candidate, size, base) <= width:
            current = candidate
            words.pop(0)
            continue
        if not current:  # one word wider than the line: cut it where it stops fitting
            cut = max(1, next((n for n in range(1, len(word) + 1)
                               if fonts.width(word[:n], size, base) > width), len(word)) - 1)
            current, words[0] = word[:cut], word[cut:]
        lines.append(current)
        current = ""
        if len(lines) == max_lines:
            break
    if current and len(lines) < max_lines:
        lines.append(current)
    if words and lines:
        lines[-1] = fonts.fit(lines[-1] + " " + " ".join(words), size, width, base)
    return lines


def _link_lines(url: str, size: float, width: float) -> list[str]:
    """A link on as few lines as it takes, never cut (it may be typed from here): broken after
    its last "/" that fits, else anywhere."""
    lines = []
    while url and fonts.width(url, size) > width:
        fits = next(n for n in range(len(url), 0, -1) if fonts.width(url[:n], size) <= width
                    or n == 1)
        slash = url.rfind("/", 0, fits)
        cut = slash + 1 if slash > fits // 2 else fits
        lines.append(url[:cut])
        url = url[cut:]
    return lines + [url] if url else lines


def _draw_card(canvas: Canvas, c: JoinCard, matrix: Matrix, x: float, y: float, w: float,
               h: float) -> None:
    """One card in the box (x, y, w, h), cut lines dashed around it."""
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor(MUTED))
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.5)
    canvas.rect(x, y, w, h, stroke=1, fill=0)
    canvas.restoreState()
    pad = 5 * mm
    inner = w - 2 * pad
    ink = colors.HexColor(INK)
    canvas.setFillColor(ink)
    top = y + h - pad
    names = _lines(printable("name", c.name), NAME_SIZE, inner, fonts.BOLD, 2)
    for line in names:
        top -= NAME_SIZE * 1.2
        fonts.draw(canvas, x + w / 2, top, line, NAME_SIZE, fonts.BOLD, align="centre")
    detail = c.function + (f" · {printable('title', c.title)}" if c.title else "")
    canvas.setFillColor(colors.HexColor(MUTED))
    top -= DETAIL_SIZE * 1.35
    fonts.draw(canvas, x + w / 2, top, fonts.fit(detail, DETAIL_SIZE, inner), DETAIL_SIZE,
               align="centre")
    links = _link_lines(c.url, LINK_SIZE, inner)
    bottom = y + pad
    link_top = bottom + len(links) * LINK_SIZE * 1.25
    canvas.setFillColor(ink)
    for n, line in enumerate(links):
        fonts.draw(canvas, x + w / 2, link_top - (n + 1) * LINK_SIZE * 1.25 + 2, line,
                   LINK_SIZE, align="centre")
    size = min(inner, top - link_top - 3 * mm)
    if size > 0:
        draw_qr(canvas, matrix, x + (w - size) / 2, link_top + 1.5 * mm, size)


def sheet_pdf(cards: list[JoinCard], workshop_name: str, matrix_of: Callable[[str], Matrix],
              paper: str = "a4") -> bytes:
    """The sheet as PDF bytes: a header on every page, ``COLUMNS`` x ``ROWS`` cards a page."""
    fonts.register()
    page_w, page_h = page_size(paper)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(page_w, page_h), invariant=True)
    canvas.setTitle(tr("Join sheet"))
    canvas.setAuthor("Tandem")
    # the instructions whole, however long the language makes them; the cards take the rest
    instructions = _lines(tr(INSTRUCTIONS), 8, page_w - 2 * MARGIN, fonts.SANS, 6)
    header_height = HEADER_TOP + INSTRUCTION_LEADING * len(instructions)
    card_w = (page_w - 2 * MARGIN) / COLUMNS
    card_h = (page_h - 2 * MARGIN - header_height) / ROWS
    per_page = COLUMNS * ROWS
    pages = max(1, -(-len(cards) // per_page))
    name = printable("workshop name", workshop_name)  # not translated: a key
    for page in range(pages):
        canvas.setFillColor(colors.HexColor(INK))
        fonts.draw(canvas, MARGIN, page_h - MARGIN - 12,
                   fonts.fit(name, 12, page_w - 2 * MARGIN - 60, fonts.BOLD), 12, fonts.BOLD)
        fonts.draw(canvas, page_w - MARGIN, page_h - MARGIN - 12,
                   tr("page {number} of {total}", number=page + 1, total=pages), 8,
                   align="right")
        canvas.setFillColor(colors.HexColor(MUTED))
        for n, line in enumerate(instructions):
            fonts.draw(canvas, MARGIN, page_h - MARGIN - 26 - n * INSTRUCTION_LEADING, line, 8)
        if not cards:
            fonts.draw(canvas, MARGIN, page_h - MARGIN - 60,
                       tr("This workshop has no participants yet."), 10)
        for n, c in enumerate(cards[page * per_page:(page + 1) * per_page]):
            column, row = n % COLUMNS, n // COLUMNS
            _draw_card(canvas, c, matrix_of(c.url), MARGIN + column * card_w,
                       page_h - MARGIN - header_height - (row + 1) * card_h, card_w, card_h)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def write_sheet(cards: list[JoinCard], workshop_name: str, out: Path,
                matrix_of: Callable[[str], Matrix], paper: str = "a4") -> Path:
    write_bytes_atomically(Path(out), sheet_pdf(cards, workshop_name, matrix_of, paper))
    return Path(out)


def sheet_job(reporter, cards: list[JoinCard], workshop_name: str, out: str,
              matrix_of: Callable[[str], Matrix], paper: str,
              language: str | None = None) -> list[Path]:
    """The sheet as a worker-process job (``reports.jobs.child_main``), in ``language`` (the
    workshop's report language: a worker process starts in English)."""
    reporter.progress(0, 1)
    reporter.starting(Path(out))
    with speaking(language):
        written = [write_sheet(cards, workshop_name, Path(out), matrix_of, paper)]
    reporter.progress(1, 1)
    return written
