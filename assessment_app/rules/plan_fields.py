"""What a plan entry may say of its action, beside including it and notes: who owns it, when,
by which date, and where it stands. One check (``plan_problem``) for every door a plan comes
through: the plan screen (``analysis.plan.edited``), the store, bundle import."""

from __future__ import annotations

from datetime import date

from ..content.actions import HORIZONS, OWNERS
from ..i18n import N_, tr

# Where a plan row stands as the facilitator follows it up after the workshop; a new row starts
# at the first. The stored values (and the bundle's); ``status_label`` shows them.
STATUSES = ("not started", "in progress", "done", "blocked")  # not translated: stored values
_STATUS_LABELS = dict(zip(STATUSES, (N_("not started"), N_("in progress"), N_("done"),
                                     N_("blocked")), strict=True))

# The fields this module checks.
PLAN_FIELDS = ("owner", "horizon", "due", "status")
# Each field's refusal as a whole sentence.
_SENTENCES = {
    "owner": N_("The owner must be one of {choices}, not {value}."),
    "horizon": N_("The horizon must be one of {choices}, not {value}."),
    "due": N_("The due date must be a date as YYYY-MM-DD between 2000 and 2100, not {value}."),
    "status": N_("The status must be one of {choices}, not {value}."),
}


def status_label(status: str) -> str:
    """A plan row's status as a reader of the current language calls it."""
    label = _STATUS_LABELS.get(status)
    return tr(label) if label else status


def plan_problem(field: str, value: object) -> str | None:
    """None when ``value`` may stand in a plan entry's ``field`` (``PLAN_FIELDS``); otherwise
    what is wrong, as the end of a sentence ("must be one of cmo, cio, both, not 'ceo'")."""
    choices = _choices(field, value)
    if choices is None:
        return None
    if field == "due":
        # Translators: the end of a sentence that begins with a field ("plan[2].due: ...")
        return tr("must be a date as YYYY-MM-DD between 2000 and 2100, not {value}",
                  value=repr(value))
    # Translators: the end of a sentence that begins with a field ("plan[2].owner: ...")
    return tr("must be one of {choices}, not {value}", choices=choices, value=repr(value))


def _choices(field: str, value: object) -> str | None:
    """The allowed values of ``field`` when ``value`` is not one of them ("" for a due date
    that is not a date), else None."""
    if field == "owner" and value not in OWNERS:
        return ", ".join(OWNERS)
    if field == "horizon" and value not in HORIZONS:
        return ", ".join(HORIZONS)
    if field == "due" and value and not _is_date(value):
        return ""
    if field == "status" and value not in STATUSES:
        return ", ".join(STATUSES)
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
    choices = _choices(field, value)
    if choices is None:
        return None
    sentence = _SENTENCES[field]
    return tr(sentence, choices=choices, value=repr(value))
