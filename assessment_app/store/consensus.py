"""The room's record in the consensus round: decisions on statements and dots on actions, each
checked by its rule in ``rules.consensus`` and stamped so it travels between laptops by its own
time (later wins, as answers do)."""

from __future__ import annotations

from collections.abc import Collection

from ..errors import StorageError
from ..i18n import tr
from ..rules import stamps
from ..rules.consensus import (
    Decision,
    Vote,
    action_problem,
    counted_votes,
    decision_problem,
    phase_problem,
    vote_problem,
)
from ..rules.text import clean_text, excerpt
from .consensus_round import ConsensusRounds


class ConsensusRecords(ConsensusRounds):
    """Decisions and votes."""

    # -- decisions ----------------------------------------------------------------------------

    def decide(self, workshop_id: str, item_id: str, current: int, target: int, status: str,
               note: str = "") -> Decision:
        """Record (or change) the room's position on one statement, in one transaction."""
        note = clean_text(note, multiline=True)
        problem = decision_problem(current, target, status, note)
        if problem:
            raise StorageError(problem)
        if item_id not in self.questionnaire_for(workshop_id).item_ids:
            raise StorageError(tr("{item} is not a statement of this workshop's questionnaire.",
                                  item=repr(excerpt(item_id))))
        with self.transaction():
            phase = phase_problem(self.round_state(workshop_id), "a decision")
            if phase:
                raise StorageError(phase)
            old = self.decisions_by_item(workshop_id).get(item_id)
            decision = Decision(workshop_id, item_id, current, target, status, note,
                                stamps.stamp_after(stamps.now_iso(),
                                                   old.decided_at if old else ""))
            self.write_decision(decision)
            self._touch(workshop_id)
        return decision

    def write_decision(self, d: Decision) -> None:
        """Keep (or replace) one decision inside the caller's transaction."""
        self.db.execute("""INSERT INTO decisions (workshop_id, item_id, current, target,
                           status, note, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                           ON CONFLICT (workshop_id, item_id) DO UPDATE SET
                           current = excluded.current, target = excluded.target,
                           status = excluded.status, note = excluded.note,
                           decided_at = excluded.decided_at""",
                        [d.workshop_id, d.item_id, d.current, d.target, d.status, d.note,
                         d.decided_at])

    def decisions(self, workshop_id: str) -> list[Decision]:
        rows = self._query("SELECT * FROM decisions WHERE workshop_id = ? ORDER BY item_id",
                           [workshop_id])
        return [Decision(r["workshop_id"], r["item_id"], r["current"], r["target"],
                         r["status"], r["note"], r["decided_at"]) for r in rows]

    def decisions_by_item(self, workshop_id: str) -> dict[str, Decision]:
        return {d.item_id: d for d in self.decisions(workshop_id)}

    # -- votes --------------------------------------------------------------------------------

    def vote(self, participant_id: str, action_id: str, count: int, library: Collection[str]
             ) -> Vote:
        """Place ``count`` dots of a participant on one action of the action library
        (``library``: its ids; 0 takes them back), within the round's dots per person, while
        the round is open; one transaction. Dots a merge left over the budget (stored, not
        counted: ``counted_votes``) are first taken back, so the person edits the dots the
        ballot shows and those never come back; dots on an action not in the library use up
        none."""
        if not action_id or len(action_id) > 100:
            raise StorageError(tr("A vote must name one action."))
        problem = action_problem(action_id, library)
        if problem:
            raise StorageError(problem)
        with self.transaction():
            state = self.round_state_of(participant_id)
            if state is None:
                raise StorageError(tr("There is no such participant in this database."))
            phase = phase_problem(state, "voting")
            if phase:
                raise StorageError(phase)
            now = stamps.now_iso()
            mine = self._take_back_uncounted(participant_id, state.vote_budget, library, now)
            others = sum(v.count for a, v in mine.items() if a != action_id and a in library)
            problem = vote_problem(count, others, state.vote_budget)
            if problem:
                raise StorageError(problem)
            old = mine.get(action_id)
            vote = Vote(participant_id, action_id, count,
                        stamps.stamp_after(now, old.voted_at if old else ""))
            self.write_vote(vote)
            self._touch(state.workshop_id)
        return vote

    def _take_back_uncounted(self, participant_id: str, budget: int, library: Collection[str],
                             now: str) -> dict[str, Vote]:
        """Write each of the person's votes on the library whose dots do not all count as the
        dots that do (0 when none), stamped as this edit (the person's own, so it wins the next
        merge and laptops converge); the person's votes by action afterwards."""
        mine = {v.action_id: v for v in self.votes_of(participant_id)}
        counted = {v.action_id: v.count for v in counted_votes(mine.values(), budget,
                                                               library).votes}
        for action_id, v in mine.items():
            if action_id in library and counted.get(action_id, 0) < v.count:
                mine[action_id] = Vote(participant_id, action_id, counted.get(action_id, 0),
                                       stamps.stamp_after(now, v.voted_at))
                self.write_vote(mine[action_id])
        return mine

    def write_vote(self, v: Vote) -> None:
        """Keep (or replace) one participant's dots on one action in the caller's
        transaction."""
        self.db.execute("""INSERT INTO votes (participant_id, action_id, count, voted_at)
                           VALUES (?, ?, ?, ?) ON CONFLICT (participant_id, action_id)
                           DO UPDATE SET count = excluded.count, voted_at = excluded.voted_at""",
                        [v.participant_id, v.action_id, v.count, v.voted_at])

    def votes_of(self, participant_id: str) -> list[Vote]:
        rows = self._query("SELECT * FROM votes WHERE participant_id = ? ORDER BY action_id",
                           [participant_id])
        return [Vote(r["participant_id"], r["action_id"], r["count"], r["voted_at"])
                for r in rows]

    def votes(self, workshop_id: str) -> list[Vote]:
        """Every participant's dots in the workshop (withdrawn ones too: count 0)."""
        rows = self._query("""SELECT v.* FROM votes v JOIN participants p
                              ON p.id = v.participant_id WHERE p.workshop_id = ?
                              ORDER BY v.participant_id, v.action_id""", [workshop_id])
        return [Vote(r["participant_id"], r["action_id"], r["count"], r["voted_at"])
                for r in rows]
