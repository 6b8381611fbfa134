"""Merging the consensus round of a bundle with what this laptop holds, by the rules answers
follow (``bundle_merge``), so laptops exchanging bundles in any order converge:

- the round's state (opened, chosen statements, closed, dots per person) is one record: the
  later ``edited_at`` wins whole; at the same instant the greater canonical serialisation;
- round-2 answers merge as answers do (``bundle_merge.answer_order``: later ``answered_at``,
  then the one with a comment, then the canonical order; a bundle without comments never
  replaces one at the same instant); a decision by ``decided_at`` the same way (the note
  standing for the comment); a participant's dots on one action by ``voted_at``;
- deletions travel: round-2 answers and dots of a participant left out as deleted are left out
  with them, as their answers are;
- round 1 stays closed: once the merged round is open, a carried round-1 answer given after the
  opening (``rules.answers.round_problem``) is skipped with its reason instead of changing
  round 1 here;
- dots go only on actions of this laptop's action library (``rules.consensus.action_problem``):
  a carried vote on another action is left out, and counted with its reason, rather than use
  up the person's dots here or weigh in the room's tally;
- dots are never trimmed to the dots per person here: two laptops may each have taken a
  person's dots, and rewriting votes would give laptops different data. The tally counts each
  person's latest within the budget (``rules.consensus.counted_votes``); the import says how
  many more dots the merge leaves uncounted. The person's next vote takes such dots back
  (``Store.vote``), as their own later edit, so that travels like any vote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..content.catalog import Catalog, load_catalog
from ..i18n import tr
from ..rules.answers import round_problem
from ..rules.consensus import Decision, RoundState, Vote, action_problem, counted_votes
from ..rules.dates import day_text
from ..rules.records import Answer
from ..rules.stamps import stamp_order
from ..store.database import Store
from .consensus_bundle import CarriedConsensus


def _canonical(*values: Any) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _order(stamp: str, text: str, *content: Any) -> tuple[datetime, bool, str]:
    """The later instant; then the one that carries text; then the canonical serialisation
    (``bundle_merge.answer_order``'s rule, for every record of the round)."""
    return stamp_order(stamp)[0], bool(text), _canonical(stamp, *content, text)


def _answer_order(a: Answer) -> tuple[datetime, bool, str]:
    return stamp_order(a.answered_at)[0], bool(a.comment), _canonical(
        a.answered_at, a.current, a.target, a.comment)


def _decision_order(d: Decision) -> tuple[datetime, bool, str]:
    return _order(d.decided_at, d.note, d.current, d.target, d.status)


def _vote_order(v: Vote) -> tuple[datetime, bool, str]:
    return _order(v.voted_at, "", v.count)


def _state_order(s: RoundState) -> tuple[datetime, bool, str]:
    return _order(s.edited_at, "", s.opened_at, s.closed_at, list(s.items), s.vote_budget)


@dataclass
class ConsensusImport:
    """What an import changes of the consensus round, and the late round-1 answers it skips."""

    state: RoundState  # the round after the merge (this laptop's when it is the later)
    new_state: bool = False  # the bundle's round is taken
    answers: list[Answer] = field(default_factory=list)  # round-2 answers to write
    decisions: list[Decision] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    late_answers: list[Answer] = field(default_factory=list)  # round 1, skipped
    unknown_votes: list[Vote] = field(default_factory=list)  # on no action of the library
    # dots the merge puts over a person's dots per person, kept but not counted
    over_budget: int = 0

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_state or self.answers or self.decisions or self.votes)

    def late(self, local: Answer | None, answer: Answer) -> bool:
        """Whether a carried round-1 answer that would change round 1 here is skipped: given
        after the round opened (it is then recorded, with the reason)."""
        if local == answer or round_problem(1, self.state, answered_at=answer.answered_at) \
                is None:
            return False
        self.late_answers.append(answer)
        return True

    @property
    def late_reason(self) -> str:
        when = stamp_order(self.state.opened_at)[0]
        return tr("given after the consensus round opened on {day} at {time} UTC, when round 1 "
                  "closed", day=day_text(when.date()), time=when.strftime("%H:%M"))

    def summary(self) -> dict[str, Any]:
        reason = self.late_reason
        return {"round_taken_from_bundle": self.new_state,
                "round2_answers": len(self.answers), "decisions": len(self.decisions),
                "votes": len(self.votes),
                "late_round1_answers_skipped": [
                    {"participant": a.participant_id, "item": a.item_id,
                     "answered_at": a.answered_at, "reason": reason}
                    for a in self.late_answers],
                "votes_skipped": [
                    {"participant": v.participant_id, "action": v.action_id, "count": v.count,
                     "reason": tr("the action is not in the action library on this laptop")}
                    for v in self.unknown_votes],
                "dots_over_budget_not_counted": self.over_budget}


