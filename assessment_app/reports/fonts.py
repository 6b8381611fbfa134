"""Fonts for the PDFs, and the single place where text becomes reportlab markup.

DejaVu Sans covers Latin (with accents), Greek, Cyrillic, Hebrew and Arabic (with the joined
presentation forms); Tandem Hangul (the Hangul of NanumGothic) covers Korean; Droid Sans
Fallback covers Chinese and Japanese (it has only 3 of the 11,172 Hangul syllables); Tandem
Emoji (the emoji of Symbola) covers emoji in black and white. All ship in ``resources/fonts``
with their licences and are embedded (subset) in every PDF, so a PDF reads the same on any
machine. Text is split into runs, each drawn in the first font of ``base, *FALLBACKS`` that
has its glyphs.

Before that, each line is made drawable by ``scripts``: emoji sequences reduced to what a
monochrome font shows, Arabic shaped, Arabic and Hebrew put in visual order. A line that reads
right to left can be drawn in ``SANS_RTL`` (DejaVu Sans again, under another name) so that
``fonts.Paragraph`` knows it when the line wraps: reportlab wraps words left to right, which
would put the end of a right-to-left paragraph on its first line. ``tables`` (cells, comments,
notes) does so; a plain reportlab Paragraph (a heading, a name) draws each line correctly as
long as it does not wrap.

Paragraph parses markup, so every string a user typed (names, comments, notes, even
questionnaire text) goes through ``markup`` exactly once: ``<b>R&D</b>`` prints as typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import groupby
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap
from reportlab.platypus import Paragraph as _Paragraph

from .. import paths
from ..errors import TandemError
from ..i18n import tr
from . import scripts

SANS = "TandemSans"
BOLD = "TandemSans-Bold"
SANS_RTL = "TandemSansRTL"
BOLD_RTL = "TandemSansRTL-Bold"
HANGUL = "TandemHangul"
CJK = "TandemCJK"
EMOJI = "TandemEmoji"
FILES = {SANS: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", HANGUL: "TandemHangul.ttf",
         CJK: "DroidSansFallbackFull.ttf", EMOJI: "TandemEmoji.ttf"}
# Tried in this order for a character the base font lacks. Tandem Hangul holds Hangul only, so
# Han and kana fall through to Droid Sans Fallback; it comes first so that Korean jamo, which both
# have, match the syllables around them. Tandem Emoji holds only what the others lack.
FALLBACKS = (HANGUL, CJK, EMOJI)
# The fonts of lines that read right to left: the same files under other names (``rtl``).
RTL_FONTS = {SANS_RTL, BOLD_RTL}


class _Font(TTFont):
    """reportlab's TTFont, with a ToUnicode map that gives characters above U+FFFF (emoji) as
    UTF-16, as PDF requires: reportlab 5.1 writes them as five hex digits, which readers take
    for a four-digit code and a stray one, so a copied 🎉 (U+1F389) pasted as Ἰ (U+1F38)."""

    def addObjects(self, doc) -> None:  # noqa: N802 - reportlab's name
        state = self.state.get(doc)  # reportlab drops it once the objects are made
        subsets = [list(subset) for subset in state.subsets] if state else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if max(subset, default=0) <= 0xFFFF:
                continue
            name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode(
                "pdfdoc")
            cmap = makeToUnicodeCMap(name, subset).split("\n")
            for code, char in enumerate(subset):
                if char > 0xFFFF:
                    utf16 = chr(char).encode("utf-16-be").hex().upper()
                    cmap[cmap.index(f"<{code:02X}> <{char:04X}>")] = f"<{code:02X}> <{utf16}>"
            doc.idToObject["toUnicodeCMap:" + name].content = "\n".join(cmap)


@cache
def register() -> None:
    """Register the bundled fonts once per process."""
    folder = paths.resources_dir() / "fonts"
    for name, file in FILES.items():
        path = folder / file
        try:
            pdfmetrics.registerFont(_Font(name, str(path)))
        except Exception as exc:  # noqa: BLE001 - a missing or damaged font file
            raise TandemError(tr("The PDF font {path} cannot be read ({reason}); reinstall "
                                 "Tandem.", path=path, reason=exc)) from None
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=BOLD, italic=SANS, boldItalic=BOLD)
    for name in FALLBACKS:  # regular weight only: bold or italic text uses it as it is
        _register_single(name)


def _register_single(name: str) -> None:
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


@cache
def rtl(font: str) -> str:
    """The name ``font`` has in a line that reads right to left (registered when first
    needed: most PDFs have no such line)."""
    register()
    folder = paths.resources_dir() / "fonts"
    if font in (SANS, BOLD):
        if SANS_RTL not in pdfmetrics.getRegisteredFontNames():
            for name, base in ((SANS_RTL, SANS), (BOLD_RTL, BOLD)):
                pdfmetrics.registerFont(_Font(name, str(folder / FILES[base])))
            pdfmetrics.registerFontFamily(SANS_RTL, normal=SANS_RTL, bold=BOLD_RTL,
                                          italic=SANS_RTL, boldItalic=BOLD_RTL)
        return {SANS: SANS_RTL, BOLD: BOLD_RTL}[font]
    name = f"{font}RTL"
    pdfmetrics.registerFont(_Font(name, str(folder / FILES[font])))
    _register_single(name)
    RTL_FONTS.add(name)
    return name


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


def _runs(text: str, base: str = SANS) -> list[tuple[str, str]]:
    result: list[tuple[str, str]] = []
    for ch in text:
        font = font_for(ch, base)
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + ch)
        else:
            result.append((font, ch))
    return result


def _has_glyph(code: int) -> bool:
    return any(code in _covered(font) for font in (SANS, *FALLBACKS))


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
# A character ``lines`` may change: text without any is drawn as it is.
_SPECIAL = re.compile(f"[{scripts.RTL_CHARS}{scripts.SYMBOL_CHARS}"
                      "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


def lines(text: str) -> list[tuple[str, bool]]:
    """``text``'s lines as they are drawn, left to right: emoji made drawable, Arabic shaped,
    right-to-left lines in visual order (``scripts``); with, for each, whether it reads right
    to left. Invisible formatting characters no font has (bidi controls) are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() or not _SPECIAL.search(text):
        return [(line, False) for line in text.split("\n")]
    result = []
    for line in text.split("\n"):
        line, rtl = scripts.visual(scripts.symbols(line, _has_glyph), _covered(SANS))
        if _INVISIBLE.search(line):
            line = "".join(ch for ch in line if not (
                unicodedata.category(ch) == "Cf" and not _has_glyph(ord(ch))))
        result.append((line, rtl))
    return result


