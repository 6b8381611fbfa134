"""Participants: who answers in a workshop, their role and title, and how many of their answers
are complete."""

from __future__ import annotations

from ..errors import StorageError
from ..i18n import tr
from ..rules import stamps
from ..rules.changes import Changed, Kind, changed
from ..rules.progress import FINISHED_SQL, PersonProgress, WorkshopProgress
from ..rules.records import Participant, new_id
from ..rules.stamps import stamp_after
from .checks import participant_fields
from .connection import record_from_row
from .deletions import Deletions


class Participants(Deletions):
    """Participants and their counts of complete answers."""

    def add_participant(self, workshop_id: str, name: str, role: str, title: str = "",
                        participant_id: str | None = None) -> Participant:
        name, title = participant_fields(name, role, title)
        earlier = self.deletion("participant", participant_id) if participant_id else None
        edited = stamp_after(stamps.now_iso(), earlier.deleted_at if earlier else "")
        participant = Participant(participant_id or new_id(), workshop_id, name, role, title,
                                  edited)
        with self.transaction():
            self.write_participant(participant)
            self._touch(workshop_id)
        return self.participant(participant.id)

    def write_participant(self, participant: Participant) -> None:
        """Insert a new participant inside the caller's transaction."""
        p = participant
        stamp = stamps.now_iso()
        self.db.table("participants").insert({
            "id": p.id, "workshop_id": p.workshop_id, "name": p.name, "role": p.role,
            "title": p.title, "created_at": stamp, "edited_at": p.edited_at or stamp,
            "person": p.person})

    def write_participant_details(self, participant: Participant) -> None:
        """Take another laptop's later name, role and title (with their edit time) inside the
        caller's transaction."""
        p = participant
        self.db.execute("UPDATE participants SET name = ?, role = ?, title = ?, edited_at = ? "
                        "WHERE id = ?", [p.name, p.role, p.title, p.edited_at, p.id])

    def erase_participant(self, participant_id: str) -> None:
        """Delete a participant and their answers inside the caller's transaction, with no
        record (the caller records the deletion it carries out: ``write_deletion``)."""
        self.db.execute("DELETE FROM participants WHERE id = ?", [participant_id])

    def participant_exists(self, participant_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM participants WHERE id = ?", [participant_id]))

    def participant(self, participant_id: str) -> Participant:
        rows = self._query("SELECT * FROM participants WHERE id = ?", [participant_id])
        if not rows:
            raise StorageError(tr("There is no participant with id {id}.", id=participant_id))
        return record_from_row(Participant, rows[0])

    def participants(self, workshop_id: str) -> list[Participant]:
        rows = self._query("SELECT * FROM participants WHERE workshop_id = ? "
                           "ORDER BY created_at, rowid", [workshop_id])
        return [record_from_row(Participant, r) for r in rows]

    def update_participant(self, participant_id: str, name: str, role: str, title: str
                           ) -> Changed:
        name, title = participant_fields(name, role, title)
        p = self.participant(participant_id)
        values = {"name": name, "role": role, "title": title}
        if (p.name, p.role, p.title) != (name, role, title):  # travels by this time
            values["edited_at"] = stamp_after(stamps.now_iso(), p.edited_at)
        with self.transaction():
            self.db.table("participants").update(participant_id, values)
            self._touch(p.workshop_id)
        return changed(p.workshop_id, Kind.PARTICIPANTS)

    def remove_participant(self, participant_id: str) -> Changed:
        """Remove a participant and their answers, keeping a record of the deletion so that a
        bundle made before it does not bring them back."""
        p = self.participant(participant_id)
        with self.transaction():
            self._record_deletion("participant", p.id, p.workshop_id, p.edited_at)
            self.erase_participant(participant_id)
            self._touch(p.workshop_id)
        return changed(p.workshop_id, Kind.PARTICIPANTS, Kind.ANSWERS, Kind.PROGRESS)

    def answer_versions(self, workshop_id: str) -> dict[str, int]:
        """Participant id -> a number drawn anew whenever any of their answers is written or
        deleted, by any connection (migration 11's triggers); one row per participant, no
        answer read."""
        rows = self._query("SELECT id, answers_version FROM participants WHERE workshop_id = ?",
                           [workshop_id])
        return {r["id"]: r["answers_version"] for r in rows}

    def progress(self, workshop_id: str) -> WorkshopProgress:
        """Everyone's progress in a workshop, in one query: each participant's complete
        answers (the counts migration 4 keeps; don't-knows count), the item count of the
        workshop's questionnaire, and who has finished (``rules.progress.FINISHED_SQL``)."""
        finished = FINISHED_SQL.format(done="p.finished", total="t.total")
        rows = self._query(f"""
            WITH t AS (SELECT json_array_length(q.content, '$.items') AS total
                       FROM workshops w JOIN questionnaires q ON q.hash = w.questionnaire_hash
                       WHERE w.id = :w)
            SELECT t.total, p.id, p.finished AS done, {finished} AS is_finished
            FROM t LEFT JOIN participants p ON p.workshop_id = :w
            ORDER BY p.created_at, p.rowid""", {"w": workshop_id})
        if not rows:
            raise StorageError(tr("There is no workshop with id {id}.", id=workshop_id))
        total = rows[0]["total"]
        return WorkshopProgress(total, {
            r["id"]: PersonProgress(r["done"], total, bool(r["is_finished"]))
            for r in rows if r["id"] is not None})
