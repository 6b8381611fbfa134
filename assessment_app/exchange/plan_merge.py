"""Merging a bundle's plan with the plan here, row by row, so laptops that both edit the plan
converge (``bundle_merge.plan_import`` calls it; nothing is written here).

- Rows merge by action. Of two versions of one row, the later ``edited_at`` wins; at the same
  instant the one with notes wins over one without (a tie never prefers losing them), then the
  greater canonical serialisation, the same choice on every laptop. The winner is taken whole.
- From a bundle without its notes (``comments_dropped``), a row at the instant of the one here
  never replaces it: its notes are unknown.
- A row only here stays; a row only in the bundle is added after this laptop's rows. The plan
  is agreed from the later of the two agreements.
- A bundle whose rows carry no edit time (an older Tandem) is taken as before: only where no
  plan is edited here. A plan reset here (no rows) takes the bundle's whole.
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass
from datetime import datetime

from ..rules.plan_row import PlanRow
from ..rules.stamps import latest_stamp, stamp_order


@dataclass(frozen=True)
class MergedPlan:
    rows: list[PlanRow]  # the plan to save (empty: nothing changes)
    agreed_at: str


def merge_plan(here: list[PlanRow], agreed_here: str, carried: list[PlanRow],
               agreed_there: str, timed: bool, dropped: bool) -> MergedPlan:
    """The plan after the import: ``timed`` when every carried row has its edit time,
    ``dropped`` when the bundle left its notes out."""
    if not carried:
        return MergedPlan([], agreed_here)
    if not here:
        return MergedPlan(carried, agreed_there)
    if not timed:
        return MergedPlan([], agreed_here)
    theirs = {r.action_id: r for r in carried}
    rows = [_later(r, theirs.get(r.action_id), dropped) for r in here]
    known = {r.action_id for r in here}
    rows += [r for r in carried if r.action_id not in known]
    agreed = latest_stamp(agreed_here, agreed_there)
    same = rows == here and [r.edited_at for r in rows] == [r.edited_at for r in here]
    if same and agreed == agreed_here:
        return MergedPlan([], agreed_here)
    return MergedPlan(rows, agreed)


def row_order(row: PlanRow) -> tuple[datetime, bool, str]:
    """Which of two versions of a plan row wins: the later edit, then the one with notes, then
    the greater canonical serialisation."""
    return (stamp_order(row.edited_at)[0], bool(row.notes),
            json.dumps([*astuple(row), row.edited_at], ensure_ascii=False))


def _later(here: PlanRow, there: PlanRow | None, dropped: bool) -> PlanRow:
    if there is None:
        return here
    if dropped and stamp_order(there.edited_at)[0] == stamp_order(here.edited_at)[0]:
        return here
    return there if row_order(there) > row_order(here) else here
