"""The records the store keeps (workshops, participants, answers) and the rules about them that
every layer shares: when an answer is complete, when a participant has finished, which levels an
answer may hold.

Plain frozen dataclasses, without SQLite: scoring, bundles and the demo need only these, and
importing them costs nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..content.questionnaire import LEVEL_COUNT


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


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Workshop:
    id: str
    name: str
    organization: str
    date: str
    questionnaire_id: str
    questionnaire_version: str
    questionnaire_hash: str
    # When the name, organisation or date were last edited (set at creation): renames travel
    # between laptops by this time (``exchange.bundle``). Empty: not stored yet, "now" on write.
    edited_at: str = ""


@dataclass(frozen=True)
class Participant:
    id: str
    workshop_id: str
    name: str
    role: str
    title: str
    edited_at: str = ""  # when the name, role or title were last edited (set at creation)


# What a deletion leaves behind, so that a bundle made before it does not bring the record back
# (``exchange.bundle``): a workshop (``workshop_id`` is its own id) or a participant.
DELETION_KINDS = ("workshop", "participant")


@dataclass(frozen=True)
class Deletion:
    kind: str  # one of DELETION_KINDS
    id: str
    workshop_id: str
    deleted_at: str


# An answer is complete with today's level and a target, or with "don't know" (no level today):
# ``Answer.is_complete`` in Python, this condition in SQL over the answers row named ``{row}``.
# The database keeps each participant's count of complete answers with it (migration 4's
# triggers); a change here needs a new migration that rebuilds those triggers and counts.
COMPLETE_SQL = "({row}.current IS NULL OR {row}.target IS NOT NULL)"


@dataclass(frozen=True)
class Answer:
    participant_id: str
    item_id: str
    current: int | None  # None means "don't know"
    target: int | None
    comment: str
    answered_at: str

    @property
    def dont_know(self) -> bool:
        return self.current is None

    @property
    def is_complete(self) -> bool:
        """Done means today's level and a target, or "don't know" (``COMPLETE_SQL``)."""
        return self.current is None or self.target is not None


# A participant has finished when every item of the questionnaire has a complete answer.
FINISHED_SQL = "({total} > 0 AND {done} >= {total})"  # the same rule in SQL


def has_finished(done: int, total: int) -> bool:
    """``done`` complete answers of ``total`` items: finished ("don't know" counts as done)."""
    return total > 0 and done >= total


@dataclass(frozen=True)
class WorkshopSummary:
    """One row of the workshop list: enough to choose a workshop without opening it."""

    id: str
    name: str
    organization: str
    date: str
    questionnaire_id: str
    participants: int
    completed: int


# -- levels: 1 to 5, and a target not below today ------------------------------------------------


def is_level(value: object) -> bool:
    """A level is a whole number from 1 to 5 (true and false are not levels)."""
    return (isinstance(value, int) and not isinstance(value, bool)
            and 1 <= value <= LEVEL_COUNT)


@dataclass(frozen=True)
class LevelProblem:
    """What is wrong with an answer's levels: which one (``current`` or ``target``), its value,
    and, for a target below today's level, today's level (``below``)."""

    level: str
    value: object
    below: int | None = None

    @property
    def target_below_today(self) -> bool:
        return self.below is not None

    @property
    def sentence(self) -> str:
        if self.below is not None:
            return (f"The target level ({self.value}) cannot be below the current level "
                    f"({self.below}).")
        return f"The {self.level} level must be 1 to {LEVEL_COUNT}, not {self.value!r}."


def level_problem(current: object, target: object) -> LevelProblem | None:
    """None when ``current`` and ``target`` may be saved together (either may be None: "don't
    know", or no target yet); otherwise the first thing wrong with them."""
    for name, value in (("current", current), ("target", target)):
        if value is not None and not is_level(value):
            return LevelProblem(name, value)
    if isinstance(current, int) and isinstance(target, int) and target < current:
        return LevelProblem("target", target, below=current)
    return None
