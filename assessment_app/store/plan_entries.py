"""The facilitator's saved action plan of a workshop and when it was agreed with the room."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..errors import StorageError
from ..rules import stamps
from ..rules.changes import Changed, Kind, changed
from ..rules.plan_fields import PLAN_FIELDS, plan_sentence
from ..rules.plan_row import PlanRow
from ..rules.text import clean_text
from .checks import within_limit
from .connection import Connection


class PlanEntries(Connection):
    """The facilitator's saved plan."""

    def plan_rows(self, workshop_id: str) -> list[PlanRow]:
        """The facilitator's saved plan, in plan order (empty: no edits, use the suggestion)."""
        return [PlanRow.from_record(r) for r in self._query(
            "SELECT * FROM plan_entries WHERE workshop_id = ? ORDER BY position", [workshop_id])]

    def plan_agreed_at(self, workshop_id: str) -> str:
        """When the facilitator marked the plan agreed with the room; empty: still suggested."""
        rows = self._query("SELECT plan_agreed_at FROM workshops WHERE id = ?", [workshop_id])
        return rows[0]["plan_agreed_at"] if rows else ""

    def set_plan_agreed_at(self, workshop_id: str, stamp: str) -> Changed:
        with self.transaction():
            self.db.execute("UPDATE workshops SET plan_agreed_at = ? WHERE id = ?",
                            [stamp, workshop_id])
            self._touch(workshop_id)
        return changed(workshop_id, Kind.PLAN)

    def save_plan_rows(self, workshop_id: str, rows: Sequence[PlanRow],
                       carried_times: bool = False) -> Changed:
        """Replace the saved plan in one transaction, once every row passes the plan's rules
        (``rules.plan_fields``) and the notes their limit. A row that says something new gets
        the time of this edit (``rules.stamps.stamp_after``: after the version it replaces);
        one that says the same keeps its time. ``carried_times``: the rows keep the times they
        bring (a bundle's merged plan)."""
        for row in rows:
            within_limit("notes", clean_text(row.notes, multiline=True))
            for field in PLAN_FIELDS:
                problem = plan_sentence(field, getattr(row, field))
                if problem:
                    raise StorageError(problem)
        with self.transaction():
            before = {r.action_id: r for r in self.plan_rows(workshop_id)}
            now = stamps.now_iso()  # read through the module: a test may set the clock
            self.db.execute("DELETE FROM plan_entries WHERE workshop_id = ?", [workshop_id])
            for position, row in enumerate(rows):
                notes = clean_text(row.notes, multiline=True)
                edited_at = (row.edited_at if carried_times else _edit_time(
                    replace(row, notes=notes), before.get(row.action_id), now))
                self.db.execute(
                    """INSERT INTO plan_entries (workshop_id, action_id, position, included,
                       owner, horizon, due, notes, accountable, status, edited_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [workshop_id, row.action_id, position, int(row.included), row.owner,
                     row.horizon, row.due, notes, row.accountable, row.status, edited_at])
            self._touch(workshop_id)
        return changed(workshop_id, Kind.PLAN)


def _edit_time(row: PlanRow, old: PlanRow | None, now: str) -> str:
    """The edit time a saved row gets: its old one when it says the same, else ``now`` (or
    just after the old one, when this laptop's clock is behind it)."""
    if old is not None and old == row and old.edited_at:
        return old.edited_at
    return stamps.stamp_after(now, old.edited_at if old else "")
