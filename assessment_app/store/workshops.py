"""Workshops and the questionnaire snapshot each one keeps, so its wording survives later edits
of the questionnaire file."""

from __future__ import annotations

import json
from datetime import date

from .. import i18n
from ..content.questionnaire import Questionnaire
from ..content.questionnaire_file import questionnaire_from_content
from ..errors import StorageError
from ..i18n import tr
from ..rules import stamps
from ..rules.changes import EVERY_KIND, Changed, Kind, changed
from ..rules.privacy import checked_threshold, threshold
from ..rules.progress import FINISHED_SQL
from ..rules.records import Workshop, WorkshopSummary, new_id
from ..rules.stamps import stamp_after
from .checks import workshop_fields
from .connection import record_from_row
from .deletions import Deletions


class Workshops(Deletions):
    """Workshops and their questionnaire snapshots."""

    def remember_questionnaire(self, q: Questionnaire) -> None:
        """Keep a snapshot so the workshop's wording survives later edits of the file."""
        self.db.table("questionnaires").insert(
            {"hash": q.content_hash, "id": q.id, "version": q.version,
             "content": json.dumps(q.content(), ensure_ascii=False)},
            ignore=True,
        )

    def questionnaire(self, content_hash: str) -> Questionnaire:
        if content_hash not in self._questionnaire_cache:
            rows = self._query("SELECT content FROM questionnaires WHERE hash = ?", [content_hash])
            if not rows:
                raise StorageError(tr("The questionnaire {hash} used by this workshop is "
                                      "missing from the database.", hash=content_hash[:12]))
            self._questionnaire_cache[content_hash] = questionnaire_from_content(
                json.loads(rows[0]["content"]),
                tr("stored questionnaire {hash}", hash=content_hash[:12]))
        return self._questionnaire_cache[content_hash]

    def questionnaire_for(self, workshop_id: str) -> Questionnaire:
        return self.questionnaire(self.workshop(workshop_id).questionnaire_hash)


    # -- workshops -----------------------------------------------------------------------------

    def create_workshop(self, name: str, questionnaire: Questionnaire, organization: str = "",
                        on: str | None = None, workshop_id: str | None = None) -> Workshop:
        typed = workshop_fields({"name": name, "organization": organization})
        earlier = self.deletion("workshop", workshop_id) if workshop_id else None
        workshop = Workshop(workshop_id or new_id(), typed["name"], typed["organization"],
                            on or date.today().isoformat(), questionnaire.id,
                            questionnaire.version, questionnaire.content_hash,
                            stamp_after(stamps.now_iso(), earlier.deleted_at if earlier else ""))
        with self.transaction():
            self.write_workshop(workshop, questionnaire)
        return self.workshop(workshop.id)

    def write_workshop(self, workshop: Workshop, questionnaire: Questionnaire) -> None:
        """Insert a new workshop (and its questionnaire snapshot) inside the caller's
        transaction."""
        stamp = stamps.now_iso()
        self.remember_questionnaire(questionnaire)
        self.db.table("workshops").insert({
            "id": workshop.id, "name": workshop.name, "organization": workshop.organization,
            "date": workshop.date, "questionnaire_id": workshop.questionnaire_id,
            "questionnaire_version": workshop.questionnaire_version,
            "questionnaire_hash": workshop.questionnaire_hash, "created_at": stamp,
            "updated_at": stamp, "edited_at": workshop.edited_at or stamp,
            "follows": workshop.follows,
            "privacy_threshold": threshold(workshop.privacy_threshold),
            "report_language": workshop.report_language or _spoken_language()})

    def workshop(self, workshop_id: str) -> Workshop:
        rows = self._query("SELECT * FROM workshops WHERE id = ?", [workshop_id])
        if not rows:
            raise StorageError(tr("There is no workshop with id {id}.", id=workshop_id))
        return record_from_row(Workshop, rows[0])

    def has_workshop(self, workshop_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM workshops WHERE id = ?", [workshop_id]))

    def workshops(self) -> list[WorkshopSummary]:
        """Every workshop with participant and completion counts, newest first, in one query
        (item counts come from the stored questionnaires without parsing them in Python)."""
        rows = self._query(f"""
            WITH totals AS MATERIALIZED (  -- once per questionnaire, not per participant
                SELECT hash, json_array_length(content, '$.items') AS total FROM questionnaires),
            per_workshop AS (
                SELECT p.workshop_id, count(*) AS participants,
                       sum({FINISHED_SQL.format(done="p.finished", total="t.total")})
                         AS completed
                FROM participants p JOIN workshops w2 ON w2.id = p.workshop_id
                JOIN totals t ON t.hash = w2.questionnaire_hash
                GROUP BY p.workshop_id)
            SELECT w.id, w.name, w.organization, w.date, w.questionnaire_id,
                   coalesce(pw.participants, 0) AS participants,
                   coalesce(pw.completed, 0) AS completed
            FROM workshops w LEFT JOIN per_workshop pw ON pw.workshop_id = w.id
            ORDER BY w.date DESC, w.created_at DESC""")
        return [WorkshopSummary(**row) for row in rows]

    def update_workshop(self, workshop_id: str, **fields: str) -> Changed:
        allowed = {"name", "organization", "date"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        values: dict[str, str] = workshop_fields(fields)
        before = self.workshop(workshop_id)
        values["updated_at"] = stamps.now_iso()
        if any(getattr(before, key) != value for key, value in values.items()
               if key in allowed):  # renames travel by this time (``exchange.bundle_merge``)
            values["edited_at"] = stamp_after(values["updated_at"], before.edited_at)
        with self.transaction():
            self.db.table("workshops").update(workshop_id, values)
        return changed(workshop_id, Kind.WORKSHOPS)

    def set_privacy_threshold(self, workshop_id: str, minimum: int) -> Changed:
        """Set the workshop's privacy threshold (``rules.privacy``); ``SettingRefused`` (a
        ValueError) outside 3 to ``HIGHEST_THRESHOLD``."""
        checked_threshold(minimum)
        if self.workshop(workshop_id).privacy_threshold == minimum:
            return changed(workshop_id)
        with self.transaction():
            self.db.execute("UPDATE workshops SET privacy_threshold = ?, updated_at = ? "
                            "WHERE id = ?", [minimum, stamps.now_iso(), workshop_id])
        return changed(workshop_id, Kind.WORKSHOPS, Kind.ANSWERS, Kind.PLAN)

    def set_report_language(self, workshop_id: str, code: str) -> Changed:
        """Set the language the workshop's PDFs and plan workbook are written in; ValueError for
        a language Tandem does not speak."""
        if code not in i18n.LANGUAGES:
            raise ValueError(f"unknown report language {code!r}")
        if self.workshop(workshop_id).report_language == code:
            return changed(workshop_id)
        with self.transaction():
            self.db.execute("UPDATE workshops SET report_language = ?, updated_at = ? "
                            "WHERE id = ?", [code, stamps.now_iso(), workshop_id])
        return changed(workshop_id, Kind.WORKSHOPS)

    def report_language(self, workshop_id: str, override: str | None = None) -> str:
        """The language to write the workshop's documents in: ``override`` (a command's
        ``--language``) when it is one Tandem speaks, else the workshop's setting."""
        if override is not None and i18n.known(override):
            return override
        return self.workshop(workshop_id).report_language

    def write_workshop_details(self, workshop: Workshop) -> None:
        """Take another laptop's later name, organisation and date (with their edit time)
        inside the caller's transaction."""
        self.db.execute("""UPDATE workshops SET name = ?, organization = ?, date = ?,
                           edited_at = ?, updated_at = ? WHERE id = ?""",
                        [workshop.name, workshop.organization, workshop.date,
                         workshop.edited_at, stamps.now_iso(), workshop.id])

    def delete_workshop(self, workshop_id: str) -> Changed:
        """Delete a workshop with everything in it, keeping a record of the deletion so that a
        bundle made before it does not bring the workshop back."""
        rows = self._query("SELECT edited_at FROM workshops WHERE id = ?", [workshop_id])
        with self.transaction():
            if rows:
                self._record_deletion("workshop", workshop_id, workshop_id, rows[0]["edited_at"])
            self.db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])
        return Changed(workshop_id, EVERY_KIND if rows else frozenset())


def _spoken_language() -> str:
    """A new workshop's report language: the language Tandem is speaking, else English."""
    code = i18n.current()
    return code if code in i18n.LANGUAGES else i18n.ENGLISH
