"""Numbers, dates and quotations written as the current language writes them (1.55 / 1,55;
31 March 2027 / 31. März 2027; “Owner” / „Owner“). Two languages need two small tables, not a
locale database in every install. Plain Python: no Qt."""

from __future__ import annotations

from datetime import date

from . import current
from .pseudo import PSEUDO

_DECIMAL = {"de": ","}
# The short date as a spreadsheet's number format writes it: day, month, whole year.
# English readers disagree on the order of day and month (31/03 or 03/31): the year first is
# read one way only
_SHORT_DATE = {"en": "yyyy-mm-dd", "de": "dd.mm.yyyy"}
_PERCENT = {"de": "\u202f%"}  # German sets a (narrow) space before the percent sign
_QUOTES = {"en": ("“", "”"), "de": ("„", "“")}
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
}


def _language() -> str:
    code = current()
    return "en" if code == PSEUDO else code


def number(value: float, digits: int = 2, signed: bool = False) -> str:
    """``value`` with ``digits`` decimals and the language's decimal mark (a sign if asked)."""
    if abs(value) < 0.5 * 10 ** -digits:
        value = 0.0  # never '-0.0'
    text = f"{value:+.{digits}f}" if signed and value else f"{value:.{digits}f}"
    return text.replace(".", decimal_mark())


def whole(value: int) -> str:
    """A whole number with the language's thousands separator (2,345 / 2.345)."""
    text = f"{value:,}"
    return text.replace(",", ".") if decimal_mark() == "," else text


def decimal_mark() -> str:
    """The current language's decimal mark."""
    return _DECIMAL.get(_language(), ".")


def percent(value: float, digits: int = 0) -> str:
    """A percentage (``value`` already in percent) as the language writes it."""
    return number(value, digits) + _PERCENT.get(_language(), "%")


def quoted(text: str) -> str:
    """``text`` between the language's quotation marks (“Owner” / „Owner“): a name or value a
    sentence quotes, never Python's repr() ('Owner'), which is code and not the language's."""
    opening, closing = _QUOTES.get(_language(), _QUOTES["en"])
    return f"{opening}{text}{closing}"


def long_date(day: date) -> str:
    """``31 March 2027`` / ``31. März 2027``."""
    months = _MONTHS.get(_language(), _MONTHS["en"])
    if _language() == "de":
        return f"{day.day}. {months[day.month - 1]} {day.year}"
    return f"{day.day} {months[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """``2027-03-31`` / ``31.03.2027``: the form a reader of the language types too."""
    return (short_date_format().replace("dd", f"{day.day:02d}")
            .replace("mm", f"{day.month:02d}").replace("yyyy", f"{day.year:04d}"))


def short_date_format() -> str:
    """``short_date`` as a spreadsheet's number format (``dd.mm.yyyy``), so that a date cell
    of a workbook reads as the language writes dates while it stays a date."""
    return _SHORT_DATE.get(_language(), _SHORT_DATE["en"])