def _later(here: Any, theirs: Any, order: Any, dropped: bool, stamp: Any) -> bool:
    """Whether the bundle's record replaces this laptop's (None: new here). From a bundle
    without comments and notes, a record at the same instant never replaces one."""
    if here is None:
        return True
    if here == theirs or (dropped and stamp_order(stamp(here))[0]
                          == stamp_order(stamp(theirs))[0]):
        return False
    return order(theirs) > order(here)


def merge_consensus(store: Store, workshop_id: str, existing: bool, carried: CarriedConsensus,
                    dead: set[str], dropped: bool, catalog: Catalog | None) -> ConsensusImport:
    """The consensus part of an import: each record the later of the two (module docstring);
    records of participants left out as deleted (``dead``) are left out too, and votes on
    actions not in ``catalog``'s action library (without one: the installed library's)."""
    here = _here(store, workshop_id) if existing else _Here(RoundState(workshop_id))
    merged = ConsensusImport(here.state)
    theirs = carried.state
    if theirs is not None and (not here.state.edited_at
                               or _state_order(theirs) > _state_order(here.state)):
        merged.state, merged.new_state = theirs, theirs != here.state
    merged.answers = [a for a in carried.answers if a.participant_id not in dead and _later(
        here.answers.get((a.participant_id, a.item_id)), a, _answer_order, dropped,
        lambda r: r.answered_at)]
    merged.decisions = [d for d in carried.decisions if _later(
        here.decisions.get(d.item_id), d, _decision_order, dropped, lambda r: r.decided_at)]
    alive = [v for v in carried.votes if v.participant_id not in dead]
    if alive:  # the library: the catalog's, else the installed one's, as the phone page's
        library = {a.id for a in (catalog or load_catalog()).actions}
        merged.votes, merged.unknown_votes = _merge_votes(here.votes, alive, library)
        merged.over_budget = _over_budget(here, merged, library)
    return merged


def _merge_votes(here: dict[tuple[str, str], Vote], carried: list[Vote],
                 library: set[str]) -> tuple[list[Vote], list[Vote]]:
    """(the carried votes to write, those left out as on no action of the library; a withdrawn
    one, with no dots, is left out unsaid: nothing of it is lost, and every re-import would
    list it again)."""
    unknown = [v for v in carried if action_problem(v.action_id, library)]
    return [v for v in carried if v not in unknown and _later(
        here.get((v.participant_id, v.action_id)), v, _vote_order, False,
        lambda r: r.voted_at)], [v for v in unknown if v.count > 0]


def _over_budget(here: _Here, merged: ConsensusImport, library: set[str]) -> int:
    """The dots this merge puts over a person's dots per person (kept as the laptops have
    them, not counted): those over it after the merge less those over it before, both by the
    merged round's budget (a budget the bundle brings is no dot a laptop placed over)."""
    budget = merged.state.vote_budget
    after = dict(here.votes) | {(v.participant_id, v.action_id): v for v in merged.votes}
    over = counted_votes(after.values(), budget, library).over_budget
    return max(0, over - counted_votes(here.votes.values(), budget, library).over_budget)


@dataclass
class _Here:
    """This laptop's round, round-2 answers, decisions and votes of the workshop."""

    state: RoundState
    answers: dict[tuple[str, str], Answer] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    votes: dict[tuple[str, str], Vote] = field(default_factory=dict)


def _here(store: Store, workshop_id: str) -> _Here:
    return _Here(store.round_state(workshop_id),
                 {(a.participant_id, a.item_id): a
                  for a in store.answers_for_workshop(workshop_id, round_no=2)},
                 store.decisions_by_item(workshop_id),
                 {(v.participant_id, v.action_id): v for v in store.votes(workshop_id)})


def apply_consensus(store: Store, merged: ConsensusImport | None) -> None:
    """Write the merged round inside the import's transaction."""
    if merged is None:
        return
    if merged.new_state:
        store.write_round_state(merged.state)
    for answer in merged.answers:
        store.write_answer(answer, round_no=2)
    for decision in merged.decisions:
        store.write_decision(decision)
    for vote in merged.votes:
        store.write_vote(vote)
