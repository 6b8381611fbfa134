"""Progress: when an answer is complete and when a participant has finished.

The rule is kept in SQL, where the store counts (``COMPLETE_SQL`` feeds migration 4's
triggers, ``FINISHED_SQL`` the workshop list and ``Store.progress``); every screen, the phone
server and the summaries read ``Store.progress``'s typed answer instead of counting again, so
"finished" means one thing everywhere: every item answered, and at least one item."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# An answer is complete with today's level and a target, or with "don't know" (no level today):
# ``Answer.is_complete`` in Python, this condition in SQL over the answers row named ``{row}``.
# The database keeps each participant's count of complete answers with it (migration 4's
# triggers); a change here needs a new migration that rebuilds those triggers and counts.
COMPLETE_SQL = "({row}.current IS NULL OR {row}.target IS NOT NULL)"  # not translated: SQL

# A participant has finished when every item of the questionnaire has a complete answer (a
# questionnaire of no items is finished by nobody).
FINISHED_SQL = "({total} > 0 AND {done} >= {total})"  # not translated: SQL


@dataclass(frozen=True)
class PersonProgress:
    """One participant's progress: complete answers (``done``) of ``total`` items, and whether
    that is finished (``FINISHED_SQL``, as the store computed it)."""

    done: int
    total: int
    finished: bool


@dataclass(frozen=True)
class WorkshopProgress:
    """Everyone's progress in one workshop (``Store.progress``): per participant id, in the
    store's order, with the questionnaire's item count."""

    total: int
    people: Mapping[str, PersonProgress] = field(default_factory=dict)

    def of(self, participant_id: str) -> PersonProgress:
        """A participant's progress; someone unknown here has answered nothing."""
        return self.people.get(participant_id) or PersonProgress(0, self.total, False)

    @property
    def count(self) -> int:
        return len(self.people)

    def finished(self, participant_ids: Iterable[str] | None = None) -> int:
        """How many (of ``participant_ids``, or of everyone) have finished."""
        ids = self.people if participant_ids is None else participant_ids
        return sum(1 for pid in ids if self.of(pid).finished)

    @property
    def left(self) -> int:
        """How many have not finished."""
        return self.count - self.finished()

    @property
    def counts(self) -> dict[str, int]:
        """Complete answers per participant id."""
        return {pid: p.done for pid, p in self.people.items()}
