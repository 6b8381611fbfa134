"""Table helpers shared by the workshop PDF and the handouts: every cell a wrapping Paragraph,
numbers formatted as on screen, cells coloured by ``palette``."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table

from ..gap_rows import fmt
from . import fonts

RULE = colors.HexColor("#d0d5da")
HEADER = colors.HexColor("#eef1f4")


def cell(text: str | None, style) -> Paragraph:
    """A cell holding text exactly as typed (escaped once, wrapping)."""
    return Paragraph(fonts.markup(text or ""), style)


def number(value: float | None, signed: bool = False) -> str:
    """Two decimals, as the method page promises."""
    return fmt(value, signed, decimals=2)


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def grid(data: list[list], widths: list[float], fills: list[tuple[int, int, str]] | None = None,
         numeric_from: int | None = None, header_rows: int = 1, zebra: bool = False) -> Table:
    """A table with a shaded header row repeated on every page, hairlines between rows, and
    optional (column, row, '#rrggbb') cell fills."""
    table = Table(data, colWidths=widths, repeatRows=header_rows)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),  # cells given as plain strings (numbers)
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    if zebra:
        for row in range(header_rows, len(data), 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f8f9fa")))
    for column, row, colour in fills or []:
        commands.append(("BACKGROUND", (column, row), (column, row), colors.HexColor(colour)))
    table.setStyle(commands)
    return table
