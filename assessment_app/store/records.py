"""The records the store keeps (workshops, participants, answers) and the rules about them that
every layer shares: when an answer is complete, when a participant has finished, which levels an
answer may hold.

Plain frozen dataclasses, without SQLite: scoring, bundles and the demo need only these, and
importing them costs nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from ..content.questionnaire import LEVEL_COUNT


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


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


@dataclass(frozen=True)
class Participant:
    id: str
    workshop_id: str
    name: str
    role: str
    title: str


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
