"""The scoring engine: turns a workshop's answers into numbers per item, theme and dimension for
each role, the perception and ambition gaps, and a ranked list of items and actions.

Pure Python (no Qt, no numpy) so the results screen, the PDF and ``tandem results`` read the same
numbers. Means come from integer sums, so nothing depends on the order of participants or
answers. Statistics are kept exact and rounded (``numbers.rounded``) only in reports; priorities
are the exception, below. docs/scoring.md says the same for facilitators.

Per item and role, over that role's answers to the item:

- ``n``: respondents who gave a current level; ``dont_know``: those who said "don't know"
  (a don't-know is never a level: it only counts here and in the don't-know share).
- ``mean_current``: mean current level; ``mean_target``: mean target of those who gave a level
  and a target. Both None when there is nothing to average.
- ``share_at_least_4``: percentage of the ``n`` respondents at level 4 or 5.
- ``min``, ``max``, ``spread`` = max - min (the range, in levels).
- ``ambition_gap``: mean of (target - current) over respondents who gave both. It equals
  mean_target - mean_current when everyone who gave a level also set a target, and stays
  honest when some have not set one yet.

Per item:

- ``perception_gap`` = marketing mean_current - IT mean_current; None unless both roles gave
  levels (a workshop with one role has no perception gap, rather than a wrong one).
- ``ambition_gap`` = mean of the roles' ambition gaps that exist: each function counts once,
  however many people it sent.
- ``priority = weight x (ambition_gap + |perception_gap|)``, a missing gap counting as 0; None
  when both gaps are missing. The gaps enter rounded to 2 decimals, as reports show them, and
  the priority is rounded to 2 decimals: anyone can redo the sum from the printed numbers, and
  priorities that look equal tie. Items rank by priority, highest first (None last), then id.

Per theme and dimension and role: the weighted means (item weights) of the items' mean_current,
mean_target and ambition_gap, each skipping items where that number is None (the remaining
weights are renormalised), and ``dont_know_share`` = don't-knows / (levels + don't-knows) over
its items, in percent. Perception and ambition gaps combine the roles as for items.

Per action from the library answering at least one questionnaire item: priority = the highest
priority among those items (an action is as urgent as the most pressing item it answers).
Actions rank like items: priority, highest first (None last), then action id. Each action's
reasons give, item by item, the numbers that make that item's priority.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content.questionnaire import (
    DIMENSION_LABELS,
    DIMENSIONS,
    ROLE_LABELS,
    ROLES,
    Item,
    Questionnaire,
)
from .numbers import reported, rounded

if TYPE_CHECKING:  # storage pulls in sqlite-utils; scoring only reads these records' fields
    from ..content.actions import Action
    from ..store.records import Answer, Participant

@dataclass(frozen=True)
class RoleStats:
    """One role's answers to one item."""

    n: int
    dont_know: int
    mean_current: float | None
    mean_target: float | None
    share_at_least_4: float | None
    min: int | None
    max: int | None
    spread: int | None
    ambition_gap: float | None


@dataclass(frozen=True)
class GroupRoleStats:
    """One role's weighted view of a theme or dimension."""

    n: int
    dont_know: int
    dont_know_share: float | None
    mean_current: float | None
    mean_target: float | None
    ambition_gap: float | None


@dataclass(frozen=True)
class ItemScore:
    item: Item
    roles: Mapping[str, RoleStats]
    perception_gap: float | None
    ambition_gap: float | None
    priority: float | None


@dataclass(frozen=True)
class GroupScore:
    """A theme (``dimension`` is its dimension) or a dimension (``id == dimension``)."""

    id: str
    title: str
    dimension: str
    item_ids: tuple[str, ...]
    roles: Mapping[str, GroupRoleStats]
    perception_gap: float | None
    ambition_gap: float | None


@dataclass(frozen=True)
class ActionScore:
    action: Action
    item_ids: tuple[str, ...]  # the questionnaire items it answers
    priority: float | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    items: tuple[ItemScore, ...]  # questionnaire order
    themes: tuple[GroupScore, ...]
    dimensions: tuple[GroupScore, ...]
    actions: tuple[ActionScore, ...]  # ranked

    def item(self, item_id: str) -> ItemScore:
        return next(s for s in self.items if s.item.id == item_id)

    @property
    def ranked_items(self) -> tuple[ItemScore, ...]:
        return tuple(sorted(self.items, key=lambda s: rank_key(s.priority, s.item.id)))


def rank_key(priority: float | None, ident: str) -> tuple[bool, float, str]:
    """Highest priority first, no priority last, then by id: the same rule for items and
    actions."""
    return (priority is None, -(priority or 0.0), ident)


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _weighted_mean(pairs: Iterable[tuple[float, float | None]]) -> float | None:
    kept = [(weight, value) for weight, value in pairs if value is not None]
    if not kept:
        return None
    return math.fsum(w * v for w, v in kept) / math.fsum(w for w, _ in kept)


