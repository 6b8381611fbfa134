"""The local store: one SQLite file holding workshops, participants and answers.

Every answer is one committed transaction with ``synchronous=FULL`` in WAL mode, so a crash or a
dying battery loses nothing already answered. A file that is corrupt, locked, or written by a
newer Tandem is refused with a plain message before anything is written to it.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..content.questionnaire import Questionnaire
from ..content.questionnaire_file import questionnaire_from_content
from ..errors import StorageError
from ..text_limits import clean_text
from . import pin as pins
from .checks import participant_fields, within_limit, workshop_fields
from .faults import describe, refuse_emptied, refuse_unusable
from .migrations import SCHEMA_VERSION, upgrade
from .pin import PIN_RULE, PinCheck, hash_pin, is_valid_pin, pin_matches
from .records import (
    FINISHED_SQL,
    Answer,
    Deletion,
    Participant,
    Workshop,
    WorkshopSummary,
    latest_stamp,
    level_problem,
    new_id,
    now_iso,
    stamp_after,
)
from .sqlite_lite import import_sqlite_utils

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_S = 3.0


class Store:
    """All reads and writes of the database; the UI and the CLI never write SQL themselves."""

    def __init__(self, conn: sqlite3.Connection, path: str, memory: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.memory = memory
        self._db: Database | None = None
        self._questionnaire_cache: dict[str, Questionnaire] = {}

    @property
    def db(self) -> Database:
        """sqlite-utils over the same connection, built on first use: reads go straight to
        sqlite3, so showing the workshop list does not wait for sqlite-utils to import."""
        if self._db is None:
            self._db = import_sqlite_utils().Database(self.conn)
        return self._db

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) and migrate a database, refusing unusable files untouched."""
        path = Path(path)
        shown = str(path)
        if path.exists() and path.is_dir():
            raise StorageError(f"The database path {shown} is a folder, not a file.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"The folder {path.parent} cannot be created ({exc.strerror}); "
                               "choose another location with --db.") from None
        refuse_emptied(path)
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        except sqlite3.Error as exc:
            raise describe(exc, shown) from None
        try:
            store = cls(conn, shown)
            store._prepare()
        except sqlite3.Error as exc:
            conn.close()
            raise describe(exc, shown) from None
        except StorageError:
            conn.close()
            raise
        return store

    @classmethod
    def in_memory(cls) -> Store:
        store = cls(sqlite3.connect(":memory:", check_same_thread=False), ":memory:",
                    memory=True)
        store._prepare()
        return store

    def _prepare(self) -> None:
        conn = self.conn
        version = refuse_unusable(conn, self.path, SCHEMA_VERSION)  # read-only checks first
        conn.execute("PRAGMA foreign_keys = ON")
        if not self.memory:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageError(f"The database {self.path} could not switch to WAL mode "
                                   f"(got {mode}).")
        conn.execute("PRAGMA synchronous = FULL")
        if version < SCHEMA_VERSION:  # self.db imports sqlite-utils: only when there is work
            upgrade(self.db, self.path, version, backup_first=not self.memory)

    def backup(self, reason: str):
        from .backups import make_backup

        return make_backup(self.conn, self.path, reason)

    def restore(self, backup) -> None:
        """Bring a backup's content back, after backing up what is here now."""
        from .backups import restore_into

        self.backup("before restore")
        restore_into(self.conn, backup)
        self._questionnaire_cache.clear()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: it changes when another connection (another
        process, another Tandem) commits to the file, not when this one does."""
        return self._query("PRAGMA data_version")[0]["data_version"]

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One committed transaction; sqlite errors become plain StorageErrors. The outermost
        one takes the write lock at once (BEGIN IMMEDIATE): several connections write here (the
        window, the answer writer, the local-network server), and a transaction that read
        first could otherwise fail at its first write instead of waiting its turn."""
        try:
            if self.conn.in_transaction:
                with self.db.atomic():  # nested: a savepoint
                    yield
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.rollback()
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise describe(exc, self.path) from None

    def _query(self, sql: str, params: Any = ()) -> list[dict]:
        try:
            cursor = self.conn.execute(sql, params)
            columns = [c[0] for c in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise describe(exc, self.path) from None

    # -- questionnaires ------------------------------------------------------------------------

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
                raise StorageError(f"The questionnaire {content_hash[:12]} used by this workshop "
                                   "is missing from the database.")
            self._questionnaire_cache[content_hash] = questionnaire_from_content(
                json.loads(rows[0]["content"]), f"stored questionnaire {content_hash[:12]}")
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
                            stamp_after(now_iso(), earlier.deleted_at if earlier else ""))
        with self.transaction():
            self.write_workshop(workshop, questionnaire)
        return self.workshop(workshop.id)

    def write_workshop(self, workshop: Workshop, questionnaire: Questionnaire) -> None:
        """Insert a new workshop (and its questionnaire snapshot) inside the caller's
        transaction."""
        stamp = now_iso()
        self.remember_questionnaire(questionnaire)
        self.db.table("workshops").insert({
            "id": workshop.id, "name": workshop.name, "organization": workshop.organization,
            "date": workshop.date, "questionnaire_id": workshop.questionnaire_id,
            "questionnaire_version": workshop.questionnaire_version,
            "questionnaire_hash": workshop.questionnaire_hash, "created_at": stamp,
            "updated_at": stamp, "edited_at": workshop.edited_at or stamp})

    def workshop(self, workshop_id: str) -> Workshop:
        rows = self._query("SELECT * FROM workshops WHERE id = ?", [workshop_id])
        if not rows:
            raise StorageError(f"There is no workshop with id {workshop_id}.")
        return _record(Workshop, rows[0])

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

    def update_workshop(self, workshop_id: str, **fields: str) -> Workshop:
        allowed = {"name", "organization", "date"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        values: dict[str, str] = workshop_fields(fields)
        before = self.workshop(workshop_id)
        values["updated_at"] = now_iso()
        if any(getattr(before, key) != value for key, value in values.items()
               if key in allowed):  # a rename travels by this time (``exchange.bundle``)
            values["edited_at"] = stamp_after(values["updated_at"], before.edited_at)
        with self.transaction():
            self.db.table("workshops").update(workshop_id, values)
        return self.workshop(workshop_id)

    def write_workshop_details(self, workshop: Workshop) -> None:
        """Take another laptop's later name, organisation and date (with their edit time)
        inside the caller's transaction."""
        self.db.execute("""UPDATE workshops SET name = ?, organization = ?, date = ?,
                           edited_at = ?, updated_at = ? WHERE id = ?""",
                        [workshop.name, workshop.organization, workshop.date,
                         workshop.edited_at, now_iso(), workshop.id])

    def delete_workshop(self, workshop_id: str) -> None:
        """Delete a workshop with everything in it, keeping a record of the deletion so that a
        bundle made before it does not bring the workshop back."""
        rows = self._query("SELECT edited_at FROM workshops WHERE id = ?", [workshop_id])
        with self.transaction():
            if rows:
                self._record_deletion("workshop", workshop_id, workshop_id, rows[0]["edited_at"])
            self.db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])

    # -- deletions ------------------------------------------------------------------------------

    def _record_deletion(self, kind: str, record_id: str, workshop_id: str,
                         edited_at: str) -> None:
        """Record a deletion made here now: at the latest of now, the record's last edit (a
        deletion beats the version it deletes, whatever the clocks) and an earlier deletion."""
        earlier = self.deletion(kind, record_id)
        self.write_deletion(Deletion(kind, record_id, workshop_id, latest_stamp(
            now_iso(), edited_at, earlier.deleted_at if earlier else "")))

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
        return _record(Deletion, rows[0]) if rows else None

    def deletions(self, workshop_id: str) -> list[Deletion]:
        """The recorded deletions of a workshop's participants (and of the workshop itself)."""
        rows = self._query("SELECT * FROM deletions WHERE workshop_id = ? ORDER BY kind, id",
                           [workshop_id])
        return [_record(Deletion, r) for r in rows]

    # -- facilitator PIN ----------------------------------------------------------------------

    def set_pin(self, workshop_id: str, pin: str | None) -> None:
        """Set (or with None/"" remove) the PIN that guards leaving answering mode; either way
        the count of wrong tries starts again (``pin``)."""
        if pin and not is_valid_pin(pin):
            raise StorageError(PIN_RULE)
        with self.transaction():
            self.db.execute("UPDATE workshops SET pin_hash = ? WHERE id = ?",
                            [hash_pin(pin) if pin else "", workshop_id])
            self.db.execute("DELETE FROM pin_attempts WHERE workshop_id = ?", [workshop_id])

    def has_pin(self, workshop_id: str) -> bool:
        return bool(self._pin_hash(workshop_id))

    def pin_wait(self, workshop_id: str) -> float:
        """Seconds before the next try at the PIN is taken (0: it may be tried now)."""
        failures, last_try = self._pin_attempts(workshop_id)
        return pins.wait_left(failures, last_try, pins.now())

    def check_pin(self, workshop_id: str, pin: str) -> PinCheck:
        """One try at the workshop's PIN (right when there is none). During a wait the try is
        not taken; otherwise it is counted as wrong, and committed, before the PIN is checked
        (two tries at once gain nothing), and a right PIN clears the count (``pin``)."""
        stored = self._pin_hash(workshop_id)
        if not stored:
            return PinCheck(True)
        at = pins.now()
        with self.transaction():
            failures, last_try = self._pin_attempts(workshop_id)
            wait = pins.wait_left(failures, last_try, at)
            if wait > 0:
                return PinCheck(False, wait, taken=False)
            self.db.execute("""INSERT INTO pin_attempts (workshop_id, failures, last_try)
                               VALUES (?, ?, ?) ON CONFLICT (workshop_id) DO UPDATE SET
                               failures = excluded.failures, last_try = excluded.last_try""",
                            [workshop_id, failures + 1, at])
        if pin_matches(pin, stored):
            with self.transaction():
                self.db.execute("DELETE FROM pin_attempts WHERE workshop_id = ?", [workshop_id])
            return PinCheck(True)
        return PinCheck(False, pins.wait_after(failures + 1))

    def _pin_attempts(self, workshop_id: str) -> tuple[int, float]:
        """Wrong tries in a row at a workshop's PIN, and when the last was made."""
        rows = self._query("SELECT failures, last_try FROM pin_attempts WHERE workshop_id = ?",
                           [workshop_id])
        return (rows[0]["failures"], rows[0]["last_try"]) if rows else (0, 0.0)

    def _pin_hash(self, workshop_id: str) -> str:
        rows = self._query("SELECT pin_hash FROM workshops WHERE id = ?", [workshop_id])
        return rows[0]["pin_hash"] if rows else ""

    # -- action plan --------------------------------------------------------------------------

    def plan_rows(self, workshop_id: str) -> list[dict]:
        """The facilitator's saved plan, in plan order (empty: no edits, use the suggestion)."""
        return self._query("SELECT * FROM plan_entries WHERE workshop_id = ? ORDER BY position",
                           [workshop_id])

    def plan_agreed_at(self, workshop_id: str) -> str:
        """When the facilitator marked the plan agreed with the room; empty: still suggested."""
        rows = self._query("SELECT plan_agreed_at FROM workshops WHERE id = ?", [workshop_id])
        return rows[0]["plan_agreed_at"] if rows else ""

    def set_plan_agreed_at(self, workshop_id: str, stamp: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE workshops SET plan_agreed_at = ? WHERE id = ?",
                            [stamp, workshop_id])
            self._touch(workshop_id)

    def save_plan_rows(self, workshop_id: str, rows: list[dict]) -> None:
        """Replace the saved plan in one transaction."""
        for row in rows:
            within_limit("notes", clean_text(row.get("notes", ""), multiline=True))
        with self.transaction():
            self.db.execute("DELETE FROM plan_entries WHERE workshop_id = ?", [workshop_id])
            for position, row in enumerate(rows):
                self.db.execute(
                    """INSERT INTO plan_entries (workshop_id, action_id, position, included,
                       owner, horizon, due, notes, accountable, status)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [workshop_id, row["action_id"], position, int(bool(row["included"])),
                     row["owner"], row["horizon"], row.get("due", ""),
                     clean_text(row.get("notes", ""), multiline=True),
                     row.get("accountable", ""), row.get("status", "not started")])
            self._touch(workshop_id)

    # -- participants --------------------------------------------------------------------------

    def add_participant(self, workshop_id: str, name: str, role: str, title: str = "",
                        participant_id: str | None = None) -> Participant:
        name, title = participant_fields(name, role, title)
        earlier = self.deletion("participant", participant_id) if participant_id else None
        participant = Participant(participant_id or new_id(), workshop_id, name, role, title,
                                  stamp_after(now_iso(), earlier.deleted_at if earlier else ""))
        with self.transaction():
            self.write_participant(participant)
            self._touch(workshop_id)
        return self.participant(participant.id)

    def write_participant(self, participant: Participant) -> None:
        """Insert a new participant inside the caller's transaction."""
        p = participant
        stamp = now_iso()
        self.db.table("participants").insert({
            "id": p.id, "workshop_id": p.workshop_id, "name": p.name, "role": p.role,
            "title": p.title, "created_at": stamp, "edited_at": p.edited_at or stamp})

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
            raise StorageError(f"There is no participant with id {participant_id}.")
        return _record(Participant, rows[0])

    def participants(self, workshop_id: str) -> list[Participant]:
        rows = self._query("SELECT * FROM participants WHERE workshop_id = ? "
                           "ORDER BY created_at, rowid", [workshop_id])
        return [_record(Participant, r) for r in rows]

    def update_participant(self, participant_id: str, name: str, role: str, title: str
                           ) -> Participant:
        name, title = participant_fields(name, role, title)
        p = self.participant(participant_id)
        values = {"name": name, "role": role, "title": title}
        if (p.name, p.role, p.title) != (name, role, title):  # travels by this time
            values["edited_at"] = stamp_after(now_iso(), p.edited_at)
        with self.transaction():
            self.db.table("participants").update(participant_id, values)
            self._touch(p.workshop_id)
        return self.participant(participant_id)

    def remove_participant(self, participant_id: str) -> None:
        """Remove a participant and their answers, keeping a record of the deletion so that a
        bundle made before it does not bring them back."""
        p = self.participant(participant_id)
        with self.transaction():
            self._record_deletion("participant", p.id, p.workshop_id, p.edited_at)
            self.erase_participant(participant_id)
            self._touch(p.workshop_id)

    def completion(self, workshop_id: str) -> dict[str, int]:
        """Complete answers per participant of a workshop (the counts migration 4 keeps;
        don't-knows count): with the item count, ``records.has_finished`` says who is done."""
        rows = self._query("SELECT id, finished FROM participants WHERE workshop_id = ?",
                           [workshop_id])
        return {row["id"]: row["finished"] for row in rows}

    # -- answers -------------------------------------------------------------------------------

    def save_answer(self, participant_id: str, item_id: str, current: int | None,
                    target: int | None, comment: str = "", answered_at: str | None = None
                    ) -> Answer:
        """Save one answer as one committed transaction; ``current=None`` is "don't know"."""
        problem = level_problem(current, target)
        if problem:
            raise StorageError(problem.sentence)
        comment = clean_text(comment, True)
        within_limit("comment", comment)
        answer = Answer(participant_id, item_id, current, target, comment,
                        answered_at or now_iso())
        with self.transaction():
            self.write_answer(answer)
        return answer

    def write_answer(self, answer: Answer) -> None:
        """Insert or replace one answer inside the caller's transaction."""
        self.db.execute(
            """INSERT INTO answers (participant_id, item_id, current, target, comment,
                                    answered_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (participant_id, item_id) DO UPDATE SET
                 current = excluded.current, target = excluded.target,
                 comment = excluded.comment, answered_at = excluded.answered_at""",
            [answer.participant_id, answer.item_id, answer.current, answer.target,
             answer.comment, answer.answered_at])

    def clear_answer(self, participant_id: str, item_id: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM answers WHERE participant_id = ? AND item_id = ?",
                            [participant_id, item_id])

    def answers_for_participant(self, participant_id: str) -> dict[str, Answer]:
        rows = self._query("SELECT * FROM answers WHERE participant_id = ?", [participant_id])
        return {r["item_id"]: _record(Answer, r) for r in rows}

    def answers_for_workshop(self, workshop_id: str) -> list[Answer]:
        rows = self._query("""SELECT a.* FROM answers a JOIN participants p
                              ON p.id = a.participant_id WHERE p.workshop_id = ?
                              ORDER BY p.created_at, p.rowid, a.item_id""", [workshop_id])
        return [_record(Answer, r) for r in rows]

    def _touch(self, workshop_id: str) -> None:
        self.db.execute("UPDATE workshops SET updated_at = ? WHERE id = ?",
                        [now_iso(), workshop_id])


R = TypeVar("R", Workshop, Participant, Answer, Deletion)
_COLUMNS = {record: tuple(f.name for f in dataclasses.fields(record))
            for record in (Workshop, Participant, Answer, Deletion)}


def _record(record: type[R], row: dict) -> R:
    """A record from a row of its table (the record's fields are columns of that table)."""
    return record(*(row[name] for name in _COLUMNS[record]))