def runs(text: str, base: str = SANS) -> list[tuple[str, str]]:
    """``text`` as it is drawn (``lines``), cut into (font name, piece) runs."""
    if text.isascii() or not _SPECIAL.search(text):
        return _runs(text, base)
    return _runs("\n".join(line for line, _ in lines(text)), base)


def markup(text: str | None, marked: bool = False) -> str:
    """Plain text as Paragraph markup: escaped, each line as it is drawn (``lines``), Korean,
    CJK and emoji runs in their fonts, line breaks kept.

    ``marked``: for a ``fonts.Paragraph`` that may wrap (table cells, comments, notes), a line
    that reads right to left is drawn in the ``RTL_FONTS`` names of its fonts, so that the
    Paragraph knows it. Not for a plain reportlab Paragraph: ``<font name=...>`` sets the
    regular weight, and only ``fonts.Paragraph`` gives bold text its bold back."""
    if not text:
        return ""
    text = str(text)
    if text.isascii():
        return escape(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")
    parts = []
    for n, (line, right_to_left) in enumerate(lines(text)):
        if n:
            parts.append("<br/>")
        for font, piece in _runs(line):
            piece = escape(piece)
            if right_to_left and marked:
                font = rtl(font)
            parts.append(piece if font == SANS else FONT_MARKUP.format(font=font, text=piece))
    return "".join(parts)


# Between the fields of a header or footer line ("Tandem · ليلى · 20 November 2026"): each
# field is put in order on its own and the fields stay left to right, as a tab would keep
# them; otherwise a date after a right-to-left name would join the name's run.
FONT_MARKUP = '<font name="{font}">{text}</font>'  # not translated: Paragraph markup
FIELD_SEPARATOR = " · "


def _line_runs(text: str, base: str) -> list[tuple[str, str]]:
    """One line for a canvas (headers, footers), as drawn, in runs."""
    if text.isascii() or not _SPECIAL.search(text):
        return _runs(text, base)
    fields = (" ".join(line for line, _ in lines(field)) for field in text.split(FIELD_SEPARATOR))
    return _runs(FIELD_SEPARATOR.join(fields), base)


def width(text: str, size: float, base: str = SANS) -> float:
    return sum(pdfmetrics.stringWidth(piece, font, size)
               for font, piece in _line_runs(text, base))


def draw(canvas, x: float, y: float, text: str, size: float, base: str = SANS,
         align: str = "left") -> None:
    """Draw one line on a canvas in mixed fonts (headers, footers)."""
    pieces = _line_runs(text, base)
    total = sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in pieces)
    if align == "right":
        x -= total
    elif align == "centre":
        x -= total / 2
    for font, piece in pieces:
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


