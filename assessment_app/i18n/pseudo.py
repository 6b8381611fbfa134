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
GROWTH = 0.4


def pseudo_text(text: str) -> str:
    """``text`` accented and padded to 140% of its letters, placeholders and markup untouched."""
    if not text.strip():
        return text
    parts = _PLACEHOLDER.split(text)
    out = [part if index % 2 else part.translate(_ACCENTED) for index, part in enumerate(parts)]
    letters = sum(len(part) for index, part in enumerate(parts) if not index % 2)
    padding = "·" * max(1, round(letters * GROWTH))
    return "⟦" + "".join(out) + padding + "⟧"
