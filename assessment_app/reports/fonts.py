"""Fonts for the PDFs, and the single place where text becomes reportlab markup.

DejaVu Sans covers Latin (with accents), Greek and Cyrillic; Tandem Hangul (the Hangul of
NanumGothic) covers Korean; Droid Sans Fallback covers Chinese and Japanese (it has only 3 of the
11,172 Hangul syllables). All ship in ``resources/fonts`` with their licences and are embedded
(subset) in every PDF, so a PDF reads the same on any machine. Text is split into runs, each
drawn in the first font of ``base, *FALLBACKS`` that has its glyphs.

Paragraph parses markup, so every string a user typed (names, comments, notes, even
questionnaire text) goes through ``markup`` exactly once: ``<b>R&D</b>`` prints as typed.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .. import paths
from ..errors import TandemError

SANS = "TandemSans"
BOLD = "TandemSans-Bold"
HANGUL = "TandemHangul"
CJK = "TandemCJK"
FILES = {SANS: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", HANGUL: "TandemHangul.ttf",
         CJK: "DroidSansFallbackFull.ttf"}
FALLBACKS = (HANGUL, CJK)
"""Tried in this order for a character the base font lacks. Tandem Hangul holds Hangul only, so
Han and kana fall through to Droid Sans Fallback; it comes first so that Korean jamo, which both
have, match the syllables around them."""


@cache
def register() -> None:
    """Register the bundled fonts once per process."""
    folder = paths.resources_dir() / "fonts"
    for name, file in FILES.items():
        path = folder / file
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as exc:  # noqa: BLE001 - a missing or damaged font file
            raise TandemError(f"The PDF font {path} cannot be read ({exc}); reinstall Tandem.") \
                from None
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=BOLD, italic=SANS, boldItalic=BOLD)
    for name in FALLBACKS:  # regular weight only: bold or italic text uses it as it is
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)


@cache
def _covered(font_name: str) -> frozenset[int]:
    register()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def font_for(ch: str, base: str = SANS) -> str:
    """The font a character is drawn in: the base font when it has the glyph, else the first
    of ``FALLBACKS`` that has it, else the base font (which shows its missing-glyph box)."""
    code = ord(ch)
    if code in _covered(base) or ch in "\n\t ":
        return base
    return next((font for font in FALLBACKS if code in _covered(font)), base)


def runs(text: str, base: str = SANS) -> list[tuple[str, str]]:
    """``text`` cut into (font name, piece) runs."""
    result: list[tuple[str, str]] = []
    for ch in text:
        font = font_for(ch, base)
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + ch)
        else:
            result.append((font, ch))
    return result


def markup(text: str | None) -> str:
    """Plain text as Paragraph markup: escaped, Korean and CJK runs in their fonts, line
    breaks kept."""
    if not text:
        return ""
    parts = []
    for font, piece in runs(str(text)):
        piece = escape(piece).replace("\r\n", "\n").replace("\n", "<br/>")
        parts.append(piece if font == SANS else f'<font name="{font}">{piece}</font>')
    return "".join(parts)


def width(text: str, size: float, base: str = SANS) -> float:
    return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs(text, base))


def draw(canvas, x: float, y: float, text: str, size: float, base: str = SANS,
         align: str = "left") -> None:
    """Draw one line on a canvas in mixed fonts (headers, footers)."""
    if align == "right":
        x -= width(text, size, base)
    elif align == "centre":
        x -= width(text, size, base) / 2
    for font, piece in runs(text, base):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, font, size)


def fit(text: str, size: float, max_width: float, base: str = SANS) -> str:
    """``text`` shortened with an ellipsis to fit ``max_width`` (for one-line headers)."""
    if width(text, size, base) <= max_width:
        return text
    while text and width(text + "…", size, base) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"
