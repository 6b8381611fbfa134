"""Time stamps: ISO-8601 text read as an instant in UTC, ordered the same on every laptop, and
the time of an edit that must come after the version it replaces (bundle merges go by these)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ..i18n import tr
from .text import excerpt


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def stamp_time(value: object) -> datetime | None:
    """The instant an ISO-8601 stamp names, in UTC; None when it names none. A stamp without an
    offset is read as UTC, so every laptop reads it the same, whatever its time zone."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # "0001-01-01T00:00+05:00" is before year 1 in UTC: the first instant
        return (datetime.min if parsed.year < 5000 else datetime.max).replace(tzinfo=UTC)


def stamp_order(value: str) -> tuple[datetime, str]:
    """How stamps sort, the same on every laptop: by the instant, then by the text (two
    spellings of one instant); a stamp naming no instant sorts first."""
    return (stamp_time(value) or datetime.min.replace(tzinfo=UTC), value)


def latest_stamp(*stamps: str) -> str:
    """The latest of ``stamps`` (empty ones left out), by ``stamp_order``; "" when none."""
    present = [s for s in stamps if s]
    return max(present, key=stamp_order) if present else ""


def stamp_after(now: str, *stamps: str) -> str:
    """The time of an edit made ``now`` to a record last changed at ``stamps``: now, or a
    millisecond after the latest of them when this laptop's clock is behind it, so an edit
    always comes after the version it replaces (and wins the next merge)."""
    latest = latest_stamp(*stamps)
    when = stamp_time(latest)
    if when is None or stamp_order(now) > stamp_order(latest):
        return now
    return (when + timedelta(milliseconds=1)).isoformat(timespec="milliseconds")


# A time from another laptop decides which laptop's answer, name or deletion wins a merge, so a
# wrong clock must not win forever: a time more than a day after this laptop's clock is refused.
# A time before 2000 is refused too: no Tandem gave it, so it comes from a laptop whose clock was
# never set (or from an editor), and "0001-01-01" would otherwise lose every merge unseen.
TIME_FLOOR = datetime(2000, 1, 1, tzinfo=UTC)
FLOOR_STAMP = TIME_FLOOR.isoformat()  # the edit time of names a version-1 bundle does not carry
CLOCK_SLACK = timedelta(days=1)


def stamp_problem(when: datetime, stamp: str, what: str, now: datetime) -> str | None:
    """None when ``when`` (the instant ``stamp`` names, the time of ``what``) may decide a
    merge on a laptop whose clock reads ``now``; otherwise what is wrong and what to do, as the
    end of a sentence."""
    shown = excerpt(stamp, 32)
    if when < TIME_FLOOR:
        return tr("{what} is dated {stamp}, before 2000: the laptop that saved it had no real "
                  "date; set its clock, then save it again there", what=what, stamp=shown)
    if when > now + CLOCK_SLACK:
        clock = f"{now.astimezone(UTC):%Y-%m-%d %H:%M}"
        return tr("{what} is dated {stamp}, over a day ahead of this laptop's clock ({clock} "
                  "UTC); correct the wrong clock, then save it again on that laptop",
                  what=what, stamp=shown, clock=clock)
    return None
