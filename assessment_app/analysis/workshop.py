"""One workshop read from the store and scored once: what the results screen, the plan, the PDFs
and ``tandem results`` all start from, so they read the same numbers from the same reading."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..rules.progress import has_finished
from .scoring import Scores, score_workshop

if TYPE_CHECKING:  # storage pulls in sqlite-utils; this only calls the store it is given
    from ..content.actions import Action
    from ..content.questionnaire import Questionnaire
    from ..rules.records import Answer, Participant, Workshop
    from ..store.database import Store


@dataclass(frozen=True)
class ScoredWorkshop:
    workshop: Workshop
    questionnaire: Questionnaire  # the snapshot the workshop was created with
    participants: tuple[Participant, ...]
    answers: tuple[Answer, ...]
    scores: Scores
    finished_counts: Mapping[str, int]  # participant id -> finished items (``Store.completion``)

    def has_finished(self, participant: Participant) -> bool:
        """Every statement answered (a don't-know counts as an answer)."""
        return has_finished(self.finished_counts.get(participant.id, 0),
                            len(self.questionnaire.items))

    def finished(self, role: str | None = None) -> int:
        """How many participants (of ``role``, or all) have finished."""
        return sum(1 for p in self.participants
                   if (role is None or p.role == role) and self.has_finished(p))


def load_scored_workshop(store: Store, workshop_id: str, actions: Iterable[Action]
                         ) -> ScoredWorkshop:
    """Read one workshop and score it; StorageError when there is no such workshop."""
    workshop = store.workshop(workshop_id)
    questionnaire = store.questionnaire(workshop.questionnaire_hash)
    participants = tuple(store.participants(workshop_id))
    answers = tuple(store.answers_for_workshop(workshop_id))
    scores = score_workshop(questionnaire, participants, answers, actions)
    return ScoredWorkshop(workshop, questionnaire, participants, answers, scores,
                          store.completion(workshop_id))
