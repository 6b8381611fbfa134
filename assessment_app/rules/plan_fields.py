"""What a plan entry may say of its action, beside including it and notes: who owns it, when,
by which date, and where it stands. One check (``plan_problem``) for every door a plan comes
through: the plan screen (``analysis.plan.edited``), the store, bundle import."""

from __future__ import annotations

from datetime import date

from ..content.actions import HORIZONS, OWNERS

# Where a plan row stands as the facilitator follows it up after the workshop; a new row starts
# at the first.
STATUSES = ("not started", "in progress", "done", "blocked")

# The fields, and how each is called in a sentence.
PLAN_FIELDS = {"owner": "the owner", "horizon": "the horizon", "due": "the due date",
               "status": "the status"}


def plan_problem(field: str, value: object) -> str | None:
    """None when ``value`` may stand in a plan entry's ``field`` (``PLAN_FIELDS``); otherwise
    what is wrong, as the end of a sentence ("must be one of cmo, cio, both, not 'ceo'")."""
    if field == "owner" and value not in OWNERS:
        return f"must be one of {', '.join(OWNERS)}, not {value!r}"
    if field == "horizon" and value not in HORIZONS:
        return f"must be one of {', '.join(HORIZONS)}, not {value!r}"
    if field == "due" and value and not _is_date(value):
        return f"must be a date as YYYY-MM-DD between 2000 and 2100, not {value!r}"
    if field == "status" and value not in STATUSES:
        return f"must be one of {', '.join(STATUSES)}, not {value!r}"
    return None


DUE_YEARS = range(2000, 2101)  # a due date outside is a typo or a number read as a date


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return day.year in DUE_YEARS


def plan_sentence(field: str, value: object) -> str | None:
    """``plan_problem`` as a whole sentence ("The owner must be one of cmo, cio, both, not
    'ceo'."), or None."""
    problem = plan_problem(field, value)
    if problem is None:
        return None
    label = PLAN_FIELDS[field]
    return f"{label[0].upper()}{label[1:]} {problem}."
