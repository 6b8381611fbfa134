"""A due date as the facilitator types it: as they usually write dates (the system's own format,
31.03.2027, 31/03/2027, 31 March 2027) or as 2027-03-31. What cannot be read is never dropped
in silence: it is refused with one sentence that quotes it."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale

from ..errors import TandemError
from ..i18n import tr

_NUMBERS = re.compile(r"^(\d{1,4})\s*[./\- ]\s*(\d{1,2})\s*[./\- ]\s*(\d{1,4})\.?$")
_WORDS = ("d MMMM yyyy", "d MMM yyyy", "MMMM d yyyy",  # not translated: Qt date formats
          "MMM d yyyy", "d. MMMM yyyy")  # not translated: Qt date formats


def example(locale: QLocale | None = None) -> str:
    """31 March 2027 as the system writes dates, with the whole year ("31/03/2027",
    "3/31/2027", "31.03.2027"; the same where the system has no language set)."""
    locale = locale or QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if locale.language() == QLocale.Language.C:  # "31 03 2027" reads as no date at all
        pattern = "dd.MM.yyyy"
    elif "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return locale.toString(QDate(2027, 3, 31), pattern)


def _day_first(locale: QLocale) -> bool:
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern.find("d") < pattern.find("M")


def read_due_date(text: str, locale: QLocale | None = None) -> str:
    """``text`` as a date in ISO form ("2027-03-31"), "" for no date; ``TandemError`` with one
    sentence when it is no date Tandem can read. Numbers with dots are day first (31.03.2027),
    with slashes or dashes in the system's order unless only the other order makes a date
    (31/03 is day first anywhere); a year of two digits is this century's."""
    text = " ".join(text.split())
    if not text:
        return ""
    locale = locale or QLocale()
    day = _numbers(text, locale) or _words(text, locale)
    if day is None:
        raise TandemError(tr("Tandem cannot read “{text}” as a due date; type it as {example} "
                             "or 2027-03-31.", text=text, example=example(locale)))
    return day.isoformat()


def _numbers(text: str, locale: QLocale) -> date | None:
    match = _NUMBERS.match(text)
    if not match:
        return None
    first, second, third = match.groups()
    if len(first) == 4:
        year, month, day = first, second, third
    elif "." in text or int(first) > 12 or (int(second) <= 12 and _day_first(locale)):
        day, month, year = first, second, third  # dots, 31/03, or the system's order
    else:
        month, day, year = first, second, third
    if len(year) == 2:
        year = f"20{year}"
    elif len(year) != 4:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _words(text: str, locale: QLocale) -> date | None:
    """A date with the month's name, in the system's language or in English."""
    cleaned = text.replace(",", " ")
    cleaned = " ".join(cleaned.split())
    for each in (locale, QLocale(QLocale.Language.English)):
        for pattern in (*_WORDS, each.dateFormat(QLocale.FormatType.LongFormat)):
            found = each.toDate(cleaned, pattern)
            if found.isValid():
                return date(found.year(), found.month(), found.day())
    return None
