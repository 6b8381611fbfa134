"""The actions' value and priority, and the plan they are ranked into.

Per action from the library answering at least one questionnaire item:

- its statements' needs (``item_stats.item_priority``), highest first (s1 >= s2 >= ...), make its
  **value** = s1 + s2/2 + s3/4 + ... (``DECAY``): every statement adds, each further one half as
  much as the one before, so an action that answers several pressing statements ranks above one
  that answers one, but listing many statements cannot buy a place;
- ``own_priority`` = value / ``EFFORT_DIVISORS[effort]`` (S 1, M 1.25, L 1.5), times
  ``MISMATCH_FACTOR`` when the action does not fit (below), rounded to 2 decimals. The value
  measures the need an action addresses, not how much of it the action closes, and larger
  actions usually close more: charging effort in full would count it twice, so a medium action
  needs a quarter more value than a small one, a large one half more;
- its **main statement** is s1's item (the larger need, then the item id);
- it **fits** when what it fixes (``Action.fixes``: build, reconcile, visibility) is what its main
  statement calls for (``ItemScore.reason``): building where the functions disagree on the facts
  builds the wrong thing, so a misfit counts ``MISMATCH_FACTOR`` of its priority;
- **kind**: "quick win" (S or M) or "big bet" (L) when its value is at least the median value of
  the actions with a priority, otherwise "fill-in" (S or M) or "question mark" (L).

Ranking builds the plan one place at a time. Each place goes to the action whose priority is
highest given the actions already placed above it: a statement that ``k`` placed actions already
answer counts ``DECAY ** k`` of its need (diminishing returns across the plan as within an
action, so the plan spreads over problems). That ``priority`` (with ``plan_value``) is what ranks
it; it equals ``own_priority`` when nothing above shares a statement. Equal priorities go to the
smaller effort, then the larger value, then the library's own title (``Action.sort_title``: the
same in every language shown), then the order in the library (never the id). In the first
``SUGGESTED_SIZE`` places (the suggested plan) only actions with a positive priority are placed,
and at most ``SAME_STATEMENT_CAP`` may share a main statement: another is held back until those
places are filled. An action led by a function that did not take part
(``waits_for``) takes no suggested place: nobody in the room can own it. Ties are those of
``ties``.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .numbers import rounded
from .ties import rank_key, shared_ranks

if TYPE_CHECKING:  # the library pulls in YAML; ranking only reads these fields
    from ..content.actions import Action
    from .item_stats import ItemScore

DECAY = 0.5  # each further statement of an action counts half as much as the one before
EFFORT_DIVISORS = {"S": 1.0, "M": 1.25, "L": 1.5}  # value needed to rank beside a small action
EFFORT_ORDER = {"S": 0, "M": 1, "L": 2}
SUGGESTED_SIZE = 8  # actions in a suggested plan: enough for a year, few enough to own
SAME_STATEMENT_CAP = 2  # suggested actions that may rest mainly on one statement
MISMATCH_FACTOR = 0.5  # an action that fixes what its main statement does not call for
# The kinds are keys (the results' JSON); ``impact_effort.QUADRANT_TITLES`` shows them.
KINDS = ("quick win", "big bet", "fill-in", "question mark")  # not translated: keys


@dataclass(frozen=True)
class ActionScore:
    action: Action
    item_ids: tuple[str, ...]  # the questionnaire items it answers, most pressing first
    priority: float | None  # what ranks it: plan_value / effort divisor, given the actions above
    reasons: tuple[str, ...]
    value: float | None = None  # its own statements' needs with diminishing returns
    own_priority: float | None = None  # value / effort divisor, alone
    main_item: str | None = None  # the statement with the largest need
    plan_value: float | None = None  # the value it adds at its place, given the actions above
    rank: int = 0
    shared_rank: int = 0  # the rank of the first of its tie group (its own when not tied)
    tied: bool = False  # another action shares its rank
    suggested: bool = False  # among the suggested plan's actions
    held_back: bool = False  # kept out of the suggested places by the same-statement cap
    kind: str = ""  # quick win, big bet, fill-in or question mark
    calls_for: str | None = None  # what its main statement calls for (``ItemScore.reason``)
    waits_for: str = ""  # the function that would lead it and did not take part: not suggested
    votes: int = 0  # the room's dots on it (``agreed.with_votes``)
    importance: float = 1.0  # 1 + VOTE_WEIGHT x its share of the room's dots

    @property
    def fits(self) -> bool:
        """What it fixes is what its main statement calls for (or that calls for nothing)."""
        return self.calls_for is None or self.calls_for == self.action.fixes

    @property
    def factor(self) -> float:
        """The fit (``MISMATCH_FACTOR`` for a misfit) times the room's importance."""
        return (1.0 if self.fits else MISMATCH_FACTOR) * self.importance


def action_value(needs: Iterable[float | None]) -> float | None:
    """s1 + s2/2 + s3/4 + ... over the needs highest first (None when no statement has one)."""
    ordered = sorted((s for s in needs if s is not None), reverse=True)
    if not ordered:
        return None
    return rounded(math.fsum(s * DECAY ** k for k, s in enumerate(ordered)))


def effort_divisor(effort: str) -> float:
    return EFFORT_DIVISORS.get(effort, 2.0)


def action_priority(value: float | None, effort: str, factor: float = 1.0) -> float | None:
    return None if value is None else rounded(value / effort_divisor(effort) * factor)


def _answered(action: Action, items: Mapping[str, ItemScore]) -> list[ItemScore]:
    """The questionnaire items the action answers, most pressing first (then by id)."""
    return sorted((items[i] for i in dict.fromkeys(action.items) if i in items),
                  key=lambda s: rank_key(s.priority, s.item.id))


