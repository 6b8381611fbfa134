"""The room's position in the ranking: where the room recorded a decision on a statement
(``agreed``, or agreed with a recorded ``dissent``; a ``deferred`` one waits for evidence), its
need is taken from the agreed levels instead of round 1's, and the dots the room placed on the
actions raise their priority as the room's importance.

- An agreed statement's need = weight x (A + S), A = agreed target - agreed level, S =
  max(0, ``GOOD_LEVEL`` - agreed level): the room has settled the fact (no perception gap) and
  could say (no don't-know share), so only building remains. Round 1's figures stay in every
  table: they are the diagnosis; the need, and every sentence built on it, says "agreed by the
  room".
- An action's importance = 1 + ``VOTE_WEIGHT`` x its share of all the dots placed (rounded to 2
  decimals), multiplying its priority beside the fit factor: an action that received every dot
  counts double, one with a quarter of them 1.25 times; with no dots placed nothing changes.
  Dots count only once at least the workshop's privacy threshold of people placed them: the
  tally is withheld until then, and a ranking moved by one or two people's dots would tell
  what they chose.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..i18n import tr
from .item_stats import GOOD_LEVEL, dominant_reason, item_priority, need_parts
from .numbers import rounded

if TYPE_CHECKING:
    from ..rules.consensus import Decision
    from .item_stats import ItemScore
    from .ranking import ActionScore

VOTE_WEIGHT = 1.0  # every dot of the room on one action doubles its priority


@dataclass(frozen=True)
class RoomPosition:
    """What the room recorded: decisions that rank (item id -> decision) and the dots on each
    action (action id -> count)."""

    decisions: Mapping[str, Decision] = field(default_factory=dict)
    votes: Mapping[str, int] = field(default_factory=dict)

    @property
    def dots(self) -> int:
        return sum(self.votes.values())


def room_position(decisions: Iterable[Decision], votes: Mapping[str, int]) -> RoomPosition:
    """The decisions that rank the plan and the dots per action as the room's tally counts
    them (``consensus_view.ConsensusView.votes``: within each person's dots, on the library's
    actions, none while fewer than the privacy threshold placed any)."""
    return RoomPosition({d.item_id: d for d in decisions if d.ranks}, dict(votes))


def agreed_parts(decision: Decision) -> tuple[float, float]:
    """(ambition, shortfall) from the agreed levels, as the need adds them."""
    return (float(decision.target - decision.current),
            rounded(max(0.0, GOOD_LEVEL - decision.current)))


def agreed_score(score: ItemScore, decision: Decision | None) -> ItemScore:
    """The statement's need from the room's agreed levels (module docstring); unchanged
    without a decision that ranks."""
    if decision is None or not decision.ranks:
        return score
    ambition, short = agreed_parts(decision)
    reason = dominant_reason(need_parts(None, ambition, None, short))
    return replace(score, priority=item_priority(score.item.weight, 0.0, ambition, 0.0, short),
                   reason=reason, agreed=decision)


def importance(position: RoomPosition | None, action_id: str) -> float:
    """1 + VOTE_WEIGHT x the action's share of the room's dots, rounded (1 with no dots)."""
    if position is None or not position.dots:
        return 1.0
    return rounded(1 + VOTE_WEIGHT * position.votes.get(action_id, 0) / position.dots)


def with_votes(score: ActionScore, position: RoomPosition | None) -> ActionScore:
    """The action with the room's dots and its importance, its priority computed with them."""
    from .ranking import action_priority

    votes = position.votes.get(score.action.id, 0) if position is not None else 0
    weighted = replace(score, votes=votes, importance=importance(position, score.action.id))
    priority = action_priority(weighted.value, score.action.effort, weighted.factor)
    return replace(weighted, priority=priority, own_priority=priority)


def agreed_words(decision: Decision) -> str:
    """'agreed by the room at 2, to reach 4' (with a recorded dissent when there is one)."""
    # Translators: a statement's figures in brackets or after a comma, once the room decided
    if decision.status == "dissent":
        return tr("agreed by the room at {current}, to reach {target}, with a recorded dissent",
                  current=decision.current, target=decision.target)
    return tr("agreed by the room at {current}, to reach {target}", current=decision.current,
              target=decision.target)
