"""One workshop's consensus round read from the store once: its state, round 1's triage, each
statement's groups in both rounds, who has re-rated, the proposed and the recorded decisions,
and the dots on actions. The ``consensus`` command, ``results --json``, the presenter view and
the PDFs read this; the writes go through ``open_consensus`` and the store (``Store.decide``,
``Store.vote``, ``Store.save_answer(round_no=2)``, ``Store.close_round``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..rules.changes import Changed
from ..rules.consensus import Decision, RoundState, Vote, counted_votes
from ..rules.privacy import PRIVACY_THRESHOLD, threshold
from .consensus import GroupLevels, Proposal, Triage, propose, round_groups, triage

if TYPE_CHECKING:  # storage pulls in sqlite-utils; this only calls the store it is given
    from ..content.actions import Action
    from ..content.questionnaire import Questionnaire
    from ..rules.records import Answer, Participant
    from ..store.database import Store


@dataclass(frozen=True)
class StatementRounds:
    """One statement in the consensus round: each group (functions and ``EVERYONE``) in round
    1 and round 2, how many have re-rated it, the proposed levels and the room's decision."""

    item_id: str
    round1: dict[str, GroupLevels]
    round2: dict[str, GroupLevels]
    rerated: int
    proposal: Proposal | None
    decision: Decision | None


@dataclass(frozen=True)
class ConsensusView:
    state: RoundState
    triage: Triage
    statements: dict[str, StatementRounds]  # every statement, questionnaire order
    # action id -> dots counted (``rules.consensus.counted_votes``; actions with none left
    # out); empty while fewer than the privacy threshold placed any (the totals would tell
    # what one or two people chose)
    votes: dict[str, int]
    voters: int  # participants who placed at least one dot that counts
    participants: int
    rerated_all: int  # participants who have re-rated every selected statement
    round2_answers: tuple[Answer, ...] = ()  # each person's own, for their handout only
    minimum: int = PRIVACY_THRESHOLD  # the workshop's privacy threshold (``rules.privacy``)

    @property
    def selected(self) -> tuple[str, ...]:
        return self.state.items

    @property
    def decisions(self) -> list[Decision]:
        return [s.decision for s in self.statements.values() if s.decision is not None]


def statement_rounds(item_id: str, round1: Sequence[Answer], round2: Sequence[Answer],
                     role_of: dict[str, str], decision: Decision | None,
                     minimum: int = PRIVACY_THRESHOLD) -> StatementRounds:
    one = round_groups(item_id, round1, role_of, minimum)
    two = round_groups(item_id, round2, role_of, minimum)
    proposal = propose(two)
    if proposal is not None:
        proposal = Proposal(proposal.current, proposal.target, 2)
    else:
        first = propose(one)
        proposal = Proposal(first.current, first.target, 1) if first is not None else None
    rerated = sum(1 for a in round2 if a.item_id == item_id and a.participant_id in role_of)
    return StatementRounds(item_id, one, two, rerated, proposal, decision)


def vote_totals(votes: Iterable[Vote], people: Iterable[str], budget: int,
                library: Collection[str]) -> tuple[dict[str, int], int]:
    """(action id -> dots of these people that count, how many placed any that count): each
    person's dots on the action library's actions (``library``: its ids) within ``budget``
    (``rules.consensus.counted_votes``)."""
    present = set(people)
    totals: Counter[str] = Counter()
    voters = set()
    for v in counted_votes(votes, budget, library).votes:
        if v.participant_id in present and v.count > 0:
            totals[v.action_id] += v.count
            voters.add(v.participant_id)
    return dict(sorted(totals.items())), len(voters)


def consensus_view(questionnaire: Questionnaire, participants: Sequence[Participant],
                   round1: Sequence[Answer], round2: Sequence[Answer], state: RoundState,
                   decisions: Iterable[Decision], votes: Iterable[Vote],
                   library: Collection[str], minimum: int = PRIVACY_THRESHOLD
                   ) -> ConsensusView:
    """The round from records already read (``load_consensus`` reads them), withheld under
    the workshop's privacy threshold ``minimum``; dots count only on actions of ``library``
    (the action library's ids) and within the dots per person (``vote_totals``)."""
    role_of = {p.id: p.role for p in participants}
    decided = {d.item_id: d for d in decisions}
    statements = {item.id: statement_rounds(item.id, round1, round2, role_of,
                                            decided.get(item.id), minimum)
                  for item in questionnaire.items}
    totals, voters = vote_totals(votes, role_of, state.vote_budget, library)
    if voters < threshold(minimum):
        totals = {}
    done = Counter(a.participant_id for a in round2 if a.item_id in state.items)
    everyone = sum(1 for p in participants if state.items and done[p.id] >= len(state.items))
    return ConsensusView(state, triage(questionnaire, participants, round1, minimum),
                         statements, totals, voters, len(participants), everyone,
                         tuple(round2), threshold(minimum))


@dataclass(frozen=True)
class Shift:
    """One statement a participant re-rated: their round-1 answer (None: none), their round-2
    answer and the room's decision on it, if any."""

    item_id: str
    before: Answer | None
    after: Answer
    decision: Decision | None


def own_shifts(view: ConsensusView, round1: Iterable[Answer], participant_id: str
               ) -> list[Shift]:
    """What one participant re-rated, in the round's order: for their own handout only."""
    before = {a.item_id: a for a in round1 if a.participant_id == participant_id}
    after = {a.item_id: a for a in view.round2_answers if a.participant_id == participant_id}
    order = {item: n for n, item in enumerate(view.selected)}
    return [Shift(item, before.get(item), answer, view.statements[item].decision
                  if item in view.statements else None)
            for item, answer in sorted(after.items(),
                                       key=lambda pair: (order.get(pair[0], len(order)),
                                                         pair[0]))]


def load_consensus(store: Store, workshop_id: str, library: Collection[str] | None = None
                   ) -> ConsensusView:
    """Read the workshop's round once; StorageError when there is no such workshop. Dots count
    on ``library``'s actions (the action library's ids; without it: the installed library's,
    as the import's)."""
    if library is None:
        from ..content.catalog import load_catalog

        library = {a.id for a in load_catalog().actions}
    questionnaire = store.questionnaire_for(workshop_id)
    return consensus_view(questionnaire, store.participants(workshop_id),
                          store.answers_for_workshop(workshop_id),
                          store.answers_for_workshop(workshop_id, round_no=2),
                          store.round_state(workshop_id), store.decisions(workshop_id),
                          store.votes(workshop_id), library,
                          store.workshop(workshop_id).privacy_threshold)


def open_consensus(store: Store, workshop_id: str, items: Sequence[str] | None = None,
                   vote_budget: int | None = None) -> Changed:
    """Open the round (closing round 1) with ``items`` in this order, by default triage's top
    contested statements (``consensus.DEFAULT_SELECTION``)."""
    if items is None:
        view = load_consensus(store, workshop_id, library=())  # its dots are not read here
        items = view.selected if view.state.opened_at else view.triage.default_selection
    return store.open_round(workshop_id, list(items), vote_budget)


def cast_vote(store: Store, participant_id: str, action_id: str, count: int,
              actions: Iterable[Action]) -> Vote:
    """Place a participant's dots on an action of the library ``actions`` (``Store.vote``
    checks the action, the round and the dots per person)."""
    return store.vote(participant_id, action_id, count, {a.id for a in actions})

