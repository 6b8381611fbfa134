"""What a deletion leaves behind (a workshop's or a participant's), so that a bundle made before
it does not bring the record back."""

from __future__ import annotations

from ..rules import stamps
from ..rules.records import Deletion
from ..rules.stamps import latest_stamp
from .connection import Connection, record_from_row


class Deletions(Connection):
    """The records of deletions made here or brought by bundles."""

    def _record_deletion(self, kind: str, record_id: str, workshop_id: str,
                         edited_at: str) -> None:
        """Record a deletion made here now: at the latest of now, the record's last edit (a
        deletion beats the version it deletes, whatever the clocks) and an earlier deletion."""
        earlier = self.deletion(kind, record_id)
        self.write_deletion(Deletion(kind, record_id, workshop_id, latest_stamp(
            stamps.now_iso(), edited_at, earlier.deleted_at if earlier else "")))

    def write_deletion(self, deletion: Deletion) -> None:
        """Keep (or replace) the record of one deletion inside the caller's transaction."""
        d = deletion
        self.db.execute("""INSERT INTO deletions (kind, id, workshop_id, deleted_at)
                           VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET
                           workshop_id = excluded.workshop_id,
                           deleted_at = excluded.deleted_at""",
                        [d.kind, d.id, d.workshop_id, d.deleted_at])

    def deletion(self, kind: str, record_id: str) -> Deletion | None:
        rows = self._query("SELECT * FROM deletions WHERE kind = ? AND id = ?",
                           [kind, record_id])
        return record_from_row(Deletion, rows[0]) if rows else None

    def deletions(self, workshop_id: str) -> list[Deletion]:
        """The recorded deletions of a workshop's participants (and of the workshop itself)."""
        rows = self._query("SELECT * FROM deletions WHERE workshop_id = ? ORDER BY kind, id",
                           [workshop_id])
        return [record_from_row(Deletion, r) for r in rows]
