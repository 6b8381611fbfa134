"""The pseudo-locale: English made 40% longer and accented, with its placeholders intact.

Tests run every screen and PDF in it: a text that clips or overflows here would clip in German,
and a sentence still in plain English shows that it never went through the catalogue.
"""

from __future__ import annotations

import re

PSEUDO = "qps"  # the code Microsoft and Qt use for a pseudo-locale (qps-ploc)
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥíĵķļɱñöþǫŕšţüṽŵẋýžÀƁÇĐÉƑĜĤÍĴĶĻṀÑÖÞǪŔŠŢÜṼŴẊÝŽ")
_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|%\(\w+\)[sd]|%[sd]|<[^<>]*>|&\w+;)")
_WORD = re.compile(r"[^\W\d_]+")
GROWTH = 0.4


def _longer(word: re.Match[str]) -> str:
    """A word 40% longer, and never shorter by one: every word ends in "·", so a word a
    layout broke in two shows (a line that ends in a letter)."""
    return word.group() + "·" * max(1, round(len(word.group()) * GROWTH))


def pseudo_text(text: str) -> str:
    """``text`` accented, each word 40% longer, placeholders and markup untouched. The words
    grow, not the sentence's end: German is longer by its long words, which a narrow column
    or a phone must wrap between, never inside."""
    if not text.strip():
        return text
    parts = _PLACEHOLDER.split(text)
    out = "".join(part if index % 2 else _WORD.sub(_longer, part.translate(_ACCENTED))
                  for index, part in enumerate(parts))
    return "⟦" + out + ("" if "·" in out else "·") + "⟧"  # "·" ends even a text of no words
