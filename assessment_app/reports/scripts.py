"""Right-to-left scripts and emoji, made drawable by reportlab.

reportlab (5.1, without the optional ``rlbidi`` and ``uharfbuzz`` packages) draws one glyph per
code point, left to right, with no shaping. So before any text is drawn:

- **Arabic** is shaped by ``arabic-reshaper``: each letter becomes its joined presentation
  form (initial, medial, final, isolated; lam-alef ligatures), which DejaVu Sans has. Harakat
  (vowel marks) are kept, shifted so that they land on their letter once the line is reversed.
- **Arabic and Hebrew** lines are put in visual order by ``python-bidi`` (the Unicode
  bidirectional algorithm, its pure-Python implementation, which also mirrors brackets: the
  Rust one in python-bidi 0.6 does not). A Latin run inside ("CRM 2.0") keeps its order.
  This is done per line as typed; a paragraph that wraps is put back in reading order line by
  line by ``fonts.Paragraph`` with ``reorder_words``.
- **Emoji** that a bundled font has are drawn with it (Tandem Emoji, monochrome); the parts of
  an emoji sequence no monochrome font can show are dropped (variation selectors, the joiner
  of a ZWJ sequence, whose parts are then drawn side by side, skin-tone modifiers, tag
  characters); a flag (two regional indicators) prints as ``[flag DE]``, a keycap as
  ``[keycap 1]``, and a symbol no bundled font has as its Unicode name in brackets
  (``[melting face]``, or ``[U+1FAE8]`` when this Python does not know it): never an empty box.

Text that is all ASCII skips all of this; text with no right-to-left letter skips the bidi step.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from typing import TypeVar

import arabic_reshaper
from bidi.algorithm import get_base_level, get_display

RTL_CHARS = ("\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff"
             "\U0001e800-\U0001efff")
# Hebrew, Arabic, Syriac, Thaana, N'Ko... and their presentation forms: strong right-to-left
# letters (bidi classes R and AL).
RTL = re.compile(f"[{RTL_CHARS}]")
# Letters arabic-reshaper joins (Arabic, Persian, Urdu).
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")

VARIATION_SELECTORS = {"\ufe0e", "\ufe0f"}
ZWJ = "\u200d"
KEYCAP = "\u20e3"
SKIN_TONES = range(0x1F3FB, 0x1F400)
TAGS = range(0xE0020, 0xE0080)
REGIONAL = range(0x1F1E6, 0x1F200)
# Where a character no font has is taken for an emoji and named, rather than left as a box.
EMOJI_PLANES = (range(0x1F000, 0x1FB00), range(0x2600, 0x2800), range(0x2B00, 0x2C00))


@cache
def _reshaper(ligatures: frozenset[int]) -> arabic_reshaper.ArabicReshaper:
    """A reshaper that keeps harakat and makes, of its default ligatures, only those the font
    has (``ligatures``: the code points it covers among the Arabic presentation forms)."""
    from arabic_reshaper.ligatures import LIGATURES
    from arabic_reshaper.reshaper_config import default_config

    config: dict[str, object] = {"delete_harakat": False, "shift_harakat_position": True}
    for name, (_, forms) in LIGATURES:
        drawn = [form for form in forms if form]
        config[name] = bool(default_config.get(name)) and all(
            ord(form[0]) in ligatures for form in drawn)
    # With every ligature off, arabic-reshaper 3.1 still matches an empty pattern and fails
    # (KeyError: -1): switch ligatures off as a whole instead.
    config["support_ligatures"] = any(config[name] for name, _ in LIGATURES)
    return arabic_reshaper.ArabicReshaper(configuration=config)


def visual(line: str, covered: frozenset[int] = frozenset()) -> tuple[str, bool]:
    """One line (no line break) as it is drawn left to right, and whether it reads right to
    left (its first strong letter is Arabic or Hebrew). ``covered``: code points of the font
    Arabic is drawn in (for its ligatures). A line with no right-to-left letter is returned
    as it is."""
    if line.isascii() or not RTL.search(line):
        return line, False
    if ARABIC.search(line):
        line = _reshaper(frozenset(c for c in covered if 0xFB50 <= c <= 0xFEFC)).reshape(line)
    return get_display(line), get_base_level(line) == 1


def _name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"[{name.lower()}]" if name else f"[U+{ord(ch):04X}]"


def _is_emoji_like(ch: str) -> bool:
    code = ord(ch)
    return (any(code in r for r in EMOJI_PLANES)
            or unicodedata.category(ch) in ("So", "Sk", "Sm"))


SYMBOL_CHARS = ("\u200d\u20e3\u2190-\u2bff\u3030\u303d\u3297\u3299\ufe0e\ufe0f"
                "\U0001f000-\U0001faff\U000e0020-\U000e007f")
# Where an emoji, a joiner, a keycap or a selector may be: text without any (Latin with
# accents, dashes and quotes, Arabic, CJK...) skips ``symbols``.
_SYMBOLS = re.compile(f"[{SYMBOL_CHARS}]")


def symbols(text: str, has_glyph: Callable[[int], bool]) -> str:
    """``text`` with emoji sequences made drawable in monochrome (see the module's doc):
    ``has_glyph(code point)`` says whether some bundled font has a character."""
    if text.isascii() or not _SYMBOLS.search(text):
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        sequence = _sequence(text, i)
        if sequence is not None:
            shown, length = sequence
            out.append(shown)
            i += length
            continue
        drawn = _drawable(text[i], out[-1][-1:] if out else "", has_glyph)
        if drawn:
            out.append(drawn)
        i += 1
    return "".join(out)


def _sequence(text: str, i: int) -> tuple[str, int] | None:
    """A flag or a keycap beginning at ``text[i]``: what is drawn for it and how many
    characters it spans; None for anything else."""
    ch, nxt = text[i], text[i + 1:i + 2]
    if ord(ch) in REGIONAL and nxt and ord(nxt) in REGIONAL:
        letters = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in (ch, nxt))
        return f"[flag {letters}]", 2
    if ch in "0123456789#*" and KEYCAP in text[i + 1:i + 3] and (
            nxt == KEYCAP or nxt in VARIATION_SELECTORS):
        return f"[keycap {ch}]", 2 if nxt == KEYCAP else 3
    return None


def _drawable(ch: str, previous: str, has_glyph: Callable[[int], bool]) -> str:
    """One character as drawn in monochrome after ``previous`` (the last character drawn):
    itself, its name in brackets, or nothing."""
    code = ord(ch)
    if ch in VARIATION_SELECTORS or code in TAGS:
        return ""  # presentation hints and subdivision-flag tags: nothing to draw in monochrome
    if ch == ZWJ and previous and _is_emoji_like(previous):
        return ""  # the parts of a ZWJ sequence (a family, a profession) are drawn side by side
    if code in SKIN_TONES and previous and not previous.isspace():
        return ""  # a skin tone cannot show in black and white: the emoji it modifies is drawn
    if ch == KEYCAP:
        return "[keycap]"
    if code > 0x7F and _named_when_missing(ch) and not has_glyph(code):
        return _name(ch)
    return ch


def _named_when_missing(ch: str) -> bool:
    """An emoji or symbol (or an unassigned code point where emoji are) is named, rather than
    drawn as an empty box, when no bundled font has it."""
    return _is_emoji_like(ch) or (unicodedata.category(ch) == "Cn"
                                  and any(ord(ch) in r for r in EMOJI_PLANES))


W = TypeVar("W")


def word_class(text: str) -> str:
    """"R" for a word with a right-to-left letter, "L" for one with a left-to-right letter
    (Latin, Cyrillic, CJK...), "N" for the rest (numbers, punctuation, emoji)."""
    if RTL.search(text):
        return "R"
    if any(unicodedata.bidirectional(ch) == "L" for ch in text):
        return "L"
    return "N"


def reorder_words(words: Sequence[W], text_of: Callable[[W], str], rtl: bool) -> list[W]:
    """The words of (part of) one line, between visual and reading order: the same step both
    ways. In a right-to-left line the order of its words is reversed, except that a run of
    words with no right-to-left letter (``CRM 2.0``) keeps its order; in a left-to-right line
    each run of right-to-left words is reversed. Word by word this is what the bidi algorithm
    does to a line; ``fonts.Paragraph`` uses it to wrap a paragraph in reading order and then
    draw each of its lines in visual order."""
    classes = [word_class(text_of(w)) for w in words]
    if rtl:
        groups: list[list[W]] = []
        for n, (word, cls) in enumerate(zip(words, classes, strict=True)):
            if cls != "R" and n and classes[n - 1] != "R":
                groups[-1].append(word)
            else:
                groups.append([word])
        return [w for group in reversed(groups) for w in group]
    result: list[W] = []
    i = 0
    while i < len(words):
        if classes[i] != "R":
            result.append(words[i])
            i += 1
            continue
        last = j = i  # the run: R words, with numbers or punctuation between them
        while j + 1 < len(words) and classes[j + 1] != "L":
            j += 1
            if classes[j] == "R":
                last = j
        result.extend(reversed(words[i:last + 1]))
        i = last + 1
    return result
