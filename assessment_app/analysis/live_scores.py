"""One workshop's scores kept current while the room answers: each update re-reads only the
participants whose answers moved and re-scores only the statements, themes and dimensions
those answers touch, then ranks as the full scoring does (``scoring.ranked_scores``).

Which participants moved comes from the store's answer versions (``Store.answer_versions``,
kept by triggers on every write to ``answers`` by any connection: the window, the phone
server, another process), so every writer is seen and nothing depends on who announced what.
An update gives exactly what ``workshop.load_scored_workshop`` gives for the same file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from itertools import chain
from typing import TYPE_CHECKING

from ..content.questionnaire import ROLES
from ..rules.privacy import PRIVACY_THRESHOLD, threshold
from .item_stats import GroupScore, ItemScore, score_item
from .scoring import ranked_scores, score_groups
from .workshop import ScoredWorkshop, read_consensus

if TYPE_CHECKING:  # storage pulls in sqlite-utils; this only calls the store it is given
    from ..content.actions import Action
    from ..content.questionnaire import Questionnaire
    from ..rules.records import Answer, Workshop
    from ..store.database import Store


class LiveScores:
    """The scored workshop, updated from what changed since the last update. ``update`` may be
    called from any thread (with that thread's own store connection), one call at a time."""

    def __init__(self, workshop_id: str, actions: Iterable[Action],
                 shown: Callable[[Questionnaire], Questionnaire] | None = None) -> None:
        self.workshop_id = workshop_id
        self.actions = tuple(actions)
        self.shown = shown  # the stored questionnaire in the words to show (as loading's)
        self._lock = threading.Lock()
        self._forget_everything(None)

    def _forget_everything(self, questionnaire: Questionnaire | None,
                           minimum: int = PRIVACY_THRESHOLD) -> None:
        self._questionnaire = questionnaire
        self._minimum = minimum  # the workshop's privacy threshold (``disclosure``)
        self._seen: dict[str, tuple[str, int | None]] = {}  # participant -> (role, version)
        self._rows: dict[str, tuple[Answer, ...]] = {}  # participant -> answers, by item id
        # item id -> role -> participant -> answer: the answers scoring keeps
        self._grouped: dict[str, dict[str, dict[str, Answer]]] = {
            item.id: {} for item in (questionnaire.items if questionnaire else ())}
        self._answered: set[str] = set()  # who answered at least one statement
        self._items: dict[str, ItemScore] = {}  # each statement scored, before ranking
        self._groups: tuple[tuple[GroupScore, ...], tuple[GroupScore, ...]] | None = None

    def pending(self, store: Store) -> int:
        """How many participants' answers the next update would read (one small read, no
        answer), so a caller can choose where to run it."""
        seen = self._seen
        return sum(1 for pid, version in store.answer_versions(self.workshop_id).items()
                   if pid not in seen or seen[pid][1] != version)

    def _settings(self, store: Store, workshop: Workshop) -> tuple[Questionnaire, int]:
        """The workshop's questionnaire and privacy threshold; everything scored before is
        forgotten when either changed (a new threshold withholds other figures)."""
        questionnaire = self._questionnaire
        minimum = threshold(workshop.privacy_threshold)
        if questionnaire is None or questionnaire.content_hash != workshop.questionnaire_hash \
                or minimum != self._minimum:
            questionnaire = store.questionnaire(workshop.questionnaire_hash)
            if self.shown is not None:
                questionnaire = self.shown(questionnaire)
            self._forget_everything(questionnaire, minimum)
        return questionnaire, minimum

    def update(self, store: Store) -> ScoredWorkshop:
        """Read what moved and score it; StorageError when the workshop is gone."""
        with self._lock:
            versions = store.answer_versions(self.workshop_id)  # first: a later write shows
            workshop = store.workshop(self.workshop_id)
            questionnaire, minimum = self._settings(store, workshop)
            participants = tuple(store.participants(self.workshop_id))
            now = {p.id: (p.role, versions.get(p.id)) for p in participants}
            moved = [pid for pid in now.keys() | self._seen.keys()
                     if now.get(pid) != self._seen.get(pid)]
            changed: set[str] = set()
            everyone = _by_participant(store.answers_for_workshop(self.workshop_id)) \
                if 2 * len(moved) > len(now) else None  # most moved: one query, not one each
            for pid in moved:
                changed |= self._forget(pid)
                if pid in now:
                    given = everyone.get(pid, {}) if everyone is not None \
                        else store.answers_for_participant(pid)
                    changed |= self._take(pid, now[pid][0], given)
            self._seen = now
            for item in questionnaire.items:
                if item.id in changed or item.id not in self._items:
                    by_role = self._grouped[item.id]
                    self._items[item.id] = score_item(
                        item, {role: tuple(by_role.get(role, {}).values()) for role in ROLES},
                        minimum)
            self._groups = score_groups(questionnaire, self._items, self._groups, changed)
            answers = tuple(chain.from_iterable(self._rows.get(p.id, ()) for p in participants))
            room, rounds = read_consensus(store, self.workshop_id, questionnaire, participants,
                                          answers, {a.id for a in self.actions})
            scores = ranked_scores(questionnaire, participants, self._answered, self._items,
                                   self._groups, self.actions, room, minimum)
            return ScoredWorkshop(workshop, questionnaire, participants, answers, scores,
                                  store.progress(self.workshop_id), consensus=rounds)

    def _forget(self, pid: str) -> set[str]:
        """Take a participant's answers out; the statements they touched."""
        role = self._seen.get(pid, ("", None))[0]
        items = set()
        for answer in self._rows.pop(pid, ()):
            if answer.item_id in self._grouped:
                self._grouped[answer.item_id].get(role, {}).pop(pid, None)
                items.add(answer.item_id)
        self._answered.discard(pid)
        return items

    def _take(self, pid: str, role: str, answers: dict[str, Answer]) -> set[str]:
        """Put a participant's answers in (as ``scoring`` keeps them); the statements touched."""
        self._rows[pid] = tuple(answers[item_id] for item_id in sorted(answers))
        if role not in ROLES:
            return set()
        items = {item_id for item_id in answers if item_id in self._grouped}
        for item_id in items:
            self._grouped[item_id].setdefault(role, {})[pid] = answers[item_id]
        if items:
            self._answered.add(pid)
        return items



def _by_participant(answers: Iterable[Answer]) -> dict[str, dict[str, Answer]]:
    grouped: dict[str, dict[str, Answer]] = {}
    for answer in answers:
        grouped.setdefault(answer.participant_id, {})[answer.item_id] = answer
    return grouped
