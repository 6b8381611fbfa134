"""Numbers as Tandem shows them, in one place for the scoring engine, the screen, the PDFs and
``tandem results``: the rounding every report uses, and how a mean, a gap or a share reads in a
table (a dash when missing, never '-0.0', a '+' on a positive gap)."""

from __future__ import annotations

from ..i18n import formats, tr_p
from ..rules.privacy import withheld_label

DECIMALS = 2  # what reports print and round to (the method page promises two decimals)


def rounded(value: float) -> float:
    """A number as reports show it (2 decimals)."""
    return round(value, DECIMALS)


def fmt(value: float | None, signed: bool = False, decimals: int = 1) -> str:
    """A mean or gap as tables show it: '–' when missing, never '-0.0', '+' on signed gaps.
    One decimal is the screen's; reports print ``DECIMALS`` (``reported``)."""
    if value is None:
        return "–"
    return formats.number(value, decimals, signed)


def reported(value: float | None, signed: bool = False) -> str:
    """A mean, gap or priority as the PDFs and the reasons print it: ``DECIMALS`` decimals."""
    return fmt(value, signed, DECIMALS)


def shown(value: float | None, withheld: bool, minimum: int, signed: bool = False,
          decimals: int = DECIMALS) -> str:
    """A figure as printed, or 'fewer than 3' where it is withheld (``disclosure``)."""
    return withheld_label(minimum) if withheld else fmt(value, signed, decimals)


def whole_percent(value: float) -> float:
    """A share as printed, in whole percent: the number the need then uses, so the arithmetic
    can be redone from the printed page."""
    return float(f"{value:.0f}")


def percent(value: float | None) -> str:
    """A share in percent, whole: '43%' ('43 %' in German), or '–' when there is none."""
    return "–" if value is None else formats.percent(whole_percent(value), 0)


def printed_gap(first: float | None, second: float | None, decimals: int = DECIMALS
                ) -> float | None:
    """``first - second`` of two means as reports print them: each rounded once, then
    subtracted, so a printed gap always equals the difference of the printed means
    (``decimals``: the screen's tables print one)."""
    if first is None or second is None:
        return None
    return round(round(first, decimals) - round(second, decimals), decimals)


def in_words(count: int) -> str:
    """A small count as running text writes it ('two'); digits from 11 on."""
    words = (tr_p("a count in running text", "no"), tr_p("a count in running text", "one"),
             tr_p("a count in running text", "two"), tr_p("a count in running text", "three"),
             tr_p("a count in running text", "four"), tr_p("a count in running text", "five"),
             tr_p("a count in running text", "six"), tr_p("a count in running text", "seven"),
             tr_p("a count in running text", "eight"), tr_p("a count in running text", "nine"),
             tr_p("a count in running text", "ten"))
    return words[count] if 0 <= count < len(words) else str(count)
