"""What a reader would find wrong on the pages of a PDF written in the pseudo-locale (every
sentence between ⟦ ⟧, each word 40% longer and ending in "·"): a text cut off, a word broken
across lines, text outside the page's margins, or text drawn over other text. German runs about
a third longer than English; what fits here fits there.

Texts are read in the order the PDF draws them (reportlab draws a paragraph line by line, a
table cell by cell). A text is cut off when its ⟦ has no ⟧; two cuts are made on purpose and not
counted: a statement quoted in a narrow place and shortened with "…" (the ellipsis ends it), and
a paragraph or cell that a page break carries over (the next page closes it). A word is broken
when a line of a text ends in a letter: every word ends in "·". Where texts sit comes from
poppler's ``pdftotext -bbox-layout``; text drawn at an angle (the radar's dimension names along
their arcs) is left out of the overlap check, as its boxes are upright boxes round turned
letters."""

from __future__ import annotations

import string
import subprocess
import xml.etree.ElementTree as ElementTree
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from assessment_app.i18n.pseudo import pseudo_text
from assessment_app.reports.document import MARGIN

_ACCENTED = frozenset(pseudo_text(string.ascii_letters).strip("⟦·⟧"))
EDGE = 18.0  # points: no printer prints this close to the paper's top or bottom edge
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def over(self, other: Word) -> bool:
        """Whether the two words' letters cover each other (their boxes' middle halves of height
        meet: neighbouring lines' boxes touch without their letters doing so)."""
        pad, other_pad = (self.y1 - self.y0) / 4, (other.y1 - other.y0) / 4
        across = min(self.x1, other.x1) - max(self.x0, other.x0)
        down = min(self.y1 - pad, other.y1 - other_pad) - max(self.y0 + pad, other.y0 + other_pad)
        return across > 1 and down > 0


def _drawn(path: Path) -> list[tuple[list[tuple[str, float]], list[str]]]:
    """Per page: the texts in the order they are drawn with the height of their line, and
    those drawn at an angle."""
    pages = []
    for page in PdfReader(path).pages:
        texts: list[tuple[str, float]] = []
        turned: list[str] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object,
                  texts: list[tuple[str, float]] = texts, turned: list[str] = turned) -> None:
            if text.strip():
                texts.append((text, tm[5] * cm[3] + cm[5]))
                if abs(tm[1] * cm[0] + tm[3] * cm[2]) > 0.01 or abs(tm[1]) > 0.01:
                    turned.append(text.strip())

        page.extract_text(visitor_text=visit)
        pages.append((texts, turned))
    return pages


def cut_texts(path: Path, may_shorten: Collection[str] = ()) -> list[str]:
    """Every text whose end is missing, by page and beginning. A text of ``may_shorten`` (the
    questionnaire's statements and names, quoted shortened in tables and sentences on purpose)
    may end in "…" instead."""
    whole = [_letters(text) for text in may_shorten]
    found: list[str] = []
    carried: list[list[str]] = []  # texts a page break left open, for the next page to close
    for number, (texts, _) in enumerate(_drawn(path), start=1):
        open_texts: list[list[str]] = []  # the letters so far of each text begun and not ended
        for text, _ in texts:
            for char in text:
                for letters in open_texts:
                    letters.append(char)
                if char == "⟦":
                    open_texts.append([])
                elif char == "…" and open_texts and _shortened(open_texts[-1], whole):
                    open_texts.pop()
                elif char == "⟧":
                    if open_texts:
                        open_texts.pop()
                    elif carried:
                        carried.pop()
                    else:
                        found.append(f"page {number}: an end without its beginning in {text!r}")
        found += [f"page {number - 1}: cut off: {_begun(letters)!r}" for letters in carried]
        carried = open_texts
    return found + [f"last page: cut off: {_begun(letters)!r}" for letters in carried]


def _letters(text: str) -> str:
    return "".join(text.split())  # a line break may stand where a space was, or inside a word


def _shortened(letters: list[str], whole: list[str]) -> bool:
    begun = _letters("".join(letters[:-1]))
    return bool(begun) and any(text.startswith(begun) for text in whole)


def _begun(letters: list[str]) -> str:
    return " ".join("".join(letters).split())[:60]


def broken_words(path: Path) -> list[str]:
    """Every word a layout broke in two across lines (a narrow column): in the pseudo-locale
    every word ends in "·", so a line of a sentence that ends in a letter, followed by a line
    that begins with one, ended inside a word."""
    found = []
    for number, (texts, _) in enumerate(_drawn(path), start=1):
        depth = 0
        for (text, y), (after, next_y) in zip(texts, texts[1:] + [("", 0.0)], strict=True):
            depth += text.count("⟦") - text.count("⟧")
            end, start = text.rstrip()[-1:], after.lstrip()[:1]
            if depth > 0 and end in _ACCENTED and start in _ACCENTED and abs(next_y - y) > 1:
                found.append(f"page {number}: a word broken across lines: "
                             f"{text.rstrip()[-20:]!r} | {after.lstrip()[:20]!r}")
    return found


def _words(path: Path) -> list[tuple[float, float, list[Word]]]:
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True,
                           capture_output=True).stdout
    return [(float(page.get("width", 0)), float(page.get("height", 0)),
             [Word(w.text or "", *(float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")))
              for w in page.iter(_XHTML + "word")])
            for page in ElementTree.fromstring(xhtml).iter(_XHTML + "page")]


def misplaced_texts(path: Path) -> list[str]:
    """Every word outside the page's side margins or too near its top or bottom edge, and every
    two words drawn over each other."""
    found = []
    drawn = _drawn(path)
    for number, (width, height, words) in enumerate(_words(path), start=1):
        turned = drawn[number - 1][1]
        for w in words:
            if w.x0 < MARGIN - 1 or w.x1 > width - MARGIN + 1 or w.y0 < EDGE or \
                    w.y1 > height - EDGE:
                found.append(f"page {number}: {w.text!r} at ({w.x0:.0f}, {w.y0:.0f})-"
                             f"({w.x1:.0f}, {w.y1:.0f}) is outside the margins")
        upright = [w for w in words if not any(w.text in text for text in turned)]
        for index, word in enumerate(upright):
            found += [f"page {number}: {word.text!r} and {other.text!r} at ({word.x0:.0f}, "
                      f"{word.y0:.0f}) are drawn over each other"
                      for other in upright[index + 1:] if word.over(other)]
    return found


def layout_problems(path: Path, may_shorten: Collection[str] = ()) -> list[str]:
    """What a reader would find wrong: cut off, a word broken, outside the margins, or over
    other text."""
    return cut_texts(path, may_shorten) + broken_words(path) + misplaced_texts(path)
