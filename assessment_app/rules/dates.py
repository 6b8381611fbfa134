"""Dates as people read them: one format ("28 November 2026", in German "28. November 2026")
for every screen and PDF (a workbook's date cells stay dates, shown in the language's short form,
``i18n.formats.short_date_format``), and one reading of a stored instant, as the calendar day it
was on this laptop.

Tandem stores instants in UTC ("2026-11-27T22:00:00.000+00:00"); a facilitator in Sydney marked
that plan agreed on the morning of 28 November, so the day shown is the local one, never the
first ten characters of the UTC text."""

from __future__ import annotations

from datetime import date

from ..i18n import formats
from .stamps import stamp_time


def day_text(day: date) -> str:
    """'28 November 2026' ('28. November 2026'): the current language's months, whatever the
    system's locale."""
    return formats.long_date(day)


def local_day(stamp: str) -> date | None:
    """The calendar day of ``stamp``: a plain ISO date as it is, an instant as the day it was
    in this laptop's time zone (without an offset it is UTC, as ``stamps.stamp_time`` reads
    it); None when it is neither."""
    if len(stamp) == 10:
        try:
            return date.fromisoformat(stamp)
        except ValueError:
            return None
    when = stamp_time(stamp)
    if when is None:
        return None
    try:
        return when.astimezone().date()
    except (OverflowError, ValueError, OSError):  # the first or last instant: its UTC day
        return when.date()


def day_label(stamp: str) -> str:
    """'28 November 2026' for a stored ISO date or instant (``local_day``); '' for anything
    else."""
    day = local_day(stamp)
    return day_text(day) if day else ""


def short_day_label(stamp: str) -> str:
    """'2026-11-28' ('28.11.2026') for a stored ISO date or instant, as a table column or a
    terminal line gives a date (``formats.short_date``); ``stamp`` itself when it is neither."""
    day = local_day(stamp)
    return formats.short_date(day) if day else stamp
