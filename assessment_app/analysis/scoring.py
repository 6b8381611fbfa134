"""The scoring engine's front door: one workshop's answers in, its ``Scores`` out.

Pure Python (no Qt, no numpy) so the results screen, the PDF and ``tandem results`` read the same
numbers. The parts live in their own modules: the numbers per statement, theme and dimension and
a statement's need (``item_stats``), ties (``ties``), the actions' value, priority and plan
(``ranking``) and the reasons in words (``reasons``). ``reports/method.md`` says the same for
facilitators and executives.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..content.actions import FUNCTION_OWNER
from ..content.questionnaire import DIMENSIONS, ROLES, Questionnaire, dimension_label
from ..rules.privacy import PRIVACY_THRESHOLD
from .agreed import RoomPosition, agreed_score, with_votes
from .item_stats import GroupScore, ItemScore, score_group, score_item
from .ranking import ActionScore, rank_actions, score_action
from .reasons import explain
from .ties import rank_key, shared_ranks, tie_margin

if TYPE_CHECKING:  # storage pulls in sqlite-utils; scoring only reads these records' fields
    from ..content.actions import Action
    from ..rules.records import Answer, Participant

__all__ = ["ActionScore", "Scores", "ranked_scores", "score_groups",
           "score_workshop"]  # ActionScore's home is ``ranking``


@dataclass(frozen=True)
class Scores:
    items: tuple[ItemScore, ...]  # questionnaire order
    themes: tuple[GroupScore, ...]
    dimensions: tuple[GroupScore, ...]
    actions: tuple[ActionScore, ...]  # ranked
    tie_margin: float = 0.0  # priorities closer than this are a tie
    minimum: int = PRIVACY_THRESHOLD  # the privacy threshold the figures were withheld under

    def item(self, item_id: str) -> ItemScore:
        return next(s for s in self.items if s.item.id == item_id)

    @property
    def ranked_items(self) -> tuple[ItemScore, ...]:
        return tuple(sorted(self.items, key=lambda s: rank_key(s.priority, s.item.id)))

    @property
    def suggested(self) -> tuple[ActionScore, ...]:
        return tuple(a for a in self.actions if a.suggested)


def _rank_items(items: Sequence[ItemScore], margin: float) -> tuple[ItemScore, ...]:
    ordered = sorted(items, key=lambda s: rank_key(s.priority, s.item.id))
    shared = shared_ranks([s.priority for s in ordered], margin)
    position = {s.item.id: (n + 1, *shared[n]) for n, s in enumerate(ordered)}
    return tuple(replace(s, rank=position[s.item.id][0], shared_rank=position[s.item.id][1],
                         tied=position[s.item.id][2]) for s in items)


def _by_item_and_role(questionnaire: Questionnaire, participants: Sequence[Participant],
                      answers: Iterable[Answer]
                      ) -> tuple[dict[str, dict[str, list[Answer]]], list[Answer]]:
    """(item id -> role -> answers, the answers kept): answers from unknown participants or to
    items outside the questionnaire are left out."""
    role_of = {p.id: p.role for p in participants if p.role in ROLES}
    grouped: dict[str, dict[str, list[Answer]]] = {item.id: {} for item in questionnaire.items}
    kept: list[Answer] = []
    for answer in answers:
        role = role_of.get(answer.participant_id)
        if role is not None and answer.item_id in grouped:
            grouped[answer.item_id].setdefault(role, []).append(answer)
            kept.append(answer)
    return grouped, kept


def score_groups(questionnaire: Questionnaire, items: Mapping[str, ItemScore],
                 earlier: tuple[tuple[GroupScore, ...], tuple[GroupScore, ...]] | None = None,
                 changed: Collection[str] = ()
                 ) -> tuple[tuple[GroupScore, ...], tuple[GroupScore, ...]]:
    """(the themes, the dimensions that have items), each over its items (item id -> score).
    With ``earlier`` (the groups scored before), only the groups holding a ``changed`` item
    are scored again: the live results' path (``live_scores``)."""
    ordered = [items[item.id] for item in questionnaire.items]

    def group(n: int, kind: int, ident: str, title: str, dimension: str,
              members: list[ItemScore]) -> GroupScore:
        if earlier is not None and not any(s.item.id in changed for s in members):
            return earlier[kind][n]
        return score_group(ident, title, dimension, members)

    themes = tuple(group(n, 0, t.id, t.title, t.dimension,
                         [s for s in ordered if s.item.theme == t.id])
                   for n, t in enumerate(questionnaire.themes))
    present = [d for d in DIMENSIONS if any(s.item.dimension == d for s in ordered)]
    dimensions = tuple(group(n, 1, d, dimension_label(d), d,
                             [s for s in ordered if s.item.dimension == d])
                       for n, d in enumerate(present))
    return themes, dimensions