def _percent(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def role_stats(answers: Sequence[Answer]) -> RoleStats:
    """Statistics of one role's answers to one item (one answer per participant)."""
    levels = [a.current for a in answers if a.current is not None]
    pairs = [(a.current, a.target) for a in answers
             if a.current is not None and a.target is not None]
    n = len(levels)
    low, high = (min(levels), max(levels)) if levels else (None, None)
    return RoleStats(
        n=n,
        dont_know=len(answers) - n,
        mean_current=_mean(levels),
        mean_target=_mean([target for _, target in pairs]),
        share_at_least_4=_percent(sum(1 for level in levels if level >= 4), n),
        min=low,
        max=high,
        spread=None if high is None or low is None else high - low,
        ambition_gap=_mean([target - current for current, target in pairs]),
    )


def _gaps(roles: Mapping[str, RoleStats | GroupRoleStats]) -> tuple[float | None, float | None]:
    """(perception gap, ambition gap) from per-role numbers, as the module docstring says."""
    marketing, it = roles["marketing"].mean_current, roles["it"].mean_current
    perception = None if marketing is None or it is None else marketing - it
    ambitions = [gap for role in ROLES if (gap := roles[role].ambition_gap) is not None]
    return perception, (sum(ambitions) / len(ambitions) if ambitions else None)


def item_priority(weight: float, perception_gap: float | None, ambition_gap: float | None
                  ) -> float | None:
    """weight x (ambition gap + |perception gap|) on the gaps as reports show them, so the sum
    in an action's reasons adds up to the priority it states; None when neither gap exists."""
    if perception_gap is None and ambition_gap is None:
        return None
    return rounded(weight * (rounded(ambition_gap or 0.0) + rounded(abs(perception_gap or 0.0))))


def score_item(item: Item, answers_by_role: Mapping[str, Sequence[Answer]]) -> ItemScore:
    roles = {role: role_stats(answers_by_role.get(role, ())) for role in ROLES}
    perception, ambition = _gaps(roles)
    return ItemScore(item, roles, perception, ambition,
                     item_priority(item.weight, perception, ambition))


def _group_role(items: Sequence[ItemScore], role: str) -> GroupRoleStats:
    stats = [(s.item.weight, s.roles[role]) for s in items]
    n = sum(r.n for _, r in stats)
    dont_know = sum(r.dont_know for _, r in stats)
    return GroupRoleStats(
        n=n,
        dont_know=dont_know,
        dont_know_share=_percent(dont_know, n + dont_know),
        mean_current=_weighted_mean((w, r.mean_current) for w, r in stats),
        mean_target=_weighted_mean((w, r.mean_target) for w, r in stats),
        ambition_gap=_weighted_mean((w, r.ambition_gap) for w, r in stats),
    )


def score_group(ident: str, title: str, dimension: str, items: Sequence[ItemScore]
                ) -> GroupScore:
    roles = {role: _group_role(items, role) for role in ROLES}
    perception, ambition = _gaps(roles)
    return GroupScore(ident, title, dimension, tuple(s.item.id for s in items), roles,
                      perception, ambition)


def _role_phrase(role: str, stats: RoleStats) -> str:
    label = ROLE_LABELS[role]
    if stats.mean_current is None:
        return f"{label} gave no level"
    if stats.ambition_gap is None:
        return f"{label} at {reported(stats.mean_current)}, no target"
    return f"{label} at {reported(stats.mean_current)} wants +{reported(stats.ambition_gap)}"


def item_reason(score: ItemScore, theme_title: str) -> str:
    """One line a facilitator can read aloud: the item and the numbers behind its priority."""
    where = f"{score.item.id} ({theme_title})"
    if score.priority is None:
        return f"{where}: no level given yet, so no priority"
    ambition = score.ambition_gap or 0.0
    perception = abs(score.perception_gap or 0.0)
    roles = ", ".join(_role_phrase(role, score.roles[role]) for role in ROLES)
    return (f"{where}: priority {reported(score.priority)} = weight {score.item.weight:g} × "
            f"(ambition gap {reported(ambition)} + perception gap {reported(perception)}); "
            f"{roles}")


def score_action(action: Action, items: Mapping[str, ItemScore], theme_titles: Mapping[str, str]
                 ) -> ActionScore | None:
    """The action's priority and reasons; None when it answers no item of this questionnaire."""
    answered = sorted((items[i] for i in action.items if i in items),
                      key=lambda s: rank_key(s.priority, s.item.id))
    if not answered:
        return None
    priorities = [s.priority for s in answered if s.priority is not None]
    return ActionScore(
        action=action,
        item_ids=tuple(s.item.id for s in answered),
        priority=max(priorities) if priorities else None,
        reasons=tuple(item_reason(s, theme_titles[s.item.theme]) for s in answered),
    )


def score_workshop(questionnaire: Questionnaire, participants: Iterable[Participant],
                   answers: Iterable[Answer], actions: Iterable[Action]) -> Scores:
    """Score one workshop. Answers from unknown participants or to items outside the
    questionnaire are ignored; storage guarantees one answer per participant and item."""
    role_of = {p.id: p.role for p in participants if p.role in ROLES}
    grouped: dict[str, dict[str, list[Answer]]] = {item.id: {} for item in questionnaire.items}
    for answer in answers:
        role = role_of.get(answer.participant_id)
        if role is not None and answer.item_id in grouped:
            grouped[answer.item_id].setdefault(role, []).append(answer)
    items = tuple(score_item(item, grouped[item.id]) for item in questionnaire.items)
    themes = tuple(score_group(t.id, t.title, t.dimension,
                               [s for s in items if s.item.theme == t.id])
                   for t in questionnaire.themes)
    dimensions = tuple(score_group(d, DIMENSION_LABELS[d], d,
                                   [s for s in items if s.item.dimension == d])
                       for d in DIMENSIONS if any(s.item.dimension == d for s in items))
    by_id = {s.item.id: s for s in items}
    titles = {t.id: t.title for t in questionnaire.themes}
    scored = (score_action(a, by_id, titles) for a in actions)
    ranked = sorted((s for s in scored if s is not None),
                    key=lambda s: rank_key(s.priority, s.action.id))
    return Scores(items, themes, dimensions, tuple(ranked))
