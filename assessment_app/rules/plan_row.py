"""A row of the facilitator's saved plan: what the store keeps for each action, a bundle
carries, and the plan, the plan editor and the workbook import read back.

Each shape of a plan row has one name: ``PlanRow`` (stored and carried: an action's id and the
facilitator's choices for it), ``analysis.plan.PlanEntry`` (that row with its action and its
ranking, as the screens and the printouts show it) and ``analysis.ranking.ActionScore`` (the
ranked suggestion a plan starts from). A frozen record rather than a dict, so a misspelt field
fails where it is written, not three layers later."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .plan_fields import STATUSES


@dataclass(frozen=True)
class PlanRow:
    action_id: str
    included: bool
    owner: str  # cmo, cio or both (``content.actions.OWNER_LABELS``)
    horizon: str  # ``content.actions.HORIZONS``
    due: str = ""  # YYYY-MM-DD or empty
    notes: str = ""
    accountable: str = ""  # a participant's id, or empty: the owning function as a whole
    status: str = STATUSES[0]
    # When the facilitator last changed this row (set by ``Store.save_plan_rows`` through
    # ``rules.stamps.stamp_after``): plan edits travel between laptops by it, the later wins
    # (``exchange.plan_merge``). Not part of what the row says, so two rows that say the same
    # are equal whenever they were edited. Empty: never saved, or from before migration 10.
    edited_at: str = field(default="", compare=False)

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> PlanRow:
        """A row as SQLite returns it (``included`` as 0 or 1)."""
        return cls(record["action_id"], bool(record["included"]), record["owner"],
                   record["horizon"], record["due"] or "", record["notes"] or "",
                   record.get("accountable") or "", record.get("status") or STATUSES[0],
                   record.get("edited_at") or "")
