"""Numbers as Tandem shows them, in one place for the scoring engine, the screen, the PDFs and
``tandem results``: the rounding every report uses, and how a mean, a gap or a share reads in a
table (a dash when missing, never '-0.0', a '+' on a positive gap)."""

from __future__ import annotations

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
    if abs(value) < 0.5 * 10 ** -decimals:
        value = 0.0
    return f"{value:+.{decimals}f}" if signed and value else f"{value:.{decimals}f}"


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
    """A share in percent, whole: '43%', or '–' when there is none."""
    return "–" if value is None else f"{whole_percent(value):.0f}%"


def printed_gap(first: float | None, second: float | None, decimals: int = DECIMALS
                ) -> float | None:
    """``first - second`` of two means as reports print them: each rounded once, then
    subtracted, so a printed gap always equals the difference of the printed means
    (``decimals``: the screen's tables print one)."""
    if first is None or second is None:
        return None
    return round(round(first, decimals) - round(second, decimals), decimals)


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten")


def in_words(count: int) -> str:
    """A small count as running text writes it ('two'); digits from 11 on."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)