def score_action(action: Action, items: Mapping[str, ItemScore]) -> ActionScore | None:
    """The action's own value, priority and main statement (its place in the plan and its
    reasons come with the ranking); None when it answers no item of this questionnaire."""
    answered = _answered(action, items)
    if not answered:
        return None
    value = action_value(s.priority for s in answered)
    main = answered[0].item.id if answered[0].priority is not None else None
    calls_for = answered[0].reason if main is not None else None
    score = ActionScore(action=action, item_ids=tuple(s.item.id for s in answered),
                        priority=None, reasons=(), value=value, main_item=main,
                        plan_value=value, calls_for=calls_for)
    priority = action_priority(value, action.effort, score.factor)
    return replace(score, priority=priority, own_priority=priority)


def _in_plan(score: ActionScore, needs: Mapping[str, float | None], used: Counter[str]
             ) -> tuple[float | None, float | None]:
    """(value, priority) the action adds to a plan whose actions already answer each item
    ``used[item]`` times: such an item's need counts DECAY ** used."""
    value = action_value(None if (need := needs[i]) is None else need * DECAY ** used[i]
                         for i in score.item_ids)
    return value, action_priority(value, score.action.effort, score.factor)


def _key(priority: float | None, value: float | None, score: ActionScore, index: int) -> tuple:
    """Highest priority first (None last), then smaller effort, larger value, title, and the
    order in the library: never the id."""
    return (priority is None, -(priority or 0.0), EFFORT_ORDER.get(score.action.effort, 3),
            -(value or 0.0), score.action.sort_title, index)


# An offer for the next place: (sort key, index in the library, score, value, priority).
_Offer = tuple[tuple, int, ActionScore, float | None, float | None]


def _offers(remaining: Sequence[tuple[int, ActionScore]], needs: Mapping[str, float | None],
            used: Counter[str], known: dict[int, tuple[float | None, float | None]],
            moved: set[str] | None = None) -> list[_Offer]:
    """What each remaining action would add at the next place, best first. ``known`` keeps
    each action's (value, priority) from the last place; only actions answering an item whose
    use ``moved`` are worked out again (None: all), since nothing else changed for the others."""
    for n, s in remaining:
        if moved is None or n not in known or not moved.isdisjoint(s.item_ids):
            known[n] = _in_plan(s, needs, used)
    return sorted(((_key(known[n][1], known[n][0], s, n), n, s, *known[n])
                   for n, s in remaining), key=lambda offer: offer[0])


def _capped_pick(offers: Sequence[_Offer], backing: Counter[str | None], held: set[int]
                 ) -> _Offer | None:
    """The best offer for a suggested place: a positive priority, and fewer than
    ``SAME_STATEMENT_CAP`` placed actions resting on its main statement. Adds to ``held`` the
    actions the cap blocks where they would otherwise have taken this place; None when no offer
    may take it (the suggested places end)."""
    positive = [o for o in offers if (o[4] or 0) > 0 and not o[2].waits_for]
    eligible = [o for o in positive if backing[o[2].main_item] < SAME_STATEMENT_CAP]
    held |= {o[1] for o in positive if not eligible or o[0] < eligible[0][0]}
    if not eligible:
        return None
    backing[eligible[0][2].main_item] += 1
    return eligible[0]


def _placed(scored: Sequence[ActionScore], needs: Mapping[str, float | None]
            ) -> list[ActionScore]:
    """The actions in the order the plan places them, each with what it adds at its place."""
    remaining = list(enumerate(scored))
    used: Counter[str] = Counter()
    backing: Counter[str | None] = Counter()
    held: set[int] = set()
    placed: list[ActionScore] = []
    known: dict[int, tuple[float | None, float | None]] = {}
    moved: set[str] | None = None
    zone = True  # filling the suggested places
    while remaining:
        offers = _offers(remaining, needs, used, known, moved)
        capped = _capped_pick(offers, backing, held) if zone else None
        zone = capped is not None
        _, n, s, value, prio = capped if capped is not None else offers[0]
        placed.append(replace(s, plan_value=value, priority=prio, suggested=zone,
                              held_back=n in held and not zone))
        remaining = [(m, other) for m, other in remaining if m != n]
        used.update(s.item_ids)
        moved = set(s.item_ids)
        if len(placed) == SUGGESTED_SIZE:
            zone = False
    return placed


def kind_of(effort: str, high: bool) -> str:
    """The kind of an action of ``effort`` whose value is ``high`` (at or above the median):
    quick win or big bet, else fill-in or question mark."""
    big = effort == "L"
    if high:
        return KINDS[1] if big else KINDS[0]
    return KINDS[3] if big else KINDS[2]


def _kind(score: ActionScore, middle: float) -> str:
    high = score.value is not None and score.value > 0 and score.value >= middle
    return kind_of(score.action.effort, high)


def rank_actions(scored: Sequence[ActionScore], needs: Mapping[str, float | None],
                 margin: float) -> list[ActionScore]:
    """The plan built one place at a time (module docstring): each place goes to the action
    that adds the most given the actions above it; in the suggested places at most
    ``SAME_STATEMENT_CAP`` may share a main statement. Then ties and kinds."""
    placed = _placed(scored, needs)
    values = [s.value for s in placed if s.value is not None and (s.own_priority or 0) > 0]
    middle = statistics.median(values) if values else 0.0
    shared = shared_ranks([s.priority for s in placed], margin)
    return [replace(s, rank=n + 1, shared_rank=shared[n][0], tied=shared[n][1],
                    kind=_kind(s, middle)) for n, s in enumerate(placed)]
