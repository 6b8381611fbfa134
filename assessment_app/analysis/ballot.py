"""One participant's ballot in the consensus round: the suggested actions they may place dots on
(the plan's included actions, in plan order), their dots that count (``counted_votes``: after a
merge, the latest within the dots per person) and how many are left of them. The phone page and
the kiosk show this; placing a dot goes through ``consensus_view.cast_vote`` (the store checks
the round and the budget)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import tr_n
from ..rules.consensus import counted_votes
from .plan import in_plan_order, load_plan

if TYPE_CHECKING:  # storage pulls in sqlite-utils; this only calls the store it is given
    from ..content.actions import Action
    from ..store.database import Store


@dataclass(frozen=True)
class Ballot:
    budget: int
    options: tuple[tuple[str, str], ...]  # (action id, title), in plan order
    mine: dict[str, int]  # action id -> this person's dots

    @property
    def placed(self) -> int:
        return sum(self.mine.values())

    @property
    def left(self) -> int:
        return max(0, self.budget - self.placed)

    def dots_left_text(self) -> str:
        """"2 of your 3 dots left" (the one sentence both screens show)."""
        return tr_n("{left} of your {n} dot left.", "{left} of your {n} dots left.",
                    self.budget, left=self.left)


def ballot(store: Store, participant_id: str, actions: Sequence[Action]) -> Ballot:
    participant = store.participant(participant_id)
    state = store.round_state(participant.workshop_id)
    entries = [e for e in in_plan_order(load_plan(store, participant.workshop_id,
                                                  list(actions))) if e.included]
    # the dots that count (``rules.consensus.counted_votes``): what the tally shows of them
    mine = {v.action_id: v.count for v in counted_votes(
        store.votes_of(participant_id), state.vote_budget, {a.id for a in actions}).votes}
    return Ballot(state.vote_budget, tuple((e.action.id, e.action.title) for e in entries),
                  mine)
