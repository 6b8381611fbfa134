"""Table helpers shared by the workshop PDF and the handouts: every cell a wrapping Paragraph,
cells coloured by ``palette`` (numbers are formatted by ``analysis.numbers``).

A table row cannot split across pages (reportlab raises LayoutError for a row taller than the
page), so text that may be long (a comment, plan notes) goes through ``pieces``: cut into
Paragraphs of at most ``PIECE_HEIGHT`` each, one per row, the rows after the first marked as
continuing it (no rule between them) so the reader sees one cell that flows over the page."""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table

from ..content.actions import HORIZON_LABELS
from ..content.questionnaire import ROLE_LABELS
from ..i18n import formats, tr
from . import fonts
from .document import MIN_TYPE

RULE = colors.HexColor("#d0d5da")
HEADER = colors.HexColor("#eef1f4")
PAD_X = 3  # left and right cell padding
PIECE_HEIGHT = 100.0  # points: about 10 lines of cell text (at most this is left blank)
GROWTH = 1.6  # a column grows to at most this times its width to hold its longest word


def cell(text: str | None, style) -> Paragraph:
    """A cell holding text exactly as typed (escaped once, wrapping)."""
    return fonts.Paragraph(fonts.markup(text or "", marked=True), style)  # RTL wraps too


def function_label(role: str) -> str:
    """'Marketing' or 'IT' as the reader's language names the function."""
    label = ROLE_LABELS.get(role, role)
    return tr(label)


def horizon_label(horizon: str) -> str:
    """'Next 90 days' and the like, as the reader's language says it."""
    label = HORIZON_LABELS.get(horizon, horizon)
    return tr(label)


def due_label(due: str) -> str:
    """A plan's due date (stored as YYYY-MM-DD) written out as the reader's language writes
    dates ("31 March 2027": 31/03/2027 reads two ways)."""
    try:
        return formats.long_date(date.fromisoformat(due))
    except ValueError:
        return due


def markup_lines(text: str | None) -> list[str]:
    """Plain text as one markup string per line it was typed with (see ``pieces``)."""
    return [fonts.markup(line, marked=True)
            for line in (text or "").replace("\r\n", "\n").split("\n")]


def pieces(lines: list[str], style, width: float, max_height: float = PIECE_HEIGHT,
           padding: float = PAD_X) -> list[Paragraph]:
    """Text given as its lines of markup (already escaped: ``markup_lines``, ``fonts.markup``)
    as one or more Paragraphs for a column ``width`` wide (less ``padding`` each side: the
    cell's, or the frame's for the story), none taller than ``max_height``, to go into
    consecutive rows or follow each other in the story, so any length of text lays out.
    Lines are grouped whole; a line taller than ``max_height`` on its own is cut by reportlab
    between its wrapped lines. (Cutting a paragraph at a line break instead would start the
    next piece with an empty line, so the line breaks are handled here.)"""
    inner = max(width - 2 * padding, 10.0)
    result: list[Paragraph] = []
    group: list[str] = []
    group_height = 0.0
    for line in lines:
        paragraph = fonts.Paragraph(line, style)
        height = paragraph.wrap(inner, 1e9)[1] or style.leading  # an empty line takes one
        if group and group_height + height > max_height:
            result.append(fonts.Paragraph("<br/>".join(group), style))
            group, group_height = [], 0.0
        if height <= max_height:
            group.append(line)
            group_height += height
            continue
        while True:  # one long line (a paragraph of words, an unbroken run)
            parts = paragraph.split(inner, max_height)
            if len(parts) < 2:  # cannot be cut (never for text): keep it whole
                result.append(paragraph)
                break
            result.append(parts[0])
            paragraph = parts[1]
            if paragraph.wrap(inner, 1e9)[1] <= max_height:
                result.append(paragraph)
                break
    if group:
        result.append(fonts.Paragraph("<br/>".join(group), style))
    return result


def _longest_word(content: object) -> float:
    """The width of the widest word a cell's Paragraphs draw (0 for a number or a drawing)."""
    if isinstance(content, (list, tuple)):
        return max((_longest_word(part) for part in content), default=0.0)
    if not isinstance(content, Paragraph):
        return 0.0
    return max((stringWidth(word, frag.fontName, frag.fontSize) for frag in content.frags
                for word in (getattr(frag, "text", "") or "").split()), default=0.0)


def fitted(data: list[list], widths: list[float]) -> list[float]:
    """``widths`` with every column wide enough for its longest word (up to ``GROWTH`` times),
    the room taken from the widest column (down to 60% of it): a heading such as "Marketing" or
    a German compound split inside the word in a narrow column reads as two words."""
    need = [max((_longest_word(row[c]) for row in data if c < len(row)), default=0.0) + 2 * PAD_X
            for c in range(len(widths))]
    donor = max(range(len(widths)), key=lambda c: widths[c])
    grow = [0.0 if c == donor else max(0.0, min(need[c], widths[c] * GROWTH) - widths[c])
            for c in range(len(widths))]
    wanted = sum(grow)
    share = min(1.0, widths[donor] * 0.4 / wanted) if wanted else 0.0
    out = [w + g * share for w, g in zip(widths, grow, strict=True)]
    out[donor] -= wanted * share
    return out


def grid(data: list[list], widths: list[float], fills: list[tuple[int, int, str]] | None = None,
         numeric_from: int | None = None, header_rows: int = 1, zebra: bool = False,
         continued: set[int] | frozenset[int] = frozenset()) -> Table:
    """A table with a shaded header row repeated on every page, hairlines between rows, and
    optional (column, row, '#rrggbb') cell fills. Rows in ``continued`` carry on the row above
    (more pieces of its long text): no rule and no padding between them."""
    table = Table(data, colWidths=fitted(data, widths), repeatRows=header_rows)
    commands: list[tuple] = [  # TableStyle commands: (name, start, end, *arguments)
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),  # cells given as plain strings (numbers)
        ("FONTSIZE", (0, 0), (-1, -1), MIN_TYPE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
    ]
    if not continued:
        commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE))
    else:
        for row in range(len(data)):
            if row + 1 in continued:
                commands.append(("BOTTOMPADDING", (0, row), (-1, row), 0))
            else:
                commands.append(("LINEBELOW", (0, row), (-1, row), 0.3, RULE))
            if row in continued:
                commands.append(("TOPPADDING", (0, row), (-1, row), 0))
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    if zebra:  # every other logical row (a row and the rows continuing it share a shade)
        shaded = False
        for row in range(header_rows, len(data)):
            shaded = shaded if row in continued else not shaded
            if shaded:
                commands.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f8f9fa")))
    for column, row, colour in fills or []:
        commands.append(("BACKGROUND", (column, row), (column, row), colors.HexColor(colour)))
    table.setStyle(commands)
    return table
