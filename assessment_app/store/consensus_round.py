"""Each workshop's consensus round (``rules.consensus.RoundState``): opened (which closes round
1), its selected statements in the facilitator's order, closed. The answers' door reads it to
refuse a late round-1 answer (``store.answers``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from ..errors import StorageError
from ..i18n import tr
from ..rules import stamps
from ..rules.changes import Changed, Kind, changed
from ..rules.consensus import CLOSED, ROUND_ONE, RoundState, budget_problem
from ..rules.text import excerpt
from .workshops import Workshops


def _state(row: dict) -> RoundState:
    return RoundState(row["workshop_id"], row["opened_at"], row["closed_at"],
                      tuple(json.loads(row["items"])), row["vote_budget"], row["edited_at"])


class ConsensusRounds(Workshops):
    """The round's state per workshop."""

    def round_state(self, workshop_id: str) -> RoundState:
        """The workshop's round (a workshop with none is in round 1)."""
        rows = self._query("SELECT * FROM consensus_rounds WHERE workshop_id = ?",
                           [workshop_id])
        return _state(rows[0]) if rows else RoundState(workshop_id)

    def round_state_of(self, participant_id: str) -> RoundState | None:
        """The round of the participant's workshop; None for no such participant."""
        rows = self._query("""SELECT p.workshop_id AS wid, c.* FROM participants p
                              LEFT JOIN consensus_rounds c ON c.workshop_id = p.workshop_id
                              WHERE p.id = ?""", [participant_id])
        if not rows:
            return None
        return _state(rows[0]) if rows[0]["workshop_id"] else RoundState(rows[0]["wid"])

    def write_round_state(self, state: RoundState) -> None:
        """Keep (or replace) a workshop's round inside the caller's transaction."""
        s = state
        self.db.execute("""INSERT INTO consensus_rounds (workshop_id, opened_at, closed_at,
                           items, vote_budget, edited_at) VALUES (?, ?, ?, ?, ?, ?)
                           ON CONFLICT (workshop_id) DO UPDATE SET
                           opened_at = excluded.opened_at, closed_at = excluded.closed_at,
                           items = excluded.items, vote_budget = excluded.vote_budget,
                           edited_at = excluded.edited_at""",
                        [s.workshop_id, s.opened_at, s.closed_at, json.dumps(list(s.items)),
                         s.vote_budget, s.edited_at])

    def open_round(self, workshop_id: str, items: Sequence[str],
                   vote_budget: int | None = None) -> Changed:
        """Open the consensus round with ``items`` re-rated in this order (this closes round 1
        for good); on a round already open, choose the statements again; on a closed one,
        open it again (round 1 stays closed)."""
        known = set(self.questionnaire_for(workshop_id).item_ids)
        for item in items:
            if item not in known:
                raise StorageError(tr("{item} is not a statement of this workshop's "
                                      "questionnaire.", item=repr(excerpt(item))))
        if len(set(items)) != len(items):
            raise StorageError(tr("A statement is chosen twice for the consensus round."))
        problem = budget_problem(vote_budget) if vote_budget is not None else None
        if problem:
            raise StorageError(problem)
        with self.transaction():
            old = self.round_state(workshop_id)
            now = stamps.now_iso()
            self.write_round_state(replace(
                old, opened_at=old.opened_at or now, closed_at="", items=tuple(items),
                vote_budget=vote_budget or old.vote_budget,
                edited_at=stamps.stamp_after(now, old.edited_at)))
            self._touch(workshop_id)
        return changed(workshop_id, Kind.CONSENSUS)

    def close_round(self, workshop_id: str) -> Changed:
        """Close the round: no more re-rating or votes; decisions may still be recorded."""
        with self.transaction():
            old = self.round_state(workshop_id)
            if old.phase == ROUND_ONE:
                raise StorageError(tr("The consensus round of this workshop has not been "
                                      "opened, so there is nothing to close."))
            if old.phase == CLOSED:
                return changed(workshop_id)
            now = stamps.now_iso()
            self.write_round_state(replace(old, closed_at=now,
                                           edited_at=stamps.stamp_after(now, old.edited_at)))
            self._touch(workshop_id)
        return changed(workshop_id, Kind.CONSENSUS)