def absent_functions(participants: Iterable[Participant], answered: Collection[str]
                     ) -> tuple[str, ...]:
    """The functions nobody answered for (no participant among ``answered``) while the other
    did: () when both or neither did."""
    present = {p.role for p in participants if p.id in answered}
    missing = tuple(role for role in ROLES if role not in present)
    return missing if len(missing) < len(ROLES) else ()


def _ranked_actions(items: Sequence[ItemScore], actions: Iterable[Action],
                    theme_titles: Mapping[str, str], margin: float,
                    absent: Sequence[str] = (), room: RoomPosition | None = None,
                    minimum: int = PRIVACY_THRESHOLD
                    ) -> list[ActionScore]:
    by_id = {s.item.id: s for s in items}
    led = {FUNCTION_OWNER[role]: role for role in absent}
    scored = [with_votes(replace(s, waits_for=led.get(a.owner, "")), room) for a in actions
              if (s := score_action(a, by_id)) is not None]
    needs = {s.item.id: s.priority for s in items}
    return explain(rank_actions(scored, needs, margin), by_id, theme_titles, minimum)


def score_workshop(questionnaire: Questionnaire, participants: Iterable[Participant],
                   answers: Iterable[Answer], actions: Iterable[Action],
                   room: RoomPosition | None = None, minimum: int = PRIVACY_THRESHOLD
                   ) -> Scores:
    """Score one workshop, every figure resting on fewer than ``minimum`` people withheld
    (``disclosure``). Answers from unknown participants or to items outside the
    questionnaire are ignored; storage guarantees one answer per participant and item.
    ``room``: the consensus round's decisions and dots, which rank the plan (``agreed``)."""
    participants = list(participants)
    grouped, kept = _by_item_and_role(questionnaire, participants, answers)
    items = {item.id: score_item(item, grouped[item.id], minimum)
             for item in questionnaire.items}
    return ranked_scores(questionnaire, participants, {a.participant_id for a in kept}, items,
                         score_groups(questionnaire, items), actions, room, minimum)


def ranked_scores(questionnaire: Questionnaire, participants: Iterable[Participant],
                  answered: Collection[str], items: Mapping[str, ItemScore],
                  groups: tuple[tuple[GroupScore, ...], tuple[GroupScore, ...]],
                  actions: Iterable[Action], room: RoomPosition | None = None,
                  minimum: int = PRIVACY_THRESHOLD) -> Scores:
    """The workshop's ``Scores`` from its statements scored one by one (``score_item``, item
    id -> score, under the privacy threshold ``minimum``) and its groups (``score_groups``):
    the tie margin from who ``answered``, the statements' ranks, the actions ranked. Both the
    full scoring and the live one end here."""
    participants = list(participants)
    margin = tie_margin(participants, answered)
    decided = room.decisions if room is not None else {}
    ranked = _rank_items([agreed_score(items[item.id], decided.get(item.id))
                          for item in questionnaire.items], margin)
    titles = {t.id: t.title for t in questionnaire.themes}
    actions_ranked = _ranked_actions(ranked, actions, titles, margin,
                                     absent_functions(participants, answered), room,
                                     minimum)
    return Scores(ranked, groups[0], groups[1], tuple(actions_ranked), margin, minimum)