class Paragraph(_Paragraph):
    """A reportlab Paragraph that wraps right-to-left text in reading order.

    ``markup`` gives each line as it is drawn (visual order), which is right as long as the
    line fits. When it wraps, reportlab would fill the first line from the left, that is with
    the end of a right-to-left sentence. So the words are put back in reading order first
    (``scripts.reorder_words``: the part in ``SANS_RTL`` as a right-to-left run, the rest as
    left-to-right text with right-to-left runs in it), reportlab breaks the lines, and each line
    is drawn in visual order again. Text without a right-to-left letter is left to reportlab."""

    frags: list[Any]
    blPara: Any

    def __init__(self, text, *args, **kwargs) -> None:
        super().__init__(text, *args, **kwargs)
        self._bidi = any(scripts.RTL.search(getattr(f, "text", "") or "") for f in self.frags)
        if self._bidi and text is not None:  # a piece made by split() is in reading order
            self._keep_weight(text, *args, **kwargs)
            self.frags = _reorder_frags(self.frags)

    def _keep_weight(self, text, *args, **kwargs) -> None:
        """``<font name="TandemSansRTL">`` sets the regular weight (reportlab takes bold and
        italic from a font name): give right-to-left text inside bold text (a heading,
        ``<b>``) the bold of its context, read from the same markup without that name."""
        if not _SANS_RTL_TAG.search(text):
            return
        plain = _Paragraph(_SANS_RTL_TAG.sub("<font>", text), *args, **kwargs).frags
        if len(plain) != len(self.frags):
            return
        for frag, context in zip(self.frags, plain, strict=True):
            if frag.fontName == SANS_RTL and context.fontName == BOLD:
                frag.fontName = BOLD_RTL

    def drawPara(self, debug=0):  # noqa: N802 - reportlab's name
        if not self._bidi:
            return super().drawPara(debug)
        reading = self.blPara
        self.blPara = _visual_lines(reading)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = reading


_SANS_RTL_TAG = re.compile(f'<font name="{SANS_RTL}">')
Word = list  # [(frag, text), ...]: one word, in one or more fonts


def _is_break(frag) -> bool:
    return hasattr(frag, "lineBreak") or hasattr(frag, "cbDefn")


def _words(items) -> list[Word]:
    words: list[Word] = [[]]
    for frag, text in items:
        for k, part in enumerate(text.split(" ")):
            if k:
                words.append([])
            if part:
                words[-1].append((frag, part))
    return [w for w in words if w]


def _text(word: Word) -> str:
    return "".join(text for _, text in word)


def _order(words: list[Word]) -> list[Word]:
    """Words between visual and reading order (the same step both ways): each run of words
    from lines that read right to left (in ``RTL_FONTS``) as such, the rest as left-to-right
    text (which may hold right-to-left words too: "Layla ليلى")."""
    result: list[Word] = []
    for marked, run in groupby(words, key=lambda w: any(f.fontName in RTL_FONTS for f, _ in w)):
        result += scripts.reorder_words(list(run), _text, rtl=marked)
    return result


def _frags(words: list[Word]) -> list:
    """Words back into frags, one space between words (as reportlab does)."""
    pieces: list[tuple[Any, str]] = []
    for n, word in enumerate(words):
        for k, (frag, text) in enumerate(word):
            if k == len(word) - 1 and n < len(words) - 1:
                text += " "
            if pieces and pieces[-1][0] is frag:
                pieces[-1] = (frag, pieces[-1][1] + text)
            else:
                pieces.append((frag, text))
    return [frag.clone(text=text) for frag, text in pieces]


def _reorder_frags(frags: list) -> list:
    result: list = []
    segment: list = []
    for frag in [*frags, None]:
        if frag is None or _is_break(frag):
            text = "".join(f.text for f in segment)
            if scripts.RTL.search(text):
                result += _frags(_order(_words((f, f.text) for f in segment)))
            else:
                result += segment
            segment = []
            if frag is not None:
                result.append(frag)
        else:
            segment.append(frag)
    return result


def _visual_lines(para):
    """``para``'s lines (broken in reading order) in visual order, for drawing."""
    if para.kind == 0:  # one frag: lines are (extra space, [word, ...])
        return para.clone(lines=[(extra, _visual_words(para, words))
                                 for extra, words in para.lines])
    return para.clone(lines=[_visual_frags(line) for line in para.lines])


def _visual_words(frag, words: list[str]) -> list[str]:
    """One line of a one-frag paragraph, its words in visual order."""
    if not any(scripts.RTL.search(w) for w in words):
        return words
    return [word[0][1] for word in _order([[(frag, w)] for w in words])]


def _visual_frags(line):
    """One line of frags in visual order, its break (if any) still last; a line holding a
    callback is left as it is."""
    body = [f for f in line.words if not _is_break(f)]
    if any(hasattr(f, "cbDefn") for f in line.words) or not scripts.RTL.search(
            "".join(f.text for f in body)):
        return line
    tail = [f for f in line.words if _is_break(f)]
    return line.clone(words=_frags(_order(_words((f, f.text) for f in body))) + tail)


def drawn_text(x: float, y: float, text: str, size: float, anchor: str = "start",
               colour: str = "#000000", bold: bool = False) -> Any:
    """One line for a chart (a reportlab Group of Strings), each run in a font that has its
    characters, anchored at its start, middle or end: every chart's labels, in any script."""
    from reportlab.graphics.shapes import Group, String
    from reportlab.lib import colors

    base = BOLD if bold else SANS
    group = Group()
    total = width(text, size, base)
    start = {"start": x, "middle": x - total / 2, "end": x - total}[anchor]
    for font, piece in runs(text, base):
        group.add(String(start, y, piece, fontName=font, fontSize=size,
                         fillColor=colors.HexColor(colour)))
        start += width(piece, size, font)
    return group
