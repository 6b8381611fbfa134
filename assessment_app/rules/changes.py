"""What a write changed. The core's writes return it (as Anki's operations return their
changes), so the window announces exactly what the write did instead of guessing, and each
screen refreshes only for the kinds it shows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ANY_WORKSHOP = ""  # a change that may touch every workshop (a restore, another process)


class Kind(StrEnum):
    """One kind of data a screen may show."""

    WORKSHOPS = "workshops"  # a workshop's name, organisation, date or PIN; added or deleted
    PARTICIPANTS = "participants"  # who takes part: added, edited, removed
    ANSWERS = "answers"  # what the participants answered
    PROGRESS = "progress"  # how far each participant has got: who has finished
    PLAN = "plan"  # the action plan and whether it was agreed with the room
    CONSENSUS = "consensus"  # the consensus round: its state, re-ratings, decisions, votes


EVERY_KIND = frozenset(Kind)


@dataclass(frozen=True)
class Changed:
    """The kinds of data one write changed, in one workshop (or ``ANY_WORKSHOP``); no kinds:
    nothing changed."""

    workshop_id: str
    kinds: frozenset[Kind]

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __or__(self, other: Changed) -> Changed:
        if not other.kinds or not self.kinds:
            return self if self.kinds else other
        same = self.workshop_id == other.workshop_id
        return Changed(self.workshop_id if same else ANY_WORKSHOP, self.kinds | other.kinds)


def changed(workshop_id: str, *kinds: Kind) -> Changed:
    return Changed(workshop_id, frozenset(kinds))


def everything(workshop_id: str = ANY_WORKSHOP) -> Changed:
    """Anything may have moved: a restore, an import's new workshop, another process."""
    return Changed(workshop_id, EVERY_KIND)


# The writes that return the record they made (a workshop, a participant) or that run outside
# the store's methods (an answer saved by the answering session) change these kinds:
NEW_WORKSHOP = frozenset({Kind.WORKSHOPS})
NEW_PARTICIPANT = frozenset({Kind.PARTICIPANTS, Kind.PROGRESS})
ANSWERED = frozenset({Kind.ANSWERS, Kind.PROGRESS})
